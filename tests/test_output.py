"""Where corpus records go: torn lines cut, resume counts, atomic parts."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from quotes.corpus.lines import CorpusArticle
from quotes.corpus.output import (
    done_ids,
    open_record_sink,
    part_done,
    part_path,
    part_writer,
    skip_done,
    write_records,
)
from quotes.corpus.sources import Task
from quotes.errors import QuotesError


def _record(article_id):
    return {"id": article_id, "article": {}, "claims": [], "error": None}


def _task(article_id):
    return Task(article=CorpusArticle(line=1, id=article_id, text="x"))


def test_done_ids_counts_complete_lines_and_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "a"}\n{"id": "c", "cla')
    assert done_ids(str(out)) == Counter({"a": 2, "b": 1})
    assert out.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n{"id": "a"}\n'


def test_done_ids_cuts_a_line_that_is_not_a_record(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"\n')
    assert done_ids(str(out)) == Counter({"a": 1})
    assert out.read_bytes() == b'{"id": "a"}\n'


def test_done_ids_of_a_missing_output_is_empty(tmp_path):
    assert done_ids(str(tmp_path / "none.jsonl")) == Counter()


def test_skip_done_skips_as_many_tasks_of_each_id_as_were_written():
    tasks = [_task("a"), _task("b"), _task("a"), Task(failed=_record(None)), _task("c")]
    left = skip_done(tasks, Counter({"a": 1, "b": 1, None: 1}))
    assert [t.id for t in left] == ["a", "c"]


def test_write_records_writes_one_compact_line_each(tmp_path):
    out = tmp_path / "out.jsonl"
    with open(out, "wb", buffering=0) as handle:
        write_records(handle, [_record("a"), _record("b")])
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b"]


def test_a_part_appears_only_when_complete(tmp_path):
    with part_writer(str(tmp_path), "day1") as handle:
        write_records(handle, [_record("a")])
        assert not part_path(str(tmp_path), "day1").exists()
    assert json.loads(part_path(str(tmp_path), "day1").read_text())["id"] == "a"
    assert [p.name for p in tmp_path.iterdir()] == ["day1.jsonl"]


def test_a_failed_part_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with part_writer(str(tmp_path), "day2") as handle:
            write_records(handle, [_record("a")])
            raise RuntimeError("worker died")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_e026(tmp_path):
    with pytest.raises(QuotesError) as caught:
        with open_record_sink(str(tmp_path / "no" / "such" / "out.jsonl"), append=False):
            pass
    assert caught.value.code == "E026"


def _failed(article_id, code):
    return {"id": article_id, "article": None, "claims": [], "error": {"code": code, "message": "..."}}


def _lines(*records):
    return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records).encode()


def test_resume_takes_out_the_records_of_a_dead_worker_to_redo_their_articles(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(_lines(_record("a"), _failed("b", "E032"), _failed("c", "E032"), _failed("d", "E020"), _record("e")))
    assert done_ids(str(out)) == Counter({"a": 1, "d": 1, "e": 1})
    # Other error records stay: a rerun would meet them again.
    assert out.read_bytes() == _lines(_record("a"), _failed("d", "E020"), _record("e"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_quote_that_mentions_the_code_is_not_taken_for_the_error(tmp_path):
    out = tmp_path / "out.jsonl"
    said = {**_record("a"), "claims": [{"text": '{"code":"E032"}'}]}
    out.write_bytes(_lines(said))
    assert done_ids(str(out)) == Counter({"a": 1})
    assert out.read_bytes() == _lines(said)


def test_a_part_with_records_of_a_dead_worker_is_not_done(tmp_path):
    with part_writer(str(tmp_path), "day1") as handle:
        write_records(handle, [_record("a"), _failed("b", "E032")])
    with part_writer(str(tmp_path), "day2") as handle:
        write_records(handle, [_record("a"), _failed("b", "E027")])
    assert not part_done(str(tmp_path), "day1")
    assert part_done(str(tmp_path), "day2") and not part_done(str(tmp_path), "day3")
