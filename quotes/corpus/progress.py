"""A corpus run's progress bar: articles/s, words/s, errors, ETA; and the
`quotes` logger's lines above it.

Shown on standard error when it is a terminal, silent otherwise (logs and
pipes get no control characters).
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .bar import Bar
    from .sources import Part, Task


def _bar(**options: Any) -> Bar:
    """A progress bar on standard error; tqdm is imported with the first."""
    from .bar import Bar

    return Bar(file=sys.stderr, dynamic_ncols=True, **options)


def _write_above(text: str, stream: Any) -> None:
    """A line written above the progress bars shown, not through them."""
    from .bar import Bar

    Bar.write(text, file=stream)


def count_tasks(parts: Iterable[Part]) -> int | None:
    """How many items the parts hold, for the ETA; None if one is a stream."""
    total = 0
    for part in parts:
        if part.path == "-":
            return None
        if part.is_folder:
            total += sum(1 for p in Path(part.path).rglob("*.txt") if p.is_file())
        else:
            with open(part.path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
    return total


class Progress:
    """Counts records as they are written; words come from the tasks read."""

    def __init__(self, total: int | None, enabled: bool | None = None):
        shown = sys.stderr.isatty() if enabled is None else enabled
        self.bar = _bar(total=total, unit="art", disable=not shown)
        self.words: deque[int] = deque()
        self.word_total = 0
        self.errors = 0
        self.started = time.monotonic()

    def reading(self, tasks: Iterable[Task]) -> Iterator[Task]:
        for task in tasks:
            if task.notice:
                self.note(task.notice)
            self.words.append(len(task.article.text.split()) if task.article else 0)
            yield task

    def note(self, text: str) -> None:
        """A line for the user on standard error, bar or no bar (above it
        when shown): a file read in another encoding than UTF-8, say."""
        _write_above(f"quotes: {text}", sys.stderr)

    def wrote(self, record: dict[str, Any], words: int | None = None) -> None:
        """One record written; `words` of its article when no task was read here."""
        if words is None:
            words = self.words.popleft() if self.words else 0
        self.word_total += words
        self.errors += record.get("error") is not None
        self.bar.update(1)
        if self.bar.n % 16 == 0:
            rate = self.word_total / max(time.monotonic() - self.started, 1e-9)
            self.bar.set_postfix(words_s=f"{rate:,.0f}", errors=self.errors, refresh=False)

    def skipped(self, count: int) -> None:
        self.bar.update(count)

    def close(self) -> None:
        self.bar.close()


class PieceProgress:
    """A long text's progress, piece by piece, on standard error when it is
    a terminal. Nothing shows for a text read whole: the bar appears with
    the first piece done."""

    def __init__(self, enabled: bool | None = None):
        self.shown = sys.stderr.isatty() if enabled is None else enabled
        self.bar: Bar | None = None

    def update(self, done: int, total: int) -> None:
        if not self.shown:
            return
        if self.bar is None:
            self.bar = _bar(total=total, unit="piece", desc="reading")
        self.bar.update(done - self.bar.n)

    def __enter__(self) -> PieceProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


class _StderrLines(logging.Handler):
    """A log record as `quotes: message` on standard error (a traceback on
    the lines below), written above a progress bar rather than through it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        # Standard error as it is now: the Ray engine hides Ray's output by
        # replacing sys.stderr while it runs, and these lines must still show.
        self.stream = sys.stderr

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _write_above(f"quotes: {self.format(record)}", self.stream)
        except Exception:  # noqa: BLE001  (logging must not fail the run)
            self.handleError(record)


@contextmanager
def log_to_stderr(name: str = "quotes") -> Iterator[None]:
    """The logger `name`'s warnings and errors on standard error, once each,
    while the block runs: the command line's setup (a library caller keeps
    its own logging)."""
    logger = logging.getLogger(name)
    handler = _StderrLines()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # a handler of the root logger would print it again
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
