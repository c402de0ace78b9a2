"""quotes.pipeline.deferred_edits: an Extractor edits its tokenizer when a
text first needs it, and its answers are those of a pipeline edited at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import spacy

from quotes.api import Extractor, load_model
from quotes.pipeline.component import prepare_pipeline
from quotes.pipeline.deferred_edits import deferring
from quotes.rules.cache import load_rules_cached

PLAIN = "“We are ready,” the minister said. Officials said the talks would resume on Monday."
# Marks and dashes the English tokenizer leaves on their words.
NEEDING = [
    "‹We are leaving›, the minister said.",
    "The vote ― a formality ― passed, officials said.",
    "''We are ready,'' the mayor said on Tuesday.",
    "He called it ‹a mistake› on Monday, said Ana Ruiz‒a lawyer.",
]


def tokens(doc: spacy.tokens.Doc) -> list[str]:
    return [t.text for t in doc]


@pytest.fixture(scope="module")
def eager():
    """The model with the component added as a spaCy user adds it: every
    edit made when it is added."""
    nlp = load_model()
    nlp.add_pipe("quotes")
    return nlp


def test_an_extractor_leaves_its_tokenizer_alone_until_a_text_needs_it(eager):
    extractor = Extractor()
    extractor.extract(PLAIN)
    assert extractor._tokenizer.pending
    extractor.extract(NEEDING[0])
    assert not extractor._tokenizer.pending
    assert tokens(extractor._nlp.make_doc(NEEDING[0])) == tokens(eager.make_doc(NEEDING[0]))


@pytest.mark.parametrize("text", [PLAIN, *NEEDING])
def test_deferred_or_not_the_records_are_the_same(eager, text):
    extractor = Extractor()
    assert extractor.extract(text).to_dict()["claims"] == eager(text)._.quotes_claims


@pytest.mark.parametrize("text", NEEDING)
def test_a_text_with_unseen_marks_needs_the_edits_and_a_plain_one_does_not(text):
    extractor = Extractor()
    assert extractor._tokenizer.needed_by(text)
    assert not extractor._tokenizer.needed_by(PLAIN)


def test_the_pipeline_handed_out_is_edited_in_full(eager):
    extractor = Extractor()
    nlp = extractor.nlp
    assert not extractor._tokenizer.pending
    for text in NEEDING:
        assert tokens(nlp.make_doc(text)) == tokens(eager.make_doc(text))


def test_threads_tokenize_alike_while_the_edits_are_made(eager):
    texts = [PLAIN, *NEEDING] * 6
    extractor = Extractor()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: extractor.extract(t).to_dict()["claims"], texts))
    assert got == [eager(t)._.quotes_claims for t in texts]


def test_outside_an_extractor_the_edits_are_made_at_once():
    nlp = load_model()
    before = nlp.tokenizer.prefix_search
    prepare_pipeline(nlp, load_rules_cached())
    assert nlp.tokenizer.prefix_search is not before
    assert tokens(nlp.make_doc("‹We›")) == ["‹", "We", "›"]


def test_deferring_collects_the_edits_instead():
    nlp = load_model()
    before = nlp.tokenizer.prefix_search
    with deferring() as deferred:
        prepare_pipeline(nlp, load_rules_cached())
    assert nlp.tokenizer.prefix_search is before
    assert tokens(nlp.make_doc("‹We›")) != ["‹", "We", "›"]  # not yet split
    [edits] = deferred
    edits.make()
    assert tokens(nlp.make_doc("‹We›")) == ["‹", "We", "›"]
