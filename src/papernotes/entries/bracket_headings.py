"""`《Title》` headings: `### 《Title》(CVPR2023)`, `## 2019《 BERT: … 》`, `### DALLE2《…》`.

Before `《` may stand a year or a one-word short name; after `》` only a `(venue)`; any other
text (`## 读《深度学习》笔记`) is not this convention. Links come from the metadata lines right
below the heading (`Paper: *<url>*`, `*<https://…>*`; `<url>` placeholders give none). A paper
without its own venue takes the one of an enclosing heading that is a venue (`# CVPR-2023`,
`# Arxiv`), never of other headings (`# Google AI`). Topics: none (the enclosing headings are
venues and organisations, not topics).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import Venue, clean_title, venue_name
from papernotes.entries.header import Header, read_header
from papernotes.entries.lines import heading_text, inline_lines
from papernotes.entries.links import classify
from papernotes.model import Paper

CONVENTION = "bracket-heading"

_HEADING_RE = re.compile(r"\A(?P<before>[^《》]*+)《(?P<title>[^《》]++)》(?P<after>[^《》]*+)")
_BEFORE_RE = re.compile(r"(?:(?P<year>(?:19|20)\d{2})|(?P<name>[A-Za-z][\w\-+.]*))?")
_AFTER_RE = re.compile(r"(?:\((?P<venue>[^()]+)\))?")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    venues: list[tuple[int, Venue]] = []  # enclosing venue headings, by level
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1:])
        while venues and venues[-1][0] >= level:
            venues.pop()
        text = heading_text(tokens, index)
        match = _HEADING_RE.fullmatch(text)
        if match is None:
            found = venue_name(text)
            if found is not None and found.name is not None:
                venues.append((level, found))
            continue
        inherited = venues[-1][1] if venues else None
        paper = _paper(match, _header(tokens, index, context), inherited, token, context)
        if paper is not None:
            papers.append(paper)
    return papers


def _header(tokens: Sequence[Token], index: int, context: EntryContext) -> Header:
    """The metadata paragraph right after the heading (`heading_open, inline, heading_close`)."""
    if index + 4 < len(tokens) and tokens[index + 3].type == "paragraph_open":
        return read_header(inline_lines(tokens[index + 4], context.body_line))
    return Header()


def _paper(
    match: re.Match[str], header: Header, inherited: Venue | None, token: Token, context: EntryContext
) -> Paper | None:
    before = _BEFORE_RE.fullmatch(match.group("before").strip())
    after = _AFTER_RE.fullmatch(match.group("after").strip())
    title = clean_title(match.group("title"))
    if before is None or after is None or not title.text:
        return None
    own = venue_name(after.group("venue"), strict=False) if after.group("venue") else None
    venue = own or header.venue or inherited
    year = (own.year if own else None) or (int(before.group("year")) if before.group("year") else None)
    year = year or title.year or (venue.year if venue else None)
    line = (token.map[0] if token.map else 0) + context.body_line
    return entry(
        context,
        line,
        CONVENTION,
        title.text,
        links=classify(header.links),
        year=year,
        venue=venue.name if venue else None,
        authors=header.authors,
        short_name=before.group("name") or header.short_name or title.short_name,
        attributes=venue.attributes if venue else (),
    )
