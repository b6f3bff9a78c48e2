"""Inline rule for Obsidian wikilinks `[[target#fragment|alias]]` and embeds `![[target|size]]`."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline


@dataclass(frozen=True, slots=True)
class WikiTarget:
    target: str
    fragment: str
    alias: str


def split_wikilink(inner: str) -> WikiTarget:
    """Split the text between `[[` and `]]`: `dir/a#Heading|alias` -> target, fragment, alias.

    Inside tables Obsidian users escape the alias pipe as `\\|`; markdown-it already turns a
    cell's `\\|` into `|`, but a stray backslash before the pipe is still dropped here.
    """
    target, _, alias = inner.partition("|")
    target = target.rstrip("\\")
    target, _, fragment = target.partition("#")
    return WikiTarget(target.strip(), fragment.strip(), alias.strip())


def _closing(src: str, start: int, maximum: int) -> int:
    """Index of the `]]` closing a wikilink whose text starts at `start`, or -1.

    A wikilink never spans lines and never contains brackets, so the scan stops at the first
    `[`, `]` or newline: `[[Paper](url)]` (a link inside brackets) is not a wikilink.
    """
    pos = start
    while pos < maximum:
        char = src[pos]
        if char == "]":
            return pos if pos + 1 < maximum and src[pos + 1] == "]" else -1
        if char in "[\n":
            return -1
        pos += 1
    return -1


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, pos, maximum = state.src, state.pos, state.posMax
    embed = src.startswith("![[", pos)
    opener = pos + 1 if embed else pos
    if not src.startswith("[[", opener):
        return False
    end = _closing(src, opener + 2, maximum)
    if end < 0:
        return False
    inner = src[opener + 2 : end]
    if not inner.strip():
        return False
    if not silent:
        parts = split_wikilink(inner)
        token = state.push("embed" if embed else "wikilink", "", 0)
        token.content = src[pos : end + 2]
        token.meta = {"target": parts.target, "fragment": parts.fragment, "alias": parts.alias}
    state.pos = end + 2
    return True


def wikilinks_plugin(md: MarkdownIt) -> None:
    # Before `link` (and so before `image`), so `![[x]]` and `[[x]]` are never read as CommonMark brackets.
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
