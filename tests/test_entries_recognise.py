"""`recognise_entries`: every convention's papers in document order, code never read, one pass each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import SupportsIndex

from markdown_it.token import Token

from papernotes.entries import RECOGNISERS, EntryContext, recognise_entries
from papernotes.loader import load_note
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta
from tests.conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures" / "entries"
CONTEXT = EntryContext(NoteKey("Weekly.md"), 1, NoteMeta())


def test_one_recogniser_per_convention() -> None:
    modules = [recogniser.__module__.rsplit(".", 1)[-1] for recogniser in RECOGNISERS]
    assert modules == [
        "survey",
        "bold_titles",
        "reading_log",
        "bracket_headings",
        "daily_sections",
        "paper_heading",
        "field_sections",
        "cited_headings",
        "linked_sections",
        "venue_lines",
        "paper_lists",
        "reference_lists",
        "bracket_titles",
        "cited_items",
    ]


def test_all_conventions_in_one_note_in_document_order() -> None:
    text = (FIXTURES / "mixed.md").read_text(encoding="utf-8")
    found = recognise_entries(make_parser().parse(text), CONTEXT)
    assert [(paper.sources[0].line, paper.sources[0].kind, paper.title) for paper in found] == [
        (3, "bracket-heading", "High-Resolution Image Synthesis with Latent Diffusion Models"),
        (7, "survey-list", "Video Diffusion Models"),
        (9, "reading-log", "DDIM"),
        (11, "bold-title-list", "Classifier-Free Diffusion Guidance"),
        (15, "daily-section", "Consistency Models"),
    ]
    assert [paper.arxiv for paper in found] == ["2112.10752", "2204.03458", "2010.02502", "2207.12598", None]
    assert all(paper.sources[0].path == "Weekly.md" and paper.anchor == "" for paper in found)


def test_code_blocks_never_yield_papers() -> None:
    for fixture in sorted(FIXTURES.glob("*.md")):
        text = fixture.read_text(encoding="utf-8")
        fenced = f"~~~~markdown\n{text}\n~~~~\n"
        indented = "\n".join("    " + line for line in text.split("\n"))
        for source in (fenced, indented):
            assert recognise_entries(make_parser().parse(source), CONTEXT) == [], fixture.name


class _CountingTokens(list[Token]):
    """A token list that counts how often it is walked and indexed."""

    walks = 0
    lookups = 0

    def __iter__(self) -> Iterator[Token]:
        type(self).walks += 1
        return super().__iter__()

    def __getitem__(self, index: SupportsIndex | slice) -> Token:  # type: ignore[override]
        type(self).lookups += 1
        return super().__getitem__(index)  # type: ignore[return-value]


def test_each_recogniser_walks_the_tokens_once() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md")))
    tokens = _CountingTokens(make_parser().parse(text * 20))
    papers = recognise_entries(tokens, CONTEXT)
    assert len(papers) > 20 * 20
    assert _CountingTokens.walks == len(RECOGNISERS)
    # Lookbehind and lookahead of a few tokens, never a scan: a small constant per token.
    assert _CountingTokens.lookups <= 4 * len(tokens)


def test_text_gates_never_hide_an_entry():
    """The cheap text pre-checks skip a recogniser only where it would find nothing."""
    fixtures = sorted((Path(__file__).parent / "fixtures" / "entries").glob("*.md"))
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    assert fixtures
    for path in fixtures + seeds:
        note, _ = load_note(path.name, path.read_bytes())
        assert note is not None
        tokens = make_parser().parse(note.body)
        ungated = recognise_entries(tokens, EntryContext(note.path, note.body_line, note.meta, None))
        assert note.papers == tuple(ungated), path.name


def test_a_question_titles_a_paper_only_with_a_paper_link_venue_or_authors() -> None:
    text = (
        "## Reading list\n\n"
        "- [Do Sparse Kernels Dream of Dense Tiles?](notes/sparse-tiles.md)\n"
        "- [Why does my converter ring?](https://example.org/blog/ringing)\n"
        "- [Can Tiny Sensors Count Photons?](https://arxiv.org/abs/2401.00001)\n"
        "- [What is wrong with step 3?](#step-3)\n"
    )
    found = recognise_entries(make_parser().parse(text), EntryContext(NoteKey("list.md"), 1, NoteMeta(), text))
    assert [(paper.sources[0].line, paper.title) for paper in found] == [
        (3, "Do Sparse Kernels Dream of Dense Tiles?"),
        (5, "Can Tiny Sensors Count Photons?"),
    ]
