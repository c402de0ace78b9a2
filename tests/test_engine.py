"""The local engine: batches in order, in this process or in workers."""

from __future__ import annotations

import logging
import os
import pickle
import threading
from pathlib import Path

import pytest

import quotes
import quotes.corpus.engine as engine
from quotes.corpus import worker_pool
from quotes.corpus.engine import (
    Batch,
    BatchExtractor,
    BatchLimit,
    Bug,
    batches,
    run_local,
)
from quotes.corpus.lines import CorpusArticle
from quotes.corpus.sources import Task
from quotes.errors import QuotesError

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _tasks(n):
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return [Task(article=CorpusArticle(line=i + 1, id=f"a{i}", text=texts[i % len(texts)])) for i in range(n)]


def test_batches_cut_a_stream_in_order():
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []


def _ids(groups):
    return [[t.id for t in group] for group in groups]


def test_a_batch_ends_at_its_article_limit_or_its_character_limit():
    tasks = _tasks(5)  # a0, a2, a4 are the shorter seed
    short, long = len(tasks[0].article.text), len(tasks[1].article.text)
    assert short < long
    assert _ids(BatchLimit(articles=2, characters=10**9).batches(tasks)) == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    # The article that reaches the characters closes its batch, whatever the article limit.
    by_characters = BatchLimit(articles=32, characters=short + long)
    assert _ids(by_characters.batches(tasks)) == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    assert _ids(BatchLimit(articles=32, characters=short + long + 1).batches(tasks)) == [["a0", "a1", "a2"], ["a3", "a4"]]
    # An article longer than the limit is a batch of its own, never split.
    assert _ids(BatchLimit(articles=32, characters=1).batches(tasks)) == [[f"a{i}"] for i in range(5)]
    assert list(BatchLimit().batches([])) == []


def test_a_failed_line_counts_as_an_article_without_text():
    failed = Task(failed={"id": None, "article": None, "claims": [], "error": {"code": "E020", "message": "x"}})
    tasks = [failed, failed, *_tasks(1), failed]
    limit = BatchLimit(articles=3, characters=len(tasks[2].article.text))
    assert [len(b) for b in limit.batches(tasks)] == [3, 1]
    assert failed.characters == 0


def test_a_batch_gives_the_records_of_extract_one_by_one():
    tasks = _tasks(3)
    records = BatchExtractor()(tasks)
    for task, record in zip(tasks, records):
        expected = quotes.extract(task.article.text).to_dict()
        assert record == {"id": task.id, **expected, "error": None}


def test_error_tasks_pass_through_in_place():
    failed = {"id": None, "article": None, "claims": [], "error": {"code": "E020", "message": "line 2: ..."}}
    tasks = [_tasks(1)[0], Task(failed=failed), _tasks(2)[1]]
    records = BatchExtractor()(tasks)
    assert [r["id"] for r in records] == ["a0", None, "a1"]
    assert records[1] is failed


def test_an_article_that_breaks_the_batch_becomes_an_error_record(monkeypatch):
    tasks = _tasks(3)  # a0 and a2 are one seed, a1 the other
    real = quotes.api.Extractor.extract

    def breaks_on_a1(self, text, outlet=None, **kw):
        if text == tasks[1].article.text:
            raise RuntimeError("parser crashed")
        return real(self, text, outlet, **kw)

    def batch_breaks(*args, **kw):
        raise RuntimeError("batch")

    monkeypatch.setattr(quotes.api.Extractor, "extract_many", batch_breaks)
    monkeypatch.setattr(quotes.api.Extractor, "extract", breaks_on_a1)
    records = BatchExtractor()(tasks)
    assert [r["error"]["code"] if r["error"] else None for r in records] == [None, "E027", None]
    assert "parser crashed" in records[1]["error"]["message"]
    assert records[0]["claims"]


@pytest.mark.parametrize(("workers", "limit"), [(2, {"batch_size": 2}), (3, {"batch_size": 2}), (2, {"batch_characters": 1})])
def test_records_are_identical_whatever_the_number_of_workers(workers, limit):
    tasks = _tasks(8)
    alone = list(run_local(tasks, workers=1, **limit))
    pooled = list(run_local(tasks, workers=workers, **limit))
    assert pooled == alone
    assert [r["id"] for r in pooled] == [f"a{i}" for i in range(8)]
    assert any(r["claims"] for r in pooled)


def test_less_than_a_batch_runs_in_this_process(monkeypatch):
    monkeypatch.setattr(engine, "in_workers", None)  # would fail if used
    assert len(list(run_local(_tasks(3), workers=2, batch_size=4))) == 3
    assert len(list(run_local(_tasks(1), workers=2, batch_characters=1))) == 1


def test_the_model_is_loaded_up_front():
    with pytest.raises(QuotesError) as caught:
        BatchExtractor("en_no_such_model")
    assert caught.value.code == "E010"


# --- bugs are not data errors -----------------------------------------------------


