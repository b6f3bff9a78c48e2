"""Raw HTML in notes, made safe the way Obsidian does: kept, but nothing in it can run.

The rendered HTML of a note (before the site's own chrome is added)
goes through nh3 (the Rust `ammonia` sanitizer) with an allow-list: the markup Markdown and the
site's extensions produce (admonitions, details, tables, task lists, highlighted code, KaTeX
spans, images with a width, `pn-*` classes, heading ids and permalinks) and the HTML people
write in notes (Typora's `<img style="zoom:50%">`, `<center>`, `<font color>`, `<kbd>`, video
and iframes from http(s) sources). Everything else goes: `<script>`, `<style>`, `on*` handlers,
`javascript:` and `data:text/html` URLs, `srcdoc`, `<meta http-equiv=refresh>`, `<base>`,
`<form>`, `<object>`, and HTML comments (which Obsidian never shows, so they may hold private text).
"""

from __future__ import annotations

import re

import nh3

from papernotes.paths import shown

TAGS = frozenset(nh3.ALLOWED_TAGS) | {
    "audio", "source", "track", "video", "iframe", "input", "label", "font", "progress", "tfoot",
    "section", "main", "s", "u",
}
# Removed with their content, not just the tags: their text is code or style, never prose.
CONTENT_DROPPED = frozenset({"script", "style", "noscript", "template", "title", "textarea", "select"})

_GLOBAL = {"class", "id", "title", "style", "lang", "dir", "align", "role", "aria-label", "aria-hidden",
           "name", "hidden"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "target", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "video": {"src", "controls", "width", "height", "poster", "loop", "muted", "preload", "playsinline"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "source": {"src", "type", "srcset", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading",
               "referrerpolicy", "scrolling"},
    "input": {"checked", "disabled"},
    "label": {"for"},
    "font": {"color", "size", "face"},
    "progress": {"value", "max"},
    "details": {"open"},
    "ol": {"start", "type", "reversed"},
    "td": {"align", "colspan", "rowspan", "headers"},
    "th": {"align", "colspan", "rowspan", "headers", "scope"},
    "code": {"class"},
    "tr": {"data-pn-authors", "data-pn-venue"},  # the Papers table's author and venue filters (text only)
}
# Task list checkboxes only: a note cannot add text fields or buttons to the page.
ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}}
URL_SCHEMES = frozenset(nh3.ALLOWED_URL_SCHEMES) | {"data", "zotero"}
"""`zotero:` (`zotero://select/…`, `zotero://open-pdf/…`, written by Zotero's Obsidian plugins)
asks the reader's browser to open the Zotero desktop app, as `mailto:` opens a mail app: it runs
nothing in the page, and the browser asks before starting the app."""
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "srcset"})
# `data:` URLs only as images, and not SVG (which can carry script when opened on its own).
_DATA_IMAGE_RE = re.compile(r"^\s*data:image/(?:png|jpe?g|gif|webp|avif|bmp);", re.IGNORECASE)
_EMBED_SCHEMES_RE = re.compile(r"^\s*https?://", re.IGNORECASE)
STYLE_PROPERTIES = frozenset({
    "color", "background-color", "background", "text-align", "vertical-align", "font-weight",
    "font-style", "font-size", "font-family", "text-decoration", "width", "height", "max-width",
    "max-height", "min-width", "min-height", "zoom", "margin", "margin-left", "margin-right",
    "margin-top", "margin-bottom", "padding", "padding-left", "padding-right", "padding-top",
    "padding-bottom", "border", "border-radius", "display", "float", "clear", "white-space",
    "line-height", "list-style-type", "text-indent", "opacity",
})


# What a browser's URL parser drops before it reads a scheme: C0 controls and spaces around the
# URL, tabs and line breaks anywhere (`da\nta:` is `data:`; nh3 itself drops the controls).
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_BREAKS_RE = re.compile(r"[\t\n\r]+")


def _as_parsed(value: str) -> str:
    """`value` as a browser reads its scheme (see above)."""
    return _URL_BREAKS_RE.sub("", value.strip(_URL_EDGES))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """URLs nh3 lets through by scheme, narrowed: `data:` only for raster images, frames and
    media only from http(s) (or relative) sources, `zotero:` only in a link's `href`; each
    scheme read as a browser reads it (`_as_parsed`)."""
    if attribute not in URL_ATTRIBUTES:
        return value
    url = _as_parsed(value)
    if url[:5].lower() == "data:":
        return value if tag == "img" and attribute == "src" and _DATA_IMAGE_RE.match(value) else None
    if tag == "iframe" and attribute == "src" and ":" in url.split("/", 1)[0]:
        return value if _EMBED_SCHEMES_RE.match(value) else None
    if url[:7].lower() == "zotero:":
        return value if attribute == "href" and value.lstrip()[:7].lower() == "zotero:" else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CONTENT_DROPPED),
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,  # internal links keep their markup; browsers imply noopener for target=_blank
    tag_attribute_values=ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)


def sanitize_html(html: str) -> str:
    """A note's rendered HTML with everything that could run script removed; markup kept; and
    without bidi overrides (`paths.shown`): its headings are also the table of contents, its link
    texts also search results and previews."""
    if not html:
        return html
    return shown(_CLEANER.clean(html))


__all__ = ["sanitize_html"]
