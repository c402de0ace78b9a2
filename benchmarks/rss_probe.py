"""One `quotes corpus` run in a fresh process, reporting its peak memory.

    python benchmarks/rss_probe.py IN.jsonl OUT.jsonl --workers N [--batch-size N] [--batch-chars N]

Prints one JSON line: the seconds the run took (model loading left out), the
records written, and peak resident set sizes in KiB (Linux ru_maxrss): of
this process after loading the pipeline and at the end, and of the largest
worker process (RUSAGE_CHILDREN: the workers have exited and been waited for
when the run returns). A fresh process per configuration keeps the peaks of
different runs apart. RSS counts the pages a worker shares with its parent
after the fork (the model, mostly) as its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from quotes import api
from quotes.corpus.engine import DEFAULT_BATCH_CHARACTERS, DEFAULT_BATCH_SIZE
from quotes.corpus.jobs import CorpusJob, run_job
from quotes.corpus.sources import parts_of
from quotes.pipeline.blas import adopt_fast_blas


def peak_kib(who: int) -> int:
    return resource.getrusage(who).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--batch-chars", type=int, default=DEFAULT_BATCH_CHARACTERS)
    args = parser.parse_args()
    adopt_fast_blas()  # as the command line does, first
    api.load_pipeline()  # as `quotes corpus` does before its workers start
    loaded = peak_kib(resource.RUSAGE_SELF)
    start = time.perf_counter()
    job = CorpusJob(
        parts=parts_of([args.input]),
        output=args.output,
        workers=args.workers,
        batch_size=args.batch_size,
        batch_characters=args.batch_chars,
    )
    summary = run_job(job)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "workers": args.workers,
                "seconds": seconds,
                "records": summary.records,
                "errors": sum(summary.errors.values()),
                "self_peak_after_load_kib": loaded,
                "self_peak_kib": peak_kib(resource.RUSAGE_SELF),
                "children_peak_kib": peak_kib(resource.RUSAGE_CHILDREN),
            }
        )
    )


if __name__ == "__main__":
    main()
