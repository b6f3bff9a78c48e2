"""Bracketed-title blocks: a short name, `[Full title]`, an authors (year) line, `[REVIEW] | [PAPER]` links.

```
**(3) DDPG**                      (or a heading: ### DDPG)

[Continuous control with deep reinforcement learning]

Ada Obi, Ben Tran & Jun Li (2016)

[`REVIEW`](./reviews/DDPG.md) | [`PAPER`](https://arxiv.org/pdf/1509.02971.pdf)
```

Reading lists and review notes written this way put the paper's full title alone in square
brackets (a reference without a target, which Markdown shows as written). A block starts at
such a title, a paragraph of its own right below a bold paragraph or a heading, which is the
paper's short name. The lines
after the title, up to the next title, bold line, heading or rule, give the authors and year
(the first line without links: `A, B and C (2016)`, `Obi, A., & Tran, B. (2014).`; a trailing
affiliation such as `Google DeepMind` is not an author) and the links. It is a paper only with a
paper link (`[PAPER](…)`, arXiv, a PDF): a bracketed line alone is nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from papernotes.entries.context import EntryContext, entry
from papernotes.entries.fields import is_date_line, parse_authors
from papernotes.entries.lines import Line, heading_text, inline_lines
from papernotes.entries.links import classify
from papernotes.ids import find_year
from papernotes.model import Paper

CONVENTION = "bracket-title"

# The whole line in brackets, no brackets inside: `[Trust region policy optimization]`.
_TITLE_RE = re.compile(r"\[([^\[\]]{3,300})\]")
_BOLD_RE = re.compile(r"\*\*([^*]{1,80})\*\*")
_NUMBER_RE = re.compile(r"^\(?\d{1,3}[).]\s*")
_YEAR_RE = re.compile(r"(?:(?<![\s,(])[\s,(]++)?((?:19|20)\d{2})\)?[\s.]*+$")  # from a run's start: linear
_INITIALS_RE = re.compile(r"^[A-Z](?:[\s.\-]++[A-Z])*+\.?$")  # `D.`, `J.-P.` once marks are gone
# Words that make a name an affiliation, written after the authors: `…, Google DeepMind(2015)`.
_AFFILIATION_WORDS = frozenset({"google", "deepmind", "openai", "microsoft", "meta", "facebook", "nvidia",
                                "university", "institute", "lab", "labs", "laboratory", "research", "inc",
                                "ltd", "corporation", "college", "school"})
_ENDS_BLOCK = {"heading_open", "hr", "fence", "code_block", "table_open", "blockquote_open",
               "bullet_list_open", "ordered_list_open"}
_MAX_LINES = 4


@dataclass(slots=True)
class _Block:
    line: int
    title: str
    name: str
    lines: list[Line] = field(default_factory=list)


def recognise(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    papers: list[Paper] = []
    name, name_line = "", 0  # the short name right above: a heading or a bold paragraph
    block: _Block | None = None
    for index, token in enumerate(tokens):
        if token.type in _ENDS_BLOCK:
            _finish(block, papers, context)
            block = None
            name, name_line = "", 0
            if token.type == "heading_open":
                name, name_line = heading_text(tokens, index), (token.map[0] if token.map else 0) + context.body_line
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open" and token.level == 1:
            lines = inline_lines(token, context.body_line)
            bold = _BOLD_RE.fullmatch(lines[0].raw) if len(lines) == 1 else None
            title = _title(lines[0]) if len(lines) == 1 and name_line else None
            if bold or title:
                _finish(block, papers, context)
                block = None
            if title:
                block = _Block(name_line, title, name)
            elif block is not None and len(block.lines) < _MAX_LINES:
                block.lines.extend(lines)
            name, name_line = (bold.group(1), lines[0].number) if bold else ("", 0)
    _finish(block, papers, context)
    return papers


def _title(line: Line) -> str | None:
    """`[Title]` alone on its line and not a link: two words or more, with letters."""
    match = _TITLE_RE.fullmatch(line.raw.strip())
    if match is None or line.has_link_tokens:
        return None
    text = " ".join(match.group(1).split())
    if " " not in text or not any(char.isalpha() for char in text) or is_date_line(text):
        return None
    return text


def _finish(block: _Block | None, papers: list[Paper], context: EntryContext) -> None:
    if block is None:
        return
    links = classify(link for line in block.lines for link in line.links)
    if not any(kind == "paper" for kind, _ in links):
        return
    byline = next((line.text for line in block.lines if not line.links and line.text.strip()), "")
    year, authors = _byline(byline)
    title = _without_author(block.title, authors)
    short = _NUMBER_RE.sub("", block.name).strip()
    papers.append(entry(context, block.line, CONVENTION, title, links=links, year=year, authors=authors,
                        short_name=short if short and " " not in short and short != title else ""))


def _byline(text: str) -> tuple[int | None, tuple[str, ...]]:
    """`A, B and C (2016)` -> (2016, (A, B, C)); `Obi, A., & Tran, B. (2014).` -> (2014, (Obi, Tran))."""
    match = _YEAR_RE.search(text)
    year = find_year(match.group(1)) if match else None
    names = text[: match.start()] if match else text
    names = re.sub(r"\s*[&;]\s*|\s+and\s+", ", ", names)
    authors = [name for name in parse_authors(names) if not _INITIALS_RE.match(name)]
    while authors and set(re.split(r"[\s\-]+", authors[-1].casefold())) & _AFFILIATION_WORDS:
        authors.pop()
    if any(len(name.split()) > 5 for name in authors):  # a sentence, not a by-line: its year is not the paper's
        return None, ()
    return year, tuple(authors)


def _without_author(title: str, authors: tuple[str, ...]) -> str:
    """`[Hindsight Experience Replay, Ada Obi]` with Ada Obi among the authors: the title alone."""
    head, _, tail = title.rpartition(",")
    if head and tail.strip().casefold() in {author.casefold() for author in authors}:
        return head.strip()
    return title
