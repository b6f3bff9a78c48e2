"""`./dev test`: which arguments still run the whole suite, on workers and with the coverage floor."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(function: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """One of dev's shell functions called with `args` (dev itself is never run: it would run the suite)."""
    script = f'eval "$(sed -n "/^{function}() {{/,/^}}/p" dev)"; eval "$(grep "^PARALLEL=" dev)"; {function} "$@"'
    return subprocess.run(["bash", "-c", script, "dev", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [[], ["-q"], ["-q", "-x"], ["-n", "0"], ["-n0"], ["-q", "-n", "2"],
                                  ["--numprocesses=1"], ["--numprocesses", "0", "-ra"]])
def test_the_whole_suite_with_or_without_workers_of_one_s_own(args: list[str]) -> None:
    """`./dev test -n 0` (one process) is the whole suite: the 90 % coverage floor applies to it
    (it did not: any argument but -q/-v/-x/-ra made a partial run)."""
    assert _run("whole_suite", args).returncode == 0


@pytest.mark.parametrize("args", [["tests/test_cli.py"], ["-k", "golden"], ["-n", "2", "-k", "golden"],
                                  ["-n", "0", "tests/test_cli.py"], ["--lf"], ["-m", "browser"]])
def test_a_partial_run(args: list[str]) -> None:
    assert _run("whole_suite", args).returncode == 1


def test_the_workers_are_handed_files_in_the_order_conftest_gives() -> None:
    """`-n auto --dist loadfile --no-loadscope-reorder`: without the last, xdist sorts files by
    their number of tests and tests/file_order.py's order is lost; a `-n` of one's own comes after."""
    script = 'eval "$(grep "^PARALLEL=" dev)"; printf "%s\\n" "${PARALLEL[@]}"'
    parallel = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
                              timeout=60).stdout.split()
    assert parallel == ["-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder"]
    text = (ROOT / "dev").read_text(encoding="utf-8")
    assert '.venv/bin/python -m coverage run -m pytest ${workers[@]+"${workers[@]}"} "$@"' in text
    assert 'if whole_suite "$@"; then set -- "${PARALLEL[@]}" "$@"; fi' in text
