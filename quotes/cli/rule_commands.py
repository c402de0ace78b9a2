"""`quotes rules check|test|list|schemas|mine`: the rule files validated,
their inline tests run, listed, their JSON Schemas copied for editors, and
cue words mined from annotated articles for them. Only `rules test` and
`rules mine` load spaCy (both extract)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .output import EXIT_FAILED, EXIT_OK, error, one_line, write

if TYPE_CHECKING:
    from ..rules.inline_tests import RuleTestResult


def run_rules_check(args: argparse.Namespace) -> int:
    from ..rules.check import check_folders

    report = check_folders(args.dirs)
    for problem in [*report.check.problems, *report.warnings]:
        write(one_line(str(problem)))
    write(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def run_rules_test(args: argparse.Namespace) -> int:
    from ..rules.check import check_folders
    from ..rules.inline_tests import run_rule_tests

    report = check_folders(args.dirs)
    if not report.ok:
        for problem in report.check.problems:
            write(one_line(str(problem)))
        write(f"{report.summary()}: fix them before testing")
        return EXIT_FAILED
    results = run_rule_tests(report.check.files, args.dirs, model=args.model)
    for result in results:
        if args.verbose or result.status not in {"passed", "skipped"}:
            write(report_line(result))
    write(summary_line(results))
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def run_rules_list(args: argparse.Namespace) -> int:
    from ..rules import listing
    from ..rules.check import check_folders

    report = check_folders(args.dirs)
    for line in listing.listing(report.check.files, args.kind):
        write(line)
    for problem in report.check.problems:
        error(str(problem))
    return EXIT_OK if report.ok else EXIT_FAILED


def run_rules_schemas(args: argparse.Namespace) -> int:
    from ..rules.folders import copy_schemas

    for path in copy_schemas(Path(args.dir)):
        write(str(path))
    return EXIT_OK


def report_line(result: RuleTestResult) -> str:
    """`FAILED path:line rule-id: why`, the file:line first so editors jump to it."""
    label = {
        "passed": "PASSED",
        "failed": "FAILED",
        "todo-failing": "TODO",
        "todo-passing": "TODO PASSING",
        "skipped": "SKIPPED",
    }[result.status]
    because = f": {result.message}" if result.message else ""
    return one_line(f"{label} {result.where} {result.rule}{because}")


def summary_line(results: Sequence[RuleTestResult]) -> str:
    passed = sum(r.status == "passed" for r in results)
    failed = sum(r.status == "failed" for r in results)
    todo = sum(r.status.startswith("todo") for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    return (
        f"{passed} passed, {failed} failed"
        + (f", {todo} todo" if todo else "")
        + (f", {skipped} skipped (switched off)" if skipped else "")
    )


def run_rules_mine(args: argparse.Namespace) -> int:
    from tqdm import tqdm  # type: ignore[import-untyped]

    from ..evaluation import mining
    from ..evaluation.gold import load_gold
    from ..rules.cache import load_rules_cached

    gold = load_gold(args.gold)
    shown = tqdm(gold, desc="mining", unit=" articles", file=sys.stderr, disable=not sys.stderr.isatty())
    extracted = (mining.extracted_article(article, model=args.model, rules_dirs=args.rules) for article in shown)
    # The rules the extractor read, not a second reading of the files.
    mined = mining.mine_cues(extracted, load_rules_cached(args.rules))
    words = mining.candidates(mined, args.min_share, args.min_cues, args.listed)
    if args.json:
        write(json.dumps(mined.to_dict(words), ensure_ascii=False, indent=2))
    else:
        write("\n".join(mining.format_mining(mined, words, args.top)))
    return EXIT_OK
