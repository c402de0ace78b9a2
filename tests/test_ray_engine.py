"""The Ray engine (`quotes corpus --engine ray`): the same files as the local
engine, part by part, on a 2-worker Ray started once for the module.

Skipped when Ray (the `quotes-attribution[ray]` extra) is not installed. Starting Ray
and its actors takes seconds, so the tests that need it share one Ray.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from quotes.cli import main as cli
from quotes.corpus.engine import TEST_KILL_ENV, BatchLimit, Bug
from quotes.corpus.jobs import CorpusJob, JobSummary, run_job
from quotes.corpus.progress import log_to_stderr
from quotes.corpus.sources import Part, parts_of, tasks_from_lines
from quotes.corpus.worker_pool import received_error, sendable_error
from quotes.errors import Location, QuotesError
from quotes.rules.ruleset import RulesInvalid

ray = pytest.importorskip("ray")
ray_engine = pytest.importorskip("quotes.corpus.ray_engine")
ray_source = pytest.importorskip("quotes.corpus.ray_source")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Two articles per batch: each part spans several rows, so both actors work
# and line numbers are counted across rows.
BATCH = 2

HARBOUR = (
    "Dock workers at the port of Rotterdam will strike for 48 hours from Thursday, their union said on Tuesday.\n\n"
    "\u201cWe have waited eight months for a fair offer,\u201d said Niek Stam, a spokesman for the FNV union. "
    "\u201cThe employers left us no choice.\u201d\n\n"
    "The port authority said it expected delays to container traffic but that ferries would run as normal."
)
DROUGHT = (
    "Farmers in southern Spain face a third year of water restrictions, the regional government warned on Monday.\n\n"
    "Agriculture minister Luis Planas told reporters that emergency aid would reach growers within weeks. "
    "\u201cNobody will be left behind,\u201d he said.\n\n"
    "According to the national weather agency, reservoirs in Andalusia stand at 23 percent of capacity."
)
COUNCIL = (
    "The city council approved the new cycling lanes by 31 votes to 12 late on Wednesday.\n\n"
    "Opposition leader Maria Keller called the plan \u201ca gift to a few commuters\u201d and said her party "
    "would challenge it in court. The mayor's office declined to comment."
)


def _line(obj: object) -> str:
    return (obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)) + "\n"


def _write_part(path: Path, *objects: object) -> str:
    path.write_text("".join(_line(o) for o in objects), encoding="utf-8")
    return str(path)


def _seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Part]:
    """Two JSON Lines parts of real articles, with blank lines, a bad line
    and an article without text among them, and an empty third part."""
    folder = tmp_path_factory.mktemp("parts")
    wire = _write_part(
        folder / "wire.jsonl",
        {"id": "seed-000", "outlet": "South China Morning Post", "text": _seed("000")},
        {"id": "harbour", "outlet": "Reuters", "text": HARBOUR},
        "",
        "",
        {"id": "drought", "text": DROUGHT},
        "[1, 2, 3]",
        "",
        {"id": "council", "outlet": None, "text": COUNCIL},
    )
    desk = _write_part(
        folder / "desk.jsonl",
        {"id": "seed-002", "text": _seed("002")},
        "{not json",
        {"id": "no-text", "outlet": "AP"},
        {"id": "harbour-2", "outlet": "Reuters", "text": HARBOUR},
    )
    empty = _write_part(folder / "empty.jsonl")
    return parts_of([wire, desk, empty])


@pytest.fixture(scope="module")
def local_files(inputs: list[Part], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What the local engine writes for each part, one process."""
    out = tmp_path_factory.mktemp("local")
    job = CorpusJob(parts=inputs, output=f"{out}/", output_is_folder=True, workers=1, batch_size=BATCH)
    run_job(job)
    files = {p.name: (out / f"{p.name}.jsonl").read_bytes() for p in inputs}
    assert b'"line 6: not a JSON object: it is a list"' in files["wire"]
    assert b'"code":"E021"' in files["desk"] and files["empty"] == b""
    return files


@pytest.fixture(scope="module")
def local_ray():
    """A private 2-CPU Ray on loopback, as `run_ray` starts one, shared by the
    module's tests (`run_ray` uses a Ray already started in its process)."""
    assert not ray.is_initialized()
    started = ray_engine._connect(CorpusJob(parts=[], workers=2))
    assert started and ray.is_initialized()
    # On loopback only, with the CPUs asked for.
    assert [node["NodeManagerAddress"] for node in ray.nodes()] == ["127.0.0.1"]
    assert ray.get_runtime_context().gcs_address.startswith("127.0.0.1:")
    assert ray.cluster_resources()["CPU"] == 2
    yield
    ray.shutdown()


def _ray_job(parts: list[Part], out: Path, **options: object) -> CorpusJob:
    return CorpusJob(parts=parts, output=f"{out}/", output_is_folder=True, workers=2, batch_size=BATCH, engine="ray", **options)


