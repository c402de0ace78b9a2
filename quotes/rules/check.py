"""`quotes rules check`: every problem of the layered rule folders, the
patterns the check cannot vouch for, and one summary line.

Problems (E1xx) stop the rules from loading; warnings (W1xx) do not: a
pattern the shape check cannot prove safe may well be fast, and the time
limit on every match still bounds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import regex
from jsonschema import Draft202012Validator, FormatChecker

from ..attribution.outlets import FIELD_GROUPS, VALUE_GROUP
from ..errors import QuotesError
from .layering import RulesCheck, inspect_rules
from .messages import shown_path
from .patterns import MATCH_TIMEOUT_SECONDS, unproven_risk
from .ruleset import AUTHOR_PLACEHOLDER, RuleFile
from .validation import rule_schema, token_regexes


@dataclass(frozen=True)
class RulesReport:
    check: RulesCheck

    @cached_property
    def warnings(self) -> list[QuotesError]:
        """Asked for by `rules check` alone: it validates every file once more."""
        return [w for rule in self.check.files for w in [*pattern_warnings(rule), *field_group_warnings(rule)]]

    @property
    def ok(self) -> bool:
        return not self.check.problems

    def summary(self) -> str:
        """One line: files checked, files with problems, problems, warnings."""
        check = self.check
        line = f"{_count(check.checked, 'rule file')} checked"
        if check.problems:
            line += f", {check.files_with_problems} with problems: {_count(len(check.problems), 'problem')}"
        else:
            line += ": no problems"
        if self.warnings:
            line += f"; {_count(len(self.warnings), 'warning')}"
        return line


def check_folders(extra_dirs: list[str | Path] | None = None) -> RulesReport:
    return RulesReport(inspect_rules(extra_dirs))


def field_group_warnings(rule: RuleFile) -> list[QuotesError]:
    """W111 for a field pattern whose named groups include none the field
    reads: `(?P<name>...)` for `(?P<value>...)` makes the whole match the field."""
    if rule.kind != "outlet":
        return []
    warnings = []
    for field_name, pattern in rule.data["outlet"].get("fields", {}).items():
        wanted = FIELD_GROUPS.get(field_name, (VALUE_GROUP,))
        named = list(regex.compile(pattern.replace(AUTHOR_PLACEHOLDER, "Jane Doe")).groupindex)
        if named and not set(named) & set(wanted):
            warnings.append(
                QuotesError(
                    "W111",
                    rule.location("outlet", "fields", field_name),
                    field=field_name,
                    named=", ".join(named),
                    wanted=" or ".join(wanted),
                )
            )
    return warnings


class _Unproven(ValueError):
    pass


_UNPROVEN = FormatChecker()


@_UNPROVEN.checks("rule-regex", raises=_Unproven)
def _proven_regex(pattern: object) -> bool:
    if isinstance(pattern, str):
        risk = unproven_risk(pattern.replace(AUTHOR_PLACEHOLDER, "Jane Doe"))
        if risk:
            raise _Unproven(risk)
    return True


@_UNPROVEN.checks("token-pattern", raises=_Unproven)
def _proven_token_pattern(pattern: object) -> bool:
    if not isinstance(pattern, list):
        return True
    for value in token_regexes(pattern):
        risk = unproven_risk(value)
        if risk:
            raise _Unproven(f"REGEX {value!r}: {risk}")
    return True


@cache
def _unproven_validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(rule_schema(kind), format_checker=_UNPROVEN)


def pattern_warnings(rule: RuleFile) -> list[QuotesError]:
    """W110 for each pattern of a valid file that the shape check cannot vouch for."""
    return [
        QuotesError(
            "W110",
            rule.location(*error.absolute_path),
            at=shown_path(tuple(error.absolute_path)),
            detail=str(error.cause),
            seconds=MATCH_TIMEOUT_SECONDS,
        )
        for error in _unproven_validator(rule.kind).iter_errors(rule.data)
        if isinstance(error.cause, _Unproven)
    ]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
