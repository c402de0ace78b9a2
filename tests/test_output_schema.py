import copy
import json

import pytest
from jsonschema import ValidationError

from quotes.output_schema import output_schema, validate_extraction

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


def _with(path: str, value):
    """VALID with the value at `path` (dots; `-` deletes the key) replaced."""
    data = copy.deepcopy(VALID)
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


def test_schema_ships_inside_the_package():
    from importlib.resources import files

    shipped = files("quotes").joinpath("schemas", "claims.schema.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == output_schema()


def test_every_extraction_in_the_session_is_checked():
    import quotes.api
    from output_contract import CHECKED_METHODS, checked_extract_with_doc

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
