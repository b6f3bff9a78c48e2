"""Shared fixtures: the seeds folder, temporary vaults, and a guard against unexpected warnings."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from tests.ci import in_ci, skip_or_fail
from tests.file_order import longest_first, read_durations

# Hypothesis fails an example that takes over 200 ms by default: a timed assertion, which a busy
# machine trips. No property test here is about speed (test_fuzz.py's profiles say the same, but
# only for a session that imports it).
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("PAPERNOTES_SEEDS") or ROOT.parent / "shared" / "seeds")
NOTES = ROOT / "notes"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix`; skips the test where ../shared is absent
    (a failure under CI, which always has the seeds beside the clone)."""
    if not SEEDS.is_dir():
        skip_or_fail(f"{SEEDS} not found: seed tests need the shared folder beside the checkout "
                     "(or PAPERNOTES_SEEDS)")
    matches = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not matches:
        skip_or_fail(f"no seed {prefix}* in {SEEDS}")
    return matches[0]


# Tests that may skip under CI, by node id (a prefix matches a whole module or parametrised test),
# each with why its skip is not a hole in CI. Any other skip under CI fails the session.
ALLOWED_CI_SKIPS: dict[str, str] = {
    # symlinks are unavailable on some platforms (Windows without developer mode); it runs on Linux CI
    "tests/test_loader.py::test_symlink_pointing_outside_the_vault_is_not_read": "needs os.symlink",
}

_ci_skips: list[str] = []


def _allowed(nodeid: str) -> bool:
    return any(nodeid == allowed or nodeid.startswith(allowed + "[") or nodeid.startswith(allowed + "::")
               for allowed in ALLOWED_CI_SKIPS)


def _note_skip(report: pytest.CollectReport | pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and not _allowed(report.nodeid):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _ci_skips.append(f"{report.nodeid or 'collection'}: {reason}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On pytest-xdist's workers (`./dev test`), whose collection is the order files are handed
    out in: the longest files first (tests/file_order.py). One process keeps pytest's order."""
    if hasattr(config, "workerinput"):
        items[:] = longest_first(items, [item.nodeid for item in items], read_durations())


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _note_skip(report)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    _note_skip(report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI a skip hides a promise that was not checked: fail the run unless it is allowed above."""
    if in_ci() and _ci_skips and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if in_ci() and _ci_skips:
        terminalreporter.section("skipped under CI (not in ALLOWED_CI_SKIPS of tests/conftest.py)", red=True)
        for line in _ci_skips:
            terminalreporter.line(line, red=True)


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write `{relative path: text or bytes}` into a fresh vault folder and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        vault = tmp_path / "vault"
        vault.mkdir(exist_ok=True)
        for relative, content in files.items():
            path = vault / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return vault

    return make


@pytest.fixture
def seed_vault(tmp_path: Path) -> Callable[[str, str], Path]:
    """A vault holding one seed file, copied under the given note name."""

    def make(prefix: str, name: str) -> Path:
        source = seed_path(prefix)
        vault = tmp_path / "seed-vault"
        vault.mkdir(exist_ok=True)
        shutil.copyfile(source, vault / name)
        return vault

    return make


@pytest.fixture(scope="session", autouse=True)
def library_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Parsed reference libraries, formatted References and compiled templates are kept in the
    user's cache folder (papernotes/store.py: bib/stored.py, stored_references.py,
    template_cache.py): tests keep theirs in a temporary one (also for the commands they run)."""
    folder = tmp_path_factory.mktemp("papernotes-cache")
    previous = os.environ.get("PAPERNOTES_CACHE")
    os.environ["PAPERNOTES_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PAPERNOTES_CACHE", None)
    else:
        os.environ["PAPERNOTES_CACHE"] = previous
