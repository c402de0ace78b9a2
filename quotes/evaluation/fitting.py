"""Fitting a calibration on annotated news: a logistic regression of
`right` over the claims' evidence, its settings chosen by cross-validation
over whole articles, and the rule file that holds the result
(`quotes calibrate`). scikit-learn is needed here only, and imported here
only, when a model is fitted."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import QuotesError
from ..rules.yamlsafe import read_yaml_file
from .calibration_model import Calibration, logit, to_rule_data
from .features import Evidence
from .reliability import Reliability, reliability

# A cue word seen fewer times than this in the fitting data gets no weight of
# its own: its claims lean on their rule and type.
MIN_CUE_COUNT = 20
DEFAULT_STRENGTH = 1.0
# The settings `choose` tries, each fitted FOLDS times without a fold of articles.
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
MIN_CUE_COUNTS = (5, 20, 50)
FOLDS = 5


@dataclass(frozen=True)
class Example:
    evidence: Evidence
    rule_confidence: float | None
    right: bool
    article: int = 0  # which article it comes from: folds keep an article whole


@dataclass(frozen=True)
class Choice:
    """Fitting settings and how their models did on articles they never saw."""

    strength: float
    min_cue_count: int
    log_loss: float  # inf when no fold could be held out (too few articles)
    error: float | None  # the calibration error over all held-out claims


def choose(
    examples: Sequence[Example],
    strengths: Sequence[float] = STRENGTHS,
    min_cue_counts: Sequence[int] = MIN_CUE_COUNTS,
    folds: int = FOLDS,
) -> Choice:
    """The settings whose models, each fitted without one fold of articles,
    predict the claims of that fold best (mean log loss): chosen on the
    fitting data alone, so a held-out set stays a fair check."""
    tried = [cross_validate(examples, s, m, folds) for s in strengths for m in min_cue_counts]
    best = min(tried, key=lambda choice: choice.log_loss)
    # Too few articles to hold any out: nothing to choose by.
    return best if best.error is not None else Choice(DEFAULT_STRENGTH, MIN_CUE_COUNT, math.inf, None)


def cross_validate(examples: Sequence[Example], strength: float, min_cue_count: int, folds: int = FOLDS) -> Choice:
    outcomes: list[tuple[float, bool]] = []
    for fold in range(folds):
        kept = [e for e in examples if e.article % folds != fold]
        if len({e.right for e in kept}) < 2:
            continue  # nothing to fit without this fold: too few articles
        model = fit(kept, strength, min_cue_count)
        outcomes += [(model.probability(e.evidence, e.rule_confidence), e.right) for e in examples if e.article % folds == fold]
    if not outcomes:
        return Choice(strength, min_cue_count, math.inf, None)
    loss = -sum(math.log(p if right else 1 - p) for p, right in outcomes) / len(outcomes)
    return Choice(strength, min_cue_count, loss, reliability(outcomes).error)


def fit(examples: Sequence[Example], strength: float = DEFAULT_STRENGTH, min_cue_count: int = MIN_CUE_COUNT) -> Calibration:
    """A logistic model of `right` over the examples' evidence (L2-regularised;
    `strength` is the inverse of the penalty, as scikit-learn's C)."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # pragma: no cover - depends on the environment
        raise QuotesError("E033", detail="pip install 'quotes-attribution[calibrate]'") from None
    if len({e.right for e in examples}) < 2:
        raise QuotesError("E034", detail=f"{len(examples)} claims, all {'right' if examples and examples[0].right else 'wrong'}")
    cues = Counter(e.evidence.cue for e in examples)
    rows = [_row(e, cues, min_cue_count) for e in examples]
    vectors = DictVectorizer()
    matrix = vectors.fit_transform(rows)
    model = LogisticRegression(C=strength, max_iter=5000).fit(matrix, [e.right for e in examples])
    weights = dict(zip(vectors.get_feature_names_out(), model.coef_[0], strict=True))
    prior = float(weights.pop("prior", 0.0))
    kept = {name: float(w) for name, w in weights.items() if abs(w) >= 1e-4}
    return Calibration(float(model.intercept_[0]), prior, kept)


@dataclass(frozen=True)
class Fitted:
    """A model, the settings it was fitted with, and how it holds on its own claims."""

    model: Calibration
    choice: Choice
    reliability: Reliability
    examples: Sequence[Example]

    def provenance(self, data: str, articles: int, strength: float | None = None) -> dict[str, Any]:
        """What a rule file records of where its weights come from."""
        claims = len(self.examples)
        fitted: dict[str, Any] = {
            "data": data,
            "articles": articles,
            "claims": claims,
            "right": round(sum(e.right for e in self.examples) / claims, 4),
            "strength": self.choice.strength,
            "min_cue_count": self.choice.min_cue_count,
            "calibration_error": round(self.reliability.error, 4),
            "command": f"quotes calibrate {data}" + (f" --strength {strength:g}" if strength else ""),
        }
        if self.choice.error is not None:
            # Each article's claims scored by a model fitted without it.
            fitted["cross_validated_error"] = round(self.choice.error, 4)
        return fitted


def fit_chosen(examples: Sequence[Example], strength: float | None = None) -> Fitted:
    """A model fitted on all the examples with the settings `choose` picks,
    or with `strength` (and MIN_CUE_COUNT) when the caller names one."""
    if strength is None:
        choice = choose(examples)
    else:
        choice = cross_validate(examples, strength, MIN_CUE_COUNT)
    model = fit(examples, choice.strength, choice.min_cue_count)
    given = ((model.probability(e.evidence, e.rule_confidence), e.right) for e in examples)
    return Fitted(model, choice, reliability(given), examples)


def _row(example: Example, cues: Counter, min_cue_count: int) -> dict[str, float]:
    row = {name: 1.0 for name in example.evidence.features()}
    if cues[example.evidence.cue] < min_cue_count:
        del row[example.evidence.cue_feature]
    if example.rule_confidence is not None:
        row["prior"] = logit(example.rule_confidence)
    return row


def rule_file_text(
    calibration: Calibration, fitted: Mapping[str, Any], rule_id: str, tests: Sequence[Mapping[str, Any]] = ()
) -> str:
    """A `calibration` rule file holding the model, with where it came from."""
    data: dict[str, Any] = {
        "id": rule_id,
        "kind": "calibration",
        "description": (
            "Turns the evidence a claim carries into its confidence, the chance that it is a real "
            "attribution. Fitted by `quotes calibrate`; edit by refitting, not by hand."
        ),
        "fitted": dict(fitted),
        "model": to_rule_data(calibration),
    }
    if tests:
        data["tests"] = [dict(t) for t in tests]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return "# yaml-language-server: $schema=../schemas/calibration.schema.json\n" + body


def refitted_file(path: str | None) -> tuple[str, list[dict[str, Any]]]:
    """The id and inline tests a calibration file written to `path` takes:
    those of the calibration file there, which it replaces; else an id named
    after its folder and file ("confidence.calibration"), and no tests."""
    if path is None:
        return "local.calibration", []
    try:
        data = read_yaml_file(Path(path), path)[0]
    except QuotesError:
        data = None
    if isinstance(data, Mapping) and data.get("kind") == "calibration" and isinstance(data.get("id"), str):
        return data["id"], list(data.get("tests", []))
    where = Path(path).resolve()
    words = [re.sub(r"[^a-z0-9_-]+", "-", part.casefold()).strip("-") for part in (where.parent.name, where.stem)]
    return ".".join(w for w in words if w) or "local.calibration", []
