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

from .calibration_model import GROUPS, Calibration, calibrated, from_rule_data, logit, sigmoid, to_rule_data
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
