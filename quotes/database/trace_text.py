"""`quotes trace --format text`: a trace to read in a terminal.

A header says what was traced, how often it appeared, where first and
whether the attribution or the words shifted; then one block per
appearance, earliest first, with its changed words. Plain text, no colour,
no line wider than WIDTH.
"""

from __future__ import annotations

import re
import textwrap

from .tracing import Appearance, Edit, Trace, same_person

WIDTH = 88
_INDENT = "    "
# Control characters from a crawled page (an escape sequence in a quote)
# would drive the terminal: they are not printed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render_trace_text(trace: Trace) -> str:
    lines = _wrapped(f"Trace: “{trace.query.strip()}”", "       ")
    lines.append(_summary(trace))
    if trace.speakers:
        lines += _wrapped("Speakers: " + ", ".join(trace.speakers), "          ")
    first_speaker = trace.first.hit.speaker if trace.first else None
    for number, appearance in enumerate(trace.appearances, 1):
        lines.append("")
        lines += _block(number, appearance, first_speaker)
    return _CONTROL.sub("", "\n".join(lines)) + "\n"


def _summary(trace: Trace) -> str:
    count = len(trace.appearances)
    if not count:
        return "No appearance of this quote among the claims searched."
    parts = [f"{count} appearance{'s' if count != 1 else ''}"]
    if (first := trace.first) is not None:
        hit = first.hit
        parts.append(f"first: {hit.outlet or 'unknown outlet'}, {hit.published or 'date unknown'}")
    if trace.conflicting_speakers:
        parts.append("speakers conflict")
    if trace.altered:
        parts.append("words altered")
    return " · ".join(parts)


def _block(number: int, appearance: Appearance, first_speaker: str | None) -> list[str]:
    hit = appearance.hit
    speaker = hit.speaker or "no speaker found"
    if hit.speaker and first_speaker and not same_person(hit.speaker, first_speaker):
        speaker += " (not the first's speaker)"
    head = f"{number}. {hit.published or 'date unknown'} · {hit.outlet or 'unknown outlet'} · {speaker} · {hit.claim_id}"
    lines = _wrapped(head, _INDENT)
    lines += _wrapped(" ".join(hit.text.split()), _INDENT, first=_INDENT)
    if hit.url:
        lines.append(f"{_INDENT}{hit.url}")
    if appearance.changes:
        lines += _wrapped("changes: " + "; ".join(_change(c) for c in appearance.changes), _INDENT * 2, first=_INDENT)
    elif number > 1:
        lines.append(f"{_INDENT}no words changed")
    return lines


def _change(change: Edit) -> str:
    if not change.before:
        return f"added “{change.after}”"
    if not change.after:
        return f"dropped “{change.before}”"
    return f"{change.before} → {change.after}"


def _wrapped(text: str, indent: str, first: str = "") -> list[str]:
    # A URL or a long word may not break; it stays whole on its own line.
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False) or [first]
