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
from papernotes.entries.paper_lists import CONVENTION as PAPER_LIST
from papernotes.identity import PaperIndex, decorated_stem
from papernotes.ids import title_key, titles_overlap
from papernotes.model import Link, Note, NoteKey, Paper, PaperId, ReadingStatus, Source, Table, Task
from papernotes.paths import has_scheme, repository_file, stem
from papernotes.recognise import (
    DEFAULT_OPTIONS,
    Decision,
    RecogniseOptions,
    Signal,
    decide,
    folder_notes,
    glossed_name,
    has_paper_evidence,
    names_its_link,
    note_folder,
    paper_line_targets,
    paper_siblings,
    paper_title,
    title_problem,
    with_signal,
)
from papernotes.recognise.highlights import book_signals, highlighted_pages
from papernotes.recognise.layout import FolderNote
from papernotes.resolve import Resolved, Resolver
from papernotes.tables import SummaryRow, summary_rows
from papernotes.titles import retitle_shared, without_issue_reference
from papernotes.topics import Topic, TopicCollector, folder_topic

EdgeKind = Literal["link", "embed", "queue", "table", "mention"]

_LINK_LINE_RE = re.compile(r"^\s*+(?:\[[^\]\n]*+\]\([^)\n]*+\)|\[\[[^\]\n]*+\]\])\s*+$")  # a line that is one link
_QUEUE_HEADING_RE = re.compile(r"paper|queue|reading|to[- ]read|论文|阅读|待读|논문|읽기", re.IGNORECASE)
# A checklist about papers (writing, submitting, reviewing one) is not a list of papers to read.
_NOT_QUEUE_HEADING_RE = re.compile(
    r"check\s*list|to[- ]?do|writing|submission|rebuttal|camera[- ]ready|写作|投稿|检查|清单|체크", re.IGNORECASE)
# The reader's progress through one paper (`## 阅读进度` / `### 阅读版本`, `### 0.3 当前进度`): its
# steps (`- [ ] 阅读原文`, "read the original") are no papers, unless they link notes.
_PROGRESS_HEADING_RE = re.compile(r"\bprogress\b|进度|進度|进展|진도|진행 상황|進捗", re.IGNORECASE)


@dataclass(slots=True)
class Memo:
    """Per-note work kept between builds of one vault in one process (`mkdocs serve`): a note's
    decision is made again only when the note (the same parsed object) or what else it is decided
    from changed. Each build keeps only what it used."""

    decisions: dict[NoteKey, tuple[object, Decision]] = field(default_factory=dict)
    """Note -> (everything its decision was made from, the decision)."""
    resolver: Resolver | None = None
    """The last build's, whose link candidates are reused while the vault's names are the same."""
    rows: dict[int, tuple[Table, list[SummaryRow]]] = field(default_factory=dict)
    """id of a parsed table -> (that table, its summary rows): `tables.summary_rows` reads a table alone."""
    mentions: dict[NoteKey, tuple[Note, Decision, bool, Paper]] = field(default_factory=dict)
    """Paper note -> (the parsed note, its decision, `folder_topics`, the paper its note mentions):
    `_note_mention` reads nothing else."""


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
    markdown: str = ""
    """The item's own text as Markdown (code spans kept); empty when it has none."""


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
    decisions: dict[NoteKey, Decision] = field(repr=False, default_factory=dict)
    """Why each note is or is not a paper's note (see `papernotes.recognise`)."""

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


def _frontmatter_describes_paper(note: Note) -> bool:
    meta = note.meta
    return bool(meta.arxiv or meta.doi or meta.citekey or meta.venue or meta.year or meta.authors)


def _note_mention(note: Note, decision: Decision, folder_topics: bool) -> Paper:
    meta, facts = note.meta, decision.facts
    tags = list(note.tags) + list(facts.topics)
    folder_path = posixpath.dirname(note.path)
    if any(signal.name == "folder-note" for signal in decision.signals):
        folder_path = posixpath.dirname(folder_path)  # `papers/<Paper>/README.md`: the folder is the paper
    folder = folder_topic(folder_path) if folder_topics else ""
    if folder:
        tags.append(folder)
    title = paper_title(note, decision)
    return Paper(
        title=title, sources=(Source(note.path, 1, "note"),),
        short_name=decorated_stem(note.title, stem(note.path)) or (
            glossed_name(note) if title != note.title else ""),
        year=meta.year or facts.year, venue=meta.venue or facts.venue, authors=meta.authors or facts.authors,
        tags=tuple(dict.fromkeys(tags)), links=meta.links, arxiv=meta.arxiv or facts.arxiv,
        doi=meta.doi or facts.doi, status=meta.status, note=note.path, citekey=meta.citekey,
    )


