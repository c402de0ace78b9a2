"""quotes.attribution.salience: how much a word standing for someone weighs
where a later pronoun is resolved."""

from __future__ import annotations

import pytest

from quotes.api import load_pipeline
from quotes.attribution.entities import EntityRegistry
from quotes.attribution.salience import OBJECT_WEIGHT, OTHER_WEIGHT, REPORTED_FACTOR, SUBJECT_WEIGHT, Salience
from quotes.rules.merging import load_rules


@pytest.fixture(scope="module")
def weigh():
    nlp, rules = load_pipeline(), load_rules()

    def weight(text: str, word: str, reported: str | None = None) -> float:
        doc = nlp(text)
        spans = [(text.index(reported), text.index(reported) + len(reported))] if reported else []
        salience = Salience(doc, EntityRegistry(doc, rules), spans)
        return salience.token_weight(next(t for t in doc if t.text == word))

    return weight


ROLES = [
    # The owner of a thing that is the subject: what the sentence is about.
    ("The mayor's plan failed on Monday.", "mayor", None, SUBJECT_WEIGHT),
    ("Mark Dunn's objections came next.", "Dunn", None, SUBJECT_WEIGHT),
    # The owner of someone: that someone is the subject, not the owner.
    ("The mayor's spokesman spoke on Monday.", "mayor", None, OTHER_WEIGHT),
    ("Mark Dunn's lawyer, Tom Hale, spoke on Monday.", "Dunn", None, OTHER_WEIGHT),
    # In reported speech the owner is what the speaker talks about.
    ("Laura Everly said the mayor's plan had failed.", "mayor", "the mayor's plan had failed", OTHER_WEIGHT * REPORTED_FACTOR),
    # "for X to ..." makes X the infinitive's subject; "for X to the ..." does not.
    ("The tax is the main tool for Norway to meet its target.", "Norway", None, SUBJECT_WEIGHT),
    ("Laura Everly voted for Norway to the dismay of many.", "Norway", None, OBJECT_WEIGHT),
    # Not an owner: the plain subject and object.
    ("The mayor spoke on Monday.", "mayor", None, SUBJECT_WEIGHT),
    ("Laura Everly met the mayor on Monday.", "mayor", None, OBJECT_WEIGHT),
]


@pytest.mark.parametrize(("text", "word", "reported", "expected"), ROLES, ids=[o[0][:40] for o in ROLES])
def test_a_mention_weighs_by_its_role(weigh, text, word, reported, expected):
    assert weigh(text, word, reported) == expected
