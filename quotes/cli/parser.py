"""The command line's arguments: a parser that knows every command and
option without importing what runs them (spaCy, the engines, the rules).

Each command's `run` is a function of its module in this package; a command
that loads a spaCy pipeline says so (`pipeline`), so that `main` sets the
process's BLAS policy for it and for no other.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import overload

from ..corpus.settings import DEFAULT_BATCH_CHARACTERS, DEFAULT_BATCH_SIZE, ENGINES
from ..defaults import DEFAULT_MODEL
from ..formats.emit import FORMATS
from ..formats.ingest import STDIN
from ..version import __version__
from .argument_types import count, positive, probability
from .articles import run_explain, run_extract, run_render
from .corpus_run import run_corpus
from .database_parser import add_database_commands, database_option
from .output import PROG
from .rule_commands import run_rules_check, run_rules_list, run_rules_mine, run_rules_schemas, run_rules_test
from .scores import run_calibrate, run_eval


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Who said what in a news article.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(pipeline=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="list the claims in an article")
    extract.add_argument(
        "path",
        metavar="PATH",
        help=f"a text file (UTF-8, or see --encoding), a saved web page (.html), a URL, or {STDIN} for standard input",
    )
    extract.add_argument("--format", choices=sorted(FORMATS), default="yaml")
    extract.add_argument(
        "--outlet",
        metavar="NAME|URL",
        help="the publisher, or the article's URL (its domain names the outlet), when the text does not say",
    )
    _encoding_option(extract)
    extract.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {DEFAULT_MODEL})")
    extract.add_argument("--rules", metavar="DIR", action="append", default=[], help="a folder of rule files (repeatable)")
    _min_confidence_option(extract)
    extract.set_defaults(run=run_extract, pipeline=True)

    run = commands.add_parser("corpus", help="extract every article of a corpus, on all cores")
    run.add_argument(
        "paths",
        metavar="IN",
        nargs="+",
        help=f'JSON Lines of {{"id", "text", "outlet", "url", "published", "title", "author"}} (all but id and text optional), a folder of .txt files, or {STDIN}',
    )
    run.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="a file for all records (default: standard output), or a folder (ending in /) for a file per input",
    )
    run.add_argument("--resume", action="store_true", help="skip the articles (or parts) the output already has")
    run.add_argument(
        "--workers",
        metavar="N",
        type=positive,
        default=None,
        help="processes, each loading the model once (default: the cores)",
    )
    run.add_argument(
        "--batch-size",
        metavar="N",
        type=positive,
        default=DEFAULT_BATCH_SIZE,
        help=f"articles parsed together, at most (default: {DEFAULT_BATCH_SIZE})",
    )
    run.add_argument(
        "--batch-chars",
        metavar="N",
        type=positive,
        default=DEFAULT_BATCH_CHARACTERS,
        help=f"characters of text parsed together: a batch ends with the article that reaches them"
        f" (default: {DEFAULT_BATCH_CHARACTERS:,})",
    )
    run.add_argument(
        "--fail-fast",
        action="store_true",
        help="stop at the first unexpected error (a bug, not bad data: by default logged with its traceback,"
        " and the articles it stops get E027 records); the records written stay, --resume goes on",
    )
    run.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or a Ray cluster")
    run.add_argument("--address", metavar="ADDR", help="the Ray cluster to join (auto: the one `ray start` made)")
    run.add_argument(
        "--verbose", action="store_true", help="let Ray's own log lines and warnings through to stderr (hidden by default)"
    )
    run.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when standard error is a terminal)",
    )
    _encoding_option(run, "of the .txt files in folders (JSON Lines are UTF-8)")
    _model_and_rules(run)
    _min_confidence_option(run)
    database_option(run, "to index the records in as they are written")
    run.set_defaults(run=run_corpus, pipeline=True)

    render = commands.add_parser("render", help="a self-contained HTML page with the claims highlighted")
    render.add_argument("path", metavar="PATH", help=f"a text file, a saved web page, a URL, or {STDIN}")
    render.add_argument("-o", "--output", metavar="OUT.html", help="where to write the page (default: standard output)")
    render.add_argument("--outlet", metavar="NAME|URL", help="the publisher, or the article's URL")
    _encoding_option(render)
    _model_and_rules(render)
    render.set_defaults(run=run_render, pipeline=True)

    why = commands.add_parser("explain", help="per sentence: the parse, the rules that matched, why a claim was made or not")
    why.add_argument("path", metavar="PATH", help=f"a text file, a saved web page, a URL, or {STDIN}")
    why.add_argument("--outlet", metavar="NAME|URL", help="the publisher, or the article's URL")
    why.add_argument("--match", metavar="TEXT", help="only the sentences that contain TEXT")
    why.add_argument("--json", action="store_true", help="the report as JSON")
    _encoding_option(why)
    _model_and_rules(why)
    why.set_defaults(run=run_explain, pipeline=True)

    score = commands.add_parser("eval", help="score extraction against an annotated gold file")
    score.add_argument("gold", metavar="GOLD", help="JSON Lines of annotated articles")
    score.add_argument("--pred", metavar="OUT", help="score this saved `quotes corpus` output instead of extracting")
    score.add_argument("--errors", metavar="N", type=count, default=0, help="show N examples of each mistake")
    score.add_argument("--json", action="store_true", help="print the scores as JSON")
    score.add_argument(
        "--speakers",
        metavar="SPEAKERS",
        help="JSON Lines of the entity behind each gold source: adds a speaker-identity table",
    )
    _model_and_rules(score, " (when extracting, not with --pred)")
    score.set_defaults(run=run_eval, pipeline=True)

    fit = commands.add_parser("calibrate", help="fit the confidence calibration on annotated articles")
    fit.add_argument("gold", metavar="GOLD", help="JSON Lines of annotated articles to fit on")
    fit.add_argument("--pred", metavar="OUT", help="fit on this saved `quotes corpus` output instead of extracting")
    fit.add_argument("-o", "--output", metavar="FILE.yaml", help="the calibration rule file to write (default: standard output)")
    fit.add_argument(
        "--strength",
        metavar="C",
        type=float,
        default=None,
        help="inverse regularisation, larger fits the data closer (default: chosen by cross-validation over articles)",
    )
    _model_and_rules(fit, " (when extracting, not with --pred)")
    fit.set_defaults(run=run_calibrate, pipeline=True)

    add_database_commands(commands)

    rules = commands.add_parser("rules", help="check or test rule files")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    check = rule_commands.add_parser("check", help="validate the built-in rules and these folders")
    check.add_argument("dirs", metavar="DIR", nargs="*")
    check.set_defaults(run=run_rules_check)
    test = rule_commands.add_parser("test", help="run the tests written in the rule files")
    test.add_argument("dirs", metavar="DIR", nargs="*")
    test.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {DEFAULT_MODEL})")
    test.add_argument(
        "-v", "--verbose", action="store_true", help="list every test, passed and skipped too, with the reason for a skip"
    )
    test.set_defaults(run=run_rules_test, pipeline=True)
    listed = rule_commands.add_parser(
        "list", help="every rule file and part id (what `disable` and a test's `part:` name), with what it matches"
    )
    listed.add_argument("dirs", metavar="DIR", nargs="*")
    # The kinds are set after add_argument, which formats the choices once to
    # check them: read only when --kind is given or the help shown.
    listed.add_argument("--kind", help="only the files of this kind").choices = _RuleKinds()
    listed.set_defaults(run=run_rules_list)
    schemas = rule_commands.add_parser(
        "schemas", help="copy the JSON Schemas into DIR/schemas, so editors check the rule files of DIR"
    )
    schemas.add_argument("dir", metavar="DIR")
    schemas.set_defaults(run=run_rules_schemas)
    mine = rule_commands.add_parser(
        "mine",
        help="extract annotated articles, and count the quotes missed by cue construction, by why the rule at the cue"
        " made no claim, and by cue word: how often each use of it is a cue, and whether the rules name it",
    )
    mine.add_argument("gold", metavar="GOLD", help="JSON Lines of annotated articles, with cue offsets")
    mine.add_argument("--top", metavar="N", type=count, default=30, help="words to show (default: 30)")
    mine.add_argument(
        "--min-share", metavar="P", type=probability, default=0.0, help="only words a cue in at least this share of uses"
    )
    mine.add_argument("--min-cues", metavar="N", type=positive, default=1, help="only words a cue at least N times")
    mine.add_argument("--listed", action="store_true", help="the words the rules name too")
    mine.add_argument("--json", action="store_true", help="print the counts as JSON")
    _model_and_rules(mine)
    mine.set_defaults(run=run_rules_mine, pipeline=True)
    return parser


def runs_a_pipeline(args: argparse.Namespace) -> bool:
    """Whether the command parsed may load a spaCy pipeline in this process
    or in workers it starts (a saved run to score, --pred, needs none)."""
    return bool(args.pipeline) and not getattr(args, "pred", None)


class _RuleKinds(Sequence[str]):
    """The rule kinds, read from the rules package when first asked for: the
    package validates with jsonschema, which takes a tenth of a second to
    import that `quotes --version` and most commands need not spend."""

    def _kinds(self) -> Sequence[str]:
        from ..rules.ruleset import RULE_KINDS

        return RULE_KINDS

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._kinds()[index]

    def __len__(self) -> int:
        return len(self._kinds())


def _model_and_rules(parser: argparse.ArgumentParser, when: str = "") -> None:
    parser.add_argument("--model", metavar="NAME", help=f"spaCy pipeline (default: {DEFAULT_MODEL}){when}")
    parser.add_argument("--rules", metavar="DIR", action="append", default=[], help=f"a folder of rule files (repeatable){when}")


def _min_confidence_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-confidence",
        metavar="P",
        type=probability,
        default=0.0,
        help="leave out claims whose confidence (the chance they are right) is below P (default: 0, keep all)",
    )


def _encoding_option(parser: argparse.ArgumentParser, of: str = "of a text file (a web page declares its own)") -> None:
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help=f"the text encoding {of}, such as cp1252 or utf-16 (default: UTF-8, else the one a"
        " byte-order mark names or that is detected, said on stderr)",
    )
