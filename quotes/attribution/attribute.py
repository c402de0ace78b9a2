"""Pair cues with what they report, then name the speakers.

Two passes. The first turns cues and quotation marks into drafts: a direct
quote next to its cue, reported speech from the parse, quotes that carry on
from an attributed one. The second walks the drafts in text order and
resolves each speaker to a person the article introduced, so that "he" can
refer to whoever spoke last.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..evaluation.calibration import calibrated
from ..records import Claim, Mention, Source, Speaker, TextSpan
from ..rules.ruleset import RuleSet
from .coreference import Resolved, Resolver, is_indefinite
from .cues import RELATIVE_PRONOUNS, Cue, antecedent_of, speaker_mention
from .entities import MISREAD_NAME_LABELS, EntityRegistry, opens_with_dash, with_article
from .outlets import ArticleReading
from .people import ORGANISATION_LABELS, PERSON, Description, describe, entity_of
from .quotemarks import QuotedSpan
from .trace import decline_cue, is_tracing, note_resolution

CONTINUATION_RULE = "quotes.quote-marks#continuation"
UNATTRIBUTED_RULE = "quotes.quote-marks#unattributed"
# What "who" cannot stand for: "the United States, who said" is a misparse.
NOT_SPEAKER_ENTITIES = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
# Between a quote and its cue only punctuation may stand: "…,” he said".
_GLUE = re.compile(r"[\s,:;—–-]*")
_INTRODUCES_NEXT_PARAGRAPH = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*(\r?\n)+[ \t\u00a0]*")
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]*\s*$")


@dataclass
class Draft:
    type: str
    parts: list[TextSpan]
    cue: Cue | None
    confidence: float
    rule: str
    inherits: "Draft | None" = None
    speaker: Speaker | None = None
    used_quotes: list[QuotedSpan] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def build_claims(
    doc: Doc,
    text: str,
    cues: list[Cue],
    quotes: list[QuotedSpan],
    reading: ArticleReading,
    registry: EntityRegistry,
    rules: RuleSet,
) -> list[Claim]:
    quotes = [q for q in quotes if not reading.is_marked(q.start, q.end)]
    drafts = _cue_drafts(doc, text, cues, quotes, reading, rules)
    drafts += _continuation_drafts(text, quotes, drafts, rules)
    drafts.sort(key=lambda d: d.start)
    _resolve_speakers(doc, drafts, registry, reading)
    unnested = _without_nested(drafts, doc, rules)
    kept = [d for d in unnested if not _is_authors_voice(d, rules, reading.article.author)]
    if is_tracing():
        _note_dropped(drafts, unnested, "it stands in the content of a claim by the same speaker, which it is part of")
        _note_dropped(unnested, kept, "the author's own voice (I/we outside quotes, or the byline's author)")
    for draft in kept:
        draft.parts = _after_marked_starts(draft.parts, reading, text)
    drafts = [d for d in kept if d.parts]
    claims = [_to_claim(doc, text, i, d, reading) for i, d in enumerate(drafts, start=1)]
    return claims if rules.calibration is None else calibrated(claims, rules.calibration, rules.rule_confidences)


def _char_start(doc: Doc, token_index: int) -> int:
    return doc[token_index].idx


def _char_end(doc: Doc, token_index_exclusive: int) -> int:
    token = doc[token_index_exclusive - 1]
    return token.idx + len(token.text)


def _cue_drafts(
    doc: Doc, text: str, cues: list[Cue], quotes: list[QuotedSpan], reading: ArticleReading, rules: RuleSet
) -> list[Draft]:
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
        adjacent = [q for q in quotes if id(q) not in used and _adjacent(text, clause, q)]
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


def _decline(cue: Cue, reason: str) -> None:
    decline_cue(cue.rule, cue.start, cue.end, reason)


def _note_dropped(before: list[Draft], after: list[Draft], reason: str) -> None:
    left = {id(d) for d in after}
    for draft in before:
        if id(draft) not in left and draft.cue is not None:
            _decline(draft.cue, reason)


def _introduced_paragraph(doc: Doc, text: str, cue: Cue) -> TextSpan | None:
    """"The governor added:" closing a paragraph introduces the next one, a
    block quotation often set without quote marks."""
    sent = doc[cue.start].sent
    colon = next((t for t in reversed(sent) if not t.is_space), None)
    if colon is None or colon.text != ":" or colon.i < cue.end:
        return None
    match = _INTRODUCES_NEXT_PARAGRAPH.match(text, colon.idx)
    if match is None:
        return None
    start = match.end()
    _, end = _paragraph_bounds(text, start)
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
    kind = "indirect"
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
        para_start, para_end = _paragraph_bounds(text, start)
        for quote in quotes:
            if quote.open_mark < end and quote.outer_end > start and para_start <= quote.open_mark and quote.outer_end <= para_end:
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
        return _stands_alone(text, quote)
    if quote.open_mark >= end_char:
        start = clause.after_objects(quote.open_mark)
        if _INTRODUCES_NEXT_PARAGRAPH.fullmatch(text, start, quote.open_mark):
            return True  # "Caddell continued:" and the quote as the next paragraph
        # Prose after it likewise: He said “nothing” would change.
        return _glued(text, start, quote.open_mark) and _ends_sentence(text, quote)
    return False


def _glued(text: str, start: int, end: int) -> bool:
    """Only spaces and punctuation between, within one paragraph."""
    return _GLUE.fullmatch(text, start, end) is not None and text.find("\n", start, end) < 0


def _split_quote_groups(text: str, quotes: list[QuotedSpan]) -> list[list[QuotedSpan]]:
    """“A,” he said, “b.” is one quote split by its cue; “A,” he said. “B.”
    is two quotes of the same speaker."""
    groups: list[list[QuotedSpan]] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        if groups:
            previous = groups[-1][-1]
            between = text[previous.outer_end : quote.open_mark]
            if previous.close_mark is not None and text[previous.close_mark - 1] == "," and not _SENTENCE_END.search(between.strip() or "x"):
                if not between.rstrip().endswith("."):
                    groups[-1].append(quote)
                    continue
        groups.append([quote])
    return groups


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


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end == -1 else end)


def _continuation_drafts(text: str, quotes: list[QuotedSpan], drafts: list[Draft], rules: RuleSet) -> list[Draft]:
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
        elif _stands_alone(text, quote):
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
    return len(words) >= 2 and not re.search(r"[.!?]", quoted) and all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _attributed_neighbour(text: str, quote: QuotedSpan, attributed: list[Draft]) -> tuple[Draft, float] | None:
    para_start, para_end = _paragraph_bounds(text, quote.open_mark)
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
    sanctions": the allies' seeking is his claim), else `draft` itself."""
    for other in earlier:
        if other is not draft and other.start <= draft.start < other.end and _has_speaker_source(other):
            return other
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


