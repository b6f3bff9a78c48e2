"""The generated pages (papers, topics, queues, timeline, notes, search) as Markdown, by source path."""

from __future__ import annotations

import hashlib
import posixpath
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from papernotes.bib.export import papers_bibtex, papers_csl_json
from papernotes.compare.attributes import Aliases, PaperAttributes, columns_by_coverage
from papernotes.compare.table import compare_href, rows, table_html
from papernotes.loader import collector_paused
from papernotes.model import Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.compare import COMPARE_SRC, DATA_SRC, compare_data, compare_page, topic_table
from papernotes.pages.kept import KeepRow, KeptPages, Rows, library_inputs, papers_inputs, topic_inputs
from papernotes.pages.links import (
    html_list,
    html_text,
    note_html,
    note_link,
    paper_html,
    paper_link,
    topic_link,
    topic_src,
)
from papernotes.pages.people import people_pages
from papernotes.paths import stem
from papernotes.render import counted, escape_md, md_link

SECTIONS = (
    ("Papers", "papers.md"), ("Topics", "topics/index.md"), ("Queues", "queues.md"),
    ("Timeline", "timeline.md"), ("Reading", "reading.md"), ("Graph", "graph.md"), ("Authors", "authors/index.md"),
    ("Venues", "venues/index.md"), ("All notes", "notes.md"), ("Search", "search.md"),
)


def generated_pages(site: Site, *, search: bool = True, column_aliases: Mapping[str, str] | None = None,
                    kept: KeptPages | None = None,
                    finished: dict[str, Finished] | None = None) -> dict[str, str]:
    """Source path -> Markdown of every generated page (and the comparison page's JSON data).
    Made with the cyclic collector paused: thousands of rows and pages kept, none in a cycle,
    and with a library's papers in the graph a full collection re-scans every note (loader.py).
    `kept` (`mkdocs serve`): the last build's pages, reused where what they show is the same.
    With `finished`, the Papers table is put there instead of in its page (`Finished`)."""
    asked = (search, dict(column_aliases or {}), finished is not None)
    again = kept.again(site, asked, finished) if kept is not None else None
    if again is not None:
        return again
    with collector_paused():
        if kept is not None:
            kept.start(site)
        pages = _generated_pages(site, search=search, column_aliases=column_aliases,
                                 kept=kept, finished=finished)
        if kept is not None:
            if finished is not None:  # a reused page's finished HTML is the one made with it
                kept.keep_finished(finished)
            kept.finish()
            kept.last = (site, asked, dict(pages))
        return pages


def _generated_pages(site: Site, *, search: bool, column_aliases: Mapping[str, str] | None,
                     kept: KeptPages | None, finished: dict[str, Finished] | None) -> dict[str, str]:
    attributes = PaperAttributes(site.graph, Aliases(column_aliases))
    rows = Rows(site, attributes)  # collected only when asked for (with `kept`)
    kept_rows = None
    if kept is not None:  # a table row shows the paper as a topic's row does, and the Papers table's filters
        kept.rows.start(lambda pid, directory: (rows.table(pid), rows.people(pid) if directory else None))
        kept_rows = kept.rows.row

    def made(src: str, inputs: Callable[[], object], make: Callable[[], str]) -> str:
        return make() if kept is None else kept.page(src, inputs(), make)

    pages = {
        "papers.md": made("papers.md", lambda: papers_inputs(_papers(site, library=True), rows),
                          partial(papers_page, site, attributes, finished, kept_rows)),
        COMPARE_SRC: compare_page(),
        DATA_SRC: compare_data(site, attributes),
        "topics/index.md": topics_index(site),
        "queues.md": queues_page(site),
        "timeline.md": made("timeline.md", lambda: tuple(rows.table(pid) for pid, _ in _papers(site)),
                            partial(timeline_page, site)),
        "notes.md": made("notes.md", lambda: rows.notes(sorted(site.links.published)), partial(notes_page, site)),
    }
    pages.update(people_pages(site, made=made, rows=rows))
    library = cache(partial(library_inputs, site))  # both downloads (linked from Papers) list the same papers
    pages["papers.bib"] = made("papers.bib", library, partial(papers_bibtex, site.graph, site.bib))
    pages["papers.json"] = made("papers.json", library, partial(papers_csl_json, site.graph, site.bib))
    children = topic_children(site)
    for key in site.graph.topics:
        src = topic_src(site.graph.topics[key])
        pages[src] = made(src, partial(topic_inputs, site, key, children, rows),
                          partial(topic_page, site, key, children, attributes, kept_rows))
    if search:
        pages["search.md"] = search_page()
    if kept is not None:
        kept.rows.keep_listed(rows.listed())
    return pages


