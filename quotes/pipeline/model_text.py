"""The text as given, the stretch of it the model reads, and the way back.

Offsets always index the text the user gave. The model does not always read
all of it: a byte-order mark is kept from it (the tagger would read it as
part of the first name), and a text longer than the model reads at once is
read in pieces. A `ModelText` is one such stretch: it knows where it starts
in the given text, and moves what was found in it (claims, marked lines,
any offset) back into the given text. It is the one place that does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..attribution.outlets import MarkedLine
from ..errors import QuotesError
from ..records import Extraction, shift_claim

BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class ModelText:
    given: str
    start: int
    end: int

    @classmethod
    def of_article(cls, text: str) -> ModelText:
        """The words of a whole article: all of `text` but a leading
        byte-order mark. A mark and blanks are no article (E007), as a file
        (E003) takes them."""
        start = len(BYTE_ORDER_MARK) if text.startswith(BYTE_ORDER_MARK) else 0
        if not text[start:].strip():
            raise QuotesError("E007")
        return cls(text, start, len(text))

    @property
    def seen(self) -> str:
        """What the model reads."""
        return self.given[self.start : self.end]

    def piece(self, start: int, end: int) -> ModelText:
        """The stretch `start:end` of what the model reads, as its own text."""
        return ModelText(self.given, self.start + start, self.start + end)

    def to_given(self, offset: int) -> int:
        """An offset into `seen` as an offset into `given`."""
        return offset + self.start

    def extraction_in_given(self, extraction: Extraction) -> Extraction:
        if not self.start:
            return extraction
        return replace(extraction, claims=[shift_claim(c, self.start) for c in extraction.claims])

    def marked_in_given(self, marked: tuple[MarkedLine, ...]) -> tuple[MarkedLine, ...]:
        if not self.start:
            return marked
        return tuple(replace(m, start=m.start + self.start, end=m.end + self.start) for m in marked)
