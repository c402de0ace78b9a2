"""`quotes rules list`: every rule file and every part an editor can switch
off or name in a test, each with the gist of what it matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .inline_tests import parts_of_test
from .parts import parts_of
from .ruleset import COLON_CUE, RuleFile

# Past this many characters a gist, or a file's description, is cut short.
_GIST = 70
_SENTENCE = 160


def listing(files: Sequence[RuleFile], kind: str | None = None) -> list[str]:
    """Lines naming each file (id, kind, path, description) and each of its
    parts (FILE-ID#PART, what it matches, how many tests are about it)."""
    lines = []
    for rule in files:
        if kind is not None and rule.kind != kind:
            continue
        lines.append(f"{rule.id}  ({rule.kind}, {rule.path})")
        lines.append(f"    {_first_sentence(str(rule.data.get('description', '')))}")
        tested = [part for test in rule.tests for part in parts_of_test(rule, test)]
        for name, part in parts_of(rule):
            count = tested.count(name)
            tests = f"; {count} test{'' if count == 1 else 's'}" if count else ""
            lines.append(f"  {rule.id}#{name}: {_cut(_gist(rule, name, part))}{tests}")
    return lines


def _gist(rule: RuleFile, name: str, part: dict[str, Any]) -> str:
    if name == COLON_CUE and rule.kind == "direct_quote":
        return "a quote a colon introduces (SOURCE verb: “…”), said by the subject before the colon"
    if "lemmas" in part:
        lemmas = part["lemmas"]
        return f"lemmas {', '.join(lemmas[:6])}{', ...' if len(lemmas) > 6 else ''} ({len(lemmas)})"
    if "pattern" in part and isinstance(part["pattern"], list):
        return "words: " + " ".join(_token_words(token) for token in part["pattern"])
    return f"pattern {part.get('pattern', '')!r}"


def _token_words(token: dict[str, Any]) -> str:
    """A token pattern's words as an editor reads them: `according`, `said|told`, `<VERB>`."""
    for key in ("LOWER", "ORTH", "TEXT", "LEMMA", "NORM"):
        value = token.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and "IN" in value:
            choices = [str(v) for v in value["IN"]]
            return "|".join(choices[:3]) + ("|..." if len(choices) > 3 else "")
    for key in ("POS", "ENT_TYPE", "TAG"):
        if isinstance(token.get(key), str):
            return f"<{token[key]}>"
    return "<token>"


def _first_sentence(text: str) -> str:
    words = " ".join(text.split())
    end = words.find(". ")
    return _cut(words if end < 0 else words[: end + 1], _SENTENCE)


def _cut(text: str, limit: int = _GIST) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