def empty_sections(site: Site, read: int | None = None) -> frozenset[str]:
    """Generated sections with nothing in them, left out of the default nav and the home page's
    list (the pages stay, for links to them): Queues without a reading queue, and Reading
    without a reading date when `read`, the number of papers with one, is known."""
    empty = set() if site.graph.queues else {"queues.md"}
    return frozenset(empty | ({"reading.md"} if read == 0 else set()))


def shown_sections(site: Site, pages: Collection[str], read: int | None = None,
                   joined: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(title, source) of the generated sections that the default nav and the home page list, in
    `SECTIONS`' order: those among `pages` (the site's pages) but the empty ones (`empty_sections`,
    `read` as it takes it); a section shown below a note (`joined`: generated page -> note) is
    that note's page."""
    joined, empty = joined or {}, empty_sections(site, read)
    return [(title, joined.get(src, src)) for title, src in SECTIONS
            if joined.get(src, src) in pages and src not in empty]


def default_nav(sections: Sequence[tuple[str, str]], pages: Collection[str], bases: Sequence[str] = ()) -> list[Any]:
    """Home, the generated `sections` (`shown_sections`) and the vault's `.base` views among
    `pages`: a nav whose size does not grow with the number of notes."""
    nav: list[Any] = [{"Home": "index.md"}] if "index.md" in pages else []
    nav += [{title: src} for title, src in sections]
    views = [{stem(src).removesuffix(".base"): src} for src in sorted(bases) if src in pages]
    return nav + ([{"Bases": views}] if views else [])


def nav_with_sections(own: Sequence[Any], sections: Sequence[tuple[str, str]], pages: Collection[str],
                      bases: Sequence[str] = ()) -> list[Any]:
    """A site's own `nav:` with the generated sections (and `.base` views) after its entries, those
    it lists already left where it put them: the generated pages are reachable from every page."""
    listed = set(_nav_sources(own))
    added = [entry for entry in default_nav(sections, pages, bases)[1 if "index.md" in pages else 0:]
             if not set(_nav_sources([entry])) & listed]
    return [*own, *added]


def _nav_sources(items: Any) -> Iterator[str]:
    """Every page path a `nav:` names, at any depth (`- Papers: papers.md`, `- papers.md`, sections)."""
    if isinstance(items, str):
        yield items
    elif isinstance(items, dict):
        for value in items.values():
            yield from _nav_sources(value)
    elif isinstance(items, list):
        for item in items:
            yield from _nav_sources(item)


def _papers(site: Site, *, library: bool = False) -> list[tuple[PaperId, Paper]]:
    """The graph's papers, newest first; with `library`, also those known only from the library."""
    papers = list(site.graph.papers.items()) + (list(site.bib.listed_papers().items()) if library else [])
    return sorted(papers, key=lambda item: (-(item[1].year or 0), item[1].title.casefold()))


@dataclass(frozen=True, slots=True)
class Finished:
    """HTML made whole by papernotes (every text escaped, every cell from a note sanitised) that a
    page carries as `mark` until the page is sanitised, then gets back (`put_back`): the Papers
    table, with a library thousands of rows, is not parsed again by markdown-it and nh3."""

    mark: str
    html: str

    def put_back(self, page_html: str) -> str:
        return page_html.replace(self.mark, self.html, 1)


def finished_html(html: str) -> Finished:
    """`html` and the block that stands for it, named by its digest (no note holds it by chance;
    and it is put back only on the page it was made for, once)."""
    digest = hashlib.blake2b(html.encode("utf-8"), digest_size=12).hexdigest()
    return Finished(f'<div class="pn-finished">{digest}</div>', html)


