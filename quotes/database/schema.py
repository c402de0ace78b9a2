"""The claims database's tables, and the migrations that bring a file to them.

`PRAGMA user_version` is the schema version: the number of migrations
applied. A new file gets them all; an older one the ones it lacks, in
order, each in its own transaction; a file written by a newer quotes (a
version beyond the last migration) is E073, as this code cannot know what
its tables mean. `PRAGMA application_id` marks the file as ours, so that
another program's SQLite file is told apart from an empty one (E072).

The claims' words are indexed by an FTS5 table over `claims.text` (external
content: the text is stored once, in `claims`), kept in step by the indexer
(quotes.database.indexing) as it adds claims and by a trigger as they are
deleted. Speakers' names have their own small FTS5 table, so that a
surname finds the full name.
"""

from __future__ import annotations

import sqlite3

from ..errors import QuotesError

# "QUOT": a file whose application_id is another program's is not ours.
APPLICATION_ID = 0x51554F54
TABLES = ("articles", "claims", "speakers", "claim_words", "speaker_words")
# unicode61 folds case and, with remove_diacritics 2, accents: "Müller"
# finds "Muller"; the query side folds words the same way (quotes.database.terms).
TOKENIZER = "unicode61 remove_diacritics 2"

_VERSION_1 = f"""
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    author TEXT,
    author_affiliation TEXT,
    published TEXT,
    kind TEXT,
    title TEXT,
    dateline TEXT,
    supplied_by TEXT,
    text TEXT
);
CREATE INDEX articles_by_url ON articles (url) WHERE url IS NOT NULL;
-- The latest claims first, when a search has no words.
CREATE INDEX articles_by_published ON articles (published);

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE speaker_words USING fts5 (name, content='speakers', content_rowid='id', tokenize='{TOKENIZER}');
CREATE TRIGGER speakers_added AFTER INSERT ON speakers BEGIN
    INSERT INTO speaker_words (rowid, name) VALUES (new.id, new.name);
END;

-- One row a claim. `details` is the rest of the claim's record as JSON
-- (spans, offsets, the speaker's mention, role, affiliation, kind and
-- resolution, the source): what is searched or shown is a column.
CREATE TABLE claims (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (rowid),
    claim TEXT NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker INTEGER REFERENCES speakers (id),
    cue TEXT,
    confidence REAL,
    negated INTEGER NOT NULL DEFAULT 0,
    rule TEXT,
    details TEXT NOT NULL,
    UNIQUE (article, claim)
);
CREATE INDEX claims_by_speaker ON claims (speaker);

-- The words of claims: added by the indexer a batch at a time (one
-- INSERT ... SELECT, twice as fast as a trigger's row at a time), removed
-- with their claims by the trigger.
CREATE VIRTUAL TABLE claim_words USING fts5 (text, content='claims', content_rowid='rowid', tokenize='{TOKENIZER}');
CREATE TRIGGER claims_removed AFTER DELETE ON claims BEGIN
    INSERT INTO claim_words (claim_words, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""

# Migration n (from 1) brings a file from schema version n-1 to n. Append, never edit.
MIGRATIONS: tuple[str, ...] = (_VERSION_1,)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_schema(conn: sqlite3.Connection, path: str) -> int:
    """The file's schema version, once it is known to be a claims database
    this code can read (E072 if not ours, E073 if newer)."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise QuotesError("E073", path=path, found=version, supported=SCHEMA_VERSION)
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version == 0:
        if _has_tables(conn):
            raise QuotesError("E072", path=path, detail="an SQLite file without the claims tables")
        return 0
    if application != APPLICATION_ID:
        raise QuotesError("E072", path=path, detail="an SQLite file of another program")
    missing = [t for t in TABLES if t not in _table_names(conn)]
    if missing:
        raise QuotesError("E072", path=path, detail=f"the table(s) {', '.join(missing)} are missing")
    return version


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Apply the migrations the file lacks, each with its version in one
    transaction: a migration cut short leaves the file at the version before,
    and of two processes migrating a new file, the second finds it done."""
    for number in range(check_schema(conn, path) + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if check_schema(conn, path) < number:
                for statement in statements(MIGRATIONS[number - 1]):
                    conn.execute(statement)
                # PRAGMAs take no parameters: both values are this module's integers.
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
                conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def statements(script: str) -> list[str]:
    """A script's statements, one each (a trigger's body holds semicolons)."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    return found


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}


def _has_tables(conn: sqlite3.Connection) -> bool:
    return bool(_table_names(conn))
