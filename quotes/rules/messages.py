"""What a rule-file problem means, in the words of someone editing YAML.

The JSON Schemas stay the source of truth for what a rule file may hold;
this module only words their verdicts (and YAML's) for an editor who knows
YAML but not JSON Schema or Python: the key that was meant, the key that is
missing, the kind of value wanted and the value found.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only the validation of a file meets one: a start-up that validates
    # nothing must not import jsonschema.
    from jsonschema import ValidationError

# JSON Schema's type names, as an editor writes such a value in YAML.
_TYPE_WORDS = {
    "array": "a list ([a, b] or one `- item` a line)",
    "object": "a mapping (`key: value` lines)",
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing (null)",
}
# YAML's words for a value of each Python type, to show what was found.
_FOUND_WORDS = {
    dict: "a mapping",
    list: "a list",
    str: "the text",
    bool: "the boolean",
    int: "the number",
    float: "the number",
    type(None): "nothing (an empty value)",
}
# YAML scanner problems that have a usual cause, and what to do about it.
_YAML_HINTS = (
    (
        "unknown escape character",
        "inside double quotes a backslash starts an escape such as \\n: write the pattern in "
        "single quotes ('^By (\\d{4})') or double each backslash (\"^By (\\\\d{4})\")",
    ),
    (
        "mapping values are not allowed here",
        "a colon followed by a space starts a key: put a value that holds one in quotes",
    ),
    (
        "cannot start any token",
        "YAML indents with spaces, never tabs; and a value that begins with ` @ % or * needs quotes",
    ),
    (
        "expected <block end>",
        "the indentation is off: the keys of one mapping, and the items of one list, line up",
    ),
    (
        "found undefined alias",
        "a `*` at the start of a value is a YAML alias: put the value in quotes",
    ),
)
# Past this many characters a value is shown cut short.
_SHOWN_VALUE = 60


def yaml_problem(problem: str) -> str:
    """YAML's own words for a syntax error, and a hint when one fits."""
    for words, hint in _YAML_HINTS:
        if words in problem:
            return f"{problem}; {hint}"
    return problem


def unknown_kind(kind: object, kinds: Sequence[str]) -> str:
    listed = ", ".join(kinds)
    if kind is None:
        return f"the file has no `kind:`; a rule file names what it holds with one of: {listed}"
    return f"unknown rule kind {kind!r}{_did_you_mean(str(kind), kinds)}; the kinds are: {listed}"


def _listed(value: object) -> list[Any]:
    """A schema keyword's value as the list it is for `required` and `enum`
    (jsonschema types it loosely: it may be unset)."""
    return list(value) if isinstance(value, (list, tuple)) else []


def _properties(schema: object) -> Mapping[str, Any]:
    """The `properties` of a (sub)schema; none for a boolean or unset one."""
    if isinstance(schema, Mapping):
        found = schema.get("properties", {})
        return found if isinstance(found, Mapping) else {}
    return {}


def misspelt_required(error: ValidationError, siblings: Iterable[ValidationError]) -> bool:
    """Whether a missing required key is one an unknown key of the same
    mapping misspells ("descripton"): the unknown key says it all."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    instance: dict[Any, Any] = error.instance
    missing = [key for key in _listed(error.validator_value) if key not in instance]
    for other in siblings:
        if other.validator == "additionalProperties" and other.instance is instance:
            allowed = _properties(other.schema)
            unknown = [str(key) for key in instance if key not in allowed]
            if any(difflib.get_close_matches(key, missing, n=1, cutoff=0.6) for key in unknown):
                return True
    return False


def schema_problem(error: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """Where in the file a schema error lies (its path of keys and list
    positions), and what it means to an editor."""
    at = tuple(error.absolute_path)
    instance, expected = error.instance, error.validator_value
    value = shown_path(at)
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(_properties(error.schema))
        unknown = [key for key in instance if key not in allowed]
        if unknown:
            key = str(unknown[0])
            inside = f" in {shown_path(at)}" if at else ""
            return at + (unknown[0],), (
                f"unknown key {key!r}{inside}{_did_you_mean(key, allowed)}; the keys allowed here: {', '.join(allowed)}"
            )
    if error.validator == "required" and isinstance(instance, dict):
        missing = [key for key in _listed(expected) if key not in instance]
        return at, f"{value} lacks the key {missing[0]!r}: add `{missing[0]}: ...`"
    if error.validator == "type":
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(expected))
        return at, f"{value} must be {wanted}, not {_found(instance)}"
    if error.validator in {"enum", "const"}:
        choices = [str(c) for c in _as_list(expected)]
        return at, (
            f"{value} must be {' or '.join(map(repr, choices))}, not {_found(instance)}{_did_you_mean(str(instance), choices)}"
        )
    if error.validator in _BOUNDS:
        return at, f"{value} must be {_BOUNDS[error.validator]} {expected}, not {instance!r}"
    if error.validator == "minLength" and isinstance(instance, str):
        return at, f"{value} must not be empty"
    if error.validator == "minItems":
        return at, f"{value} needs at least {expected} item{'' if expected == 1 else 's'}"
    if error.validator == "uniqueItems":
        return at, f"{value} lists the same item twice"
    if error.validator == "pattern" and isinstance(instance, str):
        return at, f"{value} {instance!r} is not in the form wanted (the regular expression {expected})"
    return at, f"{value}: {error.message}"


_BOUNDS = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most", "exclusiveMaximum": "less than"}


def shown_path(at: tuple[str | int, ...]) -> str:
    """`at` as an editor reads it: `outlet` > `boilerplate` > item 3 > `pattern`."""
    return " > ".join(f"item {step + 1}" if isinstance(step, int) else f"`{step}`" for step in at) or "the file"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=2, cutoff=0.6)
    return f" (did you mean {' or '.join(f'{c!r}' for c in close)}?)" if close else ""


def _found(value: Any) -> str:
    words = _FOUND_WORDS.get(type(value), "the value")
    if isinstance(value, (dict, list)) or value is None:
        return words
    shown = repr(value)
    return f"{words} {shown if len(shown) <= _SHOWN_VALUE else shown[: _SHOWN_VALUE - 3] + '...'}"


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]
