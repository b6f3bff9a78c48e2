"""From the vault's notes to the site: which notes are published, where each page lives, generated pages."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from papernotes.bib.citations import citation_problems, cite_targets
from papernotes.bib.csl import is_numeric
from papernotes.bib.directory import Directory, build_directory
from papernotes.bib.library import Library
from papernotes.bib.match import Bibliography, attach_library
from papernotes.diagnostics import Diagnostic
from papernotes.graph import Memo, PaperGraph, build_graph
from papernotes.loader import collector_paused, is_excluded
from papernotes.model import Note, NoteKey
from papernotes.paths import bounded_slug, slugify
from papernotes.recognise import DEFAULT_OPTIONS, RecogniseOptions
from papernotes.rewrite import LinkContext, embed_problems
from papernotes.topics import Topic, topic_key

HOME_NAMES = ("index.md", "README.md", "Home.md", "home.md", "root.md")  # root.md: a Dendron vault's root note
# The site's own files kept in the vault folder (styles, scripts, fonts, CNAME...): always copied.
SITE_ASSET_SUFFIXES = (".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot",
                       ".webmanifest")
SITE_ASSET_NAMES = frozenset({"cname", "robots.txt", "favicon.ico", "favicon.png", "favicon.svg"})


@dataclass(frozen=True, slots=True)
class Site:
    """The published part of a vault: the graph pages are made from, and how links are rewritten."""

    graph: PaperGraph
    links: LinkContext
    home: NoteKey | None
    diagnostics: tuple[Diagnostic, ...]
    templates_dir: str | None = None
    """A folder whose templates replace the shipped ones of the same name (`templates_dir` option)."""
    bib: Bibliography = Bibliography()
    """Reference libraries matched to the graph: citekeys, entries, papers "in library"."""
    directory: Directory = Directory()
    """Authors and venues of every paper (the graph's and the library's), for their pages."""

    def src_of(self, key: str) -> str:
        return self.links.src_of(key)

    def used_attachments(self) -> frozenset[str]:
        """Vault files (not notes) that a published note links to or embeds."""
        return frozenset(
            resolved.key
            for key in self.links.published
            for _, resolved in self.links.resolutions.get(NoteKey(key), ())
            if resolved is not None and not resolved.is_note
        )


def is_site_asset(key: str) -> bool:
    """A file that styles or serves the site rather than holds notes' content: always published.
    Every other attachment (images, PDFs, data files...) is published only when a published note
    links to it or embeds it, so nothing reaches the site because it sits in the vault."""
    lowered = key.lower()
    return lowered.endswith(SITE_ASSET_SUFFIXES) or lowered.rsplit("/", 1)[-1] in SITE_ASSET_NAMES


def is_published(note: Note, exclude: Sequence[str], *, explicit: bool = False) -> bool:
    """Published unless the note opts out or an `exclude` glob matches its path.

    With `explicit`, a note must opt in (`publish: true` / `dg-publish: true`), as digital-garden
    vaults do; `draft: true` and `exclude` still win.
    """
    if not note.publish or (explicit and note.meta.publish is not True):
        return False
    return not is_excluded(note.path, exclude)


def topic_src(topic: Topic) -> str:
    """Where a topic's generated page lives: `Diffusion/Video Diffusion` -> `topics/diffusion-video-diffusion.md`
    (a very long name is cut to a file name's length, with a hash)."""
    return f"topics/{bounded_slug(topic.slug)}.md"


def find_home(notes: Iterable[Note]) -> NoteKey | None:
    """The `dg-home: true` note, else a root `index.md` / `README.md` / `Home.md` / Dendron's `root.md`."""
    notes = list(notes)
    for note in notes:
        if note.meta.home:
            return note.path
    by_path = {note.path.casefold(): note.path for note in notes}
    for name in HOME_NAMES:
        if name.casefold() in by_path:
            return by_path[name.casefold()]
    return None


LINE_ANCHOR_KINDS_SKIPPED = ("note",)  # a note is its own page (a table row's anchor goes in its first cell)


def line_anchors(graph: PaperGraph, published: frozenset[str]) -> dict[str, dict[int, str]]:
    """`paper-<slug>` ids for papers written inline (no published note of their own), by note and
    file line, so a link to such a paper lands on its line. Headings already have an anchor."""
    anchors: dict[str, dict[int, str]] = {}
    ids_by_note: dict[str, tuple[frozenset[int], set[str]]] = {}
    counts: dict[tuple[str, str], int] = {}
    for paper in graph.papers.values():
        if paper.note and paper.note in published:
            continue
        source = next((s for s in paper.sources if s.path in published), None)
        if source is None or source.kind in LINE_ANCHOR_KINDS_SKIPPED:
            continue
        heading_lines, ids = _ids_of(graph.notes[source.path], ids_by_note)
        if source.line in heading_lines:
            continue
        taken = anchors.setdefault(source.path, {})
        if source.line in taken:
            continue
        slug = base = "paper-" + slugify(paper.short_name or paper.title)
        count = counts.get((source.path, base), 1)
        while slug in ids:  # each slug's count only grows: linear in the papers
            count += 1
            slug = f"{base}-{count}"
        counts[(source.path, base)] = count
        taken[source.line] = slug
        ids.add(slug)
    return anchors


def _ids_of(note: Note, found: dict[str, tuple[frozenset[int], set[str]]]) -> tuple[frozenset[int], set[str]]:
    """A note's heading lines, and the ids its page already uses (headings' and papers' anchors)."""
    if note.path not in found:
        found[note.path] = (frozenset(h.line for h in note.headings), {h.anchor for h in note.headings})
    return found[note.path]


def notes_keys(notes: Iterable[Note]) -> list[str]:
    return [note.path for note in notes]


def free_name(base: str, taken: Collection[str]) -> str:
    """`base.md`, else `base-2.md`, `base-3.md`...: the first that is not `taken` (case folded)."""
    name, count = f"{base}.md", 1
    while name.casefold() in taken:
        count += 1
        name = f"{base}-{count}.md"
    return name


def build_site(notes: Sequence[Note], attachments: Sequence[str], *, exclude: Sequence[str] = (),
               use_directory_urls: bool = True, topic_pages: bool = True, explicit: bool = False,
               templates_dir: str | None = None, folder_topics: bool = True,
               strict_line_breaks: bool = False, include_private: bool = False,
               recognition: RecogniseOptions = DEFAULT_OPTIONS, withheld: Collection[str] = (),
               library: Library | None = None, library_papers: bool = True, csl_style: str = "apa",
               memo: Memo | None = None) -> Site:
    """One graph over the published notes, with the private ones known only as link targets:
    a link to a private note is neither broken nor followed, and nothing of it reaches a page.
    `include_private` publishes every note (`papernotes export --include-private`); `withheld`:
    notes left out although published, as their page would land on another's; `memo`: work
    kept from the last build (`graph.Memo`)."""
    published = [note for note in notes
                 if (include_private or is_published(note, exclude, explicit=explicit)) and note.path not in withheld]
    public_keys = frozenset(note.path for note in published)
    private = [note for note in notes if note.path not in public_keys]
    graph = build_graph(published, attachments, folder_topics=folder_topics, private=private,
                        recognition=recognition, memo=memo)
    with collector_paused():  # thousands of library papers kept, none in a cycle (loader.py)
        graph, bib = attach_library(graph, library or Library(()), private, library_papers=library_papers,
                                    csl_style=csl_style)
    home = find_home(published)
    page_src: dict[str, str] = {}
    if home is not None and home.casefold() not in ("index.md", "readme.md"):
        page_src[home] = "index.md"
        taken = {key.casefold() for key in notes_keys(notes)}
        for displaced in sorted(key for key in public_keys if key.casefold() == "index.md" or key == "README.md"):
            # the vault's own index.md (or README.md) stays published, under a name no note has
            page_src[displaced] = free_name(displaced.rsplit(".", 1)[0] + "-note", taken)
            taken.add(page_src[displaced].casefold())
    tag_pages = {tag: topic_src(graph.topics[topic_key(tag)]) for note in published for tag in note.tags
                 if topic_key(tag) in graph.topics} if topic_pages else {}
    links = LinkContext(
        notes=graph.notes, resolutions=graph.resolutions, published=public_keys,
        page_src=page_src, use_directory_urls=use_directory_urls, tag_pages=tag_pages,
        line_anchors=line_anchors(graph, public_keys), strict_line_breaks=strict_line_breaks,
    )
    targets = cite_targets(graph, bib, links)
    numeric = bool(targets) and bib.csl_style != "apa" and is_numeric(bib.csl_style)  # citeproc loads only if needed
    links = replace(links, citations=targets, numeric_citations=numeric)
    loaded = {d for note in notes for d in note.diagnostics}  # the loader reports these itself
    directory = build_directory(graph.papers.items(), bib.listed_papers().items()) if topic_pages else Directory()
    diagnostics = (tuple(d for d in graph.diagnostics if d not in loaded) + tuple(embed_problems(links))
                   + bib.diagnostics + tuple(citation_problems(published, bib)) + directory.diagnostics)
    return Site(graph, links, home, diagnostics, templates_dir, bib, directory)


__all__ = ["Site", "build_site", "find_home", "is_site_asset", "is_published"]
