"""Who says each draft: the words at its cue resolved to a person or
organization the article names.

Drafts are walked in text order so that a pronoun can mean whoever spoke
last (see `quotes.attribution.coreference` for how a mention is weighed).
Before the resolver is asked, the parse's mistakes are undone: a dateline
taken for the subject, a quoted show title after the verb, "who" standing for
a place, a name in apposition to a description.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import Mention, Resolution, Speaker, SpeakerKind
from ..rules.ruleset import RuleSet
from .coreference import Resolved, Resolver
from .cues import RELATIVE_PRONOUNS, Cue, antecedent_of, speaker_mention
from .drafts import Draft
from .entities import EntityRegistry
from .gender import GENDERS
from .names import MISREAD_NAME_LABELS, opens_with_dash, with_article
from .outlets import ArticleReading
from .people import ORGANISATION_LABELS, PERSON, Description, describe, entity_of, is_indefinite
from .trace import is_tracing, note_resolution

# What "who" cannot stand for: "the United States, who said" is a misparse.
NOT_SPEAKER_ENTITIES = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}
# Small words inside a name: "the Central and East European Coalition".
NAME_JOINERS = {"and", "&", "of", "for"}
CAMEL_CASE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]*)+")
# What may stand before a noun to make it a description: "the", "one", "about 40".
DETERMINER_DEPS = {"det", "nummod", "quantmod", "advmod"}


def resolve_speakers(doc: Doc, drafts: list[Draft], registry: EntityRegistry, reading: ArticleReading) -> None:
    """Set each draft's speaker, in text order: a continuation takes the
    speaker of the quote it carries on from; every other draft the one its
    cue names, who is then an antecedent for the pronouns after it."""
    reported = [(p.start, p.end) for d in drafts if d.type != "direct" for p in d.parts]
    title = reading.article.title if not reading.continued else None
    at = registry.text.find(title) if title else -1
    resolver = Resolver(doc, registry, reported, (at, at + len(title)) if title and at >= 0 else None)
    for draft in drafts:
        if draft.inherits is not None:
            inherited = draft.inherits.speaker or Speaker(None, None)
            draft.speaker = replace(inherited, resolution="quote" if inherited.name else None)
            continue
        draft.speaker = _speaker_at(draft, resolver, reading)
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
        if speaker.resolution != "named":
            return
        if speaker.kind != "organization":
            # A name the recogniser missed ("PENCE:", "Oz said"): someone from now on.
            entity = resolver.registry.add_person(speaker.name)
        elif head.pos_ == "PROPN" and not head.ent_type_:
            # "the Central and East European Coalition", a name the
            # recogniser missed: "it" may mean it from now on.
            entity = resolver.registry.add_organization(speaker.name)
        else:
            return  # "the Trump campaign": a description, not someone to weigh
    new_thing = head.pos_ == "NOUN" and (is_indefinite(head, rules) or head.lemma_.lower() in rules.document_nouns)
    if entity is None and not new_thing:
        # An unresolved pronoun, name or definite description ("the
        # Republican nominee") most likely means someone already named; "a
        # spokesman" is someone new, whom a later pronoun may mean, and so is
        # a document ("the report says ... It also points out"), which no
        # name is ever given.
        return
    # Only a named entity or an unnamed "a spokesman" gets here: the words
    # at the cue tell the number and the gender of the latter.
    # "she said": whoever it is, this speaker is a woman, even if the
    # article never says so of the person it names.
    gender = rules.gender_words.get(head.lower_) or (kind if kind in GENDERS else None)
    number = "plural" if head.tag_ in {"NNS", "NNPS"} else "singular"
    label = speaker.mention.text if speaker.mention else head.text
    what: SpeakerKind = "person" if gender is not None else "unknown"
    lemma = head.lemma_.lower()
    if entity is None and (lemma in rules.document_nouns or lemma in rules.organization_nouns):
        what = "organization"  # "a poll", "a union": never "he" or "she"
    resolver.spoke(head.i, entity, label, number, gender, what)


def _genders_spoken_of(draft: Draft, resolver: Resolver) -> frozenset[str]:
    """The genders of the third persons a direct quote speaks of ("It's not
    something that SHE continuously says"): its speaker is someone else."""
    if draft.type != "direct":
        return frozenset()
    spans = (resolver.doc.char_span(p.start, p.end, alignment_mode="expand") for p in draft.parts)
    genders = (resolver.rules.pronouns.get(t.lower_) for span in spans if span is not None for t in span)
    return frozenset(g for g in genders if g in GENDERS)


def _speaker_at(draft: Draft, resolver: Resolver, reading: ArticleReading) -> Speaker:
    cue = draft.cue
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
    head = _relative_antecedent(head, resolver.rules) if relative else head
    if head is None:
        return _traced(
            Speaker(None, mention, kind="person"), mention, Resolved(None, None, reason="'who' stands for no person here")
        )
    head = _named_apposition(head, cue.start) or head
    how: Resolution | None = "relative" if relative else None
    pronoun = resolver.rules.pronouns.get(head.lower_)
    if pronoun == "speaker" and head.morph.get("Number", []) == ["Sing"] and reading.in_answer(head.idx):
        # "A: I think ...": the interviewee; "we" may be anyone with them.
        resolved = resolver.interviewee
        return _traced(_speaker_of(resolved, head, mention, "person", how, resolver.rules), mention, resolved)
    if pronoun in {"speaker", "reader"}:
        return Speaker(None, mention, kind="person")
    if pronoun is not None:
        resolved = resolver.pronoun(head, pronoun, _genders_spoken_of(draft, resolver))
        kind: SpeakerKind = "person" if pronoun in {"male", "female"} else "unknown"
        return _traced(_speaker_of(resolved, head, mention, kind, how, resolver.rules), mention, resolved)
    return _named_or_described(head, cue, mention, how, resolver)


def _named_or_described(head: Token, cue: Cue, mention: Mention, how: Resolution | None, resolver: Resolver) -> Speaker:
    """A speaker named at the cue, or described ("the senator", "the Trump
    campaign"), or a name the recogniser missed, as written."""
    rules = resolver.rules
    words = speaker_mention(head, cue.start, origin=False)  # the name, to look up
    named = entity_of(head)
    if named is not None and named.start < cue.start < named.end:
        return _name_before_cue(head, named, words, mention, resolver)
    if named is not None and named.label_ == "NORP" and head.tag_ in {"NNP", "NN", "JJ"} and _determined(head):
        named = None  # "The Republican", "one Democrat": a description, not a group's name
    elif named is not None or head.pos_ == "PROPN" or _surname_as_noun(head, resolver):
        resolved = resolver.named(head, words.text, by_words=named is None and head.pos_ == "NOUN")
        if resolved is not None:
            fallback: SpeakerKind = "person" if resolved.entity is None else resolved.entity.kind
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
        # One with an article ("the Central and East European Coalition") or
        # an organization's noun is no person.
        organization = words[0].lower_ == "the" or head.lower_ in rules.organization_nouns
        kind: SpeakerKind = "organization" if organization else "unknown"
        return Speaker(words.text, mention, kind=kind, resolution="named")
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


def _surname_as_noun(head: Token, resolver: Resolver) -> bool:
    """A capitalised "noun" that is the surname of someone the article
    names: the tagger took "Sanders" in "Sanders: Clinton needs ..." for a
    plural."""
    return (
        head.pos_ == "NOUN" and head.text[:1].isupper() and not head.is_upper and bool(resolver.registry.people_named(head.text))
    )


def _determined(head: Token) -> bool:
    return any(c.dep_ in DETERMINER_DEPS for c in head.lefts)


def _name_as_written(head: Token, here: Description, words: Span, resolver: Resolver) -> bool:
    """Proper nouns no entity covers, outside a headline (where every word
    is capitalised: "Judge Rejects Request"), that are no title or role."""
    if not _is_proper(head) or not head.text[:1].isupper():
        return False
    if _determined(head) and not _named_with_article(head, words):
        return False
    name = words[1:] if len(words) > 1 and words[0].lower_ == "the" else words
    if not all(_is_proper(t) or t.is_punct or t.lower_ in NAME_JOINERS for t in name) or not _is_proper(name[-1]):
        return False  # "Trump accused Holt of being a": the recogniser ran a name into a clause
    if head.ent_type_ and head.ent_type_ not in MISREAD_NAME_LABELS:
        return False
    # A capital that opens a sentence may be any word ("Lawmaker urges ..."),
    # unless the name is written in capitals as in a transcript ("PENCE:"), or
    # unless it signs a quote after a dash ("― Ilse Varga-Toomey").
    opens_sentence = head.left_edge.i == head.sent.start and not head.is_upper and not opens_with_dash(head.sent)
    return (
        here.role in (None, head.text, words.text, name.text)
        and not opens_sentence
        and not resolver.registry.in_headline(head)
        and head.lower_ not in resolver.rules.gender_words
    )


def _is_proper(token: Token) -> bool:
    """A proper noun, or a word written as one whatever the tagger says: a
    capital inside it after a small letter ("RealClearPolitics",
    "HuffPollster", "PolitiFact")."""
    return token.pos_ == "PROPN" or bool(CAMEL_CASE.fullmatch(token.text))


def _named_with_article(head: Token, words: Span) -> bool:
    """ "The Central and East European Coalition": a name of several
    capitalised words after "the", where one word alone ("the Council")
    may be a description."""
    determiners = [c for c in head.lefts if c.dep_ in DETERMINER_DEPS]
    capitalised = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
    return [d.lower_ for d in determiners] == ["the"] and len(capitalised) >= 2


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


def _relative_antecedent(who: Token, rules: RuleSet) -> Token | None:
    """Whom "who" stands for: the head its clause hangs on when that is a
    person or a noun; else a name just before it ("... Mr. Obama, who said");
    never a place. "Who" means a person: past an organization it hangs on,
    the person that organization describes ("Peter Morgan, a lawyer for the
    Sierra Club, who said")."""
    head = _nearest_conjunct(antecedent_of(who), who)
    described = head.dep_ == "appos" and head.head.pos_ == "PROPN" and (head.pos_ == "NOUN" or is_indefinite(head, rules))
    if described:
        # "Future45, a super PAC that intends ...": the PAC is Future45,
        # whatever the recogniser makes of either name.
        head = head.head
    wanted = {PERSON} if who.lower_ in {"who", "whom"} else {PERSON, "ORG"}
    fits = described or head.ent_type_ not in NOT_SPEAKER_ENTITIES
    if head.i != who.i and fits and (head.ent_type_ != "ORG" or "ORG" in wanted):
        return head
    return _first_named(_backwards(who.doc, who.i, 12), wanted, stop=lambda t: t.pos_ in {"VERB", "AUX"})


def _nearest_conjunct(head: Token, who: Token) -> Token:
    """In a list, "who" means the name nearest it: "Oprah Winfrey, Will
    Smith and Stevie Wonder, who joked" -> Stevie Wonder."""
    if not any(c.pos_ == "PROPN" for c in head.conjuncts):
        return head  # "a pollster and strategist who": one person
    before = [c for c in (head, *head.conjuncts) if c.i < who.i]
    return max(before, key=lambda c: c.i) if before else head


def _traced(speaker: Speaker, mention: Mention, resolved: Resolved) -> Speaker:
    if is_tracing():
        note_resolution(
            mention.start, mention.end, mention.text, speaker.name, speaker.resolution, resolved.reason, resolved.candidates
        )
    return speaker


def _speaker_of(
    resolved: Resolved,
    head: Token,
    mention: Mention,
    kind: SpeakerKind,
    how: Resolution | None,
    rules: RuleSet,
    here: Description | None = None,
) -> Speaker:
    entity = resolved.entity
    if entity is None:
        return Speaker(None, mention, kind=kind)
    own = here if here is not None else _apposition(head, rules)
    role, affiliation = _fields(own.filled_from(entity.description)) if entity.kind == "person" else (None, None)
    return Speaker(entity.name, mention, role, affiliation, kind=entity.kind, resolution=how or resolved.how)


def _fields(description: Description) -> tuple[str | None, str | None]:
    return description.role, description.affiliation


def _apposition(head: Token, rules: RuleSet) -> Description:
    for child in head.rights:
        if child.dep_ == "appos":
            return describe(child, rules)
    return Description()
