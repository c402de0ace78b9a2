"""The claims that may be the same quote as a text: what `quotes trace`
compares, word by word (quotes.database.tracing), against the text.

Asking for every word of the quote would miss the copy with one word
changed; asking for any word would rank by the common ones. The quote's
most distinctive words are asked for instead, any of them: those the fewest
claims hold, which a copy keeps unless it is cut or reworded past
recognition. BM25 ranks the claims holding more of them, and rarer ones,
first. So a copy with a word swapped, added or dropped, other punctuation
or quotation marks, cut short or quoted at greater length still holds most
of those words and comes back.

The cost is bounded by the postings read, whatever the store's size: a
word's claims are counted up to COMMON_WORD (FTS5 keeps no count of them:
fts5vocab reads a word's whole list to give one, 3 ms for "the" in a
million claims), and the words asked for hold at most POSTINGS_READ claims
together. A quote of common words only is asked for whole (all of its
rarest words), which few claims match.
"""

from __future__ import annotations

import sqlite3

from ..errors import QuotesError
from .hits import Hit
from .search import HIT_COLUMNS, HIT_JOINS
from .terms import all_of, any_of, quoted, words

DEFAULT_CANDIDATES = 200
# Enough words that a copy with several changed still holds some.
DISTINCTIVE_WORDS = 12
# A word in this many claims is common: it tells copies of a quote from
# other claims no better than a commoner one. Also where counting stops.
COMMON_WORD = 5_000
# At most this many claims hold the words asked for, together: on a
# million claims, 30 ms at the 95th percentile, and 99 quotes in 100 found.
POSTINGS_READ = 30_000
# The words asked for, all of them, when a quote has no distinctive one.
WHOLE_QUOTE_WORDS = 4


def similar_claims(conn: sqlite3.Connection, text: str, limit: int = DEFAULT_CANDIDATES) -> list[Hit]:
    """Up to `limit` claims sharing the most distinctive words of `text`, best first."""
    match = _candidate_query(conn, text)
    if match is None:
        return []
    sql = (
        f"SELECT {HIT_COLUMNS} FROM claim_words f JOIN claims c ON c.rowid = f.rowid {HIT_JOINS}"
        " WHERE claim_words MATCH ? ORDER BY f.rank LIMIT ?"
    )
    return [Hit(*row) for row in conn.execute(sql, (match, limit))]


def _candidate_query(conn: sqlite3.Connection, text: str) -> str | None:
    ranked = rarest_words(conn, text)
    chosen = distinctive_words(ranked)
    if chosen:
        return any_of(chosen)
    return all_of(" ".join(word for word, _ in ranked[:WHOLE_QUOTE_WORDS]))


def rarest_words(conn: sqlite3.Connection, text: str) -> list[tuple[str, int]]:
    """The words of `text` some claim holds, with how many claims (up to
    COMMON_WORD), the rarest first, in the text's order on ties. Words no
    claim holds are left out: they can only be the text's own changes."""
    found = dict.fromkeys(words(text))
    counted = [(word, claims_holding(conn, word)) for word in found]
    return sorted(((w, n) for w, n in counted if n), key=lambda pair: pair[1])


def distinctive_words(ranked: list[tuple[str, int]]) -> list[str]:
    """The rarest words, short of the common ones, within POSTINGS_READ."""
    chosen: list[str] = []
    read = 0
    for word, claims in ranked[:DISTINCTIVE_WORDS]:
        if claims >= COMMON_WORD or read + claims > POSTINGS_READ:
            break
        chosen.append(word)
        read += claims
    return chosen


def claims_holding(conn: sqlite3.Connection, word: str) -> int:
    """How many claims hold `word`, counted up to COMMON_WORD."""
    sql = "SELECT count(*) FROM (SELECT rowid FROM claim_words WHERE claim_words MATCH ? LIMIT ?)"
    return int(conn.execute(sql, (quoted(word), COMMON_WORD)).fetchone()[0])


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
