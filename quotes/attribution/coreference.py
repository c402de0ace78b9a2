"""Whom a speaker mention means: a name, a surname, a title, a pronoun or "who".

The right person, or no name. Each kind of mention has its own test:

- a name at the cue is the entity the registry links it to; a surname that
  several people bear is decided as `EntityRegistry.decide_shared_name`
  says (an honorific's or a pronoun's gender, the only one named before, the
  one the article names most, the only one named nearby, the news habit of
  calling relatives by first name); otherwise no name;
- a description ("the senator", "the company") is resolved as
  `quotes.attribution.descriptions` says;
- a pronoun weighs every candidate mentioned in the five sentences before it
  by salience (`quotes.attribution.salience`: speakers and subjects above
  objects, the subject of a clause the pronoun's clause is joined or
  subordinate to above both; mentions in quotes, reported speech and
  headlines below), halving with each sentence back; a candidate whose
  known gender or number disagrees is dropped, and "they" never means one
  of "A and B" alone; unnamed speakers ("a spokesman") are candidates
  too, so a pronoun that means one of them gets no name;
- no name when the best two candidates are about as plausible, or the best
  is far (unless it is the only one whose known gender fits); with nobody
  near, "he" is the man the article is about, if it names one far more than
  anyone else.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from ..records import Resolution, SpeakerKind
from .descriptions import Descriptions
from .entity import Entity, EntityMention, NameAt
from .gender import FEMALE, MALE, gender_word_at, is_census_name
from .people import SUBJECT_DEPS, entity_of
from .salience import (
    MIN_SALIENCE,
    PRONOUN_WINDOW_SENTENCES,
    QUOTED_FACTOR,
    REPEAT_SHARE,
    REPORTED_FACTOR,
    SPEAKER_WEIGHT,
    Resolved,
    Salience,
    Unnamed,
    choose,
    combined,
)
from .trace import Weighed as Candidate

__all__ = ["Resolved", "Resolver"]

# The subject of a clause that a pronoun's clause is joined to ("Putney
# said ..., but he said") weighs this many times more (Lappin and Leass's
# parallelism).
PARALLEL_FACTOR = 2.0
# A clause joined to another ("..., but he said") or subordinate to it
# ("Lauer faced criticism after he asked").
JOINED_CLAUSE_DEPS = {"conj", "advcl"}
# A person of unknown gender weighs less for "he" or "she" than one whose
# gender is known to fit ("Chris Christie" against "Hillary Clinton" for "she").
UNKNOWN_GENDER_FACTOR = 0.5
# Someone the quote speaks of in the third person, last named in reported
# speech, weighs as little as a name inside a quotation.
SPOKEN_OF_FACTOR = QUOTED_FACTOR
# "He" with no name near: the article's main person of that gender, named
# this many times and this many times as often as the next.
TOPIC_MENTIONS = 3
TOPIC_SHARE = 2.0

PERSON_PRONOUNS = {MALE, FEMALE}
# "It" means an organization; so may "they" ("Politifact ... they published"),
# unless a group is as near ("officials", "the researchers").
ORGANIZATION_PRONOUNS = {"neuter", "plural"}


@dataclass
class PriorSpeaker:
    """A speaker named at an earlier cue: an antecedent, named or not."""

    token: int
    entity: Entity | None
    label: str  # the mention's words
    number: str  # singular | plural
    gender: str | None  # what the words at the cue say ("she", "spokeswoman")
    kind: SpeakerKind  # person (a gender word says so), organization (a thing that carries words), unknown

    @property
    def known_gender(self) -> str | None:
        """The gender the article gives the entity, or else the cue's words."""
        return (self.entity.gender if self.entity is not None else None) or self.gender


