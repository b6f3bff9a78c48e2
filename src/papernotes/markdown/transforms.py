"""Token rewrites before a note is rendered: Obsidian's callouts, task lists, heading ids,
`==marks==`, emoji, `^block-id`s, the line slots of inline papers, and links between files."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from markdown_it.token import Token

from papernotes.markdown.logseq import hide_properties, properties_block
from papernotes.markdown.structure import plain_parts, plain_text
from papernotes.paths import has_scheme, heading_anchor, unwrapped_url
from papernotes.render import relative_url

UrlOf = Callable[[str], "str | None"]
"""A docs file's source path (`a/B c.md`) -> its site URL (`a/B%20c/`), or None when not in the site."""

_CALLOUT_RE = re.compile(r"^\[!([A-Za-z][\w-]*)\]([-+]?)[ \t]*")
_EMOJI_RE = re.compile(r":([a-z0-9_+-]+):")
_MARK_RE = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_BARE_URL_RE = re.compile(r"(?<![\w/])https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_BLOCK_ID_RE = re.compile(r"(\s)\^([A-Za-z0-9][A-Za-z0-9-]*)\s*$")



@dataclass(slots=True)
class RenderEnv:
    """What rendering needs, passed to the rules as markdown-it's `env`."""

    slots: bool
    body_line: int = 0
    outline: bool = False
    """A page of a Logseq graph (its opening properties become a properties box)."""
    src: str = ""
    url: str = ""
    url_of: UrlOf | None = None
    headings: list[tuple[int, str, str, str]] = field(default_factory=list)
    """(level, id, text, name) of each heading: `name` is its TOC entry's HTML (see `toc_name`)."""
    used_ids: set[str] = field(default_factory=set)
    id_counts: dict[str, int] = field(default_factory=dict)
    """Anchor -> the last number given to a heading of that text (`method_3`)."""
    sections: list[tuple[str, int, int]] = field(default_factory=list)
    blocks: list[tuple[str, int, int]] = field(default_factory=list)


def prepare(tokens: list[Token], env: RenderEnv) -> None:
    if env.outline:
        properties_block(tokens)
    _toc_markers(tokens)
    _callouts(tokens)
    _task_lists(tokens)
    _headings(tokens, env)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _text_children(_unwrapped(_autolinks(hide_properties(token.children, env.outline))))
    if env.slots:
        _lone_embeds(tokens)
        _line_slots(tokens, env.body_line)


def _callouts(tokens: Sequence[Token]) -> None:
    """`> [!tip]- Title` blockquotes -> callout tokens; the `[!tip]` line becomes the title."""
    for index, token in enumerate(tokens):
        if token.type != "blockquote_open" or index + 2 >= len(tokens):
            continue
        inline = tokens[index + 2]
        if tokens[index + 1].type != "paragraph_open" or inline.type != "inline" or not inline.children:
            continue
        first = inline.children[0]
        match = _CALLOUT_RE.match(first.content) if first.type == "text" else None
        if match is None:
            continue
        first.content = first.content[match.end():]
        children = inline.children
        cut = next((i for i, child in enumerate(children) if child.type in ("softbreak", "hardbreak")), len(children))
        title, inline.children = children[:cut], children[cut + 1:]
        if not inline.children:
            tokens[index + 1].hidden = tokens[index + 3].hidden = True
        token.type = "callout_open"
        token.meta = {"kind": match.group(1).lower(), "fold": match.group(2), "title": title}
        close = _closing(tokens, index)
        close.type = "callout_close"
        close.meta = {"fold": match.group(2)}


def _toc_markers(tokens: Sequence[Token]) -> None:
    """Typora's `[TOC]` paragraph asks for a table of contents where it stands: the page's own
    table of contents (Material's sidebar) is that, so the marker is not shown as text."""
    for index, token in enumerate(tokens[:-2]):
        inline = tokens[index + 1]
        if token.type == "paragraph_open" and inline.type == "inline" and inline.content.strip().casefold() == "[toc]":
            token.hidden = tokens[index + 2].hidden = True
            inline.children = []


def _closing(tokens: Sequence[Token], index: int) -> Token:
    opening = tokens[index]
    for token in tokens[index + 1:]:
        if token.level == opening.level and token.nesting == -1:
            return token
    raise ValueError("unbalanced tokens")  # markdown-it always closes what it opens


def _task_lists(tokens: Sequence[Token]) -> None:
    """A list with tasks gets Material's `task-list` class (markdown-it marks the items)."""
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open") and "contains-task-list" in str(
                token.attrGet("class") or ""):
            token.attrSet("class", "task-list")


