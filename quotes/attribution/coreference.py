"""Whom a speaker mention means: a name, a surname, a title, a pronoun or "who".

The right person, or no name. Each kind of mention has its own test:

- a name at the cue is the entity the registry links it to; a surname that
  several people bear is decided as `EntityRegistry.decide_shared_name`
  says (an honorific's gender, the one the article names most, the only one
  named in full nearby, the news habit of calling relatives by first name);
  otherwise no name;
- a definite description ("the senator", "the Republican", "the company")
  is the most salient person (or organization) the article called by that
  noun with those qualifiers; an indefinite one ("a spokeswoman") is someone
  new, never a name;
- a pronoun weighs every candidate mentioned in the five sentences before it
  by salience (speakers and subjects above objects; mentions in quotes,
  reported speech and headlines below), halving with each sentence back; a
  candidate whose known gender or number disagrees is dropped; unnamed
  speakers ("a spokesman") are candidates too, so a pronoun that means one
  of them gets no name;
- no name when the best two candidates are about as plausible, or the best
  is far (unless it is the only one whose known gender fits); with nobody
  near, "he" is the man the article is about, if it names one far more than
  anyone else.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Resolution
from .entities import EntityRegistry
from .entity import Entity, EntityMention, NameAt
from .gender import FEMALE, MALE, gender_word_at
from .people import entity_of, is_indefinite, owner_named
from .trace import Weighed as Candidate

# Salience of one mention, by where it stands (after Lappin and Leass 1994).
SPEAKER_WEIGHT = 100.0
SUBJECT_WEIGHT = 80.0
OBJECT_WEIGHT = 30.0
OTHER_WEIGHT = 25.0
# Mentions inside a quotation or a headline are seldom what a pronoun after
# them means.
QUOTED_FACTOR = 0.25
REPORTED_FACTOR = 0.5
HEADLINE_FACTOR = 0.5
# A person of unknown gender weighs less for "he" or "she" than one whose
# gender is known to fit ("Chris Christie" against "Hillary Clinton" for "she").
UNKNOWN_GENDER_FACTOR = 0.5
# An entity's further mentions add this share of their weight.
REPEAT_SHARE = 0.25
# Each sentence back halves a mention's weight; past the window it is gone.
SENTENCE_DECAY = 0.5
PRONOUN_WINDOW_SENTENCES = 5
# The runner-up within this share of the best: the text does not single
# one out, and no name is given.
AMBIGUITY_RATIO = 0.7
# The best candidate must weigh at least this much (a subject three sentences
# back): a pronoun far from any name is left unresolved.
MIN_SALIENCE = 10.0
# "He" with no name near: the article's main person of that gender, named
# this many times and this many times as often as the next.
TOPIC_MENTIONS = 3
TOPIC_SHARE = 2.0
# A description ("the senator") reaches back over the whole article.
TITLE_DECAY = 0.9

PERSON_PRONOUNS = {MALE, FEMALE}


@dataclass
class Resolved:
    entity: Entity | None
    how: Resolution | None  # the record's `speaker.resolution`
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""


@dataclass
class PriorSpeaker:
    """A speaker named at an earlier cue: an antecedent, named or not."""

    token: int
    entity: Entity | None
    label: str  # the mention's words
    number: str  # singular | plural
    gender: str | None
    person: bool


class Resolver:
    """Resolves the speaker mentions of one article, in text order."""

    def __init__(
        self,
        doc: Doc,
        registry: EntityRegistry,
        reported: Sequence[tuple[int, int]] = (),
        title: tuple[int, int] | None = None,
    ):
        """`reported`: character spans of reported speech; `title`: the
        article's headline, whose descriptions ("China's defence minister
        says") name the person the story then introduces."""
        self.doc = doc
        self.registry = registry
        self.rules = registry.rules
        # Distance counts the article's own sentences: a long quotation
        # between a name and its pronoun does not push the name out of reach.
        self.sentence_starts = [sent.start for sent in doc.sents if not registry.in_quote(sent[0].idx)]
        self.prior: list[PriorSpeaker] = []
        self._title = title
        # The people reported speech talks about are seldom whom the next
        # pronoun means.
        self._reported = sorted(reported)
        self._reported_starts = [start for start, _ in self._reported]

    # --- what the caller tells it ------------------------------------------------

    def spoke(self, token: int, entity: Entity | None, label: str, number: str, gender: str | None, person: bool) -> None:
        """A speaker at an earlier cue: later pronouns may mean it."""
        bisect.insort(self.prior, PriorSpeaker(token, entity, label, number, gender, person), key=lambda p: p.token)

    # --- names -----------------------------------------------------------------

    def named(self, head: Token, words: str, by_words: bool = False) -> Resolved | None:
        """A name at the cue, or None if the registry knows no entity there.
        `by_words`: the entity recogniser's span is wrong (it ran into the
        cue): go by the words of the mention alone."""
        found = None if by_words else self.registry.name_at(head)
        if found is None or (found.entity is not None and found.entity.kind == "organization"):
            # NER often takes a surname for an organization ("Wang"): the
            # people come first, whatever the entity label.
            people = self.registry.people_named(words)
            if people:
                found = NameAt(people[0]) if len(people) == 1 else NameAt(None, tuple(people), "several people bear this name")
        if found is None:
            return None
        if found.entity is not None:
            entity = found.entity
            how: Resolution = "named" if words.casefold().split()[-len(entity.folded) :] == entity.folded else "surname"
            if entity.kind == "organization":
                how = "named"
            why = found.why or ("named at the cue" if how == "named" else f"the one person the article calls so: {entity.name}")
            return Resolved(entity, how, reason=why)
        name = entity_of(head) or self.doc[head.i : head.i + 1]
        honorific = gender_word_at(name, self.rules)
        gender = self.rules.gender_words[honorific.lower_] if honorific is not None else None
        decided = self.registry.decide_shared_name(found.candidates, head.i, gender)
        candidates = [
            Candidate(p.name, 0.0, p is decided.entity, decided.why if p is decided.entity else "not singled out")
            for p in found.candidates
        ]
        return Resolved(decided.entity, "surname" if decided.entity else None, candidates, decided.why)

    # --- descriptions -------------------------------------------------------------

    def described(self, head: Token) -> Resolved:
        """ "The senator", "the Democratic nominee": the most salient person
        the article called by that noun, with those qualifiers; "a
        spokeswoman" is someone new, never a name."""
        if is_indefinite(head, self.rules) or head.tag_ in {"NNS", "NNPS"}:
            return Resolved(None, None, reason="an indefinite or plural description: someone not named before")
        if head.lower_ in self.rules.organization_nouns:
            owned = owner_named(head)
            if owned is not None:
                return Resolved(Entity(owned, "organization"), "named", reason="an organization named by whom it belongs to")
            return self._organization_described(head)
        nouns = {head.lower_, head.lemma_.lower()}
        qualifiers = {c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"} and c.i < head.i}
        gender = self.rules.gender_words.get(head.lower_)
        scored: list[tuple[float, Entity | _Unnamed]] = []
        candidates: list[Candidate] = []
        in_title = self._title is not None and self._title[0] <= head.idx < self._title[1]
        for person in self.registry.people:
            before = person.mentions if in_title else person.mentions_before(head.i)
            if not before or not nouns & person.titles:
                continue
            if not qualifiers <= person.descriptors:
                candidates.append(
                    Candidate(person.name, 0.0, False, f"not described as {' '.join(sorted(qualifiers - person.descriptors))}")
                )
                continue
            if gender is not None and person.gender not in (None, gender):
                candidates.append(Candidate(person.name, 0.0, False, f"{person.gender} ({person.gender_reason})"))
                continue
            score = _combined([self._decayed(m.start, head.i, TITLE_DECAY) * self._mention_weight(m) for m in before])
            scored.append((score, person))
        return self._choose(scored, candidates, "title", f"the one called {head.text!r} before")

    def _organization_described(self, head: Token) -> Resolved:
        """ "The company said": the most salient organization before it whose
        name holds the description's qualifiers ("the Saudi government" is
        none of the organizations named before unless one is Saudi)."""
        qualifiers = {c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"}}
        scored: list[tuple[float, Entity | _Unnamed]] = []
        for organization in self.registry.organizations:
            if not qualifiers <= set(organization.folded):
                continue
            before = [
                m
                for m in organization.mentions_before(head.i)
                if self._sentences_back(m.start, head.i) <= PRONOUN_WINDOW_SENTENCES
            ]
            if before:
                scored.append(
                    (_combined([self._mention_weight(m) * self._decayed(m.start, head.i) for m in before]), organization)
                )
        return self._choose(scored, [], "title", f"the organization {head.text!r} most likely means")

    # --- pronouns ------------------------------------------------------------------

    def pronoun(self, head: Token, kind: str) -> Resolved:
        """A pronoun: "he", "she", "it", "they" (kind: male, female, neuter, plural)."""
        scores: dict[int, tuple[float, Entity | None, str]] = {}
        candidates: list[Candidate] = []

        def add(key: int, entity: Entity | None, label: str, weight: float) -> None:
            # Like _combined: the strongest weight, and a share of the rest.
            score, _, _ = scores.get(key, (0.0, entity, label))
            strongest, rest = max(score, weight), min(score, weight)
            scores[key] = (strongest + REPEAT_SHARE * rest, entity, label)

        if kind == "plural":
            return Resolved(None, None, candidates, "'they' names a group, not one person or organization")
        spoken = {p.token for p in self.prior if p.token < head.i}
        for entity in self.registry.people + self.registry.organizations:
            fits, why = _fits(entity, kind)
            mentions = [
                m
                for m in entity.mentions_before(head.i)
                if self._sentences_back(m.start, head.i) <= PRONOUN_WINDOW_SENTENCES
                and not self._bound(m, head)
                and not any(m.start <= t < m.end for t in spoken)  # weighed as a speaker below
            ]
            if not mentions:
                continue
            weight = _combined([self._mention_weight(m) * self._decayed(m.start, head.i) for m in mentions])
            if kind in PERSON_PRONOUNS and entity.gender is None:
                weight *= UNKNOWN_GENDER_FACTOR
            if kind == "neuter" and not any(m.role == "subject" for m in mentions):
                fits, why = False, "never the subject of a sentence here: 'it' more likely means a thing"
            if not fits:
                candidates.append(Candidate(entity.name, round(weight, 1), False, why))
                continue
            add(id(entity), entity, entity.name, weight)
        for prior in self.prior:
            if prior.token >= head.i or self._sentences_back(prior.token, head.i) > PRONOUN_WINDOW_SENTENCES:
                continue
            fits, why = _prior_fits(prior, kind)
            weight = SPEAKER_WEIGHT * self._decayed(prior.token, head.i)
            gender = prior.entity.gender if prior.entity is not None else prior.gender
            if kind in PERSON_PRONOUNS and gender is None:
                weight *= UNKNOWN_GENDER_FACTOR
            if not fits:
                candidates.append(Candidate(prior.label, round(weight, 1), False, why))
                continue
            key = id(prior.entity) if prior.entity is not None else id(prior)
            add(key, prior.entity, prior.entity.name if prior.entity else prior.label, weight)
        scored = [(score, entity if entity is not None else _Unnamed(label)) for score, entity, label in scores.values()]
        resolved = self._choose(scored, candidates, "pronoun", "the most salient that fits", kind)
        if resolved.entity is None and not any(score >= MIN_SALIENCE for score, _ in scored) and kind in PERSON_PRONOUNS:
            return self._topic(head, kind, resolved)
        return resolved

    def _topic(self, head: Token, kind: str, unresolved: Resolved) -> Resolved:
        """Far from any name, "he" in a story about one man is that man: the
        person of that gender the article has named most, if named at least
        three times and twice as often as anyone else of that gender, and
        nobody of unknown gender is named (more than once) as often as that
        runner-up."""
        known = sorted(
            ((len(p.mentions_before(head.i)), p) for p in self.registry.people if p.gender == kind),
            key=lambda pair: -pair[0],
        )
        if not known:
            return unresolved
        count, person = known[0]
        runner_up = known[1][0] if len(known) > 1 else 0
        unknown = [len(p.mentions_before(head.i)) for p in self.registry.people if p.gender is None]
        rivals = [n for n in unknown if n > 1 and n >= runner_up]
        if count < TOPIC_MENTIONS or count < TOPIC_SHARE * runner_up or rivals:
            return unresolved
        why = "the person the article is about"
        return Resolved(person, "pronoun", [*unresolved.candidates, Candidate(person.name, 0.0, True, why)], why)

    # --- choosing -------------------------------------------------------------------

    def _choose(
        self,
        scored: Sequence[tuple[float, Entity | _Unnamed]],
        candidates: list[Candidate],
        how: Resolution,
        because: str,
        gender: str | None = None,
    ) -> Resolved:
        ranked = sorted(scored, key=lambda pair: -pair[0])
        if not ranked:
            return Resolved(None, None, candidates, "no candidate fits")
        best_score, best = ranked[0]
        # Far but the only one whose known gender fits: the text singles it out.
        gender_fits = gender is not None and isinstance(best, Entity) and best.gender == gender
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        close = runner_up >= AMBIGUITY_RATIO * best_score
        too_far = best_score < MIN_SALIENCE and not (len(ranked) == 1 and gender_fits)
        for rank, (score, entity) in enumerate(ranked):
            label = entity.name
            if rank == 0:
                why = "as salient as the next: no name" if close else "too far: no name" if too_far else because
            else:
                why = f"less salient ({score:.0f} against {best_score:.0f})"
            candidates.insert(rank, Candidate(label, round(score, 1), rank == 0 and not close and not too_far, why))
        if close:
            return Resolved(None, None, candidates, "two candidates about as plausible")
        if too_far:
            return Resolved(None, None, candidates, "no candidate salient enough: nothing near enough singles one out")
        if isinstance(best, _Unnamed):
            return Resolved(None, None, candidates, f"means {best.name!r}, who is not named")
        return Resolved(best, how, candidates, because)

    def _mention_weight(self, mention: EntityMention) -> float:
        weight = {"subject": SUBJECT_WEIGHT, "object": OBJECT_WEIGHT}.get(mention.role, OTHER_WEIGHT)
        if mention.in_quote:
            weight *= QUOTED_FACTOR
        elif self._is_reported(self.doc[mention.start].idx):
            weight *= REPORTED_FACTOR
        if mention.headline:
            weight *= HEADLINE_FACTOR
        return weight

    def _is_reported(self, char: int) -> bool:
        at = bisect.bisect_right(self._reported_starts, char) - 1
        return any(start <= char < end for start, end in self._reported[max(0, at - 3) : at + 1])

    def _bound(self, mention: EntityMention, pronoun: Token) -> bool:
        """A name the pronoun's own clause holds as an object cannot be it:
        "Campaigning against Romney, he ...", "He praised Smith"; nor can a
        name in the quote that ends in the pronoun's sentence, the words it
        attributes ("“Obama and Michelle won't do it,” she said")."""
        if mention.in_quote and not self.registry.in_quote(pronoun.idx):
            quote = self.registry.quote_at(self.doc[mention.start].idx)
            if quote is not None and pronoun.sent.start_char <= quote[1] <= pronoun.sent.end_char:
                return True
        if mention.role == "subject" or self.doc[mention.start].sent.start != pronoun.sent.start:
            return False
        verb = _clause_verb(self.doc[mention.start : mention.end].root)
        own = pronoun.head
        return verb is not None and (verb == own or (verb.head == own and verb.dep_ in {"advcl", "xcomp", "prep"}))

    def _sentences_back(self, earlier: int, later: int) -> int:
        return bisect.bisect_right(self.sentence_starts, later) - bisect.bisect_right(self.sentence_starts, earlier)

    def _decayed(self, earlier: int, later: int, decay: float | None = None) -> float:
        return (SENTENCE_DECAY if decay is None else decay) ** self._sentences_back(earlier, later)


@dataclass(frozen=True)
class _Unnamed:
    """A speaker the article describes but never names ("a spokesman")."""

    name: str


def _combined(weights: list[float]) -> float:
    """An entity's salience: its strongest mention, and a quarter of the
    rest (many mentions count, but not above a recent subject)."""
    if not weights:
        return 0.0
    strongest = max(weights)
    return strongest + REPEAT_SHARE * (sum(weights) - strongest)


def _clause_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _fits(entity: Entity, kind: str) -> tuple[bool, str]:
    """Whether an entity may be what a "he"/"she" (male, female) or "it"
    (neuter) means, and if not, why."""
    if kind in PERSON_PRONOUNS:
        if entity.kind != "person":
            return False, "an organization, not a person"
        if entity.gender not in (None, kind):
            return False, f"{entity.gender} ({entity.gender_reason})"
        return True, ""
    if kind == "neuter":
        return entity.kind == "organization", "a person"
    return False, f"a {kind} pronoun names no one here"


def _prior_fits(prior: PriorSpeaker, kind: str) -> tuple[bool, str]:
    if prior.entity is not None:
        return _fits(prior.entity, kind)
    if kind in PERSON_PRONOUNS:
        if prior.number == "plural":
            return False, "plural"
        if prior.gender not in (None, kind):
            return False, prior.gender
        return True, ""
    if kind == "neuter":
        return prior.number == "singular" and not prior.person, "a person"
    return False, f"a {kind} pronoun names no one here"
