"""The annotated PolNeAR sets under ../shared/eval, extracted for the quality tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotes.corpus import engine, sources
from quotes.evaluation import evaluate

# Data shared by the project's work trees (evaluation sets, corpus, acceptance).
SHARED = Path(os.environ.get("QUOTES_SHARED", Path(__file__).parents[1].parent / "shared"))


def annotated_run(name: str) -> tuple[list[evaluate.GoldArticle], list[dict]]:
    """The gold articles of ../shared/eval/NAME and the records `quotes
    corpus` makes of them (on all cores); the test skips when the file is absent."""
    path = SHARED / "eval" / name
    if not path.is_file():
        pytest.skip(f"the annotated set {path} is absent")
    gold = evaluate.load_gold(str(path))
    records = engine.run_local(sources.tasks_from_lines(evaluate.corpus_lines(gold)), workers=engine.default_workers())
    return gold, list(records)
