"""`quotes search`: the claims holding every word of a query, best first
(FTS5's BM25), narrowed by speaker, outlet, dates and type.

A speaker is found by any part of the resolved name ("Ferrante" finds
"Maria Ferrante"): the name's words must all be in the speaker's name. An
outlet likewise ("breitbart" finds "Breitbart News").
Dates compare as ISO strings (`published` may be a date or a date-time);
a claim whose article has no date is left out by --since and --until.
A query without words lists the claims the filters keep, the latest first.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import QuotesError
from .hits import Hit
from .terms import all_of, words

DEFAULT_LIMIT = 20

# The columns of a Hit, in its field order, for queries that join a claim
# (c) to its article (a) and speaker (s).
HIT_COLUMNS = "a.id, c.claim, c.text, s.name, a.outlet, a.published, a.url, c.type, c.cue"
HIT_JOINS = "JOIN articles a ON a.rowid = c.article LEFT JOIN speakers s ON s.id = c.speaker"


@dataclass(frozen=True)
class Filters:
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None  # an ISO date, inclusive
    until: str | None = None  # an ISO date, inclusive
    type: str | None = None


def parse_date(value: str, option: str) -> str:
    """An ISO date (2026-01-31) as given; anything else is E075."""
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise QuotesError("E075", option=option, value=value) from None


def search(conn: sqlite3.Connection, query: str, filters: Filters = Filters(), limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The claims that hold every word of `query`, best first."""
    conditions, parameters = _conditions(conn, filters)
    match = all_of(query)
    if match is None:
        return _hits(conn.execute(_latest_sql(conditions, by_speaker=filters.speaker is not None), (*parameters, limit)))
    sql = (
        f"SELECT {HIT_COLUMNS} FROM claim_words f JOIN claims c ON c.rowid = f.rowid {HIT_JOINS}"
        f" WHERE claim_words MATCH ? {''.join(' AND ' + c for c in conditions)} ORDER BY f.rank LIMIT ?"
    )
    return _hits(conn.execute(sql, (match, *parameters, limit)))


def _latest_sql(conditions: list[str], by_speaker: bool) -> str:
    """The claims the conditions keep, the latest first. The articles are read
    newest first (their date's index) and the reading stops at the limit,
    unless a speaker is asked for: then their claims are fewer, read by speaker."""
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    join = "JOIN" if by_speaker else "CROSS JOIN"  # CROSS JOIN: SQLite keeps the articles first
    return (
        f"SELECT {HIT_COLUMNS} FROM articles a {join} claims c ON a.rowid = c.article"
        f" LEFT JOIN speakers s ON s.id = c.speaker {where} ORDER BY a.published DESC, a.rowid DESC, c.rowid DESC LIMIT ?"
    )


def _conditions(conn: sqlite3.Connection, filters: Filters) -> tuple[list[str], list[object]]:
    conditions: list[str] = []
    parameters: list[object] = []
    if filters.speaker is not None:
        names = all_of(filters.speaker)
        # A name without a word ("?") finds no one, as a name no one has does.
        conditions.append("c.speaker IN (SELECT rowid FROM speaker_words WHERE speaker_words MATCH ?)")
        parameters.append(names or '""')
    if filters.outlet is not None:
        named = outlets_named(conn, filters.outlet)
        conditions.append(f"a.outlet IN ({', '.join('?' * len(named))})" if named else "0")
        parameters += named
    if filters.since is not None:
        conditions.append("a.published >= ?")
        parameters.append(parse_date(filters.since, "--since"))
    if filters.until is not None:
        # The date part: a date-time on the last day is in.
        conditions.append("substr(a.published, 1, 10) <= ?")
        parameters.append(parse_date(filters.until, "--until"))
    if filters.type is not None:
        conditions.append("c.type = ?")
        parameters.append(filters.type)
    return conditions, parameters


def outlets_named(conn: sqlite3.Connection, name: str) -> list[str]:
    """The outlets in the database whose names hold every word of `name`
    (case and accents folded). Outlets are few: their names are read whole."""
    wanted = set(words(name))
    if not wanted:
        return []
    outlets = (row[0] for row in conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL"))
    return sorted(outlet for outlet in outlets if wanted <= set(words(outlet)))


def _hits(rows: Iterator[tuple[object, ...]]) -> list[Hit]:
    return [Hit(*row) for row in rows]  # type: ignore[arg-type]
