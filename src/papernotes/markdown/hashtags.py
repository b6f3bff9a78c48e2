"""Inline rule for Obsidian `#tags` (also nested `#a/b`), never inside code, URLs or math."""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_TAG_PUNCTUATION = "_-/"


def _is_tag_char(char: str) -> bool:
    return char.isalnum() or char in _TAG_PUNCTUATION or _is_cjk_mark(char)


def _is_cjk_mark(char: str) -> bool:
    # Combining marks (e.g. Devanagari vowel signs) are part of a word to a reader.
    return unicodedata.category(char).startswith("M")


def tag_end(src: str, start: int, maximum: int) -> int:
    """End of the tag body starting at `start` (just after `#`); `start` when there is none."""
    pos = start
    while pos < maximum and _is_tag_char(src[pos]):
        pos += 1
    while pos > start and src[pos - 1] in "/-":
        pos -= 1
    return pos


def hashtag_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "#":
        return False
    # Obsidian only reads `#` as a tag at the start of a line or after whitespace: `a#b`,
    # `https://x/#frag` and `C#` are text.
    if pos > 0 and not src[pos - 1].isspace():
        return False
    end = tag_end(src, pos + 1, state.posMax)
    body = src[pos + 1 : end]
    if not body or body.replace("/", "").replace("-", "").replace("_", "").isdigit():
        return False
    if not silent:
        token = state.push("hashtag", "", 0)
        token.content = src[pos:end]
        token.meta = {"tag": body}
    state.pos = end
    return True


def hashtags_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "hashtag", hashtag_rule)
