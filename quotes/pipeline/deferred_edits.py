"""Tokenizer edits made when the first text that needs them comes.

Changing the tokenizer's patterns makes spaCy load its ~1,300 special cases
again, about 50 ms: a third of what `quotes extract` adds to loading the
model. The edits only split off marks and dashes the model never saw (see
`marktokens`, `dashes`), so a text holding none of them is tokenized alike
with or without them. An Extractor, which makes every Doc it parses itself,
therefore makes them when the first text holding one of those marks is to
be tokenized, or when its pipeline is handed out (`Extractor.nlp`).
Until then, and after, its tokens are those of the prepared pipeline.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from spacy.language import Language
from spacy.tokens import Doc

from .marktokens import PatternEdits, special_cases_set_aside

# Set while an Extractor adds its component: the factory leaves its
# tokenizer edits here instead of making them.
_deferring: ContextVar[list[DeferredEdits] | None] = ContextVar("quotes_deferring_tokenizer_edits", default=None)


class DeferredEdits:
    """Pattern edits for `nlp`'s tokenizer, made at most once, never while
    another thread tokenizes through `tokenize`."""

    def __init__(self, nlp: Language, edits: PatternEdits):
        self._nlp = nlp
        self._edits = edits
        self._needles = tuple(sorted(edits.needles))
        self._pending = bool(edits)
        self._state = threading.Condition()
        self._tokenizing = 0

    @property
    def pending(self) -> bool:
        return self._pending

    def needed_by(self, text: str) -> bool:
        return self._pending and any(needle in text for needle in self._needles)

    def make(self) -> None:
        """The edits made now, once no other thread is tokenizing."""
        with self._state:
            self._state.wait_for(lambda: self._tokenizing == 0)
            if self._pending:
                with special_cases_set_aside(self._nlp):
                    self._edits.apply(self._nlp)
                self._pending = False

    def tokenize(self, text: str) -> Doc:
        """`nlp.make_doc(text)`, the edits made first if `text` needs them."""
        if self.needed_by(text):
            self.make()
        with self._state:
            self._tokenizing += 1
        try:
            return self._nlp.make_doc(text)
        finally:
            with self._state:
                self._tokenizing -= 1
                self._state.notify_all()


def apply_or_defer(nlp: Language, edits: PatternEdits) -> None:
    """Make the edits now, unless `deferring()` is collecting them."""
    collected = _deferring.get()
    if collected is None:
        with special_cases_set_aside(nlp):
            edits.apply(nlp)
    else:
        collected.append(DeferredEdits(nlp, edits))


@contextmanager
def deferring() -> Iterator[list[DeferredEdits]]:
    """Tokenizer edits that pipelines prepared within the block would make,
    collected instead, for their owner to make when needed."""
    collected: list[DeferredEdits] = []
    token = _deferring.set(collected)
    try:
        yield collected
    finally:
        _deferring.reset(token)