def papers_page(site: Site, attributes: PaperAttributes | None = None,
                finished: dict[str, Finished] | None = None, kept: KeepRow | None = None) -> str:
    """Every paper, newest first, with the four attributes filled for the most papers; with
    `finished`, the table is put there (by the page's source) and the page holds its mark.
    `kept`: table rows kept between rebuilds."""
    base = "papers.md"
    attributes = attributes or PaperAttributes(site.graph)
    table_rows = rows(attributes, _papers(site, library=True))
    extra = columns_by_coverage([row.cells for row in table_rows], minimum=0, limit=4)
    columns = ["title", "year", "venue", "topics", "status", *extra]
    downloads = "Download them: [BibTeX](papers.bib) · [CSL-JSON](papers.json)."
    lines = ["# Papers", "", f"{counted(len(table_rows), 'paper')}. {downloads}", ""]
    table = table_html(site, table_rows, columns, base, compare_href(site, base), attributes.html, directory=True,
                       kept=kept)
    if finished is None:
        return "\n".join(lines + table)
    finished[base] = finished_html("\n".join(table).removesuffix("\n"))  # the block's line break stays on the page
    return "\n".join([*lines, finished[base].mark, ""])


_html_list = html_list


def topics_index(site: Site) -> str:
    base = "topics/index.md"
    lines = ["# Topics", ""]
    counts = _counts_with_subtopics(site)
    for key in site.graph.topics:
        depth = key.count("/")
        lines.append("    " * depth + f"- {topic_link(site, key, base)} ({counts[key]})")
    return "\n".join(lines) + "\n"


def _counts_with_subtopics(site: Site) -> dict[str, int]:
    """Distinct papers and notes of each topic and of its subtopics: a parent of nested tags is never
    (0), and a paper tagged both `a` and `a/b` counts once in `a`."""
    topics = site.graph.topics
    papers = {key: set(topic.papers) for key, topic in topics.items()}
    notes = {key: set(topic.notes) for key, topic in topics.items()}
    for key, topic in topics.items():
        parent, seen = topic.parent, {key}
        while parent in topics and parent not in seen:  # every ancestor gets this topic's members
            papers[parent] |= set(topic.papers)
            notes[parent] |= set(topic.notes)
            seen.add(parent)
            parent = topics[parent].parent
    # a note that is the own note of a counted paper is that paper, as in _other_notes
    return {key: len(papers[key]) + sum(site.graph.paper_of_note.get(note) not in papers[key]  # type: ignore[call-overload]
                                        for note in notes[key])
            for key in topics}


def topic_page(site: Site, key: str, children: Mapping[str, list[str]] | None = None,
               attributes: PaperAttributes | None = None, kept: KeepRow | None = None) -> str:
    topic = site.graph.topics[key]
    base = topic_src(topic)
    lines = [f"# {escape_md(topic.name)}", ""]
    if topic.parent and topic.parent in site.graph.topics:
        lines += [f"Part of {topic_link(site, topic.parent, base)}.", ""]
    below = (topic_children(site) if children is None else children).get(key, [])
    if below:
        lines += ["Subtopics: " + ", ".join(topic_link(site, k, base) for k in below), ""]
    papers = [(PaperId(pid), paper) for pid in topic.papers
              if (paper := site.graph.papers.get(PaperId(pid))) is not None]
    if papers:
        table = topic_table(site, key, attributes or PaperAttributes(site.graph), papers, kept)
        lines += ["## Papers", ""] + (table or _html_list(paper_html(site, paper, base) + _year_suffix(paper)
                                                          for _, paper in papers))
    notes = _other_notes(site, key)
    if notes:
        lines += ["## Notes", ""] + _html_list(note_html(site, note, base) for note in notes)
    return "\n".join(lines)


def topic_children(site: Site) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for key, topic in site.graph.topics.items():
        if topic.parent:
            children[topic.parent].append(key)
    return children


