"""Where a corpus run's records go, so that a killed run loses nothing.

Records are written in input order, each batch's lines with one `write`
call on an unbuffered file, so a run killed at any moment leaves the records
of an input prefix, at worst with a torn last line. `--resume` cuts a torn
last line off, counts the ids already written and skips as many tasks of
each id, in order: the rerun ends with exactly the lines of an uninterrupted
run, none lost, none duplicated. The records of articles whose worker process
died (E032) are taken out again and their articles redone: in a single
file, after the others; a part's file holding one is redone whole.

An output folder holds one file per input part, written to a temporary name
and renamed when the part is done: a part's file is complete or absent.

A write that fails (a full disk, a file size limit) is E026. It leaves only
whole lines: the bytes of a line it could not finish are cut off again, so
`--resume` goes on from the last whole record (a failed part's file is
removed, and `--resume` redoes that part).

A run holds `output_lock` on its output (file or folder) for as long as it
writes it: a second run on the same output stops at once with E031.
"""

from __future__ import annotations

import errno
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from filelock import FileLock, Timeout

from ..errors import QuotesError
from ..formats.emit import to_json_line
from .sources import Task

PART_SUFFIX = ".jsonl"
PARTIAL_SUFFIX = ".partial"
LOCK_SUFFIX = ".lock"
STDOUT_NAME = "standard output"
# Errors a rerun may not meet: `--resume` extracts their articles again
# (E032: a worker process died on the article's batch, twice).
RETRIED_CODES = frozenset({"E032"})
_RETRIED_MARKS = tuple(f'"code":"{code}"'.encode() for code in RETRIED_CODES)  # as `to_json_line` writes them


def write_records(handle: IO[bytes], records: Iterable[dict[str, Any]]) -> None:
    """The records' lines, with as few writes as the file allows, flushed."""
    write_lines(handle, "".join(to_json_line(r) + "\n" for r in records).encode("utf-8"))


def write_lines(handle: IO[bytes], lines: bytes) -> None:
    """Whole lines to `handle`, flushed; a write that fails is E026.

    On an unbuffered file (what `open_record_sink` opens) a failure leaves
    the file as it was plus the lines written in full: a line the file took
    only part of (the disk filled up mid-write) is cut off again, so every
    line of the file stays a whole record and `--resume` goes on from there.
    """
    start = handle.tell() if _cuttable(handle) else None
    data = memoryview(lines)
    done = 0
    try:
        while done < len(data):
            written = handle.write(data[done:])
            done += written if written is not None else len(data) - done
        handle.flush()
    except BaseException as exc:
        if start is not None:
            _cut_torn_line(handle, start + lines.rfind(b"\n", 0, done) + 1)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _write_error(handle, exc) from None
        raise  # a closed pipe (`| head`) and Ctrl-C are not write errors


def _cuttable(handle: IO[bytes]) -> bool:
    """An unbuffered file on disk: its size is what was written, so it can be cut back."""
    return isinstance(handle, io.RawIOBase) and handle.seekable()


def _cut_torn_line(handle: IO[bytes], size: int) -> None:
    with suppress(OSError):  # else the torn line stays, and `--resume` cuts it off (done_ids)
        handle.truncate(size)


def _write_error(handle: IO[bytes], exc: OSError) -> QuotesError:
    name = getattr(handle, "name", None)
    reason = exc.strerror or str(exc)
    if not isinstance(name, (str, os.PathLike)) or str(name).startswith("<"):  # <stdout>, or a descriptor
        return QuotesError("E026", path=STDOUT_NAME, detail=reason)
    name = os.fspath(name).removesuffix(PARTIAL_SUFFIX)  # a part's file, as the user will look for it
    hint = "what was written in full is kept: rerun with --resume to finish"
    return QuotesError("E026", path=name, detail=f"{reason}; {hint}")


def done_ids(path: str) -> Counter[str | None]:
    """Ids of the complete records in an output file, cutting off a torn last
    line (a run killed mid-write). Records of an error a rerun may not meet
    (E032, a worker process died) are dropped from the file, so that their
    articles are extracted again, appended after the others. A missing file
    has none."""
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return Counter()
    except OSError as exc:
        raise QuotesError("E026", path=path, detail=exc.strerror or str(exc)) from None
    ids: Counter[str | None] = Counter()
    retried = False
    with handle:
        complete = 0
        for line in handle:
            record = _record(line) if line.endswith(b"\n") else None
            if record is None:
                break
            if _is_retried(record):
                retried = True
            else:
                ids[record.get("id")] += 1
            complete += len(line)
        handle.truncate(complete)
    if retried:
        _drop_retried(path)
    return ids


