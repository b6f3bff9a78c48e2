"""Generated pages kept between `mkdocs serve` rebuilds of one vault: the Papers page and each
topic's, author's and venue's page is made again only when what it shows changed.

A page's inputs are everything its Markdown is made from, as values compared between two
builds: what every page shares (published notes, where pages live, topic pages' sources), and
the page's own rows (each listed paper's facts, where its link lands, its topics' names, its
comparison cells, its authors' and venue's pages; each listed note's title). Collecting them
costs a small part of making the pages: no HTML is made and nothing is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from papernotes.compare.attributes import PaperAttributes
from papernotes.model import Paper, PaperId
from papernotes.pages import Site
from papernotes.pages.links import paper_target, paper_topics

RowKey = tuple[str, tuple[str, ...], str, bool]
"""(paper id, columns, page folder, whether the table is the Papers table)."""
KeepRow = Callable[[RowKey, Callable[[], str]], str]
"""A row's HTML given back from an earlier build or made (`KeptRows.row`)."""


def _no_inputs(pid: str, directory: bool) -> object:
    return None


@dataclass(slots=True)
class KeptRows:
    """Table rows' HTML kept between `mkdocs serve` rebuilds: a row is made again only when what
    it shows changed. A row shows its paper's inputs (`inputs`: `pages.kept.Rows`, the same values
    that decide whether a whole page is made again), its table's columns and its page's folder;
    what every page shares is checked by `pages.kept.KeptPages.start`, which `clear`s this."""

    inputs: Callable[[str, bool], object] = _no_inputs
    last: dict[RowKey, tuple[object, str]] = field(default_factory=dict)
    made: int = 0
    """Rows made (not reused) by this build."""

    def start(self, inputs: Callable[[str, bool], object]) -> None:
        self.inputs, self.made = inputs, 0

    def clear(self) -> None:
        self.last = {}

    def keep_listed(self, listed: Collection[str]) -> None:
        """Forget the rows of papers no page lists any more (a deleted note's paper, a paper whose
        id changed with its arXiv id, one taken out of a list): kept for a whole `mkdocs serve`
        session, they would only take memory."""
        if any(key[0] not in listed for key in self.last):
            self.last = {key: kept for key, kept in self.last.items() if key[0] in listed}

    def row(self, key: RowKey, make: Callable[[], str]) -> str:
        inputs = self.inputs(key[0], key[3])
        kept = self.last.get(key)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        line = make()
        self.made += 1
        self.last[key] = (inputs, line)
        return line


@dataclass(slots=True)
class KeptPages:
    """Source path -> (the inputs the page was made from, its Markdown), from the last build.
    Each build keeps only the pages it asked for."""

    shared: object = None
    texts: dict[str, tuple[object, str]] = field(default_factory=dict)
    _used: dict[str, tuple[object, str]] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)
    """Pages made (not reused) by the last build."""
    finished: dict[str, Any] = field(default_factory=dict)
    """A page's HTML put in after sanitising (`generate.Finished`), kept with the page's Markdown."""
    rows: KeptRows = field(default_factory=KeptRows)
    """Table rows' HTML (the Papers table's and topics'), kept row by row for the pages made again."""
    last: tuple[Site, object, dict[str, str]] | None = None
    """The site the last pages were made from, what else they were asked with, and the pages:
    the same site object (`publish.KeptSite`) makes the same pages."""

    def start(self, site: Site) -> None:
        """A new build: nothing is reused when what every page shares changed."""
        links = site.links
        shared = (links.published, dict(links.page_src), links.use_directory_urls, dict(links.tag_pages),
                  links.strict_line_breaks)
        if shared != self.shared:
            self.texts = {}
            self.rows.clear()
        self.shared, self._used, self.made = shared, {}, set()

    def again(self, site: Site, asked: object, finished: dict[str, Any] | None) -> dict[str, str] | None:
        """The last build's pages when they were made from this very site object with the same
        `asked` (`publish.KeptSite` gives the site again when nothing changed), else None; the
        reused pages' finished HTML goes into `finished`."""
        if self.last is None or self.last[0] is not site or self.last[1] != asked:
            return None
        if finished is not None:
            finished.update(self.finished)
        self.made = set()
        return dict(self.last[2])

    def page(self, src: str, inputs: object, make: Callable[[], str]) -> str:
        """The kept Markdown of `src` when it was made from equal `inputs`, else `make()`'s."""
        kept = self.texts.get(src)
        if kept is not None and kept[0] == inputs:
            text = kept[1]
        else:
            text = make()
            self.made.add(src)
        self._used[src] = (inputs, text)
        return text

    def keep_finished(self, finished: dict[str, Any]) -> None:
        """The finished HTML of the pages this build made, kept; a reused page's, given back."""
        for src in self._used:
            if src not in self.made:
                if src in self.finished:
                    finished[src] = self.finished[src]
            elif src in finished:
                self.finished[src] = finished[src]
            else:
                self.finished.pop(src, None)
        self.finished = {src: found for src, found in self.finished.items() if src in self._used}

    def finish(self) -> None:
        self.texts, self._used = self._used, {}