class Resolver(Salience):
    """Resolves the speaker mentions of one article, in text order."""

    @cached_property
    def prior(self) -> list[PriorSpeaker]:
        """The speakers of earlier cues, in text order."""
        return []

    @cached_property
    def descriptions(self) -> Descriptions:
        return Descriptions(self)

    # --- what the caller tells it ------------------------------------------------

    def spoke(self, token: int, entity: Entity | None, label: str, number: str, gender: str | None, kind: SpeakerKind) -> None:
        """A speaker at an earlier cue: later pronouns may mean it."""
        bisect.insort(self.prior, PriorSpeaker(token, entity, label, number, gender, kind), key=lambda p: p.token)

    # --- names and descriptions ---------------------------------------------------

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

    def described(self, head: Token) -> Resolved:
        return self.descriptions.described(head)

    # --- pronouns ------------------------------------------------------------------

    def pronoun(self, head: Token, kind: str, spoken_of: frozenset[str] = frozenset()) -> Resolved:
        """A pronoun: "he", "she", "it", "they" (kind: male, female, neuter,
        plural). `spoken_of`: the genders of the third persons the quote it
        attributes speaks of: someone of that gender last named in reported
        speech ("McLenney said CLINTON doesn't show ... “... that SHE
        continuously says,” she said") is who the quote is about, seldom who
        says it."""
        scores: dict[int, tuple[float, Entity | None, str]] = {}
        candidates: list[Candidate] = []

        def add(key: int, entity: Entity | None, label: str, weight: float) -> None:
            # Like `combined`: the strongest weight, and a share of the rest.
            score, _, _ = scores.get(key, (0.0, entity, label))
            strongest, rest = max(score, weight), min(score, weight)
            scores[key] = (strongest + REPEAT_SHARE * rest, entity, label)

        spoken = {p.token for p in self.prior if p.token < head.i}
        for entity in self.registry.people + self.registry.organizations:
            fits, why = _fits(entity, kind)
            mentions = [
                m
                for m in entity.mentions_before(head.i)
                if self.sentences_back(m.start, head.i) <= PRONOUN_WINDOW_SENTENCES
                and not self._bound(m, head)
                and not (kind == "plural" and _coordinated(self.doc[m.start : m.end].root))
                and not any(m.start <= t < m.end for t in spoken)  # weighed as a speaker below
            ]
            if not mentions:
                continue
            weight = combined(
                [
                    self.mention_weight(m) * self.decayed(m.start, head.i) * _parallel(self.doc[m.start : m.end].root, head)
                    for m in mentions
                ]
            )
            if kind in PERSON_PRONOUNS and entity.gender is None:
                weight *= UNKNOWN_GENDER_FACTOR
            weight *= self._spoken_of(kind, spoken_of, mentions[-1].start)
            if kind in ORGANIZATION_PRONOUNS and not any(m.role == "subject" for m in mentions):
                fits, why = False, "never the subject of a sentence here: more likely a thing"
            if not fits:
                candidates.append(Candidate(entity.name, round(weight, 1), False, why))
                continue
            add(id(entity), entity, entity.name, weight)
        for prior in self.prior:
            if prior.token >= head.i or self.sentences_back(prior.token, head.i) > PRONOUN_WINDOW_SENTENCES:
                continue
            fits, why = _prior_fits(prior, kind)
            weight = SPEAKER_WEIGHT * self.decayed(prior.token, head.i) * self.voice_factor(prior.token)
            weight *= _parallel(self.doc[prior.token], head)
            weight *= self._spoken_of(kind, spoken_of, prior.token)
            if kind in PERSON_PRONOUNS and prior.known_gender is None:
                weight *= UNKNOWN_GENDER_FACTOR
            if not fits:
                candidates.append(Candidate(prior.label, round(weight, 1), False, why))
                continue
            key = id(prior.entity) if prior.entity is not None else id(prior)
            add(key, prior.entity, prior.entity.name if prior.entity else prior.label, weight)
        if kind in PERSON_PRONOUNS:
            for weight, person in self.descriptions.people_before(head):
                if _fits(person, kind)[0]:
                    add(id(person), person, person.name, weight)
        if kind == "plural":
            for weight, group in self.descriptions.groups_before(head):
                add(hash(group.name), None, group.name, weight)
        if kind in ORGANIZATION_PRONOUNS:
            for weight, organization in self.descriptions.organizations_before(head):
                add(hash(organization.name), organization, organization.name, weight)
            for weight, place in self.descriptions.places_before(head):
                add(hash(place.name), place, place.name, weight)
        scored = [(score, entity if entity is not None else Unnamed(label)) for score, entity, label in scores.values()]
        resolved = choose(scored, candidates, "pronoun", "the most salient that fits", kind)
        if resolved.entity is None and not any(score >= MIN_SALIENCE for score, _ in scored) and kind in PERSON_PRONOUNS:
            return self._topic(head, kind, resolved)
        return resolved

    @cached_property
    def interviewee(self) -> Resolved:
        """Whom an interview's answers are by: the one person its headline
        names ("Q&A with Vice President Joe Biden"), or no one."""
        named = [p for p in self.registry.people if any(self.in_title(self.doc[m.start]) for m in p.mentions)]
        if len(named) != 1:
            return Resolved(None, None, reason="the headline names no one person the interview is with")
        why = "the one person the interview's headline names"
        return Resolved(named[0], "pronoun", [Candidate(named[0].name, 0.0, True, why)], why)

    def _spoken_of(self, kind: str, spoken_of: frozenset[str], token: int) -> float:
        """SPOKEN_OF_FACTOR for someone of a gender the quote speaks of,
        last named at `token` in reported speech; else 1."""
        reported = self.voice_factor(token) == REPORTED_FACTOR
        return SPOKEN_OF_FACTOR if kind in spoken_of and reported else 1.0

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


