"""List items led by a bold title: `- **Title** — A. Author et al. (NeurIPS 2022)`."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

TEXT = (Path(__file__).parent / "fixtures" / "entries" / "bold_items.md").read_text(encoding="utf-8")


def test_bold_titles_with_a_year_or_venue_after_them_and_nothing_else() -> None:
    context = EntryContext(NoteKey("papers/robots.md"), 1, NoteMeta(), TEXT)
    found = recognise_entries(make_parser().parse(TEXT), context)
    assert [(p.sources[0].line, p.title, p.year, p.venue, p.authors) for p in found] == [
        (5, "Lantern-Language-Action Models: Concepts and Challenges", 2025, None, ("K. Osei",)),
        (6, "WIMA: General Lantern Manipulation with Multimodal Prompts", 2022, "NeurIPS", ("Y. Duarte",)),
        (7, "Mean Lantern", 2017, None, ()),
        (8, "DETR-L", 2020, None, ()),
        # the title alone, then authors (year) and a paper link in the item's next paragraphs
        (15, "Gradient Lanterns Applied to Document Glow", 1998, None, ("Ana Lima", "Bo Chen", "Yusuf Kaya")),
        # an italic title, then its authors after a dash: the names are no part of the title
        (29, "Lantern Models Outshine Torches on Night Synthesis", 2021, None, ("Wren Okafor", "Ilse Marten")),
        (33, "Lantern Diffusion Probabilistic Models", 2020, None, ("Jun Abe", "Ada Obi", "Noor Haddad")),
        (34, "Glow Modeling through Stochastic Lanterns", 2019, None, ("T. Ruiz",)),
        # after this dash comes the rest of a Title-Case title, not a name
        (35, "Attention - Is All You Need Here", 2017, None, ()),
    ]
    assert found[2].arxiv == "1703.00005"
    assert found[6].short_name == "LDPM"
