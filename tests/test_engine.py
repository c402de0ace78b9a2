"""The local engine: batches in order, in this process or in workers."""

from __future__ import annotations

from pathlib import Path

import pytest

import quotes
from quotes.corpus import CorpusArticle
from quotes.errors import QuotesError
from quotes.engine import BatchLimit, Extractor, batches, run_local
from quotes.sources import Task

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
    records = Extractor()(tasks)
    for task, record in zip(tasks, records):
        expected = quotes.extract(task.article.text).to_dict()
        assert record == {"id": task.id, **expected, "error": None}


def test_error_tasks_pass_through_in_place():
    failed = {"id": None, "article": None, "claims": [], "error": {"code": "E020", "message": "line 2: ..."}}
    tasks = [_tasks(1)[0], Task(failed=failed), _tasks(2)[1]]
    records = Extractor()(tasks)
    assert [r["id"] for r in records] == ["a0", None, "a1"]
    assert records[1] is failed


def test_an_article_that_breaks_the_batch_becomes_an_error_record(monkeypatch):
    tasks = _tasks(3)  # a0 and a2 are one seed, a1 the other
    real = quotes.api.extract

    def breaks_on_a1(text, outlet=None, **kw):
        if text == tasks[1].article.text:
            raise RuntimeError("parser crashed")
        return real(text, outlet, **kw)

    def batch_breaks(*args, **kw):
        raise RuntimeError("batch")

    monkeypatch.setattr(quotes.api, "extract_many", batch_breaks)
    monkeypatch.setattr(quotes.api, "extract", breaks_on_a1)
    records = Extractor()(tasks)
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
    import quotes.engine as engine

    monkeypatch.setattr(engine, "ProcessPoolExecutor", None)  # would fail if used
    assert len(list(run_local(_tasks(3), workers=2, batch_size=4))) == 3
    assert len(list(run_local(_tasks(1), workers=2, batch_characters=1))) == 1


def test_the_model_is_loaded_up_front():
    with pytest.raises(QuotesError) as caught:
        Extractor("en_no_such_model")
    assert caught.value.code == "E010"
