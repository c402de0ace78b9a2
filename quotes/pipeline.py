"""A component that starts a sentence on every new line.

News text copied from a page puts headlines, captions and paragraphs on lines
of their own, often with no final full stop; the parser would run a headline
into the paragraph below it. Marking line starts before the parser keeps each
line its own sentence (the parser respects boundaries set before it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> "LineSentencizer":
    return LineSentencizer()


class LineSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for token in doc:
            if token.is_space:
                after_break = after_break or "\n" in token.text
                continue
            if after_break and token.i > 0:
                token.is_sent_start = True
            after_break = False
        return doc
