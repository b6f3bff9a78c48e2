"""A note's first heading as a paper title, when metadata lines follow it (one paper per file).

`### Learning Transferable Visual Models From Natural Language Supervision` then
`**CLIP-ICML2021**` and `*<https://arxiv.org/abs/2103.00020>*` lines: the bold line gives the
short name and venue, the URL lines the links. Only the first heading of a note is read, and
only when the paragraph right below it (or below a `---` rule under it) is such metadata with a
paper link or a venue (a note titled `# Reading list` above a GitHub link is not a paper); a
`《Title》` heading belongs to the bracket-heading convention. Papers described by frontmatter are the
graph's business, not this module's.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title
from papernotes.entries.header import read_header
from papernotes.entries.lines import heading_text, inline_lines
from papernotes.entries.links import classify
from papernotes.model import Paper

CONVENTION = "paper-heading"


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            paper = _paper(tokens, index, context)
            return [paper] if paper is not None else []
    return []


def _paper(tokens: Sequence[Token], index: int, context: EntryContext) -> Paper | None:
    text = heading_text(tokens, index)
    below = index + 3
    if below < len(tokens) and tokens[below].type == "hr":  # `# Title`, `---`, then the links: one header
        below += 1
    if "《" in text or below + 1 >= len(tokens) or tokens[below].type != "paragraph_open":
        return None
    header = read_header(inline_lines(tokens[below + 1], context.body_line))
    title = clean_title(text)
    links = classify(header.links)
    venue = header.venue
    has_paper_link = any(kind == "paper" for kind, _ in links)
    if not title.text or not (has_paper_link or (venue is not None and venue.name)):
        return None
    token = tokens[index]
    return entry(
        context,
        (token.map[0] if token.map else 0) + context.body_line,
        CONVENTION,
        title.text,
        links=links,
        year=(venue.year if venue else None) or title.year,
        venue=venue.name if venue else None,
        authors=header.authors,
        short_name=header.short_name or title.short_name,
        attributes=venue.attributes if venue else (),
    )
