"""Typora survey lists (`- "Title" Venue, Year Mon`), read from tests/fixtures/entries/survey.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, recognise_entries, survey
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURE = Path(__file__).parent / "fixtures" / "entries" / "survey.md"
TEXT = FIXTURE.read_text(encoding="utf-8")
CONTEXT = EntryContext(NoteKey("Survey/survey_3d.md"), 1, NoteMeta())


def line_of(needle: str) -> int:
    return next(number for number, line in enumerate(TEXT.split("\n"), 1) if needle in line)


def papers() -> list[Paper]:
    return survey.recognise(make_parser().parse(TEXT), CONTEXT)


def by_title(start: str) -> Paper:
    (found,) = [paper for paper in papers() if paper.title.startswith(start)]
    return found


def test_entries_found_and_nothing_else() -> None:
    assert [paper.title for paper in papers()] == [
        "DreamFusion: Text-to-3D using 2D Diffusion",
        "Magic3D: High-Resolution Text-to-3D Content Creation",
        "Zero-1-to-3: Zero-shot One Image to 3D Object",
        "One-2-3-45: Any Single Image to 3D Mesh in 45 Seconds",
        "Shap-E: Generating Conditional 3D Implicit Functions",
    ]
    # No other convention claims anything in this note.
    assert recognise_entries(make_parser().parse(TEXT), CONTEXT) == papers()


def test_full_entry() -> None:
    paper = by_title("DreamFusion")
    assert paper.sources[0].path == "Survey/survey_3d.md"
    assert paper.sources[0].line == line_of('"DreamFusion')
    assert paper.sources[0].kind == "survey-list"
    assert (paper.venue, paper.year, paper.month) == ("ICLR", 2022, 9)
    assert paper.attributes == (("marker", "star"), ("presentation", "Oral"))
    assert paper.short_name == "DreamFusion"
    assert paper.authors == ("Ben Poole", "Ajay Jain", "Jonathan T. Barron", "Ben Mildenhall")
    assert paper.links == (
        ("paper", "https://arxiv.org/abs/2209.14988"),
        ("project", "https://dreamfusion3d.github.io/"),
        ("pdf", "./2022_09_ICLR_DreamFusion.pdf"),
        ("note", "./2022_09_ICLR_DreamFusion_Note.md"),
    )
    assert paper.arxiv == "2209.14988"
    assert paper.tags == ("Text to 3D",)
    assert paper.summary == "score distillation turns a 2D image prior into a loss for a 3D scene"
    assert paper.status is None
    assert paper.anchor == ""


def test_task_items_carry_reading_status() -> None:
    done = by_title("Magic3D")
    assert (done.status, done.venue, done.year, done.month) == ("read", "CVPR", 2023, 6)
    assert done.links == (
        ("paper", "https://arxiv.org/abs/2211.10440"),
        ("blog", "https://zhuanlan.zhihu.com/p/000000"),
    )
    queued = by_title("Zero-1-to-3")
    assert (queued.status, queued.venue, queued.year, queued.month) == ("to-read", "arXiv", 2023, 3)
    assert queued.short_name == "Zero123"
    assert queued.links == (("code", "https://github.com/cvlab-columbia/zero123"),)
    assert queued.arxiv is None


def test_nips_bold_short_name_and_hashtag() -> None:
    paper = by_title("One-2-3-45")
    assert (paper.venue, paper.year, paper.month, paper.short_name) == ("NeurIPS", 2023, 6, "One2345")
    assert paper.tags == ("Text to 3D", "mesh")
    assert paper.arxiv == "2306.16928"


def test_blockquote_header_of_a_note() -> None:
    paper = by_title("Shap-E")
    assert paper.sources[0].line == line_of('> "Shap-E')
    assert (paper.venue, paper.year, paper.month, paper.status) == ("arXiv", 2023, 5, None)
    assert paper.links == (("paper", "https://arxiv.org/abs/2305.02463"),)


def test_prose_quotes_plain_bullets_and_code_are_not_entries() -> None:
    titles = {paper.title for paper in papers()}
    assert not titles & {
        "a quoted phrase",
        "Curly quotes and nothing after",
        "Stay hungry",
        "Classifier-Free Diffusion Guidance",
        "Code Block Paper",
    }
    assert all(paper.sources[0].line < line_of("## Not entries") for paper in papers())


def test_header_of_a_single_paper_note_has_no_topic_from_the_note_title() -> None:
    text = (FIXTURE.parent / "survey_note.md").read_text(encoding="utf-8")
    context = EntryContext(NoteKey("Survey/2022_11_CVPR_Paint-by-Example_Note.md"), 1, NoteMeta())
    (paper,) = recognise_entries(make_parser().parse(text), context)
    assert paper.title == "Paint by Example: Exemplar-based Image Editing with Diffusion Models"
    assert (paper.sources[0].line, paper.sources[0].kind) == (3, "survey-list")
    assert (paper.venue, paper.year, paper.month, paper.tags) == ("CVPR", 2022, 11, ())
    assert paper.authors == ("Binxin Yang", "Shuyang Gu", "Bo Zhang")
    assert paper.links == (
        ("paper", "http://arxiv.org/abs/2211.13227v1"),
        ("code", "https://github.com/Fantasy-Studio/Paint-by-Example"),
    )


def test_lower_case_prose_before_a_date_is_not_a_venue() -> None:
    text = '- "A Quote" that is prose, 2023\n- "Sparse Fields" Nature Methods, 2023\n'
    found = survey.recognise(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.venue, paper.year) for paper in found] == [
        ("Sparse Fields", "Nature Methods", 2023),
    ]


def test_a_heading_s_topic_keeps_a_number_that_is_part_of_its_subject() -> None:
    """`## 3D Gaussian Splatting` is a topic with its `3D`, `## 2) Video` one without its number."""
    text = ('## 3D Gaussian Splatting\n\n- "Mip-Splatting: Alias-free 3D Gaussian Splatting" CVPR, 2024\n\n'
            '## 2) Video\n\n- "Latte: Latent Diffusion Transformer for Video Generation" arXiv, 2024\n')
    found = recognise_entries(make_parser().parse(text), CONTEXT)
    assert [(paper.title, paper.tags) for paper in found] == [
        ("Mip-Splatting: Alias-free 3D Gaussian Splatting", ("3D Gaussian Splatting",)),
        ("Latte: Latent Diffusion Transformer for Video Generation", ("Video",))]
