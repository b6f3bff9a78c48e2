"""List items led by a bold author-year citation: `- **Obi et al., NeurIPS 2020:** “Title” – what it showed`.

Notes that explain a concept often end with research examples written this way: the citation in
bold (`Obi et al., 2019`, `Obi & Tran, ICLR 2021`), then the paper's title in quotes, or its
name in parentheses inside the bold (`**Sun et al., 2019 (Edge-case Attack):** Used ...`). The
citation is the evidence; the title is the first quoted text of the item's first line, else the
name in parentheses. An item with no title this way is left alone (`**Obi et al., 2019:** showed
that ...` names no paper), and so is a bold lead without a year or without authors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.lines import inline_lines
from papernotes.ids import is_known_venue, normalise_venue
from papernotes.model import Paper

CONVENTION = "cited-item"

_LEAD_RE = re.compile(r"\*\*([^*]{4,120})\*\*")
_NAME = r"[A-Z][\w'’\-]++"
# `Obi et al., NeurIPS 2020`, `Obi & Tran, 2019`, `Obi and Tran 2019`, then `(Name)` and a colon;
# anchored at the start (its one use is fullmatch), every repeat possessive: linear on any input.
_CITATION_RE = re.compile(
    rf"\A(?P<authors>{_NAME}(?:\s++et\s++al\.?+|(?:\s*+(?:&|\band\b|,)\s*+{_NAME})++)?+)\s*+,?+\s*+"
    r"(?:(?P<venue>[A-Za-z][\w&\-]{1,15}+)\s++)?(?P<year>(?:19|20)\d{2})[a-z]?"
    r"\s*+(?:\((?P<name>[^()]{2,80}+)\))?\s*+:?")
_QUOTED_RE = re.compile(r"[\"“]([^\"“”]{2,300})[\"”]")


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2 or tokens[index - 2].type != "list_item_open":
            continue
        line = inline_lines(token, context.body_line)[0]
        lead = _LEAD_RE.match(line.raw)
        citation = _CITATION_RE.fullmatch(lead.group(1).strip()) if lead else None
        if lead is None or citation is None:
            continue
        quoted = _QUOTED_RE.search(line.raw[lead.end():])
        title = (quoted.group(1) if quoted else citation.group("name") or "").strip()
        if not title:
            continue
        venue = citation.group("venue")
        venue = normalise_venue(venue)[0] if venue and is_known_venue(venue) else None
        authors = tuple(name for name in re.split(r"\s*(?:&|\band\b|,)\s*",
                                                   re.sub(r"\s+et\s+al\.?", "", citation.group("authors"))) if name)
        papers.append(entry(context, line.number, CONVENTION, title, year=int(citation.group("year")),
                            venue=venue, authors=authors))
    return papers
