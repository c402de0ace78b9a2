"""A user's words as an FTS5 query that cannot be a syntax error.

FTS5 reads `"`, `-`, `:`, `*`, `^`, parentheses and the words AND, OR, NOT
and NEAR as its own syntax. Each word is taken out of the text the way the
index's tokenizer (unicode61, diacritics removed) cuts and folds it, and
written as a quoted string, which FTS5 reads as that word and nothing else.
"""

from __future__ import annotations

import re
import unicodedata

# unicode61 keeps letters, digits and private-use characters together and
# splits on everything else ("don't" is "don" and "t"; "COVID-19" two words).
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of `text` as the index holds them: lower case, no accents."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


def quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def all_of(text: str) -> str | None:
    """An FTS5 query for the claims holding every word of `text`; None when it has none."""
    found = words(text)
    return " ".join(quoted(w) for w in dict.fromkeys(found)) or None


def any_of(chosen: list[str]) -> str | None:
    """An FTS5 query for the claims holding at least one of the words."""
    return " OR ".join(quoted(w) for w in dict.fromkeys(chosen)) or None
