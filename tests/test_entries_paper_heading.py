"""A note's first heading with `**CLIP-ICML2021**` and URL lines, from fixtures/entries/paper_heading*.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, paper_heading, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURES = Path(__file__).parent / "fixtures" / "entries"
CONTEXT = EntryContext(NoteKey("NLP/Transformer.md"), 1, NoteMeta())


def papers(name: str) -> list[Paper]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    found = paper_heading.recognise(make_parser().parse(text), CONTEXT)
    assert recognise_entries(make_parser().parse(text), CONTEXT) == found
    return found


def test_first_heading_with_metadata_is_a_paper() -> None:
    (paper,) = papers("paper_heading.md")
    assert paper.title == "Attention Is All You Need"
    assert (paper.sources[0].line, paper.sources[0].kind) == (1, "paper-heading")
    assert (paper.short_name, paper.venue, paper.year) == ("Transformer", "NeurIPS", 2017)
    assert paper.links == (
        ("paper", "https://arxiv.org/abs/1706.03762"),
        ("code", "https://github.com/tensorflow/tensor2tensor"),
    )
    assert (paper.arxiv, paper.authors, paper.tags, paper.summary) == ("1706.03762", (), (), "")


def test_a_heading_above_a_repository_link_is_not_a_paper() -> None:
    assert papers("paper_heading_reading_list.md") == []


def test_only_the_first_heading_counts() -> None:
    text = "# Notes\n\nSome words.\n\n## BERT\n*<https://arxiv.org/abs/1810.04805>*\n"
    assert paper_heading.recognise(make_parser().parse(text), CONTEXT) == []
