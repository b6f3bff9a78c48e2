"""Bold-title lists (`**Title** \\`, `*Authors*`, `Venue Year. [[Paper](…)]`), from fixtures/entries/bold_titles.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, bold_titles, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "bold_titles.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("Diffusion/README.md"), 1, NoteMeta())


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def papers() -> list[Paper]:
    return bold_titles.recognise(make_parser().parse(TEXT), CONTEXT)


def by_title(start: str) -> Paper:
    (found,) = [paper for paper in papers() if paper.title.startswith(start)]
    return found


def test_entries_found_and_nothing_else() -> None:
    assert [paper.title for paper in papers()] == [
        "Denoising Diffusion Probabilistic Models",
        "Score-Based Generative Modeling through Stochastic Differential Equations",
        "A Lone Title Continued By A List",
        "Improved Techniques",
    ]
    assert recognise_entries(make_parser().parse(TEXT), CONTEXT) == papers()


def test_full_entry() -> None:
    paper = by_title("Denoising")
    assert (paper.sources[0].line, paper.sources[0].kind) == (line_of("**Denoising"), "bold-title-list")
    assert (paper.venue, paper.year, paper.month) == ("NeurIPS", 2020, 6)
    assert paper.attributes == (("presentation", "Spotlight"),)
    assert paper.authors == ("Jonathan Ho", "Ajay Jain", "Pieter Abbeel")
    assert paper.links == (
        ("paper", "https://arxiv.org/abs/2006.11239"),
        ("code", "https://github.com/hojonathanho/diffusion"),
        ("project", "https://hojonathanho.github.io/diffusion/"),
    )
    assert paper.arxiv == "2006.11239"
    assert paper.tags == ("Foundations",)
    assert paper.summary == (
        "The paper that made diffusion practical: a simple noise-prediction loss and a fixed variance schedule."
    )


def test_submission_is_not_a_venue() -> None:
    paper = by_title("Score-Based")
    assert (paper.venue, paper.year, paper.month) == (None, 2020, 11)
    assert paper.attributes == (("submitted_to", "ICLR 2021"),)
    assert paper.authors == ("Yang Song", "Stefano Ermon")
    assert paper.links == (("paper", "https://openreview.net/forum?id=PxTIG12RRHS"),)
    assert paper.arxiv is None


def test_lone_title_continues_into_the_list_it_is_followed_by() -> None:
    paper = by_title("A Lone Title")
    assert paper.sources[0].line == line_of("**A Lone Title")
    assert paper.authors == ("Alice Author", "Bob Builder")
    assert (paper.venue, paper.year, paper.month) == ("arXiv", 2024, 1)
    assert paper.links == (("paper", "https://arxiv.org/abs/2401.01234"),)  # `[Paper] (url)` is no link
    assert paper.arxiv == "2401.01234"


def test_et_al_suffix_and_code_only() -> None:
    paper = by_title("Improved Techniques")
    assert (paper.venue, paper.year, paper.month) == (None, 2021, 5)
    assert paper.authors == ("Jane Doe", "John Roe")
    assert paper.links == (("code", "https://github.com/example/improved"),)
    assert paper.summary == "Only code is public so far."


def test_posts_remarks_tags_and_code_are_not_papers() -> None:
    titles = {paper.title for paper in papers()}
    assert not titles & {
        "An Illustrated Blog Post About Diffusion",
        "Key Idea Here",
        "CLIP-ICML2021",
        "Fenced Paper Title",
    }


def test_a_bold_label_above_a_list_of_citations_is_not_a_title() -> None:
    text = ("- 2.1 Regression\n\n    **논문 목록**\n    - Obi and Tran 2014. [[paper]](https://arxiv.org/abs/1401.00002)\n\n"
            "        - 회귀로 관절 위치를 직접 추정\n\n**Lamp Regression at Scale**\\\n* Ada Obi, Ben Tran *\\\n"
            "CVPR 2016 [[Paper](https://arxiv.org/abs/1601.00003)]\n")
    found = bold_titles.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.authors, paper.year) for paper in found] == [
        ("Lamp Regression at Scale", ("Ada Obi", "Ben Tran"), 2016)]


def test_a_title_that_ends_in_its_venue_and_year_is_its_own_venue_line() -> None:
    text = (
        "**Folded Flow Nets (NIPS 2016)**\n\n"
        "• **Idea:** two streams, one for motion\n\n"
        "• **Paper:** [https://arxiv.org/abs/1600.00001](https://arxiv.org/abs/1600.00001)\n\n"
        "**Dinner plans (after 2016)**\n\n"
        "• bring the slides\n\n"
        "**Cube3D (ICCV 2017)**\n\n"
        "• **Idea:** 3D kernels\n"
    )
    found = bold_titles.recognise(make_parser().parse(text), CONTEXT)
    assert [(p.sources[0].line, p.title, p.venue, p.year, p.summary) for p in found] == [
        (1, "Folded Flow Nets", "NeurIPS", 2016, "• Idea: two streams, one for motion"),
        (11, "Cube3D", "ICCV", 2017, "• Idea: 3D kernels"),
    ]


def test_a_submission_line_alone_makes_a_paper() -> None:
    text = "**Folded Lattices for Sparse Fields** \\\nSubmitted to ICLR2024\n"
    (paper,) = bold_titles.recognise(make_parser().parse(text), CONTEXT)
    assert (paper.title, paper.venue, paper.year, paper.attributes) == (
        "Folded Lattices for Sparse Fields", None, None, (("submitted_to", "ICLR 2024"),),
    )
