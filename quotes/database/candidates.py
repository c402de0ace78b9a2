"""The claims that may be the same quote as a text: what `quotes trace`
compares, word by word (quotes.database.tracing), against the text.

Asking for every word of the quote would miss the copy with one word
changed; asking for any word would rank by the common ones. The quote's
most distinctive words are asked for instead, any of them: those the fewest
claims hold (the index's own vocabulary, `claim_terms`, counts them), which
a copy keeps unless it is cut or reworded past recognition. BM25 ranks the
claims holding more of them, and rarer ones, first. So a copy with a word
swapped, added or dropped, other punctuation or quotation marks, cut short
or quoted at greater length still holds most of those words and comes back.
"""

from __future__ import annotations

import sqlite3

from ..errors import QuotesError
from .hits import Hit
from .search import HIT_COLUMNS, HIT_JOINS
from .terms import any_of, words

DEFAULT_CANDIDATES = 200
# Enough words that a copy with several changed still holds some; few
# enough that FTS5 reads only short lists of rare words.
DISTINCTIVE_WORDS = 12


def similar_claims(conn: sqlite3.Connection, text: str, limit: int = DEFAULT_CANDIDATES) -> list[Hit]:
    """Up to `limit` claims sharing the most distinctive words of `text`, best first."""
    chosen = distinctive_words(conn, text)
    match = any_of(chosen)
    if match is None:
        return []
    sql = (
        f"SELECT {HIT_COLUMNS} FROM claim_words f JOIN claims c ON c.rowid = f.rowid {HIT_JOINS}"
        " WHERE claim_words MATCH ? ORDER BY f.rank LIMIT ?"
    )
    return [Hit(*row) for row in conn.execute(sql, (match, limit))]


def distinctive_words(conn: sqlite3.Connection, text: str, count: int = DISTINCTIVE_WORDS) -> list[str]:
    """The words of `text` the fewest claims hold (words no claim holds left
    out: they can only be the text's own changes), in the text's order on ties."""
    found = list(dict.fromkeys(words(text)))
    claims_holding = document_frequencies(conn, found)
    known = [w for w in found if claims_holding.get(w, 0) > 0]
    return sorted(known, key=lambda w: claims_holding[w])[:count]


def document_frequencies(conn: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    """How many claims hold each term (the ones none holds are absent)."""
    frequencies: dict[str, int] = {}
    # fts5vocab answers `term = ?` from the index; an IN list may be read as a scan.
    for term in terms:
        row = conn.execute("SELECT doc FROM claim_terms WHERE term = ?", (term,)).fetchone()
        if row is not None:
            frequencies[term] = int(row[0])
    return frequencies


def claim_by_id(conn: sqlite3.Connection, claim_id: str) -> Hit:
    """The claim "ARTICLE_ID#q3" (E074 if the database has none such)."""
    article, mark, claim = claim_id.rpartition("#")
    if not mark or not article or not claim:
        raise QuotesError("E074", claim=claim_id, detail="a claim id is ARTICLE_ID#qN, as search results give it")
    sql = f"SELECT {HIT_COLUMNS} FROM claims c {HIT_JOINS} WHERE a.id = ? AND c.claim = ?"
    row = conn.execute(sql, (article, claim)).fetchone()
    if row is None:
        known = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article,)).fetchone()
        detail = f"article '{article}' has no claim {claim}" if known else f"no article '{article}' is indexed"
        raise QuotesError("E074", claim=claim_id, detail=detail)
    return Hit(*row)
