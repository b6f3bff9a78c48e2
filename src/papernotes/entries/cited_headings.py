"""Headings that cite a paper: `## Saxena, Cunningham - Towards the neural population doctrine - 2019`.

A review's notes often give each paper a section headed by its authors, its title and its
year, joined by dashes. Judgement call: the heading must end in a year, start with names (no
digits, at most a few words per name), and hold a title of three words or more between them;
so `## The Spike - Mark Humphries` (a book, no year) and `## Week 3 - 2021` are not papers.
`et al`, `ea.` and `… lab` / `… labs` (the group, not an author) are left out of the authors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title, parse_authors
from papernotes.entries.lines import heading_text
from papernotes.model import Paper

CONVENTION = "cited-heading"

_DASH = r"\s++[-–—]\s++"
# Authors without dashes or digits, the title, the year: bounded and anchored, so linear.
_CITED_RE = re.compile(rf"^(?P<authors>[^\d\-–—]{{2,80}}?){_DASH}(?P<title>[^\n]{{8,300}}?){_DASH}"
                       r"(?P<year>(?:19|20)\d{2})\s*+$")
_GROUP_RE = re.compile(r"\b(?:et\.?\s*+al|ea)\b\.?|\b\w+(?:\s+\w+)?\s+labs?\b", re.IGNORECASE)
_JOINS_RE = re.compile(r"&|\band\b")
_MIN_TITLE_WORDS = 3
_MAX_NAME_WORDS = 3


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag == "h1":
            continue
        match = _CITED_RE.match(heading_text(tokens, index))
        if match is None or len(match.group("title").split()) < _MIN_TITLE_WORDS:
            continue
        listed = _JOINS_RE.sub(",", _GROUP_RE.sub(",", match.group("authors")))
        names = [name for part in listed.split(",") if (name := part.strip(" ."))]
        if not names or any(len(name.split()) > _MAX_NAME_WORDS for name in names):
            continue  # `## What we learned this month - …`: a sentence, not names
        title = clean_title(match.group("title"))
        papers.append(entry(context, (token.map[0] if token.map else 0) + context.body_line, CONVENTION, title.text,
                            year=int(match.group("year")), authors=parse_authors(", ".join(names)),
                            short_name=title.short_name))
    return papers
