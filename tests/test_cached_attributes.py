"""quotes.cached_attributes: the attribute ruler and lemmatizer answered from
a cache set exactly what the two components set, on real and tricky text."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from quotes.api import load_model, load_pipeline
from quotes.cached_attributes import (
    NAME,
    CachedAttributes,
    RuleLemmas,
    patterns_supported,
    replace_in,
)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
SET = [POS, TAG, DEP, MORPH, LEMMA]

# Every kind of pattern the English ruler holds: tag maps, closed-class words
# by dependency ("I" as subject and object), two-token patterns ("gon na",
# "there is", "let's"), regexes ("ain't", "nothin'"), spaces, and the
# lemmatizer's exceptions and rules.
TRICKY = [
    "I told you it was gon na rain, and you said I was wrong.",
    "There is a plan. There were two plans. Let's see what they got ta say.",
    "We ain't done nothin' wrong, y'all know it; c'mon, 'nuff said.",
    "She gave it to me. But he did it anyway, and they'll have the last word.",
    "Ministers   met on Tuesday.\n\n\nThe talks, which had stalled, resumed.\n",
    "The geese were flying; the mice ran; she was running faster than the wolves.",
    "Do you have the papers? He does. They had them yesterday.",
]


@pytest.fixture(scope="module")
def real():
    return load_model()


@pytest.fixture(scope="module")
def cached():
    nlp = load_model()
    assert replace_in(nlp)
    return nlp


def annotations(nlp, text: str):
    doc = nlp(text)
    return doc.to_array(SET).tolist(), [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


@pytest.mark.parametrize("text", TRICKY)
def test_cached_annotations_equal_the_components_own(real, cached, text):
    expected, readable = annotations(real, text)
    got, got_readable = annotations(cached, text)
    assert got_readable == readable
    assert got == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_cached_annotations_equal_the_components_own_on_the_seeds(real, cached, seed):
    text = seed.read_text(encoding="utf-8")
    # Twice: the second pass is answered from the cache the first one filled.
    for _ in range(2):
        assert annotations(cached, text) == annotations(real, text)


def test_the_pipeline_runs_the_cache_in_place_of_the_two_components():
    nlp = load_pipeline()
    assert NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)
    assert isinstance(nlp.get_pipe(NAME), CachedAttributes)


@pytest.mark.parametrize(
    "patterns, supported",
    [
        ([[{"TAG": "NN"}]], True),
        ([[{"LOWER": "i", "DEP": {"IN": ["nsubj"]}}]], True),
        ([[{"LOWER": {"REGEX": "^n'?t$"}}, {"LOWER": "na"}]], True),
        ([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], True),
        # What the cache does not key on: a ruler reading these keeps running.
        ([[{"POS": "NOUN"}]], False),
        ([[{"ORTH": "I"}]], False),
        ([[{"TAG": "NN", "OP": "+"}]], False),
        ([[{"LOWER": {"FUZZY": "colour"}}]], False),
    ],
)
def test_patterns_supported(patterns, supported):
    assert patterns_supported(patterns) is supported


def test_a_ruler_reading_other_attributes_is_left_running():
    nlp = load_model()
    nlp.get_pipe("attribute_ruler").add([[{"POS": "PROPN", "LOWER": "may"}]], {"LEMMA": "May"})
    assert replace_in(nlp) is False
    assert NAME not in nlp.pipe_names
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names


INFLECTED = (
    "The regulators were examining unfamiliar documents; the geese flew further and the mice hid. "
    "Re-elected senators' aides said the COVID-19 rules were 3.5 times stricter, worse, the worst. "
    "Smith's daughters-in-law cried, fried and dyed the Joneses' clothes in the 1990s."
)


@pytest.mark.parametrize("text", [INFLECTED, *TRICKY])
def test_rule_lemmas_are_the_lemmatizers_own(real, text):
    lemmatizer = real.get_pipe("lemmatizer")
    assert RuleLemmas.applies_to(lemmatizer)
    lemmas = RuleLemmas(lemmatizer)
    with real.select_pipes(disable=["lemmatizer"]):
        doc = real(text)
    assert [lemmas(t) for t in doc] == [lemmatizer.rule_lemmatize(t)[0] for t in doc]


def test_full_caches_start_again_and_give_the_same_annotations(real, monkeypatch):
    import quotes.cached_attributes as module

    monkeypatch.setattr(module, "MAX_CACHED", 20)
    small = load_model()
    assert replace_in(small)
    component = small.get_pipe(NAME)
    for text in [*TRICKY, SEEDS[0].read_text(encoding="utf-8")]:
        assert annotations(small, text) == annotations(real, text)
        assert len(component.spelling.known) <= 20
        assert len(component.outcomes) <= 20
        assert len(component.lemmas) <= 20
