import json

import pytest
import yaml

from quotes.formats.emit import FORMATS, to_json, to_json_line, to_yaml
from quotes.formats.output_schema import validate_extraction
from quotes.records import (
    Article,
    Claim,
    Extraction,
    Mention,
    Source,
    Speaker,
    TextSpan,
)

LONG = "It is important to reaffirm the Sino-Russian relationship " * 8


def _claim(text: str, **speaker) -> Claim:
    return Claim(
        id="q1",
        type="direct",
        text=text,
        spans=[TextSpan(10, 10 + len(text))],
        cue=Mention("said", 0, 4),
        speaker=Speaker(name="Yang Cheng", mention=Mention("he", 5, 7), kind="person", **speaker),
        source=Source(outlet="Global Times", via="Tass"),
        rule="cues.reporting-verbs",
        confidence=0.9,
    )


EXTRACTIONS = {
    "empty": Extraction(Article()),
    "full": Extraction(
        Article("Global Times", "Li Qingqing", "the Global Times", "2019-11-05", "opinion", "A fair deal"),
        [_claim("“We are ready,” — 中国 ça\u00a0va", role="expert", affiliation="SISU")],
    ),
    "long": Extraction(Article(title="no"), [_claim(LONG)]),
    "multiline": Extraction(Article(), [_claim("first paragraph\r\nsecond\u2028third")]),
}


@pytest.mark.parametrize("name", EXTRACTIONS)
@pytest.mark.parametrize("fmt,load", [("json", json.loads), ("yaml", yaml.safe_load)])
def test_formats_round_trip_to_the_same_data(name, fmt, load):
    extraction = EXTRACTIONS[name]
    data = load(FORMATS[fmt](extraction))
    assert data == extraction.to_dict()
    validate_extraction(data)


@pytest.mark.parametrize("dump", [to_json, to_yaml, to_json_line])
def test_text_is_written_as_text(dump):
    out = dump(EXTRACTIONS["full"])
    assert "“We are ready,” — 中国" in out
    assert "\\u" not in out


def test_json_is_one_indented_object():
    out = to_json(EXTRACTIONS["full"])
    assert out.startswith('{\n  "article": {')
    assert list(json.loads(out)) == ["article", "claims"]


def test_yaml_keeps_field_order_and_quotes_yaml_words():
    out = to_yaml(EXTRACTIONS["long"])
    assert out.index("article:") < out.index("claims:")
    assert out.index("outlet:") < out.index("title:")
    assert "title: 'no'" in out  # a bare `no` would read back as false


def test_yaml_does_not_fold_long_text():
    out = to_yaml(EXTRACTIONS["long"])
    assert [line for line in out.splitlines() if "reaffirm" in line] == [f"  text: '{LONG}'"]


def test_yaml_of_no_claims_is_an_empty_list():
    assert "claims: []" in to_yaml(EXTRACTIONS["empty"]).splitlines()


@pytest.mark.parametrize("name", EXTRACTIONS)
def test_json_line_is_one_line(name):
    line = to_json_line(EXTRACTIONS[name])
    assert len(line.splitlines()) == 1
    assert json.loads(line) == EXTRACTIONS[name].to_dict()


@pytest.mark.parametrize(
    "obj,expected",
    [({"id": "a", "n": [1, 2]}, '{"id":"a","n":[1,2]}'), ({"t": "ça\u2029"}, '{"t":"ça\\u2029"}')],
)
def test_json_line_takes_plain_data(obj, expected):
    assert to_json_line(obj) == expected
