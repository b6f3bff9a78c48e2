"""The site's papers as one BibTeX file and one CSL-JSON file (`papers.bib`, `papers.json`)."""

from __future__ import annotations

import json

from papernotes.bib.bibtex import bibtex_entry
from papernotes.bib.csl import csl_item
from papernotes.bib.match import Bibliography
from papernotes.graph import PaperGraph
from papernotes.model import Paper, PaperId


def _papers(graph: PaperGraph, bib: Bibliography) -> list[tuple[PaperId, Paper]]:
    """Every paper of the graph (only published notes' papers are in it) and those in the library,
    by citekey so the files diff well between builds."""
    papers = [*graph.papers.items(), *bib.listed_papers().items()]
    return sorted(papers, key=lambda item: (bib.keys.get(item[0], item[0]).casefold(), item[0]))


def papers_bibtex(graph: PaperGraph, bib: Bibliography) -> str:
    entries = [bibtex_entry(bib.keys.get(pid, pid), paper, bib.entry_of_paper.get(pid))
               for pid, paper in _papers(graph, bib)]
    return "\n\n".join(entries) + "\n" if entries else ""


_ONE_LINE = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(item, ensure_ascii=False)` with one encoder: dumps makes a new one for each item."""


def papers_csl_json(graph: PaperGraph, bib: Bibliography) -> str:
    items = [csl_item(bib.keys.get(pid, pid), paper, bib.entry_of_paper.get(pid))
             for pid, paper in _papers(graph, bib)]
    # One item a line: as readable in a diff as an indented file, and written by json's C encoder.
    return "[\n" + ",\n".join(map(_ONE_LINE, items)) + "\n]\n"
