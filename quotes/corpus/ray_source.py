"""The Ray engine's reading: a corpus job's JSON Lines parts as a Ray Data
datasource, a one-row table per batch of the local engine.

A row holds the raw lines of exactly one batch (cut by the local engine's
`BatchLimit`, blank lines riding along) and the number of its first line, so
a bad line's error record names the same line as a local run's and every
article is parsed in the same batch. Imported by the Ray engine only once
Ray is known to be installed.
"""

from __future__ import annotations

import os
import pickle
import socket
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

import pyarrow as pa
from ray.data import Datasource, ReadTask
from ray.data.block import BlockMetadata

from ..errors import QuotesError
from .engine import BatchLimit
from .lines import open_lines
from .sources import tasks_from_lines
from .worker_pool import sendable_error

# A row of the dataset: one batch of one part.
CHUNK = pa.schema(
    [
        ("part", pa.int64()),
        ("seq", pa.int64()),
        ("first", pa.int64()),
        ("raw", pa.binary()),
        ("failure", pa.binary()),  # `sendable_error`, pickled: the part could not be read
    ]
)


class Chunks(Datasource):
    """The parts' lines, a read task per part (see `read_chunks`)."""

    def __init__(self, paths: Sequence[str], limit: BatchLimit):
        self.paths = list(paths)
        self.limit = limit

    def estimate_inmemory_data_size(self) -> int | None:
        sizes = [_size(p) for p in self.paths]
        return None if None in sizes else sum(s for s in sizes if s is not None)

    def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None) -> list[ReadTask]:
        return [
            ReadTask(
                partial(read_chunks, index, path, self.limit),
                BlockMetadata(num_rows=None, size_bytes=_size(path), exec_stats=None, input_files=(path,)),
                schema=CHUNK,
            )
            for index, path in enumerate(self.paths)
        ]


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None  # the read task will say why


def read_chunks(index: int, path: str, limit: BatchLimit) -> Iterator[pa.Table]:
    """A part's lines, a one-row table per batch of the local engine: the
    part's index, the row's number in the part, its first line's number, its
    raw lines (blank ones too: they count for line numbers). A file this node
    cannot read ends the part with a row saying so, raised by the driver."""
    seq, first, articles, characters, chunk = 0, 1, 0, 0, bytearray()
    try:
        with open_lines(path) as lines:
            for number, line in enumerate(lines, 1):
                chunk += line
                for task in tasks_from_lines([line], number):  # none for a blank line
                    articles += 1
                    characters += task.characters
                if limit.reached(articles, characters):
                    yield _chunk(index, seq, first, chunk)
                    seq, first, articles, characters, chunk = seq + 1, number + 1, 0, 0, bytearray()
    except (QuotesError, OSError) as exc:
        detail = exc.detail if isinstance(exc, QuotesError) else exc.strerror or str(exc)
        where = f"{socket.gethostname()} cannot read {path}: {detail}"
        failure = QuotesError("E029", detail=f"{where} (a cluster's nodes must all see the parts at the same path)")
        yield _chunk(index, seq, first, b"", pickle.dumps(sendable_error(failure)))
        return
    if articles:
        yield _chunk(index, seq, first, chunk)


def _chunk(index: int, seq: int, first: int, raw: bytes | bytearray, failure: bytes | None = None) -> pa.Table:
    row = {"part": [index], "seq": [seq], "first": [first], "raw": [bytes(raw)], "failure": [failure]}
    return pa.table(row, schema=CHUNK)
