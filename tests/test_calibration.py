"""Calibrated confidence: evidence, the model, fitting it, and how well it holds."""

from __future__ import annotations

import math
from dataclasses import asdict
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.evaluation import calibration
from quotes.evaluation.calibration import (
    Calibration,
    Evidence,
    Example,
    evidence_of,
    fit,
    reliability,
    words_bin,
)
from quotes.rules.merging import load_rules
from quotes.rules.reading import read_rule_file

SAID = '"We will rebuild the bridge before the winter comes," Mayor Ana Ruiz said on Tuesday.'


def evidence(
    type="direct",
    rule="cues.reporting-verbs#speech",
    resolution="named",
    mention=True,
    cue="said",
    words=9,
    negated=False,
    nested=False,
):
    return Evidence(type, rule, resolution, mention, cue, words, negated, nested)


@pytest.mark.parametrize(
    "words,label",
    [(0, "1-3"), (1, "1-3"), (3, "1-3"), (4, "4-7"), (7, "4-7"), (8, "8-15"), (30, "16-30"), (31, "31+"), (500, "31+")],
)
def test_words_bin(words, label):
    assert words_bin(words) == label


def test_features_name_every_group():
    assert evidence().features() == [
        "type=direct",
        "rule=cues.reporting-verbs#speech",
        "resolution=named",
        "mention=given",
        "cue=said",
        "words=8-15",
    ]
    unnamed = evidence(resolution=None, mention=False, cue=None, words=2, negated=True, nested=True).features()
    assert {"resolution=none", "mention=none", "cue=none", "words=1-3", "negated", "nested"} <= set(unnamed)


def test_the_evidence_of_records_as_the_extractor_writes_them(extract):
    [claim] = extract(SAID).claims
    [found] = evidence_of([asdict(claim)])
    assert found == evidence(words=len(claim.text.split()), rule=claim.rule, resolution=claim.speaker.resolution)


@pytest.mark.parametrize(
    "text,nested",
    [
        # "claimed" stands in what "said" reports: evidence that both are claims.
        ("The mayor said the contractor claimed the bridge was safe.", [False, True]),
        ("The mayor said the bridge was safe. The contractor claimed it was not.", [False, False]),
    ],
)
def test_a_cue_inside_another_claim_is_nested(extract, text, nested):
    claims = extract(text).claims
    assert [e.nested for e in evidence_of([asdict(c) for c in claims])] == nested


def test_cue_key_folds_case_and_space():
    assert calibration.cue_key("According  To") == "according to"


def test_probability_adds_the_weights_of_the_features_present():
    model = Calibration(intercept=0.5, prior=2.0, weights={"type=direct": 1.0, "type=indirect": -3.0, "negated": -1.0})
    assert model.probability(evidence(), None) == pytest.approx(calibration.sigmoid(1.5))
    assert model.probability(evidence(negated=True), None) == pytest.approx(calibration.sigmoid(0.5))
    # The rule's own confidence counts through `prior`; a feature with no weight weighs 0.
    assert model.probability(evidence(rule="unknown#x"), 0.8) == pytest.approx(calibration.sigmoid(1.5 + 2 * math.log(4)))


def test_rule_data_round_trip():
    model = Calibration(0.25, 0.5, {"type=direct": 1.0, "cue=according to": -0.5, "negated": -1.25})
    data = calibration.to_rule_data(model)
    assert data["weights"] == {"type": {"direct": 1.0}, "cue": {"according to": -0.5}, "negated": -1.25}
    assert calibration.from_rule_data({"model": data}) == model


def _examples(type_, right, wrong):
    return [Example(evidence(type=type_), 0.8, True)] * right + [Example(evidence(type=type_), 0.8, False)] * wrong


def test_cross_validation_holds_articles_out_and_picks_the_best_settings():
    # Every article right but every fifth: a model fitted without a fold
    # still predicts it, and the choice is one of the settings tried.
    examples = [Example(evidence(), 0.8, article % 5 != 0, article) for article in range(50)]
    choice = calibration.choose(examples, strengths=(0.1, 10.0), min_cue_counts=(5,), folds=5)
    assert choice.strength in (0.1, 10.0) and choice.min_cue_count == 5
    assert math.isfinite(choice.log_loss) and choice.error is not None


