"""Pair cues with what they report, then name the speakers.

Two passes. The first turns cues and quotation marks into drafts: a direct
quote next to its cue, reported speech from the parse (`drafts`), quotes that
carry on from an attributed one (`continuations`). The second walks the drafts
in text order and resolves each speaker to a person the article introduced,
so that "he" can refer to whoever spoke last (`speakers`). What is left is
sorted out here and made into records: a cue inside another claim by the same
speaker is part of it, and the author's own voice is no quote.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..evaluation.calibration_model import calibrated
from ..records import Claim, Mention, Source, Speaker, TextSpan
from ..rules.ruleset import RuleSet
from .continuations import continuation_drafts
from .cues import Cue
from .drafts import Draft, cue_drafts
from .entities import EntityRegistry
from .outlets import ArticleReading
from .people import is_impersonal
from .quotemarks import QuotedSpan
from .speakers import resolve_speakers
from .trace import decline_cue, is_tracing


def build_claims(
    doc: Doc,
    text: str,
    cues: list[Cue],
    quotes: list[QuotedSpan],
    reading: ArticleReading,
    registry: EntityRegistry,
    rules: RuleSet,
) -> list[Claim]:
    """The claim records of one article, numbered in text order. Quotes in
    boilerplate lines are no one's; confidences are calibrated when the rules
    carry a calibration."""
    quotes = [q for q in quotes if not reading.is_marked(q.start, q.end)]
    drafts = cue_drafts(doc, text, cues, quotes, reading, rules)
    drafts += continuation_drafts(text, quotes, drafts, rules)
    drafts.sort(key=lambda d: d.start)
    resolve_speakers(doc, drafts, registry, reading)
    unnested = _without_nested(drafts, doc, rules)
    kept = [d for d in unnested if not _is_authors_voice(d, rules, reading.article.author) or _answers(d, doc, reading)]
    if is_tracing():
        _note_dropped(drafts, unnested, "it stands in the content of a claim by the same speaker, which it is part of")
        _note_dropped(
            unnested,
            kept,
            "the author's own voice (I/we outside quotes and an interview's answers, an impersonal 'it is worth noting', or the byline's author)",
        )
    for draft in kept:
        draft.parts = _after_marked_starts(draft.parts, reading, text)
    drafts = [d for d in kept if d.parts]
    claims = [_to_claim(doc, text, i, d, reading) for i, d in enumerate(drafts, start=1)]
    return claims if rules.calibration is None else calibrated(claims, rules.calibration, rules.rule_confidences)


def _note_dropped(before: list[Draft], after: list[Draft], reason: str) -> None:
    """Tell the trace why a drafted claim's cue came to nothing."""
    left = {id(d) for d in after}
    for draft in before:
        if id(draft) not in left and draft.cue is not None:
            decline_cue(draft.cue.rule, draft.cue.start, draft.cue.end, reason)


def _after_marked_starts(parts: list[TextSpan], reading: ArticleReading, text: str) -> list[TextSpan]:
    """Content begins after a marked line start: "WASHINGTON (AP) — The plan
    will fail" reports "The plan will fail"."""
    kept = []
    for part in parts:
        start = part.start
        for marked in reading.marked:
            if marked.start <= start < marked.end:
                start = marked.end
        while start < part.end and text[start].isspace():
            start += 1
        if start < part.end:
            kept.append(TextSpan(start, part.end))
    return kept


def _without_nested(drafts: list[Draft], doc: Doc, rules: RuleSet) -> list[Draft]:
    """A cue inside another claim's content is a claim of its own when it
    gives the words of another source ("Lukin said Putin wants ...", "they
    paid for what auditors said was a lavish trip"); the same speaker again
    ("he said he wanted ...") is part of the claim around it."""
    kept = []
    for draft in drafts:
        cue_char = doc[draft.cue.start].idx if draft.cue and draft.inherits is None else draft.start
        host = next(
            (other for other in drafts if other is not draft and any(p.start <= cue_char < p.end for p in other.parts)),
            None,
        )
        if host is None or draft.type == "direct" or _another_source(draft, host, rules):
            kept.append(draft)
    return kept


def _another_source(draft: Draft, host: Draft, rules: RuleSet) -> bool:
    name = draft.speaker.name if draft.speaker else None
    host_name = host.speaker.name if host.speaker else None
    mention = _mention_text(draft)
    if name is None and (mention is None or mention in rules.pronouns):
        return False  # an unresolved "she" most likely means the speaker around it
    if name is not None or host_name is not None:
        return name != host_name
    return mention != _mention_text(host)


def _mention_text(draft: Draft) -> str | None:
    mention = draft.speaker.mention if draft.speaker else None
    return mention.text.lower() if mention is not None else None


def _is_authors_voice(draft: Draft, rules: RuleSet, author: str | None) -> bool:
    """ "I think ..." outside quotes, "it is worth noting that ...", or the
    byline's author as the speaker ("Guan Zhaoyu: Defense minister's tour
    forges ties" over the author's own column), is the author's own claim,
    not a quote."""
    speaker = draft.speaker
    if speaker is None:
        return False
    if speaker.mention is not None and rules.pronouns.get(speaker.mention.text.lower()) in {"speaker", "reader"}:
        return True
    if draft.cue is not None and draft.cue.speaker is not None and is_impersonal(draft.cue.speaker, rules):
        return True
    return author is not None and speaker.name is not None and speaker.name.casefold() == author.casefold()


def _answers(draft: Draft, doc: Doc, reading: ArticleReading) -> bool:
    """Whether the draft's cue stands in an interview's answer, whose "I
    think ..." is the interviewee's claim."""
    return draft.cue is not None and reading.in_answer(doc[draft.cue.start].idx)


def _to_claim(doc: Doc, text: str, number: int, draft: Draft, reading: ArticleReading) -> Claim:
    cue = None
    if draft.cue is not None:
        span = draft.cue.text_span(doc)
        cue = Mention(span.text, span.start_char, span.end_char)
    # A relay the sentence names wins; otherwise the agency that supplied the
    # whole text relayed every quote in it.
    via = draft.cue.via.text if draft.cue and draft.cue.via is not None else reading.article.supplied_by
    return Claim(
        id=f"q{number}",
        type=draft.type,
        text=" ".join(text[p.start : p.end] for p in draft.parts),
        spans=list(draft.parts),
        cue=cue,
        speaker=draft.speaker or Speaker(None, None),
        source=Source(reading.article.outlet, via),
        rule=draft.rule,
        confidence=round(draft.confidence, 3),
        negated=draft.cue.negated if draft.cue is not None else False,
    )
