"""Running extraction over a stream of tasks, on one core or several.

The core is engine-agnostic: `BatchExtractor` turns a batch of tasks into
their records, in order, loading the pipeline once. `run_local` feeds it
batches in this process or in worker processes (`quotes.corpus.worker_pool`); the
Ray engine (`quotes.corpus.ray_engine`) feeds the same class from an actor pool.
Batches have the same articles whatever the number of workers, and spaCy's
results do not depend on which process parses a batch, so the records are
identical for any `workers`.

Bad data and bugs part ways. An article's coded error (E013, E030) becomes
its record. An unexpected exception is a bug: it is logged with its
traceback, once per batch, on the `quotes` logger, and the articles it
stops get E027 records; with `fail_fast` the first one ends the run
(E035). A worker process that dies is replaced and its batch retried once;
a batch that kills its worker twice gets E032 records, which `--resume`
extracts again.

Memory stays flat: at most `2 * workers` batches are in flight, and the
input is read only as fast as records are written.
"""

from __future__ import annotations

import logging
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import Any, TypeVar

from .. import api
from ..errors import QuotesError
from ..pipeline.blas import adopt_fast_blas, matmul_after_adoption, process_matmul
from ..records import Extraction
from .lines import CorpusArticle, article_record, error_record, extract_article
from .settings import DEFAULT_BATCH_CHARACTERS, DEFAULT_BATCH_SIZE
from .sources import Task
from .worker_pool import FORK, Died, in_workers, start_method

# Test-only: a worker process handed the article with this id kills itself
# (SIGKILL, as the OOM killer would), so tests can make a worker die for real.
TEST_KILL_ENV = "QUOTES_TEST_KILL_WORKER_ON"
Record = dict[str, Any]
T = TypeVar("T")
log = logging.getLogger("quotes")


@dataclass(frozen=True)
class Bug:
    """An unexpected exception, a bug rather than bad data, told as text: it
    crosses from worker processes, where its traceback object cannot."""

    articles: str  # "articles 'a0' to 'a7'"
    summary: str  # "RuntimeError: the parser crashed"
    trace: str  # the formatted traceback

    @classmethod
    def of(cls, exc: Exception, tasks: Sequence[Task]) -> Bug:
        return cls(describe(tasks), _summary(exc), "".join(traceback.format_exception(exc)).rstrip())

    def report(self, stopped: bool) -> None:
        """Log it with its traceback; when it stopped the run (fail_fast), raise E035."""
        if stopped:
            log.error("%s", self.trace)
            raise QuotesError("E035", articles=self.articles, detail=self.summary)
        log.error(
            "an unexpected error (a bug, not bad data) on %s: %s; the articles it stopped get E027 records\n%s",
            self.articles,
            self.summary,
            self.trace,
        )


@dataclass(frozen=True)
class Batch:
    """A batch's records, and the bug met while extracting them if any."""

    records: list[Record]
    bug: Bug | None = None
    stopped: bool = False  # fail_fast: the bug ends the run, and the batch has no records

    def reported(self) -> list[Record]:
        """The records, once the bug is logged; E035 when it stopped the run."""
        if self.bug is not None:
            self.bug.report(self.stopped)
        return self.records


class _Stop(Exception):
    """fail_fast met a bug while extracting articles one by one."""


