"""Who is who in an article: the registry of the people and organizations it
names, each with all its mentions, its fullest name, the words that describe
it, and its gender with the evidence for it.

Built once per Doc from the named entities and the parse, so that a later
"Yang", "Mrs. Harlan" or "the senator" can be resolved to the one person the
article introduced, and so that a pronoun's candidates (see
`quotes.attribution.coreference`) are every entity mentioned before it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..rules.ruleset import RuleSet
from .gender import (
    GENDERS,
    GenderEvidence,
    Strength,
    decide,
    first_name_gender,
    is_first_name,
)
from .people import PERSON, Description, describe_named, entity_of, normalise_name
from .quotemarks import QuotedSpan

EntityKind = Literal["person", "organization"]
# Where a mention stands in its clause: subjects are the likeliest antecedents.
MentionRole = Literal["subject", "object", "other"]
ORGANIZATION_ENTITY_LABELS = {"ORG"}
# Labels the small model gives a person's name it misreads ("Ines Arrowsmith"
# as a PRODUCT); an organisation or place label is trusted.
MISREAD_NAME_LABELS = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "pobj", "dative", "attr", "oprd"}
# Tags of words the entity recogniser runs into a name that are not part of
# it: "Crooked Hillary Clinton", "Injecting Clinton", "Obama Says".
NOT_NAME_TAGS = {"JJ", "JJR", "JJS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "IN", "DT", "CD"}
# A headline in title case: the entity recogniser runs verbs and nouns into
# names there ("Obama Says", "Obama Speech"), so its names only link to
# people the body names.
_TITLE_CASE_MIN_WORDS = 3
# One of several people with a surname is the one meant when the article
# names them at least this often, and this many times as often as the next.
DOMINANT_MENTIONS = 3
DOMINANT_SHARE = 2
# A lone name this long or longer, one letter off a known surname, is a typo for it.
MIN_MISSPELLED_LENGTH = 6
# The most entities one piece of a long text hands the next (see `pieces`):
# a transcript's cast is far smaller; a file of many articles is not.
MAX_CARRIED = 1_000


@dataclass(frozen=True)
class EntityMention:
    """One place the article names an entity: tokens [start, end)."""

    start: int
    end: int
    text: str
    role: MentionRole
    in_quote: bool
    headline: bool


@dataclass
class Entity:
    name: str
    kind: EntityKind
    description: Description = field(default_factory=Description)
    mentions: list[EntityMention] = field(default_factory=list)
    gender_evidence: list[GenderEvidence] = field(default_factory=list)
    # Casefolded nouns the article calls it by ("senator", "nominee"), and
    # every word of its descriptions ("republican", "presidential").
    titles: set[str] = field(default_factory=set)
    descriptors: set[str] = field(default_factory=set)
    # Named by a first name alone somewhere ("Ivanka"): news style keeps the
    # bare surname for the other relative.
    called_by_first_name: bool = False

    @property
    def folded(self) -> list[str]:
        return self.name.casefold().split()

    @property
    def gender(self) -> str | None:
        decided = decide(self.gender_evidence)
        return decided.gender if decided else None

    @property
    def gender_reason(self) -> str | None:
        decided = decide(self.gender_evidence)
        return decided.why if decided else None

    def mentions_before(self, token: int) -> list[EntityMention]:
        return [m for m in self.mentions if m.start < token]


@dataclass(frozen=True)
class NameAt:
    """What a name written at a token refers to: an entity, or several
    people it could mean (`candidates`) when nothing singles one out."""

    entity: Entity | None
    candidates: tuple[Entity, ...] = ()
    why: str = ""


class EntityRegistry:
    """The people and organizations an article names (see module doc)."""

    def __init__(
        self,
        doc: Doc,
        rules: RuleSet,
        quotes: Sequence[QuotedSpan] = (),
        text: str | None = None,
        skipped: Sequence[tuple[int, int]] = (),
        known: Sequence[Entity] = (),
    ):
        """`skipped`: character spans of boilerplate (bylines, captions,
        promotions): what they say of a person counts (a caption's "China's
        Defence Minister Wei Fenghe"), but a name there is no mention a
        pronoun can go back to. `known`: entities an earlier piece of the same
        text named (see `pieces`), without mentions here."""
        self.doc = doc
        self.rules = rules
        self.people: list[Entity] = [e for e in known if e.kind == "person"]
        self.organizations: list[Entity] = [e for e in known if e.kind != "person"]
        self._quotes = sorted((q.start, q.end) for q in quotes)
        self._quote_starts = [start for start, _ in self._quotes]
        self._headlines: dict[int, bool] = {}  # sentence start -> whether it is a title-case headline
        self._by_token: dict[int, NameAt] = {}
        self.text = doc.text if text is None else text  # spaCy joins every token to make it
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", self.text)]
        self._skipped = list(skipped)
        person_ents, organization_ents = [], []
        for ent in doc.ents:
            if ent.label_ == PERSON or _misread_name(ent):
                person_ents.append(ent)
            elif ent.label_ in ORGANIZATION_ENTITY_LABELS:
                organization_ents.append(ent)
        self._add_people(person_ents)
        self._add_misread_surnames(doc)
        self._add_organizations(organization_ents)
        for person in self.people:
            self._gather_gender(person)
            person.mentions.sort(key=lambda m: m.start)

    # --- building ------------------------------------------------------------

    def _add_people(self, ents: list[Span]) -> None:
        named = [(ent, self._clean_name(ent)) for ent in ents]
        named = [(ent, words) for ent, words in named if words]
        body = [(e, w) for e, w in named if not self.in_headline(e)]
        headline = [(e, w) for e, w in named if self.in_headline(e)]
        # Full names first, so a lone surname anywhere links to its person;
        # then surnames an honorific genders ("Mrs. Harlan"), which may be
        # someone new; then bare surnames, among everyone.
        def order(pair: tuple[Span, list[str]]) -> tuple[int, int, int]:
            ent, words = pair
            return (-len(words), self._gender_word_before(ent) is None, ent.start)

        for ent, words in sorted(body, key=order):
            self._place_person(ent, words)
        for ent, words in sorted(headline, key=lambda pair: pair[0].start):
            self._place_headline_person(ent, words)
        for person in self.people:
            person.mentions.sort(key=lambda m: m.start)

    def _place_person(self, ent: Span, words: list[str]) -> None:
        gender_here = self._gender_word_before(ent)
        if len(words) == 1:
            matches = self.people_named(words)
            if gender_here is not None:
                fitting = [p for p in matches if p.gender in (None, gender_here.gender)]
                if matches and not fitting:
                    # "Mrs. Harlan" when only Tom Harlan is known: someone else.
                    honorific = self.gender_word_at(ent)
                    words = [honorific.text, *words] if honorific is not None else words
                matches = fitting
            first_name_of = [p for p in matches if len(p.folded) > 1 and p.folded[0] == words[0].casefold()]
            if len(first_name_of) == 1 and len(matches) == 1:
                first_name_of[0].called_by_first_name = True
            if not matches:
                matches = self._misspelled_surname_of(words[0])
            if len(matches) == 1:
                self._link(ent, matches[0], gender_here)
            elif matches:
                self._by_token[ent.start] = NameAt(None, tuple(matches), "several people bear this name")
            else:
                self._link(ent, self._new(" ".join(words), "person"), gender_here)
            return
        person = self._person_with_full_name(words)
        if person is None:
            person = self._new(" ".join(words), "person")
        self._link(ent, person, gender_here)

    def _misspelled_surname_of(self, word: str) -> list[Entity]:
        """A lone name the article never introduced, one letter off the
        surname of one person it did ("McLenney" for Tyresha McClenney): a
        typo for it. Short names are left alone: "Cohn" is not "Cohen"."""
        if len(word) < MIN_MISSPELLED_LENGTH:
            return []
        found = [p for p in self.people if len(p.folded) > 1 and _one_edit_apart(word.casefold(), p.folded[-1])]
        return found if len(found) == 1 else []

    def _person_with_full_name(self, words: list[str]) -> Entity | None:
        folded = [w.casefold() for w in words]
        for person in self.people:
            if person.folded == folded:
                return person
        # "Hillary Rodham Clinton" after "Hillary Clinton": same first name and surname.
        for person in self.people:
            if len(person.folded) > 1 and person.folded[0] == folded[0] and person.folded[-1] == folded[-1]:
                return person
        return None

    def _place_headline_person(self, ent: Span, words: list[str]) -> None:
        folded = {w.casefold() for w in words}
        matches = [p for p in self.people if p.folded[-1] in folded]
        if len(matches) == 1:
            self._link(ent, matches[0], None)
        elif not matches and not any(set(p.folded) & folded for p in self.people):
            # A name only the headline gives: keep the words the tagger reads as a name.
            if all(t.tag_ in {"NNP", "NNPS"} for t in ent if t.is_alpha):
                self._link(ent, self._new(" ".join(words), "person"), None)

    def _add_misread_surnames(self, doc: Doc) -> None:
        """A known person's name the recogniser labelled otherwise or missed
        ("Trump" as an ORG): still a mention of that person."""
        surnames = {p.folded[-1] for p in self.people} | {p.folded[0] for p in self.people if len(p.folded) > 1}
        surnames -= {w.casefold() for w in self.rules.name_prefixes} | set(self.rules.gender_words)
        if not surnames:
            return
        for token in doc:
            if token.lower_ not in surnames:
                continue
            if token.i in self._by_token or token.ent_type_ == PERSON or token.pos_ != "PROPN" or token.ent_iob_ == "I":
                continue
            if self._is_skipped(token.idx):
                continue
            if token.dep_ == "compound" and token.head.pos_ == "PROPN":
                continue  # part of a longer name, weighed at its last word
            entity = entity_of(token)
            if entity is not None and len(entity) > 1:
                continue
            start = token.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
                start -= 1
            # "Ivanka Trump" the recogniser missed is a full name of its own.
            span = doc[start : token.i + 1]
            words = self._clean_name(span)
            if words:
                self._place_person(span, words)

    def _add_organizations(self, ents: list[Span]) -> None:
        for ent in ents:
            start = ent.start
            if self._by_token.get(start) is not None or self.people_named(ent.text):
                continue  # NER's ORG for a surname the people index knows ("Wang")
            name = with_article(ent)
            words = normalise_name(name, set()).split()
            if not words:
                continue
            key = " ".join(w.casefold() for w in words if w.casefold() != "the")
            found = next((o for o in self.organizations if _org_key(o.name) == key), None)
            if found is None:
                found = self._new(" ".join(words), "organization")
            self._link(ent, found, None)

    def _new(self, name: str, kind: EntityKind) -> Entity:
        entity = Entity(name, kind)
        (self.people if kind == "person" else self.organizations).append(entity)
        if kind == "person":
            first = name.split()[0] if len(name.split()) > 1 else None
            gender = first_name_gender(first) if first else None
            if gender is not None:
                entity.gender_evidence.append(GenderEvidence(gender, Strength.FIRST_NAME, f"first name {first}"))
        return entity

    def _link(self, ent: Span, entity: Entity, gender_here: GenderEvidence | None) -> None:
        self._by_token[ent.start] = NameAt(entity)
        self._note_mention(entity, ent)
        if gender_here is not None:
            entity.gender_evidence.append(gender_here)
        if entity.kind == "person":
            found = describe_named(ent, self.rules)
            entity.description = entity.description.filled_from(found)
            heads, words = self._title_words(ent, found)
            entity.titles |= heads
            entity.descriptors |= words | heads

    def _note_mention(self, entity: Entity, ent: Span) -> None:
        if self._is_skipped(ent.start_char):
            return
        entity.mentions.append(
            EntityMention(ent.start, ent.end, ent.text, _role(ent), self.in_quote(ent.start_char), self.in_headline(ent))
        )

    # --- names ---------------------------------------------------------------

    def _clean_name(self, ent: Span) -> list[str]:
        """The words of a name: no honorific or title before it, no
        possessive, no adjective or verb the recogniser ran into it."""
        tokens = [t for t in ent if not t.is_space and t.tag_ != "POS" and t.dep_ != "case"]
        while tokens and (tokens[0].text in self.rules.name_prefixes or tokens[0].lower_ in self.rules.gender_words):
            tokens = tokens[1:]
        while len(tokens) > 1 and (tokens[0].tag_ in NOT_NAME_TAGS or _epithet(tokens[0], len(tokens))):
            tokens = tokens[1:]
        while len(tokens) > 1 and tokens[-1].tag_ in NOT_NAME_TAGS - {"IN", "DT", "CD"}:
            tokens = tokens[:-1]
        if not tokens:
            return []
        text = self.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        return normalise_name(text, self.rules.name_prefixes).split()

    def people_named(self, words: str | list[str]) -> list[Entity]:
        """People whose name ends or starts with these words."""
        if isinstance(words, str):
            words = normalise_name(words, self.rules.name_prefixes).split()
        folded = [w.casefold() for w in words]
        if not folded:
            return []
        exact = [p for p in self.people if p.folded == folded]
        if exact:
            return exact
        size = len(folded)
        return [
            p for p in self.people if size < len(p.folded) and (p.folded[-size:] == folded or p.folded[:size] == folded)
        ]

    def gender_word_at(self, ent: Span) -> Token | None:
        """"Mrs. Harlan", "Congresswoman Ruiz": a gender word just before the
        name, or as the entity's own first word."""
        doc = self.doc
        for index in (ent.start, ent.start - 1):
            if 0 <= index < len(doc) and doc[index].lower_ in self.rules.gender_words:
                if index < ent.start or len(ent) > 1:
                    return doc[index]
        return None

    def _gender_word_before(self, ent: Span) -> GenderEvidence | None:
        word = self.gender_word_at(ent)
        if word is None:
            return None
        return GenderEvidence(self.rules.gender_words[word.lower_], Strength.GENDER_WORD, f"{word.text!r} before the name")

    def _title_words(self, ent: Span, found: Description) -> tuple[set[str], set[str]]:
        """The nouns a later description may call this person by, and the
        words that may qualify them: the role's head ("professor" of
        "professor of politics") and the title before the name ("Sen." ->
        senator, "nominee" in "Republican nominee Donald Trump")."""
        heads: set[str] = set()
        words: set[str] = set()
        role = (found.role or "").casefold().split(" of ")[0].split()
        if role:
            heads.add(role[-1])
            words |= set(role)
        before = [c for c in ent.root.lefts if c.i < ent.start and c.dep_ in {"compound", "amod", "nmod"}]
        before += [t for t in ent if t.text in self.rules.name_prefixes]
        for token in before:
            word = token.lower_
            (heads if token.dep_ != "amod" and (token.pos_ in {"NOUN", "PROPN"}) else words).add(word)
            words |= {c.lower_ for c in token.lefts if c.dep_ in {"amod", "compound"}}
        party = self._party_after(ent)
        if party is not None:
            words.add(party)
        for found_words in (heads, words):
            found_words |= {self.rules.title_abbreviations[w] for w in list(found_words) if w in self.rules.title_abbreviations}
            found_words |= {w.rstrip(".").strip(",") for w in list(found_words)}
        return {w for w in heads if w}, {w for w in words if w}

    def _party_after(self, ent: Span) -> str | None:
        """"Ana Ruiz (D-Ore.)": the party the marker after a name gives."""
        doc = self.doc
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text in {"-", "–"}:
            return self.rules.party_markers.get(doc[ent.end + 1].text)
        return None

    # --- gender ----------------------------------------------------------------

    def _gather_gender(self, person: Entity) -> None:
        for word in person.titles | person.descriptors:
            gender = self.rules.gender_words.get(word)
            if gender is not None:
                person.gender_evidence.append(GenderEvidence(gender, Strength.GENDER_WORD, f"described as {word!r}"))
        for mention in person.mentions:
            link = self._pronoun_link(mention)
            if link is not None:
                person.gender_evidence.append(link)

    def _pronoun_link(self, mention: EntityMention) -> GenderEvidence | None:
        """"Okafor said she ...", "Okafor said her office ...": the subject of
        the clause a subject's verb reports is a gendered pronoun, or is
        owned by one, outside quotes."""
        if mention.role != "subject" or mention.in_quote:
            return None
        root = self.doc[mention.start : mention.end].root
        verb = root.head
        for child in verb.children:
            # "Henning thanked Halabi in his speech": a possessive in the
            # verb's own phrase is the subject's.
            if child.dep_ != "prep" or self.in_quote(child.idx):
                continue
            for noun in child.children:
                for word in noun.children if noun.dep_ == "pobj" else ():
                    gender = self._pronoun_gender(word)
                    if gender is not None and word.dep_ == "poss":
                        return GenderEvidence(gender, Strength.PRONOUN_LINK, f"{mention.text} ... {word.text} {noun.text}")
        for clause in verb.children:
            if clause.dep_ != "ccomp" or self.in_quote(clause.idx):
                continue
            for subject in clause.children:
                if subject.dep_ not in SUBJECT_DEPS:
                    continue
                owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
                for word in owners:
                    gender = self._pronoun_gender(word)
                    if gender is not None:
                        return GenderEvidence(gender, Strength.PRONOUN_LINK, f"{mention.text} said {word.text!r} ...")
        return None

    def _pronoun_gender(self, word: Token) -> str | None:
        gender = self.rules.pronouns.get(word.lower_)
        return gender if gender in GENDERS else None

    # --- queries ---------------------------------------------------------------

    def carried(self) -> tuple[Entity, ...]:
        """Everyone named here, for the next piece of the text: copies that
        keep what was learned of them but not their mentions, which index
        this Doc. Those named in this piece come first, then those carried
        from before; past MAX_CARRIED the longest unnamed are dropped, so a
        day of wire copy in one file does not slow every piece after."""
        everyone = self.people + self.organizations
        named_here = [e for e in everyone if e.mentions]
        ordered = named_here + [e for e in everyone if not e.mentions]
        return tuple(
            replace(
                e,
                mentions=[],
                gender_evidence=list(e.gender_evidence),
                titles=set(e.titles),
                descriptors=set(e.descriptors),
            )
            for e in ordered[:MAX_CARRIED]
        )

    def name_at(self, token: Token) -> NameAt | None:
        """What the name that holds `token` refers to, or None if no entity
        of the registry is named there."""
        entity = entity_of(token)
        start = entity.start if entity is not None else token.i
        return self._by_token.get(start)

    def add_person(self, name: str) -> Entity:
        """A person named where the recogniser saw no name ("PENCE:"), so
        that later pronouns and surnames can mean them."""
        return self.entity_named(name) or self._new(name, "person")

    def entity_named(self, name: str) -> Entity | None:
        """The entity whose fullest name this is."""
        return next((e for e in self.people + self.organizations if e.name == name), None)

    def lookup(self, name: str, near: int | None = None) -> Entity | None:
        """The person a name refers to: the same name, or its surname or
        given name alone; the nearest earlier full mention wins a tie."""
        words = normalise_name(name, self.rules.name_prefixes).split()
        if not words:
            return None
        matches = self.people_named(words)
        if len(matches) == 1:
            return matches[0]
        return self.decide_shared_name(matches, near, None).entity if matches and near is not None else None

    def decide_shared_name(self, candidates: Sequence[Entity], near: int | None, gender: str | None) -> NameAt:
        """One of several people a name could mean, or none, tested in this
        order: the one the honorific's gender fits; the one the article names
        at least three times and twice as often as any other; the only one
        named in full in this or the previous paragraph; the one not called by
        first name elsewhere (news style for relatives)."""
        everyone = tuple(candidates)
        left = [p for p in candidates if gender is None or p.gender in (None, gender)]
        if not left:
            return NameAt(None, everyone, "none of them fits the gender")
        if len(left) == 1:
            return NameAt(left[0], everyone, "the only one of them of that gender")
        if near is None:
            return NameAt(None, everyone, "nothing tells them apart")
        paragraph = self.paragraph_of(near)

        def named_in_full(person: Entity, since: int) -> bool:
            return any(
                len(m.text.split()) > 1 and self.paragraph_of(m.start) >= since for m in person.mentions_before(near)
            )

        counts = sorted(((len(p.mentions), p) for p in left), key=lambda pair: -pair[0])
        if counts[0][0] >= max(DOMINANT_MENTIONS, DOMINANT_SHARE * counts[1][0]):
            return NameAt(counts[0][1], everyone, "the one the article names most")
        near_full = [p for p in left if named_in_full(p, paragraph - 1)]
        if len(near_full) == 1:
            return NameAt(near_full[0], everyone, "the only one named in full in this or the previous paragraph")
        by_surname = [p for p in left if not p.called_by_first_name]
        if len(by_surname) == 1:
            return NameAt(by_surname[0], everyone, "the others are called by their first names")
        return NameAt(None, everyone, "several of them were named as near")

    def paragraph_of(self, token: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, self.doc[token].idx) - 1

    def _is_skipped(self, char: int) -> bool:
        return any(start <= char < end for start, end in self._skipped)

    def in_quote(self, char: int) -> bool:
        return self.quote_at(char) is not None

    def quote_at(self, char: int) -> tuple[int, int] | None:
        """The (start, end) characters of the quote `char` stands in, if any."""
        at = bisect.bisect_right(self._quote_starts, char) - 1
        if at >= 0 and self._quotes[at][0] <= char < self._quotes[at][1]:
            return self._quotes[at]
        return None

    def in_headline(self, where: Token | Span) -> bool:
        """Whether the words stand in a title-case line (a headline)."""
        sent = where.sent
        if sent.start not in self._headlines:
            self._headlines[sent.start] = _is_title_case(sent)
        return self._headlines[sent.start]


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(differ) == 1:
            return True
        if len(differ) != 2 or differ[1] != differ[0] + 1:
            return False
        first, second = differ
        return a[first] == b[second] and a[second] == b[first]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _epithet(token: Token, name_length: int) -> bool:
    """A participle the tagger reads as part of a name: "Injecting Clinton's
    marital troubles", "Crooked Hillary Clinton" (no census first name)."""
    word = token.lower_
    if is_first_name(word):
        return False
    return word.endswith("ing") or (word.endswith("ed") and name_length >= 3)


def _role(ent: Span) -> MentionRole:
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "Dunn and Hale met": both are subjects
    if root.dep_ in SUBJECT_DEPS:
        return "subject"
    if root.dep_ in OBJECT_DEPS:
        return "object"
    return "other"


def _org_key(name: str) -> str:
    return " ".join(w for w in name.casefold().split() if w != "the")


def with_article(entity: Span) -> str:
    """NER leaves out a leading "The" that belongs to the name ("The Post")."""
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    if before is not None and before.lower_ == "the" and before.text[0].isupper():
        return f"{before.text} {entity.text}"
    return entity.text


def _is_title_case(sent: Span) -> bool:
    """Every word of four letters or more capitalised: "Obama Sees Progress
    In Climate Talks" (a sentence has its verbs in lower case)."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return (
        len(words) >= _TITLE_CASE_MIN_WORDS
        and not opens_with_dash(sent)  # "― Ilse Varga-Toomey" signs a quote
        and all(t.text[0].isupper() for t in words)
        and any(t.ent_type_ != PERSON for t in words)  # a line that is only a name is a signature
    )


def opens_with_dash(sent: Span) -> bool:
    """The line starts with a dash, as a signature under a quote does."""
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and all(unicodedata.category(c) == "Pd" for c in first.text)


def _misread_name(ent: Span) -> bool:
    """A first name and surname under a wrong label, as the subject of a
    sentence: "Ines Arrowsmith told reporters"."""
    return (
        ent.label_ in MISREAD_NAME_LABELS
        and 2 <= len(ent) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in ent)
        and ent.root.dep_ in SUBJECT_DEPS
    )
