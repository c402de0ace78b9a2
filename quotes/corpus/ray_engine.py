"""The Ray engine: a corpus job's parts on a Ray cluster (`--engine ray`).

A thin layer over the engine-agnostic core (`quotes.corpus.engine.BatchExtractor`,
lines in, records out):

- Ray Data reads each JSON Lines part (`ray_source.Chunks`) into rows of raw lines. A
  row holds the lines of exactly one batch of the local engine (cut by the
  same `BatchLimit`, blank lines riding along) and the number of its first
  line, so a bad line's error record names the same line as a local run's
  and every article is parsed in the same batch: the records are byte for
  byte those of `--engine local`.
- `map_batches` hands each row to an actor pool (`_ExtractActor`, `workers`
  actors): an actor loads the pipeline once and turns a row's lines into its
  records, already encoded as JSON lines.
- The driver takes the rows back in input order and writes each part with
  `part_writer`: a part's file appears, whole, once its last record is
  written. `--resume` skips the parts whose file is there.
- Errors travel in the rows, pickled: a model or rules that do not load
  (raised by the driver as they were raised), and a bug an actor met (its
  traceback logged by the driver, once per batch, as on the local engine;
  with `fail_fast` it ends the run).
- Ray's own output (its log lines, the raylet's notes, its warnings) stays
  out of the user's way unless `verbose` (`_quiet_ray`): a run Ray fails
  ends with one E029 line.

Memory stays bounded: the dataset runs as a stream, with Ray Data's
backpressure between the readers, the actors and the driver; no process
holds a whole part, let alone the corpus.

Without an address the run starts a private Ray on loopback (127.0.0.1, no
dashboard, `workers` CPUs) and stops it at the end. With one (`auto`, or
`HOST:6379`) it joins that cluster: the parts must then be readable at the
same absolute paths on every node, with quotes and its model installed on
each.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import re
import socket
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager, redirect_stderr, redirect_stdout
from itertools import groupby
from typing import Any

from ..api import model_name
from ..errors import QuotesError
from ..formats.emit import to_json_line
from ..formats.ingest import STDIN
from ..pipeline.blas import adopt_fast_blas
from ..rules.ruleset import RULES_ENV, RulesInvalid
from .engine import Batch, BatchExtractor, BatchLimit, with_test_kill
from .job import CorpusJob, JobSummary
from .output import part_done, part_writer, write_lines
from .progress import Progress
from .sources import Part, Task, tasks_from_lines
from .worker_pool import received_error, sendable_error

try:
    import pyarrow as pa
    import ray
    import ray._private.ray_constants
    import ray.data

    from .ray_source import Chunks
except ImportError as _missing:  # the `ray` extra is not installed: run_ray says so (E028)
    _RAY_MISSING: str | None = str(_missing)
else:
    _RAY_MISSING = None

# A row of the dataset (one batch of articles) is a block of its own, so that
# any actor can take it: a part of a few batches still keeps every actor busy.
_ONE_ROW_PER_BLOCK = 1
# Parts read at once. Reading is cheap next to parsing; this only keeps a run
# over a thousand parts from opening them all together.
_READERS = 2
_CONNECT_TIMEOUT = 10.0  # seconds
_LOOPBACK = "127.0.0.1"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_ray(job: CorpusJob, progress: Progress | None = None) -> JobSummary:
    """Run `job` on Ray: a file per part in the folder `job.output`."""
    if not job.output_is_folder or not job.output:
        raise QuotesError("E029", detail="--engine ray writes a file per input part: give -o a folder (out/)")
    for part in job.parts:
        if part.path == STDIN:
            raise QuotesError("E029", detail="the Ray engine reads files, not standard input: save it to a .jsonl file")
        if part.is_folder:
            raise QuotesError(
                "E029",
                detail=f"{part.path} is a folder; the Ray engine reads JSON Lines files only"
                " (use --engine local for folders of .txt files)",
            )
    if _RAY_MISSING is not None:
        raise QuotesError("E028", detail=_RAY_MISSING)
    summary = JobSummary()
    todo: list[Part] = []
    for part in job.parts:
        if job.resume and part_done(job.output, part.name):
            summary.skipped += 1
        else:
            todo.append(part)
    if not todo:
        return summary
    started = False
    with _quiet_ray(job.verbose):
        try:
            started = _connect(job)
            with closing(_stream(job, todo)) as rows:
                _write_parts(rows, todo, job.output, summary, progress)
        except (QuotesError, RulesInvalid):
            raise
        except Exception as exc:  # Ray failed: one line says how, as for any error
            more = "" if job.verbose else " (--verbose shows Ray's own messages)"
            raise QuotesError("E029", detail=f"Ray failed: {_first_line(exc)}{more}") from exc
        finally:
            if started:
                ray.shutdown()
    return summary


@contextmanager
def _quiet_ray(verbose: bool) -> Iterator[None]:
    """Ray's own output kept from the user for the run, unless `verbose`: the
    lines of its loggers (an error in Ray Data comes with two tracebacks),
    the raylet's notes its driver prints (a dead worker's, on standard
    output), its warnings and deprecations. The coded error line says what
    failed; Ray's log files keep the rest (and the workers' output: see
    `_connect`). Our own lines do not go through `sys.stderr` as it is
    while Ray runs: the progress bar and the `quotes` logger's handler hold
    the stream they were made with."""
    if verbose:
        yield
        return
    # Ray's console handlers made before the run hold the real stderr; those made during it, the sink.
    muted = _console_handlers()
    levels = [handler.level for handler in muted]
    for handler in muted:
        handler.setLevel(logging.CRITICAL + 1)
    try:
        with open(os.devnull, "w") as sink, redirect_stdout(sink), redirect_stderr(sink), warnings.catch_warnings():
            # Advice meant for Ray Data users ("only 1 input for 2 actors"...).
            warnings.filterwarnings("ignore", module=r"ray(\.|$)")
            yield
    finally:
        for handler, level in zip(muted, levels, strict=True):
            handler.setLevel(level)


def _console_handlers() -> list[logging.Handler]:
    """The handlers of Ray's loggers that write to a console, not to its log files."""
    loggers = [
        logger
        for name, logger in list(logging.root.manager.loggerDict.items())
        if (name == "ray" or name.startswith("ray.")) and isinstance(logger, logging.Logger)
    ]
    return [
        handler
        for logger in loggers
        for handler in logger.handlers
        if isinstance(handler, logging.StreamHandler) and not isinstance(handler, logging.FileHandler)
    ]


