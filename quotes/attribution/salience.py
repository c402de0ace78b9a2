"""How salient a mention is where a later speaker mention is resolved, and
how one candidate is chosen among the weighed ones, or none.

Weights follow Lappin and Leass (1994): subjects above objects, each
sentence back halving; the owner of a subject that is a thing weighs as
the subject ("The president's roots came into play. ... he told"); a
mention in a quotation, in reported speech or in a headline weighs less,
since it is seldom what a later pronoun means.
Distance counts the article's own sentences, so a long quotation between a
name and its pronoun does not push the name out of reach, nor does a
paragraph quoted without marks after a reporting word and a colon.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from ..records import Resolution
from ..rules.ruleset import RuleSet
from .entities import EntityRegistry
from .entity import Entity, EntityMention, mention_role
from .trace import Weighed as Candidate

# Salience of one mention, by where it stands.
SPEAKER_WEIGHT = 100.0
SUBJECT_WEIGHT = 80.0
OBJECT_WEIGHT = 30.0
OTHER_WEIGHT = 25.0
ROLE_WEIGHTS = {"subject": SUBJECT_WEIGHT, "object": OBJECT_WEIGHT}
# A person introduced with a role ("..., which concerns Henry Crespo,
# president of the caucus.") is most often the next quote's speaker.
INTRODUCED_WEIGHT = SPEAKER_WEIGHT
QUOTED_FACTOR = 0.25
REPORTED_FACTOR = 0.5
HEADLINE_FACTOR = 0.5
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
# The headline and lede: their first sentences (the headline among them).
OPENING_SENTENCES = 2
# A paragraph after one that ends in a colon; a reporting word among the
# words before the colon makes it a block quotation, unless it opens with a
# quotation mark.
BLOCK_CUE_REACH = 6
SENTENCE_ENDS = {".", "?", "!"}
BLOCK_QUOTE = re.compile(r":[ \t]*\n\s*([^\n]+)")


@dataclass
class Resolved:
    entity: Entity | None
    how: Resolution | None  # the record's `speaker.resolution`
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True)
class Unnamed:
    """A speaker the article describes but never names ("a spokesman")."""

    name: str


Scored = Sequence[tuple[float, "Entity | Unnamed"]]


class Salience:
    """The weights of one article's mentions (see module doc)."""

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
        blocks = _block_quotes(doc, registry)
        self.sentence_starts = [
            sent.start for sent in doc.sents if not registry.in_quote(sent[0].idx) and not _inside(blocks, sent[0].idx)
        ]
        self._title = title
        self._reported = sorted(reported)
        self._reported_starts = [start for start, _ in self._reported]

    def mention_weight(self, mention: EntityMention) -> float:
        if mention.role == "owner":
            weight = self._owner_weight(self.doc[mention.start : mention.end].root)
        else:
            weight = ROLE_WEIGHTS.get(mention.role, OTHER_WEIGHT)
        if mention.introduced:
            weight = max(weight, INTRODUCED_WEIGHT)
        weight *= QUOTED_FACTOR if mention.in_quote else self.voice_factor(mention.start)
        if mention.headline:
            weight *= HEADLINE_FACTOR
        return weight

    def voice_factor(self, token: int) -> float:
        """Whose words a token stands in: someone quoted or reported (a
        speaker of a cue nested in reported speech, "Earnest said that Obama
        has called for ..."), or the article's own."""
        char = self.doc[token].idx
        if self.registry.in_quote(char):
            return QUOTED_FACTOR
        return REPORTED_FACTOR if self._is_reported(char) else 1.0

    def _is_reported(self, char: int) -> bool:
        at = bisect.bisect_right(self._reported_starts, char) - 1
        return any(start <= char < end for start, end in self._reported[max(0, at - 3) : at + 1])

    def sentences_back(self, earlier: int, later: int) -> int:
        return bisect.bisect_right(self.sentence_starts, later) - bisect.bisect_right(self.sentence_starts, earlier)

    def decayed(self, earlier: int, later: int, decay: float = SENTENCE_DECAY) -> float:
        return decay ** self.sentences_back(earlier, later)

    def token_weight(self, token: Token) -> float:
        """The weight of a word standing for someone, a description or a
        pronoun, by its role and whose words it stands in."""
        role = mention_role(self.doc[token.i : token.i + 1])
        weight = self._owner_weight(token) if role == "owner" else ROLE_WEIGHTS.get(role, OTHER_WEIGHT)
        return weight * self.voice_factor(token.i)

    def _owner_weight(self, owner: Token) -> float:
        """An owner weighs as the subject it owns when that is a thing ("The
        president's roots came into play. ... he told"), which a later
        pronoun cannot mean; not when it is someone ("Trump's campaign
        chairman, Paul Manafort, dismissed ... He"), nor in someone's
        words, where it is what they speak of ("Mathur said Trump's
        statement ... “...,” she said")."""
        own_voice = self.voice_factor(owner.i) == 1.0
        return SUBJECT_WEIGHT if own_voice and not self._is_someone(owner.head) else OTHER_WEIGHT

    def _is_someone(self, noun: Token) -> bool:
        if noun.ent_type_ or any(c.dep_ == "appos" for c in noun.children):
            return True
        words = {noun.lower_, noun.lemma_.lower()}
        return bool(words & self._person_nouns)

    @cached_property
    def _person_nouns(self) -> set[str]:
        """Nouns that name a person here: the rules' and what the article calls its people."""
        return self.rules.person_nouns | {t for p in self.registry.people for t in p.titles}

    def window_start(self, token: int, sentences: int) -> int:
        """The first token of the sentence `sentences` before `token`'s."""
        return self.sentence_starts[max(0, bisect.bisect_right(self.sentence_starts, token) - 1 - sentences)]

    def in_title(self, head: Token) -> bool:
        return self._title is not None and self._title[0] <= head.idx < self._title[1]

    def in_opening(self, head: Token) -> bool:
        """In the headline or the lede, where a description may introduce
        someone the story names only after it."""
        return self.in_title(head) or bisect.bisect_right(self.sentence_starts, head.i) <= OPENING_SENTENCES


