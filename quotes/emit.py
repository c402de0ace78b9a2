"""Writing an extraction as YAML, JSON or JSON Lines.

All three carry the same data, `Extraction.to_dict()`, whose shape is fixed
by quotes/schemas/claims.schema.json. Text is written as text (no \\u
escapes) because the quotes are what people read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from .claimreview import to_claimreview
from .records import Extraction

# Never fold long lines: a folded quote is harder to read and to grep.
_YAML_WIDTH = float("inf")
# JSON leaves these two raw with ensure_ascii=False, yet str.splitlines() and
# some JSON Lines readers split on them, which would cut a record in two.
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029"}


def as_data(obj: Extraction | Mapping[str, Any]) -> Any:
    """Plain JSON-able data for an extraction (or for data already plain)."""
    return obj.to_dict() if isinstance(obj, Extraction) else obj


def to_json(extraction: Extraction) -> str:
    return json.dumps(as_data(extraction), ensure_ascii=False, indent=2) + "\n"


def to_yaml(extraction: Extraction) -> str:
    return yaml.safe_dump(
        as_data(extraction), allow_unicode=True, sort_keys=False, width=_YAML_WIDTH
    )


def to_json_line(obj: Extraction | Mapping[str, Any]) -> str:
    """One compact JSON object on one line, without its line end."""
    line = json.dumps(as_data(obj), ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _LINE_SEPARATORS.items():
        line = line.replace(raw, escaped)
    return line


FORMATS: dict[str, Callable[[Extraction], str]] = {
    "yaml": to_yaml,
    "json": to_json,
    "claimreview": to_claimreview,
}