def _headings(tokens: Sequence[Token], env: RenderEnv) -> None:
    """Ids as `paths.heading_anchor` computes them (what links to `Note#Heading` point at)."""
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        text = plain_text(tokens[index + 1].children)
        anchor = heading_anchor(text) or "section"
        unique, count = anchor, env.id_counts.get(anchor, 0)
        while unique in env.used_ids:  # each anchor's count only grows: linear in the headings
            count += 1
            unique = f"{anchor}_{count}"
        env.id_counts[anchor] = count
        env.used_ids.add(unique)
        token.attrSet("id", unique)
        env.headings.append((int(token.tag[1]), unique, text, toc_name(tokens[index + 1].children)))


def inline_math(tex: str) -> str:
    """`$tex$` as the page shows it: a span that papernotes.js typesets with KaTeX."""
    return f'<span class="arithmatex">\\({html.escape(tex.strip())}\\)</span>'


def toc_name(children: Sequence[Token] | None) -> str:
    """A heading's entry in the table of contents: its text, escaped, with its `$math$` typeset as
    in the heading itself (papernotes.js typesets every `.arithmatex` of the page, sidebar too)."""
    return "".join(inline_math(text) if child.type == "math_inline" else html.escape(text, quote=False)
                   for child, text in plain_parts(children)).strip()


def _text_children(children: list[Token]) -> list[Token]:
    """`==text==` -> <mark>, `:smile:` -> 😄 and ` ^block-id` at a line end -> an anchor
    (each within one run of plain text)."""
    out: list[Token] = []
    emoji = _emoji()
    for position, child in enumerate(children):
        text = child.content
        if child.type != "text" or not ("==" in text or ":" in text or "^" in text):  # most runs of text
            out.append(child)
            continue
        content = _EMOJI_RE.sub(lambda m: emoji.get(m.group(1), m.group()), child.content)
        block_id = None
        at_line_end = position + 1 == len(children) or children[position + 1].type in ("softbreak", "hardbreak")
        if "^" in content and at_line_end:
            block_id = _BLOCK_ID_RE.search(content)
        if block_id is not None:
            content = content[:block_id.start()] + block_id.group(1)
        out.extend(_marked(content))
        if block_id is not None:
            out.append(Token("block_id", "", 0, meta={"id": block_id.group(2)}))
    return out


def _autolinks(children: list[Token]) -> list[Token]:
    """Bare `https://…` URLs in text become links, as Obsidian shows them (not inside a link)."""
    out: list[Token] = []
    depth = 0
    for child in children:
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        if child.type != "text" or depth or "://" not in child.content:
            out.append(child)
            continue
        at = 0
        for match in _BARE_URL_RE.finditer(child.content):
            url = _trim_url(match.group())
            out.append(Token("text", "", 0, content=child.content[at:match.start()]))
            out += [Token("link_open", "a", 1, attrs={"href": url}), Token("text", "", 0, content=url),
                    Token("link_close", "a", -1)]
            at = match.start() + len(url)
        out.append(Token("text", "", 0, content=child.content[at:]))
    return out


def _unwrapped(children: list[Token]) -> list[Token]:
    """A search engine's redirect link (`https://www.google.com/url?…&url=…`) goes straight to
    the page it redirects to, as `structure.markdown_link` reads it."""
    for child in children:
        if child.type == "link_open" and "/url?" in (href := str(child.attrGet("href") or "")):
            target = unwrapped_url(href)
            if target != href:
                child.attrSet("href", target)
    return children


def _trim_url(url: str) -> str:
    """Sentence punctuation after a URL is not part of it; nor is a `)` that closes a bracket
    opened before the URL."""
    opened, closed, end = url.count("("), url.count(")"), len(url)
    while end and (url[end - 1] in ".,;:!?'\"" or (url[end - 1] == ")" and opened < closed)):
        closed -= url[end - 1] == ")"
        end -= 1
    return url[:end]