def test_ray_writes_the_local_engines_files_and_indexes_them(inputs, local_files, local_ray, tmp_path):
    out, database = tmp_path / "out", tmp_path / "claims.db"
    summary = run_job(_ray_job(inputs, out, database=str(database)))
    assert sorted(os.listdir(out)) == ["desk.jsonl", "empty.jsonl", "wire.jsonl"]
    for part in inputs:
        assert (out / f"{part.name}.jsonl").read_bytes() == local_files[part.name], part.name
    assert summary.records == 9 and summary.skipped == 0
    assert summary.errors == {"E020": 2, "E021": 1}
    records = [json.loads(line) for data in local_files.values() for line in data.splitlines()]
    extracted = [r for r in records if r["error"] is None]
    with closing(sqlite3.connect(database)) as conn:
        articles = {row[0] for row in conn.execute("SELECT id FROM articles")}
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert articles == {r["id"] for r in extracted}
    assert claims == sum(len(r["claims"]) for r in extracted) > 0


def test_resume_skips_finished_parts_from_the_command_line(inputs, local_files, local_ray, tmp_path, capfd):
    done = tmp_path / "wire.jsonl"
    done.write_bytes(b"left by an earlier run\n")
    os.utime(done, (1_000_000_000, 1_000_000_000))
    args = ["corpus"] + [p.path for p in inputs] + ["-o", f"{tmp_path}/", "--engine", "ray", "--workers", "2"]
    code = cli.main([*args, "--batch-size", str(BATCH), "--resume", "--no-progress"])
    err = capfd.readouterr().err
    assert code == cli.EXIT_FAILED, err  # desk.jsonl has bad lines
    assert done.read_bytes() == b"left by an earlier run\n" and done.stat().st_mtime == 1_000_000_000
    assert (tmp_path / "desk.jsonl").read_bytes() == local_files["desk"]
    assert (tmp_path / "empty.jsonl").read_bytes() == b""
    assert not list(tmp_path.glob("*.partial"))
    # One line on stderr, as on the local engine: no word from Ray.
    assert len(err.splitlines()) == 1 and "2 of 4 articles failed (E020 x1, E021 x1)" in err, err


