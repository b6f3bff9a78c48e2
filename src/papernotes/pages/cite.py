"""A citing note's References list and a paper's Cite block (its BibTeX, with a copy button)."""

from __future__ import annotations

from typing import Any

from papernotes.bib.bibtex import bibtex_entry
from papernotes.bib.citations import cited_papers
from papernotes.bib.csl import csl_item, format_references
from papernotes.model import Note, Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.links import page_href, paper_target
from papernotes.render import render


def cited_items(site: Site, note: Note) -> tuple[dict[str, PaperId], dict[PaperId, Paper], list[dict[str, Any]]]:
    """(citekey -> paper, the papers, their CSL-JSON items) of the papers a note cites, in order of
    first citation: what its References are formatted from."""
    cited = cited_papers(note, site.bib)
    papers = {pid: paper for _, pid in cited if (paper := site.bib.paper(site.graph, pid)) is not None}
    items = [csl_item(key, papers[pid], site.bib.entry_of_paper.get(pid)) for key, pid in cited if pid in papers]
    return {key: pid for key, pid in cited}, papers, items


def references_html(site: Site, note: Note, base: str) -> str:
    """The papers a note cites, formatted in the site's CSL style, each linking to its page."""
    pid_of, papers, items = cited_items(site, note)
    if not pid_of:
        return ""
    references = []
    for key, formatted in format_references(items, site.bib.csl_style):
        target = paper_target(site, papers[pid_of[key]]) if pid_of[key] in site.graph.papers else None
        href = page_href(site, base, site.src_of(target[0]), target[1]) if target else ""
        references.append({"key": key, "html": formatted, "href": href})
    return render("references.html", {"references": references}, overrides=site.templates_dir)


def cite_block(site: Site, pid: PaperId) -> str:
    """The paper's BibTeX: the library's entry as written, else one made from its facts."""
    paper = site.graph.papers[pid]
    key = site.bib.keys.get(pid, pid)
    bibtex = bibtex_entry(key, paper, site.bib.entry_of_paper.get(pid))
    return render("cite_block.html", {"bibtex": bibtex, "key": key}, overrides=site.templates_dir)
