"""Quotes no cue of their own attributes: news style runs a speech on over
several quotes and paragraphs after one "he said". Each takes the speaker of
the attributed claim beside it, or stands unattributed when it is a sentence of
its own; a quoted title ("The Morning Hour") is named, not said.
"""

from __future__ import annotations

import bisect
import re

from ..rules.ruleset import RuleSet
from .drafts import Draft, paragraph_bounds, stands_alone
from .quotemarks import QuotedSpan

CONTINUATION_RULE = "quotes.quote-marks#continuation"
UNATTRIBUTED_RULE = "quotes.quote-marks#unattributed"


def continuation_drafts(text: str, quotes: list[QuotedSpan], drafts: list[Draft], rules: RuleSet) -> list[Draft]:
    """Quotes with no cue of their own take the speaker of the attributed
    quote beside them: in the same paragraph, or, for a paragraph that opens
    with a quote, the paragraph before (news style for a speech that runs on)."""
    used = {id(q) for d in drafts for q in d.used_quotes}
    attributed = sorted(drafts, key=lambda d: d.start)
    added: list[Draft] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        if id(quote) in used or quote.word_count(text) < rules.min_quote_words:
            continue
        if _looks_like_a_title(quote.text(text)):
            continue  # “The Morning Hour With Dana Reyes” is named, not said
        if any(d.start <= quote.start < d.end for d in attributed):
            continue
        neighbour = _attributed_neighbour(text, quote, attributed)
        if neighbour is not None:
            draft = _continuing(quote, *neighbour)
        elif stands_alone(text, quote):
            draft = Draft("direct", list(quote.parts), None, 0.3, UNATTRIBUTED_RULE, used_quotes=[quote])
        else:
            continue
        added.append(draft)
        bisect.insort(attributed, draft, key=lambda d: d.start)
    return added


_TITLE_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def _looks_like_a_title(quoted: str) -> bool:
    """Every word capitalised, bar the small ones, and no sentence in it: a
    show, a book, a place ("It's Our Time." is still said)."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quoted)
    return (
        len(words) >= 2
        and not re.search(r"[.!?]", quoted)
        and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
    )


def _attributed_neighbour(text: str, quote: QuotedSpan, attributed: list[Draft]) -> tuple[Draft, float] | None:
    para_start, para_end = paragraph_bounds(text, quote.open_mark)
    at = bisect.bisect_left([d.start for d in attributed], quote.start)
    before = attributed[at - 1] if at > 0 else None
    after = attributed[at] if at < len(attributed) else None
    if before is not None and not _has_speaker_source(before):
        before = None
    if before is not None:
        before = _outermost(before, attributed[:at])
    if after is not None and not _has_speaker_source(after):
        after = None
    if before is not None and before.start >= para_start:
        return before, 0.85
    if after is not None and after.start < para_end:
        return after, 0.8
    opens_paragraph = quote.open_mark == para_start + _indent(text, para_start)
    if before is not None and opens_paragraph and before.end >= _previous_paragraph_start(text, para_start):
        return before, 0.7
    return None


def _outermost(draft: Draft, earlier: list[Draft]) -> Draft:
    """The claim whose content holds `draft` ("He said the allies will seek
    sanctions": the allies' seeking is his claim), or whose cue governs its
    cue ("“…,” said Ana Ruiz, who has long known him": her knowing hangs on
    her saying), else `draft` itself."""
    for other in earlier:
        if other is not draft and other.start <= draft.start < other.end and _has_speaker_source(other):
            return other
    verb = draft.cue.verb if draft.cue is not None else None
    if verb is not None and draft.inherits is None:
        governing = set(verb.ancestors)
        for other in reversed(earlier):
            if other is not draft and other.cue is not None and other.cue.verb in governing:
                return other.inherits or other
    return draft


def _has_speaker_source(draft: Draft) -> bool:
    return draft.cue is not None or draft.inherits is not None


def _indent(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip(" \t\u00a0"))


def _previous_paragraph_start(text: str, para_start: int) -> int:
    position = para_start - 1
    while position > 0 and text[position - 1] in "\r\n":
        position -= 1
    return text.rfind("\n", 0, position) + 1


def _continuing(quote: QuotedSpan, source: Draft, confidence: float) -> Draft:
    # The cue that attributes the quote it carries on from attributes this
    # one too: “A,” he said. “B.” are both his, both by "he said".
    root = source.inherits or source
    return Draft(
        "direct",
        list(quote.parts),
        root.cue,
        min(confidence, root.confidence),
        CONTINUATION_RULE,
        inherits=root,
        used_quotes=[quote],
    )
