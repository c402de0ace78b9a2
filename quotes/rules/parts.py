"""The named parts of a rule file: the groups, phrases and lines that a
`disable` file may switch off one by one and that an inline test may name."""

from __future__ import annotations

import copy
from typing import Any

from .ruleset import COLON_CUE, RuleFile

# The named parts of a rule file that `disable` can switch off one by one, as
# FILE-ID#NAME (the form a claim's `rule` field takes): where the list of parts
# stands in the file, and the key that names each part.
_PARTS: dict[str, tuple[tuple[str, ...], str]] = {
    "reporting_verbs": (("groups",), "name"),
    "reporting_nouns": (("groups",), "name"),
    "indirect_quote": (("phrases",), "name"),
    "boilerplate": (("lines",), "label"),
    "outlet": (("outlet", "boilerplate"), "label"),
}


def _part_holder(data: dict[str, Any], kind: str) -> tuple[dict[str, Any], str, str]:
    """The mapping that holds a kind's list of parts, the list's key, and the
    key that names each part."""
    path, name_key = _PARTS[kind]
    holder = data
    for step in path[:-1]:
        holder = holder.get(step, {})
    return holder, path[-1], name_key


# Parts that are one key of a file rather than an entry of a list: part name -> key.
_KEYED_PARTS: dict[str, dict[str, str]] = {"direct_quote": {COLON_CUE: "colon_cue"}}


def parts_of(rule: RuleFile) -> list[tuple[str, dict[str, Any]]]:
    """The named parts of a file in the order it writes them: (name, part)."""
    parts = []
    if rule.kind in _PARTS:
        holder, key, name_key = _part_holder(rule.data, rule.kind)
        parts = [(part[name_key], part) for part in holder.get(key, [])]
    keyed = [(name, rule.data[key]) for name, key in _KEYED_PARTS.get(rule.kind, {}).items() if key in rule.data]
    return parts + keyed


def part_names(rule: RuleFile) -> set[str]:
    return {name for name, _ in parts_of(rule)}


def without_parts(rule: RuleFile, names: set[str]) -> RuleFile:
    """A copy of `rule` without the named parts (the original stays whole:
    `rules list` and the inline tests still see every part)."""
    data = copy.deepcopy(rule.data)
    for name, key in _KEYED_PARTS.get(rule.kind, {}).items():
        if name in names:
            data.pop(key, None)
    if rule.kind in _PARTS:
        holder, key, name_key = _part_holder(data, rule.kind)
        holder[key] = [part for part in holder.get(key, []) if part[name_key] not in names]
    return RuleFile(rule.id, rule.kind, rule.path, data, rule.marks)
