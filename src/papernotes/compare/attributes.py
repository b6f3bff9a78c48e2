"""What can be compared about a paper: its summary-table cells and frontmatter fields, under one
name per meaning (`key design`, `Key Design` and `关键设计` are all `key-design`)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from papernotes.graph import PaperGraph
from papernotes.model import Link, Note, Paper, Table, TableRow
from papernotes.paths import has_scheme
from papernotes.render import escape_md
from papernotes.resolve import Resolved
from papernotes.tables import TOPIC_WORDS, VENUE_COLUMNS, YEAR_COLUMNS, attribute_key, paper_column

ALIASES: dict[str, str] = {
    # key design
    "关键设计": "key-design", "设计": "key-design", "key-designs": "key-design", "핵심-설계": "key-design",
    # contribution
    "contributions": "contribution", "贡献": "contribution", "主要贡献": "contribution",
    "贡献和创新点": "contribution", "创新点": "contribution", "기여": "contribution",
    # method
    "methods": "method", "approach": "method", "方法": "method", "研究方法": "method", "방법": "method",
    # motivation, background, related work (Dendron daily notes' bullets)
    "研究动机": "motivation", "动机": "motivation", "研究背景": "background", "背景": "background",
    "相关工作": "related-work",
    # dataset, metric, params, code
    "datasets": "dataset", "数据集": "dataset", "데이터셋": "dataset",
    "metrics": "metric", "指标": "metric", "评价指标": "metric", "evaluation-metric": "metric",
    "parameters": "params", "param": "params", "#params": "params", "参数量": "params",
    "code-link": "code", "github": "code", "repo": "code", "代码": "code", "코드": "code",
    # summary
    "tldr": "summary", "tl;dr": "summary", "总结": "summary", "概要": "summary", "요약": "summary",
}
"""Spellings of one attribute (already folded by `attribute_key`) -> its canonical key. The
plugin's `column_aliases` option adds to it (and wins)."""

# Frontmatter keys the note's meta already reads (shown as their own columns, or not at all).
META_KEYS = frozenset({
    "title", "year", "date", "venue", "conference", "tags", "tag", "authors", "author", "aliases",
    "alias", "links", "url", "paper", "project", "pdf", "arxiv", "doi", "status", "publish",
    "dg-publish", "draft", "dg-home", "id", "desc", "created", "updated", "cssclass", "cssclasses",
    "permalink", "dg-permalink", "description", "month", "short-name",
    # papernotes.bib's citation keys (bib/match.py CITEKEY_FIELDS): the Cite block shows them
    "citekey", "citation-key", "citation_key", "citationkey", "zotero-key", "zotero_key",
})
# Attributes entries record for themselves, not for readers: never a column.
INTERNAL = frozenset({"marker", "submitted-to", "read-on"})
# Keys Obsidian, its plugins and the theme write for themselves (Zotero Integration's item ids,
# Banners' image and position, Kanban's and the editor's modes, Material's page settings).
APP_KEYS = frozenset({
    "zt-attachments", "banner", "banner-icon", "banner-x", "banner-y", "banner-lock", "kanban-plugin",
    "obsidianuimode", "obsidianeditingmode", "template", "icon", "hide", "search", "comments", "sticker",
})
MAX_TEXT = 200
"""Longest cell text in the comparison data (the JSON file): a longer value is cut with `…`."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One attribute of one paper: its Markdown as written, its plain text, and where its links
    resolve (a summary-table cell's wikilinks point at notes)."""

    markdown: str
    text: str
    links: tuple[tuple[Link, Resolved | None], ...] = ()
    note: str = ""


class Aliases:
    """`canonical(name)`: the one key for every spelling of an attribute."""

    def __init__(self, extra: Mapping[str, str] | None = None) -> None:
        self.map = dict(ALIASES)
        self._seen: dict[str, str] = {}  # a vault has few column names, each seen once per paper
        for alias, canonical in (extra or {}).items():
            self.map[attribute_key(alias)] = attribute_key(canonical)

    def canonical(self, name: str) -> str:
        found = self._seen.get(name)
        if found is None:
            key = attribute_key(name)
            found = self._seen[name] = self.map.get(key, key)
        return found


def label(key: str) -> str:
    """A column's heading: `key-design` -> `Key design`."""
    text = key.replace("-", " ")
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=1 << 16)  # a pure test of a few hundred distinct keys, asked ~13 times a paper a build
def is_comparable(key: str) -> bool:
    """Attributes that are not a fixed column (year, venue) or a topic (fields, directions, tags)."""
    if key in INTERNAL or key in META_KEYS or key in APP_KEYS:
        return False
    spaced = key.replace("-", " ")
    return spaced not in YEAR_COLUMNS and spaced not in VENUE_COLUMNS and not any(w in spaced for w in TOPIC_WORDS)


