"""Links and images to files on the author's computer (`file:///Users/me/Zotero/storage/…pdf`,
what Zotero Integration and Logseq's PDF import write): meaningful only on that computer, and
their paths name the author's home folder. CommonMark refuses `file:` links (and any address
with spaces, which Logseq writes), which would leave the whole `[attachment](<file:///…>)` as
text on the page. They are read here, spaces and all, and shown as their text alone: a link's
text in a `pn-local-file` span, an image's alt text."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

LOCAL_TITLE = "a file on the computer the note was written on"
_LOCAL_RE = re.compile(r"(!?)\[([^\[\]\n]*)\]\(<?(?i:file):[^)\n]*\)")
"""`[text](file:…)` or `![alt](file:…)` on one line, spaces allowed in the address."""


def is_local_file(url: str) -> bool:
    return url.strip().lower().startswith("file:")


def local_files_plugin(md: MarkdownIt) -> None:
    validate = md.validateLink
    md.validateLink = lambda url: validate(url) or is_local_file(url)  # type: ignore[method-assign]
    md.inline.ruler.before("link", "pn_local_file", _local_file)
    md.core.ruler.after("inline", "pn_local_files", _local_files)  # a link whose text has brackets


def _local_file(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] not in "[!":
        return False
    match = _LOCAL_RE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        if match[1]:
            state.push("text", "", 0).content = match[2]
        else:
            state.push("html_inline", "", 0).content = _SPAN
            state.pending = ""
            start, end = state.pos, state.posMax
            state.pos, state.posMax = match.start(2), match.end(2)
            state.md.inline.tokenize(state)  # the link's text keeps its emphasis and code
            state.pos, state.posMax = start, end
            state.push("html_inline", "", 0).content = "</span>"
    state.pos = match.end()
    return True


def _local_files(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _without_local_files(token.children)


def _without_local_files(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    depth = 0  # inside a local link: its closing token becomes the span's end
    for child in children:
        if child.type == "link_open" and is_local_file(str(child.attrGet("href") or "")):
            depth += 1
            out.append(_html(_SPAN))
        elif child.type == "link_close" and depth:
            depth -= 1
            out.append(_html("</span>"))
        elif child.type == "image" and is_local_file(str(child.attrGet("src") or "")):
            text = Token("text", "", 0, content=child.content)  # the alt text
            out.append(text)
        else:
            out.append(child)
    return out


_SPAN = f'<span class="pn-local-file" title="{html.escape(LOCAL_TITLE)}">'


def _html(content: str) -> Token:
    return Token("html_inline", "", 0, content=content)
