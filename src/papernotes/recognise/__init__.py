"""Which notes are papers' notes: a scored decision from many signals, each with its reason.

Pure: notes in, decisions out (no MkDocs). The graph asks `decide` about every note; `explain`
turns a decision into text for `papernotes explain` and the recognition summary of `check`.
"""

from __future__ import annotations

from papernotes.recognise.decide import (
    ALMOST,
    DEFAULT_OPTIONS,
    THRESHOLD,
    Decision,
    RecogniseOptions,
    decide,
    glossed_name,
    matches,
    paper_title,
    with_signal,
)
from papernotes.recognise.layout import FolderNote, folder_notes, names_its_link, paper_line_targets
from papernotes.recognise.siblings import note_folder, paper_siblings
from papernotes.recognise.signals import Facts, Signal
from papernotes.recognise.titles import has_paper_evidence, is_todo, title_problem

__all__ = ["ALMOST", "DEFAULT_OPTIONS", "THRESHOLD", "Decision", "Facts", "FolderNote", "RecogniseOptions", "Signal",
           "decide", "folder_notes", "glossed_name", "has_paper_evidence", "is_todo", "matches", "names_its_link",
           "note_folder", "paper_line_targets", "paper_siblings", "paper_title", "title_problem", "with_signal"]
