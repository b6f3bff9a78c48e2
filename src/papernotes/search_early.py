"""Pagefind fed a page before it is written: MkDocs renders every page's content before it writes
the first, so a page's content can go to Pagefind while the other core would otherwise idle,
and the bundle be written while MkDocs writes the pages, not after the last one.

Pagefind reads of a page with a `data-pagefind-body` element only that element (its text, its
`data-pagefind-meta` title), the `<html lang>`, `data-pagefind-*` attributes anywhere, and, for
its automatic `image`, an `<img>` that follows the first `<h1>`, including one in the theme's
chrome after the content. So Pagefind is given the content in a document of its own
(`search_document`) with the language the theme will write; once the page is written,
`same_for_search` checks that the written page gives Pagefind nothing else (a theme or plugin
that adds an image, a filter, another language or changes the content makes the build read
every page back instead). A bundle made this way is the same bytes as one made from the written
pages (`tests/test_search.py`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

_HTML_TAG_RE = re.compile(r"<html\b[^>]*+>", re.IGNORECASE)
_LANG_RE = re.compile(r"""\slang=(?:"([^"]*+)"|'([^']*+)'|([^\s"'>]++))""", re.IGNORECASE)
_IMG_RE = re.compile(r"<img\b", re.IGNORECASE)
_H1_RE = re.compile(r"<h1\b", re.IGNORECASE)
_MARK = "data-pagefind-"
_IGNORE = "data-pagefind-ignore"


def page_language(theme: Mapping[str, object]) -> str:
    """The `<html lang>` the theme is expected to write: Material's `language`, MkDocs' own
    themes' `locale`, else `en` (checked on every written page by `same_for_search`)."""
    value = theme.get("language") or theme.get("locale") or "en"
    return str(value)


def search_document(content: str, language: str) -> str:
    """What Pagefind is given for a page whose content is `content`."""
    return f'<!doctype html><html lang="{html.escape(language)}"><head></head><body>{content}</body></html>'


def _language(tag: str) -> str | None:
    found = _LANG_RE.search(tag)
    if found is None:
        return None
    return html.unescape(next(value for value in found.groups() if value is not None))


def same_for_search(output: str, content: str, language: str) -> bool:
    """Whether Pagefind reads the written page `output` as it read `search_document(content,
    language)`: the content is in it as given, under `<html lang=language>`, and the chrome
    around it has no `data-pagefind-*` attribute but `data-pagefind-ignore`, no `<img>` after
    the content, and no `<img>` after an `<h1>` before it."""
    at = output.find(content) if content else -1
    if at < 0:
        return False
    before, after = output[:at], output[at + len(content):]
    tag = _HTML_TAG_RE.search(before)
    if tag is None or _language(tag.group()) != language:
        return False
    for part in (before.lower(), after.lower()):
        if part.count(_MARK) != part.count(_IGNORE):
            return False
    heading = _H1_RE.search(before)
    return not _IMG_RE.search(after) and not (heading is not None and _IMG_RE.search(before, heading.end()))
