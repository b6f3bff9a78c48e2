"""Pages as HTML: Markdown rendered by markdown-it, in the markup Material for MkDocs styles.

Notes are CommonMark with Obsidian's additions, which is what markdown-it reads (Python-Markdown
wants four-space list indents and breaks raw HTML blocks differently), and rendering here costs a
fraction of Python-Markdown's time. The output has what the pages need: headings with ids,
permalinks and a table of contents; callouts as admonitions; task lists; Pygments code blocks;
KaTeX math; footnotes; `==marks==`; emoji shortcodes; links between files as site URLs.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from papernotes.markdown.structure import plain_text
from papernotes.paths import has_scheme, heading_anchor
from papernotes.render import relative_url

UrlOf = Callable[[str], "str | None"]
"""A docs file's source path (`a/B c.md`) -> its site URL (`a/B%20c/`), or None when not in the site."""

_CALLOUT_RE = re.compile(r"^\[!([A-Za-z][\w-]*)\]([-+]?)[ \t]*")
_TASK_RE = re.compile(r"^\[([ xX])\](?=\s|$)[ \t]?")
_EMOJI_RE = re.compile(r":([a-z0-9_+-]+):")
_MARK_RE = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_CHECKBOX = ('<label class="task-list-control"><input type="checkbox" disabled{}/>'
             '<span class="task-list-indicator"></span></label> ')
CALLOUT_TYPES = {
    "note": "note", "abstract": "abstract", "summary": "abstract", "tldr": "abstract",
    "info": "info", "todo": "info", "tip": "tip", "hint": "tip", "important": "tip",
    "success": "success", "check": "success", "done": "success", "question": "question",
    "help": "question", "faq": "question", "warning": "warning", "caution": "warning",
    "attention": "warning", "failure": "failure", "fail": "failure", "missing": "failure",
    "danger": "danger", "error": "danger", "bug": "bug", "example": "example",
    "quote": "quote", "cite": "quote",
}
"""Obsidian's callout types and aliases -> the admonition type Material styles."""


@dataclass(slots=True)
class Rendered:
    html: str
    toc: list[dict[str, Any]]
    """Headings as MkDocs' `get_toc` reads them: level, id, name, children."""
    title: str | None
    """The text of the first `# heading`, the page's title when its frontmatter has none."""


@dataclass(slots=True)
class _Page:
    """What rendering one page needs, passed to the rules as markdown-it's `env`."""

    src: str
    url: str
    url_of: UrlOf
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)


def render_page(markdown: str, *, src: str, url: str, url_of: UrlOf) -> Rendered:
    """The HTML of one page; `src` and `url` are its source path and site URL."""
    page = _Page(src, url, url_of)
    body = _parser().render(markdown, {"page": page})
    title = next((text for level, _, text in page.headings if level == 1), None)
    return Rendered(body, _toc(page.headings), title)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}, renderer_cls=_Renderer)
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_digits=False, double_inline=True)
    for rule in ("math_inline", "math_inline_double", "math_block", "math_block_label"):
        md.add_render_rule(rule, getattr(_Renderer, rule))  # arithmatex markup, which papernotes.js reads
    md.use(footnote_plugin)
    md.use(attrs_plugin)  # `![](fig.png){ width="300" }` and `[#tag](…){ .pn-tag }` from rewrite.py
    md.core.ruler.push("pn_callouts", _callouts)
    md.core.ruler.push("pn_tasks", _tasks)
    md.core.ruler.push("pn_headings", _headings)
    md.core.ruler.push("pn_text", _marks_and_emoji)
    md.core.ruler.push("pn_links", _links)
    return md


def _page(state: StateCore) -> _Page:
    page = state.env["page"]
    assert isinstance(page, _Page)
    return page


def _callouts(state: StateCore) -> None:
    """`> [!tip]- Title` blockquotes -> callout tokens; the `[!tip]` line becomes the title."""
    tokens = state.tokens
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
        kind = match.group(1).lower()
        token.type = "callout_open"
        token.meta = {"kind": kind, "fold": match.group(2), "title": title}
        close = _closing(tokens, index)
        close.type = "callout_close"
        close.meta = {"fold": match.group(2)}


def _closing(tokens: Sequence[Token], index: int) -> Token:
    opening = tokens[index]
    for token in tokens[index + 1:]:
        if token.level == opening.level and token.nesting == -1:
            return token
    raise ValueError("unbalanced tokens")  # markdown-it always closes what it opens


def _tasks(state: StateCore) -> None:
    """`- [ ] text` items -> Material's task list markup (pymdownx.tasklist's)."""
    tokens = state.tokens
    lists: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open" and index + 2 < len(tokens) and tokens[index + 2].type == "inline":
            inline = tokens[index + 2]
            first = inline.children[0] if inline.children else None
            match = _TASK_RE.match(first.content) if first is not None and first.type == "text" else None
            if first is None or match is None or tokens[index + 1].type != "paragraph_open":
                continue
            first.content = first.content[match.end():]
            box = Token("html_inline", "", 0, content=_CHECKBOX.format(" checked" if match.group(1) != " " else ""))
            assert inline.children is not None
            inline.children.insert(0, box)
            token.attrSet("class", "task-list-item")
            lists[-1].attrSet("class", "task-list")


