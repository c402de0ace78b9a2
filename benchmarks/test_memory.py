"""Peak memory of `quotes corpus`, each configuration in a fresh process.

- peak RSS of a one-worker run (the whole job in one process);
- peak RSS per worker of a two-worker run, and of its parent;
- the same two-worker run on the corpus written four times over (distinct
  ids): the peaks must stay where they were, since at most 2 x workers
  batches are in flight whatever the corpus size.

Without --benchmark-enable only the two-worker run on the small smoke corpus
runs (in batches of 2, so that worker processes start), to keep the probe
working; the others are skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench_support import FIGURES, run_probe

PROBE = Path(__file__).with_name("rss_probe.py")
# The bound on peak RSS growth from a corpus to four times it.
MAX_PEAK_GROWTH_4X = 1.25
PROBES: dict[str, dict[str, Any]] = {}
SMOKE_BATCH_SIZE = 2


def probe(corpus: Path, output: Path, workers: int, batch_size: int | None = None) -> dict[str, Any]:
    args = [str(corpus), str(output), "--workers", str(workers)]
    return run_probe(PROBE, args + (["--batch-size", str(batch_size)] if batch_size else []))


CONFIGURATIONS = {
    "workers-1-1x": (1, 1),
    "workers-2-1x": (2, 1),
    "workers-2-4x": (2, 4),
}


@pytest.mark.parametrize("name", list(CONFIGURATIONS))
def test_peak_memory(benchmark, request, enabled, name, articles, tmp_path):
    workers, copies = CONFIGURATIONS[name]
    if not enabled and name != "workers-2-1x":
        pytest.skip("a fresh-process memory run: measured with --benchmark-enable")
    corpus = request.getfixturevalue("corpus_file_4x" if copies == 4 else "corpus_file")
    results = []
    batch_size = None if enabled else SMOKE_BATCH_SIZE

    def run() -> None:
        results.append(probe(corpus, tmp_path / "out.jsonl", workers, batch_size))

    benchmark.pedantic(run, rounds=1, iterations=1)
    result = PROBES[name] = results[-1]
    assert result["records"] == copies * len(articles)
    assert result["errors"] == 0, "articles failed: the peak of a broken run means nothing"
    if not enabled and len(articles) > SMOKE_BATCH_SIZE:
        assert result["children_peak_kib"] > 0, "no worker process was started and waited for"
    benchmark.extra_info.update(result)
    if not enabled:
        return
    if workers > 1 and not result["children_peak_kib"]:
        pytest.skip(f"{len(articles)} articles fit in one batch: `quotes corpus` started no worker processes")
    if workers == 1:
        FIGURES["peak rss kb, workers 1"] = result["self_peak_kib"]
        FIGURES["peak rss kb after load, workers 1"] = result["self_peak_after_load_kib"]
    elif copies == 1:
        FIGURES["peak rss kb per worker, workers 2"] = result["children_peak_kib"]
        FIGURES["peak rss kb parent, workers 2"] = result["self_peak_kib"]
    else:
        FIGURES["peak rss kb per worker, workers 2, 4x corpus"] = result["children_peak_kib"]
        FIGURES["peak rss kb parent, workers 2, 4x corpus"] = result["self_peak_kib"]


def test_memory_stays_flat_as_the_corpus_grows(enabled):
    if not enabled or not {"workers-2-1x", "workers-2-4x"} <= PROBES.keys():
        pytest.skip("needs the two-worker memory runs on 1x and 4x the corpus (--benchmark-enable)")
    one, four = PROBES["workers-2-1x"], PROBES["workers-2-4x"]
    if not one["children_peak_kib"]:
        pytest.skip("the 1x corpus fits in one batch: no worker processes to compare")
    worker = FIGURES["peak rss 4x / 1x, worker"] = four["children_peak_kib"] / one["children_peak_kib"]
    parent = FIGURES["peak rss 4x / 1x, parent"] = four["self_peak_kib"] / one["self_peak_kib"]
    assert worker <= MAX_PEAK_GROWTH_4X, f"a worker's peak grew {worker:.2f}x on 4x the corpus"
    assert parent <= MAX_PEAK_GROWTH_4X, f"the parent's peak grew {parent:.2f}x on 4x the corpus"