def _breaks(monkeypatch, tasks, batch_error, article_error=None):
    """extract_many raises `batch_error`; extract raises `article_error` on the second task's text."""
    article_error = article_error or RuntimeError("parser crashed")
    real = quotes.api.Extractor.extract

    def extract(self, text, outlet=None, **kw):
        if text == tasks[1].article.text:
            raise article_error
        return real(self, text, outlet, **kw)

    def extract_many(*args, **kw):
        raise batch_error

    monkeypatch.setattr(quotes.api.Extractor, "extract_many", extract_many)
    monkeypatch.setattr(quotes.api.Extractor, "extract", extract)


def _codes(records):
    return [r["error"]["code"] if r["error"] else None for r in records]


def test_a_bug_is_logged_once_per_batch_with_its_traceback(monkeypatch, caplog):
    tasks = _tasks(3)
    _breaks(monkeypatch, tasks, RuntimeError("batch"))
    with caplog.at_level(logging.WARNING, logger="quotes"):
        records = BatchExtractor()(tasks)
    assert _codes(records) == [None, "E027", None] and records[0]["claims"]
    [logged] = caplog.records
    message = logged.getMessage()
    assert logged.levelname == "ERROR"
    assert message.startswith("an unexpected error (a bug, not bad data) on articles 'a0' to 'a2': RuntimeError: batch;")
    assert "Traceback (most recent call last)" in message and "in extract_many" in message


def test_an_articles_coded_error_is_its_record_and_logs_nothing(monkeypatch, caplog):
    tasks = _tasks(3)
    timeout = QuotesError("E030", pattern="(a+)+", seconds=1)
    _breaks(monkeypatch, tasks, timeout, timeout)
    with caplog.at_level(logging.WARNING, logger="quotes"):
        records = BatchExtractor()(tasks)
    assert _codes(records) == [None, "E030", None]
    assert caplog.records == []


def test_a_bug_met_one_by_one_is_logged_too(monkeypatch, caplog):
    tasks = _tasks(3)
    _breaks(monkeypatch, tasks, QuotesError("E030", pattern="x", seconds=1), ValueError("bad offset"))
    with caplog.at_level(logging.WARNING, logger="quotes"):
        records = BatchExtractor()(tasks)
    assert _codes(records) == [None, "E027", None]
    [logged] = caplog.records
    assert "on articles 'a0' to 'a2': ValueError: bad offset" in logged.getMessage()
    assert "Traceback" in logged.getMessage()


@pytest.mark.parametrize(
    "batch_error", [RuntimeError("batch"), QuotesError("E030", pattern="x", seconds=1)], ids=["bug", "coded"]
)
def test_fail_fast_stops_at_the_first_bug(monkeypatch, caplog, batch_error):
    tasks = _tasks(3)
    _breaks(monkeypatch, tasks, batch_error)
    with pytest.raises(QuotesError) as caught, caplog.at_level(logging.WARNING, logger="quotes"):
        BatchExtractor(fail_fast=True)(tasks)
    assert caught.value.code == "E035" and "articles 'a0' to 'a2'" in str(caught.value)
    [logged] = caplog.records
    assert logged.getMessage().startswith("Traceback (most recent call last)")


def test_fail_fast_keeps_the_records_before_the_bug(monkeypatch):
    tasks = _tasks(4)
    real = quotes.api.Extractor.extract_many
    calls = []

    def second_batch_breaks(self, articles, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("batch")
        return real(self, articles, **kw)

    monkeypatch.setattr(quotes.api.Extractor, "extract_many", second_batch_breaks)
    records = run_local(tasks, workers=1, batch_size=2, fail_fast=True)
    assert [r["id"] for r in (next(records), next(records))] == ["a0", "a1"]
    with pytest.raises(QuotesError) as caught:
        next(records)
    assert caught.value.code == "E035"


def test_a_batchs_bug_crosses_processes_as_text():
    try:
        raise KeyError("offset")
    except KeyError as exc:
        bug = Bug.of(exc, _tasks(1))
    again = pickle.loads(pickle.dumps(Batch([], bug, stopped=True)))
    assert again.bug == bug and bug.articles == "article 'a0'" and bug.summary == "KeyError: 'offset'"
    assert "raise KeyError" in bug.trace


# --- worker processes ---------------------------------------------------------------


def test_workers_are_forked_only_from_a_process_with_no_other_thread(monkeypatch):
    # A fork copies the parent's threads' locks but not its threads: with a
    # thread running, workers are spawned and nothing forks.
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert worker_pool.start_method() == "spawn"

        def no_fork():
            raise AssertionError("forked")

        monkeypatch.setattr(os, "fork", no_fork)
        records = list(run_local(_tasks(3), workers=2, batch_size=1))
    finally:
        release.set()
        other.join()
    assert [r["id"] for r in records] == ["a0", "a1", "a2"] and not any(r["error"] for r in records)
    if threading.active_count() == 1:
        assert worker_pool.start_method() == "fork"


def test_a_worker_adopts_the_blas_policy_once_before_loading(monkeypatch):
    calls = []
    monkeypatch.setattr(engine, "adopt_fast_blas", lambda: calls.append("blas"))
    monkeypatch.setattr(engine, "BatchExtractor", lambda *args: calls.append("load") or BatchExtractor(*args))
    work = engine._start_worker(None, (), 0.0, False)
    assert calls == ["blas", "load"]
    assert _codes(work(_tasks(1)).records) == [None]
