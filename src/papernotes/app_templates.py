"""Where an Obsidian vault keeps its templates, as its own settings say: the Templates core
plugin's folder, Templater's folder, the daily note's template, Periodic Notes', QuickAdd's and
Zotero Integration's template files. Template notes are full of placeholders (`{{title}}`,
`<% tp.file.title %>`): never notes of the site, wherever the vault keeps them (MkDocs itself
only leaves out a `templates/` folder at the top).

Settings that cannot be read (missing, not JSON, odd types, a path out of the vault) name no
template: the notes stay as they are."""

from __future__ import annotations

import glob
import json
import posixpath
from collections.abc import Iterator
from pathlib import Path

from papernotes.paths import is_note_path

SETTINGS = ".obsidian"
MAX_SETTINGS_BYTES = 5_000_000

_FOLDERS: tuple[tuple[str, tuple[str, ...]], ...] = (("templates.json", ("folder",)),  # core Templates plugin
            ("plugins/templater-obsidian/data.json", ("templates_folder",)))
_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (("daily-notes.json", ("template",)),
          ("plugins/periodic-notes/data.json", ("template",)),
          ("plugins/quickadd/data.json", ("templatePath",)),
          ("plugins/obsidian-zotero-desktop-connector/data.json",
           ("templatePath", "headerTemplatePath", "annotationTemplatePath", "footerTemplatePath")))


def template_globs(root: Path) -> tuple[str, ...]:
    """Exclude globs for the vault's template folders (`folder/**`) and template files."""
    globs: list[str] = []
    for name, keys in _FOLDERS:
        globs += [glob.escape(path) + "/**" for path in _paths(root / SETTINGS / name, keys)]
    for name, keys in _FILES:
        globs += [glob.escape(path if is_note_path(path) else path + ".md")  # `Daily v1.0` is a note's name too
                  for path in _paths(root / SETTINGS / name, keys)]
    return tuple(dict.fromkeys(globs))


def _paths(settings: Path, keys: tuple[str, ...]) -> Iterator[str]:
    """The vault paths held under `keys` anywhere in a settings file."""
    try:
        if settings.stat().st_size > MAX_SETTINGS_BYTES:
            return
        data = json.loads(settings.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return
    for value in _values(data, keys):
        path = _vault_path(value)
        if path:
            yield path


def _values(data: object, keys: tuple[str, ...]) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in keys and isinstance(value, str):
                    yield value
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _vault_path(value: str) -> str:
    """`40 - Obsidian/模板/`, `./Templates` -> a clean vault path; "" for the vault itself, an
    absolute path or one that leaves the vault."""
    path = posixpath.normpath(value.strip().replace("\\", "/")) if value.strip() else ""
    if not path or path in (".", "/") or path.startswith(("/", "../")) or path == ".." or ":" in path[:2]:
        return ""
    return path


__all__ = ["template_globs"]
