"""`quotes trace --format html`: one self-contained page showing where a
quote appeared, as a timeline.

Each appearance is a card, earliest first, with its date, outlet, speaker,
claim id and a link to the article; the words it changed from the first
appearance are marked in its text (the old words in the mark's title),
words it added are marked too and words it dropped shown struck through.
A speaker who cannot be the first appearance's is flagged on the card. No
network, no script: inline CSS only, so the page can be mailed and
archived; changes differ by outline and underline, not colour alone.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..database.tracing import Appearance, Edit, Trace, same_person
from .html_page import escaped as _e
from .html_page import page

_CSS = """
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #c9c9d1; --changed: #ffd27a; --added: #c8f0c0; --conflict: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fbfbf8; }
header { padding: 1.2em 2em .8em; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { margin: 0 0 .3em; font: 600 1.4em/1.3 system-ui, sans-serif; }
blockquote { margin: .4em 0; padding-left: 1em; border-left: 4px solid var(--line); font-style: italic; }
.summary, .speakers, .meta, .changes { font: 14px/1.5 system-ui, sans-serif; color: var(--muted); }
.summary, .speakers { margin: .3em 0; }
.flag { display: inline-block; margin-left: .5em; padding: 0 .5em; border: 1px solid; border-radius: 3px; font-weight: 600; }
.flag.conflict { color: var(--conflict); }
.flag.altered { color: #7a4d00; }
main { padding: 1.5em 2em; max-width: 52em; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.6em; border-left: 3px solid var(--line); }
li.appearance { position: relative; margin: 0 0 1.4em; padding: .7em 1em; background: #fff; border: 1px solid #e2e2e8; border-radius: 4px; }
li.appearance::before { content: ""; position: absolute; left: -2.3em; top: 1em; width: .9em; height: .9em; border-radius: 50%;
  background: #fff; border: 3px solid #6b6b78; }
li.appearance.first::before { background: #6b6b78; }
.meta time, .meta .outlet { font-weight: 600; color: var(--ink); }
.meta .other-speaker { color: var(--conflict); font-weight: 600; }
.quote { margin: .4em 0; overflow-wrap: anywhere; }
mark.changed { color: inherit; background: var(--changed); outline: 1px solid #b37700; padding: 0 .1em; }
mark.changed.added { background: var(--added); outline-color: #2e7d32; text-decoration: underline; }
del.dropped { color: var(--conflict); text-decoration-thickness: 2px; }
.changes { margin: .2em 0 0; padding: 0; list-style: none; }
.changes li { display: inline; margin-right: 1em; }
.none { font: 15px system-ui, sans-serif; color: var(--muted); }
@media print {
  body { background: #fff; }
  mark.changed, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  li.appearance { break-inside: avoid; }
}
"""


def render_trace_page(trace: Trace) -> str:
    """The trace page for `trace`."""
    first = trace.first
    first_speaker = first.hit.speaker if first else None
    cards = "".join(_card(i, a, first_speaker) for i, a in enumerate(trace.appearances))
    timeline = (
        f'<ol class="timeline" aria-label="Appearances, earliest first">{cards}</ol>'
        if cards
        else '<p class="none">No appearance of this quote among the claims searched.</p>'
    )
    speakers = ", ".join(_e(s) for s in trace.speakers)
    return page(
        f"Trace: {_excerpt(trace.query, 80)}",
        _CSS,
        [
            "<header>",
            "<h1>Where this quote appeared</h1>",
            f'<blockquote class="query">{_e(trace.query)}</blockquote>',
            f'<p class="summary">{_summary(trace)}</p>',
            f'<p class="speakers">Attributed to: {speakers}</p>' if speakers else "",
            "</header>",
            f"<main>{timeline}</main>",
        ],
    )


def _summary(trace: Trace) -> str:
    count = len(trace.appearances)
    parts = [f"{count} appearance{'s' if count != 1 else ''}"]
    if (first := trace.first) is not None:
        hit = first.hit
        parts.append(f"first: {_e(hit.outlet or 'unknown outlet')}, {_e(hit.published or 'date unknown')}")
    flags = []
    if trace.conflicting_speakers:
        flags.append('<span class="flag conflict">speakers conflict</span>')
    if trace.altered:
        flags.append('<span class="flag altered">words altered</span>')
    return " · ".join(parts) + "".join(flags)


def _card(index: int, appearance: Appearance, first_speaker: str | None) -> str:
    hit = appearance.hit
    date = f'<time datetime="{_e(hit.published)}">{_e(hit.published)}</time>' if hit.published else "date unknown"
    speaker = _e(hit.speaker or "no speaker found")
    if hit.speaker and first_speaker and not same_person(hit.speaker, first_speaker):
        speaker = f'<span class="other-speaker" title="attributed to someone else than the first appearance">{speaker}</span>'
    link = f' · <a href="{_e(hit.url)}">article</a>' if hit.url and _is_web_address(hit.url) else ""
    label = " · first appearance" if index == 0 else ""
    changes = "".join(f"<li>{_change(c)}</li>" for c in appearance.changes)
    return (
        f'<li class="appearance{" first" if index == 0 else ""}" id="appearance-{index + 1}" data-claim="{_e(hit.claim_id)}">'
        f'<div class="meta">{date} · <span class="outlet">{_e(hit.outlet or "unknown outlet")}</span> · '
        f'<span class="speaker">{speaker}</span> · <code>{_e(hit.claim_id)}</code>{link}{label}</div>'
        f'<p class="quote">{marked_text(hit.text, appearance.changes)}</p>'
        + (f'<ul class="changes" aria-label="Changed words">{changes}</ul>' if changes else "")
        + "</li>"
    )


def marked_text(text: str, changes: tuple[Edit, ...]) -> str:
    """`text`, escaped, with each change marked where it stands: replacing
    words with the old ones in the title, added words, dropped words struck
    through at the point they were dropped from."""
    pieces = []
    position = 0
    for change in sorted(changes, key=lambda c: (c.at_start, c.at_end)):
        pieces.append(_e(text[position : change.at_start]))
        shown = _e(text[change.at_start : change.at_end])
        if not change.after:
            pieces.append(f' <del class="dropped" title="dropped">{_e(change.before)}</del>')
        elif not change.before:
            pieces.append(f'<mark class="changed added" title="added">{shown}</mark>')
        else:
            pieces.append(f'<mark class="changed" title="was: {_e(change.before)}">{shown}</mark>')
        position = change.at_end
    pieces.append(_e(text[position:]))
    return "".join(pieces)


def _change(change: Edit) -> str:
    if not change.before:
        return f"added <ins>{_e(change.after)}</ins>"
    if not change.after:
        return f"dropped <del>{_e(change.before)}</del>"
    return f"<del>{_e(change.before)}</del> → <ins>{_e(change.after)}</ins>"


def _is_web_address(url: str) -> bool:
    # Escaping keeps a URL from breaking out of the attribute, not a
    # "javascript:" one from running when followed.
    return urlsplit(url.strip()).scheme.lower() in ("http", "https")


def _excerpt(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
