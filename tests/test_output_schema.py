import copy
import json

import pytest
from jsonschema import ValidationError

from quotes.formats.output_schema import (
    corpus_line_schema,
    output_schema,
    validate_corpus_line,
    validate_extraction,
)

VALID = {
    "article": {
        "outlet": "Global Times",
        "author": "Guan Zhaoyu",
        "author_affiliation": None,
        "published": "2018-04-02",
        "kind": "opinion",
        "title": "A fair deal",
        "dateline": "BEIJING",
        "supplied_by": None,
        "url": None,
        "text": None,
    },
    "claims": [
        {
            "id": "q1",
            "type": "mixed",
            "text": "he wanted it made clear",
            "spans": [{"start": 0, "end": 10}, {"start": 20, "end": 33}],
            "cue": {"text": "said", "start": 11, "end": 15},
            "speaker": {
                "name": "Wei Fenghe",
                "mention": {"text": "Wei", "start": 40, "end": 43},
                "role": "defence minister",
                "affiliation": "China",
                "kind": "person",
                "resolution": "surname",
            },
            "source": {"outlet": "South China Morning Post", "via": "Tass"},
            "rule": "cues.reporting-verbs",
            "confidence": 0.9,
            "negated": False,
        }
    ],
}


# A `quotes corpus` line of an article, and of a line that could not be read.
VALID_LINE = {"id": "a", **VALID, "error": None}
ERROR_LINE = {"id": None, "article": None, "claims": [], "error": {"code": "E020", "message": "line 3: not a JSON object"}}


def _with(path: str, value, base: dict = VALID):
    """`base` with the value at `path` (dots; `-` deletes the key) replaced."""
    data = copy.deepcopy(base)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    key = int(last.lstrip("-")) if last.lstrip("-").isdigit() else last.lstrip("-")
    if last.startswith("-"):
        del node[key]
    else:
        node[key] = value
    return data


def test_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(output_schema())
    assert output_schema()["$schema"].endswith("/draft/2020-12/schema")


@pytest.mark.parametrize(
    "path,value",
    [
        ("article.published", None),
        ("article.kind", None),
        ("article.kind", "news"),
        ("claims.0.cue", None),
        ("claims.0.speaker.name", None),
        ("claims.0.speaker.mention", None),
        ("claims.0.speaker.kind", "organization"),
        ("claims.0.speaker.resolution", "pronoun"),
        ("claims.0.speaker.resolution", None),
        # Records written before the field was added stay valid.
        ("claims.0.speaker.-resolution", None),
        ("claims.0.source.via", None),
        ("claims.0.confidence", 1),
        ("claims.0.confidence", 0.0),
        ("claims.0.id", "q12"),
        ("claims.0.added_later", "fields may be added"),
        ("article.added_later", 1),
        ("claims", []),
    ],
)
def test_valid_records(path, value):
    validate_extraction(_with(path, value))


@pytest.mark.parametrize(
    "path,value",
    [
        ("-article", None),
        ("-claims", None),
        ("article.-title", None),
        ("article.published", "2018-4-2"),
        ("article.published", "2018-02-30"),
        ("article.published", "April 2, 2018"),
        ("article.kind", "editorial"),
        ("claims.0.-rule", None),
        ("claims.0.-confidence", None),
        ("claims.0.id", "1"),
        ("claims.0.id", "q"),
        ("claims.0.id", "quote1"),
        ("claims.0.type", "reported"),
        ("claims.0.text", ""),
        ("claims.0.spans", []),
        ("claims.0.spans.0.start", -1),
        ("claims.0.spans.0.end", 3.5),
        ("claims.0.spans.0.-end", None),
        ("claims.0.cue", "said"),
        ("claims.0.cue.-start", None),
        ("claims.0.speaker.kind", "people"),
        ("claims.0.speaker.resolution", "guessed"),
        ("claims.0.speaker.-role", None),
        ("claims.0.speaker.mention", "Wei"),
        ("claims.0.source.-via", None),
        ("claims.0.confidence", 1.5),
        ("claims.0.confidence", -0.1),
        ("claims.0.confidence", "high"),
    ],
)
def test_invalid_records(path, value):
    with pytest.raises(ValidationError):
        validate_extraction(_with(path, value))