_TITLE_THEN_CJK_RE = re.compile(
    r"^([A-Za-z0-9][^\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]*?)(?<!\s)\s++[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def queue_title(text: str) -> str:
    """A plain-text queue item's paper title: `Flamingo 最早的多模态大模型之一` names Flamingo,
    followed by a comment in another script; an item in one script stays whole. A GitHub issue
    reference before it (`owner/repo#12 Title`, `#12 Title`) is no part of it."""
    text = without_issue_reference(text)
    match = _TITLE_THEN_CJK_RE.match(text)
    return match.group(1).strip() if match else text


def _wikilink_names(links: Sequence[Link]) -> list[str]:
    """The note names an item's wikilinks give (`Make-Your-Video` for
    `[[Diffusion/Make-Your-Video|Make Your video]]`)."""
    return [stem(link.target) for link in links if link.kind == "wikilink" and link.target]


def _is_queue(note: Note, tasks: Sequence[Task], resolver: Resolver) -> bool:
    """A task list is a reading queue under a paper/queue/reading heading (not a checklist),
    or when it links notes."""
    headings = _ancestors(note, tasks[0].line)
    if headings and _NOT_QUEUE_HEADING_RE.search(headings[0]):
        return False
    progress = any(_PROGRESS_HEADING_RE.search(text) for text in headings)
    if not progress and any(_QUEUE_HEADING_RE.search(text) for text in headings):
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
                 private: Sequence[Note] = (), options: RecogniseOptions = DEFAULT_OPTIONS,
                 memo: Memo | None = None) -> None:
        self.options = options
        self.memo = memo
        self.decisions: dict[NoteKey, Decision] = {}
        notes, self.diagnostics = retitle_shared(sorted(notes, key=lambda n: n.path))
        self.notes = {note.path: note for note in notes}
        # Private notes are link targets (so a link to one is known as private, not broken) and
        # nothing else: no edge, no paper, no title of theirs enters the graph.
        self.private = frozenset(note.path for note in private)
        self.resolver = Resolver(list(self.notes.values()) + list(private), attachments)
        if memo is not None:
            self.resolver.keep(memo.resolver)
            memo.resolver = self.resolver
        self.folder_topics = folder_topics
        self.index = PaperIndex()
        self.pending = _Pending()
        self.edges: list[Edge] = []
        self.rows: dict[int, tuple[Table, list[SummaryRow]]] = {}
        self.resolutions: dict[NoteKey, tuple[tuple[Link, Resolved | None], ...]] = {}
        self.note_mention: dict[NoteKey, int] = {}

    def build(self) -> PaperGraph:
        for note in self.notes.values():
            self.diagnostics += note.diagnostics
            self._resolve_links(note)
        paper_notes = self._paper_notes()
        for key in paper_notes:
            if self._own_entry(self.notes[key]) and not _frontmatter_describes_paper(self.notes[key]):
                continue  # the entry at its top is the note's mention (see _inline_entries)
            self.note_mention[key] = self.index.add(self._note_mention(self.notes[key]))
        for note in self.notes.values():
            self._inline_entries(note)
            self._queues(note)
            self._tables(note)
        aliases: dict[str, frozenset[str]] = {
            key: frozenset(title_key(alias) for alias in self.notes[key].aliases) for key in paper_notes}
        papers, ids, conflicts = self.index.freeze(aliases)
        self.diagnostics += conflicts
        return self._finish(papers, ids)

    def _note_mention(self, note: Note) -> Paper:
        """`_note_mention`, or the paper the last build made from the same note and decision."""
        decision = self.decisions[note.path]
        if self.memo is None:
            return _note_mention(note, decision, self.folder_topics)
        kept = self.memo.mentions.get(note.path)
        if kept is not None and kept[0] is note and kept[2] == self.folder_topics and kept[1] == decision:
            return kept[3]
        mention = _note_mention(note, decision, self.folder_topics)
        self.memo.mentions[note.path] = (note, decision, self.folder_topics, mention)
        return mention

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
        """Notes that are a paper's page, by the scored decision of `papernotes.recognise`; a
        queue item or a summary-table row naming a note is one of its signals."""
        referrers: dict[NoteKey, list[Signal]] = defaultdict(list)
        for note in self.notes.values():
            for task, in_queue in self._tasks_in_queues(note):
                target = _note_links_to_note(task.links, note, self.resolver)
                if target:
                    named = names_its_link(task.text, task.links)
                    weight, what = ((1.0, "a reading queue") if in_queue and named else
                                    (0.5, "a to-do") if named else (0.2, "a to-do's sentence"))
                    referrers[target].append(Signal("queue-link", weight, f"named by {what} in {note.path}",
                                                    task.line))
            for table in note.tables:
                for row in self._summary_rows(table):
                    target = self._row_note(note, row)
                    if target:
                        referrers[target].append(Signal(
                            "table-row", 1.0, f"a row of the summary table in {note.path}", row.line))
            for entry in note.papers:  # `- [Title](notes/x.md), ICML 2019` in a reading list
                if entry.sources[0].kind == PAPER_LIST and (target := self._entry_note(note, entry)):
                    # with its venue or year (`, ICML 2019`) the item is a paper's, not a talk's or a topic's
                    cited = titles_overlap(entry.title, self.notes[target].title) and bool(entry.year or entry.venue)
                    referrers[target].append(Signal(
                        "list-link", 1.0 if cited else 0.5,
                        f"{'cited' if cited else 'linked'} by a reading list's item in {note.path}",
                        entry.sources[0].line))
            resolved = [(link, found.key if found is not None and found.is_note and found.key != note.path else None)
                        for link, found in self.resolutions.get(note.path, ())]
            for listed, line in paper_line_targets(resolved):
                referrers[NoteKey(listed)].append(Signal(
                    "listed-with-paper", 1.0, f"named with its paper's link in {note.path}", line))
        layout = folder_notes(list(self.notes) + list(self.private))
        pdf_pages = highlighted_pages(self.notes.values())
        for note in self.notes.values():
            targets = [resolved.key for _, resolved in self.resolutions.get(note.path, ())
                       if resolved is not None and resolved.is_note and resolved.key != note.path]
            signals = [max(found, key=lambda s: s.weight)] if (found := referrers.get(note.path)) else []
            if self._own_entry(note):
                signals.append(Signal("paper-heading", 1.0, "its first heading is a paper, with paper links",
                                      note.papers[0].sources[0].line))
            signals += book_signals(note, pdf_pages)
            self.decisions[note.path] = self._decide(note, signals, targets, layout.get(note.path))
        if self.memo is not None:  # notes gone or private now are forgotten
            self.memo.decisions = {key: self.memo.decisions[key] for key in self.decisions}
            self.memo.mentions = {key: found for key, found in self.memo.mentions.items() if key in self.decisions}
            self.memo.rows = self.rows  # the tables of this build (a table is read here first)
        siblings = paper_siblings({key: note_folder(note) for key, note in self.notes.items()},
                                  {key: decision.is_paper for key, decision in self.decisions.items()})
        for key, sibling in siblings.items():  # from the first decisions only: no feedback
            self.decisions[key] = with_signal(self.decisions[key], sibling)
        return sorted(key for key, decision in self.decisions.items()
                      if decision.is_paper and key not in self.private)

    def _decide(self, note: Note, signals: list[Signal], targets: list[str], folder: FolderNote | None) -> Decision:
        """`recognise.decide`, or the decision made from the same inputs by the last build."""
        if self.memo is None:
            return decide(note, self.options, signals, targets, folder)
        inputs = (note, self.options, signals, targets, folder)
        kept = self.memo.decisions.get(note.path)
        # the same parsed note object (the loader's cache keeps it while the file is unchanged)
        if kept is not None and kept[0][0] is note and kept[0] == inputs:  # type: ignore[index]
            return kept[1]
        decision = decide(note, self.options, signals, targets, folder)
        self.memo.decisions[note.path] = (inputs, decision)
        return decision

    def _tasks_in_queues(self, note: Note) -> list[tuple[Task, bool]]:
        """Every task, and whether its list is a reading queue: under a reading heading, or made
        only of links to notes, two or more different ones. A to-do list (`- [ ] Raster output issue`, `- [ ] [[Boundary
        determination]]`) links notes too, beside tasks written out or alone."""
        found = []
        for tasks in _tasks_by_heading(note).values():
            targets = [_note_links_to_note(task.links, note, self.resolver) for task in tasks]
            in_queue = _is_queue(note, tasks, self.resolver) and (
                any(_QUEUE_HEADING_RE.search(text) for text in _ancestors(note, tasks[0].line))
                or all(targets) and len(set(targets)) >= 2)  # different notes, one an item: not `[[Project]]` to-dos
            found += [(task, in_queue) for task in tasks]
        return found

    @staticmethod
    def _own_entry(note: Note) -> bool:
        """One paper written at the very top of the note, with nothing but headings or a link back
        (`[HOME](../README.md)`) above it: the note is that paper's (not a how-to whose example
        entry follows an instruction)."""
        if len(note.papers) != 1 or note.papers[0].sources[0].line > note.body_line + 2:
            return False
        above = note.body.split("\n", 2)[:note.papers[0].sources[0].line - note.body_line]
        return all(not text.strip() or text.lstrip().startswith("#") or _LINK_LINE_RE.match(text) for text in above)

    def _summary_rows(self, table: Table) -> list[SummaryRow]:
        """`summary_rows` once per table in a build, and, with a memo, once per parsed table
        while its note is unchanged (the loader's cache keeps the same objects)."""
        found = self.rows.get(id(table))
        if found is None and self.memo is not None:
            found = self.memo.rows.get(id(table))
        if found is None or found[0] is not table:
            found = (table, summary_rows(table))
        self.rows[id(table)] = found
        return found[1]

    def _row_note(self, note: Note, row: SummaryRow) -> NoteKey | None:
        target = _note_links_to_note(row.links, note, self.resolver)
        if target:
            return target
        candidates = [key for key in self.resolver.find(row.name, note.path) if self.resolver.is_note(key)]
        return NoteKey(candidates[0]) if candidates and candidates[0] != note.path else None

    def _inline_entries(self, note: Note) -> None:
        decision = self.decisions[note.path]
        own_paper = self._own_entry(note) and decision.is_paper
        for entry in note.papers:
            if title_problem(entry.title, has_paper_evidence(entry)):
                continue
            target = NoteKey(note.path) if own_paper else self._entry_note(note, entry)
            if target is not None and self._says_it_is_not_a_paper(target):
                continue  # a list item linking a talk's notes (`**Speaker**:`) or a note marked `paper: false`
            mention = replace(entry, note=target) if target else entry
            index = self.index.add(mention)
            if own_paper:
                self.note_mention.setdefault(note.path, index)
            self.pending.edges.append((index, "mention", note.path, entry.sources[0].line))

    def _says_it_is_not_a_paper(self, key: NoteKey) -> bool:
        """The note is no paper's by the user's word or by its own (`other-kind`): what links it
        names no paper. A note merely short of evidence is still joined to the entries naming it."""
        decision = self.decisions[key]
        return not decision.is_paper and (bool(decision.overridden_by)
                                          or any(signal.name == "other-kind" for signal in decision.signals))

    def _entry_note(self, note: Note, entry: Paper) -> NoteKey | None:
        target = entry.link("note")
        if not target:
            return None
        if has_scheme(target):  # the note as its repository's host shows it: that very file of the vault
            path = repository_file(target)
            key = NoteKey(path) if path else None
            return key if key in self.notes and key != note.path and key not in self.private else None
        link = Link("markdown", target, "", "note", entry.sources[0].line, target)
        resolved, _ = self.resolver.resolve(link, note.path)
        if resolved is None or not resolved.is_note or resolved.key in self.private:
            return None
        return NoteKey(resolved.key)

    def _queues(self, note: Note) -> None:
        for (heading, line), tasks in _tasks_by_heading(note).items():
            if not _is_queue(note, tasks, self.resolver):
                continue
            # A task list that is a queue only because some items link notes (no reading
            # heading) is a to-do list as often: its unlinked items are not taken for titles.
            titled_by_heading = any(_QUEUE_HEADING_RE.search(text) for text in _ancestors(note, tasks[0].line))
            name = heading or stem(note.path)
            for task in tasks:
                target = _note_links_to_note(task.links, note, self.resolver)
                if target in self.private:  # the item stays, as the text the queue's note wrote
                    self.pending.queue_items[(note.path, name, line)].append((task, -1, None))
                    continue
                status: ReadingStatus = "read" if task.done else "to-read"
                source = (Source(note.path, task.line, "queue"),)
                if target and not self.decisions[target].is_paper:  # the user said no, or a person's note
                    self.pending.queue_items[(note.path, name, line)].append((task, -1, target))
                    continue
                if target:
                    # the paper's title, which a note titled by its file name (`012_detr`) states inside
                    title = paper_title(self.notes[target], self.decisions[target])
                    mention = Paper(title=title, sources=source, status=status, note=target)
                else:
                    mention = Paper(title=queue_title(task.text), sources=source, status=status)
                # An item without a link names a paper only by a title that could be one; an
                # item linking a note not in the vault (`[[Make-Your-Video|Make Your video]]`)
                # also by that note's name.
                plausible = bool(target) or (titled_by_heading and bool(task.text)
                                             and (title_problem(mention.title) is None
                                                  or any(title_problem(name) is None
                                                         for name in _wikilink_names(task.links))))
                index = self.index.add(mention) if plausible else -1
                self.pending.queue_items[(note.path, name, line)].append((task, index, target))
                if index >= 0:
                    self.pending.edges.append((index, "queue", note.path, task.line))
            items = self.pending.queue_items[(note.path, name, line)]
            if not titled_by_heading and all(index < 0 for _, index, _ in items):
                # only links to notes that are not papers' (`- [ ] make [[PaperBell]] better`): a to-do list
                del self.pending.queue_items[(note.path, name, line)]

    def _tables(self, note: Note) -> None:
        for table in note.tables:
            for row in self._summary_rows(table):
                target = self._row_note(note, row)
                if target is not None and target not in self.private and not self.decisions[target].is_paper:
                    target = None
                evidenced = row.year is not None or row.venue is not None
                if target in self.private or (target is None and title_problem(row.name, evidenced)):
                    continue
                mention = Paper(
                    # the linked note's paper's title, as a queue item's (`_queues`)
                    title=paper_title(self.notes[target], self.decisions[target]) if target else row.name,
                    sources=(Source(note.path, row.line, "table"),), year=row.year, venue=row.venue,
                    authors=row.authors,
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
                          ids[index] if index >= 0 else None, task.done, task.line, target,
                          task.markdown if task.text else "")
                for task, index, target in items))
            for (path, name, line), items in self.pending.queue_items.items()
        )
        paper_of_note = {key: ids[index] for key, index in self.note_mention.items()}
        self._title_notes_by_paper(papers, paper_of_note)
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
            _papers_by_note=_papers_by_note(papers), _topic_keys=topic_keys, decisions=self.decisions,
        )

    def _title_notes_by_paper(self, papers: dict[PaperId, Paper], paper_of_note: dict[NoteKey, PaperId]) -> None:
        """A paper's own note has the paper's title on every page: the same as the note's own,
        unless another mention spells out the short name the note is titled by (`Latte`)."""
        for key, pid in paper_of_note.items():
            paper = papers[pid]
            if paper.note == key and self.notes[key].title != paper.title:
                self.notes[key] = replace(self.notes[key], title=paper.title)

    def _topics(self, papers: dict[PaperId, Paper]) -> tuple[dict[str, Topic], dict[str, frozenset[str]]]:
        collector = TopicCollector()
        keys: dict[str, frozenset[str]] = {}
        for pid, paper in papers.items():
            keys[pid] = frozenset(collector.add(tag, paper=pid) for tag in paper.tags) - {""}
        for note in self.notes.values():
            for tag in note.tags:
                collector.add(tag, note=note.path)
        topics, collisions = collector.topics()
        for key, holder, slug in collisions:
            where = (topics[key].notes or topics[key].papers or ("",))[0]
            path = where if where in self.notes else (papers[PaperId(where)].sources[0].path if where else "")
            self.diagnostics.append(Diagnostic(
                path, 0, "info", "topic-slug-taken",
                f"topic '{topics[key].name}' would have the URL of topic '{topics[holder].name}'; "
                f"its page is topics/{slug}/",
                "spell the two topics differently if they are different subjects",
            ))
        return topics, keys


