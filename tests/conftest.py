"""Shared fixtures: the seeds folder, temporary vaults, and a guard against unexpected warnings."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("PAPERNOTES_SEEDS") or ROOT.parent / "shared" / "seeds")
NOTES = ROOT / "notes"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix`; skips the test where ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not found: seed tests need the shared folder beside the checkout")
    matches = sorted(SEEDS.glob(f"{prefix}*.txt"))
    if not matches:
        pytest.skip(f"no seed {prefix}* in {SEEDS}")
    return matches[0]


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
    """Parsed reference libraries are kept in the user's cache folder (papernotes/bib/stored.py):
    tests keep theirs in a temporary one (also for the commands they run)."""
    folder = tmp_path_factory.mktemp("papernotes-cache")
    previous = os.environ.get("PAPERNOTES_CACHE")
    os.environ["PAPERNOTES_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PAPERNOTES_CACHE", None)
    else:
        os.environ["PAPERNOTES_CACHE"] = previous
