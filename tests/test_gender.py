"""quotes.attribution.gender: a person's gender from the evidence, and unknown when the
evidence is weak or disagrees."""

from __future__ import annotations

import pytest

from quotes.attribution.gender import (
    FEMALE,
    MALE,
    GenderEvidence,
    Strength,
    decide,
    first_name_gender,
    is_census_name,
    is_first_name,
)

FIRST_NAMES = [
    ("Maria", FEMALE),
    ("John", MALE),
    ("Hillary", FEMALE),
    ("Chris", MALE),  # eight times as many men as women bear it
    ("mary", FEMALE),  # case does not matter
    ("J.", None),
    # Borne by both sexes: says nothing.
    ("Jordan", None),
    ("Taylor", None),
    ("Leslie", None),
    ("Kim", None),
    # Surnames written first, which the census holds as rare given names.
    ("Yang", None),
    ("Wei", None),
    ("Li", None),
    # Not in the lists at all.
    ("Artyom", None),
    ("Okafor", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "expected"), FIRST_NAMES)
def test_first_name_gender(name, expected):
    assert first_name_gender(name) == expected


@pytest.mark.parametrize(("word", "expected"), [("Irving", True), ("Ahmed", True), ("Injecting", False), ("Crooked", False)])
def test_is_first_name(word, expected):
    assert is_first_name(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Harris", True), ("Reagan", True), ("Maria", True), ("Politifact", False), ("Twitter", False), ("", False)],
)
def test_is_census_name(word, expected):
    assert is_census_name(word) is expected


def ev(gender: str, strength: int) -> GenderEvidence:
    return GenderEvidence(gender, strength, "test")


DECISIONS = [
    ([], None),
    ([ev(MALE, Strength.FIRST_NAME)], MALE),
    ([ev(FEMALE, Strength.PRONOUN_LINK), ev(FEMALE, Strength.FIRST_NAME)], FEMALE),
    # A gender word outranks a first name that disagrees ("Mrs. Leslie Dunn").
    ([ev(FEMALE, Strength.GENDER_WORD), ev(MALE, Strength.FIRST_NAME)], FEMALE),
    # Below a gender word, disagreement leaves it unknown ("Melanie" and a stray "his").
    ([ev(MALE, Strength.PRONOUN_LINK), ev(FEMALE, Strength.FIRST_NAME)], None),
    # ... unless the first name's side has twice as many pieces ("Hillary", a "she", a stray "his").
    ([ev(FEMALE, Strength.FIRST_NAME), ev(FEMALE, Strength.PRONOUN_LINK), ev(MALE, Strength.PRONOUN_LINK)], FEMALE),
    # Pronouns alone never outvote a first name ("Comey said her answers ..." three times).
    ([ev(MALE, Strength.FIRST_NAME), *[ev(FEMALE, Strength.PRONOUN_LINK)] * 3], None),
    # Two gender words that disagree: unknown.
    ([ev(FEMALE, Strength.GENDER_WORD), ev(MALE, Strength.GENDER_WORD)], None),
]


@pytest.mark.parametrize(("evidence", "expected"), DECISIONS)
def test_decide(evidence, expected):
    decided = decide(evidence)
    assert (decided.gender if decided else None) == expected
