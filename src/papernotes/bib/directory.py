"""Who wrote what and where it appeared: the site's authors and venues, each with its papers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from papernotes.bib.people import AuthorIndex, venue_name
from papernotes.model import Paper, PaperId
from papernotes.paths import bounded_slug, slugify

RESERVED_SLUGS = frozenset({"index"})


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

    def coauthors(self, slug: str, papers: Mapping[PaperId, Paper]) -> list[tuple[str, int]]:
        """(slug, papers together) of everyone who wrote with this author, most papers first."""
        counts: dict[str, int] = defaultdict(int)
        for pid in self.authors[slug].papers:
            paper = papers.get(pid)
            for other in {self.author_slug.get(name) for name in paper.authors} if paper else ():
                if other and other != slug:
                    counts[other] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], self.authors[item[0]].name.casefold()))


def _unique(slug: str, taken: set[str]) -> str:
    slug = slug if slug not in RESERVED_SLUGS else f"{slug}-1"
    found, count = slug, 1
    while found in taken:
        count += 1
        found = f"{slug}-{count}"
    taken.add(found)
    return found


def build_directory(papers: Iterable[tuple[PaperId, Paper]],
                    library: Iterable[tuple[PaperId, Paper]] = ()) -> Directory:
    """The authors and venues of `papers` (the graph's), each with its papers; papers known only
    from the `library` join the authors and venues that exist but add none, so a 5,000-entry
    library does not add thousands of pages."""
    papers, library = list(papers), list(library)
    index = AuthorIndex(name for _, paper in papers + library for name in paper.authors)
    by_person: dict[str, list[PaperId]] = defaultdict(list)
    by_venue: dict[str, list[PaperId]] = defaultdict(list)
    venue_names: dict[str, str] = {}
    for number, (pid, paper) in enumerate(papers + library):
        joins_only = number >= len(papers)
        for person in dict.fromkeys(index.key(name) for name in paper.authors):
            if not joins_only or person in by_person:
                by_person[person].append(pid)
        name = venue_name(paper.venue) if paper.venue else ""
        if name and (not joins_only or name.casefold() in by_venue):
            by_venue[name.casefold()].append(pid)
            venue_names.setdefault(name.casefold(), name)
    papers = papers + library
    taken: set[str] = set()
    person_slug = {person: _unique(bounded_slug(slugify(index.display(person))), taken)
                   for person in sorted(by_person, key=lambda p: (index.display(p).casefold(), p))}
    authors = {person_slug[p]: Group(person_slug[p], index.display(p), tuple(pids)) for p, pids in by_person.items()}
    taken = set()
    venue_slug = {key: _unique(bounded_slug(slugify(venue_names[key])), taken) for key in sorted(by_venue)}
    venues = {venue_slug[key]: Group(venue_slug[key], venue_names[key], tuple(pids))
              for key, pids in by_venue.items()}
    author_slug = {name: person_slug[index.key(name)] for _, paper in papers for name in paper.authors
                   if index.key(name) in person_slug}
    venue_of = {paper.venue: venue_slug[venue_name(paper.venue).casefold()] for _, paper in papers
                if paper.venue and venue_name(paper.venue).casefold() in venue_slug}
    return Directory(authors, venues, author_slug, venue_of)
