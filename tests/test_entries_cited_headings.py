"""Headings citing a paper as `Authors - Title - Year` (a review's notes), written here."""

from __future__ import annotations

from papernotes.entries import EntryContext, cited_headings, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

CONTEXT = EntryContext(NoteKey("projects/review.md"), 1, NoteMeta())
TEXT = """# Review

## Okafor ea, Lin lab - Lattice recordings need a new approach - 2021

Tools.

## Tran, Obi - Towards the lattice doctrine - 2019

## da Costa and Mei - The geometry of lattice codes in populations - 2020

## Lattice Book - Ada Obi

## Week 3 - 2021

## What we learned about lattices this month - Notes - 2022
"""


def test_headings_citing_authors_title_and_year() -> None:
    papers = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    assert [(p.title, p.sources[0].line, p.sources[0].kind, p.authors, p.year) for p in papers] == [
        ("Lattice recordings need a new approach", 3, cited_headings.CONVENTION, ("Okafor",), 2021),
        ("Towards the lattice doctrine", 7, cited_headings.CONVENTION, ("Tran", "Obi"), 2019),
        ("The geometry of lattice codes in populations", 9, cited_headings.CONVENTION, ("da Costa", "Mei"), 2020),
    ]  # a book (no year), a week and a sentence are not papers
