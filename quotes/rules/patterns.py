"""Regular expressions written in rule files: compiled, vetted, and bounded.

Rule files are edited by people who are not regex specialists, and a pattern
such as `(\\w+\\s?)+$` can take minutes on one long line. Two defences:

- `rules check` refuses patterns whose shape backtracks catastrophically
  (an unbounded repetition of something that itself repeats without bound),
  and warns about those it cannot prove safe (a repetition of alternatives
  that may begin alike, as in `(a|aa)+`, or syntax it cannot read);
- every match runs in the `regex` engine with a time limit, so a pattern that
  slips through turns one article into an error record (E030) instead of
  hanging a corpus run.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import regex

from .literals import required_text

# A rule pattern gets this long on one article, per search; real patterns take
# microseconds, so this only ever stops a runaway.
MATCH_TIMEOUT_SECONDS = 1.0
# Nested repetition with a small bound ({0,3}) is polynomial and fine; above
# this bound it is as bad as unbounded.
_LARGE_REPEAT = 10
_POSSESSIVE = sre_constants.POSSESSIVE_REPEAT
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, _POSSESSIVE)
_MULTILINE = regex.MULTILINE | regex.VERSION0
# The flags Python's parser shares with `regex`, for reading a pattern's fixed text.
_RE_FLAGS = re.MULTILINE | re.IGNORECASE | re.DOTALL
_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
# Group names change nothing in a pattern's shape, and the `regex` engine
# allows a name twice (one `value` per alternative), which Python's parser,
# used for the shape checks, refuses.
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
# The characters a shape check tries when it asks which characters can begin
# a part of a pattern: printable ASCII and the spaces, dashes, quotes and
# letters news text holds beyond it.
_SAMPLE_CHARS = frozenset(map(chr, range(32, 127))) | frozenset("\t\n\u00a0\u2009éÀß—–’‘“”«»")
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: re.compile(r"\d"),
    sre_constants.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre_constants.CATEGORY_SPACE: re.compile(r"\s"),
    sre_constants.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre_constants.CATEGORY_WORD: re.compile(r"\w"),
    sre_constants.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


class PatternTimeout(Exception):
    """A rule pattern ran past MATCH_TIMEOUT_SECONDS on one text."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        super().__init__(pattern)


class UserPattern:
    """A rule pattern whose every match is bounded in time. Compiled on the
    first search of a text that holds its required fixed text (`literals`):
    most outlet profiles' patterns never meet one."""

    def __init__(self, source: str, pattern: str, flags: int = _MULTILINE):
        self.source = source
        self._pattern = pattern
        self._flags = flags
        self._compiled: regex.Pattern | None = None
        self._required = required_text(pattern, flags & _RE_FLAGS)

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self._pattern, self._flags)
        return self._compiled

    def cannot_match(self, text: str) -> bool:
        return self._required is not None and self._required.absent_from(text)

    def search(self, text: str) -> regex.Match | None:
        if self.cannot_match(text):
            return None
        try:
            return self.compiled.search(text, timeout=MATCH_TIMEOUT_SECONDS)
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def match(self, text: str, pos: int = 0) -> regex.Match | None:
        try:
            return self.compiled.match(text, pos, timeout=MATCH_TIMEOUT_SECONDS)
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def finditer(self, text: str) -> Iterator[regex.Match]:
        if self.cannot_match(text):
            return
        try:
            yield from self.compiled.finditer(text, timeout=MATCH_TIMEOUT_SECONDS)
        except TimeoutError:
            raise PatternTimeout(self.source) from None


# Compiled once: outlet profiles and byline patterns (one per author) are
# asked for on every article, more of them than `regex` keeps in its cache.
@lru_cache(maxsize=4096)
def compile_search(pattern: str, source: str | None = None) -> UserPattern:
    """A pattern that searches a text, `^` and `$` at every line end.

    `source` is the pattern as its rule file wrote it, for error messages.
    """
    return UserPattern(source or pattern, pattern)


@lru_cache(maxsize=4096)
def compile_whole_line(pattern: str, source: str | None = None) -> UserPattern:
    """A pattern that must match a line from start to end (trailing blanks allowed)."""
    # A leading "(?i)" must stay global to the user's pattern, not to ours.
    flags = _GLOBAL_FLAGS.match(pattern)
    inner = f"(?{flags.group(1)}:{pattern[flags.end() :]})" if flags else pattern
    return UserPattern(source or pattern, rf"^(?:{inner})[ \t\u00a0]*$")


def regex_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used as a rule pattern, or None when it can."""
    try:
        regex.compile(pattern, _MULTILINE)
    except regex.error as exc:
        return f"bad regular expression: {exc}"
    risk = backtracking_risk(pattern)
    return f"catastrophic backtracking: {risk}" if risk else None


def backtracking_risk(pattern: str) -> str | None:
    """What makes `pattern` backtrack exponentially, or None.

    The classic shape is a repetition inside an unbounded (or widely bounded)
    repetition, as in `(a+)+` or `(\\w+\\s?)*`: on a line that almost matches,
    the engine tries every way of splitting it between the two.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return None  # not Python `re` syntax: `unproven_risk` says so
    return _nested_repeat(parsed)