class BatchExtractor:
    """Records for batches of tasks; loads the pipeline once, on creation
    (a missing model or broken rules fail here, not once per article)."""

    def __init__(
        self,
        model: str | None = None,
        rules_dirs: Sequence[str] = (),
        min_confidence: float = 0.0,
        fail_fast: bool = False,
    ):
        # One Extractor for the whole run: a rule file edited meanwhile does
        # not change the records halfway.
        self.extractor = api.default_extractor(model, rules_dirs)
        self.min_confidence = min_confidence
        self.fail_fast = fail_fast

    def __call__(self, tasks: Sequence[Task]) -> list[Record]:
        """The tasks' records, in order; a bug met is logged here (or, with fail_fast, raised as E035)."""
        return self.extract(tasks).reported()

    def extract(self, tasks: Sequence[Task]) -> Batch:
        """The tasks' records and the bug they met, unlogged: what a worker process sends back."""
        articles = [t.article for t in tasks if t.article is not None]
        try:
            pairs = ((a.text, a.outlet) for a in articles)
            extractions = list(self.extractor.extract_many(pairs, batch_size=max(1, len(articles))))
        except QuotesError:
            return self._one_by_one(tasks, None)  # an article's coded error (E013, E030): it gets its record
        except Exception as exc:  # noqa: BLE001  (a bug: the articles it does not stop still get their records)
            bug = Bug.of(exc, tasks)
            return Batch([], bug, stopped=True) if self.fail_fast else self._one_by_one(tasks, bug)
        done = iter(extractions)
        return Batch([t.failure if t.article is None else self._record(t.article, next(done)) for t in tasks])

    def _record(self, article: CorpusArticle, extraction: Extraction) -> Record:
        return article_record(article, extraction.at_least(self.min_confidence))

    def _one_by_one(self, tasks: Sequence[Task], bug: Bug | None) -> Batch:
        bugs = [bug] if bug else []

        def on_bug(exc: Exception) -> None:
            if not bugs:
                bugs.append(Bug.of(exc, tasks))
            if self.fail_fast:
                raise _Stop

        try:
            records = [self._one(t, on_bug) for t in tasks]
        except _Stop:
            return Batch([], bugs[0], stopped=True)
        return Batch(records, bugs[0] if bugs else None)

    def _one(self, task: Task, on_bug: Callable[[Exception], None]) -> Record:
        if task.article is None:
            return task.failed or error_record(None, QuotesError("E027", detail="empty task"))
        return extract_article(task.article, self._extract, on_bug)

    def _extract(self, text: str, outlet: str | None) -> Any:
        return self.extractor.extract(text, outlet).at_least(self.min_confidence)


def describe(tasks: Sequence[Task]) -> str:
    """Which articles a batch holds, for a message: "articles 'a0' to 'a7'"."""
    ids = [t.id for t in tasks if t.article is not None]
    if not ids:
        return "a batch without articles"
    return f"article {ids[0]!r}" if len(ids) == 1 else f"articles {ids[0]!r} to {ids[-1]!r}"


def _summary(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


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
    fail_fast: bool = False,
) -> Iterator[Record]:
    """A record per task, in input order, with the claims of at least `min_confidence`."""
    chunks = BatchLimit(batch_size, batch_characters).batches(tasks)
    opening = list(islice(chunks, 2))
    if workers <= 1 or len(opening) < 2:
        # One batch is not worth starting processes for.
        extractor = BatchExtractor(model, rules_dirs, min_confidence, fail_fast)
        for batch in chain(opening, chunks):
            yield from extractor(batch)
        return
    # A model or rules that do not load fail in the first worker to load
    # them, and the error is raised here as it was there.
    start = partial(_start_worker, model, tuple(rules_dirs), min_confidence, fail_fast)
    if start_method() == FORK and process_matmul() == matmul_after_adoption():
        api.load_pipeline(model, rules_dirs)  # loaded once, here: forked workers start with it
    for batch, done in in_workers(chain(opening, chunks), workers, start, describe):
        yield from _died(batch, done) if isinstance(done, Died) else done.reported()


def _died(batch: Sequence[Task], died: Died) -> list[Record]:
    """A batch whose worker died on both tries: E032 for each article (a bad line keeps its record)."""
    error = QuotesError("E032", detail=died.how)
    return [t.failure if t.article is None else error_record(t.id, error) for t in batch]


def _start_worker(
    model: str | None, rules_dirs: tuple[str, ...], min_confidence: float, fail_fast: bool
) -> Callable[[list[Task]], Batch]:
    """A worker process's work function, made once when it starts."""
    adopt_fast_blas()  # the worker process is the engine's: its BLAS policy is ours to set, before the model loads
    return with_test_kill(BatchExtractor(model, rules_dirs, min_confidence, fail_fast).extract)


def with_test_kill(extract: Callable[[list[Task]], Batch]) -> Callable[[list[Task]], Batch]:
    """`extract`, or under TEST_KILL_ENV (tests only) one that kills its process on that article."""
    victim = os.environ.get(TEST_KILL_ENV)
    return partial(_killed_on, victim, extract) if victim else extract


def _killed_on(victim: str, extract: Callable[[list[Task]], Batch], batch: list[Task]) -> Batch:
    if any(t.id == victim for t in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return extract(batch)