class Rows:
    """Each paper's inputs as a generated page's row shows it, collected once per build."""

    def __init__(self, site: Site, attributes: PaperAttributes) -> None:
        self.site = site
        self.attributes = attributes
        self._table: dict[str, object] = {}
        self._people: dict[str, object] = {}

    def table(self, pid: str) -> object:
        """A topic's or the Papers table's row (or list item): the paper, where its link lands,
        its topic chips, its comparison cells, whether it is known only from a library."""
        found = self._table.get(pid)
        if found is None:
            site = self.site
            paper = site.graph.papers.get(PaperId(pid)) or site.bib.paper(site.graph, PaperId(pid))
            if paper is None:
                found = (pid,)
            else:
                topics = tuple((key, site.graph.topics[key].name, site.graph.topics[key].slug)
                               for key in paper_topics(site, paper))
                found = (pid, paper, paper_target(site, paper), topics, self.attributes.of(pid, paper),
                         pid in site.bib.library_papers)
            self._table[pid] = found
        return found

    def people(self, pid: str) -> object:
        """An author's or venue's list item (and the Papers table's filters): the paper as the
        directory shows it, where its link lands, its venue's and authors' pages and names."""
        found = self._people.get(pid)
        if found is None:
            site = self.site
            directory = site.directory
            paper = site.bib.paper(site.graph, PaperId(pid))
            if paper is None:
                found = (pid,)
            else:
                venue = directory.venue_slug.get(paper.venue or "")
                authors = tuple((name, slug, directory.authors[slug].name if slug else None)
                                for name in paper.authors for slug in [directory.author_slug.get(name)])
                found = (pid, paper, paper_target(site, paper),
                         (venue, directory.venues[venue].name) if venue else None, authors)
            self._people[pid] = found
        return found

    def listed(self) -> Collection[str]:
        """The papers whose rows this build's pages asked for (every page's inputs are collected,
        a page reused or not: the Papers page's list every paper)."""
        return self._table.keys() | self._people.keys()

    def notes(self, keys: Sequence[str]) -> object:
        """Listed notes: their titles and pages, and the paper each is the note of."""
        graph, published = self.site.graph, self.site.links.published
        return tuple((key, note.title if (note := graph.notes.get(key)) else None,  # type: ignore[call-overload]
                      key in published, graph.paper_of_note.get(key))  # type: ignore[call-overload]
                     for key in keys)


def topic_inputs(site: Site, key: str, children: Mapping[str, list[str]], rows: Rows) -> object:
    """Everything `generate.topic_page` reads for topic `key`."""
    topics = site.graph.topics
    topic = topics[key]
    parent = topics.get(topic.parent) if topic.parent else None
    return (topic, (parent.name, parent.slug) if parent is not None else None,
            tuple((child, topics[child].name, topics[child].slug) for child in children.get(key, ())),
            tuple(rows.table(pid) for pid in topic.papers), rows.notes(topic.notes))


def person_inputs(site: Site, kind: str, slug: str, mentions: Mapping[PaperId, list[str]] | None,
                  rows: Rows) -> object:
    """Everything `people.author_page` (with `mentions`) or `people.venue_page` reads."""
    group = (site.directory.authors if kind == "authors" else site.directory.venues)[slug]
    found = tuple(rows.people(pid) for pid in group.papers)
    if mentions is None:
        return group, found
    return group, found, tuple(rows.notes(mentions.get(pid, ())) for pid in group.papers)


def papers_inputs(papers: Sequence[tuple[PaperId, Paper]], rows: Rows) -> object:
    """Everything `generate.papers_page` reads: every paper as listed, its table row and its
    directory filters."""
    return tuple((paper, rows.table(pid), rows.people(pid)) for pid, paper in papers)


def library_inputs(site: Site) -> object:
    """Everything `bib.export.papers_bibtex` and `papers_csl_json` read: each paper with its
    citekey and library entry."""
    bib = site.bib
    return tuple((pid, bib.keys.get(pid), paper, bib.entry_of_paper.get(pid))
                 for pid, paper in (*site.graph.papers.items(), *bib.listed_papers().items()))


__all__ = ["KeptPages", "KeptRows", "Rows", "library_inputs", "papers_inputs", "person_inputs", "topic_inputs"]
