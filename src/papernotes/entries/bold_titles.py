"""Bold-title lists: `**Title** \\`, `*Authors*`, `Venue Year. [[Paper](…)] [[Github](…)]`, a date, a comment.

An entry starts with a paragraph whose first line is only a bold title of two words or more
(so `**CLIP-ICML2021**` or `**Problem**` are not titles). When the title stands alone, the next
paragraph continues it; the first one of a list only when it is the authors line (`* Authors *`
lines turn into a list), as a bold label above a list of citations (`**Paper list**` then
`- Toshev and Szegedy 2014. [paper](…)`) is no paper's title. After the title: an authors line
(`*...*`, `<sup>` marks stripped), then venue and link lines and date lines (`2 Mar 2015`,
`[Submitted on 6 Apr 2023]`); the first other line starts the comment, which becomes the summary.

It is a paper when it has a venue line, a paper link, or authors together with a link or a
date; so `## Introductory Posts` entries (`[[Website](…)]` and a date only) are not papers. A
title that ends in its venue and year (`**Two-Stream Nets (NIPS 2014)**`, then `• **Paper:** …`
paragraphs) has its venue line in itself: a venue we know, or two capitals, and a year. The
year is the venue's, else the date's; the month comes from a date in that year. The topic is
the heading above (not a level-1 note title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import (
    Venue,
    clean_title,
    is_date_line,
    parse_authors,
    parse_venue_line,
    short_summary,
    venue_name,
)
from papernotes.entries.lines import Line, inline_lines, line_text, topic_heading
from papernotes.entries.links import classify
from papernotes.ids import find_date
from papernotes.model import Paper

CONVENTION = "bold-title-list"

_TITLE_RE = re.compile(r"\*\*(?!\*)(.+?)\s*\*\*")
_TITLE_VENUE_RE = re.compile(r"\(([^()]{2,40})\)$")  # `Two-Stream Nets (NIPS 2014)`
_ENDS_BLOCK = {"heading_open", "fence", "code_block", "html_block", "blockquote_open", "table_open", "hr"}


@dataclass(slots=True)
class _Pending:
    line: int
    title: str
    heading: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    heading: tuple[str, ...] = ()
    pending: _Pending | None = None  # a title alone in its paragraph, waiting for the next one
    for index, token in enumerate(tokens):
        if token.type in _ENDS_BLOCK:
            _finish(pending, papers, context)
            pending = None
            if token.type == "heading_open":
                heading = topic_heading(tokens, index)
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            if pending is None and not token.content.lstrip().startswith("**"):
                continue  # no title waiting and none starting here: nothing to read
            lines = inline_lines(token, context.body_line)
            title = _title(lines[0])
            if pending is not None and title is None and tokens[index - 2].type == "list_item_open" \
                    and not _is_authors(lines[0]):
                pending = None  # `**Paper list**` above `- Toshev and Szegedy 2014. [paper](…)`: a label
                continue
            if pending is not None and title is None:
                pending.lines.extend(lines)
                _finish(pending, papers, context)
                pending = None
                continue
            _finish(pending, papers, context)
            pending = _Pending(lines[0].number, title, heading, lines[1:]) if title else None
            if pending is not None and len(lines) > 1:
                _finish(pending, papers, context)
                pending = None
    _finish(pending, papers, context)
    return papers


def _title(line: Line) -> str | None:
    match = _TITLE_RE.fullmatch(line.raw.rstrip(" \\"))
    if match is None or "**" in match.group(1):
        return None
    return line.text if " " in clean_title(line.text).text else None


def _is_authors(line: Line) -> bool:
    raw = line.raw.rstrip(" \\")
    emphasised = (raw.startswith("*") and not raw.startswith("**")) or (
        raw.endswith("*") and not raw.endswith("**")
    )
    return emphasised and not line.has_link_tokens and any(char.isalpha() for char in line.text)


@dataclass(slots=True)
class _Parts:
    """The lines after a title, sorted by role."""

    has_authors: bool = False
    authors: tuple[str, ...] = ()
    venue: Venue = field(default_factory=Venue)
    date: tuple[int | None, int | None] = (None, None)
    links: list[tuple[str, str]] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)


def _read(lines: list[Line]) -> _Parts:
    parts = _Parts()
    if lines and _is_authors(lines[0]):
        parts.has_authors, parts.authors = True, parse_authors(lines[0].text)
        lines = lines[1:]
    for line in lines:
        if parts.comment:
            parts.comment.append(line.text)
        elif is_date_line(line.text):
            parts.date = parts.date if parts.date[0] is not None else find_date(line.text)
        elif line.links or (parts.venue.name is None and _is_venue_line(_venue_of(line))):
            if parts.venue.name is None and not parts.venue.attributes:
                parts.venue = _venue_of(line)
            parts.links.extend(line.links)
        else:
            parts.comment.append(line.text)
    return parts


def _is_venue_line(venue: Venue) -> bool:
    """A venue, or only a submission (`Submitted to ICLR2024`): either is the entry's venue line."""
    return venue.name is not None or any(key == "submitted_to" for key, _ in venue.attributes)


def _finish(pending: _Pending | None, papers: list[Paper], context: EntryContext) -> None:
    if pending is None:
        return
    parts = _read(pending.lines)
    venue, date = parts.venue, parts.date
    name = pending.title
    if venue.name is None and (own := _title_venue(name)) is not None:
        name, venue = name[: own[0]], own[1]
    links = classify(parts.links)
    has_paper_link = any(kind == "paper" for kind, _ in links)
    submitted = any(key == "submitted_to" for key, _ in venue.attributes)
    if not (venue.name or submitted or has_paper_link or (parts.has_authors and (links or date[0]))):
        return
    title = clean_title(name)
    year = venue.year or date[0] or title.year
    month = venue.month if venue.month and venue.year == year else (date[1] if date[0] == year else None)
    papers.append(
        entry(
            context,
            pending.line,
            CONVENTION,
            title.text,
            links=links,
            year=year,
            month=month,
            venue=venue.name,
            authors=parts.authors,
            tags=pending.heading,
            summary=short_summary(" ".join(parts.comment)),
            short_name=title.short_name,
            attributes=venue.attributes,
        )
    )


def _title_venue(title: str) -> tuple[int, Venue] | None:
    """Where a title's own `(NIPS 2014)` starts, and that venue with its year; None without one."""
    match = _TITLE_VENUE_RE.search(title.rstrip())
    found = venue_name(match.group(1)) if match else None
    if match is None or found is None or found.year is None or not found.name:
        return None
    return match.start(), found


def _venue_of(line: Line) -> Venue:
    """The venue written before the line's first link: `ICLR 2021 (Oral). [[Paper](…)]`."""
    for position, token in enumerate(line.tokens):
        if token.type == "link_open":
            return parse_venue_line(line_text(line.tokens[:position]))
    return parse_venue_line(line.text)
