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
from functools import lru_cache
from math import ceil
from typing import NamedTuple

import regex

# A word: letters, digits and combining marks, joined across an apostrophe
# ("don't", "don’t") and, between digits, across a decimal point, digit-group
# comma or clock colon ("3.5", "2,000", "10:30"). Everything else — quote
# marks, punctuation, dashes and hyphens — separates words, so "well-known"
# and "well known" compare equal.
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+(?:(?:['’‘ʼ`´]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{N}\p{M}]+)*")
_SENTENCE_END = regex.compile(r"[.!?…]")
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
# Where two excerpts both go on differently past the words they share, up to
# this many words on either side are the quote's first or last words swapped
# ("They will" for "We will", "by 2030." for "by 2028."); more are a different
# sentence each excerpt took in around the quote.
MAX_EDGE_SWAP = 3


class Word(NamedTuple):
    """One word of a text: as written, as compared, and where it stands
    (character offsets into the text). A tuple: a trace makes thousands."""

    text: str
    key: str
    start: int
    end: int
    ends_sentence: bool = False  # a full stop, "!", "?" or "…" before the next word


@dataclass(frozen=True)
class Edit:
    """Words of one text (`before`) that another gives differently
    (`after`): both non-empty for a replacement, `before` empty for words
    added, `after` empty for words dropped. `at_start` and `at_end` are
    character offsets in the second text: the span of the added or replacing
    words, or for dropped words the point they were dropped from (both one
    offset)."""

    before: str
    after: str
    at_start: int
    at_end: int


def words(text: str) -> list[Word]:
    """The words of `text`, in order."""
    found = list(_WORD.finditer(text))
    following = [m.start() for m in found[1:]] + [len(text)]
    return [
        Word(m.group(), comparable(m.group()), m.start(), m.end(), bool(_SENTENCE_END.search(text, m.end(), until)))
        for m, until in zip(found, following)
    ]


def word_keys(text: str) -> list[str]:
    """The words of `text` as they compare: all that deciding whether it is
    the same quote needs, at half the cost of `words`."""
    return [comparable(word) for word in _WORD.findall(text)]


# News words repeat (across the candidates of one trace, and traces): each
# is normalised once, which halves the time a trace takes.
@lru_cache(maxsize=1 << 16)
def comparable(word: str) -> str:
    """`word` in the form two renderings of it share."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", word).casefold())


class QuoteMatcher:
    """Decides, for one query, which texts are the same quote. The query's
    index is built once (difflib keeps it for its second sequence), so each
    candidate costs one alignment."""

    def __init__(self, query: str) -> None:
        self._query = word_keys(query)
        self._vocabulary = set(self._query)
        self._matcher = SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2(self._query)

    def same_quote(self, candidate: Sequence[str]) -> bool:
        """Whether the text of `candidate` (its word keys) is the query's quote."""
        if not self._query:
            return False
        needed = shared_words_needed(len(self._query), len(candidate))
        # Cheap rejection first: the candidate's words that occur in the query
        # at all bound the words it can share, and most candidates (chosen
        # for a few rare words) fall short without being aligned.
        if sum(1 for key in candidate if key in self._vocabulary) < needed:
            return False
        self._matcher.set_seq1(list(candidate))
        group = largest_group(self._matcher.get_matching_blocks())
        return group.shared >= needed and group.shared >= SAME_QUOTE_SHARE * group.stretch


def shared_words_needed(query_length: int, candidate_length: int) -> int:
    """How many words, in one close group, make a candidate the same quote."""
    shorter = min(query_length, candidate_length)
    return max(ceil(SAME_QUOTE_SHARE * shorter), min(MIN_SHARED_WORDS, query_length))


Block = tuple[int, int, int]  # words a[i:i + size] equal b[j:j + size], as difflib gives them


@dataclass(frozen=True)
class Group:
    """Matching blocks close together, in order on both sides."""

    blocks: tuple[Block, ...]

    @property
    def shared(self) -> int:
        return sum(size for _, _, size in self.blocks)

    @property
    def stretch(self) -> int:
        """The longer of the two stretches of text the group spans, from its
        first matched word to its last."""
        if not self.blocks:
            return 0
        (a0, b0, _), (a1, b1, size) = self.blocks[0], self.blocks[-1]
        return max(a1 + size - a0, b1 + size - b0)


def largest_group(blocks: Sequence[Block]) -> Group:
    """The group of blocks no more than MAX_GAP words apart on either side
    with the most words matched (blocks in order on both sides; empty ones,
    such as difflib's last, are skipped)."""
    groups: list[list[Block]] = []
    for block in blocks:
        a, b, size = block
        if not size:
            continue
        if groups and _gap(groups[-1][-1], block) <= MAX_GAP:
            groups[-1].append(block)
        else:
            groups.append([block])
    best = max(groups, key=lambda g: sum(size for _, _, size in g), default=[])
    return Group(tuple(best))


def _gap(before: Block, after: Block) -> int:
    """Words between two blocks, on the side where more stand."""
    (a, b, size), (next_a, next_b, _) = before, after
    return max(next_a - (a + size), next_b - (b + size))


class ChangeFinder:
    """The words other texts give differently from one `reference` text.
    Its index is built once, as difflib keeps it for the second sequence."""

    def __init__(self, reference: Sequence[Word]) -> None:
        self._reference = reference
        self._matcher = SequenceMatcher(None, autojunk=False)
        self._matcher.set_seq2([w.key for w in reference])

    def edits(self, other: Sequence[Word]) -> list[Edit]:
        """The words `other` gives differently from the reference, over the
        part the two share: the largest group of shared words, from its first
        run of two or more to its last (a lone common word, "the", matched in
        the sentence before is no anchor).

        Words one side has before that part or after it are not edits: that
        side is a longer excerpt, or the other a shorter one. Where both sides
        go on differently there, the words up to the sentence break on each
        side (the rest is a sentence each excerpt took in around the quote)
        are an edit if no more than MAX_EDGE_SWAP: the quote's first or last
        words swapped. Every difference within the part is an edit.
        """
        self._matcher.set_seq1([w.key for w in other])
        group = largest_group(self._matcher.get_matching_blocks()).blocks
        anchors = [n for n, (_, _, size) in enumerate(group) if size > 1] or list(range(len(group)))
        if not anchors:
            return []  # nothing in common to compare over: excerpts of different parts
        shared = group[anchors[0] : anchors[-1] + 1]
        (i_first, j_first, _), (i_last, j_last, size) = shared[0], shared[-1]
        reference = self._reference
        # Each gap: words other[i1:i2] where the reference has reference[j1:j2].
        head = (after_sentence_break(other, 0, i_first), i_first, after_sentence_break(reference, 0, j_first), j_first)
        inner = [(i + n, i_next, j + n, j_next) for (i, j, n), (i_next, j_next, _) in zip(shared, shared[1:])]
        i_end, j_end = i_last + size, j_last + size
        tail = (i_end, to_sentence_break(other, i_end, len(other)), j_end, to_sentence_break(reference, j_end, len(reference)))
        edges = [
            edge_change(other, reference, head, outer_is_start=True),
            edge_change(other, reference, tail, outer_is_start=False),
        ]
        changed = [gap for gap in inner if gap[0] < gap[1] or gap[2] < gap[3]]
        return [self._edit(other, *gap) for gap in sorted([*(e for e in edges if e), *changed])]

    def _edit(self, other: Sequence[Word], i1: int, i2: int, j1: int, j2: int) -> Edit:
        before = " ".join(w.text for w in self._reference[j1:j2])
        after = " ".join(w.text for w in other[i1:i2])
        if i1 < i2:
            return Edit(before, after, other[i1].start, other[i2 - 1].end)
        # Dropped words: marked after the shared word before them.
        return Edit(before, after, other[i1 - 1].end, other[i1 - 1].end)


def edge_change(
    other: Sequence[Word], reference: Sequence[Word], gap: tuple[int, int, int, int], outer_is_start: bool
) -> tuple[int, int, int, int] | None:
    """The change in words past the shared part (`gap`, other's i1:i2 and
    the reference's j1:j2), if they are one: the quote's first or last words
    swapped, no more than MAX_EDGE_SWAP; or, when a lone word matched further
    out ("We" of "We will build" / "We build"), any words added or dropped
    between it and the shared part. Otherwise one side is a longer excerpt."""
    i1, i2, j1, j2 = gap
    k1, k2, l1, l2 = without_shared_ends(other, reference, i1, i2, j1, j2)
    bounded = k1 > i1 if outer_is_start else k2 < i2
    if (k1 == k2 and l1 == l2) or max(k2 - k1, l2 - l1) > MAX_EDGE_SWAP:
        return None
    return (k1, k2, l1, l2) if bounded or (k1 < k2 and l1 < l2) else None


def without_shared_ends(
    other: Sequence[Word], reference: Sequence[Word], i1: int, i2: int, j1: int, j2: int
) -> tuple[int, int, int, int]:
    """The gap other[i1:i2] / reference[j1:j2] less the words both begin or
    end it with."""
    while i1 < i2 and j1 < j2 and other[i1].key == reference[j1].key:
        i1, j1 = i1 + 1, j1 + 1
    while i1 < i2 and j1 < j2 and other[i2 - 1].key == reference[j2 - 1].key:
        i2, j2 = i2 - 1, j2 - 1
    return i1, i2, j1, j2


def after_sentence_break(text: Sequence[Word], start: int, end: int) -> int:
    """Where the last sentence begun in text[start:end] starts."""
    return next((n + 1 for n in range(end - 1, start - 1, -1) if text[n].ends_sentence), start)


def to_sentence_break(text: Sequence[Word], start: int, end: int) -> int:
    """Where the sentence running on in text[start:end] ends (just past its
    last word)."""
    return next((n + 1 for n in range(start, end) if text[n].ends_sentence), end)
