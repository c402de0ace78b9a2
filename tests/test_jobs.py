"""Corpus jobs end to end: folders, part files, resume, a real SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from quotes import cli
from quotes.jobs import CorpusJob, is_folder_output, run_job
from quotes.sources import parts_of

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