def unproven_risk(pattern: str) -> str | None:
    """Why the shape check cannot vouch for `pattern`, or None when it can.

    Not an error: such a pattern may well be fast. But `(a|aa)+` has no
    nested repetition and still backtracks exponentially, because its
    alternatives can match the same text in more than one way.
    """
    parsed = _parsed(pattern)
    if parsed is None:
        return "it uses syntax the check cannot read, so it cannot tell whether the pattern is slow"
    return _alike_alternatives(parsed)


def _parsed(pattern: str) -> sre_parse.SubPattern | None:
    try:
        return sre_parse.parse(_GROUP_NAME.sub("(?:", pattern))
    except (re.error, OverflowError, RecursionError):
        return None


def _alike_alternatives(parsed) -> str | None:
    for op, value, outer in _nodes(parsed, outer=None):
        if op is sre_constants.BRANCH and outer is not None:
            found = _shared_start(value[1])
            if found:
                return found
    return None


def _shared_start(alternatives) -> str | None:
    starts = [_first_chars(list(alternative)) for alternative in alternatives]
    for i, first in enumerate(starts):
        for other in starts[i + 1 :]:
            shared = first & other
            if shared:
                shown = "".join(sorted(shared))[:10]
                return (
                    f"a repetition holds alternatives that can begin with the same character ({shown!r}), "
                    "so a near-miss may try every way to split a line between them; make each "
                    "alternative begin differently, or the repetition possessive (++ or *+)"
                )
    return None


def _first_chars(items: list) -> frozenset[str]:
    """The sample characters a match of `items` can begin with; all of them
    when `items` can match the empty string (what follows may begin it)."""
    for index, (op, value) in enumerate(items):
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue  # zero-width
        if op is sre_constants.LITERAL:
            return frozenset({chr(value)})
        if op is sre_constants.NOT_LITERAL:
            return _SAMPLE_CHARS - {chr(value)}
        if op is sre_constants.IN:
            return frozenset(c for c in _SAMPLE_CHARS if _in_set(value, c))
        if op is sre_constants.SUBPATTERN:
            first = _first_chars(list(value[-1]))
        elif op in _REPEATS:
            first = _first_chars(list(value[2]))
            if value[0] == 0:
                return first | _first_chars(items[index + 1 :])
        elif op is sre_constants.BRANCH:
            first = frozenset().union(*(_first_chars(list(b)) for b in value[1]))
        else:
            return _SAMPLE_CHARS  # ANY, a back-reference: anything
        return first
    return _SAMPLE_CHARS


def _in_set(items, char: str) -> bool:
    negate, found = False, False
    for op, value in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            found = found or char == chr(value)
        elif op is sre_constants.RANGE:
            found = found or value[0] <= ord(char) <= value[1]
        elif op is sre_constants.CATEGORY:
            found = found or bool(_CATEGORIES.get(value, _ANYTHING).match(char))
        else:
            found = True  # a construct this check does not read: assume it can
    return found != negate


_ANYTHING = re.compile(r"[\s\S]")


def _nested_repeat(parsed) -> str | None:
    for op, value, outer in _nodes(parsed, outer=None):
        if op not in _REPEATS or outer is None:
            continue
        low, high, _ = value
        # An optional part (`?`) or a possessive one gives the engine no
        # second way to split the same text.
        if high > 1 and low != high and op != _POSSESSIVE:
            return (
                f"{outer} holds {_shown(low, high)}, so a near-miss tries every way to split a line "
                "between them; bound the outer one ({0,3}) or make the inner one possessive (++ or *+)"
            )
    return None


def _nodes(items, outer: str | None) -> Iterator[tuple[Any, Any, str | None]]:
    """Every node of a parsed pattern, with the innermost wide, non-possessive
    repetition around it (as `_shown` words it), or None."""
    for op, value in items:
        yield op, value, outer
        if op in _REPEATS:
            low, high, body = value
            wide = high == sre_constants.MAXREPEAT or high > _LARGE_REPEAT
            yield from _nodes(body, _shown(low, high) if wide and op != _POSSESSIVE else outer)
        elif op is sre_constants.SUBPATTERN:
            yield from _nodes(value[-1], outer)
        elif op is sre_constants.BRANCH:
            for branch in value[1]:
                yield from _nodes(branch, outer)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _nodes(value[1], outer)


def _shown(low: int, high: int) -> str:
    if high == sre_constants.MAXREPEAT:
        return {0: "a `*` repetition", 1: "a `+` repetition"}.get(low, f"a `{{{low},}}` repetition")
    return f"a `{{{low},{high}}}` repetition"
