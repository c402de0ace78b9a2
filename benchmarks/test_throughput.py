"""Extraction speed against the bare spaCy pipeline on the same texts.

Rows, all on the same articles and in this one process:
- bare spaCy: the trained pipeline's `nlp.pipe`, nothing else;
- quotes.extract, one article at a time;
- quotes corpus, --workers 1 and --workers 2: `run_job`, what the command
  runs, from a JSON Lines file to a JSON Lines file;
- textacy's `direct_quotations` (the peer): the same spaCy pipeline, then
  textacy on each Doc.
Model loading is left out of every timing (each loads once, beforehand).

The rows take turns on each slice of 128 articles, slice after slice and
round after round, so that a change in the machine's load during the run
falls on all of them alike; each (row, slice) keeps its fastest round
(QUOTES_BENCH_ROUNDS, 2 by default: identical passes differ by up to 10-20%
on a shared VM). Beside wall-clock
words per second the summary gives words per CPU-second (this process and
its waited-for workers): on bare metal other jobs barely move it; in a VM
that charges stolen time to the guest they move it as much as the wall clock.
The 2-worker row falling short of its target is judged against the machine's
capacity measured just before it (two CPU-bound processes against one),
since other jobs often hold the second core.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from bench_support import (
    BARE,
    FIGURES,
    SLICE_WORDS,
    WORDS_PER_SECOND,
    article_limit,
    benchmarks_enabled,
    corpus_articles,
    record_slice,
    slice_bounds,
    write_corpus,
)

import quotes
from quotes import api
from quotes.corpus.engine import BatchLimit
from quotes.corpus.jobs import CorpusJob, JobSummary, run_job
from quotes.corpus.lines import CorpusArticle
from quotes.corpus.sources import Task, parts_of

EXTRACT = "quotes.extract, one by one"
CORPUS_1 = "quotes corpus --workers 1"
CORPUS_2 = "quotes corpus --workers 2"
TEXTACY = "textacy direct_quotations (spaCy + textacy)"
CAPACITY = "machine: 2 processes / 1 (CPU spin)"
# The order of a round: the 2-worker run right after the machine's capacity for it.
ROWS = [BARE, EXTRACT, TEXTACY, CORPUS_1, CAPACITY, CORPUS_2]
ROUNDS = int(os.environ.get("QUOTES_BENCH_ROUNDS", "2"))  # with --benchmark-enable; 1 (a smoke run) without
SPIN = 20_000_000  # loop steps of the capacity check: 1-2 s on one core
CAPACITIES: list[float] = []


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if {"row", "round_", "slice_"} <= set(metafunc.fixturenames):
        rounds = ROUNDS if benchmarks_enabled(metafunc.config) else 1
        # The article count the `articles` fixture will have (the corpus may hold fewer).
        slices = len(slice_bounds(len(corpus_articles(article_limit(metafunc.config)))))
        cases = [(row, n, k) for n in range(1, rounds + 1) for k in range(slices) for row in ROWS]
        metafunc.parametrize(("row", "round_", "slice_"), cases, ids=[f"{row}-round-{n}-slice-{k + 1}" for row, n, k in cases])


@pytest.fixture(scope="module")
def bare_nlp():
    nlp = spacy.load(api.model_name())
    list(nlp.pipe(["Warm up.", "She said so."]))
    return nlp


def _corpus_run(corpus_file: Path, output: Path, workers: int, expected: int) -> JobSummary:
    summary = run_job(CorpusJob(parts=parts_of([str(corpus_file)]), output=str(output), workers=workers))
    assert summary.records == expected
    assert not summary.errors, f"failed articles {dict(summary.errors)}: the timing of a broken run means nothing"
    return summary


def _textacy_run(nlp, texts: list[str], index: int) -> None:
    from textacy.extract.triples import direct_quotations

    found = bailed = 0
    for doc in nlp.pipe(texts, batch_size=64):
        try:
            found += sum(1 for _ in direct_quotations(doc))
        except ValueError:  # an odd number of quotation marks: textacy gives up on the Doc
            bailed += 1
    TEXTACY_COUNTS[index] = (found, bailed)
    FIGURES["textacy quotations found"] = sum(f for f, _ in TEXTACY_COUNTS.values())
    FIGURES["textacy articles given up (unbalanced quotation marks)"] = sum(b for _, b in TEXTACY_COUNTS.values())


TEXTACY_COUNTS: dict[int, tuple[int, int]] = {}


@pytest.fixture(scope="module")
def slices(articles, tmp_path_factory) -> list[dict]:
    """The articles in slices of 128, each with its texts and its JSON Lines file."""
    folder = tmp_path_factory.mktemp("slices")
    chosen = []
    for k, (start, end) in enumerate(slice_bounds(len(articles))):
        part = articles[start:end]
        texts = [a["text"] for a in part]
        SLICE_WORDS[k] = sum(len(t.split()) for t in texts)
        chosen.append({"texts": texts, "file": write_corpus(folder / f"slice-{k + 1}.jsonl", part), "n": len(part)})
    return chosen


@pytest.fixture(scope="module")
def runners(bare_nlp, slices, tmp_path_factory) -> dict[str, Callable[[int], object]]:
    first = slices[0]["texts"]
    # The BLAS policy of the command line, which owns its process (quotes.pipeline.blas).
    quotes.adopt_fast_blas()
    quotes.extract(first[0])  # load the pipeline once (forked workers inherit it)
    deque(bare_nlp.pipe(first[:8]), maxlen=0)  # the first row of a round must not pay for warming up
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    return {
        # each Doc dropped as it comes, as textacy's are
        BARE: lambda k: deque(bare_nlp.pipe(slices[k]["texts"], batch_size=64), maxlen=0),
        EXTRACT: lambda k: [quotes.extract(t) for t in slices[k]["texts"]],
        CORPUS_1: lambda k: _corpus_run(slices[k]["file"], out, 1, slices[k]["n"]),
        CORPUS_2: lambda k: _corpus_run(slices[k]["file"], out, 2, slices[k]["n"]),
        TEXTACY: lambda k: _textacy_run(bare_nlp, slices[k]["texts"], k),
    }


def _spin(steps: int) -> None:
    total = 0
    for step in range(steps):
        total += step


def machine_capacity(steps: int) -> float:
    """How much more two CPU-bound processes get done than one, now: 2.0 on
    two idle cores, about 1.0 when other jobs hold the second core."""
    fork = multiprocessing.get_context("fork")

    def wall(processes: int) -> float:
        spinners = [fork.Process(target=_spin, args=(steps,)) for _ in range(processes)]
        start = time.perf_counter()
        for spinner in spinners:
            spinner.start()
        for spinner in spinners:
            spinner.join()
        return time.perf_counter() - start

    return 2 * wall(1) / wall(2)


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def test_speed(benchmark, runners, words, enabled, row, round_, slice_):
    if row == CAPACITY:
        benchmark.group = row
        capacity = benchmark.pedantic(machine_capacity, args=(SPIN if enabled else SPIN // 100,), rounds=1)
        CAPACITIES.append(capacity)
        FIGURES["machine capacity, 2 processes / 1"] = [round(c, 2) for c in CAPACITIES]
        return
    if row == TEXTACY:
        pytest.importorskip("textacy", reason="the peer row needs textacy (extra `bench`)")
    benchmark.group = row
    cpu = _cpu_seconds()
    benchmark.pedantic(runners[row], args=(slice_,), rounds=1, iterations=1)
    cpu = _cpu_seconds() - cpu
    if benchmark.disabled:  # run once as a smoke test: no timing to record
        return
    seconds = benchmark.stats.stats.min
    slice_words = SLICE_WORDS[slice_]
    benchmark.extra_info.update(words=slice_words, words_per_second=round(slice_words / seconds), cpu_seconds=round(cpu, 2))
    record_slice(row, slice_, seconds, cpu)


def _ratio(row: str, over: str) -> float:
    if row not in WORDS_PER_SECOND or over not in WORDS_PER_SECOND:
        pytest.skip(f"needs the {row!r} and {over!r} benchmarks of this run (--benchmark-enable)")
    return WORDS_PER_SECOND[row] / WORDS_PER_SECOND[over]


# One article at a time (measured 1.34-1.50x the bare pipeline) must never fall
# far behind it: an accidental quadratic step in the claim finding shows up
# as 0.4x.
MIN_RATIO_TO_BARE_SPACY = 0.75
# The targets: `quotes corpus` on one core must beat the bare
# pipeline (numpy's BLAS for the model's products, the attribute ruler and
# lemmatizer from a cache: quotes/pipeline/blas.py, quotes/pipeline/cached_attributes.py); two
# workers must nearly double one.
CORPUS_TARGET_TO_BARE_SPACY = 1.5
WORKERS_2_TARGET_TO_WORKERS_1 = 1.6


def test_extraction_keeps_pace_with_bare_spacy():
    assert _ratio(EXTRACT, BARE) >= MIN_RATIO_TO_BARE_SPACY


def test_corpus_one_worker_beats_bare_spacy():
    ratio = _ratio(CORPUS_1, BARE)
    FIGURES["workers 1 / bare spaCy"] = ratio
    assert ratio >= CORPUS_TARGET_TO_BARE_SPACY


def best_speedup(articles: list[dict], workers: int) -> float:
    """The most `workers` can gain over one on our slices, when the work comes
    in the engine's batches handed to the first free worker, if time were
    characters of text."""
    makespan = 0
    for start, end in slice_bounds(len(articles)):
        loads = [0] * workers
        tasks = [Task(article=CorpusArticle(line=0, id=a["id"], text=a["text"])) for a in articles[start:end]]
        for batch in BatchLimit().batches(tasks):
            loads[loads.index(min(loads))] += sum(t.characters for t in batch)
        makespan += max(loads)
    return sum(len(a["text"]) for a in articles) / makespan if articles else 1.0


def test_two_workers_scale(articles):
    """Two workers against one, when this run can show it: the corpus must
    come in enough batches, and the machine must have had a second core to
    give (other jobs often hold it; the capacity check, taken just before each
    2-worker round, says how much it had)."""
    ratio = _ratio(CORPUS_2, CORPUS_1)
    FIGURES["workers 2 / workers 1"] = ratio
    target = WORKERS_2_TARGET_TO_WORKERS_1
    if ratio >= target:
        return
    best = best_speedup(articles, 2)
    if best < target:
        pytest.skip(
            f"{len(articles)} articles in the engine's batches let 2 workers gain at most {best:.2f}x:"
            f" measured {ratio:.2f}x; the {target}x target needs slices of 128, e.g. QUOTES_BENCH_ARTICLES=256"
        )
    capacity = sum(CAPACITIES) / len(CAPACITIES) if CAPACITIES else 2.0
    if capacity < target:  # a shortfall the machine explains: not the engine's to answer for
        pytest.skip(
            f"the machine gave 2 CPU-bound processes {capacity:.2f}x the throughput of one in this run (other jobs"
            f" held the second core), so the {target}x target could not be observed: measured {ratio:.2f}x"
        )
    assert ratio >= target
