"""Corpus jobs end to end: folders, part files, resume, a real SIGKILL, a
worker that dies, a bug."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from interrupt import as_at_a_terminal

import quotes.api
from quotes.cli import main as cli
from quotes.corpus.engine import TEST_KILL_ENV
from quotes.corpus.jobs import CorpusJob, is_folder_output, run_job
from quotes.corpus.sources import parts_of

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def _corpus(path: Path, n: int, bad_at: int | None = None) -> str:
    lines = []
    for i in range(n):
        lines.append("{broken" if i == bad_at else json.dumps({"id": f"a{i}", "text": SEED_TEXTS[i % 2]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _ids(path: Path) -> list[str | None]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_folder_of_txt_to_a_file(tmp_path, capsys):
    folder = tmp_path / "archive"
    folder.mkdir()
    for i, text in enumerate(SEED_TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    out = tmp_path / "claims.jsonl"
    assert cli.main(["corpus", str(folder), "-o", str(out), "--workers", "1"]) == 1
    assert _ids(out) == ["0", "1", "bad"]
    assert "1 of 3 articles failed (E005 x1)" in capsys.readouterr().err


def test_a_folder_output_gets_one_file_per_part_and_resume_skips_done_parts(tmp_path):
    first = _corpus(tmp_path / "day1.jsonl", 2)
    second = _corpus(tmp_path / "day2.jsonl", 3)
    out = tmp_path / "out"
    parts = parts_of([first, second])
    assert is_folder_output(str(out) + "/") and not is_folder_output(str(tmp_path / "claims.jsonl"))
    job = CorpusJob(parts=parts, output=str(out), output_is_folder=True)
    summary = run_job(job)
    assert summary.records == 5
    assert sorted(p.name for p in out.iterdir()) == ["day1.jsonl", "day2.jsonl"]
    assert _ids(out / "day2.jsonl") == ["a0", "a1", "a2"]
    (out / "day2.jsonl").unlink()
    before = (out / "day1.jsonl").stat().st_mtime_ns
    again = run_job(CorpusJob(parts=parts, output=str(out), output_is_folder=True, resume=True))
    assert (again.skipped, again.records) == (1, 3)
    assert (out / "day1.jsonl").stat().st_mtime_ns == before


def test_resume_appends_only_what_is_missing(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 4, bad_at=2)
    full = tmp_path / "full.jsonl"
    run_job(CorpusJob(parts=parts_of([src]), output=str(full)))
    part = tmp_path / "part.jsonl"
    lines = full.read_bytes().splitlines(keepends=True)
    part.write_bytes(b"".join(lines[:3]) + lines[3][:20])  # killed while writing the 4th
    summary = run_job(CorpusJob(parts=parts_of([src]), output=str(part), resume=True))
    assert (summary.skipped, summary.records) == (3, 1)
    assert part.read_bytes() == full.read_bytes()


def test_resume_needs_an_output_file(capsys):
    assert cli.main(["corpus", "-", "--resume"]) == 2
    assert "E029" in capsys.readouterr().err


def test_progress_bar_counts_articles_words_and_errors(tmp_path, capsys):
    src = _corpus(tmp_path / "in.jsonl", 3, bad_at=1)
    assert cli.main(["corpus", src, "-o", str(tmp_path / "o.jsonl"), "--workers", "1", "--progress"]) == 1
    err = capsys.readouterr().err
    assert "3/3" in err and "art" in err


def test_no_progress_bar_when_not_asked(tmp_path, capsys):
    src = _corpus(tmp_path / "in.jsonl", 2)
    assert cli.main(["corpus", src, "-o", str(tmp_path / "o.jsonl"), "--workers", "1", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


def _quotes(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotes", "corpus", *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_a_run_killed_with_sigkill_resumes_to_exactly_the_uninterrupted_output(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 24, bad_at=5)
    reference = tmp_path / "reference.jsonl"
    args = ("--workers", "2", "--batch-size", "2", "--no-progress")
    subprocess.run(_quotes(src, "-o", str(reference), *args), env=_env(), check=False, timeout=300)
    assert len(_ids(reference)) == 24

    out = tmp_path / "killed.jsonl"
    run = subprocess.Popen(_quotes(src, "-o", str(out), *args), env=_env(), start_new_session=True)
    deadline = time.monotonic() + 120
    # Until the first whole record is on disk: a batch's write may be seen
    # half done, which is what the kill may also leave.
    while time.monotonic() < deadline and (not out.exists() or b"\n" not in out.read_bytes()):
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, mid-way
    run.wait()
    written = out.read_bytes()
    assert 0 < written.count(b"\n") < 24, "killed before the end, after the first batch"
    whole = [json.loads(line) for line in written.splitlines(keepends=True) if line.endswith(b"\n")]
    # (every line but a torn last one is a whole record)

    resumed = subprocess.run(_quotes(src, "-o", str(out), "--resume", *args), env=_env(), timeout=300)
    # The broken line's error record is written once: by the killed run if it
    # got that far, else by the resumed one, which then exits 1.
    assert resumed.returncode == (0 if any(r["error"] for r in whole) else 1)
    assert out.read_bytes() == reference.read_bytes()


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_worker_that_dies_on_a_batch_twice_leaves_e032_records_that_resume_redoes(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 10, bad_at=7)
    out = tmp_path / "out.jsonl"
    args = ("--workers", "2", "--batch-size", "2", "--no-progress")
    # -W error: Python 3.12+ warns when a process with threads forks; the command forks with none.
    died = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", *_quotes(src, "-o", str(out), *args)[1:]],
        env={**_env(), TEST_KILL_ENV: "a5"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert died.returncode == 1, died.stderr
    # A line when the worker dies, one for the failed articles; no traceback.
    assert died.stderr.splitlines() == [
        "quotes: a worker process died (killed by SIGKILL) on articles 'a4' to 'a5': retrying in a new worker",
        "quotes: 3 of 10 articles failed (E020 x1, E032 x2); their records carry the error;"
        " --resume extracts the E032 ones again",
    ]
    records = _records(out)
    assert [r["id"] for r in records] == ["a0", "a1", "a2", "a3", "a4", "a5", "a6", None, "a8", "a9"]
    codes = [r["error"] and r["error"]["code"] for r in records]
    assert codes == [None, None, None, None, "E032", "E032", None, "E020", None, None]
    assert "killed by SIGKILL" in records[4]["error"]["message"]

    resumed = subprocess.run(_quotes(src, "-o", str(out), "--resume", *args), env=_env(), capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    again = _records(out)
    # The redone articles come after the others, extracted as an uninterrupted run would.
    assert [r["id"] for r in again] == ["a0", "a1", "a2", "a3", "a6", None, "a8", "a9", "a4", "a5"]
    assert again[:8] == [r for r in records if r["error"] is None or r["error"]["code"] != "E032"]
    assert again[-2:] == [{**records[0], "id": "a4"}, {**records[1], "id": "a5"}]


def _second_batch_breaks(monkeypatch):
    real, calls = quotes.api.Extractor.extract_many, []

    def extract_many(self, articles, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the parser crashed")
        return real(self, articles, **kw)

    monkeypatch.setattr(quotes.api.Extractor, "extract_many", extract_many)


def test_a_bug_shows_its_traceback_once_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    src = _corpus(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    _second_batch_breaks(monkeypatch)
    real_extract = quotes.api.Extractor.extract
    monkeypatch.setattr(
        quotes.api.Extractor,
        "extract",
        lambda self, text, *a, **kw: 1 / 0 if text == SEED_TEXTS[1] else real_extract(self, text, *a, **kw),
    )
    assert cli.main(["corpus", src, "-o", str(out), "--workers", "1", "--batch-size", "2", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "quotes: an unexpected error (a bug, not bad data) on articles 'a2' to 'a3': RuntimeError: the parser crashed;"
    )
    assert err.count("Traceback (most recent call last)") == 1 and "in extract_many" in err
    assert err.endswith("quotes: 1 of 4 articles failed (E027 x1); their records carry the error\n")
    assert [r["error"] and r["error"]["code"] for r in _records(out)] == [None, None, None, "E027"]


def test_fail_fast_stops_at_the_first_bug_and_resume_goes_on(tmp_path, capsys, monkeypatch):
    src = _corpus(tmp_path / "in.jsonl", 6)
    out = tmp_path / "out.jsonl"
    args = ["corpus", src, "-o", str(out), "--workers", "1", "--batch-size", "2", "--no-progress"]
    with monkeypatch.context() as patched:
        _second_batch_breaks(patched)
        assert cli.main([*args, "--fail-fast"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "quotes: Traceback (most recent call last):" and "RuntimeError: the parser crashed" in err
    assert err[-1].startswith(
        "quotes: E035 --fail-fast: an unexpected error in the extractor (a bug, not bad data) stopped the run"
        " at articles 'a2' to 'a3': RuntimeError: the parser crashed;"
    )
    assert _ids(out) == ["a0", "a1"]
    assert cli.main([*args, "--resume", "--fail-fast"]) == 0
    assert _ids(out) == [f"a{i}" for i in range(6)]


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


def test_ctrl_c_while_workers_start_is_the_parents_alone(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 400)  # a run still going when Ctrl-C comes
    run = subprocess.Popen(
        _quotes(src, "-o", str(tmp_path / "out.jsonl"), "--workers", "2", "--batch-size", "1", "--no-progress"),
        env=_env(),
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=as_at_a_terminal,
    )
    try:
        deadline = time.monotonic() + 60
        # The workers are started (forked, or spawned and still importing).
        while time.monotonic() < deadline and len(_children(run.pid)) < 2:
            time.sleep(0.01)
        time.sleep(0.3)
        workers = _children(run.pid)
        os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        _, err = run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 130 and err == b""  # no traceback from any worker
    deadline = time.monotonic() + 10  # the resource tracker ends once it sees its parent gone
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
