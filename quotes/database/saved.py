"""Saved `quotes corpus` output, read back to be indexed: one record a line.

A line that is not a JSON object (a torn last line of a killed run, a file
that is not corpus output) is given as None, for the caller to count: the
records around it are indexed all the same.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from ..formats.ingest import STDIN, open_binary


def saved_records(path: str) -> Iterator[dict[str, Any] | None]:
    """The records of a JSON Lines file ("-": standard input), None for a line that holds none."""
    if path == STDIN:
        yield from _records(sys.stdin.buffer)
        return
    with open_binary(path) as lines:
        yield from _records(lines)


def _records(lines: IO[bytes]) -> Iterator[dict[str, Any] | None]:
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:  # not JSON, or not UTF-8
            yield None
            continue
        yield record if isinstance(record, dict) else None
