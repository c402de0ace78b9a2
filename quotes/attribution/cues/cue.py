"""The Cue record: where a cue stands, who its grammatical speaker is and,
when the parse shows one, the content it reports.

Every kind of cue reader returns one; attribute.py pairs them with quotation
marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .speakers import left_edge_outside_quotes, speaker_mention


@dataclass
class Cue:
    """One attribution cue; token indices are half-open [start, end)."""

    start: int
    end: int
    verb: Token | None
    speaker: Token | None
    content: list[tuple[int, int]] = field(default_factory=list)
    via: Span | None = None
    confidence: float = 0.5
    rule: str = ""
    # False: in an opinion piece this cue is the author's own characterisation.
    in_opinion: bool = True
    # A "NAME:" label that opens a line (or the quote on it).
    is_label: bool = False
    # "did not say", "never claimed".
    negated: bool = False
    # A quotation right after the verb is its content ("chanted “…” as").
    quote_object: bool = False
    _bounds: tuple[tuple[int, int, int], tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def text_span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def clause_bounds(self) -> tuple[int, int]:
        """Token range of the cue words and the speaker phrase together."""
        # Asked once per quote of the article: remembered, for as long as the
        # cue and its speaker stay where they are.
        key = (self.start, self.end, self.speaker.i if self.speaker is not None else -1)
        if self._bounds is None or self._bounds[0] != key:
            start, end = self.start, self.end
            if self.speaker is not None:
                # A speaker after its cue reaches no further back than the cue,
                # whatever the parse hangs on it (“…?” ― Jacklyn Ashley).
                left_edge = left_edge_outside_quotes(self.speaker)
                start = min(start, left_edge if self.speaker.i < self.start else max(left_edge, self.start))
                end = max(end, speaker_mention(self.speaker, self.start).end)
            self._bounds = (key, (start, end))
        return self._bounds[1]
