"""Unchanged rule files read from their parsed form, not their YAML.

Composing a rule file's YAML node by node (which is what lets every value
keep its line and column) is most of what reading the built-in rules costs
at start-up once their validation is cached (`validated`). A file that
validated is therefore also kept parsed, as JSON, under a name made of the
sha256 of its bytes and the quotes version: the same bytes always parse to
the same data and marks, and JSON constructs no objects. Data that JSON
would change (a date, a number as a mapping key) is not kept; a missing,
unreadable or malformed entry is parsed from the YAML as before.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..version import __version__
from .validated import cache_dir, write_atomically
from .yamlsafe import Marks

FOLDER = "parsed-rules"
FORMAT = 1


def entry_path(raw: bytes) -> Path:
    key = hashlib.sha256(b"\0".join([str(FORMAT).encode(), __version__.encode(), raw])).hexdigest()
    return cache_dir() / FOLDER / f"{key}.json"


def recalled(raw: bytes) -> tuple[Any, Marks] | None:
    """The data and marks a file with these bytes parsed to, if kept."""
    try:
        stored = json.loads(entry_path(raw).read_bytes())
        # Our own file, named by the sha256 of its source: its shape is not
        # checked step by step (5,000 marks, a third of a warm start); a
        # damaged one fails here (a mark that is not [path, line, column],
        # a path that is not a list) and is parsed from the YAML again.
        marks: Marks = {tuple(at): (line, column) for at, line, column in stored["marks"] if type(at) is list}
        return stored["data"], marks
    except (OSError, ValueError, TypeError, KeyError):
        return None


def keep(raw: bytes, data: Any, marks: Marks) -> None:
    """Keep what a validated file parsed to, when JSON gives it back the same."""
    stored = {"data": data, "marks": [[list(at), line, column] for at, (line, column) in marks.items()]}
    try:
        text = json.dumps(stored, ensure_ascii=False)
        if json.loads(text)["data"] != data:
            return
        write_atomically(entry_path(raw), text)
    except (OSError, TypeError, ValueError):
        return  # a read-only home, a full disk, data JSON cannot hold: parsed again next time