def _other_notes(site: Site, key: str) -> list[str]:
    """A topic's notes except those that are one of its papers' own note (listed as papers already)."""
    topic = site.graph.topics[key]
    papers = set(topic.papers)
    return [note for note in topic.notes if site.graph.paper_of_note.get(note) not in papers]  # type: ignore[call-overload]


def _year_suffix(paper: Paper) -> str:
    parts = [part for part in (paper.venue, str(paper.year) if paper.year else None) if part]
    return (" — " + html_text(" ".join(parts))) if parts else ""


def queues_page(site: Site) -> str:
    base = "queues.md"
    lines = ["# Reading queues", ""]
    unread: dict[str, str] = {}
    for queue in site.graph.queues:
        total = len(queue.items)
        lines += [f"## {escape_md(queue.name)}", "",
                  f'<progress class="pn-progress" value="{queue.done}" max="{total}"></progress> '
                  f"{queue.done} / {total} read — from {note_link(site, queue.path, base)}", ""]
        for item in queue.items:
            link = _queue_item_link(site, item.note, item.paper, item.markdown or escape_md(item.title), base)
            lines.append(f"- [{'x' if item.done else ' '}] {link}")
            if not item.done and not _is_read(site, item.paper):  # read in another queue: read wins
                unread.setdefault(item.paper or item.title, link)
        lines.append("")
    if unread:
        lines += ["## Still unread", ""] + [f"- {link}" for link in unread.values()] + [""]
    return "\n".join(lines)


def _is_read(site: Site, pid: PaperId | None) -> bool:
    paper = site.graph.papers.get(pid) if pid else None
    return paper is not None and paper.status == "read"


def _queue_item_link(site: Site, note: str | None, pid: PaperId | None, label: str, base: str) -> str:
    """A queue item's text (`label`, Markdown) linked to its note, else its paper's page."""
    if note and note in site.links.published:
        return md_link(label, site.src_of(note), base)
    paper = site.graph.papers.get(pid) if pid else None
    return paper_link(site, paper, base, label) if paper else label


def timeline_page(site: Site) -> str:
    base = "timeline.md"
    by_year: dict[int | None, list[Paper]] = defaultdict(list)
    by_venue: dict[str, list[Paper]] = defaultdict(list)
    for _, paper in _papers(site):
        by_year[paper.year].append(paper)
        if paper.venue:
            by_venue[paper.venue].append(paper)
    lines = ["# Timeline", "", "## By year", ""]
    for year in sorted(by_year, key=lambda y: -(y or 0)):
        lines += [f"### {year or 'Undated'}", ""]
        lines += _html_list(paper_html(site, p, base) + (f" — {html_text(p.venue)}" if p.venue else "")
                            for p in by_year[year])
    lines += ["## By venue", ""]
    for venue in sorted(by_venue, key=str.casefold):
        lines += [f"### {escape_md(venue)}", ""]
        lines += _html_list(paper_html(site, p, base) + (f" ({p.year})" if p.year else "")
                            for p in by_venue[venue])
    return "\n".join(lines)


def notes_page(site: Site) -> str:
    base = "notes.md"
    by_folder: dict[str, list[str]] = defaultdict(list)
    for key in sorted(site.links.published):
        by_folder[posixpath.dirname(key)].append(key)
    lines = ["# All notes", ""]
    for folder in sorted(by_folder):
        lines += [f"## {escape_md(folder or 'Top level')}", ""]
        lines += _html_list(note_html(site, key, base) for key in sorted(by_folder[folder], key=stem))
    return "\n".join(lines)


def search_page() -> str:
    return "# Search\n\n<div id=\"pn-search\" class=\"pn-search\"></div>\n"


def home_page(site: Site, sections: Sequence[tuple[str, str]], site_name: str = "") -> str:
    """The home page of a vault without a home note, titled by the site's name: counts and the
    generated `sections` (`shown_sections`: the nav's)."""
    figures = f"{counted(len(site.graph.papers), 'paper')} in {counted(len(site.links.published), 'note')}."
    lines = [f"# {escape_md(site_name.strip()) or 'Paper notes'}", "", figures, ""]
    lines += [f"- {md_link(title, src, 'index.md')}" for title, src in sections]
    return "\n".join(lines) + "\n"