def _block_quotes(doc: Doc, registry: EntityRegistry) -> list[tuple[int, int]]:
    """Paragraphs that a paragraph ending in a reporting word and a colon
    introduces, quoted without marks ("the Times gave Clinton a glowing
    endorsement:", "Hewitt writes:"): someone else's sentences, which put
    no distance between the article's own. Not a promotion's "Like the
    page:" or "Watch the ad below:"."""
    rules = registry.rules
    blocks = []
    for found in BLOCK_QUOTE.finditer(registry.text):
        if found.group(1).startswith(rules.opening_marks):
            continue  # a quotation in marks, which the quote finder has
        colon = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
        if colon is None:
            continue
        before = list(doc[max(colon.sent.start, colon.start - BLOCK_CUE_REACH) : colon.start])
        ends = [i for i, t in enumerate(before) if t.text in SENTENCE_ENDS]
        before = before[ends[-1] + 1 :] if ends else before  # "Do you support him? Like the page:"
        if any(_reports(t, rules) for t in before):
            blocks.append((found.start(1), found.end(1)))
    return blocks


def _reports(token: Token, rules: RuleSet) -> bool:
    lemma = token.lemma_.lower()
    return (token.pos_ == "VERB" and lemma in rules.verbs) or (token.pos_ == "NOUN" and lemma in rules.nouns)


def _inside(spans: list[tuple[int, int]], char: int) -> bool:
    return any(start <= char < end for start, end in spans)


def combined(weights: list[float]) -> float:
    """An entity's salience: its strongest mention, and a quarter of the
    rest (many mentions count, but not above a recent subject)."""
    if not weights:
        return 0.0
    strongest = max(weights)
    return strongest + REPEAT_SHARE * (sum(weights) - strongest)


def choose(scored: Scored, candidates: list[Candidate], how: Resolution, because: str, gender: str | None = None) -> Resolved:
    """The most salient candidate, or none when the runner-up is about as
    salient, or the best is far (unless it is the only one and its known
    `gender` fits); an unnamed best gets no name."""
    ranked = sorted(scored, key=lambda pair: -pair[0])
    if not ranked:
        return Resolved(None, None, candidates, "no candidate fits")
    best_score, best = ranked[0]
    gender_fits = gender is not None and isinstance(best, Entity) and best.gender == gender
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    close = runner_up >= AMBIGUITY_RATIO * best_score
    too_far = best_score < MIN_SALIENCE and not (len(ranked) == 1 and gender_fits)
    for rank, (score, entity) in enumerate(ranked):
        if rank == 0:
            why = "as salient as the next: no name" if close else "too far: no name" if too_far else because
        else:
            why = f"less salient ({score:.0f} against {best_score:.0f})"
        candidates.insert(rank, Candidate(entity.name, round(score, 1), rank == 0 and not close and not too_far, why))
    if close:
        return Resolved(None, None, candidates, "two candidates about as plausible")
    if too_far:
        return Resolved(None, None, candidates, "no candidate salient enough: nothing near enough singles one out")
    if isinstance(best, Unnamed):
        return Resolved(None, None, candidates, f"means {best.name!r}, who is not named")
    return Resolved(best, how, candidates, because)
