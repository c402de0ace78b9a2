"""`quotes render`: one self-contained HTML page to read the claims in.

The article text keeps its line breaks, each claim highlighted by type with
its cue and speaker mention marked; a panel lists the records, and each one
links to its text. No network, no external assets: the file can be mailed,
archived and printed. It reads by keyboard (every record is a link, a skip
link leads to them) and in print (types differ by underline, not colour
alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..attribution.outlets import MarkedLine
from ..records import Claim, Extraction
from .html_page import escaped as _e
from .html_page import page

_CSS = """
:root { --direct: #ffe08a; --indirect: #bfe3ff; --mixed: #ddd0ff; --ink: #1d1d1f; --muted: #5b5b66; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); background: #fbfbf8; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em 1em; }
.skip:focus { left: 1em; z-index: 2; }
header { padding: 1.2em 2em .6em; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { margin: 0 0 .2em; font-size: 1.5em; line-height: 1.25; }
.meta, .legend { margin: .2em 0; color: var(--muted); font: 14px/1.5 system-ui, sans-serif; }
.legend span { margin-right: .8em; padding: 0 .3em; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 2em; padding: 1.5em 2em; }
#text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 46em; }
mark.claim { color: inherit; padding: .05em 0; border-bottom: 2px solid transparent; }
.claim.direct { background: var(--direct); border-bottom-style: solid; border-bottom-color: #b38900; }
.claim.indirect { background: var(--indirect); border-bottom-style: dashed; border-bottom-color: #1f6fa8; }
.claim.mixed { background: var(--mixed); border-bottom-style: dotted; border-bottom-color: #6a4cc2; }
.cue { font-weight: bold; text-decoration: underline wavy #b03a2e; text-underline-offset: 3px; }
.speaker { font-weight: bold; outline: 2px solid #2e7d32; outline-offset: 1px; border-radius: 2px; }
.boilerplate { color: #8a8a8a; }
.current { box-shadow: 0 0 0 3px #ff6f00; }
.anchor { scroll-margin-top: 4em; }
#claims h2 { margin-top: 0; font: 600 1.1em system-ui, sans-serif; }
#claims ol { list-style: none; margin: 0; padding: 0; }
#claims li { margin: 0 0 .8em; }
#claims a { display: block; padding: .6em .8em; border-left: 6px solid #999; background: #fff; color: inherit; text-decoration: none; font: 14px/1.45 system-ui, sans-serif; }
#claims a.direct { border-left-color: #b38900; }
#claims a.indirect { border-left-color: #1f6fa8; }
#claims a.mixed { border-left-color: #6a4cc2; }
#claims a:hover, #claims a:focus { background: #f1f5ff; outline: 3px solid #1f6fa8; }
.who { font-weight: 600; }
.what { color: var(--muted); }
.quote { display: block; margin-top: .3em; font-style: italic; }
@media (max-width: 50em) { main { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; }
  main { display: block; }
  #claims { break-before: page; }
  #claims a { border: 1px solid #999; border-left-width: 6px; }
  mark.claim, .legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .skip { display: none; }
}
"""

# Clicking a record outlines every piece of its text; the link's own jump
# works without it.
_SCRIPT = """
document.querySelectorAll('#claims a').forEach(function (link) {
  link.addEventListener('click', function () {
    var id = link.getAttribute('data-claim');
    document.querySelectorAll('.current').forEach(function (el) { el.classList.remove('current'); });
    document.querySelectorAll('[data-claims~="' + id + '"]').forEach(function (el) { el.classList.add('current'); });
  });
});
"""


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    role: str  # "claim", "cue" or "speaker"
    claim: Claim


def render_report(extraction: Extraction, text: str, boilerplate: Sequence[MarkedLine] = ()) -> str:
    """The report page for `extraction` of `text` (the text its offsets
    index), with the `boilerplate` extraction skipped shown greyed."""
    article = extraction.article
    title = article.title or "Claims"
    meta = " · ".join(v for v in (article.outlet, article.author, article.published) if v)
    count = len(extraction.claims)
    return page(
        f"Claims: {title}",
        _CSS,
        [
            '<a class="skip" href="#claims">Skip to the claims</a>',
            "<header>",
            f"<h1>{_e(title)}</h1>",
            f'<p class="meta">{_e(meta)}{" · " if meta else ""}{count} claim{"s" if count != 1 else ""}</p>',
            '<p class="legend">'
            '<span class="claim direct">direct</span><span class="claim indirect">indirect</span>'
            '<span class="claim mixed">mixed</span><span class="cue">cue</span><span class="speaker">speaker</span>'
            '<span class="boilerplate">boilerplate, skipped</span></p>',
            "</header>",
            "<main>",
            f'<article id="text" aria-label="Article text">{highlighted_text(extraction.claims, text, boilerplate)}</article>',
            f'<aside id="claims" aria-label="Claims"><h2>Claims</h2><ol>{"".join(_record(c) for c in extraction.claims)}</ol></aside>',
            "</main>",
            f"<script>{_SCRIPT}</script>",
        ],
    )


def highlighted_text(claims: list[Claim], text: str, boilerplate: Sequence[MarkedLine] = ()) -> str:
    """`text`, escaped, with every claim span, cue and speaker mention marked,
    and the boilerplate greyed.

    Claims may nest (a cue inside another claim's content), so the text is
    cut at every edge and each piece carries all the marks over it.
    """
    skipped = [(m.start, m.end, f"{m.label} ({m.rule})") for m in boilerplate]
    marks = [_Mark(s.start, s.end, "claim", c) for c in claims for s in c.spans]
    marks += [_Mark(c.cue.start, c.cue.end, "cue", c) for c in claims if c.cue]
    marks += [_Mark(m.start, m.end, "speaker", c) for c in claims if (m := c.speaker.mention)]
    edges = sorted(
        {
            0,
            len(text),
            *(m.start for m in marks),
            *(m.end for m in marks),
            *(s for s, _, _ in skipped),
            *(e for _, e, _ in skipped),
        }
    )
    starts = {c.start: c for c in claims}
    pieces = []
    for start, end in pairwise(edges):
        if start in starts:
            pieces.append(f'<span class="anchor" id="claim-{starts[start].id}"></span>')
        over = [m for m in marks if m.start <= start and end <= m.end]
        piece = _piece(text[start:end], over)
        label = next((label for s, e, label in skipped if s <= start and end <= e), None)
        pieces.append(f'<span class="boilerplate" title="boilerplate: {_e(label)}">{piece}</span>' if label else piece)
    return "".join(pieces)


def _piece(text: str, over: list[_Mark]) -> str:
    if not over:
        return _e(text)
    ids = sorted({m.claim.id for m in over}, key=lambda i: int(i[1:]) if i[1:].isdigit() else 0)
    roles = {m.role for m in over}
    inner = _e(text)
    for role in ("speaker", "cue"):
        if role in roles:
            inner = f'<span class="{role}">{inner}</span>'
    claims = [m.claim for m in over if m.role == "claim"]
    if claims:
        innermost = max(claims, key=lambda c: c.start)
        return f'<mark class="claim {innermost.type}" data-claims="{" ".join(ids)}">{inner}</mark>'
    return f'<span data-claims="{" ".join(ids)}">{inner}</span>'


def _record(claim: Claim) -> str:
    speaker = claim.speaker
    who = speaker.name or (speaker.mention.text if speaker.mention else "no speaker found")
    details = [
        ("role", speaker.role),
        ("affiliation", speaker.affiliation),
        ("via", claim.source.via),
        ("cue", claim.cue.text if claim.cue else None),
    ]
    described = "; ".join(f"{label}: {_e(value)}" for label, value in details if value)
    negated = " · reported as not said" if claim.negated else ""
    excerpt = " ".join(claim.text.split())
    excerpt = excerpt if len(excerpt) <= 160 else excerpt[:157] + "…"
    return (
        f'<li><a href="#claim-{claim.id}" class="{claim.type}" data-claim="{claim.id}">'
        f'<span class="who">{_e(who)}</span> <span class="what">{claim.id} · {claim.type}{negated}</span><br>'
        f'<span class="what">{described}</span>'
        f'<span class="quote">{_e(excerpt)}</span></a></li>'
    )