def _parallel(subject: Token, pronoun: Token) -> float:
    """PARALLEL_FACTOR when `pronoun` is the subject of a clause joined to
    the one `subject` is the subject of: "Putney said ..., but he said"."""
    if subject.dep_ not in SUBJECT_DEPS or pronoun.dep_ not in SUBJECT_DEPS:
        return 1.0
    verb = pronoun.head
    while verb.dep_ in JOINED_CLAUSE_DEPS and verb.head.i != verb.i:
        verb = verb.head
    return PARALLEL_FACTOR if verb.i == subject.head.i != pronoun.head.i else 1.0


def _coordinated(root: Token) -> bool:
    """One of "A, B and C": "they" after it means them all, not one."""
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def _clause_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
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
    if kind in ORGANIZATION_PRONOUNS:
        return entity.kind == "organization" or _a_name_alone(entity), "a person"
    return False, f"a {kind} pronoun names no one here"


def _a_name_alone(entity: Entity) -> bool:
    """One word the recogniser took for a person's name that no census
    lists as a name, with no first name, honorific, title or gendered
    pronoun anywhere ("Politifact did a fact-check ... they published"): an
    organization as likely as anyone, once the article itself names it, not
    only a quote."""
    return (
        entity.kind == "person"
        and len(entity.folded) == 1
        and any(not m.in_quote for m in entity.mentions)
        and entity.gender is None
        and not entity.titles
        and not is_census_name(entity.name)
    )


def _prior_fits(prior: PriorSpeaker, kind: str) -> tuple[bool, str]:
    if prior.entity is not None:
        if kind in PERSON_PRONOUNS and prior.known_gender not in (None, kind):
            return False, f"{prior.known_gender} ({prior.entity.gender_reason or 'called so at this cue'})"
        return _fits(prior.entity, kind)
    if kind in PERSON_PRONOUNS:
        if prior.number == "plural":
            return False, "plural"
        if prior.kind == "organization":
            return False, "a thing or an organization, not a person"
        if prior.gender not in (None, kind):
            return False, prior.gender
        return True, ""
    if kind == "neuter":
        return prior.number == "singular" and prior.kind != "person", "a person"
    if kind == "plural":
        return prior.number == "plural", "one person or organization: 'they' more likely means the group"
    return False, f"a {kind} pronoun names no one here"
