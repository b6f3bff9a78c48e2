"""Evidence from a note's neighbours: a folder or Dendron hierarchy that holds mostly papers' notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TypeVar

from papernotes.model import Note
from papernotes.recognise.signals import Signal, folders

Key = TypeVar("Key", bound=Hashable)

MIN_PAPERS = 5
"""Sibling papers' notes needed before the folder says anything."""
MIN_SHARE = 0.4
"""...and the share of the siblings they must be."""


def note_folder(note: Note) -> str:
    """The folder a note sits in, Dendron's hierarchy included (`robotics.pi.pi0.md` -> `robotics/pi`)."""
    return "/".join(folders(note))


def paper_siblings(parents: Mapping[Key, str], papers: Mapping[Key, bool]) -> dict[Key, Signal]:
    """For each note that is not (yet) a paper's note, +0.2 when at least 5 of its siblings (the
    notes in the same folder or Dendron hierarchy) are papers' notes by their own evidence, and at
    least 40 % of them: the writer files papers there. Keyed by note; one pass, no feedback."""
    notes = Counter(parents.values())
    paper_count = Counter(parents[key] for key, is_paper in papers.items() if is_paper)
    found: dict[Key, Signal] = {}
    for key, folder in parents.items():
        if papers.get(key):
            continue
        siblings, sibling_papers = notes[folder] - 1, paper_count[folder]
        if sibling_papers >= MIN_PAPERS and sibling_papers >= MIN_SHARE * siblings:
            where = f"`{folder}/`" if folder else "the vault's top folder"
            found[key] = Signal("paper-siblings", 0.2, f"{sibling_papers} of the {siblings} other notes in {where} "
                                                       "are papers' notes")
    return found