def _record(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _is_retried(record: dict[str, Any]) -> bool:
    error = record.get("error")
    return isinstance(error, dict) and error.get("code") in RETRIED_CODES


def _is_retried_line(line: bytes) -> bool:
    # Only a line holding a code's bytes is parsed: a file of records is read at disk speed.
    return any(mark in line for mark in _RETRIED_MARKS) and _is_retried(_record(line) or {})


def _holds_retried(path: Path) -> bool:
    with open(path, "rb") as handle:
        return any(_is_retried_line(line) for line in handle)


def _drop_retried(path: str) -> None:
    """Rewrite the output without the records of RETRIED_CODES; a run killed
    meanwhile leaves the file as it was."""
    kept = f"{path}{PARTIAL_SUFFIX}"
    try:
        with open(path, "rb") as source, open(kept, "wb") as target:
            target.writelines(line for line in source if not _is_retried_line(line))
            target.flush()
            os.fsync(target.fileno())
        os.replace(kept, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(kept)
        raise QuotesError("E026", path=path, detail=exc.strerror or str(exc)) from None


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
    try:
        yield handle
    except BaseException:
        with suppress(OSError):
            handle.close()
        raise
    try:
        handle.close()
    except OSError as exc:  # a network file system may report a failed write only here
        raise _write_error(handle, exc) from None


def part_path(folder: str, name: str) -> Path:
    return Path(folder) / f"{name}{PART_SUFFIX}"


def part_done(folder: str, name: str) -> bool:
    """Whether a part's file is there, whole, without records to redo (E032)."""
    path = part_path(folder, name)
    return path.is_file() and not _holds_retried(path)


@contextmanager
def part_writer(folder: str, name: str) -> Iterator[IO[bytes]]:
    """A part's output, visible under its name only once all of it is
    written: renamed from a temporary file on success, removed on failure."""
    final = part_path(folder, name)
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        # Unbuffered, as the single output file: a failed write leaves nothing
        # buffered for close() to fail on again.
        handle = open(partial, "wb", buffering=0)
    except OSError as exc:
        raise QuotesError("E026", path=str(final), detail=exc.strerror or str(exc)) from None
    try:
        with handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise _write_error(handle, exc) from None
        os.replace(partial, final)
    finally:
        if partial.exists():
            partial.unlink()


@contextmanager
def output_lock(path: str | None, is_folder: bool = False) -> Iterator[None]:
    """Hold the lock of a corpus output while a run writes it.

    A second run on the same output, in another process or thread, fails at
    once with E031 instead of waiting or writing over the first's records.
    The lock is the OS's (flock), so it goes with the process that holds it:
    released at the end of the run, on an error or Ctrl-C, and by the kernel
    when the process is killed; a lock file left behind never blocks a run.
    Within one thread the hold is reentrant (the CLI takes it before counting
    the input, and `run_job` again). Standard output needs no lock.
    """
    if path is None or path == "-":
        yield
        return
    lock_file = lock_path(path)
    if not is_folder and not os.path.isdir(os.path.dirname(lock_file)):
        # filelock would create the missing folders; an output file's folder must exist.
        raise QuotesError("E026", path=path, detail=os.strerror(errno.ENOENT))
    lock = FileLock(lock_file, blocking=False, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise QuotesError("E031", path=path, lock=lock_file) from None
    except OSError as exc:
        raise QuotesError("E026", path=path, detail=f"{exc.strerror or exc} (its lock {lock_file})") from None
    try:
        yield
    finally:
        lock.release()


def lock_path(path: str) -> str:
    """The lock file of an output: a sibling, `out.jsonl.lock` (`out.lock` for a folder `out/`).

    Not the output itself: a run that does not resume truncates the output
    when it opens it (before it could lock it, it would wipe the records of
    the run holding it), resume cuts it, and a lock file may be removed on
    release (on Windows, or as filelock's soft fallback where a file system
    has no flock). Not a file inside an output folder either: the folder
    holds the parts' files and nothing else.
    """
    return os.path.abspath(path) + LOCK_SUFFIX
