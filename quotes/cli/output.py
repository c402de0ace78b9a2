"""What every command shares: its exit codes, and how it writes its output
(standard output) and its problems (standard error, one line each)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import QuotesError

PROG = "quotes"
EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
# What a shell reports for a process ended by SIGPIPE (`quotes … | head`).
EXIT_BROKEN_PIPE = 141


def write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def write_file(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise QuotesError("E026", path=str(path), detail=exc.strerror or str(exc)) from None


def error(text: str) -> None:
    sys.stderr.write(f"{PROG}: {one_line(text)}\n")


def one_line(text: str) -> str:
    # Scripts read errors line by line; a message may quote a multi-line value.
    return " ".join(text.splitlines())


def failed_articles(count: int, total: int, detail: str) -> int:
    """Exit 1 with one line on stderr when some articles could not be extracted."""
    if not count:
        return EXIT_OK
    error(f"{count} of {plural(total, 'article')} failed {detail}")
    return EXIT_FAILED


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
