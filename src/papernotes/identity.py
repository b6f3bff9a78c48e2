"""Paper identity: mentions of the same paper merged into one Paper, on evidence.

The same note always joins its mentions; a strong key (arXiv id, DOI, citation key) joins them
when no other strong key disagrees; a title joins them only when it names a paper (not `paper`,
`README`, `2021`, `Untitled`: what a template or a generic file name gives every note) and no
strong key and no year disagrees. Two paper notes joined by their titles alone are reported, since
a template's title shared by notes looks just like that.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from papernotes.diagnostics import Diagnostic
from papernotes.ids import arxiv_date, title_key, titles_overlap
from papernotes.model import NoteKey, Paper, PaperId, ReadingStatus, Source
from papernotes.paths import slugify, stem
from papernotes.recognise.titles import title_problem
from papernotes.titles import file_title, placeholder_reason

_STATUS_RANK: dict[str | None, int] = {None: 0, "to-read": 1, "reading": 2, "read": 3}
STRONG_KEYS = ("arxiv:", "doi:", "cite:", "note:")
_EVIDENCE = ("arxiv", "doi", "citekey", "year")
Evidence = dict[str, frozenset[object]]


def _evidence(paper: Paper) -> Evidence:
    evidence = {name: frozenset([getattr(paper, name)]) for name in _EVIDENCE if getattr(paper, name)}
    if _head_key(paper.title):
        evidence["subtitled"] = frozenset([title_key(paper.title)])
    return evidence


_STRONG_EVIDENCE = ("arxiv", "doi", "citekey")


def disagree(first: Evidence, second: Evidence, names: tuple[str, ...] = _EVIDENCE) -> bool:
    """True when two papers' arXiv ids, DOIs, citation keys or years (or the `names` given) differ."""
    return any(name in first and name in second and not first[name] & second[name] for name in names)


_NOT_NAMES = frozenset({"no words", "a generic heading", "template syntax"})


@lru_cache(maxsize=2**16)  # every mention's titles, asked again on every `mkdocs serve` rebuild
def names_a_paper(title: str) -> bool:
    """True when a title can tell one paper from another: not a placeholder or template syntax,
    not generic words only (`paper`, `notes`, `README`), not a number or year (`2021/paper.md`
    titled by its folder). Two notes sharing such a title say nothing about being one paper. What
    the recognisers already took for a paper's title stays one (`Make Your video`, which reads
    like a to-do)."""
    key = title_key(title)
    return (bool(key) and not key.replace(" ", "").isdigit() and placeholder_reason(title) is None
            and title_problem(title) not in _NOT_NAMES)


def identity_keys(paper: Paper) -> list[str]:
    """The keys a mention can be recognised by, strongest first."""
    keys = []
    if paper.arxiv:
        keys.append("arxiv:" + paper.arxiv)
    if paper.doi:
        keys.append("doi:" + paper.doi)
    if paper.citekey:
        keys.append("cite:" + paper.citekey)
    if paper.note:
        keys.append("note:" + paper.note)
    if names_a_paper(paper.title):
        keys.append("title:" + title_key(paper.title))
    if paper.short_name and names_a_paper(paper.short_name):
        keys.append("name:" + title_key(paper.short_name))
    head = _head_key(paper.title)
    if head:
        # "Latte: Latent Diffusion Transformer ..." is what a queue item calls "Latte".
        keys.append(head)
    return keys


@lru_cache(maxsize=2**16)
def _head_key(title: str) -> str:
    """The key of a short name before the first colon ("Latte: ..."), or ""."""
    head, colon, _ = title.partition(":")
    return "name:" + title_key(head) if colon and 0 < len(title_key(head).split()) <= 4 and names_a_paper(head) else ""


def _meets(key: str) -> tuple[str, ...]:
    """The keys a mention's key is compared with. A short name (`name:`, "Latte" of "Latte:
    Latent Diffusion…") meets a title written alone, and another full title that shares it only
    when one subtitle shortens the other (`_subtitles_agree`): "NeRF: Representing Scenes…" and
    "NeRF: Neural Radiance Field in 3D Vision…" are two papers."""
    kind, _, value = key.partition(":")
    if kind == "title":
        return key, "name:" + value
    if kind == "name":
        return "title:" + value, key
    return (key,)


def _subtitles_agree(first: Evidence, second: Evidence) -> bool:
    """True when both groups hold a full title with a subtitle and one shortens the other."""
    mine, theirs = first.get("subtitled", frozenset()), second.get("subtitled", frozenset())
    return any(str(a).startswith(str(b)) or str(b).startswith(str(a)) for a in mine for b in theirs)


