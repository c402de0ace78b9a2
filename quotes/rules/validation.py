"""Validating one parsed rule file: its JSON Schema, every regex and token
pattern in it (a runaway pattern must be refused before it meets an article),
and the lemmas a verbs or nouns file lists twice.

This is the costly part of reading rules (most of the start-up's second, for
some 400 regexes); `reading` skips it for a file the disk cache has seen
validated. jsonschema and spaCy's Matcher are imported only when a file is
validated, so a warm start never pays for them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QuotesError
from .messages import misspelt_required, schema_problem, shown_path
from .patterns import backtracking_risk, regex_problem
from .ruleset import AUTHOR_PLACEHOLDER, RuleFile, builtin_rules_dir, strings_in
from .yamlsafe import Marks, location_of

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from spacy.vocab import Vocab


class _PatternProblem(ValueError):
    """Raised by a format check: schema errors carry the JSON path of the
    value, and a bad pattern gets its own code (E103, E104, E110)."""

    def __init__(self, code: str, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(detail)


def _check_rule_regex(pattern: object) -> bool:
    if not isinstance(pattern, str):
        return True
    problem = regex_problem(pattern.replace(AUTHOR_PLACEHOLDER, "Jane Doe"))
    if problem:
        code = "E110" if problem.startswith("catastrophic") else "E103"
        raise _PatternProblem(code, problem.split(": ", 1)[1])
    return True


def _check_token_pattern(pattern: object) -> bool:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    if not isinstance(pattern, list):
        return True
    try:
        Matcher(_blank_vocab(), validate=True).add("pattern", [pattern])
    except (MatchPatternError, ValueError, TypeError) as exc:
        raise _PatternProblem("E104", " ".join(str(exc).split())) from None
    for value in token_regexes(pattern):
        risk = backtracking_risk(value)
        if risk:
            raise _PatternProblem("E110", f"REGEX {value!r}: {risk}")
    return True


@lru_cache(maxsize=1)
def _format_checker() -> FormatChecker:
    """The schemas' own formats, built on first use: importing jsonschema
    costs a warm start more than reading every rule file."""
    from jsonschema import FormatChecker

    checker = FormatChecker()
    checker.checks("rule-regex", raises=_PatternProblem)(_check_rule_regex)
    checker.checks("token-pattern", raises=_PatternProblem)(_check_token_pattern)
    return checker


def token_regexes(pattern: list[Any]) -> list[str]:
    """Every REGEX value of a token pattern, at any depth."""
    return [value for at, value in strings_in(pattern) if at and at[-1] == "REGEX"]


def schema_problems(kind: str, data: dict[str, Any], marks: Marks, path: str) -> list[QuotesError]:
    """Every way `data` breaks its kind's schema or holds a bad pattern."""
    problems = []
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        if misspelt_required(error, errors):
            continue
        if isinstance(error.cause, _PatternProblem):
            at = tuple(error.absolute_path)
            where = location_of(marks, path, at)
            problems.append(QuotesError(error.cause.code, where, at=shown_path(at), detail=error.cause.detail))
        else:
            at, detail = schema_problem(error)
            problems.append(QuotesError("E102", location_of(marks, path, at), detail=detail))
    return problems


def _schema_path(kind: str) -> Path:
    return builtin_rules_dir() / "schemas" / f"{kind}.schema.json"


@cache
def rule_schema(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_schema_path(kind).read_text(encoding="utf-8"))
    return schema


@cache
def schema_digest(kind: str) -> str:
    """The sha256 of a kind's schema file: part of the key under which the
    disk cache remembers a validated file, so a changed schema (a new
    version's, or one edited in a checkout) validates every file again."""
    return hashlib.sha256(_schema_path(kind).read_bytes()).hexdigest()


@cache
def _validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(rule_schema(kind), format_checker=_format_checker())


def repeated_lemmas(rule: RuleFile) -> list[QuotesError]:
    """A lemma belongs to one group: listed twice, which group wins is a guess."""
    problems = []
    first_group: dict[str, str] = {}
    for g, group in enumerate(rule.data["groups"]):
        for i, lemma in enumerate(group["lemmas"]):
            if lemma in first_group:
                where = rule.location("groups", g, "lemmas", i)
                problems.append(QuotesError("E109", where, lemma=lemma, first=first_group[lemma]))
            else:
                first_group[lemma] = group["name"]
    return problems


@lru_cache(maxsize=1)
def _blank_vocab() -> Vocab:
    import spacy

    return spacy.blank("en").vocab
