"""Material's navigation rendered once for every page it looks the same on, not once per page.

Material renders the whole navigation into every page (`partials/nav.html`): on a page that is
not itself in the navigation (every note's page), nothing in it is marked active and no item is
that page, so Material's templates take the same path on all of them; the only thing that
differs is the links, which MkDocs' `url` filter makes relative to the page. The memo renders
the theme's own template (through the theme's loader, never a copy of it), learns which values
it passed to the `url` filter, and reuses the HTML for every later page on which those values
turn into the same links.

It stands aside, and the page is rendered as the theme would, whenever it cannot tell the HTML
would be the same: a page in the navigation (which also empties the memo: a page of the
navigation may change what the navigation shows), an active item, a `url` filter that is not
MkDocs' own, or a template that is not Material's (a `custom_dir` overriding `nav.html`, its
items, the logo...) unless it has no Jinja in it at all (an icon).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from papernotes.theme_front import THEME, TrackingLoader, is_theme_file, put_in_front

NAV = "partials/nav.html"
GLOBAL = "papernotes_nav"
OVERRIDE = (f"{{%- set papernotes_html = {GLOBAL}() -%}}"
            f'{{%- if papernotes_html is none %}}{{% include "{THEME}/{NAV}" %}}'
            "{% else %}{{ papernotes_html }}{% endif -%}")


def _is_mkdocs_url(function: object) -> bool:
    return getattr(function, "__module__", None) == "mkdocs.utils.templates" and \
        getattr(function, "__name__", None) == "url_filter"


def _items(nav: Any) -> Iterator[Any]:
    stack = list(getattr(nav, "items", None) or ())
    while stack:
        item = stack.pop()
        yield item
        stack.extend(getattr(item, "children", None) or ())


def in_nav(page: object, nav: object) -> bool:
    """Whether the navigation shows `page` as its own (an item is the page or active), as
    Material's templates ask it (`nav_item == page`, `page in nav_item.pages`, `nav_item.active`)."""
    for item in _items(nav):
        if getattr(item, "active", False) or item == page:
            return True
        pages = getattr(item, "pages", None)
        if pages and page in pages:
            return True
    return False


@dataclass
class NavMemo:
    """The `papernotes_nav` global of the theme's environment (see the module's docstring)."""

    env: jinja2.Environment = field(repr=False)
    theme_dir: Path  # Material's templates
    enabled: bool = True
    urls: tuple[str, ...] | None = None  # what the theme's nav passed to `url`, learnt from its first render
    cache: dict[tuple[object, ...], Markup] = field(default_factory=dict, repr=False)
    renders: int = 0  # the navigation rendered by the memo
    reused: int = 0  # ... and taken from it
    _overlay: jinja2.Environment | None = field(default=None, repr=False)
    _recorded: set[str] = field(default_factory=set, repr=False)
    _loaded: list[tuple[str | None, str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        def call(context: Context) -> Markup | None:
            return self.render(context)

        self.call: Callable[..., Markup | None] = jinja2.pass_context(call)

    def render(self, context: Context) -> Markup | None:
        """The navigation's HTML for the page being rendered, or None: the theme renders it."""
        page, nav = context.get("page"), context.get("nav")
        if not self.enabled or page is None or nav is None:
            return None
        if in_nav(page, nav):
            self.cache.clear()
            return None
        url = self.env.filters.get("url")
        if not _is_mkdocs_url(url):
            self.enabled = False
            return None
        features = context.get("features")
        if self.urls is not None:
            key = self._key(context, url, features)
            if key in self.cache:
                self.reused += 1
                return self.cache[key]
        html = self._render(context, url)
        if html is None:
            return None
        self.urls = self.urls if self.urls is not None else tuple(sorted(self._recorded))
        if not self._recorded.issubset(self.urls):  # pragma: no cover  (Material's nav takes one path on such pages)
            self.enabled = False
            self.cache.clear()
            return html
        self.cache[self._key(context, url, features)] = html
        return html

    def _key(self, context: Context, url: Any, features: object) -> tuple[object, ...]:
        assert self.urls is not None
        return (context.get("base_url"), repr(features), *(url(context, value) for value in self.urls))

    def _render(self, context: Context, url: Any) -> Markup | None:
        """The theme's navigation rendered as `{% include %}` would, the values given to `url` noted."""
        if self._overlay is None:
            self._overlay = self._make_overlay(url)
        self._recorded.clear()
        template = self._overlay.get_template(f"{THEME}/{NAV}")
        if not all(self._material(filename, source) for filename, source in self._loaded):
            self.enabled = False
            return None
        html = self._overlay.concat(template.root_render_func(template.new_context(context.get_all(), True)))  # type: ignore[attr-defined]
        if not all(self._material(filename, source) for filename, source in self._loaded):
            # this page's HTML is right (the theme's own templates made it); later pages go the theme's way
            self.enabled = False
        self.renders += 1
        return Markup(html)

    def _make_overlay(self, url: Any) -> jinja2.Environment:
        recorded = self._recorded

        @jinja2.pass_context
        def noted_url(context: Context, value: object) -> str:
            recorded.add(str(value))
            return url(context, str(value))  # type: ignore[no-any-return]

        assert self.env.loader is not None
        overlay = self.env.overlay(loader=TrackingLoader(self.env.loader, self._loaded), cache_size=100)
        overlay.filters = {**self.env.filters, "url": noted_url}
        return overlay

    def _material(self, filename: str | None, source: str) -> bool:
        return is_theme_file(filename, source, self.theme_dir)


def install(env: jinja2.Environment, theme_dir: Path) -> NavMemo | None:
    """Put the memo in front of the theme's `partials/nav.html` (Material's, `theme_dir`): the
    theme's template stays reachable as `papernotes-theme/partials/nav.html` through the theme's
    own loader, so a `custom_dir` keeps overriding it. None when MkDocs' `url` filter is not there."""
    if env.loader is None or not _is_mkdocs_url(env.filters.get("url")):
        return None
    memo = NavMemo(env, theme_dir)
    put_in_front(env, NAV, OVERRIDE)
    env.globals[GLOBAL] = memo.call
    return memo


__all__ = ["NavMemo", "in_nav", "install"]