class PaperAttributes:
    """Every paper's comparable attributes, computed once per build and shared by every table."""

    def __init__(self, graph: PaperGraph, aliases: Aliases | None = None) -> None:
        self.graph = graph
        self.aliases = aliases or Aliases()
        self._cache: dict[str, dict[str, Cell]] = {}
        self._resolved: dict[str, dict[Link, Resolved | None]] = {}
        self._rows: dict[str, dict[int, tuple[Table, TableRow]]] = {}
        self.html: dict[tuple[str, str, str], str] = {}
        """Rendered cells shared by the build's tables (papernotes.compare.table.CellCache)."""

    def of(self, pid: str, paper: Paper) -> dict[str, Cell]:
        found = self._cache.get(pid)
        if found is None:
            found = self._cache[pid] = self._collect(paper)
        return found

    def _collect(self, paper: Paper) -> dict[str, Cell]:
        cells: dict[str, Cell] = {}
        for key, cell in self._table_cells(paper):
            if cell.text and key not in cells and is_comparable(key):
                cells[key] = cell
        for name, value in paper.attributes:  # inline entries' attributes, and table cells not found above
            key = self.aliases.canonical(name)
            if value and key not in cells and is_comparable(key):
                cells[key] = Cell(value, value)
        note = self.graph.notes.get(paper.note) if paper.note else None  # type: ignore[call-overload]
        if note is not None:
            for key, cell in self._frontmatter(note):
                cells.setdefault(key, cell)
        code = paper.link("code")
        if code and "code" not in cells and has_scheme(code):
            shown = escape_md(code.split("://", 1)[-1].removeprefix("www.").rstrip("/"))
            cells["code"] = Cell(f"[{shown}](<{code.replace('>', '%3E')}>)", code)
        return cells

    def _table_cells(self, paper: Paper) -> Iterable[tuple[str, Cell]]:
        """The cells of the summary-table rows that name this paper, with their Markdown."""
        for source in paper.sources:
            if source.kind != "table":
                continue
            note = self.graph.notes.get(source.path)
            if note is None:
                continue
            found = self._summary_rows(note).get(source.line)
            if found is None:
                continue
            table, row = found
            name_column = paper_column(table)
            resolved = self._resolved.get(note.path)
            if resolved is None:
                resolved = self._resolved[note.path] = dict(self.graph.resolutions.get(note.path, ()))
            for index, column in enumerate(table.header):
                if index == name_column or index >= len(row.cells):
                    continue
                cell = row.cells[index]
                links = tuple((link, resolved.get(link)) for link in cell.links)
                yield self.aliases.canonical(column), Cell(cell.source.strip(), cell.text.strip(), links, note.path)

    def _summary_rows(self, note: Note) -> dict[int, tuple[Table, TableRow]]:
        """A note's summary-table rows by file line (a survey's table has thousands)."""
        found = self._rows.get(note.path)
        if found is None:
            found = self._rows[note.path] = {row.line: (table, row) for table in note.tables
                                             if paper_column(table) is not None for row in table.rows}
        return found

    def _frontmatter(self, note: Note) -> Iterable[tuple[str, Cell]]:
        for name, value in note.frontmatter.items():
            key = self.aliases.canonical(str(name))
            if is_comparable(key) and (text := _scalar_text(value)):  # most keys are not: their text is not made
                yield key, Cell(text, text)


def _scalar_text(value: Any) -> str:
    """A frontmatter value as one line of text: numbers and strings, lists of them joined; a
    mapping, a boolean or nothing gives no cell."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int | float):
        return " ".join(str(value).split())
    if isinstance(value, list) and all(isinstance(item, str | int | float) and not isinstance(item, bool)
                                       for item in value):
        return ", ".join(" ".join(str(item).split()) for item in value)
    return ""


def columns_by_coverage(rows: Sequence[Mapping[str, Cell]], *, minimum: float = 0.3,
                        limit: int = 8) -> list[str]:
    """The attributes filled for enough rows (at least `minimum` of them, and two unless there is
    only one row), most filled first, then in order of first appearance."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for row in rows:
        for key in row:
            counts[key] += 1
            first.setdefault(key, len(first))
    needed = max(min(2, len(rows)), minimum * len(rows))
    shown = [key for key, count in counts.items() if count >= needed]
    return sorted(shown, key=lambda key: (-counts[key], first[key]))[:limit]


def short(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
