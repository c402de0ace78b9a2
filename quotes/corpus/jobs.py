"""A corpus job: parts in, records out, on the local engine or on Ray.

`quotes corpus` is a thin wrapper over `run_job`. The output is one JSON
Lines stream (a file, or standard output) or, with `output_is_folder`, one
file per input part; `resume` picks up what a killed run left (see
`quotes.corpus.output`; records of articles whose worker died, E032, are redone).
A job holds the lock of its output while it runs
(`hold_output`): a second job on the same output fails at once (E031).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import chain
from pathlib import Path
from typing import Any

from ..errors import QuotesError
from ..formats.ingest import STDIN, open_binary
from .database_sink import IndexFn, record_index
from .engine import (
    Record,
    batches,
    run_local,
)
from .job import CorpusJob, JobSummary
from .output import (
    done_ids,
    open_record_sink,
    output_lock,
    part_done,
    part_path,
    part_writer,
    skip_done,
    write_records,
)
from .progress import Progress
from .sources import TEXT_SUFFIX, Part, Task, tasks_from_folder, tasks_of


def check_inputs(parts: Iterable[Part]) -> None:
    """Fail at once on an input that cannot be opened (E001, E006) or a
    folder with no articles (E029)."""
    for part in parts:
        if part.is_folder:
            if next(tasks_from_folder(part.path), None) is None:
                raise QuotesError("E029", detail=f"{part.path} holds no {TEXT_SUFFIX} files")
        elif part.path != STDIN:
            open_binary(part.path).close()


def hold_output(job: CorpusJob) -> AbstractContextManager[None]:
    """The lock of the job's output, held in the block (E031 if another run holds it)."""
    return output_lock(job.output, job.output_is_folder)


def run_job(job: CorpusJob, progress: Progress | None = None) -> JobSummary:
    check_inputs(job.parts)
    # Before the output is read (resume) or opened: nothing is touched while another run writes it.
    with hold_output(job):
        return _run_held(job, progress)


def _run_held(job: CorpusJob, progress: Progress | None) -> JobSummary:
    if job.engine == "ray":
        from .ray_engine import run_ray

        summary = run_ray(job, progress)
        # Ray writes the parts' files: they are indexed once written, all of them.
        with record_index(job, _part_files(job)):
            return summary
    summary = JobSummary()
    if job.output_is_folder:
        with record_index(job, _part_files(job) if job.resume else ()) as index:
            for part in job.parts:
                if job.resume and part_done(job.output or "", part.name):
                    summary.skipped += 1
                    continue
                with part_writer(job.output or "", part.name) as sink:
                    _write_all(sink, _records(job, tasks_of(part), progress), job.batch_size, summary, progress, index)
        return summary
    resumed = job.resume and job.output not in (None, STDIN)
    done = done_ids(job.output or "") if resumed else Counter()
    summary.skipped = sum(done.values())
    if progress is not None:
        progress.skipped(summary.skipped)
    tasks = skip_done(chain.from_iterable(tasks_of(p) for p in job.parts), done)
    with (
        record_index(job, [Path(job.output or "")] if resumed else ()) as index,
        open_record_sink(job.output, append=job.resume) as sink,
    ):
        _write_all(sink, _records(job, tasks, progress), job.batch_size, summary, progress, index)
    return summary


def _part_files(job: CorpusJob) -> list[Path]:
    return [part_path(job.output or "", part.name) for part in job.parts]


def _records(job: CorpusJob, tasks: Iterable[Task], progress: Progress | None) -> Iterator[Record]:
    if progress is not None:
        tasks = progress.reading(tasks)
    return run_local(
        tasks,
        model=job.model,
        rules_dirs=job.rules_dirs,
        workers=job.workers,
        batch_size=job.batch_size,
        batch_characters=job.batch_characters,
        min_confidence=job.min_confidence,
        fail_fast=job.fail_fast,
    )


def _write_all(
    sink: Any,
    records: Iterator[Record],
    size: int,
    summary: JobSummary,
    progress: Progress | None,
    index: IndexFn | None = None,
) -> None:
    for group in batches(records, size):
        write_records(sink, group)
        if index is not None:  # after the output, which --resume trusts (database_sink)
            index(group)
        for record in group:
            summary.count(record)
            if progress is not None:
                progress.wrote(record)


def is_folder_output(path: str | None) -> bool:
    """An output ending in "/" or naming an existing folder gets a file per part."""
    if path is None or path == STDIN:
        return False
    return path.endswith(("/", os.sep)) or os.path.isdir(path)
