"""`quotes eval` and `quotes calibrate`: extraction judged against annotated
articles, on a saved run (--pred: spaCy is never loaded) or a fresh one."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats.ingest import STDIN
from .output import EXIT_OK, failed_articles, write, write_file

if TYPE_CHECKING:
    from ..evaluation.evaluate import GoldArticle


def _gold_and_records(args: argparse.Namespace) -> tuple[list[GoldArticle], list[Mapping[str, Any]]]:
    """The gold articles and the records to judge: a saved run, or a fresh one."""
    from ..evaluation import evaluate

    gold = evaluate.load_gold(args.gold)
    if args.pred:
        return gold, list(evaluate.load_predictions(args.pred))
    from ..corpus import engine, sources

    tasks = sources.tasks_from_lines(evaluate.corpus_lines(gold))
    return gold, list(engine.run_local(tasks, model=args.model, rules_dirs=args.rules, workers=engine.default_workers()))


def run_eval(args: argparse.Namespace) -> int:
    from ..evaluation import evaluate, speaker_identity

    gold, records = _gold_and_records(args)
    scores = evaluate.score(gold, records, errors=args.errors)
    identity = None
    if args.speakers:
        identity = speaker_identity.score_identity(
            gold, records, speaker_identity.load_referents(args.speakers), errors=args.errors
        )
    if args.json:
        report = scores.to_dict()
        if identity is not None:
            report["speaker_identity"] = identity.to_dict()
        write(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        write(evaluate.format_report(scores))
        if identity is not None:
            write("\n" + speaker_identity.format_identity(identity))
    return failed_articles(len(scores.failed), scores.articles, "and were scored as having no claims")


def run_calibrate(args: argparse.Namespace) -> int:
    from ..evaluation import calibration, evaluate
    from ..rules.merging import load_rules

    gold, records = _gold_and_records(args)
    rules = load_rules(args.rules)
    examples = evaluate.calibration_examples(gold, records, rules.rule_confidences)
    fitted = calibration.fit_chosen(examples, args.strength)
    provenance = fitted.provenance(Path(args.gold).name, len(gold), args.strength)
    to_file = args.output not in (None, STDIN)
    rule_id, tests = calibration.refitted_file(args.output if to_file else None)
    text = calibration.rule_file_text(fitted.model, provenance, rule_id, tests)
    choice = fitted.choice
    if to_file:
        write_file(Path(args.output), text)
    else:
        write(text)
    sys.stderr.write(
        f"fitted on {len(examples)} claims of {len(gold)} articles (strength {choice.strength:g}, cues seen"
        f" {choice.min_cue_count}+ times); calibration error on articles left out: {_number(choice.error)}; on all:\n"
    )
    sys.stderr.write(calibration.format_reliability(fitted.reliability) + "\n")
    return EXIT_OK


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
