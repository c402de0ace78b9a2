"""The error catalogue's errors cross processes: they pickle as they are."""

from __future__ import annotations

import pickle

import pytest

from quotes.corpus.lines import BadLine
from quotes.errors import Errors, Location, QuotesError
from quotes.rules.ruleset import RulesInvalid


def _same(a: QuotesError, b: QuotesError) -> None:
    assert type(b) is type(a)
    assert (b.code, b.location, b.detail, str(b), b.args) == (a.code, a.location, a.detail, str(a), a.args)
    assert vars(b) == vars(a)


@pytest.mark.parametrize(
    "error",
    [
        QuotesError("E001", path="in.jsonl"),
        QuotesError("E027", detail="RuntimeError: the parser crashed"),
        QuotesError("E032", detail="killed by SIGKILL"),
        QuotesError("E035", articles="articles 'a0' to 'a7'", detail="KeyError: 'x'"),
        QuotesError("E100", Location("rules/x.yaml", 2, 5), detail="expected a node"),
        QuotesError("E108", Location("rules/"), path="rules/"),
        BadLine("E020", line=3, detail="Expecting value at column 1"),
        BadLine("E022", "article-7", line=9),
    ],
    ids=lambda e: f"{type(e).__name__}-{e.code}-{'at' if e.location else 'nowhere'}",
)
def test_an_error_pickles_to_an_equal_one(error):
    _same(error, pickle.loads(pickle.dumps(error)))


def test_a_bad_line_keeps_its_article_id():
    again = pickle.loads(pickle.dumps(BadLine("E021", "a1", line=4, field="text", kind="a string (it is missing)")))
    assert again.article_id == "a1" and str(again) == "E021 line 4: `text` must be a string (it is missing)"


def test_broken_rules_pickle_with_every_problem():
    problems = [QuotesError("E100", Location("rules/x.yaml", 2, 1), detail="expected a node"), QuotesError("E108", path="r/")]
    again = pickle.loads(pickle.dumps(RulesInvalid(problems)))
    assert isinstance(again, RulesInvalid) and str(again) == str(RulesInvalid(problems))
    for before, after in zip(problems, again.problems, strict=True):
        _same(before, after)


def test_the_new_codes_are_in_the_catalogue():
    assert "worker process died" in Errors.E032 and "--resume" in Errors.E032
    assert "--fail-fast" in Errors.E035
