"""A component that starts a sentence on every new line, and none right
after a title abbreviation.

News text copied from a page puts headlines, captions and paragraphs on lines
of their own, often with no final full stop; the parser would run a headline
into the paragraph below it. Marking line starts before the parser keeps each
line its own sentence (the parser respects boundaries set before it). The
parser also takes the full stop of a title it seldom saw for a sentence's
end ("said Navy Capt. | Jeff Davis"): the word after a title the rules list
starts no sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START  # type: ignore[import-not-found]  # compiled; spaCy ships no stub
from spacy.language import Language
from spacy.tokens import Doc

# SENT_START's "not a sentence start", -1, as the unsigned array holds it.
NOT_START = numpy.array(-1).astype(numpy.uint64)


@Language.factory("line_sentencizer", default_config={"titles": []})
def make_line_sentencizer(nlp: Language, name: str, titles: list[str]) -> LineSentencizer:
    return LineSentencizer([nlp.vocab.strings.add(title) for title in titles])


class LineSentencizer:
    """Runs on arrays, not Token objects: it sees every token of every article."""

    def __init__(self, titles: list[int] | None = None) -> None:
        self.breaks: dict[int, bool] = {}  # a space token's spelling -> holds a line break
        self.titles = numpy.array(sorted(titles or []), dtype=numpy.uint64)  # their spellings

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
        after_title = numpy.flatnonzero(numpy.isin(orths[:-1], self.titles)) + 1
        if starts.size or after_title.size:
            values = doc.to_array([SENT_START])
            values[after_title] = NOT_START
            values[starts] = 1
            # spaCy's stub types to_array as float64; it gives the uint64 that from_array takes.
            doc.from_array([SENT_START], values)  # type: ignore[arg-type]
        return doc

    def _breaks(self, doc: Doc, orth: int) -> bool:
        found = self.breaks.get(orth)
        if found is None:
            found = self.breaks[orth] = "\n" in doc.vocab.strings[orth]
        return found
