"""The output contract as a JSON Schema, for checking what we emit.

The schema file ships inside the package (quotes/schemas/), so it is read
through importlib.resources and works the same from a wheel or a work tree.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_NAME = "claims.schema.json"


@lru_cache(maxsize=1)
def output_schema() -> dict[str, Any]:
    text = files("quotes").joinpath("schemas", SCHEMA_NAME).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = output_schema()
    Draft202012Validator.check_schema(schema)
    # Formats are only annotations unless checked: "published" must be a real date.
    return Draft202012Validator(schema, format_checker=FormatChecker())


def validate_extraction(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless `data` follows the contract."""
    _validator().validate(data)
