"""The evidence of a claim that its calibrated confidence rests on: what its
record says about how it was found (type, rule, cue, speaker resolution,
length, negation, nesting), named as the features a model weighs. Read from
the records `quotes extract --format json` writes, so that a model is fitted
on exactly what it is later applied to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NO_NAME = "none"  # the resolution of a claim whose speaker has no name
# Upper bounds of the claim-length bins, in words; longer claims share the last.
WORD_BINS = (3, 7, 15, 30)


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
        nested=_nested(cue, others),
    )


def _nested(cue: Mapping[str, Any] | None, others: list[list[tuple[int, int]]]) -> bool:
    """Whether the cue stands inside the spans another claim reports."""
    if not cue:
        return False
    return any(start <= cue["start"] < end for spans in others for start, end in spans)


def cue_key(cue: str) -> str:
    """A cue as a weight names it: lower case, spaces run together."""
    return " ".join(cue.casefold().split())
