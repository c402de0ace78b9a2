"""Speed and memory benchmarks: every figure a ratio measured in one run.

Run:  .venv/bin/python -m pytest benchmarks --benchmark-enable
      (QUOTES_BENCH_ARTICLES=840 for the whole corpus; QUOTES_BENCH_JSON=out.json
      also saves the figures)

The corpus is read from ../shared/corpus/polnear-train-texts.jsonl (or
$QUOTES_SHARED/corpus/...); without it the seed articles, repeated, stand in.
QUOTES_BENCH_ARTICLES caps how many articles are used: 256 by default with
--benchmark-enable, 4 without it (the default, --benchmark-disable in
pyproject.toml), when every benchmark runs once as a smoke test and the
subprocess memory measurements but one are skipped.

Machines are noisy and shared: no figure is compared with a constant, only
with another figure of the same run. The speed rows take turns on slices of
128 articles (about ten batches), so that rows are compared within a minute or
two of each other; each (row, slice) keeps its fastest of QUOTES_BENCH_ROUNDS
(2) passes, and a row's words/s is its words over the sum of those times.
The load average at the start and the end of the run is printed with the
table. Peak memory is measured in fresh processes (test_memory.py,
rss_probe.py), and so are the time and memory of one document as it grows
(test_long_documents.py, long_probe.py; QUOTES_BENCH_LONG_MB lists the
lengths).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from bench_support import (
    CORPUS,
    CPU_WORDS_PER_SECOND,
    DATABASE,
    FIGURES,
    WORDS_PER_SECOND,
    article_limit,
    benchmarks_enabled,
    corpus_articles,
    load_average,
    summary_lines,
    write_corpus,
)


@pytest.fixture(scope="session")
def enabled(pytestconfig: pytest.Config) -> bool:
    return benchmarks_enabled(pytestconfig)


@pytest.fixture(scope="session")
def articles(pytestconfig: pytest.Config) -> list[dict[str, Any]]:
    chosen = corpus_articles(article_limit(pytestconfig))
    FIGURES["articles"] = len(chosen)
    FIGURES["corpus"] = str(CORPUS) if CORPUS.exists() else "seeds/ repeated"
    return chosen


@pytest.fixture(scope="session")
def texts(articles: list[dict[str, Any]]) -> list[str]:
    return [a["text"] for a in articles]


@pytest.fixture(scope="session")
def words(texts: list[str]) -> int:
    FIGURES["words"] = count = sum(len(t.split()) for t in texts)
    return count


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory: pytest.TempPathFactory, articles: list[dict[str, Any]]) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus-1x.jsonl", articles)


@pytest.fixture(scope="session")
def corpus_file_4x(tmp_path_factory: pytest.TempPathFactory, articles: list[dict[str, Any]]) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus-4x.jsonl", articles, copies=4)


def pytest_sessionstart(session: pytest.Session) -> None:
    FIGURES["load average at start"] = load_average()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if not WORDS_PER_SECOND and not any(k.startswith(("peak", "long document", "start-up", DATABASE)) for k in FIGURES):
        return
    terminalreporter.section("quotes benchmarks (one run; ratios of figures measured in it)")
    for line in summary_lines():
        terminalreporter.write_line(line)
    if target := os.environ.get("QUOTES_BENCH_JSON"):
        data = {
            "words_per_second": {k: round(v) for k, v in WORDS_PER_SECOND.items()},
            "words_per_cpu_second": {k: round(v) for k, v in CPU_WORDS_PER_SECOND.items()},
            **FIGURES,
        }
        Path(target).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        terminalreporter.write_line(f"figures saved to {target}")
