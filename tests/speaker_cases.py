"""Helpers for the tests of who said it: each case is (text, expected),
expected mapping a phrase to the speaker name of the one claim whose text
contains it, so a case does not depend on the order or the number of the
other claims."""

from __future__ import annotations


def claim_with(claims, phrase: str):
    """The one claim whose text contains `phrase`."""
    found = [c for c in claims if phrase in c.text]
    assert len(found) == 1, (phrase, [(c.text, c.speaker.name) for c in claims])
    return found[0]


def speaker_of(claims, phrase: str) -> str | None:
    """The resolved speaker name of the one claim whose text contains `phrase`."""
    return claim_with(claims, phrase).speaker.name


def check(claims, expected: dict[str, str | None]) -> None:
    got = {phrase: speaker_of(claims, phrase) for phrase in expected}
    assert got == expected, [(c.text, c.speaker.name, c.speaker.mention and c.speaker.mention.text) for c in claims]


def run(extract, text: str, expected: dict[str, str | None]):
    """Extract `text`, check the speakers named in `expected` and return the claims."""
    claims = extract(text).claims
    check(claims, expected)
    return claims


def ids(prefix: str, cases: list) -> list[str]:
    return [f"{prefix}-{i}" for i in range(len(cases))]