def _headings(state: StateCore) -> None:
    """Ids as `paths.heading_anchor` computes them (what links to `Note#Heading` point at)."""
    page = _page(state)
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        text = plain_text(tokens[index + 1].children)
        anchor = heading_anchor(text) or "section"
        unique, count = anchor, 0
        while unique in page.used_ids:
            count += 1
            unique = f"{anchor}_{count}"
        page.used_ids.add(unique)
        token.attrSet("id", unique)
        page.headings.append((int(token.tag[1]), unique, text))


def _marks_and_emoji(state: StateCore) -> None:
    """`==text==` -> <mark>, `:smile:` -> 😄 (within one run of plain text)."""
    emoji = _emoji()
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type != "text" or ("==" not in child.content and ":" not in child.content):
                children.append(child)
                continue
            content = _EMOJI_RE.sub(lambda m: emoji.get(m.group(1), m.group()), child.content)
            children.extend(_marked(child, content))
        token.children = children


def _marked(child: Token, content: str) -> list[Token]:
    if "==" not in content:
        child.content = content
        return [child]
    out, at = [], 0
    for match in _MARK_RE.finditer(content):
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


def _links(state: StateCore) -> None:
    """Relative links and images between files -> site URLs; links to notes that are not pages
    (missing, or private) -> visibly broken text, so nothing points at a 404 or names a private file."""
    page = _page(state)
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "link_open":
                _link(child, page, "href")
            elif child.type == "image":
                _link(child, page, "src")


def _link(token: Token, page: _Page, attribute: str) -> None:
    written = str(token.attrGet(attribute) or "")
    path, _, fragment = written.partition("#")
    fragment = _readable(fragment)
    if not path:
        if fragment:
            token.attrSet(attribute, f"#{fragment}")
        return
    if written.startswith(("/", "//")) or has_scheme(written):
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), unquote(path)))
    url = page.url_of(target) if not target.startswith("../") else None
    if url is not None:
        token.attrSet(attribute, relative_url(url, page.url) + (f"#{fragment}" if fragment else ""))
    elif attribute == "href" and target.lower().endswith((".md", ".markdown")):
        token.tag = "span"
        token.attrs = {"class": "pn-broken", "title": "not a page of this site"}  # the path may name a private note


def _readable(fragment: str) -> str:
    """`%E6%96%B9%E6%B3%95` -> `方法`: heading ids are Unicode, and so are links to them in MkDocs."""
    decoded = unquote(fragment)
    return fragment if any(char.isspace() or char in '"<>' for char in decoded) else decoded


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer with the markup Material's stylesheets expect."""

    def __init__(self, parser: Any = None) -> None:
        super().__init__(parser)
        self._spans: list[bool] = []

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        self._spans = []
        return super().render(tokens, options, env)

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        self._spans.append(tokens[idx].tag == "span")
        return self.renderToken(tokens, idx, options, env)

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "</span>" if self._spans and self._spans.pop() else "</a>"  # links never nest

    def heading_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        anchor = html.escape(str(tokens[idx - 2].attrGet("id") or ""))
        return f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></{tokens[idx].tag}>\n'

    def callout_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        meta = tokens[idx].meta
        kind: str = meta["kind"]
        css = html.escape(CALLOUT_TYPES.get(kind, kind))
        title = self.renderInline(meta["title"], options, env).strip() or html.escape(kind.capitalize())
        if meta["fold"]:
            opened = ' open="open"' if meta["fold"] == "+" else ""
            return f'<details class="{css}"{opened}>\n<summary>{title}</summary>\n'
        return f'<div class="admonition {css}">\n<p class="admonition-title">{title}</p>\n'

    def callout_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "</details>\n" if tokens[idx].meta["fold"] else "</div>\n"

    def mark_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "<mark>"

    def mark_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "</mark>"

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        return code_block(token.content, language)

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return code_block(tokens[idx].content, "")

    def math_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<span class="arithmatex">\\({html.escape(tokens[idx].content.strip())}\\)</span>'

    def math_inline_double(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<span class="arithmatex">\\[{html.escape(tokens[idx].content.strip())}\\]</span>'

    def math_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<div class="arithmatex">\\[{html.escape(tokens[idx].content.strip())}\\]</div>\n'

    math_block_label = math_block


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter:  # type: ignore[type-arg]
    return HtmlFormatter(nowrap=True)


def code_block(code: str, language: str) -> str:
    """A code block as pymdownx.highlight writes it, so Material's code styles and copy button apply."""
    css = f"language-{html.escape(language)} highlight" if language else "highlight"
    body = html.escape(code, quote=False)
    if language:
        try:
            lexer = get_lexer_by_name(language)
        except ClassNotFound:
            pass
        else:
            body = highlight(code, lexer, _formatter())
    return f'<div class="{css}"><pre><span></span><code>{body}</code></pre></div>\n'


def _toc(headings: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Nested as Python-Markdown's toc extension nests them: under the nearest higher heading."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, text in headings:
        entry = {"level": level, "id": anchor, "name": html.escape(text, quote=False), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(entry)
        stack.append(entry)
    return root
