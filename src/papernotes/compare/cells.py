"""A comparison cell as HTML for one page: its Markdown rendered (links, math, code), its
wikilinks pointed at their pages from that page, and the result sanitised."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.compare.attributes import Cell
from papernotes.markdown.html import render_inline
from papernotes.markdown.structure import html_image_sources
from papernotes.model import Link
from papernotes.pages import Site
from papernotes.pages.links import html_text
from papernotes.paths import has_scheme, stem
from papernotes.render import page_url, relative_src
from papernotes.resolve import Resolved
from papernotes.sanitize import sanitize_html

_MARKUP_RE = re.compile(r"[\[\]`$*_<>&~=:\\!#^]")
"""Characters without which a cell is plain text: it is escaped, not parsed."""
_BROKEN = {"class": "pn-broken", "title": "not a page of this site"}


def cell_html(cell: Cell, site: Site, base: str) -> str:
    """The cell for the page built from `base` (a source path such as `topics/diffusion.md`)."""
    if not _MARKUP_RE.search(cell.markdown):
        return html_text(cell.markdown)
    links = list(cell.links)

    def rewrite(children: list[Token]) -> None:
        _point_links(children, links, site, base)

    rendered = render_inline(cell.markdown, src=base, url=page_url(base, site.links.use_directory_urls),
                             url_of=site.links.url_of, rewrite=rewrite)
    return sanitize_html(" ".join(rendered.split("\n")))


def _target(resolved: Resolved | None, site: Site, base: str) -> str | None:
    """A relative source path (`../Latte.md#method`) the page's link rewriting turns into a URL;
    None for a link that must stay text (missing, or a private note)."""
    if resolved is None or (resolved.is_note and resolved.key not in site.links.published):
        return None
    src = site.src_of(resolved.key) if resolved.is_note else resolved.key
    return relative_src(src, base) + (f"#{resolved.anchor}" if resolved.anchor and resolved.is_note else "")


def _point_links(children: list[Token], links: list[tuple[Link, Resolved | None]], site: Site, base: str) -> None:
    """Walks the cell's tokens in the loader's order (papernotes.markdown.structure), so the
    n-th link token is the n-th link the graph resolved."""
    position = 0
    replaced: list[Token] = []
    for child in children:
        kind = child.type
        if kind in ("wikilink", "embed", "link_open", "image"):
            resolved = links[position][1] if position < len(links) else None
            position += 1
            if kind in ("wikilink", "embed"):
                replaced += _wikilink(child, _target(resolved, site, base), resolved.label if resolved else "")
                continue
            if kind == "image":  # a picture in a comparison cell: its alt text
                replaced.append(_text(child.content or ""))
                continue
            if not has_scheme(str(child.attrGet("href") or "")):  # a URL stays as written
                target = _target(resolved, site, base)
                if target is None:
                    child.tag, child.attrs = "span", dict(_BROKEN)
                else:
                    child.attrSet("href", target)
        elif kind == "html_inline":
            position += len(html_image_sources(child.content))
        replaced.append(child)
    children[:] = replaced


def _wikilink(token: Token, target: str | None, shown: str = "") -> Sequence[Token]:
    """The link to `target`, showing `shown` (a link read in Dendron's order), else its text."""
    meta = token.meta
    label = shown or meta.get("alias") or (stem(meta["target"]) if meta.get("target") else "") \
        or str(meta.get("fragment", "")).lstrip("^") or token.content
    if target is None:
        return [_text(label)]
    opening = Token("link_open", "a", 1)
    opening.attrSet("href", target)
    return [opening, _text(label), Token("link_close", "a", -1)]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
