"""The calibration model: a logistic function of a claim's evidence and of
its rule's own confidence, its form in a `calibration` rule file (the
weights are data, in rules/, so a newsroom can refit them on its own news),
and its use on an article's claims (fitting it is `fitting`'s, apart, as
extraction never fits)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import Claim
from .features import Evidence, evidence_of

# The closed set of evidence a weight can be given for, as a rule file names it.
GROUPS = ("type", "rule", "resolution", "mention", "cue", "words", "negated", "nested")


@dataclass(frozen=True)
class Calibration:
    """A logistic model: logit p = intercept + prior * logit(rule confidence)
    + the weights of the claim's features (a missing feature weighs 0)."""

    intercept: float
    prior: float
    weights: Mapping[str, float] = field(default_factory=dict)

    def probability(self, evidence: Evidence, rule_confidence: float | None) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) for name in evidence.features())
        if rule_confidence is not None:
            score += self.prior * logit(rule_confidence)
        return sigmoid(score)


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


# --- the rule file ------------------------------------------------------------


def from_rule_data(data: Mapping[str, Any]) -> Calibration:
    """The model a `calibration` rule file holds (already schema-checked)."""
    model = data["model"]
    weights: dict[str, float] = {}
    for group, values in model.get("weights", {}).items():
        if isinstance(values, Mapping):
            weights.update({f"{group}={value}": float(w) for value, w in values.items()})
        else:
            weights[group] = float(values)
    return Calibration(float(model["intercept"]), float(model.get("prior", 0.0)), weights)


def to_rule_data(calibration: Calibration) -> dict[str, Any]:
    """The `model` mapping of a rule file: weights grouped as GROUPS orders them."""
    grouped: dict[str, Any] = {}
    for name, weight in calibration.weights.items():
        group, _, value = name.partition("=")
        if value:
            grouped.setdefault(group, {})[value] = round(weight, 4)
        else:
            grouped[group] = round(weight, 4)
    ordered = {
        group: dict(sorted(grouped[group].items())) if isinstance(grouped[group], dict) else grouped[group]
        for group in GROUPS
        if group in grouped
    }
    return {
        "intercept": round(calibration.intercept, 4),
        "prior": round(calibration.prior, 4),
        "weights": ordered,
    }


def _record_view(claim: Claim) -> dict[str, Any]:
    """The fields of a claim's record that its evidence reads (asdict, without
    copying every field of every claim)."""
    speaker = claim.speaker
    return {
        "type": claim.type,
        "rule": claim.rule,
        "text": claim.text,
        "spans": [{"start": s.start, "end": s.end} for s in claim.spans],
        "cue": None if claim.cue is None else {"text": claim.cue.text, "start": claim.cue.start},
        "speaker": {"resolution": speaker.resolution, "mention": speaker.mention is not None},
        "negated": claim.negated,
    }


def calibrated(claims: Sequence[Claim], model: Calibration, rule_confidences: Mapping[str, float]) -> list[Claim]:
    """The claims of one article with the confidence `model` gives their evidence."""
    evidence = evidence_of([_record_view(claim) for claim in claims])
    return [
        replace(claim, confidence=round(model.probability(e, rule_confidences.get(claim.rule)), 3))
        for claim, e in zip(claims, evidence, strict=True)
    ]
