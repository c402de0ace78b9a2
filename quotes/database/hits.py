"""A claim as the database gives it back: one search hit, or one appearance
of a traced quote."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Hit:
    """One claim of one indexed article. `claim` is the claim's id within its
    article ("q3"); `speaker` the resolved name, None when the extractor gave
    none; `published` an ISO date, None when unknown."""

    article: str
    claim: str
    text: str
    speaker: str | None
    outlet: str | None
    published: str | None
    url: str | None
    type: str
    cue: str | None

    @property
    def claim_id(self) -> str:
        """The id `quotes trace --claim` takes: "ARTICLE_ID#q3"."""
        return f"{self.article}#{self.claim}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
