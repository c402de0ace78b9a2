"""Calibrated confidence: the chance that a claim is a real attribution.

A rule's own `confidence` (a reporting-verb group's 0.8, say) is a guess
written by hand. The calibration rule file turns the evidence a claim record
carries (its type, rule, cue word, how its speaker was reached, its length,
a negated cue, a cue inside another claim) into a probability with a logistic model fitted on annotated
news (`quotes calibrate`). The model's weights are data, in rules/; this
module applies them, fits them, and measures how well they hold
(`reliability`, the expected calibration error over ten bins).

"Right" is what the issue tracker and the eval report mean by it: the claim
overlaps a gold quote by at least half the shorter of the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..records import Claim
from .calibration_model import GROUPS, Calibration, from_rule_data, logit, sigmoid, to_rule_data
from .features import NO_NAME, WORD_BINS, Evidence, cue_key, evidence_of, words_bin
from .fitting import (
    DEFAULT_STRENGTH,
    FOLDS,
    MIN_CUE_COUNT,
    MIN_CUE_COUNTS,
    STRENGTHS,
    Choice,
    Example,
    Fitted,
    choose,
    cross_validate,
    fit,
    fit_chosen,
    refitted_file,
    rule_file_text,
)
from .reliability import RELIABILITY_BINS, Bin, Reliability, format_reliability, reliability

# The calibration's names where its users (`quotes calibrate`, the tests)
# find them: this module applies a model, the others it names hold the rest.
__all__ = [
    "DEFAULT_STRENGTH",
    "FOLDS",
    "GROUPS",
    "MIN_CUE_COUNT",
    "MIN_CUE_COUNTS",
    "NO_NAME",
    "RELIABILITY_BINS",
    "STRENGTHS",
    "WORD_BINS",
    "Bin",
    "Calibration",
    "Choice",
    "Evidence",
    "Example",
    "Fitted",
    "Reliability",
    "calibrated",
    "choose",
    "cross_validate",
    "cue_key",
    "evidence_of",
    "fit",
    "fit_chosen",
    "format_reliability",
    "from_rule_data",
    "logit",
    "refitted_file",
    "reliability",
    "rule_file_text",
    "sigmoid",
    "to_rule_data",
    "words_bin",
]


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
