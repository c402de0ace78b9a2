"""Where a corpus run's records go, so that a killed run loses nothing.

Records are written in input order, each batch's lines with one `write`
call on an unbuffered file, so a run killed at any moment leaves the records
of an input prefix, at worst with a torn last line. `--resume` cuts a torn
last line off, counts the ids already written and skips as many tasks of
each id, in order: the rerun ends with exactly the lines of an uninterrupted
run, none lost, none duplicated.

An output folder holds one file per input part, written to a temporary name
and renamed when the part is done: a part's file is complete or absent.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .emit import to_json_line
from .errors import QuotesError
from .sources import Task

PART_SUFFIX = ".jsonl"
PARTIAL_SUFFIX = ".partial"


def write_records(handle: IO[bytes], records: Iterable[dict[str, Any]]) -> None:
    """The records' lines, with as few writes as the file allows, flushed."""
    data = memoryview("".join(to_json_line(r) + "\n" for r in records).encode("utf-8"))
    while data:
        written = handle.write(data)
        data = data[written if written is not None else len(data) :]
    handle.flush()


def done_ids(path: str) -> Counter[str | None]:
    """Ids of the complete records in an output file, cutting off a torn last
    line (a run killed mid-write). A missing file has none."""
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return Counter()
    except OSError as exc:
        raise QuotesError("E026", path=path, detail=exc.strerror or str(exc)) from None
    ids: Counter[str | None] = Counter()
    with handle:
        complete = 0
        for line in handle:
            if not line.endswith(b"\n") or not _is_record(line):
                break
            ids[json.loads(line).get("id")] += 1
            complete += len(line)
        handle.truncate(complete)
    return ids


def _is_record(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def skip_done(tasks: Iterable[Task], done: Counter[str | None]) -> Iterator[Task]:
    """The tasks still to do: each id's first `done[id]` tasks are skipped."""
    left = Counter(done)
    for task in tasks:
        if left[task.id] > 0:
            left[task.id] -= 1
            continue
        yield task


@contextmanager
def open_record_sink(path: str | None, append: bool) -> Iterator[IO[bytes]]:
    """An unbuffered binary file for records (standard output for None/"-")."""
    if path is None or path == "-":
        yield sys.stdout.buffer
        return
    try:
        handle = open(path, "ab" if append else "wb", buffering=0)
    except OSError as exc:
        raise QuotesError("E026", path=path, detail=exc.strerror or str(exc)) from None
    with handle:
        yield handle


def part_path(folder: str, name: str) -> Path:
    return Path(folder) / f"{name}{PART_SUFFIX}"


def part_done(folder: str, name: str) -> bool:
    return part_path(folder, name).is_file()


@contextmanager
def part_writer(folder: str, name: str) -> Iterator[IO[bytes]]:
    """A part's output, visible under its name only once all of it is
    written: renamed from a temporary file on success, removed on failure."""
    final = part_path(folder, name)
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        handle = open(partial, "wb")
    except OSError as exc:
        raise QuotesError("E026", path=str(final), detail=exc.strerror or str(exc)) from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, final)
    finally:
        if partial.exists():
            partial.unlink()
