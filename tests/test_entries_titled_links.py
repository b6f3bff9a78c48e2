"""Reading-list items written `Title [ [note](…)] [ [paper](…)]` and `Name ([2004](paper))`."""

from __future__ import annotations

from pathlib import Path

from papernotes.entries import EntryContext, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

TEXT = (Path(__file__).parent / "fixtures" / "entries" / "titled_links.md").read_text(encoding="utf-8")


def test_titles_before_kind_links_and_year_links_and_nothing_else() -> None:
    context = EntryContext(NoteKey("README.md"), 1, NoteMeta(), TEXT)
    found = recognise_entries(make_parser().parse(TEXT), context)
    assert [(p.sources[0].line, p.title, p.year, p.venue, p.arxiv) for p in found] == [
        (5, "Folded Convolutions for Blurry Frames", None, None, "2104.00001"),
        (6, "GlueGAN: Better Captions by Filling the Gaps", 2019, "ICLR", "1901.00002"),
        (7, "Untangling factors in γ-VAE", 2018, "NeurIPS Workshop", None),  # `$\\gamma$` read as the letter
        (8, "Lantern teachers are better guides: averaged targets for semi-supervised learning", None, None,
         "1903.00003"),
        (9, "Entropy Shaping", 2006, None, None),
        (13, "Glowing Fields for View Synthesis", 2020, "ECCV", None),
    ]
    assert found[-1].authors == ("Okafor",)
    folded = found[0]
    assert [kind for kind, _ in folded.links] == ["note", "paper", "code"]
