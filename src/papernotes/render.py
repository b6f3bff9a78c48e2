"""Safe output: the Jinja2 environment for HTML blocks and escaping of user text in Markdown."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import markupsafe

from papernotes.paths import shown
from papernotes.template_cache import template_cache

# No `(` `)`: a backslash before `(` starts inline math for arithmatex;
# `[` `]` are escaped, so `](` never forms anyway.
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]#+\-.!|~=^$>])")


def escape_md(text: str) -> str:
    """User text (a title, a tag, a cell) as Markdown that shows exactly that text.

    `<` and `&` become entities (a backslash before `<` is not an escape in every renderer), so
    `<script>` in a title is shown, never run; Markdown punctuation is backslash-escaped.
    """
    text = " ".join(text.split())
    return _MD_SPECIAL_RE.sub(r"\\\1", html.escape(text, quote=False))


def escape_cell(text: str) -> str:
    """Like `escape_md`, for a pipe-table cell (a `|` would end the cell)."""
    return escape_md(text).replace("\\|", "&#124;")


def url_path(path: str) -> str:
    """A relative path as it goes into a Markdown link: spaces, CJK, `#`, `()` percent-encoded."""
    return quote(path, safe="/")


@lru_cache(maxsize=2**14)  # the same folders and targets come back on every page
def _parts(path: str) -> tuple[str, ...]:
    """A relative path's parts, without the empty and `.` ones."""
    return tuple(part for part in path.split("/") if part not in ("", "."))


def _relpath(target: str, start: str) -> str:
    """`posixpath.relpath` for two relative paths, without its two `abspath` calls (it runs for
    every link of every generated page and footer: ~67,000 times at 1,000 notes, nearly every
    pair a new one, so the paths' parts are what is cached, not the pairs)."""
    to, origin = _parts(target), _parts(start)
    if ".." in to or ".." in origin:
        return posixpath.relpath(target, start)
    shared, most = 0, min(len(to), len(origin))
    while shared < most and to[shared] == origin[shared]:
        shared += 1
    return "/".join(("..",) * (len(origin) - shared) + to[shared:]) or "."


@lru_cache(maxsize=2**17)  # generated pages link the same pairs on every `mkdocs serve` rebuild
def relative_src(target_src: str, base_src: str) -> str:
    """The path of one docs file seen from another's folder: `a/b.md`, `c/d.md` -> `../a/b.md`."""
    return _relpath(target_src, posixpath.dirname(base_src) or ".")


def md_link(text_md: str, target_src: str, base_src: str, anchor: str = "") -> str:
    """`[text](relative.md#anchor)` with `text_md` already valid Markdown."""
    href = url_path(relative_src(target_src, base_src))
    if anchor:
        href += "#" + anchor  # MkDocs compares anchors as written; slugs have no spaces
    return f"[{text_md}]({href})"


def page_url_dir(src: str, use_directory_urls: bool) -> str:
    """The folder of a page's URL, for paths in raw HTML that MkDocs does not rewrite."""
    folder, name = posixpath.split(src)
    stem = posixpath.splitext(name)[0]
    if use_directory_urls and stem not in ("index", "README"):
        return posixpath.join(folder, stem)
    return folder


def shipped_templates() -> str:
    """The folder of papernotes' own templates: inside the installed wheel, else the source checkout."""
    packaged = resources.files("papernotes") / "templates"
    if packaged.is_dir():
        return str(packaged)
    return str(Path(__file__).resolve().parents[2] / "templates")


@lru_cache(maxsize=8)
def environment(overrides: str | None = None) -> jinja2.Environment:
    """Autoescaping, StrictUndefined: a typo in a template fails loudly, user text never runs;
    no bidi override in any value shown (`paths.shown`: a backlink's line of text, a table cell).

    A template in `overrides` (the `templates_dir` option) wins over the shipped one of that name.
    """
    dirs = ([overrides] if overrides else []) + [shipped_templates()]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=True,
        finalize=_shown_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=template_cache(),  # compiled once, not in every build
    )


def _shown_value(value: Any) -> Any:
    if isinstance(value, str) and not value.isascii():  # Markup too: removing characters keeps it safe
        return type(value)(shown(value)) if isinstance(value, markupsafe.Markup) else shown(value)
    return value


def render(template: str, context: Mapping[str, Any], *, overrides: str | None = None) -> str:
    return environment(overrides).get_template(template).render(**context)


@lru_cache(maxsize=65536)  # every page's footer links to the same few dozen pages
def page_url(src: str, use_directory_urls: bool) -> str:
    """The site URL of a docs page, as MkDocs computes it: `a/B c.md` -> `a/B%20c/`."""
    if not src.lower().endswith((".md", ".markdown")):
        return url_path(src)
    folder = page_url_dir(src, use_directory_urls)
    if use_directory_urls:
        return url_path(folder + "/") if folder else "./"
    return url_path(posixpath.splitext(src)[0] + ".html")


@lru_cache(maxsize=2**17)
def relative_url(target: str, from_url: str) -> str:
    """`target` (a site URL) as seen from the page at `from_url`, for hrefs in rendered HTML."""
    target_path, mark, fragment = target.partition("#")
    target_path = target_path or "./"  # MkDocs' URL of the home page is ""
    rel = _relpath(target_path.rstrip("/") or ".", _url_dir(from_url))
    if target_path[-1] == "/" and rel != ".":
        rel += "/"
    return ("./" if rel == "." else rel) + mark + fragment


@lru_cache(maxsize=2**12)  # a page's links are made one after the other
def _url_dir(url: str) -> str:
    return (url if url.endswith("/") else posixpath.dirname(url)).rstrip("/") or "."


def forget_urls() -> None:
    """Empty the caches of paths and URLs (hundreds of thousands of strings on a large site):
    once every page is written, `mkdocs build` needs them no more."""
    for cached in (relative_src, page_url, relative_url, _parts, _url_dir):
        cached.cache_clear()


def counted(count: int, noun: str) -> str:
    """`1 paper`, `2 papers`: English plurals for the counts pages and messages show."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
