"""Quotes compared word by word: the words of a text as they are written and
as they compare, whether two texts are the same quote, and the words one
changed from the other.

Two renderings of one quote differ in ways that change nothing said: case,
curly or straight quote marks and apostrophes, punctuation, a hyphen for a
space. Each word is therefore compared in a normal form (NFKC, casefolded,
apostrophes and digit-group commas dropped) while its written form, and
where it stands in the text, are kept to show a change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from math import ceil

import regex

# A word: letters, digits and combining marks, joined across an apostrophe
# ("don't", "don’t") and, between digits, across a decimal point, digit-group
# comma or clock colon ("3.5", "2,000", "10:30"). Everything else — quote
# marks, punctuation, dashes and hyphens — separates words, so "well-known"
# and "well known" compare equal.
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:(?:['’‘ʼ`´]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{N}\p{M}]+)*")
_DROPPED = regex.compile(r"['’‘ʼ`´]|(?<=\p{N}),(?=\p{N})")

# Two texts are the same quote when the words they share, in order and close
# together, cover this share of the shorter text: one word changed in eight
# still matches (7/8), three in ten do not (7/10). Measured on the shorter
# side so an excerpt matches its full quote, and the full quote its excerpt.
# The shared words must also make this share of the stretch they span on
# either side, so words wedged in between count against a match as words
# changed do: "supply water to every household" is not the same quote as
# "supply water to the region, and every household will pay" (5 of 8).
SAME_QUOTE_SHARE = 0.75
# ... and at least this many words, unless the query itself is shorter: a
# two- or three-word claim ("by 2028", "not yet") sits inside many quotes
# without being one of them.
MIN_SHARED_WORDS = 4
# Shared words further apart than this, on either side, start a new group
# and only the largest group counts: a short clause added, dropped or
# reworded keeps a quote together, while common words ("the", "will",
# "region") scattered through a different quote on the same topic, or a
# stray word matched far off in a longer text, do not add to it.
MAX_GAP = 6


@dataclass(frozen=True)
class Word:
    """One word of a text: as written, as compared, and where it stands
    (character offsets into the text)."""

    text: str
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Edit:
    """Words of one text (`before`) that another gives differently
    (`after`): both non-empty for a replacement, `before` empty for words
    added, `after` empty for words dropped. `at` is the character offset in
    the second text where the change stands: the added or replacing words'
    span, or for dropped words the point they were dropped from."""

    before: str
    after: str
    at_start: int
    at_end: int


def words(text: str) -> list[Word]:
    return [Word(m.group(), comparable(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def comparable(word: str) -> str:
    """`word` in the form two renderings of it share."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", word).casefold())


class QuoteMatcher:
    """Decides, for one query, which texts are the same quote. The query's
    index is built once (difflib keeps it for its second sequence), so each
    candidate costs one alignment."""

    def __init__(self, query: str) -> None:
        self._query = [w.key for w in words(query)]
        self._vocabulary = set(self._query)
        self._matcher = SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2(self._query)

    def same_quote(self, text: str) -> bool:
        if not self._query:
            return False
        candidate = [w.key for w in words(text)]
        needed = shared_words_needed(len(self._query), len(candidate))
        # Cheap rejection first: most candidates share a few rare words and
        # little else, too few to be aligned at all.
        if sum(1 for key in candidate if key in self._vocabulary) < needed:
            return False
        self._matcher.set_seq1(candidate)
        group = largest_group(self._matcher.get_matching_blocks())
        return group.shared >= needed and group.shared >= SAME_QUOTE_SHARE * group.stretch


def shared_words_needed(query_length: int, candidate_length: int) -> int:
    """How many words, in one close group, make a candidate the same quote."""
    shorter = min(query_length, candidate_length)
    return max(ceil(SAME_QUOTE_SHARE * shorter), min(MIN_SHARED_WORDS, query_length))


@dataclass(frozen=True)
class Group:
    """Matched words close together: how many, and the longer of the two
    stretches of text they span (from the first matched word to the last)."""

    shared: int
    stretch: int


def largest_group(blocks: Sequence[tuple[int, int, int]]) -> Group:
    """The group of blocks no more than MAX_GAP words apart on either side
    with the most words matched (blocks as difflib gives them: in order on
    both sides, the last one empty)."""
    best = Group(0, 0)
    shared = start_a = start_b = end_a = end_b = 0
    for a, b, size in blocks:
        if not size:
            continue
        if not shared or max(a - end_a, b - end_b) > MAX_GAP:
            shared, start_a, start_b = 0, a, b
        shared += size
        end_a, end_b = a + size, b + size
        if shared > best.shared:
            best = Group(shared, max(end_a - start_a, end_b - start_b))
    return best


def edits(reference: Sequence[Word], other: Sequence[Word]) -> list[Edit]:
    """The words `other` gives differently from `reference`, over the part
    the two share.

    Words one side has before the first shared word or after the last are
    not edits: that side is a longer excerpt, or the other a shorter one.
    Words replaced there are (both sides go on, differently), and so is
    every difference in between.
    """
    opcodes = SequenceMatcher(None, [w.key for w in reference], [w.key for w in other], autojunk=False).get_opcodes()
    shared = [i for i, op in enumerate(opcodes) if op[0] == "equal"]
    if not shared:
        return []  # nothing in common to compare over: excerpts of different parts
    found = []
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        outside = position < shared[0] or position > shared[-1]
        if tag == "equal" or (outside and tag != "replace"):
            continue
        before = " ".join(w.text for w in reference[i1:i2])
        after = " ".join(w.text for w in other[j1:j2])
        if j1 < j2:
            at_start, at_end = other[j1].start, other[j2 - 1].end
        else:
            at_start = at_end = other[j1 - 1].end if j1 else 0
        found.append(Edit(before, after, at_start, at_end))
    return found
