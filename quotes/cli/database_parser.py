"""The arguments of the claims database's commands: `quotes index`,
`quotes search` and `quotes trace`, and the `--db` option they share with
`quotes corpus`. None of them loads a pipeline."""

from __future__ import annotations

import argparse
from typing import Any, get_args

from ..records import ClaimType
from .argument_types import positive
from .database_commands import SEARCH_FORMATS, TRACE_FORMATS, run_index, run_search, run_trace

CLAIM_TYPES = get_args(ClaimType)
DEFAULT_SEARCH_LIMIT = 20
DEFAULT_TRACE_CANDIDATES = 200


def database_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--db", metavar="FILE", help=f"the claims database (SQLite) {what} (default: $QUOTES_DB)")


def add_database_commands(commands: Any) -> None:
    """`index`, `search` and `trace`, on the subcommands of `build_parser`."""
    index = commands.add_parser("index", help="add saved `quotes corpus` output to the claims database")
    index.add_argument("paths", metavar="FILE", nargs="+", help="JSON Lines of records, as `quotes corpus` writes them")
    database_option(index, "to write (made if missing)")
    index.set_defaults(run=run_index)

    search = commands.add_parser("search", help="the claims holding words, best first, from the claims database")
    search.add_argument("query", metavar="QUERY", help="the words to find, all of them (none: the latest claims)")
    search.add_argument("--speaker", metavar="NAME", help="only claims of this speaker: any part of the name")
    search.add_argument("--outlet", metavar="NAME", help="only articles of this outlet (any case)")
    search.add_argument("--since", metavar="DATE", help="only articles published on DATE (2026-01-31) or later")
    search.add_argument("--until", metavar="DATE", help="only articles published on DATE or earlier")
    search.add_argument("--type", choices=CLAIM_TYPES, help="only claims of this type")
    search.add_argument(
        "--limit",
        metavar="N",
        type=positive,
        default=DEFAULT_SEARCH_LIMIT,
        help=f"at most N hits (default: {DEFAULT_SEARCH_LIMIT})",
    )
    search.add_argument(
        "--format",
        choices=SEARCH_FORMATS,
        help="a table (the default on a terminal), a JSON list, or a JSON object a line (the default otherwise)",
    )
    database_option(search, "to search")
    search.set_defaults(run=run_search)

    trace = commands.add_parser("trace", help="where a quote appeared, in which words, first to last")
    trace.add_argument("text", metavar="TEXT", nargs="?", help="the quote's words")
    trace.add_argument("--claim", metavar="ID#qN", help="trace this indexed claim (an id `quotes search` gives)")
    trace.add_argument(
        "--format", choices=TRACE_FORMATS, default="text", help="the trace as text (default), JSON or an HTML page"
    )
    trace.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: standard output)")
    trace.add_argument(
        "--limit",
        metavar="N",
        type=positive,
        default=DEFAULT_TRACE_CANDIDATES,
        help=f"claims compared with the quote, at most (default: {DEFAULT_TRACE_CANDIDATES})",
    )
    database_option(trace, "to search")
    trace.set_defaults(run=run_trace)
