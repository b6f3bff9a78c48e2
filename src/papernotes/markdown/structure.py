"""One pass over a note's tokens: headings, links, hashtags, tasks, tables and block ids."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it.token import Token

from papernotes.markdown.logseq import AREA_MARK, LOGSEQ_ID_RE, LOGSEQ_PROPERTY_RE, area_label, area_page
from papernotes.model import (
    Citation,
    CiteItem,
    Hashtag,
    Heading,
    InlineField,
    Link,
    Query,
    Table,
    TableCell,
    TableRow,
    Task,
)
from papernotes.paths import decode_link_target, has_scheme, heading_anchor, unwrapped_url
from papernotes.render import escape_md

_BACKTICKS_RE = re.compile(r"`++")
_BLOCK_ID_RE = re.compile(r"(?:^|\s)\^([A-Za-z0-9][A-Za-z0-9\-]*)\s*$")
QUERY_LANGUAGES = ("dataview", "dataviewjs", "base", "papers")  # `papers`: papernotes.compare
_LINE_FIELD_RE = re.compile(r"^\s*+([\w][\w \-]*?)(?<!\s)\s*+::\s*+(.*?)(?:(?<!\s)\s*+)?$")
_BRACKET_FIELD_RE = re.compile(r"[\[(]([\w][\w \-]*?)\s*::\s*((?:\[\[[^\]\n]*\]\]|[^\]\)\n])*?)\s*[\])]")


@dataclass(slots=True)
class Structure:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    hashtags: list[Hashtag] = field(default_factory=list)
    block_ids: list[str] = field(default_factory=list)
    block_texts: list[tuple[str, str]] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    inline_fields: list[InlineField] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)
    """0-based body lines inside fenced or indented code and `$$` math: never rewritten."""


def plain_text(children: Sequence[Token] | None) -> str:
    """What a reader sees of an inline token's children, markup removed, links as their text."""
    return "".join(text for _, text in plain_parts(children)).strip()


def shown_markdown(children: Sequence[Token] | None) -> str:
    """`plain_text` as Markdown that shows it, `code spans` kept as code (a queue's item on the
    Queues page); every other piece escaped, so it shows as written."""
    parts: list[str] = []
    for child, text in plain_parts(children):
        if child.type == "code_inline":
            parts.append(code_span(text))
        elif text.strip():
            parts.append(" " * text[:1].isspace() + escape_md(text) + " " * text[-1:].isspace())
        elif text:
            parts.append(" ")
    return "".join(parts).strip()


def code_span(code: str) -> str:
    """`code` as a Markdown code span that shows exactly it, whatever backticks it holds."""
    fence = "`" * (max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0) + 1)
    edges = code[:1] + code[-1:]
    pad = " " if "`" in edges or (edges == "  " and code.strip(" ")) else ""  # CommonMark strips one space
    return f"{fence}{pad}{code}{pad}{fence}"


def plain_parts(children: Sequence[Token] | None) -> Iterator[tuple[Token, str]]:
    """Each child of an inline token that shows text, with that text (`plain_text` unjoined)."""
    for child in children or ():
        if child.type in ("text", "code_inline", "hashtag", "citation", "math_inline"):
            yield child, child.content
        elif child.type == "wikilink":
            meta = child.meta
            yield child, meta["alias"] or _wikilink_label(meta["target"], meta["fragment"])
        elif child.type in ("softbreak", "hardbreak"):
            yield child, " "
        elif child.type == "image":
            yield child, plain_text(child.children)


def _first_line(children: Sequence[Token]) -> list[Token]:
    """The children up to the first line break: a task's text, without lazy continuation lines."""
    for index, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            return list(children[:index])
    return list(children)


def _wikilink_label(target: str, fragment: str) -> str:
    if target and fragment:
        return f"{target} > {fragment}"
    return target or fragment