def _subtitles_disagree(first: Evidence, second: Evidence) -> bool:
    """True when two groups hold full titles with one name before the colon but different
    subtitles, neither a shortened form of the other: "Dynamic Convolutions: Exploiting Spatial
    Sparsity" and "Dynamic Convolutions: Attention over Kernels" are two papers, and a short
    mention ("Dynamic Convolutions") joined to one never bridges them."""
    mine, theirs = first.get("subtitled", frozenset()), second.get("subtitled", frozenset())
    return bool(mine and theirs) and not any(
        str(a).startswith(str(b)) or str(b).startswith(str(a)) for a in mine for b in theirs)


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

    def freeze(self, aliases: Mapping[str, frozenset[str]]) -> tuple[Paper, list[Diagnostic]]:
        ordered = sorted(self.mentions, key=_order)
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
        year, month = pick("year"), pick("month")
        arxiv = pick("arxiv")
        if not year and isinstance(arxiv, str) and (dated := arxiv_date(arxiv)):
            year, month = dated  # stated nowhere else: the year its arXiv id was given
        merged = Paper(
            title=title,
            sources=tuple(sources),
            year=year,  # type: ignore[arg-type]
            month=month,  # type: ignore[arg-type]
            venue=pick("venue"),  # type: ignore[arg-type]
            authors=_own_authors(ordered) or pick("authors"),  # type: ignore[arg-type]
            tags=tuple(tags),
            links=tuple(links),
            arxiv=arxiv,  # type: ignore[arg-type]
            doi=pick("doi"),  # type: ignore[arg-type]
            status=status,
            summary=str(pick("summary")),
            short_name=short_name or str(pick("short_name")),
            anchor=first.anchor,
            attributes=tuple(attributes.items()),
            note=pick("note"),  # type: ignore[arg-type]
            citekey=pick("citekey"),  # type: ignore[arg-type]
        )
        return merged, problems + _title_only_notes(ordered, aliases)


def _full_title(mentions: list[Paper]) -> tuple[str, str]:
    """The first mention's title, unless it is only the short name another mention spells out.

    A note named `Latte.md` and a survey entry "Latte: Latent Diffusion Transformer for Video
    Generation" are one paper: the full title is shown and `Latte` kept as its short name.
    """
    first = mentions[0].title
    short = title_key(first)
    for mention in mentions[1:]:
        # `AGLA` and the note `# AGLA：全局…` whose `Paper:` field gives its original title
        if title_key(mention.title).startswith(short + " ") or (
                mention.short_name and title_key(mention.short_name) == short):
            return mention.title, first
    return first, ""


def _title_only_notes(mentions: list[Paper], aliases: Mapping[str, frozenset[str]]) -> list[Diagnostic]:
    """A warning for each paper note joined to the first only by a matching title.

    Notes with the same file name, or naming each other in `aliases`, are one paper on purpose; not
    when the name is generic (`paper.md` in two folders), which says nothing about the paper."""
    notes = [m for m in mentions if m.note and m.sources and m.sources[0].kind == "note"]
    problems = []
    for other in notes[1:]:
        first = notes[0]
        if not (first.note and other.note):  # both are, by the filter above: for the type checker
            continue
        names = {title_key(stem(first.note)), title_key(first.title)}
        other_names = {title_key(stem(other.note)), title_key(other.title)}
        same_name = title_key(file_title(first.note)) == title_key(file_title(other.note))
        if (same_name and names_a_paper(file_title(first.note))
                or _folder_of_the_paper(first.note, other.note, first.title)
                or names & aliases.get(other.note, frozenset())
                or other_names & aliases.get(first.note, frozenset())
                or any(getattr(first, key) and getattr(first, key) == getattr(other, key)
                       for key in ("arxiv", "doi", "citekey"))):
            continue
        problems.append(Diagnostic(
            other.note, 1, "warning", "title-only-merge",
            f"{other.note} and {first.note} are taken for one paper only because their titles match "
            f"('{other.title}')",
            f"if they are different papers, give each its own `arxiv:` (or `doi:`, `year:`) or title; "
            f"if they are one paper, add `aliases: [{stem(other.note)}]` to {first.note} "
            f"or give both the same `arxiv:`",
        ))
    return problems


