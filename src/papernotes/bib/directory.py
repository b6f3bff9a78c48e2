"""Who wrote what and where it appeared: the site's authors and venues, each with its papers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from papernotes.bib.people import AuthorIndex, venue_name
from papernotes.diagnostics import Diagnostic
from papernotes.model import NoteKey, Paper, PaperId, Source
from papernotes.paths import bounded_slug, slugify, unique_slugs

RESERVED_SLUGS = ("index",)  # the folder's own page: /authors/, /venues/

COLLABORATION = 50
"""More authors than this on one paper: a collaboration, whose authors are not each other's co-authors."""


@dataclass(frozen=True, slots=True)
class Group:
    """An author or a venue: its page's slug, its name as shown, its papers."""

    slug: str
    name: str
    papers: tuple[PaperId, ...]


@dataclass(frozen=True, slots=True)
class Directory:
    authors: Mapping[str, Group] = field(default_factory=dict)
    """Slug -> author, every paper's authors folded into people (`He, Kaiming` = `Kaiming He` = `K. He`)."""
    venues: Mapping[str, Group] = field(default_factory=dict)
    """Slug -> venue, years folded (`CVPR 2023` = `CVPR'23` = `CVPR`); arXiv is a venue of its own."""
    author_slug: Mapping[str, str] = field(default_factory=dict)
    """An author name as a paper writes it -> the slug of that person's page."""
    venue_slug: Mapping[str, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    """An info for each author or venue whose page got a `-2` slug as another has its slug."""

    def coauthors(self, slug: str, papers: Mapping[PaperId, Paper]) -> list[tuple[str, int]]:
        """(slug, papers together) of everyone who wrote with this author, most papers first.

        A paper of more than `COLLABORATION` authors (a physics collaboration's 3,000) makes no
        co-authors: each of its authors' pages would otherwise list all the others, pages whose
        total size grows with the square of its author list."""
        counts: dict[str, int] = defaultdict(int)
        for pid in self.authors[slug].papers:
            paper = papers.get(pid)
            if paper is None or len(paper.authors) > COLLABORATION:
                continue
            for other in {self.author_slug.get(name) for name in paper.authors}:
                if other and other != slug:
                    counts[other] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], self.authors[item[0]].name.casefold()))


def build_directory(papers: Iterable[tuple[PaperId, Paper]],
                    library: Iterable[tuple[PaperId, Paper]] = ()) -> Directory:
    """The authors and venues of `papers` (the graph's), each with its papers; papers known only
    from the `library` join the authors and venues that exist but add none, so a 5,000-entry
    library does not add thousands of pages."""
    papers, library = list(papers), list(library)
    everything = papers + library
    index = AuthorIndex(name for _, paper in everything for name in paper.authors)
    by_person: dict[str, list[PaperId]] = defaultdict(list)
    by_venue: dict[str, list[PaperId]] = defaultdict(list)
    venue_names: dict[str, str] = {}
    for number, (pid, paper) in enumerate(everything):
        joins_only = number >= len(papers)
        for person in dict.fromkeys(index.key(name) for name in paper.authors):
            if not joins_only or person in by_person:
                by_person[person].append(pid)
        name = venue_name(paper.venue) if paper.venue else ""
        if name and (not joins_only or name.casefold() in by_venue):
            by_venue[name.casefold()].append(pid)
            venue_names.setdefault(name.casefold(), name)
    person_slug, author_collisions = unique_slugs(
        {person: bounded_slug(slugify(index.display(person))) for person in by_person}, "author",
        RESERVED_SLUGS, order=lambda person: (index.display(person).casefold(), person))
    authors = {person_slug[p]: Group(person_slug[p], index.display(p), tuple(pids)) for p, pids in by_person.items()}
    venue_slug, venue_collisions = unique_slugs(
        {key: bounded_slug(slugify(venue_names[key])) for key in by_venue}, "venue", RESERVED_SLUGS, order=str)
    venues = {venue_slug[key]: Group(venue_slug[key], venue_names[key], tuple(pids))
              for key, pids in by_venue.items()}
    where = dict(everything)
    problems = ([_slug_taken("author", authors[person_slug[p]], authors[person_slug[h]], where)
                 for p, h, _ in author_collisions]
                + [_slug_taken("venue", venues[venue_slug[k]], venues[venue_slug[h]], where)
                   for k, h, _ in venue_collisions])
    author_slug = {name: person_slug[index.key(name)] for _, paper in everything for name in paper.authors
                   if index.key(name) in person_slug}
    venue_of = {paper.venue: venue_slug[venue_name(paper.venue).casefold()] for _, paper in everything
                if paper.venue and venue_name(paper.venue).casefold() in venue_slug}
    return Directory(authors, venues, author_slug, venue_of, tuple(problems))


def _slug_taken(kind: str, group: Group, holder: Group, papers: Mapping[PaperId, Paper]) -> Diagnostic:
    """Info at the first paper of `group`, whose page got a suffixed slug because `holder` has its slug."""
    source = next(iter(papers[group.papers[0]].sources), Source(NoteKey(""), 0, "note"))
    return Diagnostic(
        source.path, source.line, "info", f"{kind}-slug-taken",
        f"{kind} '{group.name}' would have the URL of {kind} '{holder.name}'; its page is {kind}s/{group.slug}/",
        "write the two names the same way if they are one" + (" person" if kind == "author" else " venue"))