class _ImgSources(HTMLParser):
    """Collects `<img src>` values with their line inside an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.found.append((src, self.getpos()[0] - 1))


def html_image_sources(html: str) -> list[tuple[str, int]]:
    """`(src, line offset)` of every `<img>` in an HTML fragment (Typora writes these)."""
    if "<img" not in html.lower():
        return []
    parser = _ImgSources()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):
        pass
    return parser.found


def markdown_link(kind: str, href: str, text: str, line: int, raw: str) -> Link:
    """A `[text](href)` or `![alt](src)` link: external URLs kept, paths decoded, `#` split off."""
    if has_scheme(href):
        return Link(kind, unwrapped_url(href), "", text, line, raw, external=True)  # type: ignore[arg-type]
    path, _, fragment = href.partition("#")
    return Link(kind, decode_link_target(path), decode_link_target(fragment), text, line, raw)  # type: ignore[arg-type]


def is_inline_query(code: str) -> bool:
    """A code span Dataview runs: `= expression` or `$= javascript`, as Dataview reads it (the
    span trimmed; nothing after the prefix, as in `=` written as code, is no query)."""
    text = code.strip()
    prefix = "$=" if text.startswith("$=") else "=" if text.startswith("=") else ""
    return bool(prefix) and bool(text[len(prefix):].strip())


class _Walker:
    def __init__(self, body_line: int) -> None:
        self.body_line = body_line
        self.out = Structure()
        self.heading = ""
        self.pending_tasks: list[tuple[int, bool, int]] = []  # (level, done, line)
        self.table_header: list[str] = []
        self.table_rows: list[TableRow] = []
        self.row_cells: list[TableCell] = []
        self.row_line = 0
        self.table_line = 0
        self.in_cell = False

    def line_of(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.body_line

    def walk(self, tokens: Sequence[Token]) -> Structure:
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "heading_open":
                self._heading(token, tokens[index + 1])
            elif kind == "list_item_open" and "checked" in token.meta:
                self.pending_tasks.append((token.level, bool(token.meta["checked"]), self.line_of(token)))
            elif kind == "list_item_close" and self.pending_tasks:
                self._empty_task(token.level)
            elif kind == "inline":
                self._inline(token)
            elif kind in ("th_open", "td_open", "th_close", "td_close"):
                self.in_cell = kind.endswith("open")
            elif kind == "html_block":
                self._html(token)
            if kind in ("fence", "code_block", "math_block") and token.map:
                self.out.code_lines.update(range(token.map[0], token.map[1]))
            if kind == "fence" and token.map and token.info.strip().split(" ")[0].lower() in QUERY_LANGUAGES:
                token.meta["pn_query"] = len(self.out.queries)
                self.out.queries.append(Query(token.info.strip().split(" ")[0].lower(), token.content,
                                              self.line_of(token), token.map[1] + self.body_line))
            elif kind == "table_open":
                self.table_header, self.table_rows, self.table_line = [], [], self.line_of(token)
            elif kind == "tr_open":
                self.row_cells, self.row_line = [], self.line_of(token)
            elif kind == "tr_close":
                self._row_done()
            elif kind == "table_close":
                self.out.tables.append(
                    Table(tuple(self.table_header), tuple(self.table_rows), self.table_line, self.heading)
                )
        return self.out

    def _heading(self, token: Token, inline: Token) -> None:
        text = plain_text(inline.children)
        self.heading = text
        self.out.headings.append(Heading(int(token.tag[1]), text, heading_anchor(text), self.line_of(token)))

    def _row_done(self) -> None:
        if not self.table_header:
            self.table_header = [cell.text for cell in self.row_cells]
        else:
            self.table_rows.append(TableRow(tuple(self.row_cells), self.row_line))

    def _inline(self, token: Token) -> None:
        children = token.children or ()
        plain = len(children) == 1 and children[0].type == "text"  # most paragraphs: nothing to find
        links = [] if plain else list(self._inline_children(children, self.line_of(token)))
        self.out.links.extend(links)
        content = token.content
        if "::" in content or "`=" in content or "`$=" in content:
            self._inline_fields(token.children or (), self.line_of(token))
        if "id::" in content:
            self._logseq_block_ids(token)
        if "^" in content:
            for line_text in content.split("\n"):
                match = _BLOCK_ID_RE.search(line_text)
                if match:
                    self.out.block_ids.append(match.group(1))
        if self.in_cell:
            self.row_cells.append(TableCell(plain_text(token.children), tuple(links), token.content))
        elif self.pending_tasks and self.pending_tasks[-1][0] < token.level:
            _, done, line = self.pending_tasks.pop()
            first_line = _first_line(token.children or [])
            own_links = tuple(link for link in links if link.line == line)
            self.out.tasks.append(Task(plain_text(first_line), done, line, self.heading, own_links,
                                       shown_markdown(first_line)))

    def _logseq_block_ids(self, token: Token) -> None:
        """A Logseq block's `id:: <uuid>` line: the block can be referenced as `((uuid))`, and
        shows its first line there (a heading's text when the block is a heading)."""
        for line_text in token.content.split("\n"):
            match = LOGSEQ_ID_RE.match(line_text)
            if match:
                first = plain_text(_first_line(token.children or []))
                text = self.heading if LOGSEQ_PROPERTY_RE.match(first) else first
                if text == AREA_MARK:
                    text = area_label(area_page(token.content))
                self.out.block_ids.append(match.group(1).lower())
                self.out.block_texts.append((match.group(1).lower(), text))

    def _inline_fields(self, children: Sequence[Token], line: int) -> None:
        """`key:: value` lines and `[key:: value]` in text; never inside code spans."""
        lines: list[list[str]] = [[]]
        for child in children:
            if child.type in ("softbreak", "hardbreak"):
                lines.append([])
            elif child.type == "code_inline":
                if is_inline_query(child.content):
                    child.meta["pn_query"] = len(self.out.queries)
                    self.out.queries.append(Query("inline", child.content, line + len(lines) - 1,
                                                  line + len(lines)))
                lines[-1].append("\x00")
            elif child.type in ("text", "wikilink", "embed", "hashtag", "citation", "math_inline"):
                lines[-1].append(child.content)
        for offset, parts in enumerate(lines):
            text = "".join(parts)
            if "::" not in text:
                continue
            found = [(m.group(1), m.group(2)) for m in _BRACKET_FIELD_RE.finditer(text)]
            whole = _LINE_FIELD_RE.match(text)
            if not found and whole:
                found = [(whole.group(1), whole.group(2))]
            for key, value in found:
                self.out.inline_fields.append(InlineField(key, value.replace("\x00", "").strip(), line + offset))

    def _empty_task(self, level: int) -> None:
        # A task item with no text (`- [ ]` alone) still counts, so the queue keeps its length.
        if self.pending_tasks[-1][0] == level:
            _, done, line = self.pending_tasks.pop()
            self.out.tasks.append(Task("", done, line, self.heading))

    def _inline_children(self, children: Sequence[Token], line: int) -> Iterator[Link]:
        """The links of one inline token; each link token is told its index in `links`
        (`meta["pn_link"]`), and each hashtag its index in `hashtags`, for the renderer's slots."""
        link_open: Token | None = None
        link_text: list[Token] = []
        number = len(self.out.links)
        for child in children:
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                line += 1
            elif kind in ("wikilink", "embed"):
                meta = child.meta
                child.meta["pn_link"], number = number, number + 1
                yield Link(kind, meta["target"], meta["fragment"], meta["alias"], line, child.content)  # type: ignore[arg-type]
            elif kind == "hashtag":
                child.meta["pn_tag"] = len(self.out.hashtags)
                self.out.hashtags.append(Hashtag(child.meta["tag"], line))
            elif kind == "citation" and link_open is None:  # inside a link's text it stays text
                child.meta["pn_cite"] = len(self.out.citations)
                items = tuple(CiteItem(key, prefix, locator, suppress)
                              for prefix, key, locator, suppress in child.meta["items"])
                self.out.citations.append(Citation(items, line, child.content, child.meta["bracketed"]))
            elif kind == "link_open":
                link_open, link_text = child, []
            elif kind == "link_close" and link_open is not None:
                href = str(link_open.attrGet("href") or "")
                link = markdown_link("markdown", href, plain_text(link_text), line, href)
                if not link.external:
                    link_open.meta["pn_link"] = number
                number += 1
                yield link
                link_open = None
            elif kind == "image":
                src = str(child.attrGet("src") or "")
                link = markdown_link("image", src, plain_text(child.children), line, src)
                if not link.external:
                    child.meta["pn_link"] = number
                number += 1
                yield link
            elif kind == "html_inline":
                images = html_image_sources(child.content)
                child.meta["pn_images"] = [(number + offset, src) for offset, (src, _) in enumerate(images)]
                number += len(images)
                for src, _ in images:
                    yield markdown_link("image", src, "", line, src)
                line += child.content.count("\n")
            elif link_open is not None:
                link_text.append(child)
            if kind == "text":
                line += child.content.count("\n")

    def _html(self, token: Token) -> None:
        line = self.line_of(token)
        images = html_image_sources(token.content)
        token.meta["pn_images"] = [(len(self.out.links) + offset, src) for offset, (src, _) in enumerate(images)]
        for src, offset in images:
            self.out.links.append(markdown_link("image", src, "", line + offset, src))


def extract_structure(tokens: Sequence[Token], body_line: int) -> Structure:
    """Read a note's structure from its tokens; `body_line` is the file line of the body's line 1."""
    return _Walker(body_line).walk(tokens)
