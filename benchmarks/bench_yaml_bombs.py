"""How long frontmatter parsing takes to refuse alias bombs and deeply nested YAML.

    .venv/bin/python benchmarks/bench_yaml_bombs.py [--runs 5] [--limit 2.0]

The cases are those of tests/test_frontmatter.py (`test_alias_bombs_and_deep_nesting_are_refused_quickly`,
which checks that each is refused, not how fast: a time limit in a test fails on a busy machine).
Prints the median seconds per case; the exit status is 1 when a case takes more than `--limit` s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_frontmatter import test_alias_bombs_and_deep_nesting_are_refused_quickly as refused  # noqa: E402

from papernotes.frontmatter import parse_frontmatter  # noqa: E402


def cases() -> list[tuple[str, str]]:
    (marker,) = [m for m in refused.pytestmark if m.name == "parametrize"]  # type: ignore[attr-defined]
    return [(yaml_text, message) for yaml_text, message in marker.args[1]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    slow = 0
    for yaml_text, message in cases():
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            parse_frontmatter(yaml_text, "n.md", 2)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        slow += median > args.limit
        print(f"{median:7.3f} s  {message:28}  {len(yaml_text):>7,} chars")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