def test_broken_rules_fail_as_on_the_local_engine(inputs, local_ray, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("verbs: [\n", encoding="utf-8")
    with pytest.raises(RulesInvalid) as failure:
        run_job(_ray_job(inputs[:1], tmp_path / "out", rules_dirs=[str(rules)]))
    assert all(p.code == "E100" for p in failure.value.problems)
    assert not (tmp_path / "out" / "wire.jsonl").exists()


def test_a_part_the_workers_cannot_read_fails_the_run(inputs, local_ray, tmp_path):
    # run_job checks that the driver can open every part; on a cluster a
    # node may still not see it (not at the same path).
    missing = Part(str(tmp_path / "elsewhere.jsonl"), "elsewhere")
    with pytest.raises(QuotesError) as failure:
        ray_engine.run_ray(_ray_job([inputs[0], missing], tmp_path / "out"))
    assert failure.value.code == "E029"
    assert f"cannot read {missing.path}: no such file" in str(failure.value)
    assert "the same path" in str(failure.value)
    assert (tmp_path / "out" / "wire.jsonl").is_file() and not (tmp_path / "out" / "elsewhere.jsonl").exists()


def test_a_part_is_read_in_rows_of_one_local_batch(tmp_path):
    # A row ends at its batch's last article; blank lines ride along in the
    # rows, so each row's first line number is the one the local engine counts.
    path = _write_part(tmp_path / "p.jsonl", "a", "", "b", "c", "", "", "d", "e", "")
    rows = [t.to_pylist()[0] for t in ray_source.read_chunks(7, path, BatchLimit(articles=2))]
    assert [(r["part"], r["seq"], r["first"], r["raw"]) for r in rows] == [
        (7, 0, 1, b"a\n\nb\n"),
        (7, 1, 4, b"c\n\n\nd\n"),
        (7, 2, 8, b"e\n\n"),
    ]
    assert not any(r["failure"] for r in rows)


def test_a_row_ends_where_a_local_batch_ends_by_characters(tmp_path):
    articles = [
        {"id": f"{name}-{n}", "text": text} for n in range(3) for name, text in [("drought", DROUGHT), ("council", COUNCIL)]
    ]
    path = _write_part(tmp_path / "p.jsonl", articles[0], "", "{not json", *articles[1:])
    limit = BatchLimit(articles=32, characters=len(DROUGHT) + len(COUNCIL))
    with open(path, "rb") as lines:
        local = [[t.id for t in batch] for batch in limit.batches(tasks_from_lines(lines))]
    rows = [t.to_pylist()[0] for t in ray_source.read_chunks(0, path, limit)]
    read = [[t.id for t in tasks_from_lines(io.BytesIO(r["raw"]), r["first"])] for r in rows]
    assert read == local
    assert local == [["drought-0", None, "council-0"], ["drought-1", "council-1"], ["drought-2", "council-2"]]


def test_errors_from_an_actor_come_back_as_they_were_raised():
    bad = QuotesError("E100", Location("rules/x.yaml", 2, 1), detail="expected a node")
    sent = pickle.dumps(sendable_error(RulesInvalid([bad, QuotesError("E108", path="r/")])))
    again = received_error(*pickle.loads(sent))
    assert isinstance(again, RulesInvalid)
    assert [str(p) for p in again.problems] == [
        "E100 rules/x.yaml:2:1 YAML syntax error: expected a node",
        "E108 the rules folder r/ does not exist",
    ]
    assert [p.code for p in again.problems] == ["E100", "E108"] and again.problems[0].location.line == 2


def _row(bug: Bug | None, stopped: bool = False) -> dict[str, object]:
    record = b'{"id":"a","article":null,"claims":[],"error":null}\n'
    failure = None
    return {
        "part": 0,
        "seq": 0,
        "lines": record,
        "errors": [None],
        "words": [3],
        "failure": failure,
        "bug": bug and pickle.dumps(bug),
        "stopped": stopped,
    }


@pytest.mark.parametrize("stopped", [False, True], ids=["logged", "fail-fast"])
def test_a_bug_in_an_actor_is_told_by_the_driver(tmp_path, caplog, stopped):
    bug = Bug("articles 'a' to 'b'", "KeyError: 'x'", "Traceback (most recent call last):\n  ...\nKeyError: 'x'")
    part = Part(str(tmp_path / "p.jsonl"), "p")
    with caplog.at_level(logging.ERROR, logger="quotes"):
        if stopped:
            with pytest.raises(QuotesError) as caught:
                ray_engine._write_parts([_row(bug, stopped)], [part], str(tmp_path / "out"), JobSummary(), None)
            assert caught.value.code == "E035"
        else:
            ray_engine._write_parts([_row(bug)], [part], str(tmp_path / "out"), JobSummary(), None)
    [logged] = caplog.records
    assert "KeyError: 'x'" in logged.getMessage() and "Traceback" in logged.getMessage()
    assert (tmp_path / "out" / "p.jsonl").exists() != stopped


@pytest.mark.parametrize("verbose", [False, True])
def test_rays_own_output_stays_out_unless_verbose(capfd, verbose):
    console = logging.StreamHandler(sys.stderr)  # as Ray Data's own: made before the run, on the real stderr
    logging.getLogger("ray.data").addHandler(console)
    try:
        with log_to_stderr(), ray_engine._quiet_ray(verbose):
            logging.getLogger("ray.data.exceptions").error("Full stack trace:")
            print("(raylet) A worker died")  # as Ray's driver prints the raylet's notes
            logging.getLogger("quotes").warning("ours")
    finally:
        logging.getLogger("ray.data").removeHandler(console)
    out, err = capfd.readouterr()
    assert "quotes: ours" in err
    assert ("Full stack trace" in err, "A worker died" in out) == (verbose, verbose)
    assert console.level == logging.NOTSET  # as it was


def test_a_dead_actor_is_one_coded_line(inputs, tmp_path):
    # Its own private Ray, in a process of its own: the actors inherit the environment that kills one.
    env = dict(os.environ, **{TEST_KILL_ENV: "harbour"})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SEEDS.parent), env.get("PYTHONPATH")]))
    args = ["corpus", inputs[0].path, "-o", f"{tmp_path}/", "--engine", "ray", "--workers", "2", "--no-progress"]
    done = subprocess.run([sys.executable, "-m", "quotes", *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "quotes: E029 cannot run the corpus job: Ray failed: ActorDiedError: The actor died unexpectedly before"
        " finishing this task. (--verbose shows Ray's own messages)"
    ], done.stderr


def test_all_parts_done_needs_no_ray(inputs, tmp_path, monkeypatch):
    for part in inputs:
        (tmp_path / f"{part.name}.jsonl").write_bytes(b"")
    monkeypatch.setattr(ray_engine, "_connect", lambda job: pytest.fail("started Ray for nothing"))
    assert run_job(_ray_job(inputs, tmp_path, resume=True)).skipped == 3


def test_a_folder_part_is_refused(inputs, tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(HARBOUR, encoding="utf-8")
    with pytest.raises(QuotesError) as failure:
        run_job(_ray_job([inputs[0], Part(str(folder), "texts")], tmp_path / "out"))
    assert failure.value.code == "E029"
    assert "is a folder; the Ray engine reads JSON Lines files only" in str(failure.value)
    assert not (tmp_path / "out").exists()


def test_standard_input_is_refused(tmp_path):
    with pytest.raises(QuotesError) as failure:
        run_job(_ray_job([Part("-", "stdin")], tmp_path))
    assert failure.value.code == "E029" and "standard input" in str(failure.value)


def test_without_ray_says_how_to_install_it(inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(ray_engine, "ray", None)
    monkeypatch.setattr(ray_engine, "_RAY_MISSING", "No module named 'ray'", raising=False)
    with pytest.raises(QuotesError) as failure:
        run_job(_ray_job(inputs, tmp_path))
    assert failure.value.code == "E028"
    assert "pip install 'quotes-attribution[ray]' (No module named 'ray')" in str(failure.value)
