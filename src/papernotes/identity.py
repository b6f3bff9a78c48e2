"""Paper identity: mentions of the same paper (by arXiv id, DOI or title) merged into one Paper."""

from __future__ import annotations

from dataclasses import dataclass, field

from papernotes.diagnostics import Diagnostic
from papernotes.ids import title_key
from papernotes.model import NoteKey, Paper, PaperId, ReadingStatus, Source
from papernotes.paths import slugify

_STATUS_RANK: dict[str | None, int] = {None: 0, "to-read": 1, "reading": 2, "read": 3}


def identity_keys(paper: Paper) -> list[str]:
    """The keys a mention can be recognised by, strongest first."""
    keys = []
    if paper.arxiv:
        keys.append("arxiv:" + paper.arxiv)
    if paper.doi:
        keys.append("doi:" + paper.doi)
    if paper.note:
        keys.append("note:" + paper.note)
    if title_key(paper.title):
        keys.append("title:" + title_key(paper.title))
    if paper.short_name and title_key(paper.short_name):
        keys.append("title:" + title_key(paper.short_name))
    head, colon, _ = paper.title.partition(":")
    if colon and 0 < len(title_key(head).split()) <= 4:
        # "Latte: Latent Diffusion Transformer ..." is what a queue item calls "Latte".
        keys.append("title:" + title_key(head))
    return keys


def paper_id(paper: Paper) -> PaperId:
    if paper.arxiv:
        return PaperId("arxiv:" + paper.arxiv)
    if paper.doi:
        return PaperId("doi:" + paper.doi)
    return PaperId("title:" + slugify(title_key(paper.title) or paper.title))


@dataclass(slots=True)
class _Merged:
    """A paper being assembled from its mentions; the first mention of each fact wins."""

    mentions: list[Paper] = field(default_factory=list)

    def freeze(self) -> tuple[Paper, list[Diagnostic]]:
        ordered = sorted(self.mentions, key=lambda p: (p.note is None, p.sources[0].path if p.sources else "",
                                                       p.sources[0].line if p.sources else 0))
        first = ordered[0]
        problems = _conflicts(ordered)

        def pick(name: str) -> object:
            for mention in ordered:
                value = getattr(mention, name)
                if value:
                    return value
            return getattr(first, name)

        links: dict[tuple[str, str], None] = {}
        tags: dict[str, None] = {}
        attributes: dict[str, str] = {}
        sources: dict[Source, None] = {}
        status: ReadingStatus | None = None
        for mention in ordered:
            links.update(dict.fromkeys(mention.links))
            tags.update(dict.fromkeys(mention.tags))
            for name, value in mention.attributes:
                if value and name not in attributes:
                    attributes[name] = value
            sources.update(dict.fromkeys(mention.sources))
            if _STATUS_RANK[mention.status] > _STATUS_RANK[status]:
                status = mention.status
        title, short_name = _full_title(ordered)
        merged = Paper(
            title=title,
            sources=tuple(sources),
            year=pick("year"),  # type: ignore[arg-type]
            month=pick("month"),  # type: ignore[arg-type]
            venue=pick("venue"),  # type: ignore[arg-type]
            authors=pick("authors"),  # type: ignore[arg-type]
            tags=tuple(tags),
            links=tuple(links),
            arxiv=pick("arxiv"),  # type: ignore[arg-type]
            doi=pick("doi"),  # type: ignore[arg-type]
            status=status,
            summary=str(pick("summary")),
            short_name=short_name or str(pick("short_name")),
            anchor=first.anchor,
            attributes=tuple(attributes.items()),
            note=pick("note"),  # type: ignore[arg-type]
        )
        return merged, problems


def _full_title(mentions: list[Paper]) -> tuple[str, str]:
    """The first mention's title, unless it is only the short name another mention spells out.

    A note named `Latte.md` and a survey entry "Latte: Latent Diffusion Transformer for Video
    Generation" are one paper: the full title is shown and `Latte` kept as its short name.
    """
    first = mentions[0].title
    short = title_key(first)
    for mention in mentions[1:]:
        if title_key(mention.title).startswith(short + " "):
            return mention.title, first
    return first, ""


def _conflicts(mentions: list[Paper]) -> list[Diagnostic]:
    problems = []
    for name in ("year", "arxiv"):
        values = {getattr(m, name): m for m in mentions if getattr(m, name)}
        if len(values) > 1:
            first, *others = values.items()
            for value, mention in others:
                where = mention.sources[0] if mention.sources else None
                origin = first[1].sources[0] if first[1].sources else None
                problems.append(Diagnostic(
                    where.path if where else "", where.line if where else 1, "warning",
                    f"conflicting-{name}",
                    f"'{mention.title}' has {name} {value} here but {first[0]} in "
                    f"{origin.path}:{origin.line}" if origin else f"'{mention.title}' has two {name}s",
                    f"make the {name} agree, or fix the title if these are different papers",
                ))
    return problems


class PaperIndex:
    """Collects mentions and merges those sharing any identity key (union-find, linear)."""

    def __init__(self) -> None:
        self._parent: list[int] = []
        self._mentions: list[Paper] = []
        self._by_key: dict[str, int] = {}

    def _root(self, index: int) -> int:
        while self._parent[index] != index:
            self._parent[index] = self._parent[self._parent[index]]
            index = self._parent[index]
        return index

    def add(self, mention: Paper) -> int:
        index = len(self._mentions)
        self._mentions.append(mention)
        self._parent.append(index)
        for key in identity_keys(mention):
            other = self._by_key.get(key)
            if other is None:
                self._by_key[key] = index
            else:
                self._parent[self._root(other)] = self._root(index)
        return index

    def lookup(self, key: str) -> int | None:
        return self._by_key.get(key)

    def freeze(self) -> tuple[dict[PaperId, Paper], dict[int, PaperId], list[Diagnostic]]:
        """The merged papers by id (sorted), which id each mention became, and conflicts found."""
        groups: dict[int, _Merged] = {}
        for index, mention in enumerate(self._mentions):
            groups.setdefault(self._root(index), _Merged()).mentions.append(mention)
        papers: dict[PaperId, Paper] = {}
        id_of_root: dict[int, PaperId] = {}
        problems: list[Diagnostic] = []
        for root, group in groups.items():
            paper, conflicts = group.freeze()
            problems += conflicts
            pid = paper_id(paper)
            if pid in papers:  # two unrelated titles slugging alike: keep both, distinctly
                pid = PaperId(f"{pid}-{root}")
            papers[pid] = paper
            id_of_root[root] = pid
        mention_ids = {index: id_of_root[self._root(index)] for index in range(len(self._mentions))}
        return dict(sorted(papers.items())), mention_ids, problems


def note_paper_title(note_title: str, file_stem: str) -> str:
    """A note's paper title: its file name when `Title` only decorates it (`X阅读笔记v2`)."""
    stem_key, title_key_ = title_key(file_stem), title_key(note_title)
    if stem_key and title_key_ != stem_key and title_key_.replace(" ", "").startswith(stem_key.replace(" ", "")):
        return file_stem
    return note_title


__all__ = ["PaperIndex", "identity_keys", "note_paper_title", "paper_id", "NoteKey"]
