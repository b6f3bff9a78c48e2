"""Under CI, a skip fails the run unless the test is on conftest's allow-list; elsewhere a skip is a skip."""

from __future__ import annotations

import pytest

from tests.conftest import ALLOWED_CI_SKIPS
from tests.own_conftest import project_tests_folder

pytest_plugins = ["pytester"]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project whose tests/ has our conftest.py (and what it imports), one test that skips and one allowed skip."""
    package = project_tests_folder(pytester)
    (package / "test_skips.py").write_text(
        "import pytest\n\ndef test_runs():\n    pass\n\ndef test_skips():\n    pytest.skip('no seeds here')\n",
        encoding="utf-8")
    allowed = next(iter(ALLOWED_CI_SKIPS))
    module, name = allowed.split("::")
    (pytester.path / module).write_text(f"import pytest\n\ndef {name}():\n    pytest.skip('allowed')\n",
                                        encoding="utf-8")
    return pytester


# `./dev test` runs the whole suite on pytest-xdist workers: the skips they report must reach the
# controller, whose exit status and summary are the run's
@pytest.mark.parametrize("workers", [(), ("-n", "2", "--dist", "loadfile")], ids=["one process", "xdist"])
def test_a_skip_fails_the_run_under_ci(project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                       workers: tuple[str, ...]) -> None:
    monkeypatch.setenv("CI", "true")
    result = project.runpytest_subprocess("-p", "no:cacheprovider", *workers, "tests")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(["*skipped under CI (not in ALLOWED_CI_SKIPS of tests/conftest.py)*",
                                 "tests/test_skips.py::test_skips: Skipped: no seeds here"])
    assert "test_loader" not in result.stdout.str().split("skipped under CI", 1)[1].split("short test summary")[0]


def test_an_allowed_skip_passes_under_ci(project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    (project.path / "tests" / "test_skips.py").unlink()
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "tests")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(skipped=1)


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_skip_is_a_skip_without_ci(project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                     ci: str | None) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "tests")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=2)
