"""Map a function over many jobs in this process and one helper process, results in job order.

The helper is a fresh interpreter (`python -m papernotes.two_processes MODULE:FUNCTION`) started
with this process's `papernotes` first on its path, so it runs the same code. Work is shared from
both ends of the job list: this process takes chunks from the front, the helper from the back,
so a slow start or a busy core on either side costs at most the helper's last chunk. A reader
thread takes the helper's answers as they come (its writes never wait for this process to be
between chunks) and hands it the next chunk. Whatever the helper does not answer (it could not
start, died, or raised) is done here at the end: the results are the same either way.

Frames on both pipes: an 8-byte big-endian length, then a pickle. This process sends
`(start, jobs)` or `None` (no more work); the helper answers `(start, results)`.

`Ahead` is the other way to use a helper: jobs known before their answers are needed (a build's
References, known once the graph is built, asked for page by page) are done by the helper in
their order while this process does other work; an answer is waited for only when the helper
is on it, and a job it has not been given yet is done here when it is asked for.
"""

from __future__ import annotations

import importlib
import logging
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import IO, Any

CHUNK = 8  # jobs per message: small enough to share evenly, large enough to cost little to send
HELPER_ENV = "PAPERNOTES_ONE_PROCESS"  # "1": never start the helper (one core, as before)
LAST_WORDS = 2000  # bytes of a failed helper's stderr that are logged

log = logging.getLogger(__name__)


def _write(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _read(stream: IO[bytes]) -> Any:
    """The next message, or `EOFError` when the other side has closed its end."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError
    size = int.from_bytes(head, "big")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def function_named(name: str) -> Callable[[Any], Any]:
    """The function "module:name" names (its module imported on first use)."""
    module, _, attribute = name.partition(":")
    function: Callable[[Any], Any] = getattr(importlib.import_module(module), attribute)
    return function


def helper_wanted() -> bool:
    """A second core to use, and the environment does not ask for one process."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and os.environ.get(HELPER_ENV, "") in ("", "0")


class _Shared:
    """The job list shared from both ends, and the answers collected so far."""

    def __init__(self, jobs: Sequence[Any]) -> None:
        self.jobs = jobs
        self.front, self.back = 0, len(jobs)
        self.results: list[Any] = [None] * len(jobs)
        self.answered = [False] * len(jobs)
        self.lock = threading.Lock()

    def take_front(self) -> tuple[int, int] | None:
        with self.lock:
            if self.front >= self.back:
                return None
            start = self.front
            self.front = min(self.back, start + CHUNK)
            return start, self.front

    def take_back(self) -> tuple[int, int] | None:
        with self.lock:
            if self.front >= self.back:
                return None
            end = self.back
            self.back = max(self.front, end - CHUNK)
            return self.back, end

    def answer(self, start: int, results: Sequence[Any]) -> None:
        for offset, result in enumerate(results):
            self.results[start + offset] = result
            self.answered[start + offset] = True


def _start_helper(function: str, errors: IO[bytes]) -> subprocess.Popen[bytes] | None:
    import papernotes  # its folder goes first on the helper's path: the same code as here

    source = str(Path(papernotes.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])))
    try:
        return subprocess.Popen([sys.executable, "-m", "papernotes.two_processes", function],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=env)
    except OSError:  # pragma: no cover  (no way to start an interpreter: the work is done here)
        return None


def _give(helper: subprocess.Popen[bytes], shared: _Shared) -> bool:
    """Hand the helper the next chunk from the back; False when none is left."""
    assert helper.stdin is not None
    span = shared.take_back()
    if span is None:
        return False
    _write(helper.stdin, (span[0], shared.jobs[span[0]:span[1]]))
    return True


def _feed(helper: subprocess.Popen[bytes], shared: _Shared, waiting: int) -> None:
    """The reader thread: take each answer, hand the helper its next chunk, stop it at the end."""
    assert helper.stdin is not None and helper.stdout is not None
    try:
        while waiting:
            start, results = _read(helper.stdout)
            with shared.lock:
                shared.answer(start, results)
            waiting += _give(helper, shared) - 1
        _write(helper.stdin, None)
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        pass  # the helper is gone (or its pipes were closed): what it did not answer is done by the caller


def map_in_two(function: str, jobs: Sequence[Any], run: Callable[[Any], Any]) -> list[Any]:
    """`[run(job) for job in jobs]`, shared with a helper process that runs `function`
    ("module:name", the same function as `run`); jobs and results must pickle."""
    shared = _Shared(jobs)
    with tempfile.TemporaryFile() as errors:
        helper = _start_helper(function, errors)
        _share(helper, shared, run)
        if helper is not None and helper.returncode:
            _report_failure(function, helper.returncode, errors)
    for index, done in enumerate(shared.answered):
        if not done:  # the helper could not answer: done here, as one process would
            shared.results[index] = run(jobs[index])
    return shared.results


def _report_failure(function: str, code: int, errors: IO[bytes]) -> None:
    """A helper that failed changes no result (its jobs are done here), yet it should not fail
    silently: the end of what it wrote to stderr (its traceback) is logged."""
    errors.seek(0, os.SEEK_END)
    errors.seek(max(0, errors.tell() - LAST_WORDS))
    last = errors.read().decode("utf-8", "replace").strip()
    log.warning("papernotes: the second process (%s) stopped with exit code %s; its work was done in this "
                "process, so the output is complete%s", function, code, f". It wrote:\n{last}" if last else "")


