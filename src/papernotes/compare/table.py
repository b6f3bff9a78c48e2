"""A comparison table as one raw HTML block: a checkbox per paper (to compare them side by side),
the paper's facts and its attribute columns, sortable and filterable like the Papers table."""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from papernotes.compare import COMPARE_SRC
from papernotes.compare.attributes import Cell, PaperAttributes, label
from papernotes.compare.cells import cell_html
from papernotes.model import Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.kept import KeepRow
from papernotes.pages.links import html_text, page_href, paper_html, paper_topics, topic_html
from papernotes.pages.people import author_filter_attributes, venue_html

BUILTIN = ("title", "year", "venue", "status", "authors", "topics")
"""Columns every paper has (from the graph), beside its attributes."""
DEFAULT_FACTS = ("title", "year", "venue", "status")


@dataclass(frozen=True, slots=True)
class Row:
    pid: PaperId
    paper: Paper
    cells: dict[str, Cell]


def rows(attributes: PaperAttributes, papers: Iterable[tuple[PaperId, Paper]]) -> list[Row]:
    return [Row(pid, paper, attributes.of(pid, paper)) for pid, paper in papers]


def fact_text(name: str, paper: Paper, site: Site) -> str:
    """A built-in column as plain text (what `where:` and `sort:` compare)."""
    if name == "title":
        return paper.title
    if name == "year":
        return str(paper.year or "")
    if name == "venue":
        return paper.venue or ""
    if name == "status":
        return paper.status or ""
    if name == "authors":
        return ", ".join(paper.authors)
    if name == "topics":
        return ", ".join(site.graph.topics[key].name for key in paper_topics(site, paper))
    return ""


def _fact_html(name: str, paper: Paper, site: Site, base: str) -> str:
    if name == "title":
        return paper_html(site, paper, base)
    if name == "topics":
        return ", ".join(topic_html(site, key, base) for key in paper_topics(site, paper))
    return html_text(fact_text(name, paper, site))


def pick_box(pid: str, paper: Paper) -> str:
    """The checkbox that puts a paper in the comparison: its `name` is the paper's id (a
    sanitised page keeps `name`, not `value` or `data-*`)."""
    title = html.escape(" ".join(paper.title.split()))
    return f'<input type="checkbox" class="pn-pick" name="{html.escape(pid)}" aria-label="Compare {title}">'


def compare_href(site: Site, base: str) -> str:
    """The comparison page's URL from the page built from `base`."""
    return page_href(site, base, COMPARE_SRC)


def compare_bar(href: str) -> str:
    """The button that opens the comparison page with the ticked papers (the script adds their ids)."""
    return (f'<p class="pn-compare-bar"><a class="md-button pn-compare-button" href="{html.escape(href)}">'
            "Compare ticked papers</a></p>")


CellCache = dict[tuple[str, str, str], str]
"""(paper id, column, page folder) -> the cell's HTML. Links in a cell are relative to the
page's folder only, so every topic page (all in `topics/`) shares one rendering of a cell."""


def table_html(site: Site, table_rows: Sequence[Row], columns: Sequence[str], base: str,
               compare_href: str, cache: CellCache | None = None, *, directory: bool = False,
               kept: KeepRow | None = None) -> list[str]:
    """Lines of one HTML block (no blank line inside, so Markdown passes it through whole).
    `directory` (the Papers table): venues link to their pages, and each row carries its authors
    and venue for papernotes.js's author and venue filters. `kept` (`mkdocs serve`): the last
    builds' rows, given back where what they show is the same."""
    header = "".join(f"<th>{html_text(label(name))}</th>" for name in columns)
    lines = ['<div class="pn-table pn-compare-table">', compare_bar(compare_href), "<table>",
             f'<thead><tr><th class="no-sort" title="Tick papers to compare">✓</th>{header}</tr></thead>',
             "<tbody>"]
    cache = {} if cache is None else cache
    folder = posixpath.dirname(base)
    named = tuple(columns)
    for row in table_rows:
        make = partial(_row_html, site, row, named, base, folder, cache, directory)
        lines.append(make() if kept is None else kept((row.pid, named, folder, directory), make))
    return lines + ["</tbody>", "</table>", "</div>", ""]


def _row_html(site: Site, row: Row, columns: tuple[str, ...], base: str, folder: str, cache: CellCache,
              directory: bool) -> str:
    cells = []
    for name in ("", *columns):
        key = (row.pid, name + ("/directory" if directory and name == "venue" else ""), folder)
        shown = cache.get(key)
        if shown is None:
            shown = cache[key] = _cell(row, name, site, base, directory=directory)
        cells.append(shown)
    row_attributes = author_filter_attributes(site, row.paper) if directory else ""
    return f"<tr{row_attributes}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _cell(row: Row, name: str, site: Site, base: str, *, directory: bool = False) -> str:
    in_library = row.pid in site.bib.library_papers  # known only from a reference library: no page
    if not name:
        return "" if in_library else pick_box(row.pid, row.paper)
    if name == "status" and in_library and not row.paper.status:
        return "in library"
    if name == "venue" and directory and row.paper.venue:
        return venue_html(site, row.paper.venue, base)
    if name in BUILTIN:
        return _fact_html(name, row.paper, site, base)
    cell = row.cells.get(name)
    return cell_html(cell, site, base) if cell is not None else ""
