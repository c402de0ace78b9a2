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

from ..records import Extraction
from .claimreview import to_claimreview

# Never fold long lines: a folded quote is harder to read and to grep.
_YAML_WIDTH = float("inf")
# JSON leaves these three raw with ensure_ascii=False (it escapes only the
# controls below U+0020), yet str.splitlines() and some JSON Lines readers
# split on them, which would cut a record in two: the next line (NEL, a C1
# control) and the line and paragraph separators.
_LINE_SEPARATORS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def as_data(obj: Extraction | Mapping[str, Any]) -> Any:
    """Plain JSON-able data for an extraction (or for data already plain)."""
    return obj.to_dict() if isinstance(obj, Extraction) else obj


def to_json(extraction: Extraction) -> str:
    return json.dumps(as_data(extraction), ensure_ascii=False, indent=2) + "\n"


class _YamlDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, except that a string holding NEL (U+0085) is
    written double-quoted, where it is escaped (\\N): quoted with single
    quotes or plain, PyYAML writes it raw, a line break that reading folds
    into a space, so the text would not read back as it was."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None)


_YamlDumper.add_representer(str, _represent_str)


def to_yaml(extraction: Extraction) -> str:
    return yaml.dump(as_data(extraction), Dumper=_YamlDumper, allow_unicode=True, sort_keys=False, width=_YAML_WIDTH)


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
