"""Search hits as a table for a terminal: one line a hit, as wide as the
terminal, the claim's text taking what the other columns leave (cut with
"…"). The claim ids, for `quotes trace --claim`, come on terminals of at
least WIDE_TERMINAL columns; `--format json` always has them."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from ..database.hits import Hit

WIDE_TERMINAL = 120
GAP = "  "
ELLIPSIS = "…"
MIN_TEXT_WIDTH = 20
# (header, Hit field, widest it may get); the text takes the rest.
COLUMNS = [("date", "published", 10), ("outlet", "outlet", 16), ("speaker", "speaker", 20)]
ID_COLUMN = ("id", "claim_id", 28)


def hit_table(hits: Sequence[Hit], width: int | None = None) -> str:
    width = width or shutil.get_terminal_size((80, 24)).columns
    if not hits:
        return "no claims found"
    columns = COLUMNS + ([ID_COLUMN] if width >= WIDE_TERMINAL else [])
    cells = [[_value(hit, field) for _, field, _ in columns] for hit in hits]
    widths = [min(limit, max(len(header), *(len(row[n]) for row in cells))) for n, (header, _, limit) in enumerate(columns)]
    text_width = max(MIN_TEXT_WIDTH, width - sum(widths) - len(GAP) * len(columns))
    headers = [header for header, _, _ in columns]
    lines = [_line(headers, widths, "claim", text_width)]
    lines += [_line(row, widths, _one_line(hit.text), text_width) for row, hit in zip(cells, hits)]
    return "\n".join(lines)


def _value(hit: Hit, field: str) -> str:
    value = getattr(hit, field)
    if field == "published" and value:
        return str(value)[:10]  # the date of a date-time
    return "" if value is None else str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _line(cells: Sequence[str], widths: Sequence[int], text: str, text_width: int) -> str:
    parts = [cut(cell, w).ljust(w) for cell, w in zip(cells, widths)]
    return GAP.join([*parts[:3], cut(text, text_width).ljust(text_width), *parts[3:]]).rstrip()


def cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, "…" ending it when cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + ELLIPSIS
