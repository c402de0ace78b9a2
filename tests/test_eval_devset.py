"""Quality floor on the annotated dev set (../shared/eval/polnear-dev.jsonl).

Runs the whole evaluation in-process once (about 20 s), through the same
path as `quotes eval GOLD`: gold -> the local engine -> score. Skipped when the
dev set is absent. Raise the floors when quality goes up; a drop below them
is a regression to explain.
"""

from __future__ import annotations

import pytest
from annotated import annotated_run

from quotes.evaluation import evaluate, mining, speaker_identity

# Measured 2026-12-06 with en_core_web_sm 3.8.0: quote F1 0.851, end-to-end
# F1 0.765. A floor sits 0.02 below: machines differ in the last digit.
FLOOR_QUOTE_F1 = 0.832
FLOOR_E2E_F1 = 0.744

# Speaker identity on ../shared/eval/polnear-dev-speakers.jsonl, measured
# 2026-12-06 (second session): of the names given, 0.976 name the right
# entity (the target is 0.97); 0.021 of the scored quotes get a wrong
# entity, a ceiling 0.02 above; 0.024 of the pronoun sources do (target
# 0.03).
TARGET_NAMES_GIVEN_RIGHT = 0.97
CEILING_WRONG_ENTITY = 0.041
TARGET_PRONOUN_WRONG_ENTITY = 0.03

pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def dev_run():
    return annotated_run("polnear-dev.jsonl")


@pytest.fixture(scope="module")
def dev_scores(dev_run):
    gold, records = dev_run
    return evaluate.score(gold, records, errors=3)


@pytest.fixture(scope="module")
def dev_identity(dev_run, shared):
    path = shared / "eval" / "polnear-dev-speakers.jsonl"
    if not path.is_file():
        pytest.skip(f"the dev speakers file {path} is absent")
    gold, records = dev_run
    return speaker_identity.score_identity(gold, records, speaker_identity.load_referents(str(path)), errors=5)


def test_every_dev_article_is_extracted(dev_scores):
    assert dev_scores.failed == []
    assert dev_scores.articles > 0 and dev_scores.gold_quotes > 0


def test_quote_detection_f1_floor(dev_scores):
    assert dev_scores.quotes.f1 >= FLOOR_QUOTE_F1, evaluate.format_report(dev_scores)


def test_end_to_end_f1_floor(dev_scores):
    assert dev_scores.e2e.f1 >= FLOOR_E2E_F1, evaluate.format_report(dev_scores)


def test_names_given_are_right_target(dev_identity):
    row = dev_identity.rows["all"]
    assert row.given_right >= TARGET_NAMES_GIVEN_RIGHT, speaker_identity.format_identity(dev_identity)
    assert row.share_wrong <= CEILING_WRONG_ENTITY, speaker_identity.format_identity(dev_identity)


def test_pronoun_sources_wrong_entity_target(dev_identity):
    row = dev_identity.rows["pronoun"]
    assert row.share_wrong <= TARGET_PRONOUN_WRONG_ENTITY, speaker_identity.format_identity(dev_identity)


def test_all_sources_right_target(dev_identity):
    row = dev_identity.rows["all"]
    assert row.share_right >= 0.85, speaker_identity.format_identity(dev_identity)


# Measured 2026-12-06 at 0.902 (295 of 327), the fewest that reach the
# target: a change that costs one pronoun source fails here.
def test_pronoun_sources_right_target(dev_identity):
    row = dev_identity.rows["pronoun"]
    assert row.share_right >= 0.90, speaker_identity.format_identity(dev_identity)


# Calibrated confidence (issue 15), fitted on train: the expected calibration
# error on dev (10 bins) measured 2026-12-06 at 0.0300 (0.0294 to 0.0304 as
# the rules changed that day); the ceiling sits 0.01 above. The target is
# 0.03: dev claims are right more often than train claims given the same
# confidence, since the rules were tuned on dev.
CEILING_CALIBRATION_ERROR = 0.04
TARGET_CALIBRATION_ERROR = 0.03


def test_confidence_is_calibrated_on_dev(dev_scores):
    assert dev_scores.confidence.claims == dev_scores.claims
    assert dev_scores.confidence.error <= CEILING_CALIBRATION_ERROR


def test_confidence_calibration_target_on_dev(dev_scores):
    # Reached: 0.029 at the end of 2026-12-06 (0.0300 before that day's
    # speaker-mention changes), near the target, as the rules fit dev better
    # than the train articles the calibration is fitted on (issue 15).
    assert dev_scores.confidence.error <= TARGET_CALIBRATION_ERROR


def test_mined_cue_words_count_the_misses_of_the_run(dev_run, dev_scores, rules):
    gold, _ = dev_run
    mined = mining.mine_cues((mining.extracted_article(article) for article in gold), rules)
    # The traced extraction misses what the corpus run missed.
    assert mined.counted == dev_scores.quotes.fn
    assert sum(mined.constructions.values()) == sum(mined.outcomes.values()) == mined.counted
    assert 0 < mined.outcomes[mining.NO_RULE] < mined.counted
    words = {(w.lemma, w.pos): w for w in mined.words}
    say = words[("say", "VERB")]
    assert say.listed and say.cues > 300 and say.share > 0.8
    assert all(0 < w.share <= 1 and w.missed <= w.cues <= w.uses for w in mined.words)
    assert sum(w.missed for w in mined.words) <= mined.counted
