"""Safe YAML loading that remembers where every value stands.

Rule files are edited by people, so three YAML habits are refused or undone:
objects are never constructed (safe loading), `yes`/`no`/`on`/`off` stay
strings (only `true`/`false` are booleans), and a key given twice is an error
instead of silently keeping the last value.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Location, QuotesError

JsonPath = tuple[str | int, ...]
Marks = dict[JsonPath, tuple[int, int]]

_BOOL_TAG = "tag:yaml.org,2002:bool"


class StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: `no` is the string 'no'."""


StrictSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictSafeLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str, path: str) -> tuple[Any, Marks, list[QuotesError]]:
    """Parse one YAML document: its data, the line:col of each value, and the
    problems that do not stop the reading (a duplicate key keeps its first
    value and is reported, with every other one)."""
    loader = StrictSafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise QuotesError("E100", location, detail=exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise QuotesError("E100", Location(path), detail=str(exc)) from None
    finally:
        loader.dispose()
    marks: Marks = {}
    problems: list[QuotesError] = []
    data = _construct(node, (), loader, marks, path, problems) if node is not None else None
    return data, marks, problems


_DATA_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


def _construct(
    node: yaml.Node, at: JsonPath, loader: yaml.SafeLoader, marks: Marks, path: str, problems: list[QuotesError]
) -> Any:
    marks[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _DATA_TAGS:
        # Rule files are data: a `!!python/...` or custom tag is refused, not
        # silently dropped.
        where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
        raise QuotesError("E100", where, detail=f"tag {node.tag!r} is not allowed in a rule file")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                where = Location(path, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.append(QuotesError("E101", where, key=key))
                continue
            result[key] = _construct(value_node, at + (key,), loader, marks, path, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, at + (i,), loader, marks, path, problems) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
        raise QuotesError("E100", where, detail=exc.problem or str(exc)) from None


def location_of(marks: Marks, path: str, at: JsonPath) -> Location:
    """The location of the deepest value along `at` that has a mark."""
    for depth in range(len(at), -1, -1):
        if at[:depth] in marks:
            line, column = marks[at[:depth]]
            return Location(path, line, column)
    return Location(path)
