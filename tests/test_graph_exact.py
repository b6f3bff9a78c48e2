"""The paper graph of a small vault, pinned field by field: a paper note's facts and sources, inline
entries and the note their `[note](...)` link names (never a private note or a file), queues with and
without a heading, and read winning across queues."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from papernotes.export import export_json
from papernotes.loader import load_vault
from papernotes.pages import build_site

VAULT = {
    "Papers/Vision/ViT.md": "---\ntitle: An Image is Worth 16x16 Words\nyear: 2021\nvenue: ICLR\n"
                            "doi: 10.1000/vit\nstatus: reading\ntags: [transformer]\n---\n# ViT\n",
    "Queue.md": "- [ ] [[ViT]]\n- [x] Plain Paper Title\n- [ ] \n",
    "Survey.md": "# Survey\n\n## Detection\n\n"
                 '- "End-to-End Object Detection with Transformers" ECCV, 2020 May\n'
                 "  [paper](https://arxiv.org/abs/2005.12872) [note](./Notes/DETR.md)\n\n"
                 '- "Secret Paper" CVPR, 2021 Jan\n  [paper](https://arxiv.org/abs/2101.00001) [note](./Private.md)\n\n'
                 '- "Diagram Paper" CVPR, 2022 Jan\n  [paper](https://arxiv.org/abs/2201.00001) [note](./fig.png)\n\n'
                 "## Reading queue\n\n- [x] [[ViT]]\n- [ ] [[Notes/DETR]]\n",
    "Notes/DETR.md": "# DETR notes\n",
    "Private.md": "---\npublish: false\n---\n# Private\n",
    "fig.png": "x",
}


def _graph(make_vault: Callable[[dict[str, str]], Path], **options: Any) -> dict[str, Any]:
    vault = load_vault(make_vault(VAULT))
    document: dict[str, Any] = json.loads(export_json(build_site(vault.notes, vault.attachments, **options).graph))
    return document


def _papers(document: dict[str, Any], *keys: str) -> dict[str, dict[str, Any]]:
    return {paper["id"]: {key: paper[key] for key in keys} for paper in document["papers"]}


def test_papers_their_notes_and_sources(make_vault: Callable[[dict[str, str]], Path]) -> None:
    papers = _papers(_graph(make_vault), "doi", "status", "note", "sources", "tags")
    assert papers == {
        "arxiv:2005.12872": {"doi": None, "status": "to-read", "note": "Notes/DETR.md", "tags": ["Detection"],
                             "sources": [{"path": "Notes/DETR.md", "line": 1, "kind": "note"},
                                         {"path": "Survey.md", "line": 5, "kind": "survey-list"},
                                         {"path": "Survey.md", "line": 17, "kind": "queue"}]},
        # a [note](...) to a private note or to a file that is not a note gives the paper no note
        "arxiv:2101.00001": {"doi": None, "status": None, "note": None, "tags": ["Detection"],
                             "sources": [{"path": "Survey.md", "line": 8, "kind": "survey-list"}]},
        "arxiv:2201.00001": {"doi": None, "status": None, "note": None, "tags": ["Detection"],
                             "sources": [{"path": "Survey.md", "line": 11, "kind": "survey-list"}]},
        # status: reading in its note, unread in one queue, read in another: read wins
        "doi:10.1000/vit": {"doi": "10.1000/vit", "status": "read", "note": "Papers/Vision/ViT.md",
                            "tags": ["transformer", "Vision"],  # its folder, below the container Papers/
                            "sources": [{"path": "Papers/Vision/ViT.md", "line": 1, "kind": "note"},
                                        {"path": "Queue.md", "line": 1, "kind": "queue"},
                                        {"path": "Survey.md", "line": 16, "kind": "queue"}]},
    }


@pytest.mark.parametrize(("folder_topics", "tags"), [(True, ["transformer", "Vision"]), (False, ["transformer"])])
def test_folder_topics(make_vault: Callable[[dict[str, str]], Path], folder_topics: bool, tags: list[str]) -> None:
    assert _papers(_graph(make_vault, folder_topics=folder_topics), "tags")["doi:10.1000/vit"] == {"tags": tags}


def test_queues_items_and_edges(make_vault: Callable[[dict[str, str]], Path]) -> None:
    document = _graph(make_vault)
    vit, detr = "doi:10.1000/vit", "arxiv:2005.12872"
    assert document["queues"] == [
        # no heading above: named after the note, at line 0; a queue only because an item links a
        # note, so its unlinked items name no paper (a to-do list as often); an empty item is kept
        {"name": "Queue", "path": "Queue.md", "line": 0, "items": [
            {"title": "ViT", "paper": vit, "done": False, "line": 1, "note": "Papers/Vision/ViT.md"},
            {"title": "Plain Paper Title", "paper": None, "done": True, "line": 2, "note": None},
            {"title": "", "paper": None, "done": False, "line": 3, "note": None}]},
        {"name": "Reading queue", "path": "Survey.md", "line": 14, "items": [
            {"title": "ViT", "paper": vit, "done": True, "line": 16, "note": "Papers/Vision/ViT.md"},
            {"title": "Notes/DETR", "paper": detr, "done": False, "line": 17, "note": "Notes/DETR.md"}]},
    ]
    assert [(e["source"], e["target"], e["kind"], e["line"]) for e in document["edges"]
            if e["kind"] in ("mention", "queue")] == [
        ("Queue.md", vit, "queue", 1),
        ("Survey.md", detr, "mention", 5), ("Survey.md", "arxiv:2101.00001", "mention", 8),
        ("Survey.md", "arxiv:2201.00001", "mention", 11), ("Survey.md", vit, "queue", 16),
        ("Survey.md", detr, "queue", 17)]
