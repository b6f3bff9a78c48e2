"""Awesome-list bullets: `- [Title](url), Authors et al., Venue Year | [github](…)`."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "awesome_list.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("README.md"), 1, NoteMeta(), TEXT)


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def test_linked_titles_with_a_venue_and_year_are_papers_and_nothing_else() -> None:
    found = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    assert [(p.sources[0].line, p.title, p.year, p.venue, p.authors) for p in found] == [
        (line_of("[Lantern Fields: Rendering"), "Lantern Fields: Rendering Glow with Tiny Networks",
         2020, "ECCV", ("Okafor",)),
        (line_of("[Faster Lanterns"), "Faster Lanterns by Caching", 2021, "arXiv",
         ("Ines Duarte", "Paul Varga")),
        (line_of("[Glowing Voxels"), "Glowing Voxels for Interactive Scenes", 2022, "CGF", ("Brandt",)),
        (line_of("[Sparse Lantern Grids"), "Sparse Lantern Grids", 2022, "NeurIPS", ()),
    ]


def test_the_title_link_is_a_project_page_and_the_others_keep_their_kinds() -> None:
    first = recognise_entries(make_parser().parse(TEXT), CONTEXT)[0]
    assert first.links == (
        ("project", "https://lantern.example.org/"),
        ("code", "https://github.com/lantern/lf"),
        ("other", "./lf.bib"),
    )
    second = recognise_entries(make_parser().parse(TEXT), CONTEXT)[1]
    assert second.arxiv == "2105.01234"
