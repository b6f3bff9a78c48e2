"""Work shared with a helper process: the same results, in job order, whoever did each job."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

import pytest

from papernotes import two_processes
from papernotes.loader import parse_files, walk_vault
from papernotes.two_processes import CHUNK, map_in_two

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate_vault import PRESETS, generate  # noqa: E402

HERE = "tests.test_two_processes"


def double_where(job: int) -> tuple[int, int]:
    """A job's answer and the process that gave it."""
    return job * 2, os.getpid()


def fails_in_helper(job: tuple[int, int]) -> int:
    parent, value = job
    if os.getpid() != parent:
        raise RuntimeError("the helper fails")
    return value + 1


def test_results_keep_job_order_and_the_helper_does_the_last_chunks():
    jobs = list(range(100))
    results = map_in_two(f"{HERE}:double_where", jobs, double_where)
    assert [value for value, _ in results] == [job * 2 for job in jobs]
    pids = [pid for _, pid in results]
    # the helper is given the last two chunks before this process starts on the first
    assert all(pid != os.getpid() for pid in pids[-2 * CHUNK:])
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 2


def test_what_the_helper_does_not_answer_is_done_here(caplog):
    jobs = [(os.getpid(), value) for value in range(40)]
    with caplog.at_level(logging.WARNING, logger="papernotes.two_processes"):
        assert map_in_two(f"{HERE}:fails_in_helper", jobs, fails_in_helper) == [value + 1 for value in range(40)]
    # the helper's failure is not silent: its traceback's last line is logged
    [record] = caplog.records
    assert "stopped with exit code 1" in record.getMessage()
    assert record.getMessage().rstrip().endswith("RuntimeError: the helper fails")


def test_a_helper_that_succeeds_logs_nothing(caplog):
    with caplog.at_level(logging.DEBUG, logger="papernotes.two_processes"):
        map_in_two(f"{HERE}:double_where", list(range(40)), double_where)
    assert caplog.records == []


def test_a_helper_that_cannot_import_its_function_changes_nothing():
    assert map_in_two(f"{HERE}:no_such_function", [1, 2, 3] * 10, lambda job: job + 1) == [2, 3, 4] * 10


def test_one_process_when_the_environment_asks(monkeypatch):
    monkeypatch.setenv(two_processes.HELPER_ENV, "1")
    assert not two_processes.helper_wanted()
    monkeypatch.setenv(two_processes.HELPER_ENV, "0")
    assert two_processes.helper_wanted() == (len(os.sched_getaffinity(0)) > 1)


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no helper is started")
def test_notes_parsed_in_two_processes_equal_notes_parsed_in_one(tmp_path):
    generate(tmp_path, 60, 3, PRESETS["realistic"])
    files, _ = walk_vault(tmp_path)
    # every other note read as a Logseq outline: the flag reaches the helper too
    jobs = [(file.key, str(file.path), None, index % 2 == 0)
            for index, file in enumerate(file for file in files if file.key.endswith(".md"))]
    assert len(jobs) > 4 * CHUNK
    one = parse_files(jobs, helper_min=len(jobs) + 1)
    two = parse_files(jobs, helper_min=1)
    assert [result.note for result in two] == [result.note for result in one]
    assert [result.problems for result in two] == [result.problems for result in one]
    assert [result.digest for result in two] == [result.digest for result in one]
    assert all(result.parsed for result in two) and all(result.note is not None for result in two)
    # the digest a cache holds: an unchanged file is read but not parsed again
    known = [(key, path, result.digest, outline) for (key, path, _, outline), result in zip(jobs, one, strict=True)]
    again = parse_files(known, helper_min=1)
    assert [(result.parsed, result.note) for result in again] == [(False, None)] * len(jobs)


def test_the_helper_answers_each_chunk_and_stops_where_its_input_ends():
    inbox, outbox = io.BytesIO(), io.BytesIO()
    two_processes._write(inbox, (4, [1, 2]))
    inbox.seek(0)
    two_processes.serve(lambda job: job * 10, inbox, outbox)  # no `None`: the pipe just ends
    outbox.seek(0)
    assert two_processes._read(outbox) == (4, [10, 20])
    with pytest.raises(EOFError):
        two_processes._read(outbox)
    with pytest.raises(EOFError):  # a frame cut short: the helper died while writing it
        two_processes._read(io.BytesIO(outbox.getvalue()[:12]))


def slow_double_where(job: int) -> tuple[int, int]:
    """`double_where`, slow enough (10 ms) that this process asks for answers the helper has not reached."""
    import time

    time.sleep(0.01)
    return double_where(job)


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no helper is started")
def test_ahead_gives_the_helpers_answers_in_any_order_and_does_the_ungiven_jobs_here():
    jobs = list(range(60))
    ahead = two_processes.Ahead(f"{HERE}:slow_double_where", jobs, slow_double_where)
    try:
        # the last job first: the helper, on the first ones, was not given it, so it is done here
        last = ahead.result(59)
        assert last == (118, os.getpid())
        assert ahead.done_here == 1
        # the first job: given at the start, so its answer is waited for, never made here
        assert ahead.result(0) == (0, ahead.helper.pid)
        answers = [ahead.result(job) for job in jobs]
        assert [value for value, _ in answers] == [job * 2 for job in jobs]
        pids = {pid for _, pid in answers}
        assert pids == {os.getpid(), ahead.helper.pid}
        assert ahead.result(1000) == (2000, os.getpid())  # no job of the list: done here
    finally:
        ahead.close()
    assert ahead.helper is None


def test_ahead_with_a_failing_helper_does_every_job_here(caplog):
    jobs = [(os.getpid(), value) for value in range(10)]
    ahead = two_processes.Ahead(f"{HERE}:fails_in_helper", jobs, fails_in_helper)
    with caplog.at_level(logging.WARNING, logger="papernotes.two_processes"):
        assert [ahead.result(job) for job in jobs] == [value + 1 for value in range(10)]
        ahead.close()
    assert ahead.done_here == 10
    [record] = caplog.records
    assert record.getMessage().rstrip().endswith("RuntimeError: the helper fails")


def test_ahead_closed_before_its_jobs_are_asked_for_stops_its_helper():
    ahead = two_processes.Ahead(f"{HERE}:slow_double_where", list(range(200)), slow_double_where)
    helper = ahead.helper
    assert helper is not None
    assert ahead.result(0)[1] == helper.pid  # the helper is at work
    ahead.close()  # it finishes the jobs it holds, reads the end of its input and ends
    assert helper.returncode == 0
    assert not ahead.reader.is_alive()
