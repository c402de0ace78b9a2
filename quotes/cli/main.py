"""The command line: thin wrappers over read_source, extract and the rules.

    quotes extract PATH|URL [--format yaml|json|claimreview] [--outlet NAME] [--encoding NAME] [--min-confidence P]
                [--model NAME] [--rules DIR]...
    quotes corpus IN... [-o OUT.jsonl | -o OUT/] [--resume] [--workers N] [--batch-size N] [--batch-chars N] [--min-confidence P]
                [--fail-fast] [--engine local|ray] [--address ADDR] [--verbose] [--encoding NAME] [--model NAME] [--rules DIR]...
    quotes render PATH [-o OUT.html] [--outlet NAME|URL] [--encoding NAME] [--model NAME] [--rules DIR]...
    quotes explain PATH [--match TEXT] [--json] [--outlet NAME|URL] [--encoding NAME] [--model NAME] [--rules DIR]...
    quotes eval GOLD.jsonl [--pred OUT.jsonl] [--speakers SPEAKERS.jsonl] [--errors N] [--json]
                [--model NAME] [--rules DIR]...
    quotes calibrate GOLD.jsonl [--pred OUT.jsonl] [-o FILE.yaml] [--strength C] [--model NAME] [--rules DIR]...
    quotes rules check [DIR ...]
    quotes rules test [DIR ...] [-v]
    quotes rules list [DIR ...] [--kind KIND]
    quotes rules schemas DIR

Exit codes: 0 fine; 1 the rules have problems or their tests fail, or some
articles of a corpus could not be extracted (their records carry the error;
E032, a worker process that died on them, is redone by --resume); 2 the
command could not run (bad input, missing model, broken rules: one line per
problem on stderr, each with its error code; E035: --fail-fast met a bug);
130 interrupted. An unexpected error, a bug rather than bad data, is logged
on stderr with its traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import api
from ..attribution.outlets import MarkedLine
from ..corpus import engine, jobs, sources
from ..corpus.job import ENGINES
from ..corpus.output import RETRIED_CODES
from ..corpus.progress import PieceProgress, Progress, count_tasks, log_to_stderr
from ..errors import QuotesError
from ..evaluation import calibration, evaluate, speaker_identity
from ..formats import explain
from ..formats.emit import FORMATS
from ..formats.ingest import STDIN, STDIN_NAME, Decoded, load_source
from ..formats.render import render_report
from ..formats.webpage import Page
from ..pipeline import blas
from ..records import Extraction
from ..rules import listing as rule_list
from ..rules.check import check_folders
from ..rules.folders import copy_schemas
from ..rules.inline_tests import RuleTestResult, run_rule_tests
from ..rules.merging import load_rules
from ..rules.ruleset import RULE_KINDS, RulesInvalid
from ..version import __version__

PROG = "quotes"
EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
# What a shell reports for a process ended by SIGPIPE (`quotes … | head`).
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Who said what in a news article.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="list the claims in an article")
    extract.add_argument(
        "path", metavar="PATH", help=f"a text file (UTF-8, or see --encoding), a saved web page (.html), a URL, or {STDIN} for standard input"
    )
    extract.add_argument("--format", choices=sorted(FORMATS), default="yaml")
    extract.add_argument(
        "--outlet", metavar="NAME|URL", help="the publisher, or the article's URL (its domain names the outlet), when the text does not say"
    )
    _encoding_option(extract)
    extract.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {api.DEFAULT_MODEL})")
    extract.add_argument(
        "--rules", metavar="DIR", action="append", default=[], help="a folder of rule files (repeatable)"
    )
    _min_confidence_option(extract)
    extract.set_defaults(run=run_extract)

    run = commands.add_parser("corpus", help="extract every article of a corpus, on all cores")
    run.add_argument(
        "paths", metavar="IN", nargs="+",
        help=f'JSON Lines of {{"id", "text", "outlet"}}, a folder of .txt files, or {STDIN}',
    )
    run.add_argument(
        "-o", "--output", metavar="OUT",
        help="a file for all records (default: standard output), or a folder (ending in /) for a file per input",
    )
    run.add_argument("--resume", action="store_true", help="skip the articles (or parts) the output already has")
    run.add_argument(
        "--workers", metavar="N", type=_positive_arg, default=None,
        help="processes, each loading the model once (default: the cores)",
    )
    run.add_argument(
        "--batch-size", metavar="N", type=_positive_arg, default=engine.DEFAULT_BATCH_SIZE,
        help=f"articles parsed together, at most (default: {engine.DEFAULT_BATCH_SIZE})",
    )
    run.add_argument(
        "--batch-chars", metavar="N", type=_positive_arg, default=engine.DEFAULT_BATCH_CHARACTERS,
        help=f"characters of text parsed together: a batch ends with the article that reaches them"
        f" (default: {engine.DEFAULT_BATCH_CHARACTERS:,})",
    )
    run.add_argument(
        "--fail-fast", action="store_true",
        help="stop at the first unexpected error (a bug, not bad data: by default logged with its traceback,"
        " and the articles it stops get E027 records); the records written stay, --resume goes on",
    )
    run.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or a Ray cluster")
    run.add_argument("--address", metavar="ADDR", help="the Ray cluster to join (auto: the one `ray start` made)")
    run.add_argument(
        "--verbose", action="store_true", help="let Ray's own log lines and warnings through to stderr (hidden by default)"
    )
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show a progress bar (default: when standard error is a terminal)")
    _encoding_option(run, "of the .txt files in folders (JSON Lines are UTF-8)")
    _model_and_rules(run)
    _min_confidence_option(run)
    run.set_defaults(run=run_corpus)

    render = commands.add_parser("render", help="a self-contained HTML page with the claims highlighted")
    render.add_argument("path", metavar="PATH", help=f"a text file, a saved web page, a URL, or {STDIN}")
    render.add_argument("-o", "--output", metavar="OUT.html", help="where to write the page (default: standard output)")
    render.add_argument("--outlet", metavar="NAME|URL", help="the publisher, or the article's URL")
    _encoding_option(render)
    _model_and_rules(render)
    render.set_defaults(run=run_render)

    why = commands.add_parser("explain", help="per sentence: the parse, the rules that matched, why a claim was made or not")
    why.add_argument("path", metavar="PATH", help=f"a text file, a saved web page, a URL, or {STDIN}")
    why.add_argument("--outlet", metavar="NAME|URL", help="the publisher, or the article's URL")
    why.add_argument("--match", metavar="TEXT", help="only the sentences that contain TEXT")
    why.add_argument("--json", action="store_true", help="the report as JSON")
    _encoding_option(why)
    _model_and_rules(why)
    why.set_defaults(run=run_explain)

    score = commands.add_parser("eval", help="score extraction against an annotated gold file")
    score.add_argument("gold", metavar="GOLD", help="JSON Lines of annotated articles")
    score.add_argument("--pred", metavar="OUT", help="score this saved `quotes corpus` output instead of extracting")
    score.add_argument("--errors", metavar="N", type=_count_arg, default=0, help="show N examples of each mistake")
    score.add_argument("--json", action="store_true", help="print the scores as JSON")
    score.add_argument(
        "--speakers",
        metavar="SPEAKERS",
        help="JSON Lines of the entity behind each gold source: adds a speaker-identity table",
    )
    _model_and_rules(score, " (when extracting, not with --pred)")
    score.set_defaults(run=run_eval)

    fit = commands.add_parser("calibrate", help="fit the confidence calibration on annotated articles")
    fit.add_argument("gold", metavar="GOLD", help="JSON Lines of annotated articles to fit on")
    fit.add_argument("--pred", metavar="OUT", help="fit on this saved `quotes corpus` output instead of extracting")
    fit.add_argument(
        "-o", "--output", metavar="FILE.yaml", help="the calibration rule file to write (default: standard output)"
    )
    fit.add_argument(
        "--strength", metavar="C", type=float, default=None,
        help="inverse regularisation, larger fits the data closer (default: chosen by cross-validation over articles)",
    )
    _model_and_rules(fit, " (when extracting, not with --pred)")
    fit.set_defaults(run=run_calibrate)

    rules = commands.add_parser("rules", help="check or test rule files")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    check = rule_commands.add_parser("check", help="validate the built-in rules and these folders")
    check.add_argument("dirs", metavar="DIR", nargs="*")
    check.set_defaults(run=run_rules_check)
    test = rule_commands.add_parser("test", help="run the tests written in the rule files")
    test.add_argument("dirs", metavar="DIR", nargs="*")
    test.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {api.DEFAULT_MODEL})")
    test.add_argument(
        "-v", "--verbose", action="store_true", help="list every test, passed and skipped too, with the reason for a skip"
    )
    test.set_defaults(run=run_rules_test)
    listed = rule_commands.add_parser(
        "list", help="every rule file and part id (what `disable` and a test's `part:` name), with what it matches"
    )
    listed.add_argument("dirs", metavar="DIR", nargs="*")
    listed.add_argument("--kind", choices=RULE_KINDS, help="only the files of this kind")
    listed.set_defaults(run=run_rules_list)
    schemas = rule_commands.add_parser(
        "schemas", help="copy the JSON Schemas into DIR/schemas, so editors check the rule files of DIR"
    )
    schemas.add_argument("dir", metavar="DIR")
    schemas.set_defaults(run=run_rules_schemas)
    return parser


def run_extract(args: argparse.Namespace) -> int:
    extraction, _, _ = _extract_source(args)
    _write(FORMATS[args.format](extraction.at_least(args.min_confidence)))
    return EXIT_OK


def run_render(args: argparse.Namespace) -> int:
    extraction, skipped, text = _extract_source(args)
    report = render_report(extraction, text, skipped)
    if args.output in (None, STDIN):
        _write(report)
    else:
        _write_file(Path(args.output), report)
    return EXIT_OK


def _write_file(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise QuotesError("E026", path=str(path), detail=exc.strerror or str(exc)) from None


def _extract_source(args: argparse.Namespace) -> tuple[Extraction, tuple[MarkedLine, ...], str]:
    """The extraction of a text file, a saved page or a URL, the boilerplate
    lines it skipped, and the text its offsets index. A text long enough to
    be read in pieces shows a progress bar on a terminal."""
    source = _read_source(args)
    text, outlet = _article_of(source, args)
    with PieceProgress() as progress:
        extraction, skipped = api.extract_with_skipped(
            text, outlet, model=args.model, rules_dirs=args.rules, on_piece=progress.update
        )
    if isinstance(source, Page):
        extraction = api.with_page(extraction, source)
    return extraction, skipped, text


def _article_of(source: str | Page, args: argparse.Namespace) -> tuple[str, str | None]:
    """The text to read and what names its outlet: a page's main text and
    outlet (its metadata completes the article later), or a text and --outlet."""
    if isinstance(source, Page):
        return source.text, api.page_outlet(source, args.outlet, model=args.model, rules_dirs=args.rules)
    return source, args.outlet


def run_explain(args: argparse.Namespace) -> int:
    text, outlet = _article_of(_read_source(args), args)
    report = explain.explain(text, outlet, model=args.model, rules_dirs=args.rules).holding(args.match)
    if args.json:
        _write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _write(explain.format_explanation(report))
    return EXIT_OK


def run_corpus(args: argparse.Namespace) -> int:
    parts = sources.parts_of(args.paths, args.encoding)
    folder = jobs.is_folder_output(args.output)
    if args.resume and args.output in (None, STDIN):
        raise QuotesError("E029", detail="--resume needs -o: the output to resume")
    if args.engine == "ray" and not folder:
        raise QuotesError("E029", detail="--engine ray writes a file per input part: give -o a folder (out/)")
    job = jobs.CorpusJob(
        parts=parts,
        output=args.output,
        output_is_folder=folder,
        resume=args.resume,
        workers=args.workers or engine.default_workers(),
        batch_size=args.batch_size,
        batch_characters=args.batch_chars,
        model=args.model,
        rules_dirs=args.rules,
        engine=args.engine,
        address=args.address,
        min_confidence=args.min_confidence,
        fail_fast=args.fail_fast,
        verbose=args.verbose,
    )
    shown = sys.stderr.isatty() if args.progress is None else args.progress
    # The output's lock first: a second run on it stops at once, before counting the input.
    with jobs.hold_output(job):
        progress = Progress(count_tasks(parts) if shown else None, enabled=shown)
        try:
            summary = jobs.run_job(job, progress)
        finally:
            progress.close()
    codes = ", ".join(f"{code} x{n}" for code, n in sorted(summary.errors.items()))
    retry = "; --resume extracts the E032 ones again" if any(c in RETRIED_CODES for c in summary.errors) else ""
    return _failed_articles(sum(summary.errors.values()), summary.records, f"({codes}); their records carry the error{retry}")


def _gold_and_records(args: argparse.Namespace) -> tuple[list[evaluate.GoldArticle], list[Mapping[str, Any]]]:
    """The gold articles and the records to judge: a saved run, or a fresh one."""
    gold = evaluate.load_gold(args.gold)
    if args.pred:
        return gold, list(evaluate.load_predictions(args.pred))
    tasks = sources.tasks_from_lines(evaluate.corpus_lines(gold))
    return gold, list(engine.run_local(tasks, model=args.model, rules_dirs=args.rules, workers=engine.default_workers()))


def run_eval(args: argparse.Namespace) -> int:
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
        _write(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _write(evaluate.format_report(scores))
        if identity is not None:
            _write("\n" + speaker_identity.format_identity(identity))
    return _failed_articles(len(scores.failed), scores.articles, "and were scored as having no claims")


def run_calibrate(args: argparse.Namespace) -> int:
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
        _write_file(Path(args.output), text)
    else:
        _write(text)
    sys.stderr.write(
        f"fitted on {len(examples)} claims of {len(gold)} articles (strength {choice.strength:g}, cues seen"
        f" {choice.min_cue_count}+ times); calibration error on articles left out: {_number(choice.error)}; on all:\n"
    )
    sys.stderr.write(calibration.format_reliability(fitted.reliability) + "\n")
    return EXIT_OK


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _failed_articles(count: int, total: int, detail: str) -> int:
    """Exit 1 with one line on stderr when some articles could not be extracted."""
    if not count:
        return EXIT_OK
    _error(f"{count} of {_count(total, 'article')} failed {detail}")
    return EXIT_FAILED


def _model_and_rules(parser: argparse.ArgumentParser, when: str = "") -> None:
    parser.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {api.DEFAULT_MODEL}){when}")
    parser.add_argument(
        "--rules", metavar="DIR", action="append", default=[], help=f"a folder of rule files (repeatable){when}"
    )


def _min_confidence_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-confidence", metavar="P", type=_probability_arg, default=0.0,
        help="leave out claims whose confidence (the chance they are right) is below P (default: 0, keep all)",
    )


def _probability_arg(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        p = math.nan
    if not 0 <= p <= 1:  # NaN too
        raise argparse.ArgumentTypeError(f"expected a probability from 0 to 1, got {value!r}")
    return p


def _encoding_option(parser: argparse.ArgumentParser, of: str = "of a text file (a web page declares its own)") -> None:
    parser.add_argument(
        "--encoding", metavar="NAME",
        help=f"the text encoding {of}, such as cp1252 or utf-16 (default: UTF-8, else the one a"
        " byte-order mark names or that is detected, said on stderr)",
    )


def _read_source(args: argparse.Namespace) -> str | Page:
    """The text or page at args.path, in args.encoding if given. A text that
    was not UTF-8 gets one line on stderr naming the encoding it was read in."""
    source = load_source(args.path, args.encoding)
    if not isinstance(source, Decoded):
        return source
    if source.note:
        _error(f"{STDIN_NAME if args.path == STDIN else args.path}: {source.note}")
    return source.text


def _positive_arg(value: str) -> int:
    number = _count_arg(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value!r}")
    return number


def _count_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a count (0, 1, 2, ...), got {value!r}")
    return number


def run_rules_check(args: argparse.Namespace) -> int:
    report = check_folders(args.dirs)
    for problem in [*report.check.problems, *report.warnings]:
        _write(_one_line(str(problem)))
    _write(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def run_rules_test(args: argparse.Namespace) -> int:
    report = check_folders(args.dirs)
    if not report.ok:
        for problem in report.check.problems:
            _write(_one_line(str(problem)))
        _write(f"{report.summary()}: fix them before testing")
        return EXIT_FAILED
    results = run_rule_tests(report.check.files, args.dirs, model=args.model)
    for result in results:
        if args.verbose or result.status not in {"passed", "skipped"}:
            _write(report_line(result))
    _write(summary_line(results))
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def run_rules_list(args: argparse.Namespace) -> int:
    report = check_folders(args.dirs)
    for line in rule_list.listing(report.check.files, args.kind):
        _write(line)
    for problem in report.check.problems:
        _error(str(problem))
    return EXIT_OK if report.ok else EXIT_FAILED


def run_rules_schemas(args: argparse.Namespace) -> int:
    for path in copy_schemas(Path(args.dir)):
        _write(str(path))
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
    return _one_line(f"{label} {result.where} {result.rule}{because}")


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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _one_line(text: str) -> str:
    # Scripts read errors line by line; a message may quote a multi-line value.
    return " ".join(text.splitlines())


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _error(text: str) -> None:
    sys.stderr.write(f"{PROG}: {_one_line(text)}\n")


def _utf8_stdout() -> None:
    # YAML and JSON are UTF-8 by definition; a Latin-1 locale must not turn
    # a curly quote into a UnicodeEncodeError halfway through the output.
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        _utf8_stdout()
        # The command line owns its process: numpy's BLAS on one thread, set once.
        blas.adopt_fast_blas()
        with log_to_stderr():
            code = args.run(args)
        sys.stdout.flush()
        return code
    except QuotesError as exc:
        _error(str(exc))
    except RulesInvalid as exc:
        for problem in exc.problems:
            _error(str(problem))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader left (`| head`): say nothing, and keep Python's exit-time
        # flush from failing again on the closed pipe.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (AttributeError, OSError, ValueError):
            pass  # stdout is not a file (captured, replaced): nothing to flush
        return EXIT_BROKEN_PIPE
    return EXIT_ERROR
