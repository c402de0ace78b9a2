"""Find the stretches of text between quote marks.

Works on characters, not tokens: a quote may run over several paragraphs, and
tokenisers split marks inconsistently. Which characters are marks comes from
the direct_quote rules; nothing here knows a particular character. A mark may
be two characters (the two apostrophes some archives type for a double
quote); the longest mark at a position wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..records import TextSpan
from ..rules.patterns import UserPattern
from ..rules.ruleset import QuotePair

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuotedSpan:
    """A quotation: its content parts (one per paragraph), marks excluded."""

    parts: tuple[TextSpan, ...]
    open_mark: int
    close_mark: int | None  # None: the quote was never closed
    open_length: int = 1
    close_length: int = 1

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    @property
    def outer_end(self) -> int:
        return self.close_mark + self.close_length if self.close_mark is not None else self.end

    @property
    def inner_start(self) -> int:
        """Where the text after the opening mark begins."""
        return self.open_mark + self.open_length

    def text(self, source: str) -> str:
        return " ".join(source[p.start : p.end] for p in self.parts)

    def word_count(self, source: str) -> int:
        return sum(len(_WORD.findall(source[p.start : p.end])) for p in self.parts)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _char(text: str, pos: int) -> str:
    return text[pos] if 0 <= pos < len(text) else " "


def _opens_at(text: str, pos: int, pair: QuotePair, line_end: int) -> bool:
    before = _char(text, pos - 1)
    after = _char(text, pos + len(pair.open))
    if not (pair.single or pair.open == pair.close):
        # “ and « open even before a space (French style « Nous »), as long as
        # the line closes them: a lone mark drawn in prose opens nothing.
        return not after.isspace() or text.find(pair.close, pos + len(pair.open), line_end) != -1
    # An opening mark stands before a word, never inside one ("rock'n'roll").
    return not after.isspace() and not before.isalnum()


def _closes_at(text: str, pos: int, pair: QuotePair, line_end: int) -> bool:
    before = _char(text, pos - 1)
    after = _char(text, pos + len(pair.close))
    if pair.single:
        # Between letters it is an apostrophe ("Russia’s"), not a closing mark.
        if before.isspace() or after.isalnum():
            return False
        # After a plural and before a word ("the players’ union") it is a
        # possessive, as long as a later mark on the line can close the quote.
        next_char = text[pos + 2] if pos + 2 < len(text) else " "
        if before.lower() == "s" and after == " " and next_char.isalpha():
            return text.find(pair.close, pos + 1, line_end) == -1
        return True
    if pair.open == pair.close:
        return not before.isspace() or after.isspace() or not after.isalnum()
    return True


def _closing_mark(text: str, pos: int, pair: QuotePair, line_end: int) -> str | None:
    """The mark at `pos` that closes the open quote, if one does."""
    if text[pos] not in pair.closing_starts:
        return None  # most characters: no mark starts here
    if text.startswith(pair.close, pos):
        return pair.close if _closes_at(text, pos, pair, line_end) else None
    stand_in = next((m for m in pair.also_closed_by if text.startswith(m, pos)), None)
    if stand_in is None or text.find(pair.close, pos + 1, line_end) != -1:
        return None
    # A stand-in mark closes after a word, never before one, where it would
    # open a quote of its own.
    after = _char(text, pos + len(stand_in))
    return stand_in if not _char(text, pos - 1).isspace() and not after.isalnum() else None


def _opening_pair(text: str, pos: int, openers: Sequence[QuotePair], line_end: int) -> QuotePair | None:
    """The pair whose opening mark opens a quote at `pos`: the longest mark there."""
    for pair in openers:
        if text.startswith(pair.open, pos):
            return pair if _opens_at(text, pos, pair, line_end) else None
    return None


def _trimmed(text: str, start: int, end: int, strip: str = "") -> TextSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return TextSpan(start, end)


def _continues(text: str, lines: Sequence[tuple[int, int]], index: int, pair: QuotePair) -> tuple[int, int] | None:
    """The line and position where the quote reopens, when the next paragraph
    starts with its opening mark (news style for a quote that runs on)."""
    for next_index in range(index + 1, len(lines)):
        start, end = lines[next_index]
        stripped = text[start:end].lstrip()
        if not stripped:
            continue
        if stripped.startswith(pair.open):
            return next_index, end - len(stripped)
        return None
    return None


def find_quotes(
    text: str,
    pairs: Sequence[QuotePair],
    not_marks: frozenset[str] | set[str],
    new_speaker: UserPattern | None = None,
) -> list[QuotedSpan]:
    """Every quotation in `text`, in order. Unbalanced marks never raise.

    `new_speaker` matches the start of a paragraph (after its opening mark)
    that names a new speaker ("PENCE: ..."): such a paragraph starts a new
    quote rather than continuing the open one."""
    # Longest first: two apostrophes are one mark, not two.
    openers = sorted((p for p in pairs if p.open not in not_marks), key=lambda p: -len(p.open))
    first_chars = {p.open[0] for p in openers}
    lines = list(_lines(text))
    found: list[QuotedSpan] = []
    pair: QuotePair | None = None
    open_mark = content_start = 0
    parts: list[TextSpan] = []
    index = 0
    resume_at: int | None = None
    while index < len(lines):
        line_start, line_end = lines[index]
        pos = resume_at if resume_at is not None else line_start
        resume_at = None
        while pos < line_end:
            if pair is None:
                pair = _opening_pair(text, pos, openers, line_end) if text[pos] in first_chars else None
                if pair is not None:
                    open_mark, content_start, parts = pos, pos + len(pair.open), []
                    pos = content_start
                    continue
            elif (closing := _closing_mark(text, pos, pair, line_end)) is not None:
                # The comma before a closing mark belongs to the attribution
                # that follows ("…,” he said), not to the speaker's words.
                part = _trimmed(text, content_start, pos, strip=" \t\u00a0,;:")
                if part.end > part.start:
                    parts.append(part)
                if parts:
                    found.append(QuotedSpan(tuple(parts), open_mark, pos, len(pair.open), len(closing)))
                pair = None
                pos += len(closing)
                continue
            pos += 1
        if pair is not None:
            part = _trimmed(text, content_start, line_end)
            if part.end > part.start:
                parts.append(part)
            reopen = _continues(text, lines, index, pair)
            if reopen is not None and new_speaker is not None:
                if new_speaker.match(text, reopen[1] + len(pair.open)):
                    reopen = None
            if reopen is not None:
                index, mark = reopen
                content_start = resume_at = mark + len(pair.open)
                continue
            if parts:
                found.append(QuotedSpan(tuple(parts), open_mark, None, len(pair.open)))
            pair = None
        index += 1
    return found
