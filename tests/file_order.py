"""The order in which `./dev test` hands test files to its pytest-xdist workers: longest first.

Under `--dist loadfile` a worker takes a whole file at a time, in the order the workers collected
the files (`--no-loadscope-reorder`; without it xdist sorts files by their number of tests, which
put the slow few-test files, the browser's, serve's and the hostile vaults', last, where one worker
ran them while the other had nothing left). Files are sorted by the seconds they took in a whole
run (`durations.txt`, written by `benchmarks/suite_order.py durations`); files not in the list
come after them in pytest's order (the list names the long files; a new long file belongs in it).
Tests inside a file keep their order; what runs does not change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeVar

DURATIONS = Path(__file__).with_name("durations.txt")

Item = TypeVar("Item")


def read_durations(path: Path = DURATIONS) -> dict[str, float]:
    """`seconds path` per line (`#` starts a comment); an absent file is an empty list."""
    if not path.is_file():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 2:
            found[fields[1]] = float(fields[0])
    return found


def file_of(nodeid: str) -> str:
    """`tests/test_a.py::test_b[x]` -> `tests/test_a.py` (pytest-xdist's `loadfile` scope)."""
    return nodeid.split("::", 1)[0]


def longest_first(items: Sequence[Item], nodeids: Sequence[str], durations: Mapping[str, float]) -> list[Item]:
    """`items` (with their node ids) grouped by file, the files `durations` knows longest first,
    then the others; ties, and the tests inside a file, keep their order."""
    files: dict[str, list[Item]] = {}
    for item, nodeid in zip(items, nodeids, strict=True):
        files.setdefault(file_of(nodeid), []).append(item)
    order = sorted(files, key=lambda name: (name not in durations, -durations.get(name, 0.0)))
    return [item for name in order for item in files[name]]
