"""A surname several people of one article bear ("Clinton" after Hillary and
Bill Clinton named): which of them a bare mention means, or none.

The registry (`quotes.attribution.entities`) asks, in text order, as it is
built, so that a surname decided is a near mention for the next one; the
resolver asks again at a cue the registry left undecided. The signs, strongest
first: the only one whose gender fits an honorific or a pronoun after the
name; the only one named before (the others come later in the article); in
the headline, before any of them is named, the one the lede names first; the
one the article names most (a full name repeated counts once: news repeats
it for the relative the bare surname does not mean); the only one named
nearby; the news habit of calling relatives by their first names; the one the
first line names. A first name alone ("her husband, Tom") is never a sign for
its bearer, and a decision by the weaker signs never counts towards the next.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from .entity import Entity, EntityMention, NameAt

# One of several people with a surname is the one meant when the article
# names them at least this often, and this many times as often as the next.
DOMINANT_MENTIONS = 3
DOMINANT_SHARE = 2


class SharedNames:
    """What one article tells of its shared surnames (see module doc)."""

    def __init__(self, paragraph_of: Callable[[int], int]):
        self._paragraph_of = paragraph_of
        self.first_named: set[int] = set()  # tokens where a person is named by first name alone
        self._guessed: set[int] = set()  # tokens of surnames decided by the weaker signs

    def settle(self, candidates: Sequence[Entity], near: int, gender: str | None) -> NameAt:
        """The decision for a surname at token `near`, remembered: one made
        by the weaker signs must not feed the counts of the next."""
        sole = self.sole(candidates, near, gender)
        if sole is not None:
            return sole
        decided = self._weaker(candidates, near, gender)
        if decided.entity is not None:
            self._guessed.add(near)
        return decided

    def sole(self, candidates: Sequence[Entity], near: int | None, gender: str | None) -> NameAt | None:
        """The one person a shared name can mean, by gender or because the
        others are named only later; none fitting the gender is decided too."""
        everyone = tuple(candidates)
        left = [p for p in candidates if gender is None or p.gender in (None, gender)]
        if not left:
            return NameAt(None, everyone, "none of them fits the gender")
        if len(left) == 1:
            return NameAt(left[0], everyone, "the only one of them of that gender")
        named_before = [p for p in left if near is not None and self._named_before(p, near)]
        if len(named_before) == 1:
            return NameAt(named_before[0], everyone, "the only one of them named before")
        return None

    def decide(self, candidates: Sequence[Entity], near: int | None, gender: str | None) -> NameAt:
        """One of several people a name could mean, or none, tested in this
        order: the one the gender fits; the only one of them named before;
        in the first line, before any is named, the one named first after;
        the one the article names at least three times and twice as often as
        any other; the only one named in this or the previous paragraph (by
        any name but a first name alone, this one decided included); the one
        not called by first name elsewhere (news style for relatives); the
        only one the first line (a headline, or the lede) names."""
        return self.sole(candidates, near, gender) or self._weaker(candidates, near, gender)

    def _weaker(self, candidates: Sequence[Entity], near: int | None, gender: str | None) -> NameAt:
        """The signs after gender and order (see `decide`)."""
        everyone = tuple(candidates)
        if near is None:
            return NameAt(None, everyone, "nothing tells them apart")
        left = [p for p in candidates if gender is None or p.gender in (None, gender)]
        if self._paragraph_of(near) == 0 and not any(self._named_before(p, near) for p in left):
            # A headline's "Trump": the lede introduces first whom the
            # headline names.
            lede = min(left, key=self._first_named_at)
            return NameAt(lede, everyone, "the first line names it before any of them: the one named first after")
        counts = sorted(((self._counted(p), p) for p in left), key=lambda pair: -pair[0])
        if counts[0][0] >= max(DOMINANT_MENTIONS, DOMINANT_SHARE * counts[1][0]):
            return NameAt(counts[0][1], everyone, "the one the article names most")
        since = self._paragraph_of(near) - 1
        named_here = [p for p in left if self._named_since(p, since, near)]
        if len(named_here) == 1:
            return NameAt(named_here[0], everyone, "the only one named in this or the previous paragraph")
        by_surname = [p for p in left if not p.called_by_first_name]
        if len(by_surname) == 1:
            return NameAt(by_surname[0], everyone, "the others are called by their first names")
        first = [p for p in left if any(self._paragraph_of(m.start) == 0 for m in p.mentions)]
        if len(first) == 1:
            return NameAt(first[0], everyone, "the only one of them the first line names: whom the story is about")
        return NameAt(None, everyone, "several of them were named as near")

    def _counted(self, person: Entity) -> int:
        # Not first names alone, how news names the relative the bare
        # surname does not mean, nor guesses, which must not feed the next;
        # and the full name once: news repeats it for the relative whom the
        # bare surname does not mean.
        counted = [m for m in person.mentions if self._is_sign(m)]
        full = [m for m in counted if _is_full_name(m.text)]
        return len(counted) - len(full) + min(len(full), 1)

    def _is_sign(self, mention: EntityMention) -> bool:
        return mention.start not in self.first_named and mention.start not in self._guessed

    def _named_before(self, person: Entity, near: int) -> bool:
        return any(self._is_sign(m) for m in person.mentions_before(near))

    def _first_named_at(self, person: Entity) -> int:
        named = [m.start for m in person.mentions if m.start not in self.first_named]
        return min(named, default=sys.maxsize)

    def _named_since(self, person: Entity, paragraph: int, near: int) -> bool:
        return any(
            self._paragraph_of(m.start) >= paragraph and m.start not in self.first_named for m in person.mentions_before(near)
        )


def _is_full_name(words: str) -> bool:
    return sum(not word.endswith(".") for word in words.split()) > 1
