"""quotes.attribution.salience, through the pronouns it weighs: whose words a
mention stands in, a clause joined to the pronoun's, a source introduced
with a role. Every story is invented; a careful reader has one answer, or
none (then no name)."""

from __future__ import annotations

import pytest
from speaker_cases import ids, run

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
