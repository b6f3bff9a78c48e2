"""Inline rule for Pandoc citations: `[@key]`, `[see @key, p. 3]`, `[@a; @b]`, `[-@key]` and bare `@key`.

Keys follow Pandoc: a letter, digit or `_`, then word characters and internal punctuation
(`:.#$%&-+?<>~/`), never ending in punctuation. A bare `@key` counts only after a space, a line
start or an opening bracket, so `me@example.org` stays an email address; code spans and code
blocks are never read (the parser gives them their own tokens).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

KEY = r"[\w](?:[\w:.#$%&\-+?<>~/]*[\w])?"
_KEY_RE = re.compile(KEY)
# Linear: one `@` per item is checked first, and the prefix is stripped afterwards (`\s*[^@]*?\s*`
# would try every split of a run of spaces: cubic on a long item without `@`).
_ITEM_RE = re.compile(rf"\A(?P<prefix>[^@]*?)(?P<minus>-?)@(?P<key>{KEY})(?P<suffix>[^@]*)$", re.DOTALL)
_BEFORE_BARE = " \t\n([{\"'“‘（【"


def _items(inner: str) -> list[tuple[str, str, str, bool]] | None:
    """(prefix, key, locator, suppress author) of each `;`-separated item; None when an item has no key."""
    found = []
    for part in inner.split(";"):
        match = _ITEM_RE.match(part) if part.count("@") == 1 else None
        if match is None:
            return None
        locator = match.group("suffix").strip().lstrip(",").strip()
        found.append((match.group("prefix").strip(), match.group("key"), locator, match.group("minus") == "-"))
    return found


def _bracketed(state: StateInline, silent: bool) -> bool:
    src, pos, maximum = state.src, state.pos, state.posMax
    if src[pos] != "[":
        return False
    end = pos + 1
    while end < maximum and src[end] not in "[]\n":
        end += 1
    if end >= maximum or src[end] != "]" or "@" not in src[pos:end]:
        return False
    if end + 1 < maximum and src[end + 1] in "([":  # `[@user](url)`, `[@x][ref]`: a link
        return False
    items = _items(src[pos + 1 : end])
    if not items:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.content = src[pos : end + 1]
        token.meta = {"items": items, "bracketed": True}
    state.pos = end + 1
    return True


def _bare(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "@" or (pos > 0 and src[pos - 1] not in _BEFORE_BARE):
        return False
    match = _KEY_RE.match(src, pos + 1, state.posMax)
    if match is None or not (match.group(0)[0].isalpha() or match.group(0)[0] == "_"):
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.content = src[pos : match.end()]
        token.meta = {"items": [("", match.group(0), "", False)], "bracketed": False}
    state.pos = match.end()
    return True


def citations_plugin(md: MarkdownIt) -> None:
    # Before `link`, so `[@key]` is a citation, not a shortcut reference link to nothing.
    md.inline.ruler.before("link", "citation", _bracketed)
    md.inline.ruler.before("link", "citation_bare", _bare)
