"""Layering the rule folders: every file of every folder read, an id used
twice refused, and the `disable` files checked and applied, so that a user's
folder can switch built-in rules off as well as add its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import QuotesError
from .folders import rule_dirs, rule_paths
from .parts import part_names, without_parts
from .reading import read_rule_file
from .ruleset import RuleFile


@dataclass(frozen=True)
class RulesCheck:
    """What checking the layered rule folders found: the valid files, every
    problem, and how many files were read."""

    files: list[RuleFile]
    problems: list[QuotesError]
    checked: int

    @property
    def files_with_problems(self) -> int:
        return len({p.location.path for p in self.problems if p.location is not None})


def check_rules(extra_dirs: list[str | Path] | None = None) -> tuple[list[RuleFile], list[QuotesError]]:
    """Every valid rule file and every problem across the layered folders."""
    report = inspect_rules(extra_dirs)
    return report.files, report.problems


def inspect_rules(extra_dirs: list[str | Path] | None = None) -> RulesCheck:
    """Read every folder in layer order: a missing folder, a broken file, an
    id a later folder uses again and a `disable` entry that names nothing are
    all problems, collected rather than raised."""
    files: list[RuleFile] = []
    problems: list[QuotesError] = []
    first_seen: dict[str, RuleFile] = {}
    checked = 0
    for directory in rule_dirs(extra_dirs):
        try:
            paths = rule_paths(directory)
        except QuotesError as exc:
            problems.append(exc)
            continue
        for path in paths:
            if path.parent.name == "schemas":
                continue
            checked += 1
            rule, file_problems = read_rule_file(path)
            problems += file_problems
            if rule is None:
                continue
            if rule.id in first_seen:
                problems.append(QuotesError("E105", rule.location("id"), rule_id=rule.id, first=first_seen[rule.id].path))
                continue
            first_seen[rule.id] = rule
            files.append(rule)
    problems += _switched_off_problems(files)
    return RulesCheck(files, problems, checked)


def switched_off(files: list[RuleFile]) -> dict[str, str]:
    """What the `disable` files switch off (FILE-ID for a whole file,
    FILE-ID#PART for one part), each with the id of the `disable` file."""
    return {target: rule.id for rule in files if rule.kind == "disable" for target in rule.data["rules"]}


def _switched_off_problems(files: list[RuleFile]) -> list[QuotesError]:
    """A `disable` entry must name a rule or part that exists: a typo would
    otherwise leave the rule on without a word."""
    by_id = {rule.id: rule for rule in files}
    problems = []
    for rule in files:
        if rule.kind != "disable":
            continue
        for i, target in enumerate(rule.data["rules"]):
            file_id, _, part = target.partition("#")
            found = by_id.get(file_id)
            if found is None:
                problems.append(QuotesError("E111", rule.location("rules", i), rule_id=target, detail=""))
            elif part and part not in part_names(found):
                known = ", ".join(sorted(part_names(found))) or "none"
                detail = f": {file_id} has no part '{part}' (its parts: {known})"
                problems.append(QuotesError("E111", rule.location("rules", i), rule_id=target, detail=detail))
    return problems


def switch_off(files: list[RuleFile]) -> list[RuleFile]:
    """The files and parts left on once every `disable` file has been applied."""
    off = {target for rule in files if rule.kind == "disable" for target in rule.data["rules"]}
    kept = []
    for rule in files:
        if rule.id in off:
            continue
        parts_off = {t.partition("#")[2] for t in off if t.startswith(f"{rule.id}#")}
        if parts_off:
            rule = without_parts(rule, parts_off)
        kept.append(rule)
    return kept
