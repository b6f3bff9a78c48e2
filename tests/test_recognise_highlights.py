"""A Zotero-named Logseq page whose PDF is highlighted past page 100 (its `hls__` page says so)
is a book, not a paper."""

from __future__ import annotations

from papernotes.loader import load_note
from papernotes.model import NoteKey
from papernotes.recognise.highlights import book_signals, highlighted_pages
from tests.test_recognise import MakeVault, graph_of, paper_notes

ID = "6a000000-0000-4000-8000-0000000000{:02d}"


def embed(name: str, shown: str = "") -> str:
    return f"- ![{shown or name}.pdf](file://zotero/Shelf/{name}.pdf)\n- # Notes\n\t- (({ID.format(1)}))\n"


def highlights(name: str, *pages: int) -> str:
    blocks = "".join(f"- a highlighted line\n  ls-type:: annotation\n  hl-page:: {page}\n  id:: {ID.format(i)}\n"
                     for i, page in enumerate(pages))
    return f"file:: [{name}.pdf](zotero/Shelf/{name}.pdf)\nfile-path:: zotero/Shelf/{name}.pdf\n\n" + blocks


BOOK = "2011_Okafor_Lattice Field Primer"
SHORT = "2019_Mbeki_Short ladders on a torus"
REVIEW = "2020_Mbeki_A long review of ladders"
RENAMED = "2015_Tran_Gauge theory for beginners"

VAULT: dict[str, str | bytes] = {
    f"pages/{BOOK}.md": embed(BOOK),
    f"pages/hls__{BOOK}.md": highlights(BOOK, 12, 212, 87),
    f"pages/{SHORT}.md": embed(SHORT),
    f"pages/hls__{SHORT}.md": highlights(SHORT, 3, 12),
    # a long review its writer calls a paper: the user's word decides
    f"pages/{REVIEW}.md": "type:: paper_reading\n\n" + embed(REVIEW),
    f"pages/hls__{REVIEW}.md": highlights(REVIEW, 140),
    # Logseq names the highlights page after the embed's label, here not Zotero's file name
    f"pages/{RENAMED}.md": embed(RENAMED, "Gauge theory for beginners"),
    "pages/hls__Gauge theory for beginners.md": highlights("Gauge theory for beginners", 300),
}


def test_a_pdf_highlighted_past_page_100_is_a_book(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, VAULT)
    assert paper_notes(graph) == {f"pages/{SHORT}.md", f"pages/{REVIEW}.md"}
    decision = graph.decisions[NoteKey(f"pages/{BOOK}.md")]
    assert [(s.name, s.weight, s.line) for s in decision.signals] == [
        ("zotero-name", 0.5, 1), ("same-name-pdf", 0.5, 1), ("book-length", -1.0, 1)]
    assert decision.signals[-1].reason == (
        f"its PDF `{BOOK}.pdf` has highlights up to page 212 (`hls__{BOOK}`): a book, not a paper")
    assert (decision.score, decision.is_paper) == (0.0, False)
    assert graph.decisions[NoteKey(f"pages/{RENAMED}.md")].signals[-1].name == "book-length"
    assert graph.decisions[NoteKey(f"pages/{REVIEW}.md")].overridden_by == "`type: paper_reading`"


def test_highlighted_pages_by_pdf_name() -> None:
    notes = [note for name, text in VAULT.items() if (note := load_note(name, str(text).encode())[0])]
    pages = highlighted_pages(notes)
    assert pages == {BOOK.casefold(): 212, SHORT.casefold(): 12, REVIEW.casefold(): 140,
                     "gauge theory for beginners": 300}
    short = next(note for note in notes if note.path == f"pages/{SHORT}.md")
    assert book_signals(short, pages) == [] and book_signals(short, {}) == []
    # a highlights page without a highlight, or a page not named hls__, gives nothing
    empty = [note for name, text in {"pages/hls__x.md": "file:: [x.pdf](x.pdf)\n",
                                     "pages/notes.md": "- hl-page:: 500\n"}.items()
             if (note := load_note(name, text.encode())[0])]
    assert highlighted_pages(empty) == {}
