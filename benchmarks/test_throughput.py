"""Extraction speed against the bare spaCy pipeline on the same texts."""

from __future__ import annotations

import spacy

import quotes
from quotes.api import model_name

from conftest import WORDS_PER_SECOND


def _record(benchmark, name: str, words: int) -> None:
    rate = words / benchmark.stats.stats.mean
    benchmark.extra_info["words_per_second"] = round(rate)
    WORDS_PER_SECOND[name] = rate


def test_bare_spacy_pipeline(benchmark, texts, words):
    nlp = spacy.load(model_name())
    list(nlp.pipe(texts[:2]))  # warm up
    benchmark.pedantic(lambda: list(nlp.pipe(texts, batch_size=64)), rounds=2, iterations=1)
    _record(benchmark, "bare spaCy nlp.pipe", words)


def test_quotes_extract(benchmark, texts, words):
    quotes.extract(texts[0])  # load the pipeline once, outside the timing
    benchmark.pedantic(lambda: [quotes.extract(t) for t in texts], rounds=2, iterations=1)
    _record(benchmark, "quotes.extract, one by one", words)
