"""The claims database's file: which file, its schema version, what is not
one, and readers beside a writer."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing

import pytest
from claims_store import news_records

from quotes.database import schema
from quotes.database.connection import DATABASE_VARIABLE, database_path, open_for_reading, open_for_writing
from quotes.database.indexing import Indexer, index_records
from quotes.database.search import search
from quotes.errors import QuotesError


def code_of(call, *args) -> str:
    with pytest.raises(QuotesError) as caught:
        call(*args)
    return caught.value.code


@pytest.fixture
def indexed(tmp_path) -> str:
    path = str(tmp_path / "claims.db")
    with closing(open_for_writing(path)) as conn:
        index_records(conn, news_records())
    return path


def test_the_path_comes_from_db_else_the_environment(monkeypatch):
    monkeypatch.delenv(DATABASE_VARIABLE, raising=False)
    assert code_of(database_path, None) == "E070"
    monkeypatch.setenv(DATABASE_VARIABLE, "env.db")
    assert database_path(None) == "env.db"
    assert database_path("given.db") == "given.db"


def test_missing_file_is_E071_and_is_not_made(tmp_path):
    path = tmp_path / "none.db"
    assert code_of(open_for_reading, str(path)) == "E071"
    assert not path.exists()


def test_garbage_bytes_are_E072(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(bytes(range(256)) * 20)
    assert code_of(open_for_reading, str(path)) == "E072"
    assert code_of(open_for_writing, str(path)) == "E072"


def test_an_empty_or_foreign_sqlite_file_is_E072(tmp_path):
    foreign = tmp_path / "other.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
    assert code_of(open_for_reading, str(foreign)) == "E072"
    assert code_of(open_for_writing, str(foreign)) == "E072"
    empty = tmp_path / "empty.db"
    empty.touch()
    assert code_of(open_for_reading, str(empty)) == "E072"
    assert code_of(open_for_reading, str(tmp_path)) == "E072"  # a folder


def test_a_file_missing_a_table_is_E072(indexed):
    with closing(sqlite3.connect(indexed)) as conn:
        conn.execute("DROP TABLE speaker_words")
        conn.commit()
    with pytest.raises(QuotesError) as caught:
        open_for_reading(indexed)
    assert caught.value.code == "E072"
    assert "speaker_words" in str(caught.value)


def test_a_newer_schema_is_E073(indexed):
    with closing(sqlite3.connect(indexed)) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    assert code_of(open_for_reading, indexed) == "E073"
    assert code_of(open_for_writing, indexed) == "E073"


def test_a_new_file_gets_every_migration_and_wal(tmp_path):
    path = str(tmp_path / "new.db")
    with closing(open_for_writing(path)) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION == len(schema.MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    with closing(open_for_reading(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_apply_in_order_from_the_files_version(tmp_path, monkeypatch):
    path = str(tmp_path / "old.db")
    with closing(open_for_writing(path)) as conn:
        index_records(conn, news_records())
    added = "ALTER TABLE articles ADD COLUMN language TEXT;\nCREATE INDEX articles_by_language ON articles (language);"
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, added))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with closing(open_for_reading(path)) as conn:
        assert schema.schema_version(conn) == 2
        assert "language" in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 9


def test_statements_split_triggers_whole():
    found = schema.statements(schema.MIGRATIONS[0])
    assert any(s.startswith("CREATE TRIGGER claims_removed") and s.endswith("END;") for s in found)
    assert all(sqlite3.complete_statement(s) for s in found)


def test_a_search_runs_while_a_writer_holds_a_transaction(indexed):
    with closing(open_for_writing(indexed)) as writer, Indexer(writer, batch=1000) as indexer:
        indexer.add_all(news_records()[:2])  # replaces two articles, uncommitted
        assert writer.in_transaction
        with closing(open_for_reading(indexed)) as reader:
            # The reader sees the last commit, at once.
            assert len(search(reader, "desalination", limit=50)) == 6


def test_searches_in_threads_while_indexing(indexed):
    failures: list[BaseException] = []

    def read() -> None:
        try:
            with closing(open_for_reading(indexed)) as reader:
                for _ in range(20):
                    assert search(reader, "desalination")
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    with closing(open_for_writing(indexed)) as writer:
        for _ in range(10):
            index_records(writer, news_records(), batch=2)
    for thread in readers:
        thread.join()
    assert not failures


def test_a_database_in_a_missing_folder_is_E076(tmp_path):
    assert code_of(open_for_writing, str(tmp_path / "no-such-folder" / "claims.db")) == "E076"
    assert code_of(open_for_writing, str(tmp_path)) == "E076"  # a folder


def test_sqlite_failures_become_coded_errors(tmp_path):
    from quotes.database.connection import database_errors

    with pytest.raises(QuotesError) as caught, database_errors("c.db", writing=True):
        raise sqlite3.OperationalError("database or disk is full")
    assert caught.value.code == "E076"
    with pytest.raises(QuotesError) as caught, database_errors("c.db", writing=True):
        raise sqlite3.DatabaseError("database disk image is malformed")
    assert caught.value.code == "E072"
    with pytest.raises(QuotesError) as caught, database_errors("c.db", writing=False):
        raise sqlite3.OperationalError("disk I/O error")
    assert caught.value.code == "E072"
