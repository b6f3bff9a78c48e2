"""Citations in notes: what each citekey shows and links to, unknown keys, and a note's references."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from papernotes.bib.match import Bibliography
from papernotes.bib.people import parse_name
from papernotes.diagnostics import Diagnostic
from papernotes.graph import PaperGraph
from papernotes.model import Note, Paper, PaperId
from papernotes.rewrite import CiteTarget, LinkContext

_DID_YOU_MEAN_SCORE = 80.0


def short_authors(paper: Paper) -> str:
    """`He et al.`, `He & Zhang`, `He`; a paper without authors by its short name or title."""
    families = [parse_name(name).family for name in paper.authors]
    if not families:
        words = (paper.short_name or paper.title).split()
        return " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    return f"{families[0]} et al."


def cite_targets(graph: PaperGraph, bib: Bibliography, links: LinkContext) -> dict[str, CiteTarget]:
    """Citekey -> what its citations show and where they go, for every key cited in a published note."""
    cited = {item.key for key in links.published for citation in graph.notes[key].citations  # type: ignore[index]
             for item in citation.items}
    targets: dict[str, CiteTarget] = {}
    for citekey in sorted(cited):
        pid = bib.paper_of_key.get(citekey)
        paper = bib.paper(graph, pid) if pid else None
        if pid is None or paper is None:
            continue
        place = links.paper_place(paper) if pid in graph.papers else None
        key, anchor = place or ("", "")
        targets[citekey] = CiteTarget(short_authors(paper), str(paper.year or "n.d."), paper.title, key, anchor, pid)
    return targets


def cited_papers(note: Note, bib: Bibliography) -> list[tuple[str, PaperId]]:
    """(citekey, paper) of each paper a note cites, once, in order of first citation."""
    found: dict[PaperId, str] = {}
    for citation in note.citations:
        for item in citation.items:
            pid = bib.paper_of_key.get(item.key)
            if pid is not None and pid not in found:
                found[pid] = item.key
    return [(key, pid) for pid, key in found.items()]


def citation_problems(notes: Iterable[Note], bib: Bibliography) -> list[Diagnostic]:
    """A bracketed citation of a key no library entry or note has, with the nearest key. A bare
    `@word` that is no key is left alone: it is as often an @mention as a citation."""
    problems = []
    keys = list(bib.paper_of_key)
    for note in notes:
        for citation in note.citations:
            for item in citation.items:
                if item.key in bib.paper_of_key or not citation.bracketed:
                    continue
                hint = _did_you_mean(item.key, keys)
                problems.append(Diagnostic(
                    note.path, citation.line, "warning", "unknown-citekey",
                    f"citation @{item.key} matches no library entry and no note's citekey",
                    f"Did you mean @{hint}?" if hint else "add the entry to your .bib file, or set `citekey:` "
                    "in the paper's note"))
    return problems


def _did_you_mean(key: str, keys: list[str]) -> str | None:
    if not keys:
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=_DID_YOU_MEAN_SCORE)
    return str(found[0]) if found else None


def citation_inputs(note: Note, targets: Mapping[str, CiteTarget]) -> tuple[object, ...]:
    """What a note's citations show, for `mkdocs serve --dirty` to know when to rebuild its page."""
    return tuple(targets.get(item.key) for citation in note.citations for item in citation.items)
