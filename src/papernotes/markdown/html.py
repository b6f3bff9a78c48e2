"""Notes as HTML: markdown-it tokens rendered in the markup Material for MkDocs styles.

Notes are CommonMark with Obsidian's additions, which is what markdown-it reads (Python-Markdown
wants four-space list indents and breaks raw HTML blocks differently). The output has headings
with ids, permalinks and a table of contents; callouts as admonitions; task lists; Pygments code
blocks; KaTeX math; footnotes; `==marks==`; emoji shortcodes.

A note is rendered once, from the tokens the loader parsed it into, before the site is known:
what depends on the site (where a link goes, which lines get a paper's anchor, query results,
embedded notes) is left as a slot, `\\ue000` kind number `\\ue001`, that `rewrite.py` fills for
the page. Markdown papernotes writes itself (generated pages, query results) is rendered whole
by `render_page`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from papernotes.markdown.logseq import area_label
from papernotes.markdown.parser import make_parser
from papernotes.markdown.structure import plain_text
from papernotes.markdown.transforms import RenderEnv, UrlOf, inline_math, prepare, relative_links
from papernotes.model import NoteHtml
from papernotes.paths import shown

SLOT_START, SLOT_END = "\ue000", "\ue001"  # private-use characters; removed from notes before parsing
SLOT_RE = re.compile(f"{SLOT_START}([A-Z])(\\d+){SLOT_END}")
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


MERMAID_BLOCK = '<pre class="mermaid">'
"""How a ```` ```mermaid ```` block starts in a page: Material draws each such block with the
`mermaid` library when the page has loaded it (`with_mermaid`), and fetches it from a CDN
otherwise."""


def with_mermaid(output: str, script_url: str) -> str:
    """A built page that shows a Mermaid diagram loads the library shipped with papernotes
    (before Material's own scripts run, so Material never fetches it): sites work offline."""
    if MERMAID_BLOCK not in output:
        return output
    tag = f'<script src="{html.escape(script_url)}"></script>\n'
    return output.replace("</body>", tag + "</body>", 1) if "</body>" in output else output + tag


def slot(kind: str, number: int) -> str:
    return f"{SLOT_START}{kind}{number}{SLOT_END}"


def render_note(tokens: list[Token], body_line: int, outline: bool = False) -> NoteHtml:
    """A note's HTML with slots, from the loader's tokens (which this changes: call it last);
    `outline`: a page of a Logseq graph."""
    env = RenderEnv(slots=True, body_line=body_line, outline=outline)
    prepare(tokens, env)
    body = _renderer().render(tokens, make_parser().options, {"pn": env})
    return NoteHtml.of(body, tuple(env.headings), tuple(env.sections), tuple(env.blocks))


def render_page(markdown: str, *, src: str, url: str, url_of: UrlOf) -> Rendered:
    """Markdown papernotes wrote (a generated page, a query's result) as the page at `src`/`url`."""
    env = RenderEnv(slots=False, src=src, url=url, url_of=url_of)
    parser = make_parser()
    tokens = parser.parse(markdown.replace(SLOT_START, "").replace(SLOT_END, ""), {})
    prepare(tokens, env)
    relative_links(tokens, env)
    body = _renderer().render(tokens, parser.options, {"pn": env})
    return Rendered(body, page_toc(toc(env.headings), body), first_title(env.headings))


def joined_page(note: Rendered, src: str, markdown: str, *, url: str, url_of: UrlOf) -> Rendered:
    """A note's page with the generated page `src` whose place it takes shown below it: the
    generated page's title becomes a section (`# Papers` -> `## Papers`)."""
    if markdown.startswith("# "):
        markdown = "#" + markdown
    below = render_page(markdown, src=src, url=url, url_of=url_of)
    return Rendered(f"{note.html}\n{below.html}", [*note.toc, *below.toc], note.title)


def render_inline(markdown: str, *, src: str, url: str, url_of: UrlOf,
                  rewrite: Callable[[list[Token]], None] | None = None) -> str:
    """One line of Markdown (a table cell, a frontmatter value) as inline HTML for the page at
    `src`/`url`: links, math, code and emphasis, never a heading or a list. `rewrite` may change
    the parsed inline tokens first (to point a cell's wikilinks at their pages)."""
    env = RenderEnv(slots=False, src=src, url=url, url_of=url_of)
    parser = make_parser()
    tokens = parser.parseInline(markdown.replace(SLOT_START, "").replace(SLOT_END, ""), {})
    if rewrite is not None:
        for token in tokens:
            rewrite(token.children or [])
    prepare(tokens, env)
    relative_links(tokens, env)
    return _renderer().render(tokens, parser.options, {"pn": env})


def first_title(headings: Sequence[tuple[int, str, str, str]]) -> str | None:
    return next((text for level, _, text, _ in headings if level == 1), None)


