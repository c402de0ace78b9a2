"""The text a rule pattern cannot match without: a cheap test before a
costly compile.

Most of an outlet profile's patterns (its signatures, kind markers, byline
and boilerplate lines) never match a given article: "Image source, " is in
no Reuters story. Each would cost a `regex` compile (about 0.2 ms) on the
first article of a process, and a search of the whole text on every
article. A pattern that can only match where some fixed text occurs, such
as `^Image source, \\S` (needing "Image source, "), is compiled and searched
only in a text that holds that fixed text. A pattern without one (an
alternation at the top, syntax Python's parser does not read) is compiled
and searched as before.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from functools import lru_cache

# Shorter fixed text is in too many articles to spare any work.
MIN_LITERAL = 3
# Group names change nothing here, and `regex` allows a name twice, which
# Python's parser refuses.
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_IGNORECASE = sre_constants.SRE_FLAG_IGNORECASE
# Syntax `regex` reads and Python's parser takes for plain characters: a
# fuzzy match ("{e<=1}") and a POSIX class ("[[:alpha:]]").
_REGEX_ONLY = re.compile(r"(?<!\\)\{(?!\d*,?\d*\})|\[\[:")


@dataclass(frozen=True)
class RequiredText:
    """Fixed text every match contains; `folded` when some of the pattern
    ignores case, and so the text is sought case-folded."""

    text: str
    folded: bool

    def absent_from(self, text: str) -> bool:
        return self.text not in (_casefolded(text) if self.folded else text)


def required_text(pattern: str, flags: int = 0) -> RequiredText | None:
    """The longest fixed text every match of `pattern` contains (at least
    MIN_LITERAL characters), or None when there is none to rely on."""
    if _REGEX_ONLY.search(pattern):
        return None
    try:
        parsed = sre_parse.parse(_GROUP_NAME.sub("(?:", pattern), flags)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    folded = bool(parsed.state.flags & _IGNORECASE) or _any_ignorecase_group(list(parsed))
    longest = max(_literal_runs(list(parsed)), key=len, default="")
    if len(longest) < MIN_LITERAL or (folded and not longest.isascii()):
        return None
    # Case-folding the text as well as the run keeps every case-insensitive
    # match: a character `regex` matches to an ASCII letter ("K", the Kelvin
    # sign, to "k") folds to it. Only ASCII runs: beyond, folding may not.
    return RequiredText(longest.casefold(), True) if folded else RequiredText(longest, False)


def _literal_runs(items: list) -> list[str]:
    """The runs of characters `items` match one after another, each at
    every match; a part that may vary, repeat or be absent ends a run."""
    runs, current = [], ""
    for op, value in items:
        if op is sre_constants.LITERAL:
            current += chr(value)
            continue
        if op is sre_constants.AT:
            continue  # ^ $ \b: zero-width, the characters either side still adjoin
        runs.append(current)
        current = ""
        if op is sre_constants.SUBPATTERN:
            # A group's runs are in every match too, each on its own.
            runs += _literal_runs(list(value[-1]))
    runs.append(current)
    return runs


def _any_ignorecase_group(items: list) -> bool:
    for op, value in items:
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, _del_flags, inner = value
            if add_flags & _IGNORECASE or _any_ignorecase_group(list(inner)):
                return True
    return False


@lru_cache(maxsize=4)
def _casefolded(text: str) -> str:
    # One article's text is asked about by many patterns in a row.
    return text.casefold()
