"""The claims database, in the library: indexing, replacing, searching,
and the candidates a trace compares."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from claims_store import DESALINATION, claim, news_records, record

from quotes.database import candidates
from quotes.database.candidates import claim_by_id, distinctive_words, rarest_words, similar_claims
from quotes.database.connection import open_for_reading, open_for_writing
from quotes.database.indexing import Indexer, index_records
from quotes.database.search import Filters, search
from quotes.errors import QuotesError


@pytest.fixture
def store(tmp_path) -> sqlite3.Connection:
    conn = open_for_writing(str(tmp_path / "claims.db"))
    index_records(conn, news_records())
    yield conn
    conn.close()


def ids(hits) -> list[str]:
    return [hit.claim_id for hit in hits]


def count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_indexing_counts_articles_claims_and_skips_error_records(tmp_path):
    with open_for_writing(str(tmp_path / "c.db")) as conn:
        summary = index_records(conn, news_records())
    assert (summary.articles, summary.claims, summary.errors, summary.replaced) == (6, 9, 1, 0)


def test_a_search_finds_every_copy_and_ranks_the_closest_first(store):
    hits = search(store, "desalination plant homes")
    assert set(ids(hits)) == {"reuters-0110#q1", "ansa-0111#q1", "gazette-0114#q1", "harbour-0202#q1", "tribune-0220#q1"}
    # BM25: the claim that is nothing but these words comes before the longer one.
    assert ids(hits)[0] == "tribune-0220#q1"
    top = hits[0].to_dict()
    assert top == {
        "article": "tribune-0220",
        "claim": "q1",
        "text": "The desalination plant will supply 40,000 homes",
        "speaker": "Maria Ferrante",
        "outlet": "Tribune",
        "published": "2026-02-20",
        "url": None,
        "type": "direct",
        "cue": "said",
    }


def test_a_rare_word_ranks_above_a_common_one(store):
    hits = search(store, "desalination")
    assert ids(hits)[0] == "undated-1#q1"  # the shortest claim holding it


def test_speaker_by_surname_full_name_or_any_case_and_accent(store):
    by_surname = ids(search(store, "desalination", Filters(speaker="Ferrante")))
    assert set(by_surname) == {"reuters-0110#q1", "ansa-0111#q1", "gazette-0114#q1", "tribune-0220#q1"}
    assert set(ids(search(store, "desalination", Filters(speaker="maria FERRANTE")))) == set(by_surname)
    assert set(ids(search(store, "desalination", Filters(speaker="Ferránte")))) == set(by_surname)
    assert ids(search(store, "desalination", Filters(speaker="Rinaldi"))) == ["harbour-0202#q1"]
    assert search(store, "desalination", Filters(speaker="Giovanni Ferrante")) == []


def test_outlet_type_and_dates_narrow_the_hits(store):
    assert set(ids(search(store, "desalination", Filters(outlet="REUTERS")))) == {"reuters-0110#q1", "undated-1#q1"}
    assert ids(search(store, "desalination", Filters(outlet="gazette"))) == ["gazette-0114#q1"]  # a word of the name
    assert ids(search(store, "desalination", Filters(outlet="Coastal  Gazette"))) == ["gazette-0114#q1"]
    assert search(store, "desalination", Filters(outlet="Gazette Times")) == []  # every word must be in the name
    assert search(store, "desalination", Filters(outlet="?")) == []
    assert ids(search(store, "plant", Filters(type="mixed"))) == ["tribune-0220#q2"]
    january = Filters(since="2026-01-11", until="2026-01-14")
    # A date-time on the first day is in; the undated article is out.
    assert set(ids(search(store, "desalination", january))) == {"ansa-0111#q1", "gazette-0114#q1"}
    assert set(ids(search(store, "desalination", Filters(since="2026-02-01")))) == {"harbour-0202#q1", "tribune-0220#q1"}
    assert "undated-1#q1" not in ids(search(store, "desalination", Filters(until="2030-01-01")))


def test_bad_date_is_E075(store):
    with pytest.raises(QuotesError) as caught:
        search(store, "desalination", Filters(since="10/01/2026"))
    assert caught.value.code == "E075"


@pytest.mark.parametrize(
    "query",
    ['"', 'desalination"', "-plant", "plant:", "AND", "OR plant", "NEAR(plant homes)", "plant*", "^plant", "(", "'", "😀", "   "],
)
def test_any_user_input_is_a_valid_query(store, query):
    search(store, query)  # no sqlite3.OperationalError (an FTS5 syntax error)
    search(store, "plant", Filters(speaker=query))
    similar_claims(store, query)


def test_fts_words_in_the_query_are_words(store):
    index_records(store, [record("ops-1", "Wire", "2026-03-01", [claim("q1", "Cut the red tape AND build it", "Ann Near")])])
    assert ids(search(store, "AND")) == ["ops-1#q1"]
    assert ids(search(store, "tape", Filters(speaker="NEAR"))) == ["ops-1#q1"]


def test_no_words_lists_the_latest_claims_the_filters_keep(store):
    assert ids(search(store, "", Filters(speaker="Moretti"))) == ["ansa-0111#q2", "undated-1#q1"]
    assert len(search(store, "", limit=3)) == 3


def test_limit(store):
    assert len(search(store, "desalination", limit=2)) == 2


def test_reindexing_the_same_id_or_url_replaces_the_article(store):
    claims_before = count(store, "claims")
    index_records(store, news_records())
    assert count(store, "claims") == claims_before
    assert count(store, "articles") == 6
    # The same URL under a new id: the old article goes, its claims too.
    moved = record("reuters-0110-v2", "Reuters", "2026-01-10", [claim("q1", "A corrected quote", "Maria Ferrante")])
    moved["article"]["url"] = "https://reuters.example/desalination"
    summary = index_records(store, [moved])
    assert summary.replaced == 1
    assert not store.execute("SELECT 1 FROM articles WHERE id = 'reuters-0110'").fetchone()
    assert ids(search(store, "corrected")) == ["reuters-0110-v2#q1"]
    assert "reuters-0110#q1" not in ids(search(store, "desalination"))
    assert count(store, "claims") == claims_before - 1
    # The words of removed claims are gone from the index too.
    assert store.execute("SELECT count(*) FROM claim_words WHERE claim_words MATCH 'bills'").fetchone()[0] == 0


def test_the_same_article_twice_in_one_batch_is_indexed_once(tmp_path):
    with open_for_writing(str(tmp_path / "c.db")) as conn:
        first = record("a1", "Wire", "2026-01-01", [claim("q1", "first version", "Ann Lee")])
        second = record("a1", "Wire", "2026-01-02", [claim("q1", "second version", "Ann Lee")])
        summary = index_records(conn, [first, second])
        assert (summary.articles, summary.claims) == (1, 1)
        assert [h.text for h in search(conn, "version")] == ["second version"]


def test_an_interrupted_index_keeps_its_committed_batches_and_a_rerun_completes_it(tmp_path):
    path = str(tmp_path / "c.db")
    records = [r for r in news_records() if r["article"]]

    def stopping():
        for n, r in enumerate(records):
            if n == 3:
                raise KeyboardInterrupt
            yield r

    with open_for_writing(path) as conn, pytest.raises(KeyboardInterrupt):
        index_records(conn, stopping(), batch=2)
    with open_for_reading(path) as conn:
        # The first batch of two was committed; the third article's batch was not.
        assert [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")] == ["ansa-0111", "reuters-0110"]
    with open_for_writing(path) as conn:
        index_records(conn, records, batch=2)
        assert count(conn, "articles") == 6
        assert count(conn, "claims") == 9
        assert count(conn, "speakers") == 3


def test_everything_a_record_holds_is_stored(store):
    original = news_records()[0]
    row = store.execute(
        "SELECT a.url, a.title, a.dateline, a.author, a.kind, c.rule, c.confidence, c.negated, c.details"
        " FROM claims c JOIN articles a ON a.rowid = c.article WHERE a.id = 'reuters-0110' AND c.claim = 'q1'"
    ).fetchone()
    assert row[:8] == (
        "https://reuters.example/desalination",
        "Genoa to open desalination plant",
        "GENOA",
        "Staff",
        "news",
        "said-after-quote",
        0.9,
        0,
    )
    details = json.loads(row[8])
    kept = {k: v for k, v in original["claims"][0].items() if k not in ("id", "type", "text", "rule", "confidence", "negated")}
    assert details == kept
    assert details["speaker"]["role"] == "minister"
    assert details["cue"] == original["claims"][0]["cue"]


def test_similar_claims_finds_the_changed_cut_and_reattributed_copies(store):
    found = ids(similar_claims(store, "“The desalination plant will supply 40,000 homes by next summer”, she said"))
    assert {"reuters-0110#q1", "ansa-0111#q1", "gazette-0114#q1", "harbour-0202#q1", "tribune-0220#q1"} <= set(found)
    # A longer excerpt, a word swapped, other marks: still found.
    longer = "Officials said the new desalination plant would supply 40,000 homes by next summer, and more later"
    assert {"reuters-0110#q1", "gazette-0114#q1", "tribune-0220#q1"} <= set(ids(similar_claims(store, longer)))
    assert similar_claims(store, "zzz qqq") == []
    assert len(similar_claims(store, DESALINATION, limit=2)) == 2


def test_distinctive_words_are_the_rarest_known_ones(store):
    ranked = rarest_words(store, "The desalination plant will supply 40,000 homes xyzzy")
    assert "xyzzy" not in dict(ranked)  # no claim holds it
    assert ranked[0] == ("40", 4) and ranked[-1] == ("the", 8)
    assert distinctive_words(ranked) == [w for w, _ in ranked]


def test_common_words_are_left_out_and_postings_bounded(store, monkeypatch):
    monkeypatch.setattr(candidates, "COMMON_WORD", 6)
    assert distinctive_words([("a", 1), ("b", 5), ("c", 6), ("d", 1)]) == ["a", "b"]
    monkeypatch.setattr(candidates, "POSTINGS_READ", 5)
    assert distinctive_words([("a", 1), ("b", 5)]) == ["a"]
    # A quote of common words only: all of its rarest words, asked for together.
    monkeypatch.setattr(candidates, "COMMON_WORD", 1)
    assert set(ids(similar_claims(store, "desalination plant supply"))) == {
        "reuters-0110#q1",
        "ansa-0111#q1",
        "gazette-0114#q1",
        "harbour-0202#q1",
        "tribune-0220#q1",
    }


def test_claim_by_id(store):
    assert claim_by_id(store, "gazette-0114#q1").text == DESALINATION.replace("40,000", "45,000")
    for unknown in ("gazette-0114#q9", "nope#q1", "gazette-0114", "#q1"):
        with pytest.raises(QuotesError) as caught:
            claim_by_id(store, unknown)
        assert caught.value.code == "E074"


def test_indexer_context_rolls_back_the_batch_under_way(tmp_path):
    with open_for_writing(str(tmp_path / "c.db")) as conn:
        with pytest.raises(RuntimeError), Indexer(conn, batch=100) as indexer:
            indexer.add_all(news_records())
            raise RuntimeError
        assert count(conn, "articles") == 0
        assert not conn.in_transaction


def test_error_records_after_the_last_batch_are_counted(tmp_path):
    broken = {"id": "x", "article": None, "claims": [], "error": {"code": "E027", "message": "failed"}}
    with closing(open_for_writing(str(tmp_path / "c.db"))) as conn:
        summary = index_records(conn, [*news_records()[:2], broken, broken], batch=2)
    assert (summary.articles, summary.errors) == (2, 2)
