"""The golden-file helper: compares, updates only with UPDATE_GOLDEN=1, fails after updating, refuses under CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import check_files


@pytest.fixture
def golden(tmp_path: Path) -> Path:
    folder = tmp_path / "expected"
    folder.mkdir()
    (folder / "a.md").write_text("old\n", encoding="utf-8")
    (folder / "stale.md").write_text("gone\n", encoding="utf-8")
    return folder


def _env(monkeypatch: pytest.MonkeyPatch, update: str | None, ci: str | None) -> None:
    for name, value in (("UPDATE_GOLDEN", update), ("CI", ci)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def test_a_difference_fails_and_writes_nothing(golden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, None, None)
    with pytest.raises(AssertionError, match="files differ"):
        check_files(golden, {"a.md": "new\n"})
    with pytest.raises(AssertionError, match="a.md differs"):
        check_files(golden, {"a.md": "new\n"}, exact=False)
    assert (golden / "a.md").read_text(encoding="utf-8") == "old\n"
    check_files(golden, {"a.md": "old\n"}, exact=False)


@pytest.mark.parametrize("value", ["0", "true", "yes", ""])
def test_only_1_turns_updating_on(golden: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    _env(monkeypatch, value, None)
    with pytest.raises(AssertionError):
        check_files(golden, {"a.md": "new\n"}, exact=False)
    assert (golden / "a.md").read_text(encoding="utf-8") == "old\n"


def test_an_updating_run_writes_then_fails(golden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, "1", None)
    with pytest.raises(pytest.fail.Exception, match=r"golden updated: review `git diff .*expected` "
                                                    r"\(a.md, b/c.md, stale.md \(deleted\)\)"):
        check_files(golden, {"a.md": "new\n", "b/c.md": "c\n"})
    assert sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*.md")) == ["a.md", "b/c.md"]
    assert (golden / "a.md").read_text(encoding="utf-8") == "new\n"
    with pytest.raises(pytest.fail.Exception, match=r"golden updated: .*\(nothing changed\)"):
        check_files(golden, {"a.md": "new\n", "b/c.md": "c\n"})


@pytest.mark.parametrize("ci", ["true", "1"])
def test_updating_is_refused_under_ci(golden: Path, monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    _env(monkeypatch, "1", ci)
    with pytest.raises(pytest.fail.Exception, match="UPDATE_GOLDEN=1 is refused under CI"):
        check_files(golden, {"a.md": "new\n"})
    assert (golden / "a.md").read_text(encoding="utf-8") == "old\n"
    assert (golden / "stale.md").is_file()