def _folder_of_the_paper(one: str, other: str, title: str) -> bool:
    """Both notes in one folder named after their paper (`ISCA26/comet-fine-grained-…/paper_notes.md`
    beside `…/translation_notes.md`): the folder already says they are one paper's notes."""
    folder = posixpath.dirname(one)
    if not folder or folder != posixpath.dirname(other):
        return False
    return titles_overlap(posixpath.basename(folder), title)


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
    """Collects mentions and merges those sharing an identity key (union-find).

    The same note always merges; an arXiv id, DOI or citation key merges groups whose other
    strong keys do not disagree; a title merges only groups whose strong keys and years do not
    disagree (`disagree`), so `Template` on two notes with different arXiv ids stays two papers.
    """

    def __init__(self) -> None:
        self._parent: list[int] = []
        self._mentions: list[Paper] = []
        self._by_key: dict[str, list[int]] = {}
        self._evidence: dict[int, Evidence] = {}

    def _root(self, index: int) -> int:
        while self._parent[index] != index:
            self._parent[index] = self._parent[self._parent[index]]
            index = self._parent[index]
        return index

    def _union(self, first: int, second: int) -> None:
        first, second = self._root(first), self._root(second)
        if first == second:
            return
        merged = dict(self._evidence.pop(first))
        for name, values in self._evidence.pop(second).items():
            merged[name] = merged.get(name, frozenset()) | values
        self._parent[first] = second
        self._evidence[second] = merged

    def add(self, mention: Paper) -> int:
        index = len(self._mentions)
        self._mentions.append(mention)
        self._parent.append(index)
        self._evidence[index] = _evidence(mention)
        for key in identity_keys(mention):
            owners = self._by_key.setdefault(key, [])
            if key.startswith("note:"):  # one note is one paper, whatever it says
                if owners:
                    self._union(owners[0], index)
                else:
                    owners.append(index)
                continue
            # A shared arXiv id joins, unless another strong key says otherwise (a DOI shared
            # with a paper of another arXiv id); a shared title joins unless a year says so too.
            strong = key.startswith(STRONG_KEYS)
            names = _STRONG_EVIDENCE if strong else _EVIDENCE
            for met, other in [(kind, other) for kind in _meets(key) for other in self._by_key.get(kind, ())]:
                mine, theirs = self._root(index), self._root(other)
                if mine == theirs:
                    break
                evidence, others = self._evidence[mine], self._evidence[theirs]
                if key.startswith("name:") and met == key and not _subtitles_agree(evidence, others):
                    continue  # two full titles sharing a name: one must shorten the other
                if not (disagree(evidence, others, names) or not strong and _subtitles_disagree(evidence, others)):
                    self._union(other, index)
                    break
            else:  # a paper of its own under this title: later mentions may join either
                owners.append(index)
        return index

    def lookup(self, key: str) -> int | None:
        owners = self._by_key.get(key)
        return owners[0] if owners else None

    def freeze(self, aliases: Mapping[str, frozenset[str]] | None = None
               ) -> tuple[dict[PaperId, Paper], dict[int, PaperId], list[Diagnostic]]:
        """The merged papers by id (sorted), which id each mention became, and problems found.

        `aliases` holds each note's aliases folded by `title_key`: a note naming another in its
        aliases is joined to it on purpose, and no warning is given."""
        groups: dict[int, _Merged] = {}
        for index, mention in enumerate(self._mentions):
            groups.setdefault(self._root(index), _Merged()).mentions.append(mention)
        papers: dict[PaperId, Paper] = {}
        id_of_root: dict[int, PaperId] = {}
        problems: list[Diagnostic] = []
        for root, group in sorted(groups.items(), key=lambda item: min(_order(m) for m in item[1].mentions)):
            paper, conflicts = group.freeze(aliases or {})
            problems += conflicts
            pid = base = paper_id(paper)
            count = 1
            while pid in papers:  # two papers of one title (different years, arXiv ids): both kept
                count += 1
                pid = PaperId(f"{base}-{count}")
            papers[pid] = paper
            id_of_root[root] = pid
        mention_ids = {index: id_of_root[self._root(index)] for index in range(len(self._mentions))}
        return dict(sorted(papers.items())), mention_ids, problems


def _own_authors(mentions: list[Paper]) -> tuple[str, ...]:
    """The authors a paper's own note states: a list item citing it (`Kirillov et al.`) names
    fewer, and may come first in place."""
    for mention in mentions:
        source = mention.sources[0] if mention.sources else None
        if mention.authors and source is not None and mention.note is not None and source.path == mention.note:
            return mention.authors
    return ()


def _order(mention: Paper) -> tuple[bool, str, int]:
    """Notes first, then by place: the order facts are picked in, and ids are numbered in."""
    source = mention.sources[0] if mention.sources else None
    return (mention.note is None, source.path if source else "", source.line if source else 0)


def decorated_stem(note_title: str, file_stem: str) -> str:
    """The file name when the note's title only decorates it (`X阅读笔记v2` in `X.md`), else "":
    the paper is also known by that name."""
    stem_key, title_key_ = title_key(file_stem), title_key(note_title)
    if stem_key and title_key_ != stem_key and title_key_.replace(" ", "").startswith(stem_key.replace(" ", "")):
        return file_stem
    return ""


__all__ = ["PaperIndex", "decorated_stem", "disagree", "identity_keys", "paper_id", "NoteKey"]
