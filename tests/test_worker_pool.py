"""Worker processes that outlive a worker's death, with real deaths: each
test's work function runs in spawned processes and kills them for real."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from functools import partial
from pathlib import Path

import pytest

from quotes.corpus.worker_pool import READ_AHEAD, Died, in_workers
from quotes.errors import QuotesError

# Work functions are made in the worker (pickled by name: module level).


def _square(value: int) -> int:
    return value * value


def _squares() -> object:
    return _square


def _dies_on(victim: int, how: str, once_marker: str | None, value: int) -> int:
    if value == victim and not (once_marker and os.path.exists(once_marker)):
        if once_marker:
            Path(once_marker).touch()
        if how == "SIGKILL":
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(3)
    return value * value


def _dying(victim: int, how: str = "SIGKILL", once_marker: str | None = None) -> object:
    return partial(_dies_on, victim, how, once_marker)


def _fails_to_load() -> object:
    raise QuotesError("E010", model="en_nothing", package="en-nothing")


def _dies_while_loading() -> object:
    os._exit(1)


def _buggy(value: int) -> int:
    raise KeyError(value)


def _bugs() -> object:
    return _buggy


def test_results_come_in_input_order_reading_a_bounded_way_ahead():
    taken = []

    def values():
        for value in range(9):
            taken.append(value)
            yield value

    results = in_workers(values(), 2, _squares)
    first = next(results)
    assert first == (0, 0)
    assert len(taken) <= READ_AHEAD * 2 + 1
    assert [first, *results] == [(v, v * v) for v in range(9)]
    assert multiprocessing.active_children() == []


def test_a_worker_killed_on_an_item_twice_gives_died_and_the_others_their_results(caplog):
    with caplog.at_level(logging.WARNING, logger="quotes"):
        results = list(in_workers(range(6), 2, partial(_dying, 3)))
    assert results == [(0, 0), (1, 1), (2, 4), (3, Died("killed by SIGKILL")), (4, 16), (5, 25)]
    # One line for the first death; the caller records the second.
    assert [r.getMessage() for r in caplog.records] == [
        "a worker process died (killed by SIGKILL) on 3: retrying in a new worker"
    ]


def test_an_item_whose_worker_died_once_is_retried_in_a_new_one(tmp_path):
    marker = str(tmp_path / "died-once")
    results = list(in_workers(range(4), 2, partial(_dying, 2, "exit", marker)))
    assert results == [(v, v * v) for v in range(4)]
    assert os.path.exists(marker)


def test_an_exit_code_names_how_the_worker_ended():
    assert list(in_workers([7], 1, partial(_dying, 7, "exit")))[0] == (7, Died("exit code 3"))


def test_a_pipeline_that_does_not_load_fails_the_run_with_its_own_error():
    with pytest.raises(QuotesError) as caught:
        list(in_workers(range(4), 2, _fails_to_load))
    assert caught.value.code == "E010" and "en_nothing" in str(caught.value)
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_while_loading_fails_the_run():
    with pytest.raises(QuotesError) as caught:
        list(in_workers(range(4), 2, _dies_while_loading))
    assert str(caught.value) == "E029 cannot run the corpus job: a worker process died while loading the pipeline (exit code 1)"


def test_a_bug_in_the_work_function_is_raised_with_its_traceback_logged(caplog):
    with pytest.raises(KeyError), caplog.at_level(logging.ERROR, logger="quotes"):
        list(in_workers(range(2), 1, _bugs))
    [logged] = caplog.records
    assert "a bug" in logged.getMessage() and "Traceback" in logged.getMessage() and "_buggy" in logged.getMessage()


def test_a_consumer_that_stops_ends_the_workers():
    results = in_workers(range(100), 2, _squares)
    assert next(results) == (0, 0)
    results.close()
    assert multiprocessing.active_children() == []
