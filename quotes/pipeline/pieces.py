"""Texts longer than the model reads at once, cut into pieces.

spaCy refuses a text over `nlp.max_length` characters (E088), and a whole
hearing transcript would not fit in memory as one parsed Doc anyway. Such a
text is read in pieces of at most `PIECE_CHARACTERS`, cut where a reader
would pause: at a paragraph break, inside an overlong paragraph at a
sentence end, else at a space. Each piece is read as the continuation of the
pieces before it (`Carried`): the first piece's metadata (outlet, byline,
title) and everyone the article has named so far carry over, so "Yang" in
the last piece is still Yang Cheng. Offsets are moved back into the whole
text. A text within the limit is read whole, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..attribution.entity import Entity
from ..attribution.outlets import ArticleReading

# Well under the model's limit: the pipeline's time and memory per piece stay
# small and flat however long the document is.
PIECE_CHARACTERS = 100_000
# A cut searches the last part of the window for a pause: no piece is shorter
# than this share of the limit unless the text ends.
SEARCH_FROM = 0.5

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
_PAUSES = (_PARAGRAPH_BREAK, _LINE_BREAK, _SENTENCE_END, _SPACE)


@dataclass(frozen=True)
class Carried:
    """What the earlier pieces of an article established: the first piece's
    reading (None before the first piece) and every person and organization
    named so far, without their mentions (those index other pieces)."""

    reading: ArticleReading | None = None
    entities: tuple[Entity, ...] = ()


def needs_pieces(text: str, max_length: int) -> bool:
    return len(text) > max_length


def cut(text: str, max_length: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces that together are `text`, each at
    most `PIECE_CHARACTERS` long, and at most `max_length` (the pipeline's
    limit) if that is less."""
    limit = PIECE_CHARACTERS if max_length is None else min(PIECE_CHARACTERS, max_length)
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _pause_before(text, start, start + limit)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def _pause_before(text: str, start: int, end: int) -> int:
    """Where to end a piece that starts at `start` and may run to `end`: just
    after the last paragraph break, line break, sentence end or space in the
    second half of the window; at `end` when there is none."""
    window_start = start + int((end - start) * SEARCH_FROM)
    for pause in _PAUSES:
        last = None
        for match in pause.finditer(text, window_start, end):
            last = match
        if last is not None:
            return last.end()
    return end