def _marked(content: str) -> list[Token]:
    out, at = [], 0
    for match in _MARK_RE.finditer(content) if "==" in content else ():
        out.append(Token("text", "", 0, content=content[at:match.start()]))
        out.append(Token("mark_open", "mark", 1))
        out.append(Token("text", "", 0, content=match.group(1)))
        out.append(Token("mark_close", "mark", -1))
        at = match.end()
    out.append(Token("text", "", 0, content=content[at:]))
    return out


@lru_cache(maxsize=1)
def _emoji() -> dict[str, str]:
    """GitHub / Typora shortcodes (`+1`, `star`) -> the Unicode characters."""
    from pymdownx import gemoji_db

    def char(entry: dict[str, str]) -> str:
        code = entry.get("unicode_alt") or entry["unicode"]
        return "".join(chr(int(part, 16)) for part in code.split("-"))

    chars = {name.strip(":"): char(entry) for name, entry in gemoji_db.emoji.items()}
    for alias, name in gemoji_db.aliases.items():
        if name in gemoji_db.emoji:
            chars[alias.strip(":")] = char(gemoji_db.emoji[name])
    return chars


def _lone_embeds(tokens: Sequence[Token]) -> None:
    """An embed alone in its paragraph loses the `<p>`: an embedded note is a block of its own,
    and an image gets its paragraph back when the slot is filled (`F`)."""
    for index in range(1, len(tokens) - 1):
        inline = tokens[index]
        if inline.type != "inline":
            continue
        children = inline.children or []
        if (len(children) == 1 and children[0].type == "embed"
                and tokens[index - 1].type == "paragraph_open" and tokens[index + 1].type == "paragraph_close"
                and not tokens[index - 1].hidden):
            children[0].meta["alone"] = True
            tokens[index - 1].hidden = tokens[index + 1].hidden = True


def _line_slots(tokens: Sequence[Token], body_line: int) -> None:
    """A `P` slot where each line of text starts (after a task's box; in a table row, in its
    first cell): a paper written inline on that line gets its anchor there, once the site knows
    which papers those are."""
    seen: set[int] = set()

    def mark(line: int) -> list[Token]:
        if line in seen:
            return []
        seen.add(line)
        return [Token("pn_line", "", 0, meta={"line": line})]

    for token in tokens:
        if token.type != "inline" or token.map is None or token.children is None:
            continue
        line = token.map[0] + body_line
        children = mark(line)
        for child in token.children:
            children.append(child)
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                children += mark(line)
        token.children = children


def relative_links(tokens: Sequence[Token], env: RenderEnv) -> None:
    """Relative links and images between files -> site URLs; links to notes that are not pages
    (missing, or private) -> visibly broken text, so nothing points at a 404 or names a private file."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "link_open":
                _link(child, env, "href")
            elif child.type == "image":
                _link(child, env, "src")


def _link(token: Token, env: RenderEnv, attribute: str) -> None:
    written = str(token.attrGet(attribute) or "")
    path, _, fragment = written.partition("#")
    fragment = _readable(fragment)
    if not path:
        if fragment:
            token.attrSet(attribute, f"#{fragment}")
        return
    if written.startswith(("/", "//")) or has_scheme(written) or env.url_of is None:
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(env.src), unquote(path)))
    url = env.url_of(target) if not target.startswith("../") else None
    if url is not None:
        token.attrSet(attribute, relative_url(url, env.url) + (f"#{fragment}" if fragment else ""))
    elif attribute == "href" and target.lower().endswith((".md", ".markdown")):
        token.tag = "span"
        token.attrs = {"class": "pn-broken", "title": "not a page of this site"}  # the path may name a private note


def _readable(fragment: str) -> str:
    """`%E6%96%B9%E6%B3%95` -> `方法`: heading ids are Unicode, and so are links to them in MkDocs."""
    decoded = unquote(fragment)
    return fragment if any(char.isspace() or char in '"<>' for char in decoded) else decoded
