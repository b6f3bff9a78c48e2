"""`《Title》` headings with `Paper:` / `Code:` lines, from fixtures/entries/bracket_headings.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, bracket_headings, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "bracket_headings.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("Conferences/notes.md"), 1, NoteMeta())


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def papers() -> list[Paper]:
    return bracket_headings.recognise(make_parser().parse(TEXT), CONTEXT)


def by_title(start: str) -> Paper:
    (found,) = [paper for paper in papers() if paper.title.startswith(start)]
    return found


def test_entries_found_and_nothing_else() -> None:
    assert [paper.title for paper in papers()] == [
        "Segment Anything",
        "Adding Conditional Control to Text-to-Image Diffusion Models",
        "Zero-Shot Text-to-Image Generation",
        "Towards Photorealistic Image Generation and Editing with Text-Guided Diffusion Models",
    ]
    assert recognise_entries(make_parser().parse(TEXT), CONTEXT) == papers()


def test_own_venue_and_labelled_links() -> None:
    paper = by_title("Segment Anything")
    assert (paper.sources[0].line, paper.sources[0].kind) == (line_of("《Segment"), "bracket-heading")
    assert (paper.venue, paper.year, paper.authors, paper.tags) == ("ICCV", 2023, (), ())
    assert paper.links == (
        ("paper", "https://arxiv.org/abs/2304.02643"),
        ("code", "https://github.com/facebookresearch/segment-anything"),
    )
    assert paper.arxiv == "2304.02643"


def test_venue_of_the_enclosing_heading_and_placeholders() -> None:
    paper = by_title("Adding Conditional Control")
    assert (paper.venue, paper.year, paper.short_name) == ("ICCV", 2023, "")
    assert paper.links == (("paper", "https://arxiv.org/abs/2302.05543"),)


def test_year_before_the_title_and_no_venue_from_other_headings() -> None:
    paper = by_title("Zero-Shot")
    assert (paper.venue, paper.year) == (None, 2021)
    assert paper.links == (
        ("paper", "https://arxiv.org/abs/2102.12092"),
        ("other", "https://openai.com/research/dall-e"),
    )


def test_short_name_before_the_title_and_url_in_parentheses() -> None:
    paper = by_title("Towards Photorealistic")
    assert (paper.short_name, paper.venue, paper.year) == ("GLIDE", "arXiv", None)
    assert paper.links == (("paper", "https://ar5iv.labs.arxiv.org/html/2112.10741"),)
    assert paper.arxiv == "2112.10741"


def test_templates_books_and_code_are_not_papers() -> None:
    titles = {paper.title for paper in papers()}
    assert not titles & {"Paper template", "深度学习", "Not a heading", "Notes", "OpenAI", "Arxiv"}
