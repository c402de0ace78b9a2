"""Opening the claims database: which file (--db, else $QUOTES_DB), for
reading or for writing.

Every connection runs in autocommit mode: a writer opens its transactions
itself (`BEGIN IMMEDIATE`, so two writers queue instead of deadlocking) and
a reader reads what was committed. The file is in WAL mode, so searches run
while a corpus run indexes; the busy timeout makes a command that meets a
lock it cannot read past (a checkpoint, another writer) wait instead of
failing.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ..errors import QuotesError
from .schema import check_schema, migrate

DATABASE_VARIABLE = "QUOTES_DB"
BUSY_TIMEOUT_SECONDS = 60.0
T = TypeVar("T")


def database_path(given: str | None) -> str:
    """The database a command names: --db, else $QUOTES_DB (E070 if neither)."""
    path = given or os.environ.get(DATABASE_VARIABLE)
    if not path:
        raise QuotesError("E070")
    return path


def open_for_reading(path: str) -> sqlite3.Connection:
    """An existing claims database (E071 if missing, E072 if not one, E073 if newer)."""
    if not os.path.exists(path):
        raise QuotesError("E071", path=path)
    if os.path.isdir(path):
        raise QuotesError("E072", path=path, detail="it is a directory")
    conn = _connect(path, create=False)
    try:
        # A file of an older schema is brought up to date first (it needs writing once).
        version = _checked(path, lambda: check_schema(conn, path))
        if version == 0:
            raise QuotesError("E072", path=path, detail="an empty file (no claims were ever indexed in it)")
        _checked(path, lambda: migrate(conn, path))
    except BaseException:
        conn.close()
        raise
    return conn


def open_for_writing(path: str) -> sqlite3.Connection:
    """The claims database, made (with its folder's existence required) if missing."""
    if os.path.isdir(path):
        raise QuotesError("E076", path=path, detail="it is a directory")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise QuotesError("E076", path=path, detail=f"no folder {folder}")
    conn = _connect(path, create=True)
    try:
        _checked(path, lambda: migrate(conn, path))
        # Written after each transaction rather than synced to disk: a power
        # cut may lose the last batches, never corrupt the file (WAL).
        conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _connect(path: str, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise QuotesError("E076" if create else "E071", path=path, detail=str(exc)) from None
    try:
        _checked(path, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    except BaseException:
        conn.close()
        raise
    return conn


def _checked(path: str, step: Callable[[], T]) -> T:
    """Run a step on a file just opened: SQLite reports a file that is not a
    database (or a damaged one) only when it first reads it."""
    try:
        return step()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
            raise QuotesError("E076", path=path, detail=str(exc)) from None
        raise QuotesError("E072", path=path, detail=str(exc)) from None


@contextmanager
def database_errors(path: str, writing: bool) -> Iterator[None]:
    """SQLite's failures in the block as coded errors: a damaged file is
    E072; a write that fails (a full disk, a file made read-only) E076."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        damaged = not isinstance(exc, sqlite3.OperationalError) or "malformed" in str(exc)
        code = "E072" if damaged or not writing else "E076"
        raise QuotesError(code, path=path, detail=str(exc)) from None
