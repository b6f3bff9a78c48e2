"""Shared by the memo tests (navigation, scripts, translations): a vault built into a site with
one of papernotes' memos on or off (`PAPERNOTES_PLAIN_*`), and two sites compared byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.test_search import files_of


def build_with_memo(tmp_path: Path, name: str, vault: dict[str, str], config_text: str, *, plain_env: str,
                    plain: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any]:
    """Build `vault` (written once into tmp_path/docs) with `config_text` (site name, theme, nav…)
    into tmp_path/name, with the memo switched off by `plain_env` when `plain`; the site and the plugin."""
    docs = tmp_path / "docs"
    if not docs.exists():
        for path, text in vault.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
    site = tmp_path / name
    config_file = tmp_path / f"{name}.yml"
    config_file.write_text(f"docs_dir: {docs}\nsite_dir: {site}\n{config_text}"
                           "plugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the mkdocs theme writes the build's date
    if plain:
        monkeypatch.setenv(plain_env, "1")
    else:
        monkeypatch.delenv(plain_env, raising=False)
    config = load_config(str(config_file))
    build(config)
    return site, config.plugins["papernotes"]


def same_sites(memoised: Path, plain: Path) -> int:
    """The two sites' files, compared byte for byte; the number of HTML pages."""
    ours, theirs = files_of(memoised), files_of(plain)
    assert sorted(ours) == sorted(theirs)
    different = [path for path in ours if ours[path] != theirs[path]]
    assert different == []
    return sum(path.endswith(".html") for path in ours)
