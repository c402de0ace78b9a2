"""The output contract as JSON Schemas, for checking what we emit.

claims.schema.json is what `quotes extract --format json` prints;
corpus-line.schema.json is a line of `quotes corpus`, which refers to the
claims schema's article and claim by `$ref` rather than copying them. The
files ship inside the package (quotes/schemas/), so they are read through
importlib.resources and work the same from a wheel or a work tree; the
references resolve through a registry of the shipped files, never the network.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

SCHEMA_NAME = "claims.schema.json"
CORPUS_LINE_SCHEMA_NAME = "corpus-line.schema.json"
SHIPPED_SCHEMAS = (SCHEMA_NAME, CORPUS_LINE_SCHEMA_NAME)


@cache
def _shipped_schema(name: str) -> dict[str, Any]:
    text = files("quotes").joinpath("schemas", name).read_text(encoding="utf-8")
    return json.loads(text)


def output_schema() -> dict[str, Any]:
    return _shipped_schema(SCHEMA_NAME)


def corpus_line_schema() -> dict[str, Any]:
    return _shipped_schema(CORPUS_LINE_SCHEMA_NAME)


@cache
def _registry() -> Registry:
    """Every shipped schema under its `$id`: a `$ref` between them resolves
    here, and a `$ref` to anything else fails instead of being fetched."""
    resources = [Resource.from_contents(_shipped_schema(name)) for name in SHIPPED_SCHEMAS]
    return Registry().with_resources((_uri(resource), resource) for resource in resources)


def _uri(resource: Resource[Any]) -> str:
    uri = resource.id()
    if uri is None:
        raise ValueError("a shipped schema without an $id: nothing could $ref it")
    return uri


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = _shipped_schema(name)
    Draft202012Validator.check_schema(schema)
    # Formats are only annotations unless checked: "published" must be a real date.
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def validate_extraction(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `data` follows the contract."""
    _validator(SCHEMA_NAME).validate(data)


def validate_corpus_line(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `data` is a valid `quotes corpus` line."""
    _validator(CORPUS_LINE_SCHEMA_NAME).validate(data)
