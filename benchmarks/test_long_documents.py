"""Time and memory against length: one document, longer and longer.

Each length runs in a fresh process (long_probe.py), so that peaks do not
mix. With --benchmark-enable the lengths are QUOTES_BENCH_LONG_MB (default
0.5, 1, 2, 10 MB of corpus text); a text over the model's limit of 1,000,000
characters is read in pieces. Two targets, each a comparison within the run:
10 MB takes at most 1.3 times ten times what 1 MB takes, and peaks under
2.5 GB. Without --benchmark-enable one short text runs once, with the limit
lowered so that it takes the same path in pieces.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from bench_support import CORPUS, FIGURES, run_probe

PROBE = Path(__file__).with_name("long_probe.py")
DEFAULT_LENGTHS_MB = "0.5,1,2,10"
# The bounds: time grows linearly, memory stays bounded.
MAX_TIME_10MB_TO_10X_1MB = 1.3
MAX_PEAK_KIB_10MB = 2.5 * 1024 * 1024
SMOKE_CHARACTERS = 12_000
SMOKE_MAX_LENGTH = 5_000
LONG_RUNS: dict[int, dict[str, Any]] = {}


def lengths(enabled: bool) -> list[int]:
    if not enabled:
        return [SMOKE_CHARACTERS]
    chosen = os.environ.get("QUOTES_BENCH_LONG_MB", DEFAULT_LENGTHS_MB)
    return [int(float(mb) * 1_000_000) for mb in chosen.split(",") if mb.strip()]


def probe(corpus: Path, characters: int, max_length: int | None = None) -> dict[str, Any]:
    return run_probe(PROBE, [str(corpus), str(characters)] + (["--max-length", str(max_length)] if max_length else []))


@pytest.fixture(scope="module")
def long_corpus(corpus_file: Path) -> Path:
    return CORPUS if CORPUS.exists() else corpus_file


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "characters" in metafunc.fixturenames:
        enabled = metafunc.config.getoption("benchmark_enable", default=False)
        metafunc.parametrize("characters", lengths(bool(enabled)), ids=lambda n: f"{n / 1e6:g}MB")


def test_time_and_memory_by_length(benchmark, enabled, long_corpus, characters):
    results = []
    max_length = None if enabled else SMOKE_MAX_LENGTH
    benchmark.pedantic(lambda: results.append(probe(long_corpus, characters, max_length)), rounds=1, iterations=1)
    result = LONG_RUNS[characters] = results[-1]
    benchmark.extra_info.update(result)
    assert result["characters"] == characters
    assert result["claims"] > 0
    if not enabled:
        assert result["pieces"] > 1, "the smoke text was meant to be read in pieces"
        return
    FIGURES[f"long document {characters / 1e6:g} MB"] = result


def test_ten_megabytes_take_linear_time_and_bounded_memory(enabled):
    if not enabled or not {1_000_000, 10_000_000} <= LONG_RUNS.keys():
        pytest.skip("needs the 1 MB and 10 MB runs of this session (--benchmark-enable)")
    one, ten = LONG_RUNS[1_000_000], LONG_RUNS[10_000_000]
    FIGURES["long document 10 MB / (10 x 1 MB), time"] = ratio = ten["seconds"] / (10 * one["seconds"])
    assert ratio <= MAX_TIME_10MB_TO_10X_1MB
    assert ten["peak_kib"] < MAX_PEAK_KIB_10MB
