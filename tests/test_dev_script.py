"""`./dev` reads the paths it is given from the folder it is run in."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "dev"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    # ./dev sets up .venv when it is missing or stale; the tests use the one
    # `./dev test` made rather than install a second time.
    if not any((ROOT / ".venv").glob(".installed-*")):
        pytest.skip("no .venv made by ./dev in this checkout")
    return tmp_path


def _dev(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DEV), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_relative_article_path_is_read_from_where_dev_runs(elsewhere: Path) -> None:
    # A seed of the same name sits in the checkout; the article here must win.
    (elsewhere / "seeds").mkdir()
    article = elsewhere / "seeds" / "000_f11922087ea952d8.txt"
    article.write_text("The harbour tunnel will close in May, the minister said.\n", encoding="utf-8")
    run = _dev(elsewhere, "quotes", "extract", "seeds/000_f11922087ea952d8.txt", "--format", "json")
    assert run.returncode == 0, run.stderr
    claims = json.loads(run.stdout)["claims"]
    assert [c["text"] for c in claims] == ["The harbour tunnel will close in May"]


def test_a_relative_output_folder_is_written_where_dev_runs(elsewhere: Path) -> None:
    run = _dev(elsewhere, "quotes", "rules", "schemas", "my-rules")
    assert run.returncode == 0, run.stderr
    assert (elsewhere / "my-rules" / "schemas" / "outlet.schema.json").is_file()
    assert not (ROOT / "my-rules").exists()