def _stands_alone(text: str, quote: QuotedSpan) -> bool:
    """A quote that is a sentence of its own, not a phrase inside prose."""
    at = quote.open_mark
    while at > 0 and text[at - 1] in " \t\u00a0":
        at -= 1
    return at == 0 or text[at - 1] in "\n.!?:”\""


def _ends_sentence(text: str, quote: QuotedSpan) -> bool:
    line_end = text.find("\n", quote.outer_end)
    rest = text[quote.outer_end : line_end if line_end >= 0 else len(text)]
    return re.match(r"[\s,.!?;:…)]*($|[.!?]|\s*[—–-])", rest) is not None or rest.lstrip()[:1] in {"", "."}


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


# --- speakers -------------------------------------------------------------


def _resolve_speakers(doc: Doc, drafts: list[Draft], registry: EntityRegistry, reading: ArticleReading) -> None:
    reported = [(p.start, p.end) for d in drafts if d.type != "direct" for p in d.parts]
    title = reading.article.title if not reading.continued else None
    at = registry.text.find(title) if title else -1
    resolver = Resolver(doc, registry, reported, (at, at + len(title)) if title and at >= 0 else None)
    for draft in drafts:
        if draft.inherits is not None:
            inherited = draft.inherits.speaker or Speaker(None, None)
            draft.speaker = replace(inherited, resolution="quote" if inherited.name else None)
            continue
        draft.speaker = _speaker_at(draft.cue, resolver, reading)
        head = draft.cue.speaker if draft.cue else None
        if head is not None and draft.speaker.mention is not None:
            _remember_speaker(resolver, head, draft.speaker)


