"""The test suite on pytest-xdist's workers: each file's measured seconds, and how long a run takes
when files are handed out in one order or another.

    # after a whole run with `--junitxml=suite.xml` (each test's seconds, setup and teardown included):
    .venv/bin/python benchmarks/suite_order.py durations suite.xml > tests/durations.txt
    # the run replayed on 2 workers: files by number of tests (xdist's order before --no-loadscope-reorder),
    # in collection order, and longest first (tests/file_order.py)
    .venv/bin/python benchmarks/suite_order.py simulate suite.xml --workers 2

`simulate` replays the scheduler of `--dist loadfile` test by test: each worker starts with one
file, and is handed the next file in the queue once two or fewer of its tests are left
(`LoadScopeScheduling._reschedule`); a worker runs its tests one after another, each taking the
seconds the XML gives it. Starting the workers and collecting is the same in every order and left
out, as is the time another worker's run takes from this one on a busy machine.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.file_order import longest_first  # noqa: E402


@dataclass(frozen=True, slots=True)
class TestTime:
    file: str
    seconds: float


def read_junit(paths: Sequence[Path]) -> list[TestTime]:
    """Every test case of the XML files, in their order (`classname` `tests.test_a` -> `tests/test_a.py`)."""
    found = []
    for path in paths:
        for case in ET.parse(path).getroot().iter("testcase"):
            module = case.get("classname", "").split(".")
            while module and not module[-1].startswith("test_"):
                module.pop()  # a test class's name
            found.append(TestTime("/".join(module) + ".py", float(case.get("time") or 0)))
    return found


def file_seconds(tests: Sequence[TestTime]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for test in tests:
        totals[test.file] = totals.get(test.file, 0.0) + test.seconds
    return totals


def by_test_count(files: dict[str, list[float]]) -> list[str]:
    """xdist's order without `--no-loadscope-reorder`: most tests first, ties in collection order."""
    return sorted(files, key=lambda name: -len(files[name]))


def by_duration(files: dict[str, list[float]]) -> list[str]:
    durations = {name: sum(times) for name, times in files.items()}
    return list(dict.fromkeys(longest_first(list(files), list(files), durations)))


def replay(files: dict[str, list[float]], order: Sequence[str], workers: int) -> tuple[float, list[float]]:
    """The run's length and each worker's busy seconds when files are handed out in `order`."""
    queue = deque(order)
    pending: list[deque[float]] = [deque() for _ in range(workers)]
    clock, busy = [0.0] * workers, [0.0] * workers

    def hand_out(worker: int) -> None:  # one file at a time, as `_reschedule` does
        if queue and len(pending[worker]) <= 2:
            pending[worker].extend(files[queue.popleft()])

    for worker in range(workers):
        pending[worker].extend(files[queue.popleft()] if queue else ())
    for worker in range(workers):
        hand_out(worker)
    while any(pending):  # the next test to end, on whichever worker
        worker = min((w for w in range(workers) if pending[w]), key=lambda w: clock[w] + pending[w][0])
        seconds = pending[worker].popleft()
        clock[worker] += seconds
        busy[worker] += seconds
        hand_out(worker)
    return max(clock), busy


ORDERS: dict[str, Callable[[dict[str, list[float]]], list[str]]] = {
    "by number of tests (xdist's default since 3.5)": by_test_count,
    "collection order (alphabetical)": lambda files: sorted(files),
    "longest first (tests/file_order.py)": by_duration,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    durations = commands.add_parser("durations", help="each file's seconds, for tests/durations.txt")
    durations.add_argument("junit", nargs="+", type=Path)
    simulate = commands.add_parser("simulate", help="a run replayed on workers in each order")
    simulate.add_argument("junit", nargs="+", type=Path)
    simulate.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    tests = read_junit(args.junit)
    if args.command == "durations":
        totals = file_seconds(tests)
        print("# seconds per test file in a whole run (benchmarks/suite_order.py durations); ./dev test hands")
        print("# files to its workers longest first (tests/file_order.py)")
        for name, seconds in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
            print(f"{max(seconds, 0.1):.1f} {name}")
        return
    files: dict[str, list[float]] = {}
    for test in tests:
        files.setdefault(test.file, []).append(test.seconds)
    total = sum(sum(times) for times in files.values())
    longest = max(files, key=lambda name: sum(files[name]))
    print(f"{len(tests)} tests in {len(files)} files, {total:.0f} s of tests; the longest file "
          f"{longest} {sum(files[longest]):.0f} s; {args.workers} workers never idle: {total / args.workers:.0f} s")
    for name, order in ORDERS.items():
        length, busy = replay(files, order(files), args.workers)
        print(f"{name:45} {length:7.0f} s  (workers busy {', '.join(f'{b:.0f}' for b in busy)} s)")


if __name__ == "__main__":
    main()