def _tasks_by_heading(note: Note) -> dict[tuple[str, int], list[Task]]:
    """A note's tasks grouped by the heading (text, line) they sit under."""
    by_heading: dict[tuple[str, int], list[Task]] = defaultdict(list)
    heading_lines = sorted(h.line for h in note.headings)
    for task in note.tasks:
        above = bisect.bisect_right(heading_lines, task.line)  # not a scan per task: long lists
        line = heading_lines[above - 1] if above else 0
        by_heading[(task.heading, line)].append(task)
    return by_heading


def _papers_by_note(papers: dict[PaperId, Paper]) -> dict[str, tuple[PaperId, ...]]:
    found: dict[str, list[PaperId]] = defaultdict(list)
    for pid, paper in papers.items():
        if paper.note:
            found[paper.note].append(pid)
    return {note: tuple(pids) for note, pids in found.items()}


def build_graph(notes: Sequence[Note], attachments: Iterable[str] = (), *,
                folder_topics: bool = True, private: Sequence[Note] = (),
                recognition: RecogniseOptions = DEFAULT_OPTIONS, memo: Memo | None = None) -> PaperGraph:
    """The whole paper graph of a vault's notes, deterministic for the same input.

    `private` notes are only recognised as link targets: links to them resolve (so they are
    neither broken nor published), and nothing of theirs reaches the graph. `recognition` holds
    the user's `paper_folders` and `not_papers` globs; `memo`, work kept from the last build (`Memo`).
    """
    return _Builder(notes, attachments, folder_topics, private, recognition, memo).build()
