"""Whom a description means: "the senator", "the company", "the Trump
campaign", "a union representing flight attendants".

- a definite description of a person is the most salient person the article
  called by that noun with those qualifiers; an indefinite or plural one ("a
  spokeswoman", "officials") is someone new, never a name, unless the
  headline or lede describes so the one person the next sentences introduce
  by that noun ("A retired general said ... Gen. Tom Varga");
- an organization is named by whom it belongs to ("the Trump campaign",
  "the Saudi government"), or is the most salient organization before it
  whose name holds the qualifiers ("the company"); in the headline or lede,
  a description may introduce the organization the next sentences name;
- before a pronoun, descriptions that mean someone count as mentions of
  them ("The president also drew on ... he told"), a country that acts
  may be what "it" means, and plural subjects ("officials", "they") are the
  groups "they" most often means.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .entity import Entity, mention_role
from .names import with_article
from .people import SUBJECT_DEPS, is_indefinite, owner_named
from .salience import (
    PRONOUN_WINDOW_SENTENCES,
    SENTENCE_DECAY,
    Resolved,
    Salience,
    Unnamed,
    choose,
    combined,
)
from .trace import Weighed as Candidate

# A description of a person ("the senator") reaches back over the whole article.
TITLE_DECAY = 0.9
# How far after the opening a description's organization may be named.
CATAPHORA_SENTENCES = 3
# An organization described, not named ("the Trump campaign"), is what "it"
# means only in the next sentence.
DESCRIBED_WINDOW_SENTENCES = 1
PLURAL_TAGS = {"NNS", "NNPS"}


class Descriptions:
    """Resolves the descriptions of one article."""

    def __init__(self, salience: Salience):
        self.salience = salience
        self.registry = salience.registry
        self.rules = salience.rules
        self._people: dict[int, Entity | None] = {}  # whom a description means, by its token

    def described(self, head: Token) -> Resolved:
        """ "The senator", "the Democratic nominee": the most salient person
        the article called by that noun, with those qualifiers; "a
        spokeswoman" is someone new, never a name."""
        if head.tag_ not in PLURAL_TAGS and (head.lower_ in self.rules.organization_nouns or self._names_head(head)):
            return self._organization(head)
        # Headlines drop articles: "Former White House Doctor Says" is "a former ...".
        bare_in_title = self.salience.in_title(head) and not any(c.dep_ in {"det", "poss"} for c in head.lefts)
        if head.tag_ not in PLURAL_TAGS and (is_indefinite(head, self.rules) or bare_in_title) and self.salience.in_opening(head):
            introduced = self._person_introduced(head)
            if introduced is not None:
                return introduced
        if is_indefinite(head, self.rules) or head.tag_ in PLURAL_TAGS:
            return Resolved(None, None, reason="an indefinite or plural description: someone not named before")
        nouns = {head.lower_, head.lemma_.lower()}
        qualifiers = {c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"} and c.i < head.i}
        gender = self.rules.gender_words.get(head.lower_)
        scored: list[tuple[float, Entity | Unnamed]] = []
        candidates: list[Candidate] = []
        in_title = self.salience.in_title(head)
        for person in self.registry.people:
            before = person.mentions if in_title else person.mentions_before(head.i)
            if not before or not nouns & person.titles:
                continue
            if not qualifiers <= person.descriptors:
                missing = " ".join(sorted(qualifiers - person.descriptors))
                candidates.append(Candidate(person.name, 0.0, False, f"not described as {missing}"))
                continue
            if gender is not None and person.gender not in (None, gender):
                candidates.append(Candidate(person.name, 0.0, False, f"{person.gender} ({person.gender_reason})"))
                continue
            weights = [self.salience.decayed(m.start, head.i, TITLE_DECAY) * self.salience.mention_weight(m) for m in before]
            scored.append((combined(weights), person))
        return choose(scored, candidates, "title", f"the one called {head.text!r} before")

    def _organization(self, head: Token) -> Resolved:
        """ "The company", "the Trump campaign", "a union representing
        flight attendants" (in the opening, named by the story after it)."""
        if head.lower_ not in self.rules.organization_nouns:
            return self._organization_before(head)  # "the fund": called by its name's noun
        introduced = self._organization_introduced(head) if self.salience.in_opening(head) else None
        if introduced is not None:
            return introduced
        owned = owner_named(head)
        if owned is not None:
            return Resolved(Entity(owned, "organization"), "named", reason="an organization named by whom it belongs to")
        if is_indefinite(head, self.rules):
            return Resolved(None, None, reason="an indefinite description: an organization not named before")
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.lefts):
            return Resolved(None, None, reason="whose it is, a pronoun says: 'his campaign' is not resolved")
        return self._organization_before(head)

    def _organization_before(self, head: Token) -> Resolved:
        """ "The company said": the most salient organization before it whose
        name holds the description's qualifiers ("the Saudi government" is
        none of the organizations named before unless one is Saudi), or
        that an earlier description with the same noun named by its owner
        ("Donald Trump's campaign released an ad ... The campaign said")."""
        qualifiers = {c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"}}
        by_name = head.lower_ not in self.rules.organization_nouns  # "the fund": an organization called so
        scored: list[tuple[float, Entity | Unnamed]] = []
        salience = self.salience
        for organization in self.registry.organizations:
            if not qualifiers <= set(organization.folded):
                continue
            if by_name and _head_word(organization.folded) != head.lemma_.lower():
                continue
            # A description its name bears out ("the appeals court") reaches
            # back as far as a person's title; a bare "the company", only as
            # far as a pronoun.
            borne_out = by_name or bool(qualifiers)
            decay = TITLE_DECAY if borne_out else SENTENCE_DECAY
            before = [
                m
                for m in organization.mentions_before(head.i)
                if borne_out or salience.sentences_back(m.start, head.i) <= PRONOUN_WINDOW_SENTENCES
            ]
            if before:
                weights = [salience.mention_weight(m) * salience.decayed(m.start, head.i, decay) for m in before]
                scored.append((combined(weights), organization))
        if qualifiers and not by_name:
            # "The budget office": the Congressional Budget Office before the
            # Senate Budget Committee.
            bearing: list[tuple[float, Entity | Unnamed]] = [
                (score, o) for score, o in scored if isinstance(o, Entity) and head.lemma_.lower() in o.folded
            ]
            scored = bearing or scored
        if not qualifiers and not by_name:
            owned: dict[str, list[float]] = {}
            for weight, organization in self._owned_before(head):
                owned.setdefault(organization.name, []).append(weight)
            scored += [(combined(weights), Entity(name, "organization")) for name, weights in owned.items()]
        return choose(scored, [], "title", f"the organization {head.text!r} most likely means")

    def _owned_before(self, head: Token) -> Iterator[tuple[float, Entity]]:
        """Earlier descriptions with `head`'s noun that name the
        organization by its owner ("Donald Trump's campaign"), with their
        weights; the same noun bears the description out, so they fade as
        slowly as a person's title."""
        doc = self.salience.doc
        for token in doc[self.salience.window_start(head.i, PRONOUN_WINDOW_SENTENCES) : head.i]:
            if token.lemma_.lower() != head.lemma_.lower() or token.tag_ in PLURAL_TAGS:
                continue
            if any(c.dep_ == "compound" and not c.ent_type_ for c in token.lefts):
                continue  # "Google's parent company" is not Google's
            owned = owner_named(token)
            if owned is not None:
                weight = self.salience.token_weight(token)
                yield weight * self.salience.decayed(token.i, head.i, TITLE_DECAY), Entity(owned, "organization")

    def _names_head(self, head: Token) -> bool:
        """ "The fund" after "the International Monetary Fund": a definite
        description by the last word of an organization named before."""
        if is_indefinite(head, self.rules) or not any(c.lower_ == "the" for c in head.lefts):
            return False
        noun = head.lemma_.lower()
        return any(_head_word(o.folded) == noun and o.mentions_before(head.i) for o in self.registry.organizations)

    def _organization_introduced(self, head: Token) -> Resolved | None:
        """ "A union representing flight attendants endorsed ...": in the
        headline or the lede, the organization the story then names, the
        first one in the next sentences whose name holds every word of the
        description ("the Association of Flight Attendants"), or its noun and
        every word but the adjectives."""
        words = [t for t in head.subtree if t.i != head.i and t.pos_ in {"NOUN", "PROPN", "ADJ"}]
        if not words:
            return None
        found: dict[int, Entity] = {}
        first, last = head.left_edge.i, head.right_edge.i
        for organization in self.registry.organizations:
            named = set(organization.folded)
            if any(first <= m.start <= last for m in organization.mentions):
                continue  # named in the description: whose it is ("a House panel"), not what it is
            # Every word, but an adjective may go when the name holds the
            # noun itself: "a federal appeals court" is the U.S. Court of
            # Appeals for the Sixth Circuit.
            holds_head = head.lower_ in named or head.lemma_.lower() in named
            if not all(t.lower_ in named or t.lemma_.lower() in named or (holds_head and t.pos_ == "ADJ") for t in words):
                continue
            after = [
                m.start
                for m in organization.mentions
                if head.i < m.start and self.salience.sentences_back(head.i, m.start) <= CATAPHORA_SENTENCES
            ]
            if after:
                found[min(after)] = organization
        if len({id(o) for o in found.values()}) != 1:
            return None
        organization = next(iter(found.values()))
        why = "the organization the story then names"
        return Resolved(organization, "title", [Candidate(organization.name, 0.0, True, why)], why)

    def _person_introduced(self, head: Token) -> Resolved | None:
        """ "A New York judge rejected ... Judge Frank Nervo said": in the
        headline or the lede, the one person the next sentences introduce
        by that noun, named there for the first time."""
        nouns = {head.lower_, head.lemma_.lower()}
        found = [
            person
            for person in self.registry.people
            if nouns & person.titles
            and person.mentions
            and head.i < person.mentions[0].start
            and self.salience.sentences_back(head.i, person.mentions[0].start) <= CATAPHORA_SENTENCES
        ]
        if len(found) != 1:
            return None
        why = "the person the story then introduces"
        return Resolved(found[0], "title", [Candidate(found[0].name, 0.0, True, why)], why)

    # --- as mentions before a pronoun ---------------------------------------------

    def people_before(self, pronoun: Token) -> Iterator[tuple[float, Entity]]:
        """Definite descriptions in the sentences before `pronoun` that mean
        someone named before ("The president's roots ... he told"), each
        with its weight: mentions of that person, as much as the name."""
        titles = {t for p in self.registry.people for t in p.titles}
        doc = self.salience.doc
        for token in doc[self.salience.window_start(pronoun.i, PRONOUN_WINDOW_SENTENCES) : pronoun.i]:
            if token.pos_ != "NOUN" or token.lower_ not in titles or not any(c.lower_ == "the" for c in token.lefts):
                continue
            if token.i not in self._people:
                self._people[token.i] = self.described(token).entity
            person = self._people[token.i]
            if person is not None and person.kind == "person":
                yield self.salience.token_weight(token) * self.salience.decayed(token.i, pronoun.i), person

    def organizations_before(self, pronoun: Token) -> Iterator[tuple[float, Entity]]:
        """Subjects in this sentence or the one before `pronoun` that name
        an organization by whom it belongs to ("Donald Trump's campaign is
        defending ... It said"), with their weights: what "it" may mean
        besides the names."""
        doc = self.salience.doc
        for token in doc[self.salience.window_start(pronoun.i, DESCRIBED_WINDOW_SENTENCES) : pronoun.i]:
            if (
                token.dep_ in SUBJECT_DEPS
                and token.lower_ in self.rules.organization_nouns
                and token.tag_ not in PLURAL_TAGS
                and not is_indefinite(token, self.rules)
            ):
                owned = owner_named(token)
                if owned is not None:
                    yield (
                        self.salience.token_weight(token) * self.salience.decayed(token.i, pronoun.i),
                        Entity(owned, "organization"),
                    )

    def places_before(self, pronoun: Token) -> Iterator[tuple[float, Entity]]:
        """Countries and cities that are the subject of a sentence before
        `pronoun`, with their weights: "Mexico should retaliate. It has
        shown it knows how" (a place that acts is an organization)."""
        doc = self.salience.doc
        for ent in doc[self.salience.window_start(pronoun.i, PRONOUN_WINDOW_SENTENCES) : pronoun.i].ents:
            if ent.label_ == "GPE" and mention_role(ent) == "subject":
                weight = self.salience.token_weight(ent.root) * self.salience.decayed(ent.start, pronoun.i)
                yield weight, Entity(with_article(ent), "organization")

    def groups_before(self, pronoun: Token) -> Iterator[tuple[float, Unnamed]]:
        """Plural subjects in the sentences before `pronoun` ("officials",
        "the researchers", "Democrats", "they"), with their weights: what
        "they" most often means, a group no name stands for."""
        doc = self.salience.doc
        for token in doc[self.salience.window_start(pronoun.i, PRONOUN_WINDOW_SENTENCES) : pronoun.i]:
            if token.dep_ in SUBJECT_DEPS and (token.tag_ in PLURAL_TAGS or self.rules.pronouns.get(token.lower_) == "plural"):
                yield self.salience.token_weight(token) * self.salience.decayed(token.i, pronoun.i), Unnamed(token.text)


def _head_word(folded: list[str]) -> str | None:
    """The noun an organization's name is built on: its last word, or the
    last before "of" or "for" ("the Court of Appeals for the Sixth
    Circuit": court)."""
    words = folded
    for index, word in enumerate(folded):
        if word in {"of", "for"}:
            words = folded[:index]
            break
    return words[-1] if words else None