def _remember_speaker(resolver: Resolver, head: Token, speaker: Speaker) -> None:
    """A speaker is the likeliest antecedent of the pronouns after it."""
    rules = resolver.rules
    kind = rules.pronouns.get(head.lower_)
    if kind in {"speaker", "reader"}:
        return
    entity = resolver.registry.entity_named(speaker.name) if speaker.name else None
    if speaker.name and entity is None:
        if speaker.resolution != "named" or speaker.kind == "organization":
            return  # "the Trump campaign": a description, not someone to weigh
        # A name the recogniser missed ("PENCE:", "Oz said"): someone from now on.
        entity = resolver.registry.add_person(speaker.name)
    if entity is None and not (head.pos_ == "NOUN" and is_indefinite(head, rules)):
        # An unresolved pronoun, name or definite description ("the
        # Republican nominee") most likely means someone already named; "a
        # spokesman" is someone new, whom a later pronoun may mean.
        return
    # Only a named entity or an unnamed "a spokesman" gets here: the words
    # at the cue tell the number and the gender of the latter.
    gender = rules.gender_words.get(head.lower_)
    number = "plural" if head.tag_ in {"NNS", "NNPS"} else "singular"
    label = speaker.mention.text if speaker.mention else head.text
    resolver.spoke(head.i, entity, label, number, gender, gender is not None)


def _speaker_at(cue: Cue | None, resolver: Resolver, reading: ArticleReading) -> Speaker:
    head = cue.speaker if cue is not None else None
    if cue is None or head is None:
        return Speaker(None, None)
    if reading.is_marked(head.idx, head.idx + len(head.text)):
        # "LAGOS — Ada Obi said": the parser took the dateline for the subject.
        head = _name_after_dateline(head.doc, head, cue.start, reading)
        if head is None:
            return Speaker(None, None)
    if head.i > cue.start and resolver.registry.in_quote(head.idx):
        # '… said on “Fox and Friends.”': a title in quotation marks after
        # the verb is no speaker; the name before the cue is.
        head = _person_before(head.doc, cue.start)
        if head is None:
            return Speaker(None, None)
    # The mention is the words at the cue ("who"); the name is whom they mean.
    mention_span = speaker_mention(head, cue.start)
    mention = Mention(mention_span.text, mention_span.start_char, mention_span.end_char)
    relative = head.lower_ in RELATIVE_PRONOUNS
    head = _relative_antecedent(head) if relative else head
    if head is None:
        return _traced(Speaker(None, mention, kind="person"), mention, Resolved(None, None, reason="'who' stands for no person here"))
    head = _named_apposition(head, cue.start) or head
    how = "relative" if relative else None
    pronoun = resolver.rules.pronouns.get(head.lower_)
    if pronoun in {"speaker", "reader"}:
        return Speaker(None, mention, kind="person")
    if pronoun is not None:
        resolved = resolver.pronoun(head, pronoun)
        kind = "person" if pronoun in {"male", "female"} else "unknown"
        return _traced(_speaker_of(resolved, head, mention, kind, how, resolver.rules), mention, resolved)
    return _named_or_described(head, cue, mention, how, resolver)


