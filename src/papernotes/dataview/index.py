"""The data queries read, built once per build from the paper graph: one record per published note.

Records are plain dicts keyed by canonical field names; inlinks, tags and folders are indexed
here once, so a query never scans all notes per row.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from papernotes.dataview.values import Link, Value, canonical_key, parse_date, parse_text_value, wikilink_parts
from papernotes.graph import PaperGraph
from papernotes.model import Link as NoteLink
from papernotes.model import Note, NoteKey, Paper
from papernotes.paths import fold, stem
from papernotes.resolve import Resolver
from papernotes.topics import topic_key

Record = dict[str, Any]
_DAY_IN_NAME_RE = re.compile(r"(\d{4})[-.]?(\d{2})[-.]?(\d{2})")


def any_date(text: object) -> dt.date | dt.datetime | None:
    """A frontmatter date or timestamp (`2023-12-07`, `2023-12-07T12:48:44Z`) as a date value."""
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        return None
    found = parse_date(text)
    if found is not None:
        return found
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def tag_with_parents(tag: str) -> list[str]:
    """`#a/b/c` counts as `#a`, `#a/b` and `#a/b/c` (Dataview's file.tags)."""
    parts = tag.strip("#/").split("/")
    return ["#" + "/".join(parts[: i + 1]) for i in range(len(parts))]


class DataIndex:
    """Records for every note of the graph, plus the reverse indexes FROM and WHERE need."""

    def __init__(self, graph: PaperGraph, today: dt.date | None = None) -> None:
        self.graph = graph
        self.today = today or dt.date.today()
        self.resolver = Resolver(list(graph.notes.values()))
        # Dicts as ordered sets: a list's `in` made a hub note (Home.md linking every paper)
        # cost the square of its links.
        inlinks: dict[str, dict[str, None]] = defaultdict(dict)
        outlinks: dict[str, dict[str, None]] = defaultdict(dict)
        for edge in graph.edges:
            if edge.kind in ("link", "embed") and edge.target in graph.notes:
                outlinks[edge.source][edge.target] = None
                inlinks[edge.target][edge.source] = None
        self.inlinks: dict[str, list[str]] = {key: list(found) for key, found in inlinks.items()}
        self.outlinks: dict[str, list[str]] = {key: list(found) for key, found in outlinks.items()}
        self.by_tag: dict[str, list[str]] = defaultdict(list)
        for key, note in graph.notes.items():
            for expanded in dict.fromkeys(t for tag in note.tags for t in tag_with_parents(tag)):
                self.by_tag[expanded.casefold()].append(key)
        self._records: dict[str, Record] = {}
        self.keys: list[str] = sorted(graph.notes)


    def record(self, key: str) -> Record:
        """The record of one note, built on first use and kept for the build."""
        found = self._records.get(key)
        if found is None:
            found = self._records[key] = self._build(self.graph.notes[NoteKey(key)])
        return found

    def records(self, keys: Iterable[str]) -> list[Record]:
        return [self.record(key) for key in keys]

    def resolve(self, target: str, source: str = "") -> str | None:
        """The note key a link target names, as Obsidian resolves it; None when nothing matches."""
        if target in self.graph.notes:
            return target
        for key in self.resolver.find(target, source):
            if self.resolver.is_note(key):
                return key
        return None

    def link(self, target: str, source: str = "", display: str = "", subpath: str = "") -> Link:
        key = self.resolve(target, source)
        return Link(key or target, display, subpath, resolved=key is not None)

    def written_link(self, link: NoteLink, source: str) -> Link:
        """A link a note writes, read in Dendron's order where that is how it resolves
        (`Resolver.label_first`: `[[label|target]]`)."""
        swapped = self.resolver.label_first(link, source) if self.resolve(link.target, source) is None else None
        return self.link((swapped or link).target, source)

    def note_link(self, key: str, display: str = "", subpath: str = "") -> Link:
        return Link(key, display, subpath)

    # -- building records
    def _build(self, note: Note) -> Record:
        record: Record = {}
        for name, raw in note.frontmatter.items():
            record.setdefault(canonical_key(str(name)), self._convert(raw, note.path))
        inline: dict[str, list[Value]] = defaultdict(list)
        for field in note.inline_fields:
            inline[canonical_key(field.key)].append(self._convert_text(field.value, note.path))
        for name, values in inline.items():
            record.setdefault(name, values[0] if len(values) == 1 else values)
        pid = self.graph.paper_of_note.get(note.path)
        if pid is not None:
            for name, value in self._paper_fields(self.graph.papers[pid]).items():
                if record.get(name) in (None, "", []):
                    record[name] = value
        record["file"] = self._file(note)
        return record

    def _convert(self, raw: object, source: str) -> Value:
        if isinstance(raw, str):
            return self._convert_text(raw, source, parse_numbers=False)
        if isinstance(raw, list | tuple):
            return [self._convert(item, source) for item in raw]
        if isinstance(raw, dict):
            return {str(k): self._convert(v, source) for k, v in raw.items()}
        if isinstance(raw, set | frozenset):  # YAML's `!!set`: a list, in one order every build
            return [self._convert(item, source) for item in sorted(raw, key=str)]
        if raw is None or isinstance(raw, bool | int | float | dt.date):
            return raw
        if isinstance(raw, bytes):  # YAML's `!!binary`
            return raw.decode("utf-8", errors="replace")
        return str(raw)  # no other YAML type: a query only ever sees the types it knows

    def _convert_text(self, text: str, source: str, parse_numbers: bool = True) -> Value:
        parts = wikilink_parts(text)
        if parts is not None:
            return self.link(parts[0], source, parts[2], parts[1])
        if parse_numbers:
            return parse_text_value(text)
        date = parse_date(text)
        return date if date is not None else text

    def _paper_fields(self, paper: Paper) -> Record:
        topics = []
        for tag in paper.tags:
            topic = self.graph.topics.get(topic_key(tag))
            if topic is not None and topic.name not in topics:
                topics.append(topic.name)
        fields: Record = {
            "title": paper.title, "year": paper.year, "venue": paper.venue, "authors": list(paper.authors),
            "status": paper.status, "topics": topics, "summary": paper.summary or None,
            "arxiv": paper.arxiv, "doi": paper.doi, "short-name": paper.short_name or None,
        }
        for name, value in paper.attributes:
            if value:
                fields.setdefault(canonical_key(name), parse_text_value(value))
        return fields

    def _file(self, note: Note) -> Record:
        key = note.path
        created = any_date(note.meta.created) or any_date(note.meta.date)
        modified = any_date(note.meta.updated) or created
        return {
            "name": stem(key), "basename": stem(key), "path": key, "folder": posixpath.dirname(key),
            "ext": key.rsplit(".", 1)[-1], "link": self.note_link(key), "size": note.size,
            "tags": list(dict.fromkeys(t for tag in note.tags for t in tag_with_parents(tag))),
            "etags": ["#" + tag for tag in note.tags],
            "outlinks": [self.note_link(k) for k in self.outlinks.get(key, [])],
            "inlinks": [self.note_link(k) for k in self.inlinks.get(key, [])],
            # Bases' names: every link and embed written in the note, and the notes linking here.
            "links": [self.written_link(link, key) for link in note.links
                      if link.target and not link.external and link.kind in ("wikilink", "markdown")],
            "backlinks": [self.note_link(k) for k in self.inlinks.get(key, [])],
            "embeds": [self.link(link.target, key) for link in note.links if link.kind == "embed" and link.target],
            "properties": {str(name): self._convert(raw, key) for name, raw in note.frontmatter.items()},
            "aliases": list(note.aliases),
            "ctime": created, "cday": _day(created), "mtime": modified, "mday": _day(modified),
            "day": _file_day(note), "frontmatter": dict(note.frontmatter),
            "tasks": [self._task(note, task) for task in note.tasks],
            "title": note.title,
        }

    def _task(self, note: Note, task: Any) -> Record:
        anchor = next((h.anchor for h in note.headings if h.text == task.heading), "")
        section = self.note_link(note.path, task.heading, anchor) if task.heading else self.note_link(note.path)
        fields = {canonical_key(f.key): self._convert_text(f.value, note.path)
                  for f in note.inline_fields if f.line == task.line}
        return fields | {
            "text": task.text, "completed": task.done, "checked": task.done, "fullyCompleted": task.done,
            "status": "x" if task.done else " ", "line": task.line, "path": note.path,
            "section": section, "link": section, "task": True,
            "outlinks": [self.written_link(link, note.path) for link in task.links if link.target],
        }

    def folder_keys(self, folder: str) -> list[str]:
        """Notes in a folder (and below it), or the one note a path names (`"Home"`, `"a/b.md"`)."""
        wanted = fold(folder.strip("/"))
        if not wanted:
            return self.keys
        found = [k for k in self.keys if fold(k).startswith(wanted + "/")]
        if found:
            return found
        return [k for k in self.keys if fold(k) in (wanted, wanted + ".md")]


def _day(value: dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _file_day(note: Note) -> dt.date | None:
    match = _DAY_IN_NAME_RE.search(stem(note.path))
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    return _day(any_date(note.meta.date))
