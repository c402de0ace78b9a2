"""Shared test setup.

The output contract is checked on every extraction, not only in its own
tests: at session start (pytest_configure, before test modules are imported)
the extracting methods of `quotes.Extractor` and `quotes.api.extract_with_doc`
are replaced by wrappers that validate each Extraction against
quotes/schemas/claims.schema.json and check that every offset lies inside
the text (tests/output_contract.py). `quotes.extract` and every Extractor
go through them, so a test cannot see an extraction that breaks the
contract without failing; tests may use the `extract` fixture. Extractions
made in a subprocess are not wrapped: those tests validate the JSON they
read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from annotated import SHARED
from headless import chromium  # noqa: F401  (a fixture, for the tests of HTML pages)
from output_contract import checked_extract, install

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    install(checked=True)
    # The cache of validated rule files goes to a folder of this run, not the
    # developer's ~/.cache (commands run in subprocesses inherit it).
    os.environ.setdefault("QUOTES_CACHE_DIR", tempfile.mkdtemp(prefix="quotes-test-cache-"))


def pytest_unconfigure(config: pytest.Config) -> None:
    install(checked=False)


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


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline, as `quotes.load_pipeline()` gives it, loaded once."""
    from quotes.api import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def rules():
    """The built-in rule set, read once."""
    from quotes.rules.merging import load_rules

    return load_rules()


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
