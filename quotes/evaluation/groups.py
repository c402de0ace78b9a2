"""The mistakes of an evaluation counted by what they have in common, so
that a rule writer fixes the largest class first: misses by the gold cue,
false alarms by the rule and the cue that made them, wrong speakers by the
rule and by what kind of mention the claim gave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .speakers import is_pronoun

TOP = 10
NO_CUE = "(no cue)"
RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})


def cue_word(cue: str | None) -> str:
    """A cue as the groups count it: lower case, spaces run together."""
    return " ".join(cue.casefold().split()) if cue and cue.strip() else NO_CUE


def mention_kind(mention: str | None) -> str:
    """What kind of speaker mention a claim gave: none, a pronoun, a
    relative ("who", "which"), or a name or description."""
    if not mention or not mention.strip():
        return "no mention"
    if mention.strip().casefold() in RELATIVES:
        return "relative pronoun"
    if is_pronoun(mention):
        return "pronoun"
    return "name or description"


def most_common(values: Iterable[str], top: int = TOP) -> list[tuple[str, int]]:
    """The `top` most frequent values, ties in first-seen order."""
    return Counter(values).most_common(top)


def error_groups(
    misses: Sequence[Mapping[str, Any]],
    false_alarms: Sequence[Mapping[str, Any]],
    wrong_speakers: Sequence[Mapping[str, Any]],
    top: int = TOP,
) -> dict[str, list[tuple[str, int]]]:
    """Each kind of mistake counted by what it has in common, largest first."""
    return {
        "misses by gold cue": most_common((cue_word(m.get("cue")) for m in misses), top),
        "false alarms by rule": most_common((str(f.get("rule") or "-") for f in false_alarms), top),
        "false alarms by cue": most_common((cue_word(f.get("cue")) for f in false_alarms), top),
        "wrong speakers by rule": most_common((str(w.get("rule") or "-") for w in wrong_speakers), top),
        "wrong speakers by mention": most_common((mention_kind(w.get("mention")) for w in wrong_speakers), top),
    }


def format_groups(groups: Mapping[str, Sequence[tuple[str, int]]], totals: Mapping[str, int]) -> list[str]:
    """The groups as report lines: a heading a group, then count, share and value."""
    lines: list[str] = []
    for name, counted in groups.items():
        if not counted:
            continue
        total = totals.get(name.split(" by ")[0], 0)
        lines += ["", f"{name} (top {len(counted)} of {total}):"]
        lines += [f"  {n:>6} {n / total if total else 0:>6.1%}  {value}" for value, n in counted]
    return lines
