"""The data model: what a note says (Note and its parts) and what a paper is (Paper)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Literal, NewType

from papernotes.diagnostics import Diagnostic
from papernotes.paths import shown

NoteKey = NewType("NoteKey", str)
"""A note's path relative to the vault, POSIX separators, with extension: `Diffusion/Latte.md`."""

PaperId = NewType("PaperId", str)
"""A stable paper id: `arxiv:2401.03048`, `doi:10.1109/...` or `title:latte-latent-...`."""

LinkKind = Literal["wikilink", "embed", "markdown", "image"]
ReadingStatus = Literal["to-read", "reading", "read"]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True, slots=True)
class Link:
    """An outgoing link as written: `[[target#fragment|alias]]`, `![[x.png|300]]`, `[text](url)`.

    `target` is the path part (URL-decoded for markdown links, empty for `[[#Heading]]`);
    `fragment` is what follows `#` (a heading, or `^block-id`); `external` marks URLs with a
    scheme (`https:`, `mailto:`, ...), which are never resolved against the vault.
    """

    kind: LinkKind
    target: str
    fragment: str
    text: str
    line: int
    raw: str
    external: bool = False


@dataclass(frozen=True, slots=True)
class Hashtag:
    tag: str
    line: int


@dataclass(frozen=True, slots=True)
class Task:
    """A task list item (`- [ ]` / `- [x]`) and the heading it sits under."""

    text: str
    done: bool
    line: int
    heading: str
    links: tuple[Link, ...] = ()
    markdown: str = ""
    """`text` as Markdown that shows it with its `code spans` (see `structure.shown_markdown`)."""


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    links: tuple[Link, ...] = ()
    source: str = ""
    """The cell as written (Markdown, `\\|` unescaped): what a comparison table renders."""


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[TableCell, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    line: int
    heading: str


@dataclass(frozen=True, slots=True)
class Query:
    """A query written in a note: a ```dataview / ```dataviewjs / ```base block, or inline `= expr`.

    `info` is the fence's language (`inline` for an inline query); `line` is the file line of the
    opening fence and `end_line` the file line just after the closing one.
    """

    info: str
    source: str
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One cited key of a citation: `see @key, p. 3` -> prefix `see`, key, locator `p. 3`."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    """A Pandoc citation as written: `[@a, p. 3; @b]` (bracketed) or a bare `@key`."""

    items: tuple[CiteItem, ...]
    line: int
    raw: str
    bracketed: bool = True


@dataclass(frozen=True, slots=True)
class InlineField:
    """A Dataview inline field: a `key:: value` line, or `[key:: value]` / `(key:: value)` in text."""

    key: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class NoteMeta:
    """Frontmatter normalised across Obsidian, digital-garden and Dendron conventions."""

    title: str | None = None
    year: int | None = None
    date: str | None = None
    venue: str | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    arxiv: str | None = None
    doi: str | None = None
    status: ReadingStatus | None = None
    publish: bool | None = None
    draft: bool = False
    home: bool = False
    dendron_id: str | None = None
    description: str | None = None
    created: str | None = None
    updated: str | None = None
    citekey: str | None = None
    """A BibTeX/Zotero citation key (`citekey`, `citation-key`): a strong identity key, as arXiv ids are."""

    def __post_init__(self) -> None:
        _show_fields(self, ("title", "venue", "description"), ("tags", "authors"))


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact about a paper was found."""

    path: NoteKey
    line: int
    kind: str


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper, as found in one place (an inline entry, a note) or merged from many."""

    title: str
    sources: tuple[Source, ...]
    year: int | None = None
    month: int | None = None
    venue: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    arxiv: str | None = None
    doi: str | None = None
    status: ReadingStatus | None = None
    summary: str = ""
    short_name: str = ""
    anchor: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    note: NoteKey | None = None
    citekey: str | None = None

    def __post_init__(self) -> None:
        _show_fields(self, ("title", "venue", "summary", "short_name"), ("tags", "authors"))

    def link(self, kind: str) -> str | None:
        for link_kind, url in self.links:
            if link_kind == kind:
                return url
        return None


def _show_fields(item: object, texts: tuple[str, ...], lists: tuple[str, ...]) -> None:
    """`paths.shown` applied to the fields the site shows (titles in the nav, `<title>`, feeds,
    graph labels, papers.bib): no bidi override can turn the page's chrome around."""
    for name in texts:
        value = getattr(item, name)
        if value and not value.isascii():
            object.__setattr__(item, name, shown(value))
    for name in lists:
        values = getattr(item, name)
        if values and not all(value.isascii() for value in values):
            object.__setattr__(item, name, tuple(shown(value) for value in values))


def packed(text: str) -> bytes:
    """Text kept compressed (zlib level 1 of its UTF-8): a vault's notes stay in memory for the
    whole build, and a note's text, two or four bytes a character as a `str` once it holds one
    character past Latin-1 (a CJK word, an em dash, an emoji), shrinks to about a fifth."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


_UNPACKED: dict[int, tuple[bytes, str]] = {}
"""The last few texts unpacked, by the id of their packed bytes (kept alive beside them, so the
id is not reused): a note's body is read several times in a row by the recognisers."""
_UNPACKED_MAX = 4


def unpacked(data: bytes) -> str:
    """The text `packed` made, decompressed (the last few are remembered)."""
    found = _UNPACKED.get(id(data))
    if found is not None and found[0] is data:
        return found[1]
    text = zlib.decompress(data).decode("utf-8", "surrogatepass")
    if len(_UNPACKED) >= _UNPACKED_MAX:
        _UNPACKED.clear()
    _UNPACKED[id(data)] = (data, text)
    return text


@dataclass(frozen=True, slots=True)
class NoteHtml:
    """A note rendered once, with slots for what depends on the site (see markdown/html.py).
    Kept compressed: a vault's rendered notes stay in memory for the whole build."""

    compressed: bytes
    headings: tuple[tuple[int, str, str, str], ...] = ()
    """(level, id, text, TOC entry's HTML) of each heading, in order: the page's table of contents."""
    sections: tuple[tuple[str, int, int], ...] = ()
    """(heading id, level, offset in `html`) of each heading: where an embedded section starts."""
    blocks: tuple[tuple[str, int, int], ...] = ()
    """(block id, start, end) in `html` of each block ending in `^block-id`."""

    @classmethod
    def of(cls, html: str, headings: tuple[tuple[int, str, str, str], ...] = (),
           sections: tuple[tuple[str, int, int], ...] = (),
           blocks: tuple[tuple[str, int, int], ...] = ()) -> NoteHtml:
        return cls(packed(html), headings, sections, blocks)

    @property
    def html(self) -> str:
        return unpacked(self.compressed)


@dataclass(frozen=True, slots=True)
class Note:
    """One markdown file of the vault, read once and parsed once."""

    path: NoteKey
    title: str
    frontmatter: dict[str, Any]
    meta: NoteMeta
    packed_body: bytes
    """The note's text below its frontmatter, `packed` (read it as `body`)."""
    body_line: int
    content_hash: str
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    tasks: tuple[Task, ...] = ()
    tables: tuple[Table, ...] = ()
    hashtags: tuple[Hashtag, ...] = ()
    block_ids: tuple[str, ...] = ()
    block_texts: tuple[tuple[str, str], ...] = ()
    """Logseq blocks with an `id::` property: (uuid, the block's first line as plain text), what
    a `((uuid))` reference to the block shows."""
    papers: tuple[Paper, ...] = ()
    queries: tuple[Query, ...] = ()
    inline_fields: tuple[InlineField, ...] = ()
    citations: tuple[Citation, ...] = ()
    code_lines: frozenset[int] = frozenset()
    """Lines of the body inside code or math blocks, as 0-based indices into `body.split("\\n")`."""
    size: int = 0
    """The file's size in bytes (Bases' `file.size`)."""
    outline: bool = False
    """A page of a Logseq graph, where a link to a page with no file is normal (pages exist implicitly)."""
    html: NoteHtml = field(default=NoteHtml.of(""), compare=False, repr=False)
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    recognised: object = field(default=None, compare=False, repr=False)
    """What paper-note recognition reads from this note alone, found when it was loaded
    (`recognise.decide.NoteSignals`), or None: found when needed."""

    def __post_init__(self) -> None:
        _show_fields(self, ("title",), ())

    @property
    def body(self) -> str:
        """The note's text below its frontmatter (`%%comments%%` blanked, line breaks LF)."""
        return unpacked(self.packed_body)

    @property
    def tags(self) -> tuple[str, ...]:
        """Frontmatter tags and body hashtags, in order of appearance, without duplicates."""
        seen: dict[str, None] = dict.fromkeys(self.meta.tags)
        for hashtag in self.hashtags:
            seen.setdefault(hashtag.tag, None)
        return tuple(seen)

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.meta.aliases

    @property
    def publish(self) -> bool:
        """Published unless the note says otherwise (`publish: false`, `dg-publish: false`, `draft`)."""
        return self.meta.publish is not False and not self.meta.draft
