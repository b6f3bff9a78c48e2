"""Papers written inline in a note, recognised by convention: one module per convention.

Adding a convention means adding a module with `recognise(tokens, context) -> list[Paper]` and
one line in `RECOGNISERS`; the others never change. Each recogniser is one linear pass over the
note's tokens (parsed once by the loader), and fences and code blocks never yield papers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markdown_it.token import Token

from papernotes.entries import (
    bold_titles,
    bracket_headings,
    bracket_titles,
    cited_headings,
    cited_items,
    daily_sections,
    field_sections,
    linked_sections,
    paper_heading,
    paper_lists,
    reading_log,
    reference_lists,
    survey,
    venue_lines,
)
from papernotes.entries.context import EntryContext
from papernotes.model import Paper
from papernotes.recognise.titles import has_paper_evidence, title_problem

Recogniser = Callable[[Sequence[Token], EntryContext], list[Paper]]

RECOGNISERS: tuple[Recogniser, ...] = (
    survey.recognise,  # Typora survey lists: - "Title" Venue, Year Mon
    bold_titles.recognise,  # **Title** \ *Authors* \ Venue Year. [[Paper](…)]
    reading_log.recognise,  # - [Name(2015)](blog), paper [[pdf](…)]
    bracket_headings.recognise,  # ### 《Title》(CVPR2023)
    daily_sections.recognise,  # ## Title, #hashtags, 研究背景 / 研究动机 bullets
    paper_heading.recognise,  # first heading + **CLIP-ICML2021** and URL lines
    field_sections.recognise,  # ## Title \ authors: … \ url: https://doi.org/…
    cited_headings.recognise,  # ## Saxena, Cunningham - Title - 2019
    linked_sections.recognise,  # ## SynCamMaster: … \ https://arxiv.org/abs/…, ICLR 2025
    venue_lines.recognise,  # ManipLLM, CVPR: https://arxiv.org/abs/…
    paper_lists.recognise,  # ## Reading list \ * [Title](papers/Title)
    reference_lists.recognise,  # ## References \ 1. Yu, Byron M., et al. "Title." … (2008).
    bracket_titles.recognise,  # **(3) DDPG** \ [Full title] \ Authors (2016) \ [PAPER](…)
    cited_items.recognise,  # - **Obi et al., NeurIPS 2020:** “Title” – what it showed
)

# What every entry of a convention contains: a note without it is skipped without a token walk,
# which keeps loading close to markdown-it's own speed on vaults of one-paper notes. These are
# pre-checks on the raw text only; the recognisers themselves read tokens.
# Each matched at a line's start only (`_at_line_start`): unanchored, the scan jumps from one
# `#` or `[` to the next, where `^` would be tried at every position of the note.
_HASHTAG_LINE_RE = re.compile(r"#[^\s#]")  # `#tag` opening a line
_BRACKET_LINE_RE = re.compile(r"\[[^\[\]\n]++\][ \t]*+$", re.MULTILINE)  # a line that is `[Title]`


def _contains(*markers: str) -> Callable[[str], bool]:
    return lambda body: any(marker in body for marker in markers)


def _at_line_start(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether `pattern` matches at the start of a line of the body (as `^` with re.MULTILINE
    would; a match holds no line break, so one found mid-line never hides one at a line's start)."""
    return lambda body: any(found.start() == 0 or body[found.start() - 1] == "\n" for found in pattern.finditer(body))


GATES: dict[Recogniser, Callable[[str], bool]] = {
    survey.recognise: _contains('"', "“"),
    bold_titles.recognise: _contains("**"),
    reading_log.recognise: _contains("(19", "(20", "(21", "]("),
    bracket_headings.recognise: _contains("《"),
    field_sections.recognise: _contains("uthor", "UTHOR", "by:", "By:"),
    cited_headings.recognise: _contains(" - ", " – ", " — "),
    linked_sections.recognise: _contains("://"),
    venue_lines.recognise: _contains("://"),
    cited_items.recognise: _contains("- **", "* **", "+ **"),
    bracket_titles.recognise: _at_line_start(_BRACKET_LINE_RE),
    paper_lists.recognise: _contains("- ", "* ", "+ ", ". ", "]("),  # any list or link; the recogniser checks the rest
    reference_lists.recognise: _contains("et al", "“", '"'),
    daily_sections.recognise: lambda body: (
        _contains(*daily_sections.LABELS)(body) or _at_line_start(_HASHTAG_LINE_RE)(body)),
}

__all__ = ["GATES", "RECOGNISERS", "EntryContext", "Recogniser", "recognise_entries"]


def recognise_entries(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    """Every paper written inline in one note, in document order, each with Source(path, line, kind).

    An entry whose title could not be a paper's (a URL, a path, a to-do, `## Ref and Tag`, a
    question without a paper link, venue or authors) is dropped, whichever convention found it;
    a line that two conventions read is the first one's.
    """
    body = context.body
    found = [
        paper
        for recognise in RECOGNISERS
        if body is None or recognise not in GATES or GATES[recognise](body)
        for paper in recognise(tokens, context)
        if title_problem(paper.title, has_paper_evidence(paper)) is None
    ]
    by_line: dict[int, Paper] = {}
    for paper in found:
        by_line.setdefault(paper.sources[0].line, paper)
    return sorted(by_line.values(), key=lambda paper: paper.sources[0].line)
