"""Logseq's blocks: `((uuid))` block references, and the block properties Logseq keeps out of sight.

Logseq gives a block an id by writing `id:: <uuid>` on the line below it; another block shows
that block's text by writing `((uuid))`. Logseq also stores its own bookkeeping as block
properties (`collapsed:: true`, `card-next-schedule:: …`, `heading:: 2`), which its editor never
shows. Here a `((uuid))` becomes a link to the block (resolved across the vault, since the uuid
is unique), labelled with the block's first line, and those property lines are left out of the
page, an `id::` line becoming the block's anchor.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from papernotes.model import Link

_UUID = r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
UUID_RE = re.compile(_UUID)
LOGSEQ_ID_RE = re.compile(rf"^\s*+id::[ \t]*+{_UUID}[ \t]*+$")
LOGSEQ_PROPERTY_RE = re.compile(r"^\s*+([A-Za-z][\w.\-]*+)::(?:[ \t][^\n]*+)?$")
_BLOCK_REF_RE = re.compile(rf"\(\({_UUID}\)\)")

HIDDEN_PROPERTIES = frozenset({
    "id", "collapsed", "heading", "background-color", "logseq.order-list-type",
    "card-last-interval", "card-repeats", "card-ease-factor", "card-next-schedule",
    "card-last-reviewed", "card-last-score", "hl-page", "hl-color", "hl-type", "hl-stamp", "ls-type",
})
"""Properties Logseq writes for itself and does not show in a block."""


_LEADING_TABS_RE = re.compile(r"^\t++", re.MULTILINE)
_EMPTY_BLOCK_RE = re.compile(r"^[\t ]*+-[\t ]*+$", re.MULTILINE)
GRAPH_CONFIG = "logseq/config.edn"
"""The file that makes a folder a Logseq graph (its pages in `pages/`, `journals/`)."""


def outline_body(body: str) -> str:
    """A Logseq page as Markdown reads an outline: Logseq nests a block one tab deeper than its
    parent (`- parent` / `\t- child` / `\t  child's next line`), where Markdown would take a
    tab for four columns and a line four columns in for code. Each leading tab becomes two
    spaces, the width of `- `, so each block sits inside its parent's list item; lines keep
    their numbers, and tabs after the first other character (inside code) are kept.

    An empty block (a line that is only `-`) becomes an empty line: Markdown would read a `-`
    under a block's text as that text's heading underline (`<h2>`)."""
    body = _EMPTY_BLOCK_RE.sub("", body)
    if "\t" not in body:
        return body
    return _LEADING_TABS_RE.sub(lambda match: "  " * len(match.group()), body)


def is_block_ref(link: Link) -> bool:
    """True for a link written as `((uuid))`."""
    return link.kind == "wikilink" and link.raw.startswith("((")


def linked_block(target: str) -> str | None:
    """The uuid of Logseq's `[label](((uuid)))`, a Markdown link to a block, else None."""
    match = _BLOCK_REF_RE.fullmatch(target)
    return match.group(1).lower() if match else None


def _split_block_refs(state: StateCore) -> None:
    """`((uuid))` in text -> a wikilink token to `#^uuid`, found in whichever note has that block.
    (A core rule: `(` does not stop markdown-it's text rule, so an inline rule would never see it.)"""
    for token in state.tokens:
        if token.type != "inline" or not token.children or "((" not in token.content:
            continue
        out: list[Token] = []
        depth = 0
        for child in token.children:
            depth += (child.type == "link_open") - (child.type == "link_close")
            if child.type != "text" or depth or "((" not in child.content:
                out.append(child)
                continue
            at = 0
            for match in _BLOCK_REF_RE.finditer(child.content):
                out.append(Token("text", "", 0, content=child.content[at:match.start()]))
                ref = Token("wikilink", "", 0, content=match.group())
                ref.meta = {"target": "", "fragment": "^" + match.group(1).lower(), "alias": ""}
                out.append(ref)
                at = match.end()
            out.append(Token("text", "", 0, content=child.content[at:]))
        token.children = [child for child in out if child.type != "text" or child.content]


def block_refs_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "logseq_block_refs", _split_block_refs)


def hide_properties(children: list[Token]) -> list[Token]:
    """Drop Logseq's own property lines from a paragraph (each a whole line, with its line
    break); an `id::` line becomes the block's anchor, as `^block-id` does."""
    if not any(child.type == "text" and "::" in child.content for child in children):
        return children
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([child])  # a line keeps the break before it
        else:
            lines[-1].append(child)
    kept: list[list[Token]] = []
    anchors: list[Token] = []
    for line in lines:
        text = [token for token in line if token.type not in ("softbreak", "hardbreak")]
        match = LOGSEQ_PROPERTY_RE.match(text[0].content) if len(text) == 1 and text[0].type == "text" else None
        if match is None or match.group(1).lower() not in HIDDEN_PROPERTIES:
            kept.append(line)
            continue
        identifier = LOGSEQ_ID_RE.match(text[0].content)
        if identifier is not None:
            anchors.append(Token("block_id", "", 0, meta={"id": identifier.group(1).lower()}))
    if kept and kept[0] and kept[0][0].type in ("softbreak", "hardbreak"):
        kept[0] = kept[0][1:]  # the paragraph began with a property line
    return [token for line in kept for token in line] + anchors
