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

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import QuotesError
from ..records import Claim
from ..rules.yamlsafe import read_yaml_file

# The closed set of evidence a weight can be given for, as a rule file names it.
GROUPS = ("type", "rule", "resolution", "mention", "cue", "words", "negated", "nested")
NO_NAME = "none"  # the resolution of a claim whose speaker has no name
# Upper bounds of the claim-length bins, in words; longer claims share the last.
WORD_BINS = (3, 7, 15, 30)
# A cue word seen fewer times than this in the fitting data gets no weight of
# its own: its claims lean on their rule and type.
MIN_CUE_COUNT = 20
DEFAULT_STRENGTH = 1.0
RELIABILITY_BINS = 10
# The settings `choose` tries, each fitted FOLDS times without a fold of articles.
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
MIN_CUE_COUNTS = (5, 20, 50)
FOLDS = 5


@dataclass(frozen=True)
class Evidence:
    """What a claim record says about how the claim was found."""

    type: str
    rule: str
    resolution: str | None
    has_mention: bool
    cue: str | None
    words: int
    negated: bool
    # The cue stands inside what another claim reports: "X said Y
    # SUPPORTED the plan" is X's claim before it is Y's.
    nested: bool = False

    @property
    def cue_feature(self) -> str:
        return f"cue={self.cue if self.cue is not None else NO_NAME}"

    def features(self) -> list[str]:
        """The evidence as `group=value` names, the keys of a model's weights."""
        names = [
            f"type={self.type}",
            f"rule={self.rule}",
            f"resolution={self.resolution or NO_NAME}",
            f"mention={'given' if self.has_mention else 'none'}",
            self.cue_feature,
            f"words={words_bin(self.words)}",
        ]
        if self.negated:
            names.append("negated")
        if self.nested:
            names.append("nested")
        return names


def words_bin(words: int) -> str:
    low = 1
    for high in WORD_BINS:
        if words <= high:
            return f"{low}-{high}"
        low = high + 1
    return f"{low}+"


def evidence_of(records: Sequence[Mapping[str, Any]]) -> list[Evidence]:
    """The evidence of each claim record of one article, as `quotes extract
    --format json` writes them: the extractor calibrates its claims through
    the same records, so a model is fitted on what it is applied to."""
    reported = [[(s["start"], s["end"]) for s in record.get("spans") or []] for record in records]
    return [_evidence(record, reported[:i] + reported[i + 1 :]) for i, record in enumerate(records)]


def _evidence(record: Mapping[str, Any], others: list[list[tuple[int, int]]]) -> Evidence:
    speaker = record.get("speaker") or {}
    cue = record.get("cue")
    return Evidence(
        type=str(record.get("type")),
        rule=str(record.get("rule")),
        resolution=speaker.get("resolution"),
        has_mention=bool(speaker.get("mention")),
        cue=cue_key(cue["text"]) if cue else None,
        words=len(str(record.get("text", "")).split()),
        negated=bool(record.get("negated")),
        nested=bool(cue) and any(start <= cue["start"] < end for spans in others for start, end in spans),
    )


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


def cue_key(cue: str) -> str:
    """A cue as a weight names it: lower case, spaces run together."""
    return " ".join(cue.casefold().split())


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


# --- fitting --------------------------------------------------------------------


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
        outcomes += [
            (model.probability(e.evidence, e.rule_confidence), e.right) for e in examples if e.article % folds == fold
        ]
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


# --- how well it holds -------------------------------------------------------


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
    table = tuple(
        Bin(i / bins, (i + 1) / bins, int(n), conf / n, right / n)
        for i, (n, conf, right) in enumerate(sums)
        if n
    )
    error = sum(b.claims * abs(b.confidence - b.right) for b in table) / total if total else 0.0
    return Reliability(table, error)


def format_reliability(table: Reliability) -> str:
    lines = [f"{'confidence':14}{'claims':>7}{'given':>8}{'right':>8}"]
    lines += [f"  {b.low:.1f}-{b.high:.1f}{'':5}{b.claims:>7}{b.confidence:>8.3f}{b.right:>8.3f}" for b in table.bins]
    lines.append(f"  calibration error (ECE, {RELIABILITY_BINS} bins): {table.error:.3f}")
    return "\n".join(lines)
