"""Where a corpus run's articles come from: JSON Lines files, folders of
.txt files, or standard input, each one a *part* of the run.

Every input item becomes a Task, in input order: an article to extract, or
the error record of an item that is not one (a bad line, an unreadable
file). Reading is lazy, a line or a file at a time, so a corpus of any size
streams through in bounded memory.

A .txt file is read as `quotes extract` reads one: UTF-8, else the encoding
its byte-order mark names or charset-normalizer detects, or the encoding
the part forces. JSON Lines are UTF-8, whatever the part says.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QuotesError
from ..formats.ingest import STDIN, check_encoding, decode_text, open_binary
from .lines import CorpusArticle, Line, error_record, open_lines, read_lines

TEXT_SUFFIX = ".txt"


@dataclass(frozen=True)
class Task:
    """One input item: an article to extract, or the record of why not."""

    article: CorpusArticle | None = None
    failed: dict[str, Any] | None = None
    # For the user, when the article's file was not UTF-8: "a/b.txt: decoded as cp1252 (not UTF-8)".
    notice: str | None = None

    @property
    def id(self) -> str | None:
        return self.article.id if self.article else self.failed["id"] if self.failed else None

    @property
    def failure(self) -> dict[str, Any]:
        """The record of an item that is no article (a task holds one or the other)."""
        if self.failed is None:
            raise ValueError(f"the task of {self.id} holds an article, not a failure")
        return self.failed

    @property
    def characters(self) -> int:
        """The length of the text to parse: a batch's measure of work."""
        return len(self.article.text) if self.article else 0


@dataclass(frozen=True)
class Part:
    """One input of a run: a JSON Lines file, a folder of .txt, or stdin."""

    path: str
    name: str  # unique among the run's parts: its output file is out/<name>.jsonl
    encoding: str | None = None  # forced on the .txt files of a folder; None: UTF-8 or detected

    @property
    def is_folder(self) -> bool:
        return self.path != STDIN and os.path.isdir(self.path)


def parts_of(paths: Sequence[str], encoding: str | None = None) -> list[Part]:
    """The parts named on the command line, with output names that differ
    even when two inputs share a file name; `encoding` (E008 if unknown) is
    forced on the .txt files of folders."""
    encoding = check_encoding(encoding) if encoding else None
    parts: list[Part] = []
    taken: set[str] = set()
    for path in paths:
        stem = "stdin" if path == STDIN else Path(path.rstrip("/\\")).name or "input"
        stem = stem[: -len(".jsonl")] if stem.endswith(".jsonl") else stem
        name, n = stem, 1
        while name in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        parts.append(Part(path, name, encoding))
    return parts


def tasks_from_lines(lines: Iterable[Line], first: int = 1) -> Iterator[Task]:
    """Tasks of JSON Lines, numbered from `first`; blank lines are skipped."""
    for item in read_lines(lines, first):
        yield Task(failed=item) if isinstance(item, dict) else Task(article=item)


def tasks_from_folder(folder: str, encoding: str | None = None) -> Iterator[Task]:
    """A task per .txt file under `folder`, in path order; its id is the path
    relative to the folder without ".txt" ("2024/03/a.txt" -> "2024/03/a").
    `encoding` forces one (E008 if unknown, before any file is read)."""
    codec = check_encoding(encoding) if encoding else None
    root = Path(folder)
    files = sorted(p for p in root.rglob(f"*{TEXT_SUFFIX}") if p.is_file())
    for number, path in enumerate(files, 1):
        article_id = path.relative_to(root).as_posix()[: -len(TEXT_SUFFIX)]
        try:
            with open_binary(str(path)) as handle:
                decoded = decode_text(handle.read(), str(path), codec)
        except QuotesError as exc:
            yield Task(failed=error_record(article_id, exc))
        except OSError as exc:
            failure = QuotesError("E006", path=str(path), detail=exc.strerror or str(exc))
            yield Task(failed=error_record(article_id, failure))
        else:
            notice = decoded.note and f"{path}: {decoded.note}"
            yield Task(article=CorpusArticle(line=number, id=article_id, text=decoded.text), notice=notice)


def tasks_of(part: Part) -> Iterator[Task]:
    """Every task of a part. A missing input fails at once (E001, E002, E006)."""
    if part.is_folder:
        yield from tasks_from_folder(part.path, part.encoding)
        return
    with open_lines(part.path) as lines:
        yield from tasks_from_lines(lines)
