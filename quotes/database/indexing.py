"""Records of `quotes corpus` into the claims database.

An article is indexed whole or not at all, and batches of articles are
committed together (one transaction each: a commit is the slow part). An
interruption loses only the batch under way; indexing the same records
again completes the database, as an article indexed again replaces the one
of the same id or the same URL: its old claims go in the transaction that
adds the new ones, so a search never sees both, nor neither. A record that
carries an error (`"error"` not null) has no claims: it is counted, not
indexed, and leaves an earlier version of its article in place.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

# Articles a transaction; ~10 claims each, a commit every few thousand claims.
BATCH_ARTICLES = 500
ARTICLE_FIELDS = (
    "outlet",
    "author",
    "author_affiliation",
    "published",
    "kind",
    "title",
    "dateline",
    "supplied_by",
    "text",
)
# A claim's fields kept as columns; the rest of the record goes in `details`.
CLAIM_COLUMNS = ("id", "type", "text", "rule", "confidence", "negated")

_INSERT_ARTICLE = (
    f"INSERT INTO articles (id, url, {', '.join(ARTICLE_FIELDS)}) VALUES (?, ?, {', '.join('?' for _ in ARTICLE_FIELDS)})"
)
_INSERT_CLAIM = (
    "INSERT INTO claims (article, claim, type, text, speaker, cue, confidence, negated, rule, details)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

Record = Mapping[str, Any]
ClaimRow = tuple[int, str, str, str, int | None, str | None, float | None, int, str | None, str]


@dataclass
class IndexSummary:
    articles: int = 0
    claims: int = 0
    replaced: int = 0  # articles indexed before, replaced
    errors: int = 0  # records of articles that could not be extracted: skipped
    malformed: int = 0  # records whose claims lack an id, type or text: skipped

    def add(self, other: IndexSummary) -> None:
        self.articles += other.articles
        self.claims += other.claims
        self.replaced += other.replaced
        self.errors += other.errors
        self.malformed += other.malformed


class Indexer:
    """Adds records to an open database, committing every `batch` articles.

    Used as a context manager: leaving the block commits what was added;
    an exception rolls back only the batch under way.
    """

    def __init__(self, conn: sqlite3.Connection, batch: int = BATCH_ARTICLES) -> None:
        self.conn = conn
        self.batch = batch
        self.summary = IndexSummary()
        self._pending_articles = 0
        # The claims of the batch, by article rowid: inserted in one executemany at commit.
        self._pending_claims: dict[int, list[ClaimRow]] = {}
        self._speaker_ids: dict[str, int] = {}
        self._batch_summary = IndexSummary()

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()

    def add_all(self, records: Iterable[Record]) -> None:
        for record in records:
            self.add(record)

    def add(self, record: Record) -> None:
        """Index one record (replacing its article), committing when a batch is full."""
        article = record.get("article")
        if record.get("error") or not isinstance(article, Mapping) or not isinstance(record.get("id"), str):
            self._batch_summary.errors += 1
            return
        claims = record.get("claims") or []
        if not isinstance(claims, list) or not all(_is_claim(c) for c in claims):
            self._batch_summary.malformed += 1
            return
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        self._replace_article(record["id"], article.get("url"))
        cursor = self.conn.execute(_INSERT_ARTICLE, (record["id"], article.get("url"), *(article.get(f) for f in ARTICLE_FIELDS)))
        rowid = int(cursor.lastrowid or 0)
        self._pending_claims[rowid] = [self._claim_row(rowid, claim) for claim in claims]
        self._batch_summary.articles += 1
        self._batch_summary.claims += len(claims)
        self._pending_articles += 1
        if self._pending_articles >= self.batch:
            self.commit()

    def holds(self, article_id: str) -> bool:
        """Whether the database (with the batch under way) has this article."""
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def commit(self) -> None:
        if self.conn.in_transaction:  # else the batch held only error records
            try:
                self._insert_claims()
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise
        self.summary.add(self._batch_summary)
        self._start_batch()

    def _insert_claims(self) -> None:
        rows = [row for claims in self._pending_claims.values() for row in claims]
        # New rows get rowids past the largest: the batch's are those above it.
        last = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM claims").fetchone()[0]
        self.conn.executemany(_INSERT_CLAIM, rows)
        # The words of the whole batch in one statement: FTS5 indexes them
        # twice as fast as row by row (a trigger).
        self.conn.execute("INSERT INTO claim_words (rowid, text) SELECT rowid, text FROM claims WHERE rowid > ?", (last,))

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        # The speakers the batch added are gone with it.
        self._speaker_ids.clear()
        self._start_batch()

    def _start_batch(self) -> None:
        self._pending_articles = 0
        self._pending_claims = {}
        self._batch_summary = IndexSummary()

    def _replace_article(self, article_id: str, url: str | None) -> None:
        old = [
            row[0]
            for row in self.conn.execute(
                "SELECT rowid FROM articles WHERE id = ? UNION SELECT rowid FROM articles WHERE url = ?",
                (article_id, url),
            )
        ]
        if not old:
            return
        for rowid in old:
            pending = self._pending_claims.pop(rowid, None)
            if pending is None:
                self._batch_summary.replaced += 1  # indexed in an earlier batch or run
            else:  # indexed earlier in this batch: counted once, as the later record
                self._batch_summary.articles -= 1
                self._batch_summary.claims -= len(pending)
        marks = ", ".join("?" for _ in old)
        self.conn.execute(f"DELETE FROM claims WHERE article IN ({marks})", old)
        self.conn.execute(f"DELETE FROM articles WHERE rowid IN ({marks})", old)

    def _claim_row(self, article: int, claim: Mapping[str, Any]) -> ClaimRow:
        speaker = claim.get("speaker") or {}
        cue = claim.get("cue") or {}
        details = {k: v for k, v in claim.items() if k not in CLAIM_COLUMNS}
        return (
            article,
            str(claim["id"]),
            str(claim["type"]),
            str(claim["text"]),
            self._speaker_id(speaker.get("name")),
            cue.get("text"),
            claim.get("confidence"),
            int(bool(claim.get("negated"))),
            claim.get("rule"),
            json.dumps(details, ensure_ascii=False, separators=(",", ":")),
        )

    def _speaker_id(self, name: str | None) -> int | None:
        if not name:
            return None
        known = self._speaker_ids.get(name)
        if known is not None:
            return known
        self.conn.execute("INSERT OR IGNORE INTO speakers (name) VALUES (?)", (name,))
        found = int(self.conn.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()[0])
        self._speaker_ids[name] = found
        return found


def _is_claim(claim: object) -> bool:
    """A claim record as `quotes corpus` writes it, as far as indexing reads it."""
    if not isinstance(claim, Mapping) or not all(isinstance(claim.get(k), str) for k in ("id", "type", "text")):
        return False
    return all(isinstance(claim.get(k) or {}, Mapping) for k in ("speaker", "cue"))


def index_records(conn: sqlite3.Connection, records: Iterable[Record], batch: int = BATCH_ARTICLES) -> IndexSummary:
    """Index all the records; what was committed stays if this is interrupted."""
    with Indexer(conn, batch) as indexer:
        indexer.add_all(records)
    return indexer.summary
