"""Running extraction over a stream of tasks, on one core or several.

The core is engine-agnostic: `Extractor` turns a batch of tasks into their
records, in order, loading the pipeline once. `run_local` feeds it batches in
this process or in worker processes; the Ray engine (`quotes.ray_engine`)
feeds the same class from an actor pool. Batches have the same articles
whatever the number of workers, and spaCy's results do not depend on which
process parses a batch, so the records are identical for any `workers`.

Memory stays flat: at most `2 * workers` batches are in flight, and the
input is read only as fast as records are written.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from . import api
from .corpus import article_record, error_record, extract_article
from .errors import QuotesError
from .sources import Task

# A batch ends at whichever limit it reaches first. Small batches keep a
# worker's memory near its model's (a batch of 256 long articles peaked at
# 2.7 GB). Even ones share the work: news articles run from 150 to 34,000
# characters, so batches of 32 articles differed up to 2.3x in work and the
# last of a slice left a worker idle (2 workers over one: 1.37-1.61x; with
# the character limit 1.66-1.91x, benchmarks on 256 articles). A worker is
# about as fast with batches of 8 articles as with 32.
DEFAULT_BATCH_SIZE = 32
DEFAULT_BATCH_CHARACTERS = 50_000
Record = dict[str, Any]
T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class Extractor:
    """Records for batches of tasks; loads the pipeline once, on creation
    (a missing model or broken rules fail here, not once per article)."""

    def __init__(self, model: str | None = None, rules_dirs: Sequence[str] = (), min_confidence: float = 0.0):
        self.model = model
        self.rules_dirs = tuple(str(d) for d in rules_dirs)
        self.min_confidence = min_confidence
        api.load_pipeline(model, self.rules_dirs)

    def __call__(self, tasks: Sequence[Task]) -> list[Record]:
        articles = [t.article for t in tasks if t.article is not None]
        try:
            extractions = list(
                api.extract_many(
                    ((a.text, a.outlet) for a in articles),
                    model=self.model,
                    rules_dirs=self.rules_dirs,
                    batch_size=max(1, len(articles)),
                )
            )
        except Exception:  # noqa: BLE001  (one bad article: redo the batch one by one to find it)
            return [self._one(t) for t in tasks]
        done = iter(extractions)
        return [
            t.failed if t.article is None else article_record(t.article.id, next(done).at_least(self.min_confidence))
            for t in tasks
        ]

    def _one(self, task: Task) -> Record:
        if task.article is None:
            return task.failed or error_record(None, QuotesError("E027", detail="empty task"))
        return extract_article(task.article, self._extract)

    def _extract(self, text: str, outlet: str | None) -> Any:
        return api.extract(text, outlet, model=self.model, rules_dirs=self.rules_dirs).at_least(self.min_confidence)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class BatchLimit:
    """When a batch is full: at `articles` tasks or `characters` characters
    of text, whichever comes first. The Ray engine cuts its rows with the
    same limit, so every article is parsed in the same batch on either."""

    articles: int = DEFAULT_BATCH_SIZE
    characters: int = DEFAULT_BATCH_CHARACTERS

    def reached(self, articles: int, characters: int) -> bool:
        return articles >= self.articles or characters >= self.characters

    def batches(self, tasks: Iterable[Task]) -> Iterator[list[Task]]:
        batch: list[Task] = []
        characters = 0
        for task in tasks:
            batch.append(task)
            characters += task.characters
            if self.reached(len(batch), characters):
                yield batch
                batch, characters = [], 0
        if batch:
            yield batch


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_local(
    tasks: Iterable[Task],
    *,
    model: str | None = None,
    rules_dirs: Sequence[str] = (),
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_characters: int = DEFAULT_BATCH_CHARACTERS,
    min_confidence: float = 0.0,
) -> Iterator[Record]:
    """A record per task, in input order, with the claims of at least `min_confidence`."""
    chunks = BatchLimit(batch_size, batch_characters).batches(tasks)
    opening = list(islice(chunks, 2))
    if workers <= 1 or len(opening) < 2:
        # One batch is not worth starting processes for.
        extractor = Extractor(model, rules_dirs, min_confidence)
        for batch in chain(opening, chunks):
            yield from extractor(batch)
        return
    Extractor(model, rules_dirs)  # fail at once, in this process, on a bad model or rules
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(model, tuple(rules_dirs), min_confidence)) as pool:
        pending: deque[Future[list[Record]]] = deque()
        for batch in chain(opening, chunks):
            pending.append(pool.submit(_work, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_worker: Extractor | None = None


def _start_worker(model: str | None, rules_dirs: tuple[str, ...], min_confidence: float) -> None:
    global _worker
    _die_with_parent()
    _worker = Extractor(model, rules_dirs, min_confidence)


def _die_with_parent() -> None:
    """A run killed with SIGKILL cannot stop its workers: have Linux stop
    them when their parent dies, instead of leaving them parsing for nobody."""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # no prctl: orphans end when their queue closes


def _work(batch: list[Task]) -> list[Record]:
    assert _worker is not None, "worker started without its initializer"
    return _worker(batch)
