"""The vault is read-only: builds, serve-style rebuilds and every `papernotes` command leave
each of its files (bytes and mtimes) and its folder listing exactly as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.test_privacy import private_vault
from tests.test_site_build import _config

OLD = 1_000_000_000  # 2001: mtimes no build could produce by touching a file


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every path under `root` (symlinks not followed): content hash, mtime (ns) and mode."""
    found = {}
    for folder, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(folder, name)
            info = path.lstat()
            digest = "dir" if path.is_dir() and not path.is_symlink() else (
                "link:" + os.readlink(path) if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest())
            found[path.relative_to(root).as_posix()] = (digest, info.st_mtime_ns, info.st_mode)
    return found


@pytest.fixture()
def vault(tmp_path: Path) -> Path:
    docs = private_vault(tmp_path)
    (docs / "Home.md").write_text("---\ndg-home: true\n---\n# Home note\n[[index]]\n", encoding="utf-8")
    (docs / "bad.md").write_text("---\ntitle: [\n---\n# Bad YAML\n", encoding="utf-8")
    (docs / ".obsidian").mkdir()
    (docs / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    for path in [docs, *docs.rglob("*")]:
        os.utime(path, ns=(OLD * 10**9, OLD * 10**9), follow_symlinks=False)
    return docs


def test_mkdocs_build_and_serve_style_rebuilds_leave_the_vault_alone(vault: Path, tmp_path: Path) -> None:
    before = snapshot(vault)
    site = tmp_path / "site"
    config = load_config(str(_config(vault, site, {"search": "pagefind"})), strict=False)
    build(config)
    assert snapshot(vault) == before
    # `mkdocs serve` builds into a temporary folder with a serve_url, then again with --dirty.
    for dirty in (False, True):
        serve_site = tmp_path / f"serve-site-{dirty}"  # one `mkdocs serve` process each
        config = load_config(str(_config(vault, serve_site, {"search": "pagefind"})), strict=False)
        config.plugins.on_startup(command="serve", dirty=dirty)
        try:
            build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)
        finally:
            config.plugins.on_shutdown()
        assert snapshot(vault) == before


def test_dirty_rebuild_after_an_edit_writes_only_the_edit(vault: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(vault, copy, symlinks=True)
    site = tmp_path / "site"
    config = load_config(str(_config(copy, site)), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        (copy / "Papers" / "Public paper.md").write_text("# Public paper\nEdited.\n", encoding="utf-8")
        before = snapshot(copy)
        config = load_config(str(_config(copy, site)), strict=False)
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        config.plugins.on_shutdown()
    assert snapshot(copy) == before
    assert "Edited." in (site / "Papers" / "Public paper" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [
    ["check", "{vault}"],
    ["check", "{vault}", "--format", "json"],
    ["check", "{vault}", "--exclude", "Private/**"],
    ["export", "{vault}"],
    ["export", "{vault}", "--include-private"],
    ["export", "{vault}", "-o", "{out}/graph.json"],
    ["check"],  # the default vault: docs_dir of ./mkdocs.yml
])
def test_papernotes_commands_leave_the_vault_alone(vault: Path, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: {vault}\n", encoding="utf-8")
    before = snapshot(vault)
    args = [part.format(vault=vault, out=tmp_path) for part in command]
    result = subprocess.run([sys.executable, "-m", "papernotes", *args], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr
    assert snapshot(vault) == before
