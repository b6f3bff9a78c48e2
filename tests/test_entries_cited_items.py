"""List items led by a bold author-year citation (`- **Obi et al., NeurIPS 2020:** “Title” – …`),
from fixtures/entries/cited_items.md."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, cited_items, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

FIXTURES = Path(__file__).parent / "fixtures" / "entries"
CONTEXT = EntryContext(NoteKey("concepts/Lamp poisoning.md"), 1, NoteMeta())


def test_cited_items_give_title_year_venue_and_authors() -> None:
    text = (FIXTURES / "cited_items.md").read_text(encoding="utf-8")
    found = cited_items.recognise(make_parser().parse(text), CONTEXT)
    assert recognise_entries(make_parser().parse(text), CONTEXT) == found
    assert [(p.sources[0].line, p.sources[0].kind, p.title, p.year, p.venue, p.authors) for p in found] == [
        (5, "cited-item", "How to Dim a Shared Lamp", 2020, "NeurIPS", ("Okafor",)),
        (7, "cited-item", "Flicker Attack", 2019, None, ("Sun",)),
        (9, "cited-item", "DLA (Distributed Lamp Attack)", 2021, None, ("Xie", "Obi")),
    ]
