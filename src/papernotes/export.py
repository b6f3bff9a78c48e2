"""The paper graph as a JSON document (`papernotes export`), with a stable, documented schema."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from papernotes.diagnostics import Diagnostic
from papernotes.graph import PaperGraph
from papernotes.model import Paper, PaperId

SCHEMA_VERSION = 1


def paper_json(pid: PaperId, paper: Paper) -> dict[str, Any]:
    return {
        "id": pid,
        "title": paper.title,
        "year": paper.year,
        "month": paper.month,
        "venue": paper.venue,
        "authors": list(paper.authors),
        "tags": list(paper.tags),
        "links": [{"kind": kind, "url": url} for kind, url in paper.links],
        "arxiv": paper.arxiv,
        "doi": paper.doi,
        "status": paper.status,
        "summary": paper.summary,
        "short_name": paper.short_name,
        "attributes": dict(paper.attributes),
        "note": paper.note,
        "sources": [{"path": s.path, "line": s.line, "kind": s.kind} for s in paper.sources],
    }


def graph_json(graph: PaperGraph, diagnostics: Sequence[Diagnostic] | None = None) -> dict[str, Any]:
    """The graph as the JSON document's mapping; `diagnostics` default to the graph's own."""
    return {
        "schema": SCHEMA_VERSION,
        "papers": [paper_json(pid, paper) for pid, paper in graph.papers.items()],
        "notes": [
            {
                "path": note.path,
                "title": note.title,
                "tags": list(note.tags),
                "aliases": list(note.aliases),
                "paper": graph.paper_of_note.get(note.path),
                "headings": [{"level": h.level, "text": h.text, "anchor": h.anchor, "line": h.line}
                             for h in note.headings],
            }
            for note in graph.notes.values()
        ],
        "edges": [{"source": e.source, "target": e.target, "kind": e.kind, "line": e.line}
                  for e in graph.edges],
        "topics": [
            {"key": t.key, "name": t.name, "parent": t.parent, "papers": list(t.papers),
             "notes": list(t.notes)}
            for t in graph.topics.values()
        ],
        "queues": [
            {
                "name": q.name,
                "path": q.path,
                "line": q.line,
                "items": [{"title": i.title, "paper": i.paper, "done": i.done, "line": i.line,
                           "note": i.note} for i in q.items],
            }
            for q in graph.queues
        ],
        "diagnostics": [d.as_dict() for d in (graph.diagnostics if diagnostics is None else diagnostics)],
    }


def export_json(graph: PaperGraph, diagnostics: Sequence[Diagnostic] | None = None) -> str:
    """Deterministic JSON: the same vault gives byte-identical output."""
    return json.dumps(graph_json(graph, diagnostics), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
