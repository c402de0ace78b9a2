"""A component that starts a sentence on every new line.

News text copied from a page puts headlines, captions and paragraphs on lines
of their own, often with no final full stop; the parser would run a headline
into the paragraph below it. Marking line starts before the parser keeps each
line its own sentence (the parser respects boundaries set before it).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START  # type: ignore[import-not-found]  # compiled; spaCy ships no stub
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer()


class LineSentencizer:
    """Runs on arrays, not Token objects: it sees every token of every article."""

    def __init__(self) -> None:
        self.breaks: dict[int, bool] = {}  # a space token's spelling -> holds a line break

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        orths, spaces = doc.to_array([ORTH, IS_SPACE]).T
        is_space = spaces.astype(bool)
        breaks = numpy.zeros(len(doc), dtype=bool)
        for i in numpy.flatnonzero(is_space).tolist():
            breaks[i] = self._breaks(doc, int(orths[i]))
        words = numpy.flatnonzero(~is_space)
        # Line breaks seen up to each word, less those up to the word before.
        seen = numpy.cumsum(breaks)[words]
        after_break = numpy.diff(seen, prepend=0) > 0
        starts = words[after_break & (words > 0)]
        if starts.size:
            values = doc.to_array([SENT_START])
            values[starts] = 1
            # spaCy's stub types to_array as float64; it gives the uint64 that from_array takes.
            doc.from_array([SENT_START], values)  # type: ignore[arg-type]
        return doc

    def _breaks(self, doc: Doc, orth: int) -> bool:
        found = self.breaks.get(orth)
        if found is None:
            found = self.breaks[orth] = "\n" in doc.vocab.strings[orth]
        return found