@pytest.mark.parametrize("name,schema", [("claims", output_schema), ("corpus-line", corpus_line_schema)])
def test_schema_ships_inside_the_package(name, schema):
    from importlib.resources import files

    shipped = files("quotes").joinpath("schemas", f"{name}.schema.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema()


# --- a `quotes corpus` line ------------------------------------------------------


def test_corpus_line_schema_is_a_valid_draft_2020_12_schema_that_refers_to_the_claims_schema():
    from jsonschema import Draft202012Validator

    schema = corpus_line_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == output_schema()["$schema"]
    # Referred to, not copied: the article and claim are defined once.
    text = json.dumps(schema)
    assert '"claims.schema.json#/$defs/article"' in text and '"claims.schema.json#/$defs/claim"' in text
    assert "speaker" not in text


@pytest.mark.parametrize(
    "base,path,value",
    [
        (VALID_LINE, "claims", []),
        (VALID_LINE, "id", None),
        (VALID_LINE, "article.added_later", 1),
        (VALID_LINE, "claims.0.added_later", "fields may be added"),
        (ERROR_LINE, "id", "a"),
        (ERROR_LINE, "error.code", "E999"),
        (ERROR_LINE, "error.message", ""),
    ],
)
def test_valid_corpus_lines(base, path, value):
    validate_corpus_line(_with(path, value, base))


@pytest.mark.parametrize(
    "base,path,value",
    [
        (VALID_LINE, "-id", None),
        (VALID_LINE, "-article", None),
        (VALID_LINE, "-claims", None),
        (VALID_LINE, "-error", None),
        (VALID_LINE, "extra", 1),
        (VALID_LINE, "id", 7),
        (VALID_LINE, "article", None),  # no article and no error
        (VALID_LINE, "claims", {}),
        (VALID_LINE, "claims", "q1"),
        # The claims schema's rules hold inside a line (the $ref resolves).
        (VALID_LINE, "claims.0.confidence", 1.5),
        (VALID_LINE, "claims.0.speaker.-role", None),
        (VALID_LINE, "article.kind", "editorial"),
        (VALID_LINE, "article.-title", None),
        (ERROR_LINE, "article", VALID["article"]),  # an error with an article
        (ERROR_LINE, "claims", VALID["claims"]),  # an error with claims
        (ERROR_LINE, "error.code", "E20"),
        (ERROR_LINE, "error.code", "E0200"),
        (ERROR_LINE, "error.code", "e020"),
        (ERROR_LINE, "error.code", "X020"),
        (ERROR_LINE, "error.code", 20),
        (ERROR_LINE, "error.message", None),
        (ERROR_LINE, "error.-message", None),
        (ERROR_LINE, "error.line", 3),
        (ERROR_LINE, "error", "E020"),
    ],
)
def test_invalid_corpus_lines(base, path, value):
    with pytest.raises(ValidationError):
        validate_corpus_line(_with(path, value, base))


def test_corpus_line_references_resolve_without_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("a schema reference was fetched")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    from quotes.formats import output_schema as module

    module._validator.cache_clear()
    module._registry.cache_clear()
    validate_corpus_line(VALID_LINE)
    with pytest.raises(ValidationError):
        validate_corpus_line(_with("claims.0.type", "reported", VALID_LINE))


def test_every_extraction_in_the_session_is_checked():
    from output_contract import CHECKED_METHODS, checked_extract_with_doc

    import quotes.api

    for name, checked in CHECKED_METHODS.items():
        assert getattr(quotes.api.Extractor, name) is checked
    assert quotes.api.extract_with_doc is checked_extract_with_doc


@pytest.mark.parametrize(
    "span,cue,problems",
    [
        ((0, 10), (11, 15), 0),
        ((0, 43), None, 0),
        ((0, 44), None, 1),
        ((5, 4), None, 1),
        ((0, 10), (40, 50), 1),
    ],
)
def test_offsets_must_lie_inside_the_text(span, cue, problems):
    from output_contract import offset_problems

    data = _with("claims.0.spans", [{"start": span[0], "end": span[1]}])
    data["claims"][0]["cue"] = cue and {"text": "said", "start": cue[0], "end": cue[1]}
    assert len(offset_problems(data, "x" * 43)) == problems
