"""`quotes corpus`: many articles, on local worker processes or a Ray
cluster. The engines load inside the command."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import QuotesError
from ..formats.ingest import STDIN
from .output import failed_articles


def run_corpus(args: argparse.Namespace) -> int:
    from ..corpus import engine, jobs, sources
    from ..corpus.output import RETRIED_CODES
    from ..corpus.progress import Progress, count_tasks

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
        database=_database(args.db),
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
    return failed_articles(sum(summary.errors.values()), summary.records, f"({codes}); their records carry the error{retry}")


def _database(given: str | None) -> str | None:
    """--db, else $QUOTES_DB, else no indexing."""
    from ..database.connection import DATABASE_VARIABLE

    return given or os.environ.get(DATABASE_VARIABLE) or None
