"""`quotes explain`: per sentence, what the parser saw, which rules matched,
and why each match did or did not become a claim.

The claims are the extractor's own (the same call as `extract`, traced), so
an explanation never disagrees with the output it explains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from .. import api
from ..attribution.outlets import MarkedLine
from ..attribution.trace import Hit, Note, ResolutionNote, Trace, tracing
from ..pipeline.component import DocReading
from ..pipeline.model_text import ModelText
from ..records import Claim, Extraction


@dataclass(frozen=True)
class TokenRow:
    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str


MADE = "claim "
NOT_MADE = "no claim: "


@dataclass(frozen=True)
class RuleMatch:
    rule: str
    words: str
    start: int
    end: int
    outcome: str  # "claim q1, q2", or "no claim: " and why

    @property
    def why_not(self) -> str | None:
        """Why the match made no claim; None when it made one."""
        return self.outcome.removeprefix(NOT_MADE) if self.outcome.startswith(NOT_MADE) else None


@dataclass
class SentenceReport:
    index: int
    start: int
    end: int
    text: str
    boilerplate: str | None
    tokens: list[TokenRow] = field(default_factory=list)
    matches: list[RuleMatch] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    unattributed_quotes: list[str] = field(default_factory=list)
    # How each speaker mention got its name, offsets into the text as given.
    speakers: list[ResolutionNote] = field(default_factory=list)


@dataclass
class Explanation:
    extraction: Extraction
    boilerplate: list[MarkedLine]
    sentences: list[SentenceReport]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.extraction.to_dict(),
            "boilerplate": [asdict(m) for m in self.boilerplate],
            "sentences": [asdict(s) for s in self.sentences],
        }

    def holding(self, words: str | None) -> Explanation:
        """The report on the sentences holding `words` (any case); all of them for None."""
        if not words:
            return self
        wanted = words.casefold()
        kept = [s for s in self.sentences if wanted in s.text.casefold()]
        return Explanation(self.extraction, self.boilerplate, kept)


def explain(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> Explanation:
    """The extraction of `text` with a report on every sentence."""
    view, doc, read, trace = read_traced(text, outlet, model=model, rules_dirs=rules_dirs)
    extraction = view.extraction_in_given(read.extraction)
    reports = []
    for index, sent in enumerate(doc.sents, start=1):
        if not sent.text.strip():
            continue
        start, end = view.to_given(sent.start_char), view.to_given(sent.end_char)
        visible_end = sent.start_char + len(sent.text.rstrip())
        marked = next((m for m in read.reading.marked if m.start <= sent.start_char and visible_end <= m.end), None)
        claims = [c for c in extraction.claims if _claim_in(c, start, end)]
        reports.append(
            SentenceReport(
                index=index,
                start=start,
                end=end,
                text=sent.text,
                boilerplate=f"{marked.label} ({marked.rule})" if marked else None,
                tokens=[_token_row(t) for t in sent if not t.is_space],
                matches=rule_matches(doc, sent, trace, extraction.claims, view),
                claims=[_claim_line(c) for c in claims],
                unattributed_quotes=[
                    doc.text[q.start : q.end]
                    for q in read.quotes
                    if sent.start_char <= q.start < sent.end_char
                    and not any(_covers(c, view.to_given(q.start), view.to_given(q.end)) for c in extraction.claims)
                ],
                speakers=[
                    replace(note, start=view.to_given(note.start), end=view.to_given(note.end))
                    for note in trace.resolutions
                    if sent.start_char <= note.start < sent.end_char
                ],
            )
        )
    return Explanation(extraction, list(view.marked_in_given(read.reading.marked)), reports)


def read_traced(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> tuple[ModelText, Doc, DocReading, Trace]:
    """`text` read by the default Extractor with every rule decision traced:
    the stretch the model read, its Doc, what was read, and the trace."""
    view = ModelText.of_article(text)
    with tracing() as trace:
        doc, read = api.default_extractor(model, rules_dirs).read(view, outlet)
    return view, doc, read, trace


def _token_row(token: Any) -> TokenRow:
    return TokenRow(
        token.i - token.sent.start,
        token.text,
        token.lemma_,
        token.pos_,
        token.tag_,
        token.dep_,
        token.head.i - token.sent.start,
        token.ent_type_,
    )


def rule_matches(doc: Doc, sent: Span, trace: Trace, claims: list[Claim], view: ModelText) -> list[RuleMatch]:
    """The rules that matched in `sent` (a sentence, or `doc[:]`), each with
    what became of the match; offsets into the text as given."""
    found = []
    seen: set[Hit] = set()
    for hit in trace.hits:
        if hit in seen or not sent.start <= hit.start < sent.end:
            continue
        seen.add(hit)
        last = doc[hit.end - 1]
        start, end = view.to_given(doc[hit.start].idx), view.to_given(last.idx + len(last.text))
        found.append(
            RuleMatch(hit.rule, doc[hit.start : hit.end].text, start, end, _outcome(hit, trace.notes, claims, start, end))
        )
    return found


def _outcome(hit: Hit, notes: list[Note], claims: list[Claim], start: int, end: int) -> str:
    for note in notes:
        if note.hit.rule == hit.rule and note.hit.start < hit.end and hit.start < note.hit.end:
            return NOT_MADE + note.reason
    made = [c.id for c in claims if c.rule == hit.rule and c.cue and c.cue.start < end and start < c.cue.end]
    if made:
        return MADE + ", ".join(made)
    return NOT_MADE + "its cue was taken by another claim's quote or cue"


def _claim_in(claim: Claim, start: int, end: int) -> bool:
    anchor = claim.cue.start if claim.cue else claim.start
    return start <= anchor < end or (start <= claim.start < end)


def _covers(claim: Claim, start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in claim.spans)


def _claim_line(claim: Claim) -> str:
    who = claim.speaker.name or (claim.speaker.mention.text if claim.speaker.mention else "no speaker")
    text = " ".join(claim.text.split())
    shown = text if len(text) <= 70 else text[:67] + "..."
    return f"{claim.id} {claim.type} by {who} ({claim.rule}, {claim.confidence:g}): {shown}"


def format_explanation(explanation: Explanation) -> str:
    """The report as text."""
    article = explanation.extraction.article
    lines = [
        "article: " + ", ".join(f"{k}={v!r}" for k, v in asdict(article).items() if v is not None),
        *(f"boilerplate {m.start}-{m.end}: {m.label} ({m.rule})" for m in explanation.boilerplate),
    ]
    for report in explanation.sentences:
        lines += ["", f"sentence {report.index} [{report.start}:{report.end}] {' '.join(report.text.split())}"]
        if report.boilerplate:
            lines.append(f"  boilerplate: {report.boilerplate}; claims here are skipped")
        lines.append("  tokens:  i  text / lemma / pos / tag / dep -> head / entity")
        lines += [
            f"    {t.i:>3}  {t.text} / {t.lemma} / {t.pos} / {t.tag} / {t.dep} -> {t.head}" + (f" / {t.ent}" if t.ent else "")
            for t in report.tokens
        ]
        lines.append("  rules:" if report.matches else "  rules: none matched")
        lines += [f"    {m.rule} {m.words!r}: {m.outcome}" for m in report.matches]
        lines += [f"  claim {line}" for line in report.claims]
        lines += [f"  quote with no speaker found: {q!r}" for q in report.unattributed_quotes]
        for speaker in report.speakers:
            named = f"{speaker.name} ({speaker.resolution})" if speaker.name else "no name"
            reason = f": {speaker.reason}" if speaker.reason else ""
            lines.append(f"  speaker {speaker.mention!r} [{speaker.start}:{speaker.end}] -> {named}{reason}")
            lines += [
                f"    {'+' if c.kept else '-'} {c.name}" + (f" {c.score:g}" if c.score else "") + f": {c.why}"
                for c in speaker.candidates
            ]
    return "\n".join(lines)
