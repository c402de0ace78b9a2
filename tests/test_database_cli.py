"""`quotes index`, `search`, `trace` and `corpus --db` on the command line."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from claims_store import news_records, write_records

from quotes.cli import main as cli
from quotes.cli.hit_table import hit_table
from quotes.database.connection import DATABASE_VARIABLE
from quotes.database.hits import Hit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_database_variable(monkeypatch):
    monkeypatch.delenv(DATABASE_VARIABLE, raising=False)


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "claims.db")
    records = write_records(tmp_path / "claims.jsonl", news_records())
    assert cli.main(["index", str(records), "--db", path]) == 0
    capsys.readouterr()
    return path


def lines_of(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_index_says_what_it_indexed_and_reindexing_adds_nothing(tmp_path, capsys):
    path = str(tmp_path / "claims.db")
    records = write_records(tmp_path / "claims.jsonl", news_records())
    assert cli.main(["index", str(records), "--db", path]) == 0
    assert capsys.readouterr() == ("", "indexed 9 claims of 6 articles; 1 error record skipped\n")
    assert cli.main(["index", str(records), str(records), "--db", path]) == 0
    assert capsys.readouterr().err == "indexed 9 claims of 6 articles, 6 replacing earlier versions; 2 error records skipped\n"
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 9


def test_index_counts_lines_that_hold_no_record_and_exits_1(tmp_path, capsys):
    records = write_records(tmp_path / "claims.jsonl", news_records())
    with records.open("a", encoding="utf-8") as out:
        out.write('{"id": "torn", "arti\n[1, 2]\n')
    assert cli.main(["index", str(records), "--db", str(tmp_path / "c.db")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "indexed 9 claims of 6 articles; 1 error record skipped",
        "quotes: 2 lines held no record (not a JSON object) and were skipped",
    ]


@pytest.mark.parametrize(
    "claims",
    [
        [{"type": "direct", "text": "no id"}],
        [{"id": "q1", "type": "direct"}],
        ["not a claim"],
        "not a list",
        [{"id": "q1", "type": "direct", "text": "t", "speaker": "a name, not an object"}],
    ],
)
def test_index_skips_a_malformed_record_says_so_and_exits_1(tmp_path, capsys, claims):
    records = news_records()
    records[0]["claims"] = claims
    path = write_records(tmp_path / "claims.jsonl", records)
    db = str(tmp_path / "c.db")
    assert cli.main(["index", str(path), "--db", db]) == 1
    assert capsys.readouterr().err == (
        "indexed 7 claims of 5 articles; 1 error record skipped;"
        " 1 malformed record (a claim without its id, type or text) skipped\n"
    )
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE id = 'reuters-0110'").fetchone()[0] == 0


def test_search_jsonl_when_not_a_terminal(db, capsys):
    assert cli.main(["search", "desalination plant", "--db", db, "--speaker", "Ferrante", "--since", "2026-01-11"]) == 0
    hits = lines_of(capsys.readouterr().out)
    assert {h["article"] for h in hits} == {"ansa-0111", "gazette-0114", "tribune-0220"}
    assert set(hits[0]) == {"article", "claim", "text", "speaker", "outlet", "published", "url", "type", "cue"}


def test_search_json_is_one_list_and_filters_combine(db, capsys):
    args = ["search", "homes", "--db", db, "--outlet", "ansa", "--type", "direct", "--until", "2026-01-31", "--format", "json"]
    assert cli.main(args) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert (hit["article"], hit["claim"], hit["speaker"]) == ("ansa-0111", "q1", "Maria Ferrante")
    assert cli.main(["search", "no-such-word", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_search_database_from_the_environment(db, capsys, monkeypatch):
    monkeypatch.setenv(DATABASE_VARIABLE, db)
    assert cli.main(["search", "strike", "--limit", "1"]) == 0
    assert [h["speaker"] for h in lines_of(capsys.readouterr().out)] == ["Luca Moretti"]


def test_search_table(db, capsys):
    assert cli.main(["search", "desalination", "--db", db, "--format", "table"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["date", "outlet", "speaker", "claim"]
    assert len(out) == 7


@pytest.mark.parametrize("width", [80, 120])
def test_the_table_fits_the_terminal(width):
    long = Hit(
        "a-very-long-article-identifier-from-a-feed",
        "q12",
        "word " * 80,
        "Somebody With A Very Long Name Indeed",
        "The Extremely Long Outlet Name",
        "2026-01-10T10:00:00Z",
        None,
        "direct",
        "said",
    )
    table = hit_table([long, long], width=width)
    assert all(len(line) <= width for line in table.splitlines())
    assert "…" in table
    assert ("a-very-long" in table) == (width >= 120)
    assert hit_table([], width=80) == "no claims found"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["search", "x"], "E070"),
        (["search", "x", "--db", "{tmp}/missing.db"], "E071"),
        (["search", "x", "--db", "{garbage}"], "E072"),
        (["search", "x", "--db", "{db}", "--since", "yesterday"], "E075"),
        (["search", "x", "--db", "{db}", "--until", "2026-02-30"], "E075"),
        (["index", "{tmp}/claims.jsonl"], "E070"),
        (["index", "{tmp}/no-such.jsonl", "--db", "{db}"], "E001"),
        (["index", "{tmp}/claims.jsonl", "--db", "{garbage}"], "E072"),
        (["trace", "some words"], "E070"),
        (["trace", "some words", "--db", "{tmp}/missing.db"], "E071"),
        (["trace", "--db", "{db}"], "E077"),
        (["trace", "  ", "--db", "{db}"], "E077"),
        (["trace", "--claim", "nope#q1", "--db", "{db}"], "E074"),
        (["trace", "--claim", "ansa-0111#q7", "--db", "{db}"], "E074"),
        (["trace", "--claim", "ansa-0111", "--db", "{db}"], "E074"),
    ],
)
def test_bad_input_is_one_coded_line_and_exit_2(db, tmp_path, capsys, args, code):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    filled = [a.format(tmp=tmp_path, db=db, garbage=garbage) for a in args]
    assert cli.main(filled) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"quotes: {code} ") and err.count("\n") == 1


def test_newer_schema_is_E073(db, capsys):
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA user_version = 99")
    assert cli.main(["search", "x", "--db", db]) == 2
    assert capsys.readouterr().err.startswith("quotes: E073 ")


def test_database_commands_load_no_pipeline(db):
    code = (
        "import sys; from quotes.cli.main import main; "
        f"main(['search', 'desalination', '--db', {db!r}]); main(['trace', '--claim', 'x#q1', '--db', {db!r}]); "
        "print('spacy' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert run.stdout.strip().splitlines()[-1] == "False"


def test_corpus_db_indexes_the_records_and_resume_catches_up(tmp_path, capsys):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        json.dumps(
            {"id": "w1", "outlet": "Wire", "text": '"The bridge will reopen in March," the mayor, Anna Costa, said on Monday.'}
        )
        + "\n"
        + json.dumps({"id": "w2", "outlet": "Post", "text": 'Costa said the repairs had cost "far more than anyone planned".'})
        + "\n",
        encoding="utf-8",
    )
    out, db = tmp_path / "out.jsonl", str(tmp_path / "claims.db")
    assert cli.main(["corpus", str(articles), "-o", str(out), "--workers", "1", "--db", db]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    claims = sum(len(r["claims"]) for r in records)
    assert claims >= 2
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == claims
    capsys.readouterr()
    assert cli.main(["search", "bridge", "--db", db]) == 0
    [hit] = lines_of(capsys.readouterr().out)
    assert (hit["article"], hit["outlet"]) == ("w1", "Wire")
    # A run whose index was lost after its output was written: --resume extracts nothing and indexes all.
    other = str(tmp_path / "other.db")
    assert cli.main(["corpus", str(articles), "-o", str(out), "--workers", "1", "--resume", "--db", other]) == 0
    with closing(sqlite3.connect(other)) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == claims
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_the_real_extractor_s_records_index_and_search(tmp_path, capsys):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    articles = tmp_path / "seeds.jsonl"
    articles.write_text(
        "".join(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n" for p in seeds), encoding="utf-8"
    )
    out, db = tmp_path / "out.jsonl", str(tmp_path / "claims.db")
    assert cli.main(["corpus", str(articles), "-o", str(out), "--workers", "1"]) == 0
    assert cli.main(["index", str(out), "--db", db]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    first = next(c for r in records for c in r["claims"] if len(c["text"].split()) >= 4)
    capsys.readouterr()
    assert cli.main(["search", first["text"], "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert any(h["text"] == first["text"] for h in found)


def test_corpus_db_with_a_file_per_part(tmp_path, capsys):
    parts = tmp_path / "parts"
    parts.mkdir()
    for name, text in [("a", '"We will win," said Tom Hale.'), ("b", '"Prices will rise," Ann Lee said.')]:
        (parts / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / "claims.db")
    out = f"{tmp_path}/out/"
    assert cli.main(["corpus", str(parts / "a.jsonl"), str(parts / "b.jsonl"), "-o", out, "--workers", "1", "--db", db]) == 0
    capsys.readouterr()
    assert cli.main(["search", "", "--db", db, "--format", "json"]) == 0
    assert sorted(h["article"] for h in json.loads(capsys.readouterr().out)) == ["a", "b"]


def test_index_reads_standard_input(tmp_path, capsys, monkeypatch):
    data = "".join(json.dumps(r) + "\n" for r in news_records()).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert cli.main(["index", "-", "--db", str(tmp_path / "c.db")]) == 0
    assert capsys.readouterr().err == "indexed 9 claims of 6 articles; 1 error record skipped\n"


@pytest.mark.parametrize(
    "query",
    [
        ["The desalination plant will supply 40,000 homes by next summer"],
        ["desalination plant will supply 40,000 homes by next summer."],  # the words, cut and punctuated otherwise
        ["--claim", "reuters-0110#q1"],
    ],
)
def test_trace_finds_every_appearance_in_order_with_its_changes(db, capsys, query):
    assert cli.main(["trace", *query, "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    order = [(a["article"], a["claim"]) for a in found["appearances"]]
    assert order == [
        ("reuters-0110", "q1"),
        ("ansa-0111", "q1"),  # other quote marks: the same words
        ("gazette-0114", "q1"),  # a number changed
        ("harbour-0202", "q1"),  # put in another's mouth
        ("tribune-0220", "q1"),  # cut short
    ]
    assert found["first"]["article"] == "reuters-0110" and found["first"]["published"] == "2026-01-10"
    changes = {a["article"]: a["changes"] for a in found["appearances"]}
    assert changes == {
        "reuters-0110": [],
        "ansa-0111": [],
        "gazette-0114": [{"from": "40,000", "to": "45,000"}],
        "harbour-0202": [],
        "tribune-0220": [],  # a shorter excerpt changes no word
    }
    assert found["speakers"] == ["Maria Ferrante", "Paolo Rinaldi"]
    assert found["conflicting_speakers"] is True
    assert found["altered"] is True


def test_trace_of_a_quote_one_outlet_carried_is_neither_altered_nor_conflicting(db, capsys):
    assert cli.main(["trace", "--claim", "ansa-0111#q2", "--db", db, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [a["article"] for a in found["appearances"]] == ["ansa-0111"]
    assert (found["speakers"], found["conflicting_speakers"], found["altered"]) == (["Luca Moretti"], False, False)


def test_trace_as_text_and_as_a_page(db, tmp_path, capsys):
    quote = "The desalination plant will supply 40,000 homes by next summer"
    assert cli.main(["trace", quote, "--db", db]) == 0
    text = capsys.readouterr().out
    assert "40,000 → 45,000" in text and "Paolo Rinaldi" in text
    assert text.index("Reuters") < text.index("Coastal Gazette") < text.index("Tribune")
    page = tmp_path / "trace.html"
    assert cli.main(["trace", quote, "--db", db, "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert '<mark class="changed" title="was: 40,000">45,000</mark>' in html
