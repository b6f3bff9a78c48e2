"""The theme's folders, files and templates as MkDocs finds them, read from mkdocs.yml without MkDocs.

`papernotes check` needs what the build learns from MkDocs: which files the theme copies into the
site (a note must not land on `assets/javascripts/bundle.js`), which static templates it renders
(`404.html`, `sitemap.xml`), and whether a note's `template:` or `icon:` names one it has. MkDocs'
rules are followed: the folders are `custom_dir`, the theme's (then those of the themes it
`extends`), then MkDocs' own templates; a theme is found by its `mkdocs.themes` entry point.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib.metadata
import importlib.util
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from papernotes.mkdocs_yml import ThemeConfig
from papernotes.outputs import PAGE_SUFFIXES
from papernotes.page_meta import HasTemplate

_NOT_COPIED = ("*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml", "locales/*",
               *(f"*{suffix}" for suffix in PAGE_SUFFIXES))


@dataclass(frozen=True, slots=True)
class Theme:
    """The folders MkDocs looks up templates in, first first, and the templates it renders as files."""

    dirs: tuple[Path, ...]
    static_templates: tuple[str, ...]


def _package_dir(module: str) -> Path | None:
    """The folder of a module such as `material.templates`, found without importing it."""
    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)), *rest)


def theme_dir(name: str) -> Path | None:
    """The folder of an installed theme (`material`, `mkdocs`, `readthedocs`...)."""
    for entry in importlib.metadata.entry_points(group="mkdocs.themes"):
        if entry.name == name:
            return _package_dir(entry.value.split(":")[0])
    return None


def _theme_yml(folder: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load((folder / "mkdocs_theme.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def find_theme(config: ThemeConfig) -> Theme:
    """The folders and static templates MkDocs' `Theme` has for `theme:` of mkdocs.yml."""
    dirs = [config.custom_dir] if config.custom_dir is not None else []
    mkdocs_templates = _package_dir("mkdocs.templates")
    static = set(os.listdir(mkdocs_templates)) if mkdocs_templates and mkdocs_templates.is_dir() else set()
    name, seen = config.name, set()
    while name and name not in seen:
        seen.add(name)
        folder = theme_dir(name)
        if folder is None:
            break
        dirs.append(folder)
        found = _theme_yml(folder)
        listed = found.get("static_templates")
        if isinstance(listed, list):
            static.update(item for item in listed if isinstance(item, str))
        extends = found.get("extends")
        name = extends if isinstance(extends, str) else None
    if mkdocs_templates is not None:
        dirs.append(mkdocs_templates)
    static.update(config.static_templates)
    return Theme(tuple(dirs), tuple(sorted(static)))


def _templates(dirs: Iterable[Path]) -> list[str]:
    """Every file under the folders, as Jinja's FileSystemLoader lists them: `a/b.css`, each once."""
    found: set[str] = set()
    for folder in dirs:
        for parent, _, names in os.walk(folder):
            relative = Path(parent).relative_to(folder).as_posix()
            found.update(name if relative == "." else f"{relative}/{name}" for name in names)
    return sorted(found)


def theme_files(theme: Theme) -> list[str]:
    """The theme's files MkDocs copies into the site (`Files.add_files_from_theme`): every file
    but dot files, templates, Python, read-mes, translations, pages and the static templates.
    A vault file at the same path is copied instead of the theme's: the caller leaves those out."""
    patterns = (".*", "*/.*", *_NOT_COPIED, *theme.static_templates)
    return [name for name in _templates(theme.dirs)
            if not any(fnmatch.fnmatch(name.lower(), pattern) for pattern in patterns)]


def template_lookup(theme: Theme) -> HasTemplate:
    """Whether the theme has a template (or an icon, `.icons/x.svg`), as its Jinja loader finds it."""

    @functools.lru_cache(maxsize=1024)
    def has(name: str) -> bool:  # os.path.isfile: False, never an error, for a name too long for the system
        return any(os.path.isfile(os.path.join(folder, name)) for folder in theme.dirs)

    return has


__all__ = ["Theme", "find_theme", "template_lookup", "theme_dir", "theme_files"]
