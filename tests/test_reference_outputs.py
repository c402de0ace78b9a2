"""The output contract by example: what the CLI prints for the seeds, stored
in tests/reference/ and compared as parsed JSON.

Made as users make it, `python -m quotes ...` in a fresh process, from the
seed files with no outlet hint beyond their text. A mismatch lists the first
differing paths and a diff of the first differing lines. To accept a
deliberate change, run this module with QUOTES_UPDATE_REFERENCE=1: it
rewrites the files and fails saying so, so a regeneration is never green;
review `git diff tests/reference/` and commit it (tests/reference/README.md).
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quotes.formats.output_schema import validate_corpus_line, validate_extraction

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REFERENCE = Path(__file__).resolve().parent / "reference"
UPDATE_VARIABLE = "QUOTES_UPDATE_REFERENCE"
RunQuotes = Callable[..., subprocess.CompletedProcess]  # the run_quotes fixture of conftest.py

CORPUS_INPUT = REFERENCE / "corpus-input.jsonl"
CORPUS_OUTPUT = "corpus-output.json"
# The corpus input's first line is this seed; its other lines are error records.
CORPUS_SEED = ROOT / "seeds" / "000_f11922087ea952d8.txt"
CORPUS_ERROR_CODES = [None, "E022", "E020"]
# Seed 002 is an opinion piece without claims: its export would be an empty graph.
CLAIMREVIEW_SEED = ROOT / "seeds" / "000_f11922087ea952d8.txt"

MAX_PATHS_SHOWN = 10
MAX_DIFF_LINES = 60


# --- storing and comparing --------------------------------------------------------


def reference_text(data: Any) -> str:
    """How a reference file is stored: pretty, keys in the order emitted, text as text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def differences(expected: Any, actual: Any, path: str = "$") -> Iterator[str]:
    """Each path where `actual` departs from `expected`, in document order.
    Types count: 1 and 1.0 (or true) print differently, so they differ here."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            if key not in actual:
                yield f"{path}.{key}: missing (the reference has {_shown(expected[key])})"
            elif key not in expected:
                yield f"{path}.{key}: not in the reference ({_shown(actual[key])})"
            else:
                yield from differences(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list):
        for index, (was, now) in enumerate(zip(expected, actual)):
            yield from differences(was, now, f"{path}[{index}]")
        if len(expected) != len(actual):
            yield f"{path}: {len(expected)} items in the reference, {len(actual)} now"
    elif type(expected) is not type(actual) or expected != actual:
        yield f"{path}: the reference has {_shown(expected)}, now {_shown(actual)}"


def mismatch_report(name: str, expected: Any, actual: Any, found: list[str]) -> str:
    paths = found[:MAX_PATHS_SHOWN]
    if len(found) > len(paths):
        paths.append(f"... and {len(found) - len(paths)} more")
    diff = list(
        difflib.unified_diff(
            reference_text(expected).splitlines(),
            reference_text(actual).splitlines(),
            f"tests/reference/{name}",
            "now",
            lineterm="",
        )
    )
    if len(diff) > MAX_DIFF_LINES:
        diff = [*diff[:MAX_DIFF_LINES], f"... ({len(diff) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(
        [
            f"the output differs from tests/reference/{name} at {len(found)} path(s):",
            *(f"  {line}" for line in paths),
            "",
            *diff,
            "",
            f"If the change is intended, rerun with {UPDATE_VARIABLE}=1 and review the diff (tests/reference/README.md).",
        ]
    )


def rewrite_reference(path: Path, actual: Any) -> None:
    """Store `actual` as the reference, then fail: a regeneration must be looked at."""
    text = reference_text(actual)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        pytest.fail(f"{UPDATE_VARIABLE}=1: {path.name} already matches; nothing rewritten", pytrace=False)
    path.write_text(text, encoding="utf-8")
    pytest.fail(
        f"{UPDATE_VARIABLE}=1: rewrote tests/reference/{path.name}. Review `git diff tests/reference/` and "
        "commit it as a deliberate change of the output contract; run without the variable to compare.",
        pytrace=False,
    )


def check_reference(name: str, actual: Any) -> None:
    path = REFERENCE / name
    if os.environ.get(UPDATE_VARIABLE) == "1":
        rewrite_reference(path, actual)
    if not path.exists():
        pytest.fail(f"no tests/reference/{name}: make it with {UPDATE_VARIABLE}=1 and review it", pytrace=False)
    expected = json.loads(path.read_text(encoding="utf-8"))
    found = list(differences(expected, actual))
    if found:
        pytest.fail(mismatch_report(name, expected, actual, found), pytrace=False)


def stored(name: str) -> Any:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


# --- the CLI, as users run it -------------------------------------------------------


def _exited_with(done: subprocess.CompletedProcess, exit_code: int) -> None:
    assert done.returncode == exit_code, done.stderr.decode("utf-8", "replace")


def extract_json(run_quotes: RunQuotes, seed: Path, output_format: str) -> Any:
    done = run_quotes("extract", str(seed), "--format", output_format)
    _exited_with(done, 0)
    return json.loads(done.stdout.decode("utf-8"))


def corpus_lines(run_quotes: RunQuotes, output: Path) -> list[dict[str, Any]]:
    # One worker: the lines are the same for any number, and the machine is shared.
    done = run_quotes("corpus", str(CORPUS_INPUT), "-o", str(output), "--workers", "1")
    _exited_with(done, 1)  # the error lines fail their articles, so the run exits 1
    return [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]


def extract_name(seed: Path) -> str:
    return f"extract-{seed.stem}.json"


# --- the references -------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_extract_json_of_each_seed_matches_its_reference(run_quotes, seed):
    check_reference(extract_name(seed), extract_json(run_quotes, seed, "json"))


def test_claimreview_export_matches_its_reference(run_quotes):
    actual = extract_json(run_quotes, CLAIMREVIEW_SEED, "claimreview")
    check_reference(f"claimreview-{CLAIMREVIEW_SEED.stem}.json", actual)


def test_corpus_lines_match_their_reference(run_quotes, tmp_path):
    check_reference(CORPUS_OUTPUT, corpus_lines(run_quotes, tmp_path / "out.jsonl"))


# --- what the stored files promise ---------------------------------------------------


def test_the_reference_corpus_lines_follow_the_corpus_line_schema():
    lines = stored(CORPUS_OUTPUT)
    assert [line["error"] and line["error"]["code"] for line in lines] == CORPUS_ERROR_CODES
    for line in lines:
        validate_corpus_line(line)


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_the_reference_extractions_follow_the_claims_schema(seed):
    validate_extraction(stored(extract_name(seed)))


def test_a_corpus_line_carries_what_extract_prints_for_the_same_seed():
    first_input = json.loads(CORPUS_INPUT.read_text(encoding="utf-8").splitlines()[0])
    assert first_input["text"] == CORPUS_SEED.read_text(encoding="utf-8"), "line 1 must be the seed as it is"
    assert "outlet" not in first_input and "url" not in first_input  # no hint beyond the text
    first_line = stored(CORPUS_OUTPUT)[0]
    assert {"article": first_line["article"], "claims": first_line["claims"]} == stored(extract_name(CORPUS_SEED))


def test_reference_files_are_stored_as_the_writer_stores_them():
    # Hand edits stay reviewable: the same layout as a regeneration writes.
    for path in sorted(REFERENCE.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert text == reference_text(json.loads(text)), f"{path.name} is not stored as reference_text() writes it"


@pytest.mark.parametrize(
    "expected,actual,paths",
    [
        ({"a": [1, 2]}, {"a": [1, 2]}, []),
        ({"a": 1}, {"a": 1.0}, ["$.a: the reference has 1, now 1.0"]),
        ({"a": 1}, {}, ["$.a: missing (the reference has 1)"]),
        ({}, {"b": None}, ["$.b: not in the reference (null)"]),
        (
            {"c": [{"x": "s"}]},
            {"c": [{"x": "t"}, {}]},
            ['$.c[0].x: the reference has "s", now "t"', "$.c: 1 items in the reference, 2 now"],
        ),
    ],
)
def test_differences_name_the_paths(expected, actual, paths):
    assert list(differences(expected, actual)) == paths
