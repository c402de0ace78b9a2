"""What the benchmarks share: the corpus they read, the slices the speed
rows take turns on, and the figures of a run with their summary table.
(Kept out of conftest.py so that a test module can import it by a name no
other folder's conftest shares.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("QUOTES_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "polnear-train-texts.jsonl"
# Two slices of 128 articles, about ten batches each: two workers can share each evenly.
ENABLED_ARTICLES = 256
SMOKE_ARTICLES = 4

# The speed rows take turns on slices this long: batches enough for two workers.
SLICE_ARTICLES = 128

# (row, slice) -> fastest wall / CPU seconds; words per slice.
SLICE_SECONDS: dict[tuple[str, int], float] = {}
SLICE_CPU_SECONDS: dict[tuple[str, int], float] = {}
SLICE_WORDS: dict[int, int] = {}
# Row name -> words per second (wall clock), once every slice of the row is timed.
WORDS_PER_SECOND: dict[str, float] = {}
# Row name -> words per CPU-second of the process and its workers.
CPU_WORDS_PER_SECOND: dict[str, float] = {}
# Measured figures other than speed rows (memory, ratios), for the summary and JSON.
FIGURES: dict[str, Any] = {}
BARE = "bare spaCy nlp.pipe"
# The prefix of the claims database's figures (test_claims_database.py).
DATABASE = "claims database: "


def benchmarks_enabled(config: pytest.Config) -> bool:
    session = getattr(config, "_benchmarksession", None)
    if session is not None:
        return not session.disabled
    return bool(config.getoption("benchmark_enable", False)) or not config.getoption("benchmark_disable", False)


def article_limit(config: pytest.Config) -> int:
    default = ENABLED_ARTICLES if benchmarks_enabled(config) else SMOKE_ARTICLES
    return int(os.environ.get("QUOTES_BENCH_ARTICLES", default))


def slice_bounds(articles: int) -> list[tuple[int, int]]:
    return [(start, min(start + SLICE_ARTICLES, articles)) for start in range(0, articles, SLICE_ARTICLES)]


def record_slice(row: str, index: int, seconds: float, cpu_seconds: float) -> None:
    """Keep the fastest pass of a row on a slice; a row with every slice
    timed gets its words per second."""
    key = (row, index)
    SLICE_SECONDS[key] = min(seconds, SLICE_SECONDS.get(key, seconds))
    SLICE_CPU_SECONDS[key] = min(cpu_seconds, SLICE_CPU_SECONDS.get(key, cpu_seconds))
    if all((row, k) in SLICE_SECONDS for k in SLICE_WORDS):
        words = sum(SLICE_WORDS.values())
        WORDS_PER_SECOND[row] = words / sum(SLICE_SECONDS[row, k] for k in SLICE_WORDS)
        CPU_WORDS_PER_SECOND[row] = words / sum(SLICE_CPU_SECONDS[row, k] for k in SLICE_WORDS)


def corpus_articles(limit: int) -> list[dict[str, Any]]:
    """The first `limit` corpus articles as {"id", "outlet", "text"}."""
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as lines:
            return [json.loads(line) for line, _ in zip(lines, range(limit))]
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [
        {"id": f"seed-{n}-{p.stem}", "outlet": None, "text": p.read_text(encoding="utf-8")}
        for n, p in zip(range(limit), seeds * (limit // max(1, len(seeds)) + 1))
    ]


def write_corpus(path: Path, articles: list[dict[str, Any]], copies: int = 1) -> Path:
    """The articles as `quotes corpus` input, `copies` times over with distinct ids."""
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for article in articles:
                line = dict(article, id=f"{article['id']}#{copy}" if copies > 1 else article["id"])
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def _mb(kb: float | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024:,.0f} MB"


def _seconds_pair(first: str, second: str) -> str:
    a, b = FIGURES.get(first), FIGURES.get(second)
    return "n/a" if a is None or b is None else f"{a:.2f} s, {b:.2f} s"


def _ratio(name: str) -> str:
    value = FIGURES.get(name)
    return "n/a" if value is None else f"{value:.2f}x"


TABLE_ORDER = ["bare spaCy", "quotes corpus --workers 1", "quotes corpus --workers 2", "textacy", "quotes.extract"]


def _row_rank(name: str) -> int:
    return next((n for n, prefix in enumerate(TABLE_ORDER) if name.startswith(prefix)), len(TABLE_ORDER))


def summary_lines() -> list[str]:
    base = WORDS_PER_SECOND.get(BARE)
    cpu_base = CPU_WORDS_PER_SECOND.get(BARE)
    lines = []
    if WORDS_PER_SECOND:
        lines += [
            f"{FIGURES.get('articles', '?')} articles, {FIGURES.get('words', 0):,} words from {FIGURES.get('corpus')}",
            f"{'':<44} {'words/s':>10}  {'vs bare':>7}  {'words/CPU-s':>11}  {'vs bare':>7}",
        ]
    for name, rate in sorted(WORDS_PER_SECOND.items(), key=lambda item: _row_rank(item[0])):
        ratio = f"{rate / base:.2f}x" if base else "n/a"
        cpu = CPU_WORDS_PER_SECOND.get(name)
        cpu_ratio = f"{cpu / cpu_base:.2f}x" if cpu and cpu_base else "n/a"
        lines.append(f"{name:<44} {rate:>10,.0f}  {ratio:>7}  {cpu or 0:>11,.0f}  {cpu_ratio:>7}")
    capacities = FIGURES.get("machine capacity, 2 processes / 1")
    memory = [
        ("quotes corpus --workers 2 / --workers 1", _ratio("workers 2 / workers 1")),
        ("  machine: 2 processes / 1, before each round", " ".join(f"{c:.2f}x" for c in capacities or []) or "n/a"),
        ("peak RSS, --workers 1 (the one process)", _mb(FIGURES.get("peak rss kb, workers 1"))),
        ("  of which after loading the pipeline", _mb(FIGURES.get("peak rss kb after load, workers 1"))),
        ("peak RSS per worker, --workers 2", _mb(FIGURES.get("peak rss kb per worker, workers 2"))),
        ("peak RSS of the parent, --workers 2", _mb(FIGURES.get("peak rss kb parent, workers 2"))),
        ("peak RSS per worker, 4x corpus / 1x", _ratio("peak rss 4x / 1x, worker")),
        ("peak RSS of the parent, 4x corpus / 1x", _ratio("peak rss 4x / 1x, parent")),
        ("start-up: quotes extract / model load", _ratio("start-up: quotes extract / model load")),
        (
            "  medians: model load, quotes extract",
            _seconds_pair("start-up: model load, median s", "start-up: quotes extract, median s"),
        ),
    ]
    lines += [f"{name:<44} {value:>10}" for name, value in memory if value != "n/a"]
    lines += _long_document_lines()
    lines += _database_lines()
    FIGURES["load average at end"] = load_average()
    lines.append(f"load average: {FIGURES['load average at start']} at start, {FIGURES['load average at end']} at end")
    return lines


def _long_document_lines() -> list[str]:
    """One line a length of test_long_documents.py: time and peak memory."""
    runs = sorted(
        (v for k, v in FIGURES.items() if k.startswith("long document ") and isinstance(v, dict)),
        key=lambda run: run["characters"],
    )
    lines = [
        f"long document {run['characters'] / 1e6:>5g} MB, {run['pieces']:>3} piece(s) "
        f"{run['seconds']:>9.1f} s  {run['characters'] / run['seconds']:>9,.0f} chars/s  peak {_mb(run['peak_kib'])}"
        for run in runs
    ]
    ratio = FIGURES.get("long document 10 MB / (10 x 1 MB), time")
    if ratio is not None:
        lines.append(f"{'long document 10 MB / (10 x 1 MB), time':<44} {ratio:>9.2f}x")
    return lines


def _database_lines() -> list[str]:
    """The claims database's figures, one a line, numbers with thousands separators."""
    lines = []
    for name, value in FIGURES.items():
        if name.startswith(DATABASE):
            shown = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else str(value)
            lines.append(f"{name:<60} {shown:>12}")
    return lines


def run_probe(script: Path, args: list[str]) -> dict[str, Any]:
    """`python SCRIPT ARGS` in a fresh process with the work tree importable:
    the JSON object on the last line of its output."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    run = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout.strip().splitlines()[-1])
