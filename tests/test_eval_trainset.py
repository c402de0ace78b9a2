"""Quality floor on the 840 annotated train articles (../shared/eval/polnear-train.jsonl).

The rules were tuned on dev; train shows how they hold on news they were not
written for, and is where the calibration is fitted. Extracting it takes
about a minute on two cores. Skipped when the train set is absent.
"""

from __future__ import annotations

import pytest
from annotated import annotated_run

from quotes.evaluation import evaluate

# Measured 2026-12-07 with en_core_web_sm 3.8.0: quote P 0.901, F1 0.807,
# end-to-end F1 0.714. Floors sit 0.02 below.
FLOOR_QUOTE_F1 = 0.786
FLOOR_E2E_F1 = 0.693
# Issue 15's targets: precision is reached, F1 and end to end are not.
TARGET_QUOTE_F1, TARGET_PRECISION, TARGET_E2E_F1 = 0.84, 0.90, 0.74
# The calibration is fitted on these claims: on them it holds closely.
CEILING_CALIBRATION_ERROR = 0.02

pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def train_scores():
    return evaluate.score(*annotated_run("polnear-train.jsonl"))


def test_every_train_article_is_extracted(train_scores):
    assert train_scores.failed == []
    assert train_scores.articles == 840


def test_train_floors(train_scores):
    report = evaluate.format_report(train_scores)
    assert train_scores.quotes.f1 >= FLOOR_QUOTE_F1, report
    assert train_scores.e2e.f1 >= FLOOR_E2E_F1, report


def test_confidence_holds_on_the_articles_it_was_fitted_on(train_scores):
    assert train_scores.confidence.error <= CEILING_CALIBRATION_ERROR


def test_train_precision_target(train_scores):
    assert train_scores.quotes.precision >= TARGET_PRECISION


@pytest.mark.xfail(
    reason="train quote F1 0.807, end-to-end 0.714 (targets 0.84, 0.74): the misses are a long tail of cue words"
    " and constructions PolNeAR counts as attribution, none frequent and reliable enough for a rule (issue 15)",
    strict=True,
)
def test_train_targets(train_scores):
    assert train_scores.quotes.f1 >= TARGET_QUOTE_F1
    assert train_scores.e2e.f1 >= TARGET_E2E_F1
