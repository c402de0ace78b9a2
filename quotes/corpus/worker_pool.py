"""Worker processes that outlive a worker's death: items in, results out, in order.

`in_workers` hands each item to one of `size` worker processes and yields
`(item, result)` in input order, taking at most `2 * size` items from the
input ahead of what it yielded. Each worker builds its work function once
(`make_work`, pickled to it): a pipeline loads once per process.

A worker holds one item at a time, so the pool knows which item a dead
worker was on (ProcessPoolExecutor breaks whole instead, failing every
pending item alike). The dead worker is replaced and its item retried once
in the new one; if that one dies too, the item's result is `Died`, for the
caller to record, and the run goes on. A worker dying while it loads fails
the run (E029): every item would meet the same end.

Workers are forked when this process runs no thread but its main one (the
command line: its progress bar runs no monitor thread, and OpenBLAS stops
its own threads around a fork), so that they inherit the pipeline the
parent loaded and start at once; a fork of a process running other threads
copies their locks but not the threads, which can deadlock the child
(Python 3.12+ warns). Otherwise, or where there is no fork, they start with
"spawn", a fresh interpreter that loads its own (about 3 s a worker here).
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import pickle
import signal
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Final, Generic, Literal, TypeVar

from ..errors import QuotesError
from ..rules.ruleset import RulesInvalid

FORK: Final = "fork"
SPAWN: Final = "spawn"
READ_AHEAD = 2  # items per worker taken from the input and not yet yielded
TRIES = 2  # deaths on one item before its result is Died
STOP_WAIT = 10.0  # seconds a worker has to end once told to
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger("quotes")


@dataclass(frozen=True)
class Died:
    """The result of an item whose worker died on every try; `how` the last one ended."""

    how: str  # "killed by SIGKILL", "exit code 3"


@dataclass
class _Item(Generic[T]):
    seq: int
    value: T
    deaths: int = 0


def start_method() -> Literal["fork", "spawn"]:
    """How a worker starts now: forked from this process when that is safe."""
    if FORK in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return FORK
    return SPAWN


class _Worker:
    def __init__(self, make_work: Callable[[], Callable[[Any], Any]]):
        # Each start method by name: typed as its own context, which has `Process`.
        fork = start_method() == FORK
        context = multiprocessing.get_context(FORK) if fork else multiprocessing.get_context(SPAWN)
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, make_work), daemon=True)
        with _sigint_ignored():
            self.process.start()
        theirs.close()
        self.conn: Connection = ours
        self.ready = False
        self.item: _Item[Any] | None = None


def in_workers(
    values: Iterable[T],
    size: int,
    make_work: Callable[[], Callable[[T], R]],
    describe: Callable[[T], str] = repr,
) -> Iterator[tuple[T, R | Died]]:
    """Each value with its result, in input order, from `size` worker processes."""
    pool = _Pool(make_work, describe)
    try:
        pool.start(size)
        yield from pool.run(iter(values))
        pool.stop()
    finally:
        pool.kill()


class _Pool(Generic[T, R]):
    def __init__(self, make_work: Callable[[], Callable[[T], R]], describe: Callable[[T], str]):
        self.make_work = make_work
        self.describe = describe
        self.workers: list[_Worker] = []
        self.todo: deque[_Item[T]] = deque()
        self.results: dict[int, tuple[T, R | Died]] = {}  # by input position, until their turn

    def start(self, size: int) -> None:
        for _ in range(size):
            self.workers.append(_Worker(self.make_work))

    def run(self, values: Iterator[T]) -> Iterator[tuple[T, R | Died]]:
        taken = given = 0
        exhausted = False
        while True:
            while not exhausted and taken - given < READ_AHEAD * len(self.workers):
                value = next(values, _END)
                if value is _END:
                    exhausted = True
                    break
                self.todo.append(_Item(taken, value))
                taken += 1
            self._hand_out()
            if given in self.results:
                yield self.results.pop(given)
                given += 1
                continue
            if exhausted and given == taken:
                return
            self._collect()

    def _hand_out(self) -> None:
        for worker in self.workers:
            if worker.item is None and self.todo:
                worker.item = self.todo.popleft()
                try:
                    worker.conn.send(worker.item.value)
                except OSError:
                    pass  # it died: _collect finds it

    def _collect(self) -> None:
        """Wait for a result or a death, and take in what came."""
        ready = set(wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]))
        for index, worker in enumerate(self.workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                self._read(worker)
                if not worker.process.is_alive():
                    self.workers[index] = self._replace(worker)

    def _read(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                if kind == "failed":
                    raise received_error(*payload)
                if kind == "ready":
                    worker.ready = True
                elif worker.item is not None:  # "done"
                    self.results[worker.item.seq] = (worker.item.value, payload)
                    worker.item = None
        except (EOFError, OSError):
            worker.process.join()  # its end of the pipe is closed: it is ending

    def _replace(self, dead: _Worker) -> _Worker:
        """A new worker for a dead one; the item it held is retried, or Died."""
        dead.conn.close()
        how = _how_it_ended(dead.process.exitcode)
        if not dead.ready:
            raise QuotesError("E029", detail=f"a worker process died while loading the pipeline ({how})")
        item = dead.item
        if item is not None:
            item.deaths += 1
            if item.deaths >= TRIES:
                self.results[item.seq] = (item.value, Died(how))
            else:
                what = self.describe(item.value)
                log.warning("a worker process died (%s) on %s: retrying in a new worker", how, what)
                self.todo.appendleft(item)
        return _Worker(self.make_work)

    def stop(self) -> None:
        """Tell every worker to end, and wait for them."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(STOP_WAIT)

    def kill(self) -> None:
        """End the workers still running (an error, Ctrl-C, a consumer that stopped)."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join()
            worker.conn.close()


_END: Any = object()


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is None or exitcode >= 0:
        return f"exit code {exitcode}"
    try:
        return f"killed by {signal.Signals(-exitcode).name}"
    except ValueError:
        return f"killed by signal {-exitcode}"


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C ignored while a worker starts, so that the worker ignores it
    for life (an ignored signal stays ignored through exec, and Python
    leaves it so). The terminal sends Ctrl-C to every process of the run:
    it is the parent's alone to handle (it ends the workers), instead of a
    traceback from each worker's imports. A Ctrl-C within those few
    milliseconds is lost. (Blocking it would not do: another thread of the
    parent, OpenBLAS's, takes a signal its thread blocks.) Only the main
    thread may change a signal's handler: elsewhere workers start as they are."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def _serve(conn: Connection, make_work: Callable[[], Callable[[Any], Any]]) -> None:
    """A worker's life: build the work function, then an item in and its result out, until None."""
    _die_with_parent()
    try:
        work = make_work()
    except Exception as exc:  # noqa: BLE001  (a model or rules that do not load: the parent raises it)
        conn.send(("failed", sendable_error(exc)))
        return
    conn.send(("ready", None))
    try:
        while (value := conn.recv()) is not None:
            try:
                answer = ("done", work(value))
            except Exception as exc:  # noqa: BLE001  (a bug in the work function: the parent raises it)
                answer = ("failed", sendable_error(exc))
            conn.send(answer)
    except EOFError:
        pass  # the parent is gone


def sendable_error(exc: Exception) -> tuple[Exception, str | None]:
    """An exception to send to another process (a worker's parent, Ray's
    driver), with its traceback when it is a bug (QuotesError and
    RulesInvalid are the user's: one line each, no traceback)."""
    told = None if isinstance(exc, (QuotesError, RulesInvalid)) else "".join(traceback.format_exception(exc))
    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001  (an exception that does not pickle: keep its words)
        exc = QuotesError("E029", detail=f"a worker process failed: {type(exc).__name__}: {exc}")
    return exc, told


def received_error(exc: Exception, told: str | None) -> Exception:
    """The exception another process sent, to raise here; its traceback, if a bug's, is logged."""
    if told:
        log.error("a worker process failed unexpectedly (a bug):\n%s", told.rstrip())
    return exc


def _die_with_parent() -> None:
    """A run killed with SIGKILL cannot stop its workers: have Linux stop
    them when their parent dies, instead of leaving them parsing for nobody."""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # no prctl: orphans end when their pipe closes
