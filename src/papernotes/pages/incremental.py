"""Which note pages must be rebuilt after an edit (`mkdocs serve --dirty`), by comparing what each
page is made from between two builds.

A note's page is made from its own bytes, how its links resolve (and the pages they point to),
the notes it embeds, its hashtags' topic pages, its rendered queries and inline-paper anchors,
and, on a paper's note, the paper's facts and topic names, its backlinks (their source lines)
and its related papers. `page_inputs` collects exactly those, per page, without rendering
anything; pages whose inputs differ from the previous build's are the ones to rebuild. What every
page depends on (which notes are published, where pages live, options) is compared as a whole.
Collecting them stays cheap on every rebuild: a backlink's line is read once per content of its
note (`paper.LineFacts`) and related papers are ranked again only when what they are ranked
from changed (`KeptRelated`).
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import write_file

from papernotes.bib.citations import citation_inputs, cited_papers
from papernotes.collisions import KeptAnswers
from papernotes.explore.graphdata import KeptGraph
from papernotes.graph import Memo
from papernotes.loader import Vault
from papernotes.markdown.logseq import is_block_ref
from papernotes.model import Note, PaperId
from papernotes.pages import Site
from papernotes.pages.kept import KeptPages
from papernotes.pages.links import paper_target, paper_topics
from papernotes.pages.paper import RELATED_PER_TOPIC, LineFacts, backlink_facts, rank_related
from papernotes.paths import page_dest
from papernotes.publish import KeptSite
from papernotes.rewrite import MAX_EMBED_DEPTH, MAX_EMBEDS, block_text

PageInputs = dict[str, object]


def site_inputs(site: Site, options: object) -> object:
    """What every note page depends on: when it changes, every page is rebuilt."""
    links = site.links
    return (links.published, tuple(sorted(links.page_src.items())), links.use_directory_urls,
            site.templates_dir, site.home, options)


class KeptRelated:
    """`paper.rank_related` of every paper, kept between rebuilds: a paper's related papers are
    ranked again only when what they are ranked from changed: its topics (their names and first
    papers), the papers of the notes linked to or from its note, or the title or topics of a
    paper it was ranked against."""

    def __init__(self) -> None:
        self.facts: dict[str, tuple[str, frozenset[str]]] = {}
        """Paper -> (title, topic keys), as the last ranking saw them."""
        self.ranked: dict[str, tuple[object, frozenset[str], list[tuple[PaperId, list[str]]]]] = {}
        """Paper -> (what it was ranked from, the candidates it was ranked against, the ranking)."""
        self.changed: set[str] = set()

    def start(self, site: Site) -> None:
        """Papers whose title or topics changed since the last ranking (or appeared, or went)."""
        graph = site.graph
        facts: dict[str, tuple[str, frozenset[str]]] = {pid: (paper.title, graph.topic_keys(pid))
                                                         for pid, paper in graph.papers.items()}
        self.changed = {pid for pid, fact in facts.items() if self.facts.get(pid) != fact}
        self.changed.update(self.facts.keys() - facts.keys())
        self.facts = facts
        self.ranked = {pid: found for pid, found in self.ranked.items() if pid in facts}

    def rank(self, site: Site, key: str, pid: PaperId) -> list[tuple[PaperId, list[str]]]:
        graph = site.graph
        mine = graph.topic_keys(pid)
        linked_notes = {e.target for e in graph.outgoing(key)} | {e.source for e in graph.backlinks(key)}
        linked = frozenset(other for note in linked_notes for other in graph.papers_of_note(note))
        topics = tuple((topic, found.name, found.papers[:RELATED_PER_TOPIC]) if found is not None else (topic,)
                       for topic in sorted(mine) for found in [graph.topics.get(topic)])
        inputs = (key, mine, linked, topics)
        kept = self.ranked.get(pid)
        if kept is not None and kept[0] == inputs and kept[1].isdisjoint(self.changed):
            return kept[2]
        candidates = frozenset(linked).union(*(found[2] for found in topics if len(found) == 3))  # type: ignore[misc]
        ranking = rank_related(site, key, pid)
        self.ranked[pid] = (inputs, candidates, ranking)
        return ranking


def page_inputs(site: Site, *, paper_pages: bool, lines: LineFacts | None = None,
                related: KeptRelated | None = None) -> PageInputs:
    """Note key -> everything its page is made from (frozen objects and tuples, compared by value).
    `lines`: backlinks' lines already read (see `paper.backlink_facts`); `related`: related
    papers ranked by the last build (`KeptRelated`)."""
    own = _own_inputs(site)
    embeds = _embedded_notes(site)
    if related is not None:
        related.start(site)
    inputs: PageInputs = {}
    for key in site.links.published:
        closure = _closure(key, embeds)
        content = tuple(own[k] for k in closure) if closure is not None else object()  # never equal
        inputs[key] = (content, _chrome_inputs(site, key, lines, related) if paper_pages else None)
    return inputs


def changed_pages(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    """Keys whose inputs differ, appeared or disappeared."""
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}


def _own_inputs(site: Site) -> dict[str, object]:
    links = site.links
    queries: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for (key, line, text), output in links.queries.items():
        queries[key].append((line, text, output))
    own: dict[str, object] = {}
    for key in links.published:
        note = links.notes[key]  # type: ignore[index]
        resolutions = links.resolutions.get(note.path, ())
        # The title too: another note can change it (a survey spelling out a paper's full title).
        # a block reference shows the block's text, when its note is published (else as written)
        blocks = tuple(block_text(links.notes[resolved.key], resolved.anchor[1:])  # type: ignore[index]
                       for link, resolved in resolutions
                       if is_block_ref(link) and resolved is not None and resolved.key in links.published)
        own[key] = (note.content_hash, note.title, tuple(resolutions), blocks,
                    tuple(sorted(links.line_anchors.get(key, {}).items())),
                    tuple(sorted(queries.get(key, ()))),
                    tuple(links.tag_pages.get(tag.tag) for tag in note.hashtags),
                    _reference_inputs(site, note) if note.citations else ())
    return own


def _reference_inputs(site: Site, note: Note) -> object:
    """What a note's citations show and its References list is made from (the cited papers'
    facts and library entries, the style)."""
    cited = tuple((key, pid, site.bib.paper(site.graph, pid), site.bib.entry_of_paper.get(pid))
                  for key, pid in cited_papers(note, site.bib))
    return citation_inputs(note, site.links.citations), cited, site.bib.csl_style


def _embedded_notes(site: Site) -> dict[str, list[str]]:
    """Published note -> the published notes it transcludes."""
    links = site.links
    embeds: dict[str, list[str]] = {}
    for key in links.published:
        found = [resolved.key for link, resolved in links.resolutions.get(key, ())  # type: ignore[call-overload]
                 if link.kind == "embed" and resolved is not None and resolved.is_note
                 and resolved.key in links.published and resolved.key != key]
        if found:
            embeds[key] = found
    return embeds


def _closure(key: str, embeds: Mapping[str, list[str]]) -> list[str] | None:
    """The note and every note it embeds, directly or through other embeds (cycles stop), as far
    as a page shows embeds (rewrite.py's limits); None when there are more than a page can show,
    so that page is simply rebuilt every time instead of this costing the square of the vault."""
    if key not in embeds:
        return [key]
    seen = {key: None}
    level = [key]
    for _ in range(MAX_EMBED_DEPTH):
        level = list(dict.fromkeys(target for source in level for target in embeds.get(source, ())
                                   if target not in seen))
        seen.update(dict.fromkeys(level))
        if len(seen) > MAX_EMBEDS + 1:
            return None
    return list(seen)


def _chrome_inputs(site: Site, key: str, lines: LineFacts | None, kept: KeptRelated | None) -> object:
    """The header's paper and topic names, the backlinks (with their sources' content) and the
    related papers (with where each link lands)."""
    graph = site.graph
    pid = graph.paper_of_note.get(key)  # type: ignore[call-overload]
    backlinks = tuple(backlink_facts(site, key, pid, lines))
    if pid is None:
        return backlinks
    paper = graph.papers[pid]
    topics = tuple((k, graph.topics[k].full_name, graph.topics[k].slug) for k in paper_topics(site, paper))
    related = tuple((other, graph.papers[PaperId(other)].title, tuple(reasons),
                     paper_target(site, graph.papers[PaperId(other)]))
                    for other, reasons in (kept.rank(site, key, pid) if kept is not None
                                           else rank_related(site, key, pid)))
    cite = (site.bib.keys.get(pid), site.bib.entry_of_paper.get(pid))  # the Cite block
    return pid, paper, topics, backlinks, related, cite


FULL_COLLECTION_EVERY = 10
"""Builds between two full runs of the cyclic collector under `mkdocs serve` (`Rebuilds.settle`)."""


class Rebuilds:
    """What the previous build in this process saw, kept by the plugin across `mkdocs serve`
    rebuilds: parsed notes, each page's inputs, and the files written."""

    def __init__(self, where: tuple[str, ...], pages_dir: str) -> None:
        from papernotes.loader import NoteCache

        self.where = where
        self.pages_dir = pages_dir
        """Where generated pages are written with --dirty (never the vault)."""
        self.cache = NoteCache()
        self.memo = Memo()
        """The graph's per-note work (`graph.Memo`)."""
        self.site = KeptSite()
        """The last build's site, given again when nothing it is made from changed (`publish.KeptSite`)."""
        self.graph_data = KeptGraph()
        self.collisions = KeptAnswers()
        """What collides among the site's outputs, while they are the same (`collisions.KeptAnswers`)."""
        self.generated = KeptPages()
        """Generated pages' Markdown and what it was made from (`pages.kept`)."""
        self.written: dict[str, str] = {}
        """The explorer's data files as last written into the site, by site path."""
        self.shared: object = None
        self.pages: PageInputs | None = None
        self.pages_of: Site | None = None
        """The site `pages` were collected from: the same object again has the same inputs."""
        self.lines: LineFacts = {}
        self.related = KeptRelated()
        self.outputs: set[str] = set()
        self.builds_seen = False
        """Whether `remove_stale` ran before in this process (`outputs` holds that build's)."""
        self.extra: dict[str, str] = {}
        self.builds = 0
        self._paused = False

    def pause(self) -> None:
        """A rebuild (not the first build) runs without the cyclic collector, until `settle` or
        `resume`: it makes few objects that outlive it, and its young collections cost ~0.1 CPU
        s at 1,000 notes."""
        if self.builds and gc.isenabled():
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            gc.enable()
            self._paused = False

    def settle(self) -> None:
        """After a build: what is alive now (parsed notes, the work kept, this build's site) is
        moved out of the cyclic collector's sight (`gc.freeze`), so a rebuild's full collection
        no longer scans it all again (at 1,000 notes one costs ~0.3 CPU s, and came every other
        edit). Every FULL_COLLECTION_EVERY builds everything is collected once (`gc.unfreeze`),
        so garbage held in cycles (an older build's MkDocs pages and files) is still freed."""
        self.resume()
        self.builds += 1
        if self.builds % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def release(self) -> None:
        """The end of `mkdocs serve`: the collector runs and sees every object again."""
        self.resume()
        gc.unfreeze()

    def stale(self, shared: object, pages: PageInputs) -> set[str]:
        """Pages to rebuild: those whose inputs changed, or all when what they share changed."""
        if self.pages is None or shared != self.shared:
            found = set(pages)
        else:
            found = changed_pages(self.pages, pages) & set(pages)
        self.shared, self.pages = shared, pages
        return found

    def generated_file(self, config: MkDocsConfig, src: str, content: str | bytes) -> File:
        """A page made in memory, backed by a file outside the vault that is rewritten only when
        its text changes, so MkDocs skips it while it is unchanged."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = os.path.join(self.pages_dir, src)
        try:
            with open(path, "rb") as existing:
                same = existing.read() == data
        except OSError:
            same = False
        if not same:
            write_file(data, path)
        return File.generated(config, src, abs_src_path=path)

    def remove_changed(self, files: Files, extra: Mapping[str, str]) -> int:
        """Pages shown with more than their note (a generated page below a note: `extra`, page ->
        that text) lose their output when the extra text changed, so --dirty rebuilds them."""
        changed = [src for src, text in extra.items() if self.extra.get(src) != text]
        changed += [src for src in self.extra if src not in extra]
        for src in changed:
            file = files.get_file_from_path(src)
            if file is not None and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)
        self.extra = dict(extra)
        return len(changed)

    def remove_stale(self, site: Site, files: Files, options: object, *, paper_pages: bool,
                     earlier: Callable[[], Collection[str]] = tuple) -> tuple[int, int]:
        """MkDocs --dirty rebuilds a page when its output is older than its source. Pages whose
        inputs changed (backlinks, related papers, resolved links...) lose their output, so they
        are rebuilt too; outputs of files that are gone (a deleted or now private note) go.
        `earlier()`: where any build may have written a vault file (each note's page, each other
        file); the first --dirty build of this process, which knows nothing of the build that
        filled the site folder (`mkdocs build --dirty`, run again), removes those that are no
        output now: a note made private since then keeps no page, nor its attachments. Later
        rebuilds know their predecessor's outputs and do not call it (reading the site's
        manifest resolved every listed path: ~14 % of a no-change rebuild, profiled).
        Returns how many pages are stale and how many outputs went."""
        shared = site_inputs(site, options)
        everything = self.pages is None or shared != self.shared
        if site is self.pages_of and not everything:  # the same site (`KeptSite`): the same inputs
            stale: set[str] = set()
        else:
            stale = self.stale(shared, page_inputs(site, paper_pages=paper_pages, lines=self.lines,
                                                   related=self.related))
            self.pages_of = site
        notes = site.graph.notes
        self.lines = {(path, digest): lines for (path, digest), lines in self.lines.items()  # edited notes' go
                      if path in notes and notes[path].content_hash == digest}  # type: ignore[index]
        outputs = {file.abs_dest_path for file in files}
        doomed = {files.get_file_from_path(site.src_of(key)) for key in stale}
        if everything:  # generated pages too: their text may be unchanged, not their chrome
            doomed.update(files.documentation_pages())
        gone = self.outputs - outputs if self.builds_seen else {path for path in earlier() if path not in outputs}
        self.builds_seen = True
        for path in gone | {file.abs_dest_path for file in doomed if file is not None}:
            if os.path.isfile(path):
                os.remove(path)
        self.outputs = outputs
        return len(stale), len(gone)


def vault_dests(site_dir: str, vault: Vault, use_directory_urls: bool) -> set[str]:
    """Where a build writes each file of the vault, published or not (`Rebuilds.remove_stale`'s
    `earlier`), as MkDocs' `File.abs_dest_path` names it."""
    dests = [page_dest(note.path, use_directory_urls) for note in vault.notes]
    return {os.path.normpath(os.path.join(site_dir, dest)) for dest in (*dests, *vault.attachments)}
