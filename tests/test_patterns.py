"""quotes.rules.patterns: rule regexes vetted for catastrophic backtracking and
bounded in time when they run."""

import time

import pytest

from quotes.rules.patterns import (
    PatternTimeout,
    backtracking_risk,
    compile_search,
    compile_whole_line,
    regex_problem,
)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+$",
        r"(\w+\s?)*$",
        r"(?:[A-Z][a-z]+ ?)+:",
        r"(a{1,3})+b",
        r"(?:x(?:\d+,)*)+y",
        r"(?=(a+)+)",
        r"(a*){2,50}",
    ],
)
def test_nested_repetition_is_a_risk(pattern):
    assert backtracking_risk(pattern) is not None
    assert regex_problem(pattern).startswith("catastrophic backtracking")


@pytest.mark.parametrize(
    "pattern",
    [
        r"^By (?P<value>[^\n]+?)\s+Source:",
        r"(?: [A-Z][\w.'’-]+){0,3}",
        r".{0,400}\b(Photo|Picture)s?:\s*\S.{0,60}",
        r"(?:\w++\s?)+",
        r"(?:[A-Z]\.?)+",
        r"(x(ab)?)+",
        r"(?i)advertisement|sponsored( content)?",
    ],
)
def test_ordinary_patterns_pass(pattern):
    assert backtracking_risk(pattern) is None
    assert regex_problem(pattern) is None


def test_a_bad_regex_is_reported():
    assert regex_problem("(unclosed").startswith("bad regular expression: missing )")


def test_a_runaway_match_is_stopped():
    # No nested repetition, yet exponential: the time limit is the defence.
    runaway = compile_search(r"(a|aa)+$")
    started = time.monotonic()
    with pytest.raises(PatternTimeout) as info:
        runaway.search("a" * 60 + "!")
    assert time.monotonic() - started < 5
    assert info.value.pattern == r"(a|aa)+$"


def test_whole_line_patterns_keep_a_leading_flag_to_themselves():
    pattern = compile_whole_line("(?i)read more.*")
    assert [m.group(0) for m in pattern.finditer("x\nREAD MORE: a\nnot read more\n")] == ["READ MORE: a"]