def toc(headings: Sequence[tuple[int, str, str, str]]) -> list[dict[str, Any]]:
    """Nested as Python-Markdown's toc extension nests them: under the nearest higher heading."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, _, name in headings:
        entry = {"level": level, "id": anchor, "name": shown(name), "children": []}  # no bidi override
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(entry)
        stack.append(entry)
    return root


def names_as_shown(entries: list[dict[str, Any]], content: str) -> list[dict[str, Any]]:
    """TOC entries named by a Logseq block reference (`## ((uuid)): Setup`, read as `^uuid: Setup`
    before links resolve) take their heading's text from the page's HTML, where the reference
    shows the referenced block's text. Headings come in the order of the entries, so one forward
    scan of `content` finds them all."""
    at = 0

    def visit(entries: list[dict[str, Any]]) -> None:
        nonlocal at
        for entry in entries:
            if _BLOCK_REF_NAME_RE.search(entry["name"]):
                start = content.find(f' id="{html.escape(entry["id"])}"', at)
                opened = content.find(">", start) + 1 if start != -1 else 0
                if opened:
                    end = content.find("<a class=\"headerlink\"", opened)
                    closed = content.find("</h", opened)
                    end = closed if end == -1 or -1 < closed < end else end
                    if end != -1:
                        entry["name"] = _without_tags(content[opened:end]).strip()
                        at = end
            visit(entry["children"])

    visit(entries)
    return entries


def _without_tags(markup: str) -> str:
    """The text of an HTML fragment (entities kept as written), tags dropped."""
    parts: list[str] = []
    at = 0
    while at < len(markup):
        tag = markup.find("<", at)
        if tag == -1:
            parts.append(markup[at:])
            break
        parts.append(markup[at:tag])
        closed = markup.find(">", tag)
        at = len(markup) if closed == -1 else closed + 1
    return "".join(parts)


_BLOCK_REF_NAME_RE = re.compile(r"\^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-")
_FIRST_H1_RE = re.compile(r"<h1\b([^>]*)>")
_ID_RE = re.compile(r'\bid="([^"]*)"')


def page_toc(entries: list[dict[str, Any]], content: str) -> list[dict[str, Any]]:
    """The TOC of a page whose HTML is `content`, shaped for Material, which takes a TOC's first
    `#` entry for the page's title and lists only that entry's children.

    When the page opens with that heading, the later `#` headings (and all under them) become its
    children, so none goes missing. When the page opens with another title (the note's name
    above a note whose first `#` heading comes later, a paper's header), every entry goes under
    an untitled one, so that first `#` heading is listed too. Applying it twice changes nothing."""
    if not entries or entries[0]["level"] != 1 or not entries[0]["id"]:
        return entries
    first = _FIRST_H1_RE.search(content)
    found = _ID_RE.search(first.group(1)) if first else None
    if found is not None and html.unescape(found.group(1)) == entries[0]["id"]:
        return [{**entries[0], "children": entries[0]["children"] + entries[1:]}]
    return [{"level": 1, "id": "", "name": "", "children": entries}]


@lru_cache(maxsize=1)
def _renderer() -> _Renderer:
    renderer = _Renderer()
    for name, rule in getattr(make_parser().renderer, "rules", {}).items():
        renderer.rules.setdefault(name, rule)  # the footnote plugin's rules
    return renderer


def _env(env: Any) -> RenderEnv:
    found = env["pn"]
    assert isinstance(found, RenderEnv)
    return found


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer with the markup Material's stylesheets expect, and slots."""

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        """Also notes where each heading and each block with a `^block-id` starts in the output,
        for embeds of a section or a block."""
        state = _env(env)
        out: list[str] = []
        size = 0
        block_start = 0
        open_blocks: list[tuple[str, int]] = []
        spans: list[bool] = []
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                piece = self._inline(token.children or [], options, env, spans)
            elif kind in self.rules:
                piece = self.rules[kind](tokens, index, options, env)
            else:
                piece = self.renderToken(tokens, index, options, env)
            if kind == "heading_open":
                state.sections.append((str(token.attrGet("id") or ""), int(token.tag[1]), size))
            elif kind in ("paragraph_open", "list_item_open"):
                block_start = size
            out.append(piece)
            size += len(piece)
            if kind == "inline":
                open_blocks += [(child.meta["id"], block_start) for child in token.children or ()
                                if child.type == "block_id"]
            elif kind in ("paragraph_close", "list_item_close") and open_blocks:
                state.blocks += [(name, start, size) for name, start in open_blocks]
                open_blocks = []
        return "".join(out)

    def _inline(self, children: Sequence[Token], options: OptionsDict, env: Any, spans: list[bool]) -> str:
        out = []
        for index, child in enumerate(children):
            kind = child.type
            if kind == "link_open":
                spans.append(child.tag == "span")
            if kind == "link_close":
                out.append("</span>" if spans and spans.pop() else "</a>")  # links never nest
            elif kind in self.rules:
                out.append(self.rules[kind](children, index, options, env))
            else:
                out.append(self.renderToken(children, index, options, env))
        return "".join(out)

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict, env: Any) -> str:
        return self._inline(tokens, options, env, [])

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        if "pn_link" in token.meta and _env(env).slots:
            attrs = "".join(f' {name}="{html.escape(str(value))}"' for name, value in token.attrs.items()
                            if name != "href")
            return f"<a{slot('A', token.meta['pn_link'])}{attrs}>"
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        alt = html.escape(plain_text(token.children))
        attrs = "".join(f' {name}="{html.escape(str(value))}"' for name, value in token.attrs.items()
                        if name not in ("src", "alt"))
        if "pn_link" in token.meta and _env(env).slots:
            return f'<img{slot("A", token.meta["pn_link"])} alt="{alt}"{attrs} />'
        return f'<img src="{html.escape(str(token.attrGet("src") or ""))}" alt="{alt}"{attrs} />'

    def wikilink(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _slot_or_text(tokens[idx], env, "W", "pn_link")

    def embed(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _slot_or_text(tokens[idx], env, "F" if tokens[idx].meta.get("alone") else "E", "pn_link")

    def hashtag(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _slot_or_text(tokens[idx], env, "T", "pn_tag")

    def citation(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _slot_or_text(tokens[idx], env, "C", "pn_cite")

    def softbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return slot("B", 0) if _env(env).slots else "\n"  # a line break or not: the site's option

    def pn_line(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return slot("P", tokens[idx].meta["line"])

    def pn_properties_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return '<dl class="pn-properties">\n'

    def pn_properties_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "</dl>\n"

    def pn_property(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f"<dt>{html.escape(tokens[idx].meta['key'])}</dt><dd>"

    def pn_property_end(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return "</dd>\n"

    def pn_area(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<span class="pn-area">{html.escape(area_label(tokens[idx].meta["page"]), quote=False)}</span>'

    def block_id(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<a id="^{html.escape(tokens[idx].meta["id"])}" class="pn-block"></a>'

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _html_with_slots(tokens[idx], _env(env))

    def html_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return _html_with_slots(tokens[idx], _env(env))

    def list_item_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        opening = self.renderToken(tokens, idx, options, env)
        if "checked" in token.meta:
            opening += _CHECKBOX.format(" checked" if token.meta["checked"] else "")
        return opening

    def heading_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        anchor = html.escape(str(tokens[idx - 2].attrGet("id") or ""))
        return f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></{tokens[idx].tag}>\n'

    def callout_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        meta = tokens[idx].meta
        kind: str = meta["kind"]
        css = html.escape(CALLOUT_TYPES.get(kind, kind))
        title = self._inline(meta["title"], options, env, []).strip() or html.escape(kind.capitalize())
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
        if "pn_query" in token.meta and _env(env).slots:
            return slot("Q", token.meta["pn_query"])
        language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        if language.lower() == "mermaid":  # drawn in the browser, as Obsidian draws it
            return f'{MERMAID_BLOCK}<code>{html.escape(token.content, quote=False)}</code></pre>\n'
        return code_block(token.content, language)

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return code_block(tokens[idx].content, "")

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        if "pn_query" in token.meta and _env(env).slots:
            return slot("Q", token.meta["pn_query"])
        return f"<code>{html.escape(token.content, quote=False)}</code>"

    def math_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return inline_math(tokens[idx].content)

    def math_inline_double(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<span class="arithmatex">\\[{html.escape(tokens[idx].content.strip())}\\]</span>'

    def math_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
        return f'<div class="arithmatex">\\[{html.escape(tokens[idx].content.strip())}\\]</div>\n'

    math_block_label = math_block


def _slot_or_text(token: Token, env: Any, kind: str, index: str) -> str:
    """A wikilink, embed or #tag of a note: its slot; in Markdown papernotes wrote: its text."""
    if index in token.meta and _env(env).slots:
        return slot(kind, token.meta[index])
    return html.escape(token.content, quote=False)


def _html_with_slots(token: Token, env: RenderEnv) -> str:
    """Raw HTML as written, but an `<img src>` that names a vault file gets an `S` slot."""
    content = token.content
    if not env.slots:
        return content
    for number, src in token.meta.get("pn_images", ()):
        for quote in ('"', "'"):
            written = f"src={quote}{src}{quote}"
            if written in content:
                content = content.replace(written, f"src={quote}{slot('S', number)}{quote}", 1)
                break
    return content


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter:  # type: ignore[type-arg]
    return HtmlFormatter(nowrap=True)


@lru_cache(maxsize=256)
def _lexer(language: str) -> Lexer | None:
    """Pygments' lookup by name scans its registry every time: once per language is enough."""
    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


REMEMBERED_CODE = 4096
"""Code blocks up to this many characters are highlighted once per process however often they
repeat (a template's snippet in every note); longer ones each time, so what is kept stays small."""


def code_block(code: str, language: str) -> str:
    """A code block as pymdownx.highlight writes it, so Material's code styles and copy button apply."""
    return _code_block(code, language) if len(code) <= REMEMBERED_CODE else _highlighted(code, language)


@lru_cache(maxsize=512)
def _code_block(code: str, language: str) -> str:
    return _highlighted(code, language)


def _highlighted(code: str, language: str) -> str:
    css = f"language-{html.escape(language)} highlight" if language else "highlight"
    body = html.escape(code, quote=False)
    lexer = _lexer(language) if language else None
    if lexer is not None:
        body = highlight(code, lexer, _formatter())
    return f'<div class="{css}"><pre><span></span><code>{body}</code></pre></div>\n'
