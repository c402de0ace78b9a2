"""What a corpus job is asked to do (`CorpusJob`) and what it did
(`JobSummary`): plain data, shared by the engines that run jobs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .settings import DEFAULT_BATCH_CHARACTERS, DEFAULT_BATCH_SIZE

if TYPE_CHECKING:
    from .engine import Record
    from .sources import Part


@dataclass
class CorpusJob:
    parts: list[Part]
    output: str | None = None  # None or "-": standard output
    output_is_folder: bool = False
    resume: bool = False
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE  # articles
    batch_characters: int = DEFAULT_BATCH_CHARACTERS
    model: str | None = None
    rules_dirs: Sequence[str] = ()
    engine: str = "local"
    address: str | None = None
    min_confidence: float = 0.0  # claims below it are left out of the records
    fail_fast: bool = False  # the first unexpected error (a bug, not bad data) ends the run: E035
    verbose: bool = False  # let the Ray runtime's own log lines and warnings through
    database: str | None = None  # a claims database to index the records in (quotes.database)


@dataclass
class JobSummary:
    records: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def count(self, record: Record) -> None:
        self.records += 1
        if record.get("error"):
            self.errors[record["error"]["code"]] += 1