def _named_or_described(head: Token, cue: Cue, mention: Mention, how: str | None, resolver: Resolver) -> Speaker:
    """A speaker named at the cue, or described ("the senator", "the Trump
    campaign"), or a name the recogniser missed, as written."""
    rules = resolver.rules
    words = speaker_mention(head, cue.start)
    named = entity_of(head)
    if named is not None and named.start < cue.start < named.end:
        return _name_before_cue(head, named, words, mention, resolver)
    if named is not None and named.label_ == "NORP" and head.tag_ in {"NNP", "NN", "JJ"} and _determined(head):
        named = None  # "The Republican", "one Democrat": a description, not a group's name
    elif named is not None or head.pos_ == "PROPN":
        resolved = resolver.named(head, words.text)
        if resolved is not None:
            fallback = "person" if resolved.entity is None else resolved.entity.kind
            return _traced(_speaker_of(resolved, head, mention, fallback, how, rules), mention, resolved)
        if named is not None and named.label_ in ORGANISATION_LABELS:
            return Speaker(with_article(named), mention, kind="organization", resolution="named")
    here = describe(head, rules)
    if head.pos_ in {"NOUN", "PROPN"} and named is None:
        resolved = resolver.described(head)
        if resolved.entity is not None:
            return _traced(_speaker_of(resolved, head, mention, "person", None, rules, here), mention, resolved)
        _traced(Speaker(None, mention), mention, resolved)
    if _name_as_written(head, here, words, resolver):
        # A name NER missed ("PENCE:" in a transcript): the name as written.
        return Speaker(words.text, mention, kind="unknown", resolution="named")
    return Speaker(None, mention, here.role, here.affiliation, kind="unknown")


def _name_before_cue(head: Token, named: Span, words: Span, mention: Mention, resolver: Resolver) -> Speaker:
    """NER ran the name into its cue ("Mayor Vows To Cut" in a headline):
    the words before the cue are the name."""
    resolved = resolver.named(head, words.text, by_words=True)
    if resolved is not None and resolved.entity is not None:
        return _traced(_speaker_of(resolved, head, mention, "person", None, resolver.rules), mention, resolved)
    if resolved is None and 1 <= len(words) <= 3 and all(t.pos_ == "PROPN" for t in words):
        return Speaker(words.text, mention, kind="person" if named.label_ == PERSON else "unknown", resolution="named")
    return Speaker(None, mention, kind="unknown")


def _named_apposition(head: Token, cue_start: int) -> Token | None:
    """A name in apposition to the speaker: "the majority leader, Tom Rand,
    said"; "the real Dred Scott, Chief Justice Roberts said" (a name set
    right before its cue is the cue's own subject)."""
    for child in head.rights:
        if child.dep_ != "appos" or child.ent_type_ != PERSON:
            continue
        between = head.doc[child.right_edge.i + 1 : cue_start]
        if head.pos_ == "NOUN" or all(t.is_punct for t in between):
            return child
    return None


def _determined(head: Token) -> bool:
    return any(c.dep_ in {"det", "nummod", "quantmod", "advmod"} for c in head.lefts)


