"""docs/adding-an-outlet.md, followed step by step as an editor would.

The guide is the test's script: a fenced block whose info string says
`file=PATH` writes that file, one that says `edit=PATH line=N` replaces line N
of it, and a `console` block runs each `$ quotes ...` line in a fresh process
(as the editor runs it, in a folder of their own) and compares what it
prints with the lines under it. A line `...` stands for any lines, and
`...` within a line for any text (a path that differs between machines).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "adding-an-outlet.md"
FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```$", re.M | re.S)
ANY_LINES = "..."


@dataclass(frozen=True)
class Step:
    kind: str  # "file", "edit" or "run"
    path: str = ""
    line: int = 0
    text: str = ""
    command: str = ""
    expected: tuple[str, ...] = ()


def guide_steps(markdown: str) -> list[Step]:
    steps = []
    for match in FENCE.finditer(markdown):
        language, info, body = match.group(1), dict(re.findall(r"(\w+)=(\S+)", match.group(2))), match.group(3)
        if "file" in info:
            steps.append(Step("file", info["file"], text=body))
        elif "edit" in info:
            steps.append(Step("edit", info["edit"], int(info["line"]), text=body.rstrip("\n")))
        elif language == "console":
            steps += _runs(body)
    return steps


def _runs(body: str) -> list[Step]:
    runs: list[Step] = []
    command, expected = "", []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command:
                runs.append(Step("run", command=command, expected=tuple(expected)))
            command, expected = line[2:], []
        else:
            expected.append(line)
    if command:
        runs.append(Step("run", command=command, expected=tuple(expected)))
    return runs


def lines_match(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Line by line, with `...` for any run of lines (none too), and within
    a line for any text."""
    if not expected:
        return not actual
    if expected[0] == ANY_LINES:
        return any(lines_match(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and _line_matches(expected[0], actual[0]) and lines_match(expected[1:], actual[1:])


def _line_matches(expected: str, actual: str) -> bool:
    return re.fullmatch(".*".join(map(re.escape, expected.split(ANY_LINES))), actual) is not None


def _run(command: str, cwd: Path) -> list[str]:
    words = shlex.split(command)
    assert words[0] == "quotes", f"the guide runs only `quotes` commands: {command}"
    env = {k: v for k, v in os.environ.items() if k != "QUOTES_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "quotes", *words[1:]], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )
    return (done.stdout + done.stderr).rstrip("\n").splitlines()


def test_the_guide_has_files_edits_and_commands():
    kinds = [step.kind for step in guide_steps(GUIDE.read_text(encoding="utf-8"))]
    assert kinds.count("file") >= 3 and kinds.count("edit") >= 1 and kinds.count("run") >= 8


def test_every_command_of_the_guide_prints_what_the_guide_shows(tmp_path):
    for step in guide_steps(GUIDE.read_text(encoding="utf-8")):
        path = tmp_path / step.path
        if step.kind == "file":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step.text, encoding="utf-8")
        elif step.kind == "edit":
            lines = path.read_text(encoding="utf-8").split("\n")
            lines[step.line - 1] = step.text
            path.write_text("\n".join(lines), encoding="utf-8")
        else:
            actual = _run(step.command, tmp_path)
            assert lines_match(step.expected, actual), (
                f"$ {step.command}\n--- the guide shows:\n" + "\n".join(step.expected) + "\n--- it prints:\n" + "\n".join(actual)
            )


@pytest.mark.parametrize(
    "expected,actual,matches",
    [
        (("a", "b"), ["a", "b"], True),
        (("a", "..."), ["a", "b", "c"], True),
        (("...", "c"), ["a", "b", "c"], True),
        (("a", "...", "c"), ["a", "c"], True),
        (("a", "b"), ["a", "c"], False),
        (("a",), ["a", "b"], False),
        (("...", "d"), ["a", "b", "c"], False),
        (("x .../y.yaml:3 z",), ["x /home/me/y.yaml:3 z"], True),
        (("x .../y.yaml:3 z",), ["x /home/me/y.yaml:4 z"], False),
    ],
)
def test_lines_match(expected, actual, matches):
    assert lines_match(expected, actual) is matches
