"""Shared test setup.

The output contract is checked on every extraction, not only in its own
tests: at session start (pytest_configure, before test modules are imported)
`quotes.api.extract`, its re-export `quotes.extract` and
`quotes.api.extract_with_doc` and `quotes.api.extract_with_skipped` are
replaced by wrappers that validate each
Extraction against quotes/schemas/claims.schema.json and check that every
offset lies inside the text (tests/output_contract.py). A test therefore
cannot see an extraction that breaks the contract without failing. Code
under test must call them through the module (as quotes.cli, quotes.explain
and quotes.rule_tests do), not a name bound at import time before the
session started; tests may use the `extract` fixture. Extractions made in a
subprocess are not wrapped: those tests validate the JSON they read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from annotated import SHARED
from output_contract import (
    checked_extract,
    checked_extract_with_doc,
    checked_extract_with_skipped,
    unchecked_extract,
    unchecked_extract_with_doc,
    unchecked_extract_with_skipped,
)

import quotes
import quotes.api

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    quotes.api.extract = checked_extract
    quotes.extract = checked_extract
    quotes.api.extract_with_doc = checked_extract_with_doc
    quotes.api.extract_with_skipped = checked_extract_with_skipped


def pytest_unconfigure(config: pytest.Config) -> None:
    quotes.api.extract = unchecked_extract
    quotes.extract = unchecked_extract
    quotes.api.extract_with_doc = unchecked_extract_with_doc
    quotes.api.extract_with_skipped = unchecked_extract_with_skipped


@pytest.fixture
def extract():
    """quotes.extract, with the output contract checked on every call."""
    return checked_extract


@pytest.fixture(autouse=True)
def _no_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's QUOTES_RULES would layer their own rules over the built-ins.
    monkeypatch.delenv("QUOTES_RULES", raising=False)


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED



def _run_quotes(
    *args: str, stdin: bytes = b"", stdout: int = subprocess.PIPE, timeout: float = 120
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "quotes", *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def run_quotes():
    """`python -m quotes ARGS` in a fresh interpreter, as a user runs it."""
    return _run_quotes
