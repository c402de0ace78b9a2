"""quotes.pipeline.dashes: the horizontal bar and figure dash read as an em dash."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "dash_at"),
    [
        ("the few years his returns were public ― Trump boasted, “That makes me smart.”", 7),
        ("“How did we get this low?”― Jacklyn Ashley", 9),
        ("a well-known man―the mayor of the town", 5),
        ("the vote ‒ a formality ‒ passed", 2),
    ],
)
def test_an_unseen_dash_is_a_token_of_its_own_tagged_as_punctuation(nlp, text, dash_at):
    doc = nlp(text)
    dash = doc[dash_at]
    assert dash.text in {"―", "‒"}, [t.text for t in doc]
    assert dash.pos_ == "PUNCT"
    assert doc.text == text  # nothing rewritten: offsets index the text as given


def test_the_name_after_the_dash_is_a_subject_again(nlp):
    doc = nlp("the few years his returns were public ― Trump boasted, “That makes me smart.”")
    trump = next(t for t in doc if t.text == "Trump")
    assert trump.dep_ == "nsubj" and trump.head.text == "boasted"


def test_an_em_dash_is_unchanged(nlp):
    doc = nlp("The senator — Elizabeth Warren — spoke for an hour.")
    assert [t.text for t in doc if t.pos_ == "PUNCT"] == ["—", "—", "."]
