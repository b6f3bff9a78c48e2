"""An Obsidian vault's own settings say where its templates are: they are never notes of the site."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from papernotes.app_templates import template_globs
from papernotes.loader import load_vault
from tests.test_site_build import build_site, write_vault


def _settings(root: Path, files: dict[str, object]) -> None:
    for name, data in files.items():
        path = root / ".obsidian" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_template_places_from_each_plugin(tmp_path: Path) -> None:
    _settings(tmp_path, {
        "templates.json": {"folder": "40 - Obsidian/模板/"},
        "plugins/templater-obsidian/data.json": {"templates_folder": "./Meta/[Templater]",
                                                 "folder_templates": [{"folder": "Cards", "template": "x.md"}]},
        "daily-notes.json": {"folder": "Daily", "template": "Meta/Daily template"},
        "plugins/periodic-notes/data.json": {"weekly": {"enabled": True, "template": "Meta/Weekly.md"}},
        "plugins/quickadd/data.json": {"choices": [{"type": "Template", "templatePath": "Meta/Person.md"},
                                                  {"choices": [{"templatePath": "Meta/Nested"}]}]},
        "plugins/obsidian-zotero-desktop-connector/data.json": {
            "exportFormats": [{"templatePath": "Meta/Zotero.md", "headerTemplatePath": ""}]},
    })
    assert sorted(template_globs(tmp_path)) == sorted([
        "40 - Obsidian/模板/**", "Meta/[[]Templater]/**", "Meta/Daily template.md", "Meta/Weekly.md",
        "Meta/Person.md", "Meta/Nested.md", "Meta/Zotero.md"])


@pytest.mark.parametrize(("written", "glob"), [
    ("Meta/Daily v1.0", "Meta/Daily v1.0.md"), ("Meta/Daily v1.0.md", "Meta/Daily v1.0.md"),
    ("Meta/2024.01 review", "Meta/2024.01 review.md"), ("Meta/Card.MD", "Meta/Card.MD"),
])
def test_a_template_named_with_a_dot_is_a_note_all_the_same(tmp_path: Path, written: str, glob: str) -> None:
    _settings(tmp_path, {"daily-notes.json": {"template": written}})
    assert template_globs(tmp_path) == (glob,)


@pytest.mark.parametrize("folder", ["", "/", ".", "..", "../outside", "/Users/me/Templates", "C:\\Templates", 7, None])
def test_settings_that_name_no_place_in_the_vault_exclude_nothing(tmp_path: Path, folder: object) -> None:
    _settings(tmp_path, {"templates.json": {"folder": folder}})
    assert template_globs(tmp_path) == ()


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"a string"', "\ufeff{\"folder\": \"T\"}"])
def test_unreadable_settings_are_ignored(tmp_path: Path, text: str) -> None:
    _settings(tmp_path, {"templates.json": text})
    assert template_globs(tmp_path) == (("T/**",) if "folder" in text else ())


def test_template_notes_are_neither_read_nor_published(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\nSee [[Attention Is All You Need]].\n",
        "Attention Is All You Need.md": "---\ntitle: Attention Is All You Need\nyear: 2017\n---\n# Attention\n",
        "40 - Obsidian/模板/文献模板.md": "---\ntitle: \"{{title}}\"\nyear: {{year}}\n---\n# {{title}}\n"
                                       "[[{{citekey}}]] <% tp.file.title %>\n",
        "40 - Obsidian/模板/cover.png": "not an image",
        "Meta/Daily template.md": "# <% tp.date.now() %>\n[[Nowhere at all]]\n",
        "Daily/2024-01-01.md": "# 2024-01-01\nRead [[Attention Is All You Need]].\n",
    })
    _settings(docs, {"templates.json": {"folder": "40 - Obsidian/模板"},
                     "daily-notes.json": {"folder": "Daily", "template": "Meta/Daily template"}})
    assert sorted(note.path for note in load_vault(docs).notes) == [
        "Attention Is All You Need.md", "Daily/2024-01-01.md", "index.md"]
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.papernotes"):
        site = build_site(docs, tmp_path / "site")  # strict: a template's broken links would fail it
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    assert not [name for name in written if "40 - Obsidian" in name or name.startswith("Meta/")]
    assert "Daily/2024-01-01/index.html" in written
    assert not [record for record in caplog.records if "{{" in record.getMessage() or "tp." in record.getMessage()]
    assert not [name for name in written if name.endswith(".html") and
                b"{{title}}" in (site / name).read_bytes()]
