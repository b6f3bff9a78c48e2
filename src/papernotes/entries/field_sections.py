"""Sections that describe a paper in `key: value` lines: `## Title` then `authors:`, `url:`, `year:`.

Foam and Obsidian users keep several papers in one note as one section each:

    ## Towards the neural population doctrine

    authors: Saxena and Cunningham
    keywords: Population-level neuroscience, review
    url: https://doi.org/10.1016/j.conb.2019.02.002

Judgement call: the heading is a paper's title when the paragraph right below it holds an
`authors:` line and a paper's link (`url:`, `link:`, `doi:`, `paper:` ...), a `year:` or a
`venue:` line: the authors alone could describe a book or a talk, a link alone a tool. Other
keys (`keywords:`, `status:`) are read past; a paragraph of prose before the fields ends the
search. Level-1 headings are the note's own title and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, parse_authors, venue_name
from papernotes.entries.lines import headed_paragraphs, heading_text, inline_lines
from papernotes.entries.links import host_kind
from papernotes.ids import find_year
from papernotes.model import Paper

CONVENTION = "field-section"

_KEY_RE = re.compile(r"^\s*+(?:[-*]\s++)?(?:\*\*)?(?P<key>[A-Za-z][A-Za-z ]{0,15}?)(?:\*\*)?\s*+:\s*+(?P<value>\S.*)$")
_AUTHOR_JOINS_RE = re.compile(r"&|\band\b")  # `Stringer & Pachitariu`, `Saxena and Cunningham`
_AUTHOR_KEYS = frozenset({"authors", "author", "by"})
_LINK_KEYS = frozenset({"url", "link", "links", "doi", "paper", "pdf", "arxiv", "source"})
_YEAR_KEYS = frozenset({"year", "published", "date published"})
_VENUE_KEYS = frozenset({"venue", "journal", "conference", "published in", "publication"})


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    for index, token, inline in headed_paragraphs(tokens):
        paper = _paper(heading_text(tokens, index), inline, token, context)
        if paper is not None:
            papers.append(paper)
    return papers


def _paper(heading: str, inline: Token, token: Token, context: EntryContext) -> Paper | None:
    authors: tuple[str, ...] = ()
    links: list[tuple[str, str]] = []
    year: int | None = None
    venue: str | None = None
    for line in inline_lines(inline, context.body_line):
        match = _KEY_RE.match(line.text)
        if match is None:
            break
        key, value = " ".join(match.group("key").casefold().split()), match.group("value")
        if key in _AUTHOR_KEYS:
            authors = parse_authors(_AUTHOR_JOINS_RE.sub(",", re.sub(r"\bet al\b\.?", "", value)))
        elif key in _LINK_KEYS:
            links += [("paper", url) for _, url in line.links if host_kind(url) == "paper"]
        elif key in _YEAR_KEYS:
            year = find_year(value)
        elif key in _VENUE_KEYS and (found := venue_name(value, strict=False)) is not None:
            venue, year = found.name, year or found.year
    title = clean_title(heading)
    if not authors or not (links or year or venue) or not title.text:
        return None
    return entry(context, (token.map[0] if token.map else 0) + context.body_line, CONVENTION, title.text,
                 links=tuple(dict.fromkeys(links)), year=year or title.year, venue=venue, authors=authors,
                 short_name=title.short_name)
