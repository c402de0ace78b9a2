"""quotes.rules.literals: the fixed text a pattern needs, and the searches
it spares give the answers the compiled pattern gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml

from quotes.rules.cache import load_rules_cached
from quotes.rules.literals import RequiredText, required_text
from quotes.rules.patterns import compile_search

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^Image source, \S", RequiredText("Image source, ", False)),
        (r"a columnist for Reuters\.\)$", RequiredText("a columnist for Reuters.)", False)),
        (r"^(?:[A-Z][a-z]{0,60})?\(Reuters Breakingviews\) [-–—] ", RequiredText("(Reuters Breakingviews) ", False)),
        (r"abcd?e", RequiredText("abc", False)),  # the optional "d" ends the run
        (r"ab\d+cde", RequiredText("cde", False)),
        (r"(?:abc)?xyz", RequiredText("xyz", False)),
        (r"foo(?P<value>bar)baz", RequiredText("foobarbaz", False)),
        (r"(?P<value>x)|(?P<value>yyyy)", None),  # a name twice: `regex` allows it; an alternation has no one text
        (r"(?i)^More on this", RequiredText("more on this", True)),
        (r"(?i:Advert)ising", RequiredText("advert", True)),  # a case-insensitive part: all sought folded
        (r"(?i)^Übersicht", None),  # folding beyond ASCII is not relied on
        (r"^(?:Reporting|Writing) by", RequiredText(" by", False)),
        (r"^(?:Mon|Tue|Wed)day", RequiredText("day", False)),
        (r"ab", None),  # too short to spare anything
        (r"\d{4}-\d{2}", None),
        (r"(?:a|b)+cdef{e<=1}", None),  # `regex`-only syntax Python's parser reads as plain characters
        (r"[[:alpha:]]abcd", None),
        (r"\p{Lu}abcd", None),  # `regex`-only syntax Python's parser refuses
        (r"a\{b}cdef", RequiredText("a{b}cdef", False)),
        (r"x{2}yza", RequiredText("yza", False)),
    ],
)
def test_required_text(pattern, expected):
    assert required_text(pattern, regex.MULTILINE) == expected


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"(?i)^more on this story$", "Intro\nMORE ON THIS STORY\n", True),
        (r"(?i)^more on this story$", "Intro\nMore stories\n", False),
        (r"(?i)kelvin scale", "the \u212aelvin scale", True),  # KELVIN SIGN folds to k
        (r"^Image source, \S", "Image source, Getty", True),
        (r"^Image source, \S", "Image caption, Getty", False),
    ],
)
def test_a_search_finds_what_the_compiled_pattern_finds(pattern, text, found):
    assert (compile_search(pattern).search(text) is not None) is found
    assert (regex.search(pattern, text, regex.MULTILINE) is not None) is found


def _rule_texts() -> list[str]:
    """Every text the built-in rule files test themselves on, and the seeds."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in (data or {}).get("tests", []) if isinstance(data, dict) else []:
            texts += [case[key] for key in ("match", "no_match") if isinstance(case.get(key), str)]
    return texts


def _built_in_patterns() -> list[str]:
    rules = load_rules_cached()
    patterns = [line.pattern for line in rules.boilerplate]
    for profile in rules.outlets:
        patterns += [*profile.signatures, *profile.fields.values(), *(line.pattern for line in profile.boilerplate)]
        patterns += [p for markers in profile.kind_markers.values() for p in markers]
    return [p for p in patterns if "{author}" not in p]


def test_the_built_in_patterns_find_in_the_rule_files_tests_what_they_find_compiled():
    texts = _rule_texts()
    patterns = _built_in_patterns()
    assert len(texts) > 20 and len(patterns) > 100
    spared = 0
    for pattern in patterns:
        lazy, compiled = compile_search(pattern), regex.compile(pattern, regex.MULTILINE | regex.VERSION0)
        for text in texts:
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)], pattern
            spared += lazy.cannot_match(text)
    assert spared > len(patterns) * len(texts) // 2  # most searches are spared