def _share(helper: subprocess.Popen[bytes] | None, shared: _Shared, run: Callable[[Any], Any]) -> None:
    """Work from the front here while the helper works from the back; the helper is stopped
    (and waited for) at the end."""
    jobs = shared.jobs
    reader = None
    try:
        if helper is not None:  # pragma: no branch
            # two chunks from the back before any work starts here: one for the helper to work
            # on, one queued, so it never waits for this process
            waiting = 0
            try:
                for _ in range(2):
                    waiting += _give(helper, shared)
            except OSError:  # pragma: no cover  (the helper died at once: its chunks are done here)
                pass
            reader = threading.Thread(target=_feed, args=(helper, shared, waiting), daemon=True)
            reader.start()
        while (span := shared.take_front()) is not None:
            results = [run(job) for job in jobs[span[0]:span[1]]]
            with shared.lock:
                shared.answer(span[0], results)
        if reader is not None:  # pragma: no branch
            reader.join()
    finally:
        if helper is not None:  # pragma: no branch
            _stop(helper)


def _stop(helper: subprocess.Popen[bytes]) -> None:
    for stream in (helper.stdin, helper.stdout):
        if stream is not None:  # pragma: no branch
            try:
                stream.close()
            except OSError:  # pragma: no cover  (a broken pipe on close)
                pass
    try:
        helper.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover  (a helper stuck in a job)
        helper.kill()
        helper.wait()


AHEAD_CHUNK = 2  # jobs per message of `Ahead`: its jobs are asked for one by one, soon after it starts


class Ahead:
    """`run(job)` for `jobs` known ahead of their use, done by a helper process (running
    `function`, "module:name", the same function as `run`) in their order while this process
    does other work. `result(job)` is the helper's answer when it has one; it waits only for a
    job the helper is doing, and runs here a job the helper was not given (or any job, once the
    helper has failed or when none could start): the answers are the same either way."""

    def __init__(self, function: str, jobs: Sequence[Hashable], run: Callable[[Any], Any]) -> None:
        self.function, self.run = function, run
        self.jobs = list(dict.fromkeys(jobs))
        self.index = {job: place for place, job in enumerate(self.jobs)}
        self.answers: dict[int, Any] = {}
        self.given: set[int] = set()  # given to the helper, not answered yet
        self.taken: set[int] = set()  # done here
        self.next = 0  # the first job neither given nor taken may be at or after this
        self.alive = True
        self.done_here = 0  # jobs this process did (tests, measurements)
        self.changed = threading.Condition()
        self.errors = tempfile.TemporaryFile()
        self.helper = _start_helper(function, self.errors)
        self.reader: threading.Thread | None = None
        if self.helper is None:  # pragma: no cover  (no interpreter to start: every job is done here)
            self.alive = False
            return
        with self.changed:
            for _ in range(2):  # one chunk to work on, one queued: the helper never waits for this process
                self._give()
        self.reader = threading.Thread(target=self._read_answers, daemon=True)
        self.reader.start()

    def _give(self) -> bool:
        """Hand the helper the next jobs nobody has (the caller holds `changed`); False when none is left."""
        assert self.helper is not None and self.helper.stdin is not None
        places: list[int] = []
        while self.next < len(self.jobs) and len(places) < AHEAD_CHUNK:
            if self.next not in self.taken:
                places.append(self.next)
            self.next += 1
        if not places:
            return False
        self.given.update(places)
        _write(self.helper.stdin, (places, [self.jobs[place] for place in places]))
        return True

    def _read_answers(self) -> None:
        assert self.helper is not None and self.helper.stdout is not None and self.helper.stdin is not None
        try:
            while True:
                with self.changed:
                    if not self.given and not self._give():
                        _write(self.helper.stdin, None)
                        break
                places, results = _read(self.helper.stdout)
                with self.changed:
                    for place, result in zip(places, results, strict=True):
                        self.answers[place] = result
                        self.given.discard(place)
                    self._give()
                    self.changed.notify_all()
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            pass  # the helper is gone: what it did not answer is done here when asked for
        finally:  # whatever ended this thread, no page waits for an answer that cannot come
            with self.changed:
                self.alive = False
                self.changed.notify_all()

    def result(self, job: Hashable) -> Any:
        """The answer to `job` (one of `jobs` or not), from the helper or made here."""
        place = self.index.get(job)
        with self.changed:
            if place is not None and place not in self.answers and place not in self.given:
                self.taken.add(place)  # not given yet: done here, never given
            while place in self.given and self.alive:
                self.changed.wait()
            if place in self.answers:
                return self.answers[place]
        self.done_here += 1
        return self.run(job)

    def close(self) -> None:
        """Stop the helper (a job it is on is finished and dropped) and wait for it."""
        if self.helper is not None:
            with self.changed:  # no chunk is being given: the helper reads the end of its input
                if self.helper.stdin is not None:  # pragma: no branch
                    try:
                        self.helper.stdin.close()
                    except OSError:  # pragma: no cover  (a broken pipe on close)
                        pass
            stopped = False
            try:
                self.helper.wait(timeout=5)
            except subprocess.TimeoutExpired:  # pragma: no cover  (a helper stuck in a job, or still starting)
                self.helper.kill()
                stopped = True
            if self.reader is not None:  # pragma: no branch
                self.reader.join()  # it reads the end of the helper's answers
            _stop(self.helper)
            if self.helper.returncode and not stopped:
                _report_failure(self.function, self.helper.returncode, self.errors)
            self.helper = None
        self.errors.close()


def serve(function: Callable[[Any], Any], inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The helper's loop: run each chunk it is given, answer, until told there is no more."""
    while True:
        try:
            message = _read(inbox)
        except EOFError:
            return
        if message is None:
            return
        start, jobs = message
        _write(outbox, (start, [function(job) for job in jobs]))


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    import gc

    gc.disable()  # every object made here is pickled and dropped: none is in a cycle
    serve(function_named(args[0]), sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
