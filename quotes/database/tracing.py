"""`quotes trace`: where one quote appeared, in what order, with what words
changed and who it was put in the mouth of.

The database hands over candidate claims (those sharing the query's rarest
words); this module keeps the ones that are the same quote (see
`wording.QuoteMatcher`), orders them by date, and compares each with the
earliest. Pure functions over hits: no database, no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .hits import Hit
from .wording import ChangeFinder, Edit, QuoteMatcher, word_keys, words


@dataclass(frozen=True)
class Appearance:
    """One claim that is the quote, and the words it changed from the first
    appearance (none for the first itself)."""

    hit: Hit
    changes: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.hit.to_dict(), "changes": [{"from": c.before, "to": c.after} for c in self.changes]}


@dataclass(frozen=True)
class Trace:
    """Every appearance of the quote `query`, earliest first (unknown dates
    last); `speakers` the distinct names it was attributed to, in that
    order."""

    query: str
    appearances: tuple[Appearance, ...]
    speakers: tuple[str, ...]
    conflicting_speakers: bool
    altered: bool

    @property
    def first(self) -> Appearance | None:
        return self.appearances[0] if self.appearances else None

    def to_dict(self) -> dict[str, Any]:
        first = self.first
        return {
            "query": self.query,
            "appearances": [a.to_dict() for a in self.appearances],
            "first": first.to_dict() if first else None,
            "speakers": list(self.speakers),
            "conflicting_speakers": self.conflicting_speakers,
            "altered": self.altered,
        }


def trace(query: str, candidates: Sequence[Hit]) -> Trace:
    """The trace of `query` over `candidates`: those that are the same quote,
    each once, in order of publication, compared with the earliest."""
    matcher = QuoteMatcher(query)
    unique = {hit.claim_id: hit for hit in candidates}.values()
    found = sorted((hit for hit in unique if matcher.same_quote(word_keys(hit.text))), key=publication_order)
    appearances = compared_with_first(found)
    speakers = distinct_speakers(found)
    return Trace(
        query=query,
        appearances=appearances,
        speakers=speakers,
        conflicting_speakers=speakers_conflict(speakers),
        altered=any(a.changes for a in appearances),
    )


def publication_order(hit: Hit) -> tuple[bool, str, str, tuple[tuple[int, int, str], ...]]:
    """Earliest first, unknown (or empty) dates last; on one date by article
    id, then claim number ("q2" before "q10"), so the order never depends on
    how the database returned them. ISO dates order as strings."""
    return (not hit.published, hit.published or "", hit.article, natural_key(hit.claim))


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """`text` cut into runs of digits, compared as numbers, and the rest,
    compared as text (each part a triple, so the two never meet)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def compared_with_first(hits: Sequence[Hit]) -> tuple[Appearance, ...]:
    """Each hit with the words it changed from the first."""
    if not hits:
        return ()
    first = ChangeFinder(words(hits[0].text))
    return (Appearance(hits[0], ()), *(Appearance(hit, tuple(first.edits(words(hit.text)))) for hit in hits[1:]))


def distinct_speakers(hits: Sequence[Hit]) -> tuple[str, ...]:
    """The resolved names, each once (as first written), in order; claims
    with no speaker add none."""
    seen: dict[str, str] = {}
    for hit in hits:
        name = " ".join((hit.speaker or "").split())
        if name:
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def speakers_conflict(names: Sequence[str]) -> bool:
    """True when two of `names` cannot be one person."""
    return any(not same_person(a, b) for a, b in combinations(names, 2))


def same_person(a: str, b: str) -> bool:
    """Whether two resolved names can be one person: the shorter name's
    words all stand in the longer ("Ferrante" in "Marco Ferrante"), an
    initial standing for a word it begins ("M. Ferrante"). A name with no
    words says nothing against the other."""
    shorter, longer = sorted((word_keys(a), word_keys(b)), key=len)
    return all(any(word_stands_for(w, other) for other in longer) for w in shorter)


def word_stands_for(word: str, other: str) -> bool:
    return word == other or (len(word) == 1 and other.startswith(word)) or (len(other) == 1 and word.startswith(other))


__all__ = ["Appearance", "Edit", "Trace", "trace"]
