"""Throughput benchmarks: words per second, as ratios measured in one run.

Run: ./dev test benchmarks --benchmark-enable
The corpus is read from ../shared/corpus/polnear-train-texts.jsonl (or
QUOTES_SHARED); without it the seed articles, repeated, stand in.
QUOTES_BENCH_ARTICLES caps how many articles are used (default 200).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("QUOTES_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "polnear-train-texts.jsonl"
WORDS_PER_SECOND: dict[str, float] = {}


def corpus_texts(limit: int) -> list[str]:
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line, _ in zip(lines, range(limit))]
        return texts
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return (seeds * (limit // len(seeds) + 1))[:limit]


@pytest.fixture(scope="session")
def texts() -> list[str]:
    return corpus_texts(int(os.environ.get("QUOTES_BENCH_ARTICLES", "200")))


@pytest.fixture(scope="session")
def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def pytest_terminal_summary(terminalreporter) -> None:
    if not WORDS_PER_SECOND:
        return
    base = WORDS_PER_SECOND.get("bare spaCy nlp.pipe")
    terminalreporter.section("words per second (same run)")
    for name, rate in WORDS_PER_SECOND.items():
        ratio = f"{rate / base:.2f}x bare spaCy" if base else ""
        terminalreporter.write_line(f"{name:<32} {rate:>10,.0f} w/s  {ratio}")
