"""The wheel carries the rules and schemas, and works installed (not editable)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f11922087ea952d8.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{built.stderr[-2000:]}")
    return next(out.glob("quotes_attribution-*.whl"))


def test_wheel_holds_every_rule_file_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = [p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()]
    assert rule_files
    missing = [f for f in rule_files if f"quotes/_rules/{f}" not in names]
    assert missing == []
    assert {"quotes/schemas/claims.schema.json", "quotes/schemas/corpus-line.schema.json"} <= names


def test_wheel_marks_the_package_as_typed(wheel: Path) -> None:
    # PEP 561: type checkers read quotes' annotations only when the marker ships.
    assert (ROOT / "quotes" / "py.typed").is_file()
    assert "quotes/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_installed_wheel_extracts_with_packaged_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = (
        "import json, sys, quotes, quotes.rules.ruleset as r; "
        "e = quotes.extract(open(sys.argv[1], encoding='utf-8').read()); "
        "from quotes.formats.output_schema import validate_corpus_line; "
        "validate_corpus_line({'id': 'a', **e.to_dict(), 'error': None}); "
        "print(json.dumps({'file': quotes.__file__, 'rules': str(r.builtin_rules_dir()), "
        "'outlet': e.article.outlet, 'claims': len(e.claims)}))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(SEED)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert Path(found["file"]).is_relative_to(target)
    assert Path(found["rules"]) == target / "quotes" / "_rules"
    assert found["outlet"] == "South China Morning Post"
    assert found["claims"] >= 13
