"""The theme's file list, kept between `mkdocs serve` rebuilds while the theme's folders are unchanged.

Every build, MkDocs lists all of the theme's files to copy the static ones into the site
(`Files.add_files_from_theme`): Material's folders hold ~14,500 files (its icons), each matched
against a dozen patterns. That listing was ~19 % of a rebuild with nothing changed (1,000-note
vault, profiled). Under `mkdocs serve` the list is given again while every folder it was read
from has the same modification time (a file added, removed or renamed in a folder changes it),
with the same folders and the same static templates asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2

THEME_FILES = "Files.add_files_from_theme.<locals>.filter"
"""The filter MkDocs passes when it lists the theme's static files: the only call kept."""

Stamps = dict[str, int | None]
"""Folder -> its modification time (ns); None for a theme folder that did not exist."""


def _stamp(folder: str) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return None


def folder_stamps(searchpath: list[str], followlinks: bool) -> Stamps:
    """Every folder a `FileSystemLoader` walks to list its templates, with its time."""
    stamps: Stamps = {}
    for top in searchpath:
        stamps[top] = _stamp(top)
        for parent, _, _ in os.walk(top, followlinks=followlinks):
            stamps.setdefault(parent, _stamp(parent))
    return stamps


@dataclass
class KeptListing:
    """The last list of the theme's static files, and what it was read from."""

    key: tuple[object, ...] | None = None
    stamps: Stamps = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    listed: int = 0
    """How many times the folders were read (tests)."""

    def fresh(self, key: tuple[object, ...]) -> bool:
        return key == self.key and all(_stamp(folder) == stamp for folder, stamp in self.stamps.items())

    def names_of(self, loader: jinja2.FileSystemLoader, key: tuple[object, ...],
                 keep: Callable[[str], bool]) -> list[str]:
        if not self.fresh(key):
            # stamped before reading: a folder changed meanwhile is read again on the next build
            stamps = folder_stamps(list(loader.searchpath), loader.followlinks)
            self.names = [name for name in loader.list_templates() if keep(name)]
            self.key, self.stamps = key, stamps
            self.listed += 1
        return list(self.names)


def keep_theme_listing(env: jinja2.Environment, kept: KeptListing, static_templates: tuple[str, ...]) -> None:
    """Answer MkDocs' listing of the theme's static files in `env` from `kept`. Any other listing
    (another plugin's filter, another loader put in since) is the environment's own."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return
    plain = env.list_templates

    def list_templates(extensions: object = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
        if extensions is None and filter_func is not None and env.loader is loader \
                and getattr(filter_func, "__qualname__", "") == THEME_FILES:
            key = (tuple(loader.searchpath), loader.followlinks, static_templates)
            return kept.names_of(loader, key, filter_func)
        return plain(extensions=extensions, filter_func=filter_func)  # type: ignore[arg-type]

    env.list_templates = list_templates  # type: ignore[method-assign]
