"""The generated author and venue pages: `/authors/`, `/authors/<slug>/`, `/venues/`, `/venues/<slug>/`."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from urllib.parse import quote

from papernotes.bib.citations import cited_papers
from papernotes.bib.directory import Group
from papernotes.bib.people import parse_name, venue_name
from papernotes.compare.attributes import PaperAttributes
from papernotes.model import Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.kept import Rows, person_inputs
from papernotes.pages.links import html_link, html_list, html_text, note_html, page_href, paper_html
from papernotes.render import counted, escape_md


def author_src(slug: str) -> str:
    return f"authors/{slug}.md"


def venue_src(slug: str) -> str:
    return f"venues/{slug}.md"


Made = Callable[[str, Callable[[], object], Callable[[], str]], str]
"""(source path, the page's inputs, the page's Markdown) -> the Markdown: `pages.kept.KeptPages`."""


def _make(src: str, inputs: Callable[[], object], make: Callable[[], str]) -> str:
    return make()


def people_pages(site: Site, *, made: Made = _make, rows: Rows | None = None) -> dict[str, str]:
    """Every author and venue page, and their two index pages; none when no paper has authors or a
    venue. `made` and `rows`: pages kept from the last build (`pages.kept`)."""
    rows = rows or Rows(site, PaperAttributes(site.graph))
    pages: dict[str, str] = {}
    directory = site.directory
    if directory.authors:
        pages["authors/index.md"] = authors_index(site)
        mentions = _mentions(site)
        for slug in directory.authors:
            pages[author_src(slug)] = made(author_src(slug),
                                           partial(person_inputs, site, "authors", slug, mentions, rows),
                                           partial(author_page, site, slug, mentions))
    if directory.venues:
        pages["venues/index.md"] = venues_index(site)
        for slug in directory.venues:
            pages[venue_src(slug)] = made(venue_src(slug), partial(person_inputs, site, "venues", slug, None, rows),
                                          partial(venue_page, site, slug))
    return pages


def _paper(site: Site, pid: PaperId) -> Paper | None:
    return site.bib.paper(site.graph, pid)


def _by_year(site: Site, pids: Iterable[PaperId], base: str, *, venue: bool) -> list[str]:
    """Papers newest first, under a heading per year."""
    years: dict[int | None, list[Paper]] = defaultdict(list)
    for pid in pids:
        paper = _paper(site, pid)
        if paper is not None:
            years[paper.year].append(paper)
    lines: list[str] = []
    for year in sorted(years, key=lambda y: -(y or 0)):
        lines += [f"### {year or 'Undated'}", ""]
        lines += html_list(paper_html(site, paper, base) + (
            f" — {venue_html(site, paper.venue, base)}" if venue and paper.venue else "")
            for paper in sorted(years[year], key=lambda p: p.title.casefold()))
    return lines


def venue_html(site: Site, venue: str, base: str) -> str:
    slug = site.directory.venue_slug.get(venue)
    return html_link(html_text(site.directory.venues[slug].name), page_href(site, base, venue_src(slug))) if slug \
        else html_text(venue)


def author_html(site: Site, name: str, base: str) -> str:
    slug = site.directory.author_slug.get(name)
    return html_link(html_text(site.directory.authors[slug].name), page_href(site, base, author_src(slug))) if slug \
        else html_text(name)


def author_filter_attributes(site: Site, paper: Paper) -> str:
    """A Papers table row's authors and venue, as papernotes.js's author and venue filters read them."""
    directory = site.directory
    authors = "|".join(directory.authors[slug].name if (slug := directory.author_slug.get(name))
                       else parse_name(name).display for name in paper.authors)
    slug = directory.venue_slug.get(paper.venue or "")
    venue = directory.venues[slug].name if slug else venue_name(paper.venue or "")
    attributes = f' data-pn-authors="{html.escape(authors)}"' if authors else ""
    return attributes + (f' data-pn-venue="{html.escape(venue)}"' if venue else "")


def _mentions(site: Site) -> dict[PaperId, list[str]]:
    """Paper -> the published notes that link to it, list it or cite it (its own note aside)."""
    found: dict[PaperId, dict[str, None]] = defaultdict(dict)
    papers = site.graph.papers
    for pid, paper in papers.items():
        targets = [pid, paper.note] if paper.note else [pid]
        for target in targets:
            for edge in site.graph.backlinks(target):
                if edge.source != paper.note:
                    found[pid][edge.source] = None
    for key in site.links.published:
        note = site.graph.notes[key]  # type: ignore[index]
        for _, pid in cited_papers(note, site.bib) if note.citations else ():
            if key != getattr(_paper(site, pid), "note", None):
                found[pid][key] = None
    return {pid: list(notes) for pid, notes in found.items()}


def author_page(site: Site, slug: str, mentions: dict[PaperId, list[str]]) -> str:
    base = author_src(slug)
    author = site.directory.authors[slug]
    table = html_link("the Papers table", page_href(site, base, "papers.md") + "?author=" + quote(author.name))
    lines = [f"# {escape_md(author.name)}", "", f"{counted(len(author.papers), 'paper')} (also in {table}).", "",
             "## Papers", ""]
    lines += _by_year(site, author.papers, base, venue=True)
    coauthors = site.directory.coauthors(slug, {pid: p for pid in author.papers if (p := _paper(site, pid))})
    if coauthors:
        lines += ["## Co-authors", ""]
        lines += html_list(html_link(html_text(site.directory.authors[other].name),
                               page_href(site, base, author_src(other))) + f" ({count})" for other, count in coauthors)
    notes = dict.fromkeys(key for pid in author.papers for key in mentions.get(pid, ()))
    if notes:
        lines += ["## Notes that mention them", ""]
        lines += html_list(note_html(site, key, base) for key in sorted(notes, key=str.casefold))
    return "\n".join(lines)


def authors_index(site: Site) -> str:
    return _index_page(site, "authors/index.md", "Authors", "author", site.directory.authors.values(), author_src)


def _index_page(site: Site, base: str, title: str, noun: str, groups: Iterable[Group],
                src_of: Callable[[str], str]) -> str:
    """Authors or venues, most papers first, each with its number of papers."""
    ranked = sorted(groups, key=lambda g: (-len(g.papers), g.name.casefold()))
    lines = [f"# {title}", "", f"{counted(len(ranked), noun)}, most papers first.", ""]
    lines += html_list(html_link(html_text(group.name), page_href(site, base, src_of(group.slug)))
                       + f" ({len(group.papers)})" for group in ranked)
    return "\n".join(lines)


def venue_page(site: Site, slug: str) -> str:
    base = venue_src(slug)
    venue = site.directory.venues[slug]
    lines = [f"# {escape_md(venue.name)}", "", f"{counted(len(venue.papers), 'paper')}.", ""]
    return "\n".join(lines + _by_year(site, venue.papers, base, venue=False))


def venues_index(site: Site) -> str:
    return _index_page(site, "venues/index.md", "Venues", "venue", site.directory.venues.values(), venue_src)
