"""build_graph(notes) -> PaperGraph: papers, notes, edges, backlinks, topics and reading queues."""

from __future__ import annotations

import bisect
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.identity import PaperIndex, note_paper_title
from papernotes.model import Link, Note, NoteKey, Paper, PaperId, ReadingStatus, Source, Task
from papernotes.paths import stem
from papernotes.resolve import Resolved, Resolver
from papernotes.tables import SummaryRow, summary_rows
from papernotes.topics import Topic, TopicCollector, folder_topic

EdgeKind = Literal["link", "embed", "queue", "table", "mention"]

_QUEUE_HEADING_RE = re.compile(r"paper|queue|reading|to[- ]read|论文|阅读|待读|논문|읽기", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Edge:
    source: NoteKey
    target: str
    kind: EdgeKind
    line: int


@dataclass(frozen=True, slots=True)
class QueueItem:
    title: str
    paper: PaperId | None
    done: bool
    line: int
    note: NoteKey | None = None


@dataclass(frozen=True, slots=True)
class Queue:
    name: str
    path: NoteKey
    line: int
    items: tuple[QueueItem, ...]

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)


@dataclass(frozen=True, slots=True)
class PaperGraph:
    papers: dict[PaperId, Paper]
    notes: dict[NoteKey, Note]
    edges: tuple[Edge, ...]
    topics: dict[str, Topic]
    queues: tuple[Queue, ...]
    diagnostics: tuple[Diagnostic, ...]
    resolutions: dict[NoteKey, tuple[tuple[Link, Resolved | None], ...]] = field(repr=False)
    paper_of_note: dict[NoteKey, PaperId] = field(repr=False)
    _backlinks: dict[str, tuple[Edge, ...]] = field(repr=False)
    _outgoing: dict[str, tuple[Edge, ...]] = field(repr=False, default_factory=dict)
    _papers_by_note: dict[str, tuple[PaperId, ...]] = field(repr=False, default_factory=dict)
    _topic_keys: dict[str, frozenset[str]] = field(repr=False, default_factory=dict)

    def topic_keys(self, pid: str) -> frozenset[str]:
        """The topic keys of a paper's own tags (not their ancestors)."""
        return self._topic_keys.get(pid, frozenset())

    def backlinks(self, node: str) -> tuple[Edge, ...]:
        """Edges pointing at a note key, an attachment key or a paper id, in source order."""
        return self._backlinks.get(node, ())

    def papers_of_note(self, key: str) -> tuple[PaperId, ...]:
        """Papers whose own note is `key` (usually one)."""
        return self._papers_by_note.get(key, ())

    def outgoing(self, key: str) -> tuple[Edge, ...]:
        """Edges leaving a note, in line order (an index: no page scans every edge)."""
        return self._outgoing.get(key, ())


@dataclass(slots=True)
class _Pending:
    """Mentions waiting for paper ids: (mention index, edge kind, source, line)."""

    edges: list[tuple[int, EdgeKind, NoteKey, int]] = field(default_factory=list)
    queue_items: dict[tuple[NoteKey, str, int], list[tuple[Task, int, NoteKey | None]]] = field(
        default_factory=lambda: defaultdict(list))
    table_topics: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)


def _note_links_to_note(links: Iterable[Link], note: Note, resolver: Resolver) -> NoteKey | None:
    for link in links:
        resolved, _ = resolver.resolve(link, note.path)
        if resolved is not None and resolved.is_note and resolved.key != note.path:
            return NoteKey(resolved.key)
    return None


def _describes_paper(note: Note) -> bool:
    meta = note.meta
    return bool(meta.arxiv or meta.doi or meta.venue or meta.year or meta.authors)


def _note_mention(note: Note, folder_topics: bool) -> Paper:
    meta = note.meta
    tags = list(note.tags)
    folder = folder_topic(posixpath.dirname(note.path)) if folder_topics else ""
    if folder:
        tags.append(folder)
    return Paper(
        title=note_paper_title(note.title, stem(note.path)), sources=(Source(note.path, 1, "note"),),
        year=meta.year, venue=meta.venue, authors=meta.authors, tags=tuple(tags), links=meta.links,
        arxiv=meta.arxiv, doi=meta.doi, status=meta.status, note=note.path,
    )


