"""Running the tests written inside rule files (`tests:` entries).

A rule file carries its own examples, so whoever edits a rule sees at once
what it was meant to catch and what it must leave alone:

- `match` + `expect`: every expected claim is found, each by a different
  claim of the output, with every field it names equal (see CLAIM_FIELDS);
  `expect: []` says the text yields no claim at all (boilerplate, say).
- `match` + `article`: the article fields it names are equal.
- `match` alone: an outlet profile recognises the text; any other rule
  yields at least one claim. (A test that cannot fail tests nothing.)
- `no_match`: an outlet profile does not claim the text; any other rule
  yields no claim at all.
- `todo`: a known gap. The test runs and is reported, but does not fail; once
  it passes, the report asks for the `todo` to be removed.

The field semantics live here once (CLAIM_FIELDS, claim_matches,
unmatched_claims, article_mismatches) because the acceptance tests judge the
extractor by the same rules as the rule files do.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..records import Article, Claim, Extraction
from .layering import switched_off
from .ruleset import RuleFile

Status = Literal["passed", "failed", "todo-failing", "todo-passing", "skipped"]

# Marks a claim's text may open with; `starts` is written without them.
_OPENING_MARKS = "\"'“”„‟«»‘’‚‛‹›"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class RuleTestResult:
    rule: str
    path: str
    line: int | None
    status: Status
    message: str = ""

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


def _opening(text: str) -> str:
    """Text as `starts` is written: no leading marks, spaces run together."""
    return _SPACE.sub(" ", text.lstrip(_OPENING_MARKS + " \t\r\n\u00a0"))


def _same(expected: Any, actual: Any) -> bool:
    return expected == actual


def _same_casefolded(expected: Any, actual: Any) -> bool:
    # Roles and affiliations are written in running text with any case
    # ("Defence Minister", "defence minister"); the words are what count.
    if expected is None or actual is None:
        return expected is actual
    return str(expected).casefold() == str(actual).casefold()


def _same_rule(expected: Any, actual: Any) -> bool:
    # A claim names its rule as FILE-ID#PART ("cues.reporting-verbs#speech");
    # a test may name just the file.
    return actual == expected or str(actual).startswith(f"{expected}#")


def _starts(expected: Any, actual: Any) -> bool:
    return _opening(actual).startswith(_opening(str(expected)))


class ClaimField(NamedTuple):
    get: Callable[[Claim], Any]
    same: Callable[[Any, Any], bool]


CLAIM_FIELDS: dict[str, ClaimField] = {
    "type": ClaimField(lambda c: c.type, _same),
    "speaker": ClaimField(lambda c: c.speaker.name, _same),
    "mention": ClaimField(lambda c: c.speaker.mention.text if c.speaker.mention else None, _same),
    "resolution": ClaimField(lambda c: c.speaker.resolution, _same),
    "role": ClaimField(lambda c: c.speaker.role, _same_casefolded),
    "affiliation": ClaimField(lambda c: c.speaker.affiliation, _same_casefolded),
    "cue": ClaimField(lambda c: c.cue.text if c.cue else None, _same),
    "via": ClaimField(lambda c: c.source.via, _same),
    "starts": ClaimField(lambda c: c.text, _starts),
    "rule": ClaimField(lambda c: c.rule, _same_rule),
    "confidence_at_least": ClaimField(lambda c: c.confidence, lambda expected, actual: actual >= expected),
    "confidence_below": ClaimField(lambda c: c.confidence, lambda expected, actual: actual < expected),
}
ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))


def field_mismatches(expected: Mapping[str, Any], claim: Claim) -> list[str]:
    """The fields of `expected` that `claim` gets wrong.

    An unknown field is an error, not a pass: a typo in a test must not make
    the test vacuous.
    """
    unknown = set(expected) - set(CLAIM_FIELDS)
    if unknown:
        raise KeyError(f"unknown claim field(s) {sorted(unknown)}; known: {sorted(CLAIM_FIELDS)}")
    return [name for name, value in expected.items() if not CLAIM_FIELDS[name].same(value, CLAIM_FIELDS[name].get(claim))]


def claim_matches(expected: Mapping[str, Any], claim: Claim) -> bool:
    """Whether `claim` has every field `expected` names, as CLAIM_FIELDS compares them."""
    return not field_mismatches(expected, claim)


def unmatched_claims(expected: Sequence[Mapping[str, Any]], claims: Sequence[Claim]) -> list[Mapping[str, Any]]:
    """Expected claims that find no claim of their own.

    A maximum bipartite matching (augmenting paths), not first-fit: a loose
    expectation must not take the one claim a stricter one needs.
    """
    fits = [[j for j, claim in enumerate(claims) if claim_matches(e, claim)] for e in expected]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return [e for i, e in enumerate(expected) if not place(i, set())]


def article_mismatches(expected: Mapping[str, Any], article: Article) -> list[str]:
    """One message per article field that differs; null must be null."""
    unknown = set(expected) - set(ARTICLE_FIELDS)
    if unknown:
        raise KeyError(f"unknown article field(s) {sorted(unknown)}; known: {list(ARTICLE_FIELDS)}")
    problems = []
    for name, value in expected.items():
        # Plain YAML reads an unquoted 2018-04-02 as a date; the record holds text.
        if isinstance(value, datetime.date):
            value = value.isoformat()
        actual = getattr(article, name)
        if value != actual:
            problems.append(f"article {name}: expected {value!r}, got {actual!r}")
    return problems


def describe_claim(claim: Claim) -> str:
    who = claim.speaker.name or (claim.speaker.mention.text if claim.speaker.mention else None)
    text = _opening(claim.text)
    return f"{claim.id} {claim.type} by {who!r}: {text[:50]!r}"


def missing_claim_message(expected: Mapping[str, Any], claims: Sequence[Claim]) -> str:
    wanted = ", ".join(f"{k}={v!r}" for k, v in expected.items())
    if not claims:
        return f"no claim {{{wanted}}}: the text yields no claims"
    nearest = min(claims, key=lambda c: len(field_mismatches(expected, c)))
    diffs = ", ".join(f"{name}={CLAIM_FIELDS[name].get(nearest)!r}" for name in field_mismatches(expected, nearest))
    return f"no claim {{{wanted}}}; nearest is {describe_claim(nearest)}, with {diffs}"


def check_test(rule: RuleFile, test: Mapping[str, Any], extraction: Extraction) -> str | None:
    """Why `extraction` fails the rule test `test`, or None when it passes."""
    is_outlet = rule.kind == "outlet"
    profile = rule.data["outlet"]["name"] if is_outlet else None
    claims = extraction.claims
    if "no_match" in test:
        if is_outlet:
            if extraction.article.outlet == profile:
                return f"the text was taken for {profile!r}"
            return None
        if claims:
            return "expected no claim, got " + "; ".join(describe_claim(c) for c in claims)
        return None
    problems: list[str] = []
    if "article" in test:
        problems += article_mismatches(test["article"], extraction.article)
    if test.get("expect") == [] and claims:
        problems.append("expected no claim, got " + "; ".join(describe_claim(c) for c in claims))
    elif "expect" in test:
        problems += [missing_claim_message(e, claims) for e in unmatched_claims(test["expect"], claims)]
    if "article" not in test and "expect" not in test:
        if is_outlet and extraction.article.outlet != profile:
            problems.append(f"expected outlet {profile!r}, got {extraction.article.outlet!r}")
        if not is_outlet and not claims:
            problems.append("expected a claim, got none")
    return "; ".join(problems) or None


def _status(failure: str | None, todo: str | None) -> tuple[Status, str]:
    if todo is None:
        return ("failed", failure) if failure else ("passed", "")
    if failure:
        return "todo-failing", f"{failure} (todo: {todo})"
    return "todo-passing", f"todo passing (remove the todo): {todo}"


def run_rule_tests(
    files: Sequence[RuleFile],
    rules_dirs: Sequence[str | Path] = (),
    *,
    model: str | None = None,
) -> list[RuleTestResult]:
    """Run every test of every file, with the rules of `rules_dirs` loaded.

    A test of a file a `disable` rule switches off, of a part switched off
    (its `part:`), or expecting a claim of a rule switched off (`rule:`), is
    skipped: it describes behaviour the user chose not to have.
    """
    # Imported here: listing a file's tests (`quotes rules list`) needs no spaCy.
    from .. import api

    results = []
    off = switched_off(list(files))
    for rule in files:
        parts_off = {t.partition("#")[2]: by for t, by in off.items() if t.startswith(f"{rule.id}#")}
        for i, test in enumerate(rule.tests):
            line = rule.location("tests", i).line
            why_skipped = _why_skipped(rule, test, off, parts_off)
            if why_skipped:
                results.append(RuleTestResult(rule.id, rule.path, line, "skipped", why_skipped))
                continue
            text = test["match"] if "match" in test else test["no_match"]
            # Through the module attribute, so a wrapper installed on
            # quotes.api.extract (as the test suite does) sees every call.
            extraction = api.extract(text, test.get("outlet"), model=model, rules_dirs=rules_dirs)
            failure = check_test(rule, test, extraction)
            if failure and parts_off:
                failure += "; " + _parts_off_hint(parts_off)
            status, message = _status(failure, test.get("todo"))
            results.append(RuleTestResult(rule.id, rule.path, line, status, message))
    return results


def parts_of_test(rule: RuleFile, test: Mapping[str, Any]) -> set[str]:
    """The parts of its file a test is about: its `part`, and those its
    expected claims name (`rule: FILE-ID#PART`)."""
    prefix = f"{rule.id}#"
    parts = {r[len(prefix) :] for r in _expected_rules(test) if r.startswith(prefix)}
    return parts | {test["part"]} if "part" in test else parts


def _why_skipped(rule: RuleFile, test: Mapping[str, Any], off: Mapping[str, str], parts_off: Mapping[str, str]) -> str:
    if rule.id in off:
        return f"switched off by {off[rule.id]}"
    for part in sorted(parts_of_test(rule, test)):
        if part in parts_off:
            return f"its part {rule.id}#{part} is switched off by {parts_off[part]}"
    # An expected claim of another file's rule ("rule: cues.cue-phrases#according-to").
    for named in sorted(_expected_rules(test)):
        for target in (named, named.partition("#")[0]):
            if target in off:
                return f"the rule it expects, {named}, is switched off by {off[target]}"
    return ""


def _expected_rules(test: Mapping[str, Any]) -> set[str]:
    return {str(e["rule"]) for e in test.get("expect", []) if "rule" in e}


def _parts_off_hint(parts_off: Mapping[str, str]) -> str:
    listed = ", ".join(f"{part} (by {by})" for part, by in sorted(parts_off.items()))
    return f"parts of this file are switched off: {listed}; if the test is about one of them, say so with `part:`"
