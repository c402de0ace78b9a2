"""The command line: thin wrappers over read_source, extract and the rules.

    quotes extract PATH|URL [--format yaml|json|claimreview] [--outlet NAME] [--encoding NAME] [--min-confidence P]
                [--model NAME] [--rules DIR]...
    quotes corpus IN... [-o OUT.jsonl | -o OUT/] [--resume] [--workers N] [--batch-size N] [--batch-chars N] [--min-confidence P]
                [--fail-fast] [--engine local|ray] [--address ADDR] [--verbose] [--encoding NAME] [--model NAME] [--rules DIR]...
                [--db FILE]
    quotes index FILE... [--db FILE]
    quotes search QUERY [--speaker NAME] [--outlet NAME] [--since DATE] [--until DATE] [--type direct|indirect|mixed]
                [--limit N] [--format table|json|jsonl] [--db FILE]
    quotes trace [TEXT] [--claim ARTICLE_ID#qN] [--format text|json|html] [-o FILE] [--limit N] [--db FILE]
    quotes render PATH [-o OUT.html] [--outlet NAME|URL] [--encoding NAME] [--model NAME] [--rules DIR]...
    quotes explain PATH [--match TEXT] [--json] [--outlet NAME|URL] [--encoding NAME] [--model NAME] [--rules DIR]...
    quotes eval GOLD.jsonl [--pred OUT.jsonl] [--speakers SPEAKERS.jsonl] [--errors N] [--json]
                [--model NAME] [--rules DIR]...
    quotes calibrate GOLD.jsonl [--pred OUT.jsonl] [-o FILE.yaml] [--strength C] [--model NAME] [--rules DIR]...
    quotes rules check [DIR ...]
    quotes rules test [DIR ...] [-v]
    quotes rules list [DIR ...] [--kind KIND]
    quotes rules schemas DIR

The claims database (index, search, trace, corpus --db) is the file --db
names, else $QUOTES_DB.

Exit codes: 0 fine; 1 the rules have problems or their tests fail, or some
articles of a corpus could not be extracted (their records carry the error;
E032, a worker process that died on them, is redone by --resume), or lines
given to `index` held no record; 2 the
command could not run (bad input, missing model, broken rules: one line per
problem on stderr, each with its error code; E035: --fail-fast met a bug);
130 interrupted. An unexpected error, a bug rather than bad data, is logged
on stderr with its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..errors import QuotesError
from .output import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    error,
)
from .parser import build_parser, runs_a_pipeline

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_ERROR", "EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        _utf8_stdout()
        if runs_a_pipeline(args):
            # The command line owns its process: numpy's BLAS on one thread,
            # set once, before a pipeline loads (which imports spaCy, so the
            # commands that load none skip it).
            from ..pipeline import blas

            blas.adopt_fast_blas()
        from ..corpus.progress import log_to_stderr

        with log_to_stderr():
            code: int = args.run(args)
        sys.stdout.flush()
        return code
    except QuotesError as exc:
        error(str(exc))
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
    except Exception as exc:
        # Broken rule files: one line per problem. Imported here, as the
        # rules are only by the commands that read them.
        from ..rules.ruleset import RulesInvalid

        if not isinstance(exc, RulesInvalid):
            raise
        for problem in exc.problems:
            error(str(problem))
    return EXIT_ERROR


def _utf8_stdout() -> None:
    # YAML and JSON are UTF-8 by definition; a Latin-1 locale must not turn
    # a curly quote into a UnicodeEncodeError halfway through the output.
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
