"""Summary tables: a pipe table with a paper column, each row a paper with named attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from papernotes.ids import find_year, is_known_venue, is_paper_url, normalise_venue
from papernotes.model import Link, Table, TableRow
from papernotes.topics import split_topics

PAPER_COLUMNS = {"paper", "papers", "title", "name", "paper name", "paper title", "论文", "标题",
                 "名称", "논문", "제목", "model", "method"}
# Columns that say "paper" themselves; `name`, `title`, `model`, `method` name all sorts of things
# (ROS topics, functions, products) and make a summary table only when its rows look like papers.
PAPER_ONLY_COLUMNS = {"paper", "papers", "paper name", "paper title", "论文", "논문"}

YEAR_COLUMNS = {"year", "年份", "年", "연도"}
VENUE_COLUMNS = {"venue", "conference", "journal", "会议", "期刊", "학회"}
TOPIC_WORDS = ("field", "tag", "direction", "topic", "area", "领域", "方向", "分类", "분야")


def attribute_key(column: str) -> str:
    """A column name as an attribute key: `field and direction` -> `field-and-direction`."""
    return re.sub(r"[\s_]+", "-", column.strip().casefold())


def _column_name(column: str) -> str:
    """A header folded; `Paper / Framework` is a paper column."""
    folded = column.strip().casefold()
    return next((part for part in map(str.strip, folded.split("/")) if part in PAPER_ONLY_COLUMNS), folded)


def paper_column(table: Table) -> int | None:
    """Index of the column naming the paper, or None when the table is not a summary table.

    A `... title` column (`Full Title`, `Article Title`) is a title column too, and is preferred
    to a `name` beside it (`| Short Name | Full Title | Year |`)."""
    folded = [_column_name(name) for name in table.header]
    for index, name in enumerate(folded):
        if name in PAPER_COLUMNS and name != "name" or name.endswith(" title"):
            return index
    return folded.index("name") if "name" in folded else None


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One row of a summary table, read: the paper it names and what the other cells say."""

    name: str
    links: tuple[Link, ...]
    line: int
    year: int | None
    venue: str | None
    topics: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]
    authors: tuple[str, ...] = ()
    cited: bool = False
    """The name cell cites the paper with its year: `BadNets (Gu et al., 2017)`."""


def read_row(table: Table, row: TableRow, name_column: int) -> SummaryRow | None:
    cells = row.cells
    if name_column >= len(cells) or not cells[name_column].text.strip():
        return None
    year: int | None = None
    venue: str | None = None
    topics: list[str] = []
    attributes: list[tuple[str, str]] = []
    for index, column in enumerate(table.header):
        if index == name_column or index >= len(cells):
            continue
        text = cells[index].text.strip()
        folded = column.strip().casefold()
        attributes.append((attribute_key(column), text))
        if not text:
            continue
        if folded in YEAR_COLUMNS:
            year, venue = _year_cell(text, venue)
        elif folded in VENUE_COLUMNS:
            venue, glued_year = normalise_venue(text)
            year = year or glued_year
        elif any(word in folded for word in TOPIC_WORDS):
            topics += split_topics(text)
    cell = cells[name_column]
    cited = cited_name(cell.text.strip())
    if cited is None:
        return SummaryRow(cell.text.strip(), cell.links, row.line, year, venue, tuple(topics), tuple(attributes))
    return SummaryRow(cited.title, cell.links, row.line, year or cited.year, venue or cited.venue, tuple(topics),
                      tuple(attributes), cited.authors, cited=True)


@dataclass(frozen=True, slots=True)
class CitedName:
    title: str
    year: int
    venue: str | None
    authors: tuple[str, ...]


_QUOTED_RE = re.compile(r"[\"“]([^\"“”]{2,300})[\"”]")
_CITATION_RE = re.compile(r"\(([^()]{0,80}?)\b((?:19|20)\d{2})\)\s*$")
_ET_AL_RE = re.compile(r"\bet\.?\s*al\b\.?")
_NAME_RE = re.compile(r"[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,2}")


def cited_name(text: str) -> CitedName | None:
    """A paper named with its citation: `BadNets (Gu et al., 2017)`, `SNIP (2019)`, `"Title" (Obi &
    Tran, 2019)`, `“Title” (NeurIPS 2021)`, `Shen et al., 2022 – "Name"`. None without a year."""
    quoted = _QUOTED_RE.search(text)
    if quoted:
        title, rest = quoted.group(1), text[: quoted.start()] + " " + text[quoted.end():]
    elif (match := _CITATION_RE.search(text)) is not None:
        title, rest = text[: match.start()], match.group(0)
    else:
        return None
    year = find_year(rest)
    title = title.strip(" -–—:,.")
    if year is None or not title:
        return None
    words = " ".join(rest.replace(str(year), " ").strip(" ()-–—:,.").split()).strip(" ,")
    name, _ = normalise_venue(words)
    if words and is_known_venue(name):
        return CitedName(title, year, name, ())
    parts = [part.strip(" .") for part in re.split(r",|&|\band\b", _ET_AL_RE.sub(" ", words))]
    authors = tuple(part for part in parts if _NAME_RE.fullmatch(part))
    return CitedName(title, year, None, authors if len(authors) == len([p for p in parts if p]) else ())


def _year_cell(text: str, venue: str | None) -> tuple[int | None, str | None]:
    """A year column holds `2023`, or a venue with a year glued on (`ICLR24`, `CVPR 2022`)."""
    year = find_year(text)
    if year is not None and text.strip().isdigit():
        return year, venue
    name, glued = normalise_venue(text)
    if glued is not None:
        return glued, venue or name
    return year, venue


def summary_rows(table: Table) -> list[SummaryRow]:
    """The rows of a summary table; none when the table is not one (see `PAPER_ONLY_COLUMNS`)."""
    name_column = paper_column(table)
    if name_column is None:
        return []
    rows = [row for raw in table.rows if (row := read_row(table, raw, name_column)) is not None]
    name = _column_name(table.header[name_column])
    if name == "papers" and name_column > 0 and not _rows_look_like_papers(table, rows):
        return []  # `| Term | Papers |`: an index of the papers about each term, not a row per paper
    if not (name in PAPER_ONLY_COLUMNS or _rows_look_like_papers(table, rows)):
        return []
    if sum(row.cited for row in rows) * 2 >= len(rows):
        # the rows cite their papers (`BadNets (Gu et al., 2017)`): one that cites nothing and links
        # nothing (`Byzantine attacks`) names a kind of thing, not a paper
        return [row for row in rows if row.cited or row.year or _row_links(table, row)]
    return rows


def _rows_look_like_papers(table: Table, rows: list[SummaryRow]) -> bool:
    """A year or venue column, or paper links in at least half the rows."""
    folded = {column.strip().casefold() for column in table.header}
    if folded & (YEAR_COLUMNS | VENUE_COLUMNS):
        return True
    linked = sum(any(is_paper_url(link.target) or link.target.casefold().endswith(".pdf")
                     for link in _row_links(table, row)) for row in rows)
    return bool(rows) and linked * 2 >= len(rows)


def _row_links(table: Table, row: SummaryRow) -> list[Link]:
    raw = next((r for r in table.rows if r.line == row.line), None)
    return [link for cell in raw.cells for link in cell.links] if raw else []
