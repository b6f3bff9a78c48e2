"""Dendron daily-note sections (`## Title`, `#tags`, 研究背景 bullets), from fixtures/entries/daily_sections.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, daily_sections, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "daily_sections.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("daily/daily.2024.03.01.md"), 8, NoteMeta(created="2024-03-01T08:30:00Z"))


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def papers() -> list[Paper]:
    return daily_sections.recognise(make_parser().parse(TEXT), CONTEXT)


def test_entries_found_and_nothing_else() -> None:
    assert [paper.title for paper in papers()] == [
        "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
        "Vision Mamba",
    ]
    assert recognise_entries(make_parser().parse(TEXT), CONTEXT) == papers()


def test_hashtags_summary_and_reading_date() -> None:
    paper = papers()[0]
    # The body starts on file line 8 (after the frontmatter).
    assert (paper.sources[0].line, paper.sources[0].kind) == (line_of("## Mamba") + 7, "daily-section")
    assert paper.tags == ("sequence_model", "SSM")
    assert paper.summary == "Transformer 的注意力计算随序列长度平方增长。"
    assert paper.attributes == (("read_on", "2024-03-01"),)
    assert (paper.venue, paper.year, paper.authors, paper.links, paper.status) == (None, None, (), (), None)


def test_structured_paragraphs_without_hashtags() -> None:
    paper = papers()[1]
    assert paper.tags == ()
    assert paper.summary == "视觉任务需要全局感受野，而注意力太贵。"


def test_one_label_or_a_late_hashtag_is_not_a_paper() -> None:
    titles = {paper.title for paper in papers()}
    assert not titles & {"Meeting notes", "Ideas", "Fenced Paper"}


def test_without_created_date_there_is_no_reading_date() -> None:
    context = EntryContext(NoteKey("daily.md"), 1, NoteMeta())
    assert daily_sections.recognise(make_parser().parse(TEXT), context)[0].attributes == ()


def test_the_title_of_a_one_paper_note_is_not_a_daily_section() -> None:
    text = (FIXTURE.parent / "one_paper_note.md").read_text(encoding="utf-8")
    assert recognise_entries(make_parser().parse(text), CONTEXT) == []
