"""Comparing output with reviewed golden files, and the one way to update them: `UPDATE_GOLDEN=1`.

An updating run writes the new files and then fails, so it can never be mistaken for a pass; it is
refused under CI, where a golden must only ever be compared. Review `git diff tests/` before committing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.ci import in_ci

ROOT = Path(__file__).resolve().parents[1]


def updating() -> bool:
    """True when `UPDATE_GOLDEN=1` (only `1`); fails the test when that is asked for under CI."""
    if os.environ.get("UPDATE_GOLDEN") != "1":
        return False
    if in_ci():
        pytest.fail("UPDATE_GOLDEN=1 is refused under CI: goldens are updated on a developer's machine "
                    "and the diff reviewed before it is committed", pytrace=False)
    return True


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def check_files(folder: Path, actual: Mapping[str, str], *, exact: bool = True) -> None:
    """Compare `actual` ({path under folder: text}) with the files in `folder`, or update them.

    With `exact`, files in `folder` that `actual` does not name are an error (deleted when updating).
    """
    if updating():
        changed = []
        for name, text in actual.items():
            path = folder / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                changed.append(name)
        if exact and folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.relative_to(folder).as_posix() not in actual:
                    path.unlink()
                    changed.append(f"{path.relative_to(folder).as_posix()} (deleted)")
        what = ", ".join(changed) if changed else "nothing changed"
        pytest.fail(f"golden updated: review `git diff {_shown(folder)}` ({what})", pytrace=False)
    hint = "run `UPDATE_GOLDEN=1 ./dev test -k golden` and review the diff"
    assert folder.is_dir(), f"{_shown(folder)} is missing: {hint}"
    if exact:
        stored = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
        assert sorted(actual) == stored, f"files differ in {_shown(folder)}: {hint}"
    for name, text in actual.items():
        path = folder / name
        assert path.is_file(), f"{_shown(path)} is missing: {hint}"
        assert text == path.read_text(encoding="utf-8"), f"{_shown(path)} differs: {hint}"
