"""Reading one rule file: parsed safely (or recalled parsed, see `parsed`),
then validated unless the disk cache of validated files already holds its
exact bytes (see `validated`).

Every problem of the file is returned with its file:line:col, so one
`quotes rules check` run shows them all; a broken file yields problems and
no RuleFile.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, QuotesError
from . import parsed, validated
from .messages import unknown_kind
from .parts import part_names
from .ruleset import RULE_KINDS, RuleFile
from .validation import repeated_lemmas, schema_digest, schema_problems
from .yamlsafe import load_yaml_bytes, location_of, read_file_bytes


def read_rule_file(path: Path) -> tuple[RuleFile | None, list[QuotesError]]:
    """Load and validate one file; a broken file yields problems, not a rule."""
    shown = str(path)
    try:
        raw = read_file_bytes(path, shown)
        kept = parsed.recalled(raw)
        data, marks, problems = (*kept, []) if kept is not None else load_yaml_bytes(raw, shown)
    except QuotesError as exc:
        return None, [exc]
    if not isinstance(data, dict):
        return None, [QuotesError("E102", Location(shown, 1, 1), detail="a rule file is a mapping with id, kind and description")]
    kind = data.get("kind")
    if kind not in RULE_KINDS:
        where = location_of(marks, shown, ("kind",))
        return None, [*problems, QuotesError("E107", where, detail=unknown_kind(kind, RULE_KINDS))]
    key = validated.file_key(raw, kind, schema_digest(kind))
    if not problems and validated.was_validated(key):
        if kept is None:
            parsed.keep(raw, data, marks)
        return RuleFile(id=data["id"], kind=kind, path=shown, data=data, marks=marks), []
    problems += schema_problems(kind, data, marks, shown)
    if not problems and kind in {"reporting_verbs", "reporting_nouns"}:
        problems += repeated_lemmas(RuleFile(data["id"], kind, shown, data, marks))
    if problems:
        return None, problems
    rule = RuleFile(id=data["id"], kind=kind, path=shown, data=data, marks=marks)
    problems = _unknown_test_parts(rule)
    if problems:
        return None, problems
    validated.remember(key)
    parsed.keep(raw, data, marks)
    return rule, []


def _unknown_test_parts(rule: RuleFile) -> list[QuotesError]:
    """A test's `part` must name a part of its own file, or switching that
    part off would skip nothing."""
    parts = part_names(rule)
    problems = []
    for i, test in enumerate(rule.tests):
        if "part" in test and test["part"] not in parts:
            known = ", ".join(sorted(parts)) or "none: a test of this kind of file names no part"
            problems.append(QuotesError("E115", rule.location("tests", i, "part"), part=test["part"], parts=known))
    return problems