_TITLE_THEN_CJK_RE = re.compile(
    r"^([A-Za-z0-9][^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]*?)\s+[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def queue_title(text: str) -> str:
    """A plain-text queue item's paper title: `Flamingo 最早的多模态大模型之一` names Flamingo,
    followed by a comment in another script; an item in one script stays whole."""
    match = _TITLE_THEN_CJK_RE.match(text)
    return match.group(1).strip() if match else text


def _is_queue(note: Note, tasks: Sequence[Task], resolver: Resolver) -> bool:
    """A task list is a reading queue under a paper/queue/reading heading, or when it links notes."""
    if any(_QUEUE_HEADING_RE.search(text) for text in _ancestors(note, tasks[0].line)):
        return True
    return any(_note_links_to_note(task.links, note, resolver) for task in tasks)


def _ancestors(note: Note, line: int) -> list[str]:
    """Texts of the heading above `line` and of each heading above it at a lower level."""
    chain: list[str] = []
    level = 7
    for heading in reversed([h for h in note.headings if h.line <= line]):
        if heading.level < level:
            chain.append(heading.text)
            level = heading.level
    return chain


class _Builder:
    def __init__(self, notes: Sequence[Note], attachments: Iterable[str], folder_topics: bool,
                 private: Sequence[Note] = ()) -> None:
        self.notes = {note.path: note for note in sorted(notes, key=lambda n: n.path)}
        # Private notes are link targets (so a link to one is known as private, not broken) and
        # nothing else: no edge, no paper, no title of theirs enters the graph.
        self.private = frozenset(note.path for note in private)
        self.resolver = Resolver(list(self.notes.values()) + list(private), attachments)
        self.folder_topics = folder_topics
        self.index = PaperIndex()
        self.pending = _Pending()
        self.diagnostics: list[Diagnostic] = []
        self.edges: list[Edge] = []
        self.resolutions: dict[NoteKey, tuple[tuple[Link, Resolved | None], ...]] = {}
        self.note_mention: dict[NoteKey, int] = {}

    def build(self) -> PaperGraph:
        for note in self.notes.values():
            self.diagnostics += note.diagnostics
            self._resolve_links(note)
        paper_notes = self._paper_notes()
        for key in paper_notes:
            self.note_mention[key] = self.index.add(_note_mention(self.notes[key], self.folder_topics))
        for note in self.notes.values():
            self._inline_entries(note)
            self._queues(note)
            self._tables(note)
        papers, ids, conflicts = self.index.freeze()
        self.diagnostics += conflicts
        return self._finish(papers, ids)

    def _resolve_links(self, note: Note) -> None:
        resolved_links = []
        for link in note.links:
            resolved, problems = self.resolver.resolve(link, note.path)
            self.diagnostics += problems
            resolved_links.append((link, resolved))
            if resolved is not None and resolved.key != note.path and resolved.key not in self.private:
                self.edges.append(Edge(note.path, resolved.key, "embed" if link.kind == "embed" else "link",
                                       link.line))
        self.resolutions[note.path] = tuple(resolved_links)

    def _paper_notes(self) -> list[NoteKey]:
        """Notes that are a paper's page: paper facts in frontmatter, or named by a queue or table."""
        found: dict[NoteKey, None] = {}
        for note in self.notes.values():
            if _describes_paper(note):
                found[note.path] = None
            for task in note.tasks:
                target = _note_links_to_note(task.links, note, self.resolver)
                if target:
                    found[target] = None
            for table in note.tables:
                for row in summary_rows(table):
                    target = self._row_note(note, row)
                    if target:
                        found[target] = None
        return sorted(key for key in found if key not in self.private)

    def _row_note(self, note: Note, row: SummaryRow) -> NoteKey | None:
        target = _note_links_to_note(row.links, note, self.resolver)
        if target:
            return target
        candidates = [key for key in self.resolver.find(row.name, note.path) if self.resolver.is_note(key)]
        return NoteKey(candidates[0]) if candidates and candidates[0] != note.path else None

    def _inline_entries(self, note: Note) -> None:
        own_paper = len(note.papers) == 1 and note.papers[0].sources[0].line <= note.body_line + 2
        for entry in note.papers:
            target = NoteKey(note.path) if own_paper else self._entry_note(note, entry)
            mention = replace(entry, note=target) if target else entry
            index = self.index.add(mention)
            self.pending.edges.append((index, "mention", note.path, entry.sources[0].line))

    def _entry_note(self, note: Note, entry: Paper) -> NoteKey | None:
        target = entry.link("note")
        if not target:
            return None
        link = Link("markdown", target, "", "note", entry.sources[0].line, target)
        resolved, _ = self.resolver.resolve(link, note.path)
        if resolved is None or not resolved.is_note or resolved.key in self.private:
            return None
        return NoteKey(resolved.key)

    def _queues(self, note: Note) -> None:
        by_heading: dict[tuple[str, int], list[Task]] = defaultdict(list)
        heading_lines = sorted(h.line for h in note.headings)
        for task in note.tasks:
            above = bisect.bisect_right(heading_lines, task.line)  # not a scan per task: long lists
            line = heading_lines[above - 1] if above else 0
            by_heading[(task.heading, line)].append(task)
        for (heading, line), tasks in by_heading.items():
            if not _is_queue(note, tasks, self.resolver):
                continue
            name = heading or stem(note.path)
            for task in tasks:
                target = _note_links_to_note(task.links, note, self.resolver)
                if target in self.private:  # the item stays, as the text the queue's note wrote
                    self.pending.queue_items[(note.path, name, line)].append((task, -1, None))
                    continue
                status: ReadingStatus = "read" if task.done else "to-read"
                source = (Source(note.path, task.line, "queue"),)
                if target:
                    mention = Paper(title=self.notes[target].title, sources=source, status=status, note=target)
                else:
                    mention = Paper(title=queue_title(task.text), sources=source, status=status)
                index = self.index.add(mention) if (target or task.text) else -1
                self.pending.queue_items[(note.path, name, line)].append((task, index, target))
                if index >= 0:
                    self.pending.edges.append((index, "queue", note.path, task.line))

    def _tables(self, note: Note) -> None:
        for table in note.tables:
            for row in summary_rows(table):
                target = self._row_note(note, row)
                if target in self.private:
                    continue
                mention = Paper(
                    title=self.notes[target].title if target else row.name,
                    sources=(Source(note.path, row.line, "table"),), year=row.year, venue=row.venue,
                    tags=row.topics, attributes=row.attributes, note=target,
                )
                index = self.index.add(mention)
                self.pending.edges.append((index, "table", note.path, row.line))

    def _finish(self, papers: dict[PaperId, Paper], ids: dict[int, PaperId]) -> PaperGraph:
        for index, kind, source, line in self.pending.edges:
            self.edges.append(Edge(source, ids[index], kind, line))
        queues = tuple(
            Queue(name, path, line, tuple(
                QueueItem(task.text or (self.notes[target].title if target else ""),
                          ids[index] if index >= 0 else None, task.done, task.line, target)
                for task, index, target in items))
            for (path, name, line), items in self.pending.queue_items.items()
        )
        paper_of_note = {key: ids[index] for key, index in self.note_mention.items()}
        topics, topic_keys = self._topics(papers)
        edges = tuple(sorted(dict.fromkeys(self.edges), key=lambda e: (e.source, e.line, e.kind, e.target)))
        backlinks: dict[str, list[Edge]] = defaultdict(list)
        outgoing: dict[str, list[Edge]] = defaultdict(list)
        for edge in edges:
            backlinks[edge.target].append(edge)
            outgoing[edge.source].append(edge)
        return PaperGraph(
            papers=papers, notes=self.notes, edges=edges, topics=topics, queues=queues,
            diagnostics=tuple(sorted(dict.fromkeys(self.diagnostics), key=sort_key)),
            resolutions=self.resolutions, paper_of_note=paper_of_note,
            _backlinks={target: tuple(found) for target, found in backlinks.items()},
            _outgoing={source: tuple(found) for source, found in outgoing.items()},
            _papers_by_note=_papers_by_note(papers), _topic_keys=topic_keys,
        )

    def _topics(self, papers: dict[PaperId, Paper]) -> tuple[dict[str, Topic], dict[str, frozenset[str]]]:
        collector = TopicCollector()
        keys: dict[str, frozenset[str]] = {}
        for pid, paper in papers.items():
            keys[pid] = frozenset(collector.add(tag, paper=pid) for tag in paper.tags) - {""}
        for note in self.notes.values():
            for tag in note.tags:
                collector.add(tag, note=note.path)
        return collector.topics(), keys


def _papers_by_note(papers: dict[PaperId, Paper]) -> dict[str, tuple[PaperId, ...]]:
    found: dict[str, list[PaperId]] = defaultdict(list)
    for pid, paper in papers.items():
        if paper.note:
            found[paper.note].append(pid)
    return {note: tuple(pids) for note, pids in found.items()}


def build_graph(notes: Sequence[Note], attachments: Iterable[str] = (), *,
                folder_topics: bool = True, private: Sequence[Note] = ()) -> PaperGraph:
    """The whole paper graph of a vault's notes, deterministic for the same input.

    `private` notes are only recognised as link targets: links to them resolve (so they are
    neither broken nor published), and nothing of theirs reaches the graph.
    """
    return _Builder(notes, attachments, folder_topics, private).build()
