"""`quotes index`, `search` and `trace`: the claims database, read and
written in this process. The database modules load inside the commands;
none of them loads spaCy."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import QuotesError
from ..formats.ingest import STDIN
from .output import EXIT_FAILED, EXIT_OK, error, plural, write, write_file

if TYPE_CHECKING:
    from ..database.tracing import Trace

SEARCH_FORMATS = ("table", "json", "jsonl")
TRACE_FORMATS = ("text", "json", "html")


def run_index(args: argparse.Namespace) -> int:
    from ..database.connection import database_errors, database_path, open_for_writing
    from ..database.indexing import Indexer
    from ..database.saved import saved_records

    path = database_path(args.db)
    unreadable = 0
    with closing(open_for_writing(path)) as conn, database_errors(path, writing=True), Indexer(conn) as indexer:
        for source in args.paths:
            for record in saved_records(source):
                if record is None:
                    unreadable += 1
                else:
                    indexer.add(record)
    summary = indexer.summary
    replaced = f", {summary.replaced} replacing earlier versions" if summary.replaced else ""
    skipped = f"; {plural(summary.errors, 'error record')} skipped" if summary.errors else ""
    if summary.malformed:
        skipped += f"; {plural(summary.malformed, 'malformed record')} (a claim without its id, type or text) skipped"
    print(
        f"indexed {plural(summary.claims, 'claim')} of {plural(summary.articles, 'article')}{replaced}{skipped}",
        file=sys.stderr,
    )
    if unreadable:
        error(f"{plural(unreadable, 'line')} held no record (not a JSON object) and were skipped")
    return EXIT_FAILED if unreadable or summary.malformed else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    from ..database.search import Filters, search

    filters = Filters(speaker=args.speaker, outlet=args.outlet, since=args.since, until=args.until, type=args.type)
    with _reading(args.db) as conn:
        hits = search(conn, args.query, filters, limit=args.limit)
    shown = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if shown == "table":
        from .hit_table import hit_table

        write(hit_table(hits))
    elif shown == "json":
        write(json.dumps([hit.to_dict() for hit in hits], ensure_ascii=False, indent=2))
    elif hits:
        write("\n".join(json.dumps(hit.to_dict(), ensure_ascii=False) for hit in hits))
    return EXIT_OK


def run_trace(args: argparse.Namespace) -> int:
    from ..database.candidates import claim_by_id, similar_claims

    if not args.claim and not (args.text or "").strip():
        raise QuotesError("E077")
    with _reading(args.db) as conn:
        text = claim_by_id(conn, args.claim).text if args.claim else args.text
        candidates = similar_claims(conn, text, limit=args.limit)
    from ..database.tracing import trace

    rendered = _render_trace(trace(text, candidates), args.format)
    if args.output in (None, STDIN):
        write(rendered)
    else:
        write_file(Path(args.output), rendered)
    return EXIT_OK


def _render_trace(found: Trace, shown: str) -> str:
    if shown == "json":
        return json.dumps(found.to_dict(), ensure_ascii=False, indent=2)
    if shown == "html":
        from ..formats.trace_page import render_trace_page

        return render_trace_page(found)
    from ..database.trace_text import render_trace_text

    return render_trace_text(found)


@contextmanager
def _reading(given: str | None) -> Iterator[sqlite3.Connection]:
    from ..database.connection import database_errors, database_path, open_for_reading

    path = database_path(given)
    with closing(open_for_reading(path)) as conn, database_errors(path, writing=False):
        yield conn
