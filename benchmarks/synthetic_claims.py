"""A synthetic claims store for the database benchmarks: the records of the
real corpus, copied until there are as many claims as asked, each copy a
new article (its own id and URL) with some words of its claims swapped for
others of the corpus's vocabulary, a date spread over two years, and now
and then another speaker. The copies keep the corpus's lengths, speakers
and word frequencies; the mutations keep FTS5 from meeting one text a
thousand times over.

The records are those of `quotes corpus` on the benchmark corpus, extracted
once into a cache file ($QUOTES_BENCH_RECORDS names one to use instead) and
completed with --resume if an earlier extraction was cut short.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench_support import CORPUS, corpus_articles, write_corpus

START = datetime.date(2025, 1, 1)
DAYS = 730  # two years of publication dates
WORD_SWAP_CHANCE = 0.5  # a copied claim gets one word swapped
SPEAKER_SWAP_CHANCE = 0.15  # ... or another speaker's name
RECORDS_VARIABLE = "QUOTES_BENCH_RECORDS"


def cached_records(limit: int | None) -> list[dict[str, Any]]:
    """The corpus's records (the first `limit` articles' when not None):
    $QUOTES_BENCH_RECORDS, else the cache file, extracted if missing or short."""
    given = os.environ.get(RECORDS_VARIABLE)
    if given:
        return _read(Path(given), limit)
    articles = corpus_articles(limit if limit is not None else 10**9)
    name = f"records-{len(articles)}.jsonl"
    cache = Path(os.environ.get("QUOTES_BENCH_CACHE", Path(tempfile.gettempdir()) / "quotes-bench")) / name
    if not cache.exists() or _line_count(cache) < len(articles):
        _extract(articles, cache)
    return _read(cache, None)


def _extract(articles: list[dict[str, Any]], cache: Path) -> None:
    from quotes.corpus.engine import default_workers
    from quotes.corpus.jobs import CorpusJob, run_job
    from quotes.corpus.sources import parts_of

    cache.parent.mkdir(parents=True, exist_ok=True)
    source = CORPUS if CORPUS.exists() and len(articles) == _line_count(CORPUS) else None
    if source is None:
        source = write_corpus(cache.with_suffix(".in.jsonl"), articles)
    run_job(CorpusJob(parts=parts_of([str(source)]), output=str(cache), resume=True, workers=default_workers()))


def _line_count(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def _read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("article") and record.get("claims"):
                records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


class SyntheticStore:
    """Copies of `records`, mutated, `claims` in all (give or take an article)."""

    def __init__(self, records: list[dict[str, Any]], claims: int, seed: int = 19) -> None:
        self.records = records
        self.claims = claims
        self.random = random.Random(seed)
        self.vocabulary = sorted({w for r in records for c in r["claims"] for w in c["text"].split() if w.isalpha()})
        self.speakers = sorted(
            {c["speaker"]["name"] for r in records for c in r["claims"] if (c.get("speaker") or {}).get("name")}
        )

    def chunks(self, size: int = 20_000) -> Iterator[list[dict[str, Any]]]:
        """The synthetic records, in lists of about `size` claims."""
        made = copy = 0
        chunk: list[dict[str, Any]] = []
        in_chunk = 0
        while made < self.claims:
            for record in self.records:
                new = self.copy(record, copy)
                chunk.append(new)
                made += len(new["claims"])
                in_chunk += len(new["claims"])
                if in_chunk >= size:
                    yield chunk
                    chunk, in_chunk = [], 0
                if made >= self.claims:
                    break
            copy += 1
        if chunk:
            yield chunk

    def copy(self, record: dict[str, Any], copy: int) -> dict[str, Any]:
        day = START + datetime.timedelta(days=self.random.randrange(DAYS))
        article = dict(record["article"], published=day.isoformat(), url=f"https://bench.example/{copy}/{record['id']}")
        claims = [self._claim(c) for c in record["claims"]] if copy else record["claims"]
        return {"id": f"{record['id']}~{copy}", "article": article, "claims": claims, "error": None}

    def _claim(self, claim: dict[str, Any]) -> dict[str, Any]:
        changed = dict(claim)
        draw = self.random.random()
        if draw < WORD_SWAP_CHANCE:
            words = claim["text"].split()
            words[self.random.randrange(len(words))] = self.random.choice(self.vocabulary)
            changed["text"] = " ".join(words)
        elif draw < WORD_SWAP_CHANCE + SPEAKER_SWAP_CHANCE and claim.get("speaker"):
            changed["speaker"] = dict(claim["speaker"], name=self.random.choice(self.speakers))
        return changed

    def queries(self, count: int) -> list[tuple[str, dict[str, str]]]:
        """Searches as a reader makes them: one to three words of a real claim,
        a quarter narrowed by the speaker's surname, a quarter by dates."""
        made: list[tuple[str, dict[str, str]]] = []
        claims = [(c, r) for r in self.records for c in r["claims"] if len(c["text"].split()) >= 3]
        while len(made) < count:
            claim, _ = self.random.choice(claims)
            words = [w.strip(".,;:!?\"'“”‘’()") for w in claim["text"].split()]
            words = [w for w in words if len(w) > 3] or words
            query = " ".join(self.random.sample(words, min(len(words), self.random.randint(1, 3))))
            filters: dict[str, str] = {}
            kind = len(made) % 4
            name = (claim.get("speaker") or {}).get("name")
            if kind == 1 and name:
                filters["speaker"] = name.split()[-1]
            elif kind == 2:
                since = START + datetime.timedelta(days=self.random.randrange(DAYS - 90))
                filters["since"] = since.isoformat()
                filters["until"] = (since + datetime.timedelta(days=90)).isoformat()
            made.append((query, filters))
        return made

    def quotes(self, count: int) -> list[tuple[str, str]]:
        """Quotes to trace, each (as found in a record, as asked for): real
        claims of some length, half of them asked for with a word swapped."""
        claims = [c for r in self.records for c in r["claims"] if len(c["text"].split()) >= 6]
        chosen = [self.random.choice(claims) for _ in range(count)]
        return [(c["text"], self._claim(c)["text"]) for c in chosen]