def test_cross_validation_with_too_few_articles_scores_nothing():
    examples = [Example(evidence(), 0.8, True, 0), Example(evidence(type="indirect"), 0.8, False, 0)]
    choice = calibration.cross_validate(examples, 1.0, 5, folds=5)
    assert (choice.log_loss, choice.error) == (math.inf, None)


def test_fit_learns_the_rate_right_of_each_kind_of_evidence():
    examples = _examples("direct", 190, 10) + _examples("indirect", 140, 60)
    model = fit(examples, strength=100.0)
    assert model.probability(evidence(type="direct"), 0.8) == pytest.approx(0.95, abs=0.01)
    assert model.probability(evidence(type="indirect"), 0.8) == pytest.approx(0.70, abs=0.01)


def test_fit_gives_rare_cues_no_weight_of_their_own():
    examples = _examples("direct", 40, 10) + [Example(evidence(cue="quipped"), 0.8, False)] * 3
    assert not any(name.startswith("cue=quipped") for name in fit(examples, min_cue_count=20).weights)
    assert "cue=quipped" in fit(examples, min_cue_count=3).weights


def test_fit_needs_right_and_wrong_claims():
    with pytest.raises(QuotesError) as raised:
        fit(_examples("direct", 5, 0))
    assert raised.value.code == "E034"


@pytest.mark.parametrize(
    "outcomes,bins,error",
    [
        ([], [], 0.0),
        ([(0.95, True), (0.95, False)], [(0.9, 2, 0.95, 0.5)], 0.45),
        # 0.7 * 10 is 7.000000000000001 and 0.3 * 10 is 3.0000000000000004: each stays in its own bin.
        ([(0.7, True), (0.3, False)], [(0.3, 1, 0.3, 0.0), (0.7, 1, 0.7, 1.0)], 0.3),
        ([(1.0, True), (0.0, False)], [(0.0, 1, 0.0, 0.0), (0.9, 1, 1.0, 1.0)], 0.0),
    ],
)
def test_reliability_bins_and_error(outcomes, bins, error):
    table = reliability(outcomes)
    assert [(round(b.low, 1), b.claims, b.confidence, b.right) for b in table.bins] == bins
    assert table.error == pytest.approx(error)


def test_reliability_is_printed_as_a_table():
    text = calibration.format_reliability(reliability([(0.95, True), (0.35, False)]))
    assert "  0.9-1.0           1   0.950   1.000" in text.splitlines()
    assert text.splitlines()[-1] == "  calibration error (ECE, 10 bins): 0.200"


# --- the rule file ------------------------------------------------------------------


def test_the_built_in_calibration_is_loaded():
    rules = load_rules()
    assert rules.calibration is not None
    assert rules.rule_confidences["cues.reporting-verbs#speech"] == 0.9


def _calibration_file(folder: Path, body: str) -> Path:
    path = folder / "calibration.yaml"
    path.write_text("id: my.calibration\nkind: calibration\ndescription: mine\n" + body, encoding="utf-8")
    return path


def test_a_users_calibration_replaces_the_built_in_one(tmp_path):
    _calibration_file(tmp_path, "model:\n  intercept: -2.0\n  weights: {type: {direct: 1.0}}\n")
    rules = load_rules([tmp_path])
    assert rules.calibration == Calibration(-2.0, 0.0, {"type=direct": 1.0})


def test_a_bad_weight_group_is_an_error_at_its_line(tmp_path):
    path = _calibration_file(tmp_path, "model:\n  intercept: 0\n  weights:\n    colour: {red: 1}\n")
    rule, problems = read_rule_file(path)
    assert rule is None
    assert [(p.code, p.location.line) for p in problems] == [("E102", 7)]
    assert "colour" in str(problems[0])


def test_switching_the_calibration_off_gives_the_rules_own_confidence(tmp_path, extract):
    (tmp_path / "off.yaml").write_text(
        "id: my.off\nkind: disable\ndescription: raw\nrules: [confidence.calibration]\n", encoding="utf-8"
    )
    assert extract(SAID, rules_dirs=[tmp_path]).claims[0].confidence == 0.9
    assert extract(SAID).claims[0].confidence != 0.9


def test_a_named_direct_quote_is_surer_than_a_reported_poll(extract):
    direct = extract(SAID).claims[0]
    poll = extract("A poll found that most voters oppose the plan.").claims[0]
    assert direct.confidence > 0.9 > poll.confidence
