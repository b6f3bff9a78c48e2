"""Papers written inline in a note, recognised by convention: one module per convention.

Adding a convention means adding a module with `recognise(tokens, context) -> list[Paper]` and
one line in `RECOGNISERS`; the others never change. Each recogniser is one linear pass over the
note's tokens (parsed once by the loader), and fences and code blocks never yield papers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markdown_it.token import Token

from papernotes.entries import (
    bold_titles,
    bracket_headings,
    daily_sections,
    paper_heading,
    reading_log,
    survey,
)
from papernotes.entries.context import EntryContext
from papernotes.model import Paper

Recogniser = Callable[[Sequence[Token], EntryContext], list[Paper]]

RECOGNISERS: tuple[Recogniser, ...] = (
    survey.recognise,  # Typora survey lists: - "Title" Venue, Year Mon
    bold_titles.recognise,  # **Title** \ *Authors* \ Venue Year. [[Paper](…)]
    reading_log.recognise,  # - [Name(2015)](blog), paper [[pdf](…)]
    bracket_headings.recognise,  # ### 《Title》(CVPR2023)
    daily_sections.recognise,  # ## Title, #hashtags, 研究背景 / 研究动机 bullets
    paper_heading.recognise,  # first heading + **CLIP-ICML2021** and URL lines
)

# Text every entry of a convention contains: a note without it is skipped without a token walk,
# which keeps loading close to markdown-it's own speed on vaults of one-paper notes.
MARKERS: dict[Recogniser, tuple[str, ...]] = {
    survey.recognise: ('"', "“"),
    bold_titles.recognise: ("**",),
    reading_log.recognise: ("(19", "(20", "(21", "]("),
    bracket_headings.recognise: ("《",),
}

__all__ = ["RECOGNISERS", "EntryContext", "Recogniser", "recognise_entries"]


def recognise_entries(tokens: Sequence[Token], context: EntryContext) -> list[Paper]:
    """Every paper written inline in one note, in document order, each with Source(path, line, kind)."""
    body = context.body
    found = [
        paper
        for recognise in RECOGNISERS
        if body is None or any(marker in body for marker in MARKERS.get(recognise, ("",)))
        for paper in recognise(tokens, context)
    ]
    return sorted(found, key=lambda paper: paper.sources[0].line)
