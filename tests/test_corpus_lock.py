"""One writer per corpus output (E031), and a failed write loses nothing (E026).

The lock: a sibling `OUT.lock` held with the OS's flock (filelock) for the
run; a second run on the same output stops at once, a run on another output
does not; the lock goes with the run's end, error, Ctrl-C or SIGKILL.
The full disk: a real one, as a file size limit (RLIMIT_FSIZE) on the CLI's
process, with SIGXFSZ ignored so the write fails with EFBIG.
"""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from interrupt import as_at_a_terminal

import quotes.corpus.jobs
from quotes.corpus.jobs import CorpusJob, run_job
from quotes.corpus.output import lock_path, output_lock, write_lines, write_records
from quotes.corpus.sources import parts_of
from quotes.errors import QuotesError
from quotes.formats.emit import to_json_line

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
ONE_BY_ONE = ("--workers", "1", "--batch-size", "1", "--no-progress")
# Long enough that a run is still writing while two others start and end (a
# record takes about 0.1 s), short enough to finish in seconds.
SLOW_RUN = 60


def _corpus(path: Path, n: int, first: int = 0) -> str:
    lines = [json.dumps({"id": f"a{i}", "text": SEED_TEXTS[i % 2]}) for i in range(first, first + n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _quotes(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotes", "corpus", *args]


def _lock_is_free(output: str) -> bool:
    """Whether another process could take the output's lock now."""
    probe = f"from filelock import FileLock; FileLock({lock_path(output)!r}, blocking=False).acquire()"
    return subprocess.run([sys.executable, "-c", probe], check=False, env=_env(), capture_output=True, timeout=60).returncode == 0


def _hold(output: str, folder: bool = False) -> subprocess.Popen:
    """Another process holding the output's lock (as a run does) until it is killed."""
    script = (
        "import sys, time\n"
        "from quotes.corpus.output import output_lock\n"
        f"with output_lock({output!r}, {folder!r}):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(600)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], env=_env(), stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder


def _wait_for_a_record(out: Path, run: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or b"\n" not in out.read_bytes()):
        assert run.poll() is None, "the run ended before writing"
        time.sleep(0.02)
    assert b"\n" in out.read_bytes()


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err


# --- the lock, through the Python API -------------------------------------------------


@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_a_job_stops_at_once_while_another_process_holds_the_output_and_a_killed_holder_blocks_nothing(tmp_path, folder):
    src = _corpus(tmp_path / "in.jsonl", 2)
    out = f"{tmp_path / 'out'}/" if folder else str(tmp_path / "out.jsonl")
    earlier = tmp_path / ("out/in.jsonl" if folder else "out.jsonl")
    earlier.parent.mkdir(exist_ok=True)
    earlier.write_bytes(b'{"id": "left by the other run"}\n')
    job = CorpusJob(parts=parts_of([src]), output=out, output_is_folder=folder)

    holder = _hold(out, folder)
    try:
        started = time.monotonic()
        with pytest.raises(QuotesError) as caught:
            run_job(job)
        assert time.monotonic() - started < 5, "it waited for the lock"
        assert caught.value.code == "E031"
        assert str(caught.value) == (
            f"E031 another run is writing {out} (it holds {lock_path(out)}): wait for it to end, or write elsewhere"
        )
        # Nothing touched: a run that does not resume would have emptied it.
        assert earlier.read_bytes() == b'{"id": "left by the other run"}\n'
        # Another output is not blocked.
        other = CorpusJob(parts=parts_of([src]), output=str(tmp_path / "other.jsonl"))
        assert run_job(other).records == 2
    finally:
        holder.kill()  # SIGKILL: no release, the lock file stays behind
        holder.wait()
    assert os.path.exists(lock_path(out))
    assert run_job(job).records == 2
    assert [r["id"] for r in _records(earlier)] == ["a0", "a1"]
    assert _lock_is_free(out)


def test_the_lock_is_released_when_a_job_ends_fails_or_is_interrupted(tmp_path, monkeypatch):
    src = _corpus(tmp_path / "in.jsonl", 2)
    out = str(tmp_path / "out.jsonl")
    run_job(CorpusJob(parts=parts_of([src]), output=out))
    assert _lock_is_free(out)

    with pytest.raises(QuotesError) as caught:
        run_job(CorpusJob(parts=parts_of([src]), output=out, model="en_no_such_model"))
    assert caught.value.code == "E010"
    assert _lock_is_free(out)

    def interrupted(sink, records):
        raise KeyboardInterrupt

    monkeypatch.setattr(quotes.corpus.jobs, "write_records", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_job(CorpusJob(parts=parts_of([src]), output=out))
    assert _lock_is_free(out)


def test_the_hold_is_reentrant_in_a_thread_but_not_shared_with_another_thread(tmp_path):
    out = str(tmp_path / "out.jsonl")
    seen: list[str] = []

    def other_thread() -> None:
        try:
            with output_lock(out):
                seen.append("entered")
        except QuotesError as exc:
            seen.append(exc.code)

    with output_lock(out):
        with output_lock(out):  # the CLI holds it, then run_job takes it again
            pass
        assert not _lock_is_free(out)  # the inner release kept the outer hold
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert seen == ["E031"]
    assert _lock_is_free(out)


def test_stdout_takes_no_lock_and_a_missing_folder_is_e026(tmp_path):
    with output_lock(None), output_lock("-"):
        pass
    with pytest.raises(QuotesError) as caught, output_lock(str(tmp_path / "no" / "such" / "out.jsonl")):
        pass
    assert caught.value.code == "E026"
    assert not (tmp_path / "no").exists()  # the lock made no folders


# --- the lock, through the CLI ------------------------------------------------------


def test_a_second_cli_run_on_the_same_output_stops_at_once_and_a_killed_run_blocks_nothing(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", SLOW_RUN)
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(_quotes(src, "-o", str(out), *ONE_BY_ONE), env=_env(), start_new_session=True)
    try:
        _wait_for_a_record(out, first)
        size = out.stat().st_size
        second = subprocess.run(
            _quotes(src, "-o", str(out), *ONE_BY_ONE), check=False, env=_env(), capture_output=True, text=True, timeout=120
        )
        assert first.poll() is None, "the first run ended: the second was not refused for it"
        assert second.returncode == 2 and second.stdout == ""
        assert _one_line(second.stderr).startswith(f"quotes: E031 another run is writing {out} (it holds ")
        assert out.stat().st_size >= size  # not emptied by the second run
        # A run on another output goes on beside it.
        small = _corpus(tmp_path / "small.jsonl", 2)
        other = subprocess.run(
            _quotes(small, "-o", str(tmp_path / "other.jsonl"), *ONE_BY_ONE), check=False, env=_env(), timeout=300
        )
        assert other.returncode == 0 and len(_records(tmp_path / "other.jsonl")) == 2
        assert first.poll() is None
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert os.path.exists(lock_path(str(out)))  # stale: nobody holds it
    resumed = subprocess.run(_quotes(src, "-o", str(out), "--resume", *ONE_BY_ONE), check=False, env=_env(), timeout=300)
    assert resumed.returncode == 0
    assert [r["id"] for r in _records(out)] == [f"a{i}" for i in range(SLOW_RUN)]


def test_ctrl_c_releases_the_lock_and_resume_finishes(tmp_path):
    src = _corpus(tmp_path / "in.jsonl", 20)
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen(
        _quotes(src, "-o", str(out), *ONE_BY_ONE), env=_env(), start_new_session=True, preexec_fn=as_at_a_terminal
    )
    try:
        _wait_for_a_record(out, run)
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=60) == 130
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert _lock_is_free(str(out))
    resumed = subprocess.run(_quotes(src, "-o", str(out), "--resume", *ONE_BY_ONE), check=False, env=_env(), timeout=300)
    assert resumed.returncode == 0
    assert [r["id"] for r in _records(out)] == [f"a{i}" for i in range(20)]


# --- a full disk, for real ------------------------------------------------------------


def _file_size_limit(limit: int):
    def set_limit() -> None:  # in the child, before exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return set_limit


def _run_limited(args: list[str], limit: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, check=False, env=_env(), preexec_fn=_file_size_limit(limit), capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple[str, bytes]:
    """Eight articles and what a clean run writes for them, in batches of 4."""
    folder = tmp_path_factory.mktemp("disk")
    src = _corpus(folder / "in.jsonl", 8)
    out = folder / "clean.jsonl"
    run_job(CorpusJob(parts=parts_of([src]), output=str(out), batch_size=4))
    return src, out.read_bytes()


@pytest.mark.parametrize("where", ["mid-line", "at-a-line-end"])
def test_a_full_disk_is_e026_keeps_whole_lines_and_resume_gives_the_clean_output(tmp_path, clean_run, where):
    src, clean = clean_run
    lines = clean.splitlines(keepends=True)
    assert len(lines) == 8
    if where == "mid-line":
        # In the 3rd line of the first batch: the write of that batch stops there.
        kept, limit = 2, len(lines[0]) + len(lines[1]) + len(lines[2]) // 2
    else:
        # Right after the 5th line: the second batch's write fails after it, with a whole line.
        kept, limit = 5, len(b"".join(lines[:5]))
    out = tmp_path / "out.jsonl"
    args = ["--workers", "1", "--batch-size", "4", "--no-progress"]

    failed = _run_limited(_quotes(src, "-o", str(out), *args), limit)
    assert failed.returncode == 2, failed.stderr
    assert failed.stdout == ""
    error = _one_line(failed.stderr)
    assert error.startswith(f"quotes: E026 cannot write {out}: {os.strerror(errno.EFBIG)}; ")
    assert "rerun with --resume" in error
    partial = out.read_bytes()
    assert partial.endswith(b"\n")  # no half-written last line
    assert [json.loads(line) for line in partial.splitlines()]  # every line parses
    assert partial == b"".join(lines[:kept])
    assert _lock_is_free(str(out))

    resumed = subprocess.run(_quotes(src, "-o", str(out), "--resume", *args), check=False, env=_env(), timeout=300)
    assert resumed.returncode == 0
    # (records carry no timing fields: they compare whole)
    assert _records(out) == [json.loads(line) for line in lines]
    assert out.read_bytes() == clean


def test_a_full_disk_in_a_folder_output_loses_the_failed_part_only(tmp_path):
    day1 = _corpus(tmp_path / "day1.jsonl", 2)
    day2 = _corpus(tmp_path / "day2.jsonl", 4, first=2)
    clean, out = tmp_path / "clean", tmp_path / "out"
    args = ["--workers", "1", "--batch-size", "1", "--no-progress"]
    run_job(CorpusJob(parts=parts_of([day1, day2]), output=f"{clean}/", output_is_folder=True, batch_size=1))
    first_part = (clean / "day1.jsonl").read_bytes()
    limit = len(first_part) + 10  # a file holds at most that: day1's fits, day2's does not

    failed = _run_limited(_quotes(day1, day2, "-o", f"{out}/", *args), limit)
    assert failed.returncode == 2, failed.stderr
    assert _one_line(failed.stderr).startswith(f"quotes: E026 cannot write {out / 'day2.jsonl'}: ")
    assert sorted(p.name for p in out.iterdir()) == ["day1.jsonl"]  # no .partial left
    assert (out / "day1.jsonl").read_bytes() == first_part

    resumed = subprocess.run(_quotes(day1, day2, "-o", f"{out}/", "--resume", *args), check=False, env=_env(), timeout=300)
    assert resumed.returncode == 0
    for name in ("day1.jsonl", "day2.jsonl"):
        assert (out / name).read_bytes() == (clean / name).read_bytes()


# --- write_lines: whole lines or E026 ---------------------------------------------------


class _FullDisk(io.FileIO):
    """A file on a disk with room for `room` more bytes."""

    def __init__(self, path: Path, room: int):
        super().__init__(path, "ab")
        self.room = room

    def write(self, data) -> int:
        if not self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = super().write(bytes(data[: self.room]))
        self.room -= written
        return written


def _record(article_id: str) -> dict:
    return {"id": article_id, "article": {}, "claims": [], "error": None}


def test_a_write_that_fails_mid_line_cuts_back_to_the_last_whole_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id":"earlier"}\n')
    line = len(to_json_line(_record("a"))) + 1
    # Two records of three fit, and half the third.
    with _FullDisk(out, room=2 * line + line // 2) as handle, pytest.raises(QuotesError) as caught:
        write_records(handle, [_record("a"), _record("b"), _record("c")])
    assert caught.value.code == "E026"
    assert str(caught.value) == (
        f"E026 cannot write {out}: No space left on device; what was written in full is kept: rerun with --resume to finish"
    )
    assert [r["id"] for r in _records(out)] == ["earlier", "a", "b"]
    assert out.read_bytes().endswith(b"\n")


def test_a_failed_write_to_standard_output_is_e026_and_a_closed_pipe_is_not(tmp_path):
    class Stream(io.BytesIO):
        name = "<stdout>"

        def __init__(self, error: OSError):
            super().__init__()
            self.error = error

        def write(self, data) -> int:
            raise self.error

    with pytest.raises(QuotesError) as caught:
        write_lines(Stream(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))), b"{}\n")
    assert str(caught.value) == "E026 cannot write standard output: No space left on device"
    with pytest.raises(BrokenPipeError):
        write_lines(Stream(BrokenPipeError(errno.EPIPE, "Broken pipe")), b"{}\n")
