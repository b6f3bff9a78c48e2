"""The plugin's less travelled paths: notices about the configuration, names taken by the vault,
private notes' problems kept quiet, and a failing Pagefind."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config

from tests.test_site_build import build_site, write_vault

LOGGER = "mkdocs.plugins.papernotes"


def _config_file(tmp_path: Path, plugins: str, extra: str = "") -> Path:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n"})
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: x\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\ntheme: material\n"
                    f"plugins:\n{plugins}{extra}", encoding="utf-8")
    return path


def _on_config_messages(config_file: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    config = load_config(str(config_file))
    with caplog.at_level(logging.INFO, logger=LOGGER):
        config.plugins["papernotes"].on_config(config)
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def test_unused_markdown_extensions_are_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = _config_file(tmp_path, "  - papernotes:\n      search: none\n",
                               "markdown_extensions:\n  - admonition\n  - toc\n  - footnotes\n")
    assert _on_config_messages(config_file, caplog) == [
        "papernotes: pages are rendered with markdown-it, as Obsidian reads notes; "
        "these markdown_extensions are not used: admonition, footnotes"]


def test_no_notice_without_extra_extensions(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert _on_config_messages(_config_file(tmp_path, "  - papernotes\n"), caplog) == []


@pytest.mark.parametrize("search", ["search", "material/search"])
def test_the_search_plugin_beside_pagefind_is_pointed_out(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                          search: str) -> None:
    config_file = _config_file(tmp_path, f"  - {search}\n  - papernotes\n")
    # with theme: material both names are Material's search plugin, which is switched off (README, Search)
    assert _on_config_messages(config_file, caplog) == [
        "papernotes: Material's search plugin is switched off: Pagefind indexes the site (the Search page); "
        "remove `search` from plugins to silence this"]


def test_vault_pages_named_like_generated_ones_win(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    base = "filters: file.hasTag(\"x\")\nviews:\n  - type: list\n    name: All\n"
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "papers.md": "# My own papers page\nOWN-PAPERS-PAGE\n",
        "Reading.md": "# Reading\nOWN-READING-NOTE\n",
        "Reading.base": base,
        "Other.base": base,
        "timeline.base": base,
    })
    (docs / "Private.md").write_bytes(b"---\npublish: false\n---\n# Private \xff\n[[Nowhere at all]]\n")
    with caplog.at_level(logging.INFO, logger=LOGGER):
        site = build_site(docs, tmp_path / "site", strict=False)
    messages = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    # collisions.py: the note is kept, the generated page left out, with a warning at the note
    # (README, "Colliding outputs"); reading.md is the Reading page's source, one URL up to case
    left_out = ("{0}:0: papernotes' generated page {1} would be written to {2}/index.html, where the page of "
                "{0} goes; the generated page is left out of the site (rename this file if you want the "
                "generated page)")
    assert [record.getMessage() for record in caplog.records
            if record.name == LOGGER and record.levelno == logging.WARNING] == [
        left_out.format("papers.md", "papers.md", "papers"), left_out.format("Reading.md", "reading.md", "reading")]
    assert "OWN-PAPERS-PAGE" in (site / "papers" / "index.html").read_text(encoding="utf-8")
    # a note and a .base of the same name: the note is the page; another .base still becomes one
    assert "OWN-READING-NOTE" in (site / "Reading" / "index.html").read_text(encoding="utf-8")
    assert (site / "Other" / "index.html").is_file()
    # a .base named like a generated page: the generated page stays (as for papers.md, but a
    # .base's page name is papernotes' own choice, so no warning)
    assert '<h1 id="timeline">Timeline' in (site / "timeline" / "index.html").read_text(encoding="utf-8")
    # a private note's problems (its undecodable byte, its broken link) are not logged
    assert [message for message in messages if "Nowhere" in message or "Private" in message] == []


