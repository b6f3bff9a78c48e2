"""Typora survey lists: `- "Title" Venue, Year Mon, ShortName :star:` then lines of links and `Authors:`.

An entry is a list item (or task item: `[x]` is read, `[ ]` to read) whose first line opens with
a quoted title, or a blockquote paragraph `> "Title" Venue, Year` (how single-paper `*_Note.md`
files start). After the closing quote only a venue, a date, short names (`StableSR`, `` `SUPIR` ``,
`**VideoLDM**`) and emoji markers may follow; anything else means the quote was prose. A list
entry needs a venue, a year or a link; a blockquote entry needs a venue or a year. The entry's
summary is the first blockquote inside its item (`  > 融合多模态输入`); its topic is the heading
above it, unless that is the note's level-1 title (see `lines.topic_heading`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, parse_authors, short_summary, venue_name
from papernotes.entries.lines import Line, inline_lines, line_hashtags, topic_heading
from papernotes.entries.links import classify
from papernotes.ids import find_date, find_year, is_known_venue
from papernotes.model import Paper, ReadingStatus

CONVENTION = "survey-list"

_CLOSING_QUOTES = {'"': '"', "“": "”"}
_EMOJI_RE = re.compile(r":([a-z0-9_+\-]+):")
_AUTHORS_RE = re.compile(r"authors?\s*[:：]\s*(.*)", re.IGNORECASE)
_SHORT_NAME_RE = re.compile(r"[\w\-.+]{1,30}")


@dataclass(frozen=True, slots=True)
class _Tail:
    venue: str | None = None
    year: int | None = None
    month: int | None = None
    short_name: str = ""
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Draft:
    line: int
    title: str
    tail: _Tail
    links: tuple[tuple[str, str], ...]
    authors: tuple[str, ...]
    tags: list[str]
    summary: str = ""


@dataclass(slots=True)
class _Item:
    level: int
    status: ReadingStatus | None
    first_seen: bool = False
    draft: _Draft | None = None


@dataclass(slots=True)
class _State:
    heading: tuple[str, ...] = ()
    items: list[_Item] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    state = _State()
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            state.heading = topic_heading(tokens, index)
        elif kind == "list_item_open":
            checked = token.meta.get("checked")
            status: ReadingStatus | None = None if checked is None else ("read" if checked else "to-read")
            state.items.append(_Item(token.level, status))
        elif kind == "list_item_close" and state.items:
            item = state.items.pop()
            if item.draft is not None:
                state.papers.append(_paper(item.draft, item.status, context))
        elif kind == "inline" and index >= 2 and tokens[index - 1].type == "paragraph_open":
            _paragraph(tokens, index, state, context)
    return sorted(state.papers, key=lambda paper: paper.sources[0].line)


def _paragraph(tokens: Sequence[Token], index: int, state: _State, context: EntryContext) -> None:
    paragraph, container = tokens[index - 1], tokens[index - 2]
    item = state.items[-1] if state.items else None
    if item is not None and not item.first_seen and paragraph.level == item.level + 1:
        item.first_seen = True
        item.draft = _draft(inline_lines(tokens[index], context.body_line), state.heading, True)
        return
    if container.type != "blockquote_open":
        return
    if item is not None and item.draft is not None and container.level == item.level + 1:
        if not item.draft.summary:
            item.draft.summary = short_summary(" ".join(line.text for line in _lines(tokens, index, context)))
        return
    draft = _draft(_lines(tokens, index, context), state.heading, False)
    if draft is not None:
        state.papers.append(_paper(draft, None, context))


def _lines(tokens: Sequence[Token], index: int, context: EntryContext) -> list[Line]:
    return inline_lines(tokens[index], context.body_line)


def _draft(lines: list[Line], heading: tuple[str, ...], in_list: bool) -> _Draft | None:
    header = lines[0]
    text = header.text
    closing = _CLOSING_QUOTES.get(text[:1])
    end = text.find(closing, 1) if closing else -1
    if closing == "”" and end < 0:
        end = text.find('"', 1)
    if end <= 1:
        return None
    title = clean_title(text[1:end])
    tail = _tail(text[end + 1 :], _marked_names(header.tokens))
    if tail is None or not title.text:
        return None
    links = classify(link for line in lines for link in line.links)
    authors: tuple[str, ...] = ()
    for line in lines[1:]:
        match = _AUTHORS_RE.fullmatch(line.text)
        if match:
            authors = parse_authors(match.group(1))
    if tail.year is None and title.year is not None:
        tail = replace(tail, year=title.year, month=None)
    if not tail.short_name and title.short_name:
        tail = replace(tail, short_name=title.short_name)
    if not (tail.venue is not None or tail.year is not None or (in_list and links)):
        return None
    tags = [*heading, *(tag for line in lines for tag in line_hashtags(line))]
    return _Draft(header.number, title.text, tail, links, authors, tags)


def _marked_names(tokens: Sequence[Token]) -> list[str]:
    """Texts written as `code` or **bold** on the header line: the author's short names."""
    names: list[str] = []
    bold: list[str] | None = None
    for token in tokens:
        if token.type == "code_inline":
            names.append(token.content.strip())
        elif token.type == "strong_open":
            bold = []
        elif token.type == "strong_close" and bold is not None:
            names.append("".join(bold).strip())
            bold = None
        elif bold is not None and token.type == "text":
            bold.append(token.content)
    return [name for name in names if name]


def _tail(text: str, marked: list[str]) -> _Tail | None:
    """Venue, date and short name after the title; None when the text is prose, not metadata."""
    markers = _EMOJI_RE.findall(text)
    segments = [part.strip() for part in _EMOJI_RE.sub(" ", text).split(",") if part.strip()]
    venue: str | None = None
    year: int | None = None
    month: int | None = None
    attributes: list[tuple[str, str]] = [("marker", marker) for marker in markers]
    if segments and not segments[0][:1].isdigit() and segments[0] not in marked:
        followed_by_date = len(segments) > 1 and segments[1][:1].isdigit()
        found = venue_name(segments[0], strict=not followed_by_date)
        if found is None or (followed_by_date and not _looks_like_venue(found.name)):
            return None
        venue, year = found.name, found.year
        attributes.extend(found.attributes)
        segments.pop(0)
    if segments and segments[0][:1].isdigit():
        year, month = find_date(segments[0])
        year = year or find_year(segments[0])
        segments.pop(0)
    names = marked or [part for part in segments if _SHORT_NAME_RE.fullmatch(part)]
    return _Tail(venue, year, month, names[0] if names else "", tuple(attributes))


def _looks_like_venue(name: str | None) -> bool:
    """`ICCV`, `Nature Methods` or a venue we know; `that is prose` (lower-case words) is not one."""
    return bool(name) and (is_known_venue(str(name)) or str(name)[:1].isupper())


def _paper(draft: _Draft, status: ReadingStatus | None, context: EntryContext) -> Paper:
    tail = draft.tail
    return entry(
        context,
        draft.line,
        CONVENTION,
        draft.title,
        links=draft.links,
        year=tail.year,
        month=tail.month,
        venue=tail.venue,
        authors=draft.authors,
        tags=draft.tags,
        status=status,
        summary=draft.summary,
        short_name=tail.short_name,
        attributes=tail.attributes,
    )
