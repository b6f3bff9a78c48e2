"""Bracketed-title blocks (`**(1) GCN**`, `[Full title]`, authors (year), `[PAPER](…)`), from
fixtures/entries/bracket_titles*.md, in a reading list and in a review note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.entries import EntryContext, bracket_titles, recognise_entries
from papernotes.graph import build_graph
from papernotes.loader import load_vault
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper

FIXTURES = Path(__file__).parent / "fixtures" / "entries"
CONTEXT = EntryContext(NoteKey("README.md"), 1, NoteMeta())


def papers(name: str) -> list[Paper]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    found = bracket_titles.recognise(make_parser().parse(text), CONTEXT)
    assert recognise_entries(make_parser().parse(text), CONTEXT) == found
    return found


def test_a_reading_list_of_bracketed_titles() -> None:
    gcn, gat = papers("bracket_titles.md")
    assert (gcn.title, gcn.short_name, gcn.year, gcn.authors) == (
        "Semi-supervised classification with graph convolutional networks", "GCN", 2017, ("Ada Obi", "Ben Tran"))
    assert (gcn.sources[0].line, gcn.sources[0].kind) == (5, "bracket-title")
    assert gcn.links == (("note", "./reviews/GCN.md"), ("paper", "https://arxiv.org/pdf/1609.02907.pdf"))
    assert gcn.arxiv == "1609.02907"
    # the first author's name after the title is dropped, and so is the affiliation after the authors
    assert (gat.title, gat.year, gat.authors) == ("Graph attention networks", 2018,
                                                  ("Petra Velic", "Guillem Cuc", "Arantxa Cas"))
    assert gat.links == (("paper", "https://arxiv.org/pdf/1710.10903.pdf"), ("code", "https://github.com/example/gat"))


def test_a_review_note_headed_by_its_short_name() -> None:
    (paper,) = papers("bracket_titles_review.md")
    assert (paper.title, paper.short_name, paper.sources[0].line) == (
        "Inductive representation learning on large graphs", "GraphSAGE", 3)
    assert (paper.year, paper.authors) == (2017, ("Hamid", "Ying", "Lesk"))  # APA: initials are not authors


def test_without_a_paper_link_a_bracketed_line_is_nothing() -> None:
    text = "**(1) Links**\n\n[Key papers in one place]\n\n[blog](https://example.org/x)\n\n[Just two words]\n"
    assert bracket_titles.recognise(make_parser().parse(text), CONTEXT) == []


def test_the_list_and_the_review_are_one_paper_titled_in_full(make_vault: Callable[..., Path]) -> None:
    vault = load_vault(make_vault({
        "README.md": (FIXTURES / "bracket_titles.md").read_text(encoding="utf-8"),
        "reviews/GCN.md": ("[HOME](../README.md)\n\n### GCN\n\n"
                           "[Semi-supervised classification with graph convolutional networks]\n\n"
                           "Ada Obi, Ben Tran,2017\n\n[`PAPER`](https://arxiv.org/pdf/1609.02907.pdf)\n\n"
                           "### [Abstract]\n\n그래프 위의 합성곱.\n"),
    }))
    graph = build_graph(vault.notes, vault.attachments)
    assert {key for key, decision in graph.decisions.items() if decision.is_paper} == {"reviews/GCN.md"}
    pid = graph.paper_of_note[NoteKey("reviews/GCN.md")]
    paper = graph.papers[pid]
    assert (paper.title, paper.year, paper.authors) == (
        "Semi-supervised classification with graph convolutional networks", 2017, ("Ada Obi", "Ben Tran"))
    assert sorted((source.path, source.line) for source in paper.sources) == [("README.md", 5), ("reviews/GCN.md", 3)]
    assert graph.notes[NoteKey("reviews/GCN.md")].title == paper.title
    assert {p.title for p in graph.papers.values()} == {paper.title, "Graph attention networks"}


def test_a_sentence_below_the_title_gives_no_authors() -> None:
    text = ("### NeRF\n\n[Representing scenes as neural radiance fields]\n\n"
            "We read this one for the reading group in spring of 2020\n\n[PAPER](https://arxiv.org/abs/2003.08934)\n")
    (paper,) = bracket_titles.recognise(make_parser().parse(text), CONTEXT)
    assert (paper.title, paper.year, paper.authors, paper.arxiv) == (
        "Representing scenes as neural radiance fields", None, (), "2003.08934")
