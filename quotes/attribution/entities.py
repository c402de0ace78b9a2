"""Who is who in an article: the registry of the people and organizations it
names, each with all its mentions, its fullest name, the words that describe
it, and its gender with the evidence for it.

Built once per Doc from the named entities and the parse, so that a later
"Yang", "Mrs. Harlan" or "the senator" can be resolved to the one person the
article introduced, and so that a pronoun's candidates (see
`quotes.attribution.coreference`) are every entity mentioned before it. What
it holds is in `quotes.attribution.entity`; how a written name is read and
matched to people, in `quotes.attribution.names`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..rules.ruleset import RuleSet
from .entity import Entity, EntityKind, EntityMention, NameAt, is_introduced, mention_role
from .gender import (
    GenderEvidence,
    described_as,
    gender_said_after,
    gender_word_at,
    gender_word_before,
    is_first_name,
    pronoun_link,
)
from .names import (
    acronym,
    bearing_name,
    called_by_surname_after,
    clean_name,
    initials,
    is_title_case,
    joined_names,
    misread_name,
    misspelled_surname_of,
    org_key,
    past_boilerplate,
    with_article,
    with_full_name,
    with_shared_surname,
)
from .people import PERSON, describe_named, entity_of, normalise_name, title_words
from .quotemarks import QuotedSpan
from .shared_names import SharedNames

ORGANIZATION_ENTITY_LABELS = {"ORG"}
# The most entities one piece of a long text hands the next (see `pieces`):
# a transcript's cast is far smaller; a file of many articles is not.
MAX_CARRIED = 1_000


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
        self._shared: list[tuple[Span, GenderEvidence | None]] = []  # surnames several people bear
        self.text = doc.text if text is None else text  # spaCy joins every token to make it
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n|\n", self.text)]
        self.shared = SharedNames(self.paragraph_of)
        self._skipped = list(skipped)
        person_ents, organization_ents = [], []
        for ent in past_boilerplate(doc.ents, self._skipped):
            if (ent.label_ == PERSON or misread_name(ent)) and not self._names_a_group(ent):
                person_ents.append(ent)
            elif ent.label_ in ORGANIZATION_ENTITY_LABELS or ent.label_ == PERSON:
                organization_ents.append(ent)
        self._add_people(person_ents)
        self._add_misread_surnames(doc)
        self._add_organizations(organization_ents)
        for person in self.people:
            self._gather_gender(person)
        # Last, so that what is known of each person's gender decides too.
        self._settle_shared_surnames()
        for person in self.people:
            person.mentions.sort(key=lambda m: m.start)

    # --- building ------------------------------------------------------------

    def _names_a_group(self, ent: Span) -> bool:
        """A name the recogniser took for a person's that starts or ends
        with an organization's noun: "Team Clinton", "Clinton Foundation"."""
        words = [t.lower_ for t in ent if t.is_alpha]
        return len(words) > 1 and (words[0] in self.rules.organization_nouns or words[-1] in self.rules.organization_nouns)

    def _add_people(self, ents: list[Span]) -> None:
        named = [(ent, clean_name(ent, self.text, self.rules)) for ent in ents]
        named = [(ent, words) for ent, words in named if words]
        # A word named alone again ("Mr. Obama ... Obama and Hillary Clinton")
        # or ending a full name is a surname, whatever follows it.
        alone = Counter(words[0].casefold() for _, words in named if len(words) == 1)
        surnames = {words[-1].casefold() for _, words in named if len(words) > 1}
        surnames |= {word for word, count in alone.items() if count > 1 and not is_first_name(word)}
        named = [(ent, with_shared_surname(ent, words, surnames)) for ent, words in named]
        body = [(e, w) for e, w in named if not self.in_headline(e)]
        headline = [(e, w) for e, w in named if self.in_headline(e)]

        # Full names first, so a lone surname anywhere links to its person;
        # then surnames an honorific genders ("Mrs. Harlan"), which may be
        # someone new; then bare surnames, among everyone.
        def order(pair: tuple[Span, list[str]]) -> tuple[int, int, int]:
            ent, words = pair
            return (-len(words), gender_word_before(ent, self.rules) is None, ent.start)

        for ent, words in sorted(body, key=order):
            self._place_person(ent, words)
        for ent, words in sorted(headline, key=lambda pair: pair[0].start):
            self._place_headline_person(ent, words)
        for person in self.people:
            person.mentions.sort(key=lambda m: m.start)

    def _place_person(self, ent: Span, words: list[str]) -> None:
        gender_here = gender_word_before(ent, self.rules)
        if len(words) == 1:
            matches = self.people_named(words)
            if gender_here is not None:
                fitting = [p for p in matches if p.gender in (None, gender_here.gender)]
                if matches and not fitting:
                    # "Mrs. Harlan" when only Tom Harlan is known: someone else.
                    honorific = gender_word_at(ent, self.rules)
                    words = [honorific.text, *words] if honorific is not None else words
                matches = fitting
            first_name_of = [p for p in matches if len(p.folded) > 1 and p.folded[0] == words[0].casefold()]
            if len(first_name_of) == 1 and len(matches) == 1 and not self.in_quote(ent.start_char):
                # Outside quotes only: a quoted friend says "Betsy" of anyone.
                first_name_of[0].called_by_first_name = True
            if not matches:
                matches = misspelled_surname_of(self.people, words[0])
            if len(matches) == 1:
                self._link(ent, matches[0], gender_here)
                if matches[0].folded[-1] != words[0].casefold():
                    self.shared.first_named.add(ent.start)
            elif matches:
                self._by_token[ent.start] = NameAt(None, tuple(matches), "several people bear this name")
                self._shared.append((ent, gender_here))
            else:
                self._link(ent, self._new(" ".join(words), "person"), gender_here)
            return
        person = with_full_name(self.people, words) or self._fill_out(words, ent.start)
        self._link(ent, person or self._new(" ".join(words), "person"), gender_here)

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
            while (
                start > 0
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].pos_ == "PROPN"
                and not doc[start - 1].ent_type_
            ):
                start -= 1
            # "Ivanka Trump" the recogniser missed is a full name of its own.
            span = doc[start : token.i + 1]
            words = clean_name(span, self.text, self.rules)
            if words:
                self._place_person(span, words)

    def _settle_shared_surnames(self) -> None:
        """Decide, in text order, each surname several people bear, so that
        one decided is a near mention for the next ("Jeh Johnson says ...
        Johnson tells ... Johnson said" after a Gary Johnson earlier)."""
        for ent, gender_here in sorted(self._shared, key=lambda pair: pair[0].start):
            undecided = self._by_token[ent.start]
            gender = gender_here.gender if gender_here is not None else self._gender_after(ent)
            decided = self.shared.settle(undecided.candidates, ent.start, gender)
            if decided.entity is not None:
                # A mention only: no gender, title or description from here,
                # which a wrong decision would spread to every later one
                # ("Mr. Khan" making Ghazala Khan male).
                self._by_token[ent.start] = NameAt(decided.entity, undecided.candidates, decided.why)
                self._note_mention(decided.entity, ent)

    def _gender_after(self, ent: Span) -> str | None:
        """The gender a pronoun after a subject's name gives it: "Woods said she ..."."""
        if mention_role(ent) != "subject" or self.in_quote(ent.start_char):
            return None
        link = gender_said_after(ent, self.rules, self.in_quote, self._known_gender)
        return link.gender if link is not None else None

    def _add_organizations(self, ents: list[Span]) -> None:
        # Full names first, so that an acronym anywhere links to its name
        # ("the IMF" to the International Monetary Fund).
        for ent in sorted(joined_names(ents), key=lambda e: (acronym(e.text) is not None, e.start)):
            start = ent.start
            if self._by_token.get(start) is not None or self.people_named(ent.text):
                continue  # NER's ORG for a surname the people index knows ("Wang")
            name = with_article(ent)
            words = normalise_name(name, set()).split()
            if not words:
                continue
            key = " ".join(w.casefold() for w in words if w.casefold() != "the")
            found = next((o for o in self.organizations if org_key(o.name) == key), None) or self._spelled_out(ent.text)
            if found is None:
                found = self._new(" ".join(words), "organization")
            self._link(ent, found, None)
            if not ent.label_:  # joined from two: "the Sixth Circuit" is the court's name too
                for inner in self.doc.ents:
                    if start < inner.start < ent.end:
                        self._by_token[inner.start] = NameAt(found)
        self._add_missed_acronyms(self.doc)

    def _spelled_out(self, word: str) -> Entity | None:
        """The one organization named in full whose initials `word` is."""
        letters = acronym(word)
        if letters is None:
            return None
        found = [o for o in self.organizations if initials(o.name) == letters]
        return found[0] if len(found) == 1 else None

    def _add_missed_acronyms(self, doc: Doc) -> None:
        """An acronym the recogniser missed ("the S.E.C.") of an
        organization named in full: still a mention of it."""
        for token in doc:
            if token.ent_type_ or token.pos_ != "PROPN" or token.i in self._by_token or self._is_skipped(token.idx):
                continue
            found = self._spelled_out(token.text)
            if found is not None:
                self._link(doc[token.i : token.i + 1], found, None)

    def _new(self, name: str, kind: EntityKind) -> Entity:
        entity = Entity(name, kind)
        (self.people if kind == "person" else self.organizations).append(entity)
        if kind == "person":
            entity.call(name)
        return entity

    def _fill_out(self, words: list[str], start: int) -> Entity | None:
        """The person called only by this surname after `start`, now known by the full name."""
        person = called_by_surname_after(self.people, words, start)
        if person is not None:
            person.call(" ".join(words))
        return person

    def _link(self, ent: Span, entity: Entity, gender_here: GenderEvidence | None) -> None:
        self._by_token[ent.start] = NameAt(entity)
        self._note_mention(entity, ent)
        if gender_here is not None:
            entity.gender_evidence.append(gender_here)
        if entity.kind == "person":
            found = describe_named(ent, self.rules)
            entity.description = entity.description.filled_from(found)
            heads, words = title_words(ent, found, self.rules)
            entity.titles |= heads
            entity.descriptors |= words | heads

    def _note_mention(self, entity: Entity, ent: Span) -> None:
        if self._is_skipped(ent.start_char):
            return
        entity.mentions.append(
            EntityMention(
                ent.start,
                ent.end,
                ent.text,
                mention_role(ent),
                self.in_quote(ent.start_char),
                self.in_headline(ent),
                is_introduced(ent),
            )
        )

    # --- names ---------------------------------------------------------------

    def people_named(self, words: str | list[str]) -> list[Entity]:
        """People whose name ends or starts with these words."""
        if isinstance(words, str):
            words = normalise_name(words, self.rules.name_prefixes).split()
        return bearing_name(self.people, words)

    # --- gender ----------------------------------------------------------------

    def _gather_gender(self, person: Entity) -> None:
        person.gender_evidence += described_as(person.titles | person.descriptors, self.rules)
        for mention in person.mentions:
            if mention.role != "subject" or mention.in_quote:
                continue
            root = self.doc[mention.start : mention.end].root
            link = pronoun_link(root, mention.text, self.rules, self.in_quote, self._known_gender)
            if link is not None:
                person.gender_evidence.append(link)

    def _known_gender(self, token: Token) -> str | None:
        """The gender known so far of the person named at `token`."""
        found = self.name_at(token)
        return found.entity.gender if found is not None and found.entity is not None else None

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

    def add_organization(self, name: str) -> Entity:
        """An organization named where the recogniser saw no name."""
        return self.entity_named(name) or self._new(name, "organization")

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
        """One of several people a name could mean, or none (see
        `quotes.attribution.shared_names`)."""
        return self.shared.decide(candidates, near, gender)

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
            self._headlines[sent.start] = is_title_case(sent)
        return self._headlines[sent.start]