def _connect(job: CorpusJob) -> bool:
    """Join the cluster at `job.address`, or start a private one on this
    machine; True when this call started Ray (and must stop it). A Ray the
    caller already started in this process (`ray.init`) is used as it is."""
    if ray.is_initialized():
        return False
    # Workers' output stays in their log files; the driver logs errors only.
    quiet: dict[str, Any] = {} if job.verbose else {"log_to_driver": False, "logging_level": logging.ERROR}
    if job.address:
        _check_reachable(job.address)
        ray.init(address=job.address, **quiet)
    else:
        with _loopback():
            ray.init(num_cpus=job.workers, include_dashboard=False, _node_ip_address=_LOOPBACK, **quiet)
    return True


@contextmanager
def _loopback() -> Iterator[None]:
    """A private Ray that listens on 127.0.0.1 only. Asked for 127.0.0.1, Ray
    (2.60) takes the machine's outward address instead, and its servers
    listen on every interface, unless it believes clusters are off (as on
    macOS and Windows): so it believes that while it starts."""
    constants = ray._private.ray_constants
    enabled = constants.ENABLE_RAY_CLUSTER
    constants.ENABLE_RAY_CLUSTER = False
    try:
        yield
    finally:
        constants.ENABLE_RAY_CLUSTER = enabled


def _check_reachable(address: str) -> None:
    """Fail at once on a HOST:PORT nobody listens on: Ray itself would retry
    for minutes. ("auto" needs no check: Ray fails at once without a cluster.)"""
    match = re.fullmatch(r"(?:ray://)?\[?([^\]]+?)\]?:(\d+)", address)
    if not match:
        return
    try:
        socket.create_connection((match[1], int(match[2])), timeout=_CONNECT_TIMEOUT).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise QuotesError(
            "E029", detail=f"no Ray cluster answers at {address} ({reason}): start one with `ray start --head`"
        ) from None


def _stream(job: CorpusJob, parts: Sequence[Part]) -> Generator[dict[str, Any], None, None]:
    """A row per batch of `parts`, in input order: its records as JSON lines."""
    with warnings.catch_warnings():
        # Copying a DataContext trips Ray's warnings on its deprecated fields;
        # and Ray 2.60 (the version quotes-attribution[ray] pins) deprecates `max_restarts`
        # in map_batches's remote arguments but offers no other way to set it.
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ray.data.DataContext.get_current().copy()
        context.execution_options.preserve_order = True
        context.target_max_block_size = _ONE_ROW_PER_BLOCK
        context.enable_progress_bars = False
        context.enable_auto_log_stats = False
        context.print_on_execution_start = False
        with ray.data.DataContext.current(context):
            dataset = ray.data.read_datasource(
                Chunks([os.path.abspath(p.path) for p in parts], BatchLimit(job.batch_size, job.batch_characters)),
                concurrency=min(_READERS, len(parts)),
                num_cpus=0,  # the actors take the CPUs; reading needs next to none
            ).map_batches(
                _actor_class(job),
                batch_size=1,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=job.workers),
                num_cpus=1,
                # A dead actor fails the run, as a dead worker process does on the
                # local engine: the finished parts stay, --resume does the rest.
                # (Restartable actors also make Ray warn on every run that their
                # constructor arguments live in the object store.)
                max_restarts=0,
            )
    # Block by block as each comes (iter_rows would wait for the next block
    # before handing out this one's row).
    for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow", prefetch_batches=0):
        yield from batch.to_pylist()


