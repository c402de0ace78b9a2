"""How well confidences hold: the reliability table of (confidence, right)
pairs in equal-width bins, and the expected calibration error (ECE) that
both `quotes eval` and `quotes calibrate` report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

RELIABILITY_BINS = 10


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    claims: int
    confidence: float  # the mean confidence given
    right: float  # the share right

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "claims": self.claims,
            "confidence": round(self.confidence, 4),
            "right": round(self.right, 4),
        }


@dataclass(frozen=True)
class Reliability:
    bins: tuple[Bin, ...]
    error: float  # expected calibration error: the claim-weighted mean |confidence - right|

    @property
    def claims(self) -> int:
        return sum(b.claims for b in self.bins)

    def to_dict(self) -> dict[str, Any]:
        return {"bins": [b.to_dict() for b in self.bins], "error": round(self.error, 4), "claims": self.claims}


def reliability(outcomes: Iterable[tuple[float, bool]], bins: int = RELIABILITY_BINS) -> Reliability:
    """The reliability table of (confidence, right) pairs in `bins` equal-width
    bins of confidence (the last one closed), and the calibration error."""
    sums: list[list[float]] = [[0, 0.0, 0] for _ in range(bins)]
    for confidence, right in outcomes:
        # The epsilon keeps 0.7 in the bin 0.7-0.8 whatever 0.7 * 10 rounds to.
        at = min(max(int(confidence * bins + 1e-9), 0), bins - 1)
        sums[at][0] += 1
        sums[at][1] += confidence
        sums[at][2] += bool(right)
    total = sum(s[0] for s in sums)
    table = tuple(Bin(i / bins, (i + 1) / bins, int(n), conf / n, right / n) for i, (n, conf, right) in enumerate(sums) if n)
    error = sum(b.claims * abs(b.confidence - b.right) for b in table) / total if total else 0.0
    return Reliability(table, error)


def format_reliability(table: Reliability) -> str:
    lines = [f"{'confidence':14}{'claims':>7}{'given':>8}{'right':>8}"]
    lines += [f"  {b.low:.1f}-{b.high:.1f}{'':5}{b.claims:>7}{b.confidence:>8.3f}{b.right:>8.3f}" for b in table.bins]
    lines.append(f"  calibration error (ECE, {RELIABILITY_BINS} bins): {table.error:.3f}")
    return "\n".join(lines)
