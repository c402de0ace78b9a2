"""The tables a score fills: precision, recall and F1 counts, accuracy
ratios, and the Scores of one evaluation, each with the JSON form that
`quotes eval --json` writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .reliability import Reliability, reliability

TYPES = ("direct", "indirect", "mixed")
NONE = "none"  # the type row or column of an unmatched claim or gold quote


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **rounded(self, "precision", "recall", "f1")}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, right: bool) -> None:
        self.right += bool(right)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, **rounded(self, "value")}


@dataclass
class Scores:
    articles: int = 0
    failed: list[str] = field(default_factory=list)  # ids of articles whose record is an error
    gold_quotes: int = 0
    claims: int = 0
    ignored: int = 0
    quotes: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold type -> claim type -> n
    speaker_mention: Ratio = field(default_factory=Ratio)
    speaker_name: Ratio = field(default_factory=Ratio)
    no_gold_speaker: int = 0
    e2e: PRF = field(default_factory=PRF)
    confidence: Reliability = field(default_factory=lambda: reliability(()))
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # With examples: each kind of mistake counted by what it has in common (`groups`).
    error_groups: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    error_totals: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": list(self.failed),
            "gold_quotes": self.gold_quotes,
            "claims": self.claims,
            "ignored": self.ignored,
            "quotes": self.quotes.to_dict(),
            "by_type": {kind: prf.to_dict() for kind, prf in self.by_type.items()},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "speaker": {
                "mention": self.speaker_mention.to_dict(),
                "name": self.speaker_name.to_dict(),
                "no_gold_speaker": self.no_gold_speaker,
            },
            "e2e": self.e2e.to_dict(),
            "confidence": self.confidence.to_dict(),
            "examples": {kind: list(items) for kind, items in self.examples.items()},
            "error_groups": {name: [[value, n] for value, n in counted] for name, counted in self.error_groups.items()},
        }


def rounded(obj: Any, *names: str) -> dict[str, float]:
    return {name: round(getattr(obj, name), 4) for name in names}
