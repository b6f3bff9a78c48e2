"""`./dev test` hands test files to its workers longest first (tests/file_order.py), so the slow
files do not come last, where one worker runs them while the other has nothing left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.file_order import DURATIONS, file_of, longest_first, read_durations
from tests.own_conftest import project_tests_folder

pytest_plugins = ["pytester"]
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def test_files_longest_first_unknown_files_after_them_and_tests_in_their_order() -> None:
    ids = ["tests/test_a.py::one", "tests/test_b.py::one", "tests/test_a.py::two", "tests/test_c.py::x[1]",
           "tests/test_d.py::one", "tests/test_c.py::x[2]", "tests/test_e.py::one"]
    durations = {"tests/test_b.py": 5.0, "tests/test_c.py": 50.0, "tests/test_d.py": 5.0}
    assert longest_first(ids, ids, durations) == [
        "tests/test_c.py::x[1]", "tests/test_c.py::x[2]", "tests/test_b.py::one", "tests/test_d.py::one",
        "tests/test_a.py::one", "tests/test_a.py::two", "tests/test_e.py::one"]
    assert sorted(longest_first(ids, ids, {})) == sorted(ids)


def test_the_committed_durations_name_test_files_that_exist() -> None:
    durations = read_durations(DURATIONS)
    assert len(durations) >= 10
    assert [name for name in durations if not (ROOT / name).is_file() or not Path(name).name.startswith("test_")] == []
    assert all(seconds > 0 for seconds in durations.values())


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """Our conftest.py with four test files and a durations list that knows three of them."""
    package = project_tests_folder(pytester)
    for name in ("a", "b", "c", "d"):
        (package / f"test_{name}.py").write_text(
            "".join(f"def test_{name}{number}():\n    pass\n\n" for number in range(3)), encoding="utf-8")
    (package / "durations.txt").write_text("# seconds file\n1.5 tests/test_d.py\n12 tests/test_b.py\n"
                                           "40.2 tests/test_c.py  # the longest\n", encoding="utf-8")
    return pytester


def _files_run(result: pytest.RunResult) -> list[str]:
    """The files of the tests that passed, in the order they ran (`-v`)."""
    lines = [line for line in result.stdout.lines if "PASSED" in line]
    return list(dict.fromkeys(match[1] for line in lines if (match := re.search(r"(tests/test_\w+\.py)::", line))))


def test_a_worker_is_handed_the_longest_files_first(project: pytest.Pytester) -> None:
    """One worker shows the order files are handed out in: longest first, then the unknown file."""
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-v", "-n", "1", "--dist", "loadfile",
                                          "--no-loadscope-reorder", "tests")
    result.assert_outcomes(passed=12)
    assert _files_run(result) == ["tests/test_c.py", "tests/test_b.py", "tests/test_d.py", "tests/test_a.py"]


def test_one_process_keeps_pytest_s_order(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-v", "tests")
    result.assert_outcomes(passed=12)
    assert _files_run(result) == ["tests/test_a.py", "tests/test_b.py", "tests/test_c.py", "tests/test_d.py"]
    assert file_of("tests/test_a.py::test_a0") == "tests/test_a.py"
