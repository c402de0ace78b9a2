"""quotes.attribution.salience, through the pronouns it weighs: whose words a
mention stands in, a clause joined to the pronoun's, a source introduced
with a role, an owner and a subject by their roles. Every story is
invented; a careful reader has one answer, or none (then no name)."""

from __future__ import annotations

import pytest
from speaker_cases import ids, run

from quotes.api import load_pipeline
from quotes.attribution.entities import EntityRegistry
from quotes.attribution.salience import OBJECT_WEIGHT, OTHER_WEIGHT, REPORTED_FACTOR, SUBJECT_WEIGHT, Salience
from quotes.rules.merging import load_rules

REPORTED = [
    # The spokesman spoke; the governor is only talked about in what he said.
    (
        "White House spokesman Tom Rell said Monday that Governor Paul Ostrander has long called for lower fares "
        "and better service on the state's commuter lines.\n\n"
        "He said the governor hopes his successor will keep the same goals.",
        {"the governor hopes his successor": "Tom Rell"},
    ),
    # Negative: outside a report, the governor speaks for himself, nearer than the spokesman.
    (
        "White House spokesman Tom Rell spoke on Monday. Governor Paul Ostrander called for lower fares.\n\n"
        "He said the fares would fall by June.",
        {"the fares would fall by June": "Paul Ostrander"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED, ids=ids("reported", REPORTED))
def test_people_named_in_reported_speech_weigh_less(extract, text, expected):
    run(extract, text, expected)


JOINED = [
    # "X said ..., but he said ...": he is X, over a man who spoke the sentence before.
    (
        "Mayor Victor Hale said the evacuation order would be lifted on Friday.\n\n"
        "Dace Morrow, the county fire chief, said that the blaze had been contained, "
        "but he said that crews would stay in the hills overnight.",
        {"the evacuation order would be lifted": "Victor Hale", "crews would stay in the hills": "Dace Morrow"},
    ),
    # A clause subordinate to another: he is its subject, over the man who spoke twice just before.
    (
        "Tom Harlan spoke for an hour at the rally on Monday. “We will fight this plan,” he said. "
        "“We will win,” Harlan added. Mark Dunn was booed after he said the plan would cost jobs.",
        {"We will fight this plan": "Tom Harlan", "the plan would cost jobs": "Mark Dunn"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), JOINED, ids=ids("joined", JOINED))
def test_the_subject_of_a_joined_clause_comes_first(extract, text, expected):
    run(extract, text, expected)


INTRODUCED = [
    # Named with a role as an object, then quoted: the source just introduced.
    (
        "Commuter Bryan Tull said the trains were late again on Monday.\n\n"
        "The delays are something that worries Henry Osgood, president of the Tri-County Riders Union.\n\n"
        "“We have waited long enough,” he said.",
        {"the trains were late again": "Bryan Tull", "We have waited long enough": "Henry Osgood"},
    ),
    # Negative: a list of names is no introduction; any of them may speak.
    (
        "The delays worry riders like Henry Osgood, Carl Dunne and Pete Lasko.\n\n“We have waited long enough,” he said.",
        {"We have waited long enough": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), INTRODUCED, ids=ids("introduced", INTRODUCED))
def test_a_source_introduced_with_a_role(extract, text, expected):
    run(extract, text, expected)


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