def _write_parts(
    rows: Iterable[dict[str, Any]],
    parts: Sequence[Part],
    folder: str,
    summary: JobSummary,
    progress: Progress | None,
) -> None:
    """Each part's records into its file, part after part; a part without
    articles gets an empty file, as on the local engine."""
    written = 0
    for index, group in groupby(rows, key=lambda row: row["part"]):
        if index < written:
            raise QuotesError("E029", detail=f"Ray returned part {parts[index].name} out of order")
        for empty in parts[written:index]:
            with part_writer(folder, empty.name):
                pass
        with part_writer(folder, parts[index].name) as sink:
            for seq, row in enumerate(group):
                if row["failure"] is not None:
                    raise received_error(*pickle.loads(row["failure"]))
                if row["bug"] is not None:
                    pickle.loads(row["bug"]).report(row["stopped"])
                if row["seq"] != seq:
                    raise QuotesError("E029", detail=f"Ray returned part {parts[index].name} out of order")
                _write_row(sink, row, summary, progress)
        written = index + 1
    for empty in parts[written:]:
        with part_writer(folder, empty.name):
            pass


def _write_row(sink: Any, row: dict[str, Any], summary: JobSummary, progress: Progress | None) -> None:
    """A row's records (encoded by the actor as `output.write_records` would)."""
    write_lines(sink, row["lines"])
    for code, words in zip(row["errors"], row["words"], strict=True):
        record = {"error": {"code": code} if code else None}
        summary.count(record)
        if progress is not None:
            progress.wrote(record, words)


class _ExtractActor:
    """An actor of the pool: the pipeline loaded once, rows of raw lines in,
    their records out (as JSON lines, with what the driver counts).

    A model or rules that fail to load do not kill the actor (Ray would only
    report that it died): each row comes back with the error, which the
    driver raises as the local engine would (QuotesError, RulesInvalid)."""

    def __init__(self, model: str | None, rules_dirs: Sequence[str], min_confidence: float = 0.0, fail_fast: bool = False):
        self.extract: Callable[[list[Task]], Batch] | None = None
        self.failure: bytes | None = None
        try:
            adopt_fast_blas()  # an actor's process is ours, as a local worker's: its BLAS policy, once
            self.extract = with_test_kill(BatchExtractor(model, rules_dirs, min_confidence, fail_fast).extract)
        except Exception as exc:  # noqa: BLE001  (E010, broken rules...: the driver raises it)
            self.failure = pickle.dumps(sendable_error(exc))

    def __call__(self, batch: pa.Table) -> pa.Table:
        out: dict[str, list[Any]] = {name: [] for name in _OUTPUT.names}
        for row in batch.to_pylist():
            failure = row["failure"] or self.failure
            tasks = [] if failure else list(tasks_from_lines(io.BytesIO(row["raw"]), first=row["first"]))
            done = self.extract(tasks) if self.extract is not None and tasks else Batch([])
            records = done.records
            out["part"].append(row["part"])
            out["seq"].append(row["seq"])
            # The driver logs a bug: this process's log goes to Ray's files.
            out["bug"].append(pickle.dumps(done.bug) if done.bug else None)
            out["stopped"].append(done.stopped)
            out["lines"].append("".join(to_json_line(r) + "\n" for r in records).encode("utf-8"))
            out["errors"].append([r["error"]["code"] if r.get("error") else None for r in records])
            out["words"].append([len(t.article.text.split()) if t.article else 0 for t in tasks])
            out["failure"].append(failure)
        return pa.table(out, schema=_OUTPUT)


def _actor_class(job: CorpusJob) -> type:
    """`_ExtractActor` for the job's model and rules as this process sees
    them (QUOTES_MODEL and QUOTES_RULES included: a cluster's workers have an
    environment of their own), paths made absolute. They travel with the
    class: Ray Data would park constructor arguments in the object store,
    and warn about it."""
    model = model_name(job.model)
    if (os.sep in model or model.startswith(".")) and os.path.exists(model):
        model = os.path.abspath(model)  # a pipeline saved in a folder, not a package name
    rules_dirs = tuple(os.path.abspath(d) for d in job.rules_dirs)
    env_dirs = os.pathsep.join(os.path.abspath(d) for d in os.environ.get(RULES_ENV, "").split(os.pathsep) if d)
    min_confidence, fail_fast = job.min_confidence, job.fail_fast

    class ExtractActor(_ExtractActor):
        def __init__(self) -> None:
            os.environ[RULES_ENV] = env_dirs
            super().__init__(model, rules_dirs, min_confidence, fail_fast)

    return ExtractActor


def _first_line(exc: BaseException) -> str:
    lines = _ANSI.sub("", str(exc)).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"


if _RAY_MISSING is None:
    _OUTPUT = pa.schema(
        [
            ("part", pa.int64()),
            ("seq", pa.int64()),
            ("lines", pa.binary()),  # the records' JSON lines, UTF-8
            ("errors", pa.list_(pa.string())),
            ("words", pa.list_(pa.int64())),
            ("bug", pa.binary()),  # the pickled `Bug` the batch met, if any
            ("stopped", pa.bool_()),  # fail_fast: the bug ends the run
            # `sendable_error`, pickled: the model or rules failed to load, or the part to be read.
            ("failure", pa.binary()),
        ]
    )