def _name_as_written(head: Token, here: Description, words: Span, resolver: Resolver) -> bool:
    """Proper nouns no entity covers, outside a headline (where every word
    is capitalised: "Judge Rejects Request"), that are no title or role."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper() or _determined(head):
        return False
    if not all(t.pos_ == "PROPN" or t.is_punct for t in words):
        return False  # "Trump accused Holt of being a": the recogniser ran a name into a clause
    if head.ent_type_ and head.ent_type_ not in MISREAD_NAME_LABELS:
        return False
    # A capital that opens a sentence may be any word ("Lawmaker urges ..."),
    # unless the name is written in capitals as in a transcript ("PENCE:"), or
    # unless it signs a quote after a dash ("― Ilse Varga-Toomey").
    opens_sentence = head.left_edge.i == head.sent.start and not head.is_upper and not opens_with_dash(head.sent)
    return (
        here.role in (None, head.text, words.text)
        and not opens_sentence
        and not resolver.registry.in_headline(head)
        and head.lower_ not in resolver.rules.gender_words
    )


def _first_named(tokens: Iterable[Token], labels: set[str], stop: Callable[[Token], bool] = lambda _: False) -> Token | None:
    """The root of the first named entity with one of `labels` among
    `tokens`, or None if a `stop` token comes first."""
    for token in tokens:
        if stop(token):
            return None
        if token.ent_type_ in labels:
            entity = entity_of(token)
            return entity.root if entity is not None else token
    return None


def _name_after_dateline(doc: Doc, head: Token, cue_start: int, reading: ArticleReading) -> Token | None:
    """The person or organization named between a dateline and its cue."""
    unmarked = (t for t in doc[head.i + 1 : cue_start] if not reading.is_marked(t.idx, t.idx + len(t.text)))
    return _first_named(unmarked, {PERSON, "ORG"})


def _person_before(doc: Doc, cue_start: int, reach: int = 12) -> Token | None:
    """The person named just before a cue, past an apposition between
    commas: "Flynn, a top Trump surrogate, said"; not past a quote mark."""
    return _first_named(_backwards(doc, cue_start, reach), {PERSON}, stop=lambda t: t.is_quote)


def _backwards(doc: Doc, before: int, reach: int) -> Iterator[Token]:
    """The tokens before `before`, nearest first, within its sentence and reach."""
    for index in range(before - 1, max(doc[before].sent.start, before - reach) - 1, -1):
        yield doc[index]


def _relative_antecedent(who: Token) -> Token | None:
    """Whom "who" stands for: the head its clause hangs on when that is a
    person or a noun; else a name just before it ("... Mr. Obama, who said");
    never a place. "Who" means a person: past an organization it hangs on,
    the person that organization describes ("Peter Morgan, a lawyer for the
    Sierra Club, who said")."""
    head = antecedent_of(who)
    if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN":
        head = head.head  # "Future45, a super PAC that intends ...": the PAC is Future45
    wanted = {PERSON} if who.lower_ in {"who", "whom"} else {PERSON, "ORG"}
    if head is not who and head.ent_type_ not in NOT_SPEAKER_ENTITIES and (head.ent_type_ != "ORG" or "ORG" in wanted):
        return head
    return _first_named(_backwards(who.doc, who.i, 12), wanted, stop=lambda t: t.pos_ in {"VERB", "AUX"})


def _traced(speaker: Speaker, mention: Mention, resolved: Resolved) -> Speaker:
    if is_tracing():
        note_resolution(
            mention.start, mention.end, mention.text, speaker.name, speaker.resolution, resolved.reason, resolved.candidates
        )
    return speaker


def _speaker_of(
    resolved: Resolved, head: Token, mention: Mention, kind: str, how: str | None, rules: RuleSet, here: Description | None = None
) -> Speaker:
    entity = resolved.entity
    if entity is None:
        return Speaker(None, mention, kind=kind)  # type: ignore[arg-type]
    own = here if here is not None else _apposition(head, rules)
    role, affiliation = _fields(own.filled_from(entity.description)) if entity.kind == "person" else (None, None)
    return Speaker(entity.name, mention, role, affiliation, kind=entity.kind, resolution=how or resolved.how)  # type: ignore[arg-type]


def _fields(description: Description) -> tuple[str | None, str | None]:
    return description.role, description.affiliation


def _apposition(head: Token, rules: RuleSet) -> Description:
    for child in head.rights:
        if child.dep_ == "appos":
            return describe(child, rules)
    return Description()


def _is_authors_voice(draft: Draft, rules: RuleSet, author: str | None) -> bool:
    """"I think ..." outside quotes, or the byline's author as the speaker
    ("Guan Zhaoyu: Defense minister's tour forges ties" over the author's own
    column), is the author's own claim, not a quote."""
    speaker = draft.speaker
    if speaker is None:
        return False
    if speaker.mention is not None and rules.pronouns.get(speaker.mention.text.lower()) in {"speaker", "reader"}:
        return True
    return author is not None and speaker.name is not None and speaker.name.casefold() == author.casefold()


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
        type=draft.type,  # type: ignore[arg-type]
        text=" ".join(text[p.start : p.end] for p in draft.parts),
        spans=list(draft.parts),
        cue=cue,
        speaker=draft.speaker or Speaker(None, None),
        source=Source(reading.article.outlet, via),
        rule=draft.rule,
        confidence=round(draft.confidence, 3),
        negated=draft.cue.negated if draft.cue is not None else False,
    )
