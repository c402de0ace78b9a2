"""Safe YAML loading that remembers where every value stands.

Rule files are edited by people, so three YAML habits are refused or undone:
objects are never constructed (safe loading), `yes`/`no`/`on`/`off` stay
strings (only `true`/`false` are booleans), and a key given twice is an error
instead of silently keeping the last value.

Rule files are also shared between newsrooms, so a hostile one must not hang
the tool: anchors and aliases, files over MAX_BYTES and lists or mappings
nested deeper than MAX_DEPTH are refused while the file is parsed, before any
structure is built. Every YAML the tool reads goes through this module.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..errors import Location, QuotesError
from .messages import yaml_problem

JsonPath = tuple[str | int, ...]
Marks = dict[JsonPath, tuple[int, int]]

_BOOL_TAG = "tag:yaml.org,2002:bool"


# The largest built-in rule file is about 15 KB. Pure-Python PyYAML builds a
# few hundred bytes of nodes per value at a few hundred KB a second, so a
# 1 MiB file of one-letter list items takes some 15 s and 550 MB; at 256 KiB a
# pathological file costs a few seconds, and a real one is still far below.
MAX_BYTES = 256 * 1024
# Built-in rule files nest at most 7 levels (a token's attributes in a
# pattern in a phrase). The composer and every walk over the data recurse once
# per level: a few thousand `[` ended in a RecursionError traceback.
MAX_DEPTH = 32


class _Position(Protocol):
    """A parser's mark, pure-Python or libyaml's: where an event starts."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class _Refused(Exception):
    """Raised inside the parser; load_yaml adds the file's path."""

    def __init__(self, code: str, mark: _Position | None, **fields: object):
        self.code = code
        self.mark = mark
        self.fields = fields
        super().__init__(code)


class StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (`no` is the string 'no') that refuses
    anchors, aliases and deep nesting as the events arrive."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        # Expanding aliases is what makes nine lines of "billion laughs" grow
        # to gigabytes; refusing the first anchor or alias costs nothing, and a
        # rule file loses only a shorthand.
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("E112", event.start_mark, what="alias", name=f"*{event.anchor}")
        if event.anchor is not None:
            raise _Refused("E112", event.start_mark, what="anchor", name=f"&{event.anchor}")
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise _Refused("E114", event.start_mark, limit=MAX_DEPTH)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


StrictSafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictSafeLoader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _LibyamlStrictLoader(CParser, StrictSafeLoader):
        """StrictSafeLoader whose events come from libyaml: the pure-Python
        scanner was nine tenths of reading the built-in rules. The nodes are
        still composed in Python, by StrictSafeLoader's compose_node, so
        anchors, aliases and deep nesting are refused as before."""

        get_single_node = yaml.composer.Composer.get_single_node

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._depth = 0

    _FAST: type[StrictSafeLoader] | None = _LibyamlStrictLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _FAST = None


def _single_node(text: str) -> tuple[yaml.Node | None, StrictSafeLoader]:
    """The document's node, and the loader that constructs its values. The
    events come from libyaml when PyYAML has it; a text libyaml refuses is
    parsed again in pure Python, so that its error reads and points as the
    messages (and their tests) were written for."""
    if _FAST is not None:
        fast = _FAST(text)
        try:
            return fast.get_single_node(), fast
        except _Refused:
            raise
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = StrictSafeLoader(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def read_yaml_file(file: Path, path: str) -> tuple[Any, Marks, list[QuotesError]]:
    """`load_yaml` on a UTF-8 file, `path` naming it in errors; at most
    MAX_BYTES + 1 bytes are read, so a huge file costs nothing."""
    return load_yaml_bytes(read_file_bytes(file, path), path)


def read_file_bytes(file: Path, path: str) -> bytes:
    """The bytes of a YAML file, read once: the rule cache hashes the very
    bytes that are parsed. Refuses what is not a regular file or is too big."""
    if file.exists() and not file.is_file():
        # A FIFO named *.yaml would block the read forever; a device never ends.
        raise QuotesError("E106", Location(path), detail="not a regular file")
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise QuotesError("E106", Location(path), detail=str(exc)) from None
    if len(raw) > MAX_BYTES:
        raise QuotesError("E113", Location(path), limit=_shown_size(MAX_BYTES))
    return raw


def load_yaml_bytes(raw: bytes, path: str) -> tuple[Any, Marks, list[QuotesError]]:
    """`load_yaml` on the UTF-8 bytes of a file that `path` names."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuotesError("E106", Location(path), detail=str(exc)) from None
    # The newlines Path.read_text gave before: \r\n and \r read as \n.
    return load_yaml(text.replace("\r\n", "\n").replace("\r", "\n"), path)


def _shown_size(size: int) -> str:
    return f"{size // 1024 // 1024} MiB" if size % (1024 * 1024) == 0 else f"{size // 1024} KiB"


def load_yaml(text: str, path: str) -> tuple[Any, Marks, list[QuotesError]]:
    """Parse one YAML document: its data, the line:col of each value, and the
    problems that do not stop the reading (a duplicate key keeps its first
    value and is reported, with every other one)."""
    # Characters never outnumber UTF-8 bytes: the long text is refused unencoded.
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise QuotesError("E113", Location(path), limit=_shown_size(MAX_BYTES))
    try:
        node, loader = _single_node(text)
    except _Refused as exc:
        location = Location(path, exc.mark.line + 1, exc.mark.column + 1) if exc.mark else Location(path)
        raise QuotesError(exc.code, location, **exc.fields) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise QuotesError("E100", location, detail=yaml_problem(exc.problem or str(exc))) from None
    except yaml.YAMLError as exc:
        raise QuotesError("E100", Location(path), detail=str(exc)) from None
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
            key = _key(key_node, loader, path)
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


def _key(node: yaml.Node, loader: yaml.SafeLoader, path: str) -> Any:
    """A mapping key: a plain value with a data tag. A list or mapping as a key
    (`? [a]`) is unhashable, and a tagged one escaped as a ConstructorError:
    both were tracebacks."""
    where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode):
        raise QuotesError("E100", where, detail="a key must be a plain value, not a list or mapping")
    if node.tag not in _DATA_TAGS:
        raise QuotesError("E100", where, detail=f"tag {node.tag!r} is not allowed in a rule file")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise QuotesError("E100", where, detail=exc.problem or str(exc)) from None


def location_of(marks: Marks, path: str, at: JsonPath) -> Location:
    """The location of the deepest value along `at` that has a mark."""
    for depth in range(len(at), -1, -1):
        if at[:depth] in marks:
            line, column = marks[at[:depth]]
            return Location(path, line, column)
    return Location(path)
