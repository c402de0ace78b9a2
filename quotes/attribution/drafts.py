"""Drafts of claims: the cues paired with what they report.

A cue takes the quotes next to it ("…,” he said; He said: “…”), splitting a
quote its cue interrupts from two quotes of one speaker; or, with no quote
beside it, the content the parse gives it (reported speech), or the paragraph
its closing colon introduces. Speakers are not resolved here (see
`quotes.attribution.speakers`): a draft only knows its cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import ClaimType, Speaker, TextSpan
from ..rules.ruleset import RuleSet
from .cues import Cue
from .outlets import ArticleReading
from .quotemarks import QuotedSpan
from .trace import decline_cue

# Between a quote and its cue only punctuation may stand: "…,” he said".
_GLUE = re.compile(r"[\s,:;—–-]*")
_INTRODUCES_NEXT_PARAGRAPH = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*(\r?\n)+[ \t\u00a0]*")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*\s*$")


@dataclass
class Draft:
    """A claim before its speaker is named: what kind it is, the spans of its
    content, the cue that reports it, and for a quote that carries on from
    another the draft whose speaker it takes (`inherits`)."""

    type: ClaimType
    parts: list[TextSpan]
    cue: Cue | None
    confidence: float
    rule: str
    inherits: Draft | None = None
    speaker: Speaker | None = None
    used_quotes: list[QuotedSpan] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def cue_drafts(
    doc: Doc, text: str, cues: list[Cue], quotes: list[QuotedSpan], reading: ArticleReading, rules: RuleSet
) -> list[Draft]:
    """Each cue's drafts, in cue order; a quote goes to the first cue next to
    it. A cue in a boilerplate line or inside a quote drafts nothing, nor does
    one of a kind an opinion piece's author uses for their own views; the
    trace is told why."""
    used: set[int] = set()
    drafts: list[Draft] = []
    opinion = reading.article.kind == "opinion"
    for cue in cues:
        cue_char = doc[cue.start].idx
        if reading.is_marked(cue_char, cue_char + 1):
            _decline(cue, "it stands in a boilerplate line (see the marked lines)")
            continue
        host = _quote_around(cue_char, quotes)
        if host is not None and not _opens_quote(doc, text, cue, host):
            _decline(cue, "it stands inside a quote: speech inside a quote belongs to the quote")
            continue
        clause = _clause_chars(doc, cue)
        if opinion and not cue.in_opinion and not any(_adjacent(text, clause, q) for q in quotes):
            _decline(cue, "an opinion piece: this group is the author's own characterisation there (in_opinion: false)")
            continue
        adjacent = [
            q for q in quotes if id(q) not in used and (_adjacent(text, clause, q) or _quoted_object(text, cue, clause, q))
        ]
        if adjacent:
            for group in _split_quote_groups(text, adjacent):
                parts = [p for q in group for p in q.parts]
                drafts.append(Draft("direct", parts, cue, cue.confidence, cue.rule, used_quotes=group))
                used.update(id(q) for q in group)
        elif cue.content:
            # '"PENCE: And that's why ...': a quote the label opens is its content.
            around = [q for q in quotes if q is not host]
            draft = _reported_draft(doc, text, cue, around, rules)
            draft.used_quotes += [host] if host is not None else []
            used.update(id(q) for q in draft.used_quotes)
            drafts.append(draft)
        elif cue.speaker is not None and (block := _introduced_paragraph(doc, text, cue)) is not None:
            draft = _reported_draft(doc, text, cue, quotes, rules, [block])
            used.update(id(q) for q in draft.used_quotes)
            drafts.append(draft)
        else:
            _decline(cue, "no content: no quote next to it, and the parse gives it no complement of the kinds its rule takes")
    return drafts


def _decline(cue: Cue, reason: str) -> None:
    decline_cue(cue.rule, cue.start, cue.end, reason)


def _char_start(doc: Doc, token_index: int) -> int:
    return doc[token_index].idx


def _char_end(doc: Doc, token_index_exclusive: int) -> int:
    token = doc[token_index_exclusive - 1]
    return token.idx + len(token.text)


def _introduced_paragraph(doc: Doc, text: str, cue: Cue) -> TextSpan | None:
    """ "The governor added:" closing a paragraph introduces the next one, a
    block quotation often set without quote marks."""
    sent = doc[cue.start].sent
    colon = next((t for t in reversed(sent) if not t.is_space), None)
    if colon is None or colon.text != ":" or colon.i < cue.end:
        return None
    match = _INTRODUCES_NEXT_PARAGRAPH.match(text, colon.idx)
    if match is None:
        return None
    start = match.end()
    _, end = paragraph_bounds(text, start)
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSpan(start, end) if end > start else None


def _reported_draft(
    doc: Doc, text: str, cue: Cue, quotes: list[QuotedSpan], rules: RuleSet, content: list[TextSpan] | None = None
) -> Draft:
    """Reported speech from the parse: indirect, or mixed when it holds a
    quoted fragment long enough to be speech, or direct when it is one."""
    if content is None:
        content = [TextSpan(_char_start(doc, s), _char_end(doc, e)) for s, e in cue.content]
    parts = _widened(content, text, quotes)
    inner = [q for q in quotes if any(p.start <= q.open_mark and q.outer_end <= p.end + 1 for p in parts)]
    inner_speech = [q for q in inner if q.word_count(text) >= rules.min_quote_words]
    kind: ClaimType = "indirect"
    if inner_speech:
        content_chars = sum(p.end - p.start for p in parts)
        quoted_chars = sum(q.outer_end - q.open_mark for q in inner_speech)
        kind = "direct" if quoted_chars >= 0.8 * content_chars else "mixed"
        if kind == "direct":
            parts = [p for q in inner_speech for p in q.parts]
    return Draft(kind, parts, cue, cue.confidence, cue.rule, used_quotes=inner)


def _quote_around(position: int, quotes: list[QuotedSpan]) -> QuotedSpan | None:
    return next((q for q in quotes if q.start <= position < q.end), None)


def _opens_quote(doc: Doc, text: str, cue: Cue, quote: QuotedSpan) -> bool:
    """The cue is a label like "PENCE:" standing first inside the quote."""
    if not cue.is_label:
        return False
    clause_start, _ = cue.clause_bounds()
    return not text[quote.inner_start : doc[clause_start].idx].strip()


@dataclass(frozen=True)
class ClauseChars:
    """Where a cue clause starts and ends in the text, and where the verb's
    listener or time phrases after it start and end ("asking her", "said on
    Monday"), found once per cue rather than once per quote."""

    start: int
    end: int
    objects: tuple[tuple[int, int], ...]

    def after_objects(self, quote_start: int) -> int:
        """Where the text between the clause and a quote after it starts:
        past those phrases that end before the quote ("said on Monday: “…”")."""
        start = self.end
        for first, last in self.objects:
            if first >= start and last <= quote_start:
                start = max(start, last)
        return start


def _clause_chars(doc: Doc, cue: Cue) -> ClauseChars:
    clause_start, clause_end = cue.clause_bounds()
    return ClauseChars(_char_start(doc, clause_start), _char_end(doc, clause_end), _objects(cue))


def _objects(cue: Cue) -> tuple[tuple[int, int], ...]:
    """The verb's right-hand listener, object and time phrases with no verb
    in them, as (start, end) characters."""
    if cue.verb is None:
        return ()
    found = []
    for child in cue.verb.rights:
        if child.dep_ in {"dative", "dobj", "npadvmod", "advmod", "prep"} and not any(t.pos_ == "VERB" for t in child.subtree):
            last = child.right_edge
            found.append((child.idx, last.idx + len(last.text)))
    return tuple(found)


def _widened(parts: list[TextSpan], text: str, quotes: list[QuotedSpan]) -> list[TextSpan]:
    """Content that cuts into a quote takes all of it, marks included: the
    parser often hangs a quote mark on the verb rather than on the clause."""
    widened = []
    for part in parts:
        start, end = part.start, part.end
        para_start, para_end = paragraph_bounds(text, start)
        for quote in quotes:
            if (
                quote.open_mark < end
                and quote.outer_end > start
                and para_start <= quote.open_mark
                and quote.outer_end <= para_end
            ):
                start, end = min(start, quote.open_mark), max(end, quote.outer_end)
        widened.append(TextSpan(start, end))
    return widened


def _adjacent(text: str, clause: ClauseChars, quote: QuotedSpan) -> bool:
    """A quote stands right before the cue clause ("…,” he said) or right
    after it (He said: “…”), in the same paragraph."""
    # Called for every cue and quote of an article: the text between them is
    # matched in place, never copied, so a far quote costs nothing.
    start_char, end_char = clause.start, clause.end
    if quote.outer_end <= start_char:
        if not _glued(text, quote.outer_end, start_char):
            return False
        # Prose before the quote makes it part of a mixed claim: The plan is
        # “dead in the water,” he said.
        return stands_alone(text, quote)
    if quote.open_mark >= end_char:
        start = clause.after_objects(quote.open_mark)
        if _INTRODUCES_NEXT_PARAGRAPH.fullmatch(text, start, quote.open_mark):
            return True  # "Caddell continued:" and the quote as the next paragraph
        # Prose after it likewise: He said “nothing” would change.
        return _glued(text, start, quote.open_mark) and _ends_sentence(text, quote)
    return False


def _quoted_object(text: str, cue: Cue, clause: ClauseChars, quote: QuotedSpan) -> bool:
    """A quotation right after a verb whose rule takes one, when the parse
    hangs no clause on it: the crowd "chanted “Lock her up!” as Christie
    spoke"."""
    if not cue.quote_object or cue.content or quote.open_mark < clause.end:
        return False
    return text[clause.end : quote.open_mark] in {"", " "}


def _glued(text: str, start: int, end: int) -> bool:
    """Only spaces and punctuation between, within one paragraph."""
    return _GLUE.fullmatch(text, start, end) is not None and text.find("\n", start, end) < 0


def stands_alone(text: str, quote: QuotedSpan) -> bool:
    """A quote that is a sentence of its own, not a phrase inside prose."""
    at = quote.open_mark
    while at > 0 and text[at - 1] in " \t\u00a0":
        at -= 1
    return at == 0 or text[at - 1] in '\n.!?:”"'


def _ends_sentence(text: str, quote: QuotedSpan) -> bool:
    line_end = text.find("\n", quote.outer_end)
    rest = text[quote.outer_end : line_end if line_end >= 0 else len(text)]
    return re.match(r"[\s,.!?;:…)]*($|[.!?]|\s*[—–-])", rest) is not None or rest.lstrip()[:1] in {"", "."}


def _split_quote_groups(text: str, quotes: list[QuotedSpan]) -> list[list[QuotedSpan]]:
    """“A,” he said, “b.” is one quote split by its cue; “A,” he said. “B.”
    is two quotes of the same speaker."""
    groups: list[list[QuotedSpan]] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        if groups:
            previous = groups[-1][-1]
            between = text[previous.outer_end : quote.open_mark]
            if (
                previous.close_mark is not None
                and text[previous.close_mark - 1] == ","
                and not _SENTENCE_END.search(between.strip() or "x")
            ):
                if not between.rstrip().endswith("."):
                    groups[-1].append(quote)
                    continue
        groups.append([quote])
    return groups


def paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end == -1 else end)
