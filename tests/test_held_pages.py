"""Pages' content held in a file beyond what memory holds (`held_pages`): read back the same, and
a site built with every page held in the file is the site built with every page in memory,
Pagefind's bundle included."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from papernotes import held_pages
from papernotes.held_pages import HeldPages
from tests.test_nav_memo import VAULT
from tests.test_search import files_of


def test_pages_past_the_limit_are_read_back_from_the_file() -> None:
    store = HeldPages(limit=10)
    pages = [bytes([number]) * size for number, size in enumerate((4, 6, 1, 9, 3))]
    held = [store.keep(page) for page in pages]
    assert held[:2] == pages[:2] and held[2:] == [(0, 1), (1, 9), (10, 3)]
    assert (store.in_memory, store.filed) == (10, 13)
    assert [store.read(item) for item in reversed(held)] == pages[::-1]
    store.close()
    assert store.read(held[0]) == pages[0]
    with pytest.raises(ValueError, match="closed"):
        store.read(held[2])


def _site(tmp_path: Path, name: str, limit: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    if not docs.exists():
        for path, text in VAULT.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
    monkeypatch.setattr(held_pages, "HELD_IN_MEMORY", limit)
    config_file = tmp_path / f"{name}.yml"
    config_file.write_text(f"site_name: Held\ndocs_dir: {docs}\nsite_dir: {tmp_path / name}\n"
                           "theme:\n  name: material\n  font: false\nplugins:\n  - papernotes\n", encoding="utf-8")
    config = load_config(str(config_file))
    build(config)
    plugin = config.plugins["papernotes"]
    assert plugin.store is None and plugin.held == {}  # type: ignore[attr-defined]
    return tmp_path / name


def test_a_site_held_in_a_file_is_the_site_held_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filed = held_pages.HeldPages.keep
    kept: list[object] = []

    def counted(self: HeldPages, data: bytes) -> object:
        kept.append(result := filed(self, data))
        return result

    monkeypatch.setattr(held_pages.HeldPages, "keep", counted)
    in_memory = files_of(_site(tmp_path, "memory", 1 << 30, monkeypatch))
    assert kept and all(isinstance(item, bytes) for item in kept)
    kept.clear()
    in_file = files_of(_site(tmp_path, "file", 0, monkeypatch))
    assert kept and all(isinstance(item, tuple) for item in kept)
    assert any(path.startswith("pagefind/") for path in in_memory)
    for changing in ("feed.xml", "sitemap.xml.gz"):  # the build's time
        in_memory.pop(changing, None), in_file.pop(changing, None)
    assert sorted(in_memory) == sorted(in_file)
    assert [path for path in in_memory if in_memory[path] != in_file[path]] == []
