"""References listed at the end of a note: `## References` then `1. Yu, Byron M., et al. "Title." … (2008).`

Items of a list under a heading that names papers or references (a section's, not the note's
`#` title) are papers when they are written as references: a Google Scholar copy (MLA, ACM;
see `recognise.fields.reference`) whose title has three words or more, or
the short form people type, `Semedo et al. Title of the paper.` and `Okazawa et al. 2021 -
Title.` (a surname with `et al.`, an optional year, then a title of four words or more). An
APA reference names no title and is left out; so is any item that is not a reference (a
comment, a link to a tool). A paragraph of its own that opens with such a reference is a paper
wherever it stands, below the note's first lines (where a reference is the note's own paper).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import clean_title
from papernotes.entries.lines import Line, heading_text, inline_lines
from papernotes.entries.paper_lists import PAPERS_HEADING_RE
from papernotes.model import Paper
from papernotes.recognise.fields import reference

OWN_REFERENCE_LINES = 12
"""A reference in the note's first lines is its own paper's (`recognise.fields.citation_signals`)."""

CONVENTION = "reference-list"

# `Semedo et al. Title.`, `Okazawa et al. 2021 - Title.`, `Obi and Tran et al., 2020: Title`
_ET_AL_RE = re.compile(r"^(?P<author>[A-Z][\w'’\-]++(?:\s++(?:and|&)\s++[A-Z][\w'’\-]++)?)\s++et\.?\s*+al\.?,?\s*+"
                       r"(?:(?P<year>(?:19|20)\d{2})\s*+[-–—:,.]?\s*+)?(?P<title>[A-Z][^\n]{10,300})$")
_TITLE_WORDS = 4


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    levels: list[tuple[int, bool]] = []  # the headings above: (level, names references or papers)
    pending: Token | None = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            level = int(token.tag[1:])
            levels = [(above, named) for above, named in levels if above < level]
            # a level-1 heading is the note's own title (`# A Survey of 26K Papers`), not a section's
            levels.append((level, level > 1 and bool(PAPERS_HEADING_RE.search(heading_text(tokens, index)))))
        elif token.type == "list_item_open":
            pending = token if any(named for _, named in levels) and "checked" not in token.meta else None
        elif token.type == "inline" and token.level == 1 and tokens[index - 1].type == "paragraph_open" \
                and token.map and token.map[0] >= OWN_REFERENCE_LINES:
            if _may_quote(token.content):
                paper = _reference_paragraph(inline_lines(token, context.body_line)[0], context)
                if paper is not None:
                    papers.append(paper)
        elif token.type == "inline" and pending is not None:
            if token.level == pending.level + 2 and tokens[index - 1].type == "paragraph_open":
                line = inline_lines(token, context.body_line)[0]
                paper = _paper(line.text, line.number, context)
                if paper is not None:
                    papers.append(paper)
            pending = None
    return papers


# `强化学习：A. Pore, D. Corsi, … “Title,” in …`: a topic in Chinese or Japanese labels the reference
_TOPIC_LABEL_RE = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff]{1,12}[：:]\s*+")


_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NAME_WORDS = 4


def _may_quote(markdown: str) -> bool:
    """Whether a paragraph's text can hold the quotes around a reference's title, which
    `_reference_paragraph` requires: written as such, or as an HTML entity (`&quot;`, `&#8220;`).
    Most paragraphs have none, and skip splitting into lines and the reference patterns."""
    return '"' in markdown or "“" in markdown or "&" in markdown


def _reference_paragraph(line: Line, context: EntryContext) -> Paper | None:
    """A paragraph that opens with a reference (`S. Obi, J. Tran et al., “Title,” arXiv preprint
    arXiv:2210.01234, 2022.`), anywhere below the note's first lines: its authors must each be a
    name (four words at most), and a comment in Chinese, Japanese or Korean after the closing
    quote is not part of it (its `ICLR 2023` is not the reference's year)."""
    text = _TOPIC_LABEL_RE.sub("", line.text.strip(), count=1)
    closing = max(text.find("”"), text.find('"', text.find('"') + 1))
    if closing > 0 and (comment := _CJK_RE.search(text, closing)):
        text = text[:comment.start()]
    found = reference(text)
    opening = min((at for at in (text.find("“"), text.find('"')) if at >= 0), default=-1)
    names = [name for name in re.split(r",|\band\b|&", text[:opening]) if name.strip()] if opening > 0 else []
    if found is None or not names or any(len(name.split()) > _NAME_WORDS or not name.strip()[:1].isupper()
                                         for name in names):
        return None
    authors = tuple(name for part in names if (name := re.sub(r"\bet al\b\.?", "", part).strip(" .")))
    return _paper(text, line.number, context, authors)


def _paper(text: str, line: int, context: EntryContext, authors: tuple[str, ...] = ()) -> Paper | None:
    text = _TOPIC_LABEL_RE.sub("", text.strip(), count=1)
    found = reference(text)
    if found is not None and len((found[1].title or "").split()) >= _TITLE_WORDS - 1:
        facts = found[1]
        title = clean_title(facts.title or "")
        return entry(context, line, CONVENTION, title.text, year=facts.year, authors=authors or facts.authors,
                     venue=facts.venue, short_name=title.short_name)
    match = _ET_AL_RE.match(text.strip())
    if match is None:
        return None
    title = clean_title(match.group("title"))
    if len(title.text.split()) < _TITLE_WORDS:
        return None
    year = int(match.group("year")) if match.group("year") else title.year
    authors = tuple(name.strip() for name in re.split(r"\s+(?:and|&)\s+", match.group("author")))
    return entry(context, line, CONVENTION, title.text, year=year, authors=authors, short_name=title.short_name)
