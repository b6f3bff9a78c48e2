"""Sections describing one paper each in `key: value` lines (Foam, Obsidian), written here."""

from __future__ import annotations

from papernotes.entries import EntryContext, field_sections, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

CONTEXT = EntryContext(NoteKey("phd/reading.md"), 1, NoteMeta())
TEXT = """# Reading

I keep the papers I read here.

## Lattice codes in the mouse visual cortex

authors: Okafor & Lin et al.
keywords: population, coding
status: read twice
url: https://doi.org/10.1000/lattice.2021.1

Good figures.

## Towards a lattice doctrine

**Authors**: Tran and Obi
Year: 2019

## The Spike of Lattices

author: Mei Lin
rating: 4/5

## Lattice toolbox

url: https://doi.org/10.1000/toolbox.7

## Metadata

authors: Obi
url: https://doi.org/10.1000/meta.1

## Notes on lattice priors

I liked it.
authors: Obi
url: https://doi.org/10.1000/priors.3
"""


def test_sections_with_authors_and_a_link_year_or_venue() -> None:
    papers = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    assert [(p.title, p.sources[0].line, p.authors, p.year, p.doi) for p in papers] == [
        ("Lattice codes in the mouse visual cortex", 5, ("Okafor", "Lin"), None, "10.1000/lattice.2021.1"),
        ("Towards a lattice doctrine", 14, ("Tran", "Obi"), 2019, None),
    ]  # a book (authors alone), a tool (a link alone) and prose before the fields are not papers
    assert {p.sources[0].kind for p in papers} == {field_sections.CONVENTION}
    # `## Metadata` above fields is read by the convention, and dropped as a generic heading
    assert "Metadata" in {p.title for p in field_sections.recognise(make_parser().parse(TEXT), CONTEXT)}
