"""The build's side of queries: every query of every published note rendered once, `.base` files as pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from papernotes.compare.attributes import Aliases
from papernotes.compare.block import PapersBlocks
from papernotes.dataview import QueryRenderer, Rendered
from papernotes.diagnostics import Diagnostic
from papernotes.loader import is_excluded
from papernotes.model import Note
from papernotes.pages import Site

QueryOutputs = dict[tuple[str, int, str], str]


def render_note_queries(renderer: QueryRenderer, notes: Iterable[Note], src_of: Callable[[str], str],
                        papers: PapersBlocks) -> tuple[QueryOutputs, list[Diagnostic]]:
    """(note key, file line, query text) -> Markdown for every query, and the problems found."""
    outputs: QueryOutputs = {}
    problems: list[Diagnostic] = []
    for note in notes:
        for query in note.queries:
            if query.info == "papers":  # papernotes' own comparison tables
                markdown, found = papers.render(query, note.path, src_of(note.path))
                rendered = Rendered(markdown, tuple(found))
            else:
                rendered = renderer.render(query, note.path, src_of(note.path))
            outputs[(note.path, query.line, query.source)] = rendered.markdown
            problems += rendered.diagnostics
    return outputs, problems


def with_queries(site: Site, log: Callable[[Diagnostic], None], today: dt.date | None = None,
                 column_aliases: Mapping[str, str] | None = None) -> Site:
    """The site with its notes' query blocks rendered (rewriting puts them in place of the blocks)."""
    renderer = QueryRenderer(site.graph, site.src_of, today)
    papers = PapersBlocks(site.graph, Aliases(column_aliases), site)
    outputs, problems = render_note_queries(renderer, site.graph.notes.values(), site.src_of, papers)
    for problem in problems:
        log(problem)
    return replace(site, links=replace(site.links, queries=outputs))


def base_page_src(key: str, taken: Iterable[str]) -> str:
    """`Papers.base` is served as `Papers.md`, or `Papers.base.md` when a note already has that name."""
    plain = key[: -len(".base")] + ".md"
    return plain if plain not in set(taken) else key + ".md"


def base_pages(site: Site, root: Path, attachments: Sequence[str], exclude: Sequence[str],
               log: Callable[[Diagnostic], None], today: dt.date | None = None) -> dict[str, str]:
    """Every published `.base` file of the vault as a generated page: source path -> Markdown."""
    renderer = QueryRenderer(site.graph, site.src_of, today)
    taken = set(site.links.notes) | set(site.links.page_src.values())
    pages: dict[str, str] = {}
    for key in attachments:
        if not key.lower().endswith(".base") or is_excluded(key, exclude):
            continue
        text = (root / key).read_text(encoding="utf-8", errors="replace")
        src = base_page_src(key, taken)
        rendered = renderer.render_base_file(text, key, src)
        for problem in rendered.diagnostics:
            log(problem)
        pages[src] = rendered.markdown
    return pages
