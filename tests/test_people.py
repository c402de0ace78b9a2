"""quotes.attribution.people: names without their titles, and the role and affiliation a
noun phrase gives."""

from __future__ import annotations

import pytest

from quotes.api import load_pipeline
from quotes.attribution.people import describe, normalise_name
from quotes.rules.merging import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


NAMES = [
    ("Mr Yang", "Yang"),
    ("Mr. Yang", "Yang"),
    ("Dr Anthony Fauci", "Anthony Fauci"),
    ("President Xi Jinping", "Xi Jinping"),
    ("Mr Wei’s", "Wei"),
    ("Lukin's", "Lukin"),
    ("the Saudis’", "the Saudis"),
    ("Yang Cheng", "Yang Cheng"),
    ("  Sergei   Shoigu ", "Sergei Shoigu"),
    # An honorific only counts in front: "Chancellor" inside a name stays.
    ("Lord Chancellor", "Lord Chancellor"),
    # A lone apostrophe-s is not emptied.
    ("’s", "’s"),
    ("Mr", ""),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_normalise_name(rules, text, expected):
    assert normalise_name(text, rules.name_prefixes) == expected


DESCRIPTIONS = [
    # (text, the head noun of the description, role, affiliation)
    (
        "He met a professor of international politics at Far Eastern Federal University.",
        "professor",
        "professor of international politics",
        "Far Eastern Federal University",
    ),
    ("The senior economist spoke.", "economist", "senior economist", None),
    # A country's adjective before the title is the affiliation.
    ("The Chinese defence minister spoke.", "minister", "Chinese defence minister", "Chinese"),
    ("The spokeswoman declined to comment.", "spokeswoman", "spokeswoman", None),
    # A name is not a role.
    ("Yang Cheng declined to comment.", "Cheng", None, None),
]


@pytest.mark.parametrize(("text", "head", "role", "affiliation"), DESCRIPTIONS)
def test_describe(rules, text, head, role, affiliation):
    doc = load_pipeline()(text)
    token = next(t for t in doc if t.text == head)
    found = describe(token, rules)
    assert (found.role, found.affiliation) == (role, affiliation)
