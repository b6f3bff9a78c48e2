"""Templates papernotes puts in front of the theme's (its memos of Material's partials), with the
theme's own templates still reachable, through the theme's own loader, as `papernotes-theme/NAME`.

One loader goes in front, whatever number of templates papernotes puts there: the theme's
loader (a `custom_dir` first, then Material's folder) stays behind it, unchanged, so a user's
override of a partial is still found by the theme's own name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2

THEME = "papernotes-theme"  # `THEME/partials/nav.html`: the template the theme's own loader finds
_JINJA = ("{{", "{%", "{#")


class _Front(jinja2.DictLoader):
    """papernotes' templates in front of the theme's."""

    def __init__(self, templates: dict[str, str]) -> None:
        super().__init__(templates)
        self.templates = templates  # the loader's own mapping


def put_in_front(env: jinja2.Environment, name: str, source: str) -> None:
    """`source` found as `name` before the theme's template of that name (see the module)."""
    loader = env.loader
    assert loader is not None
    if isinstance(loader, jinja2.ChoiceLoader) and loader.loaders and isinstance(loader.loaders[0], _Front):
        loader.loaders[0].templates[name] = source
        return
    env.loader = jinja2.ChoiceLoader([_Front({name: source}), jinja2.PrefixLoader({THEME: loader}), loader])


class TrackingLoader(jinja2.BaseLoader):
    """The theme's loader, noting each template it gives: (file name, source)."""

    def __init__(self, inner: jinja2.BaseLoader, seen: list[tuple[str | None, str]]) -> None:
        self.inner, self.seen = inner, seen

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        self.seen.append((filename, source))
        return source, filename, uptodate


def is_theme_file(filename: str | None, source: str, theme_dir: Path) -> bool:
    """Whether a template is the theme's own file (in `theme_dir`), or has no Jinja in it at all
    (an icon: the same text whatever the page)."""
    if not any(mark in source for mark in _JINJA):
        return True
    if filename is None:
        return False
    return Path(os.path.realpath(filename)).is_relative_to(os.path.realpath(theme_dir))
