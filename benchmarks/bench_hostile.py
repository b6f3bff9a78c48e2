"""CPU time of building, checking and exporting the hostile vaults of tests/test_hostile.py, against
the budget README's "Privacy and safety" writes down, at the tests' sizes and at twice them.

    .venv/bin/python benchmarks/bench_hostile.py              # every case, sizes n and 2n
    .venv/bin/python benchmarks/bench_hostile.py --case "link fan-out" --runs 3

The tests check what these builds produce; how long they take is measured here, never asserted in
a test (a shared machine makes any wall-clock or CPU bound flaky). The build runs in this process
with `search: none`, so `time.process_time()` counts all of its work. A linear pass shows about
2x from n to 2n; a quadratic one 4x. The last two lines time `find_collisions` on 50,000 and
200,000 outputs (linear: about 4x).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile.generate import CASES, Files  # noqa: E402
from tests.test_site_build import build_site  # noqa: E402

from papernotes.cli import main as cli  # noqa: E402
from papernotes.collisions import Output, find_collisions  # noqa: E402
from papernotes.paths import page_dest  # noqa: E402

SECONDS_FIXED = 10.0
"""MkDocs' and Material's own start-up and writing the theme, once per build."""
SECONDS_PER_NOTE = 0.02
SECONDS_PER_KB = 0.15
"""The slowest text we know (lines of `![[` that never close) parses at about 10 KB a second."""


def budget(files: Files) -> float:
    kilobytes = sum(len(text.encode()) for text in files.values()) / 1000
    return SECONDS_FIXED + SECONDS_PER_NOTE * len(files) + SECONDS_PER_KB * kilobytes


def measure(files: Files) -> tuple[float, float]:
    """(CPU seconds of the build, of `check` and `export` together)."""
    with tempfile.TemporaryDirectory() as scratch:
        vault = Path(scratch) / "vault"
        for name, text in files.items():
            path = vault / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        start = time.process_time()
        build_site(vault, Path(scratch) / "site", strict=False)
        built = time.process_time() - start
        start = time.process_time()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli(["check", str(vault), "--format", "json"])
            cli(["export", str(vault), "--format", "json"])
        return built, time.process_time() - start


def collisions_seconds(count: int) -> float:
    outputs = [Output(f"{d}{i % 100}/{n}{i}.md", page_dest(f"{d}{i % 100}/{n}{i}.md", True), "note")
               for d, n in (("d", "n"), ("D", "N")) for i in range(count // 2)]
    start = time.process_time()
    find_collisions(outputs)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--runs", type=int, default=1, help="runs per size; the lowest is shown")
    args = parser.parse_args()
    print("| case | size | notes | KB | budget s | build CPU s | check+export CPU s | build 2n / n |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for case in CASES:
        if args.case and case.name not in args.case:
            continue
        previous = None
        for size in (case.size, 2 * case.size) if case.size > 1 else (case.size,):
            files = case.make(size)
            runs = [measure(files) for _ in range(args.runs)]
            built, other = min(run[0] for run in runs), min(run[1] for run in runs)
            kilobytes = sum(len(text.encode()) for text in files.values()) / 1000
            growth = f"{built / previous:.2f}" if previous else ""
            print(f"| {case.name} | {size:,} | {len(files):,} | {kilobytes:,.0f} | {budget(files):.1f} | "
                  f"{built:.2f} | {other:.2f} | {growth} |", flush=True)
            previous = built
    for count in (50_000, 200_000):
        seconds = min(collisions_seconds(count) for _ in range(args.runs))
        print(f"find_collisions, {count:,} outputs: {seconds:.3f} s CPU")


if __name__ == "__main__":
    main()
