"""The fidelity benchmark's scorer (benchmarks/fidelity/run.py) on a tiny hand-made vault.

The scoring is tested against export documents written here by hand, so these tests do not move
when recognition improves; one test only checks that run.py still reads what papernotes exports.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

RUN_PY = Path(__file__).resolve().parents[1] / "benchmarks" / "fidelity" / "run.py"


@pytest.fixture(scope="module")
def run() -> Any:
    spec = importlib.util.spec_from_file_location("fidelity_run", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity_run"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def paper(pid: str, title: str, sources: list[tuple[str, int, str]], *, note: str | None = None,
          year: int | None = None, venue: str | None = None, authors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": pid, "title": title, "year": year, "venue": venue, "authors": list(authors),
            "note": note, "sources": [{"path": p, "line": n, "kind": k} for p, n, k in sources]}


LABELS_YAML = """
vault: tiny
paper_notes:
  - {path: papers/kettle.md, title: "Boiling Points of Kettles", year: 2019, venue: NeurIPS,
     authors: [Ada Brew, Ben Steam]}
  - {path: papers/teapot.md, title: "A Study of Teapots", year: 2020}
optional_notes:
  - {path: drafts/maybe.md}
inline_papers:
  - {path: reading.md, line: 3, title: "Cups: A Survey", year: 2018}
  - {path: reading.md, line: 4, title: "Saucers at Scale"}
  - {path: reading.md, title: "Spoons Considered Harmful"}
optional_inline:
  - {path: reading.md, line: 9, title: "Tea"}
"""


def tiny_document() -> dict[str, Any]:
    return {
        "notes": [{"path": p} for p in ("papers/kettle.md", "papers/teapot.md", "reading.md",
                                         "howto.md", "drafts/maybe.md")],
        "papers": [
            # a paper note, right title and year, venue written NIPS, authors in another order
            paper("a", "Boiling points of kettles", [("papers/kettle.md", 1, "note")],
                  note="papers/kettle.md", year=2019, venue="NIPS", authors=("Steam, Ben", "Ada Brew")),
            # a note that is not a paper, titled by a URL
            paper("b", "https://example.org/x", [("howto.md", 1, "note")], note="howto.md"),
            # optional note: neither right nor junk
            paper("c", "maybe", [("drafts/maybe.md", 1, "note")], note="drafts/maybe.md"),
            # inline: same line, wrong year
            paper("d", "Cups: A Survey", [("reading.md", 3, "reading-log")], year=2017),
            # inline: two lines off, same title once punctuation and case are folded
            paper("e", "saucers at scale!", [("reading.md", 6, "reading-log")]),
            # inline: found anywhere in the note by title
            paper("f", "Spoons considered harmful", [("reading.md", 30, "bold-title-list")]),
            # junk: a generic heading, a table row, a to-do, a path
            paper("g", "Introduction", [("howto.md", 5, "daily-section")]),
            paper("h", "ResNet18", [("papers/kettle.md", 20, "table")]),
            paper("i", "Figure out how to colour nodes", [("todo.md", 2, "queue")]),
            paper("j", "/joint_states", [("howto.md", 8, "table")]),
            # optional inline
            paper("k", "Tea", [("reading.md", 9, "reading-log")]),
        ],
    }


def test_scores_paper_notes_inline_papers_facts_and_junk(run: Any, tmp_path: Path) -> None:
    labels_file = tmp_path / "tiny.yaml"
    labels_file.write_text(LABELS_YAML, encoding="utf-8")
    result = run.score("tiny", run.read_labels(labels_file), tiny_document(), [], None)

    assert (result.labelled_notes, result.predicted_notes, result.right_notes) == (2, 2, 1)
    assert (result.labelled_inline, result.predicted_inline, result.right_inline) == (3, 7, 3)
    facts = result.facts
    assert (facts.title.right, facts.title.stated) == (4, 4)
    assert (facts.year.right, facts.year.stated) == (1, 2)  # kettle right, cups 2017 != 2018
    assert (facts.venue.right, facts.venue.stated) == (1, 1)  # NIPS is NeurIPS
    assert (facts.authors.right, facts.authors.stated) == (1, 1)  # surnames, any order or form
    assert dict(result.junk) == {"URL or identifier": 1, "generic heading": 1, "table row": 1,
                                 "to-do / queue item": 1, "path": 1}
    assert any("papers/teapot.md" in line for line in result.missed)
    assert any("howto.md" in line for line in result.spurious)


def test_inline_matching_is_one_to_one_and_prefers_the_same_line(run: Any) -> None:
    def got(line: int, title: str) -> Any:
        return run.Predicted("x", "r.md", line, "reading-log", title, None, None, ())

    labels = [run.Labelled("r.md", "Alpha Paper", line=5), run.Labelled("r.md", "Beta Paper", line=6)]
    found = [got(6, "Beta Paper"), got(5, "something else entirely")]
    pairs = run.match_inline(labels, found)
    assert [(lab.title, p.line) for lab, p in pairs] == [("Alpha Paper", 5), ("Beta Paper", 6)]
    # a prediction is used once, and a far-away different title never matches
    assert run.match_inline([run.Labelled("r.md", "Gamma", line=1)], [got(40, "Delta")]) == []


@pytest.mark.parametrize(("title", "cause"), [
    ("https://arxiv.org/abs/2504.20690", "URL or identifier"),
    ("10.1016/j.pneurobio.2012.09.004", "URL or identifier"),
    ("/camera/compressed", "path"),
    ("notes/x.md", "path"),
    ("2014", "number or date"),
    ("Ref and Tag", "generic heading"),
    ("## 摘要", "generic heading"),
    ("[논문 제목]", "template placeholder"),
    ("{{title}}", "template placeholder"),
    ("Figure 2", "figure or table caption"),
    ("motivation-method-experiment 要一致", "to-do / queue item"),
    ("Attention Is All You Need", "other"),
])
def test_junk_causes(run: Any, title: str, cause: str) -> None:
    assert run.junk_cause({"title": title, "sources": [{"kind": "reading-log"}]}) == cause


def test_a_note_recognised_as_a_paper_that_is_not_one(run: Any) -> None:
    assert run.junk_cause({"title": "GeorustGdalRust", "sources": [{"kind": "note"}]}) == \
        "note that is not a paper"


def test_links_obsidian_resolves_and_what_papernotes_reports(run: Any, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "Note One.md").write_text("x", encoding="utf-8")
    (tmp_path / "img.png").write_bytes(b"")
    (tmp_path / "home.md").write_text(
        "---\nup: '[[Nowhere]]'\n---\n"
        "[[Note One]] and [[a/Note One#Part|alias]] and ![[img.png]]\n"
        "[[Missing]] and [one](a/Note%20One.md) and [web](https://example.org)\n"
        "```\n[[In Code]]\n```\n"
        "`[[inline code]]` [[Note One]]\n",
        encoding="utf-8")
    diagnostics = [
        {"path": "home.md", "line": 5, "code": "broken-link", "message": "[[Missing]] matches no file"},
        {"path": "home.md", "line": 9, "code": "broken-link", "message": "[[Note One]] matches no file"},
    ]
    # 5 resolvable links (3 on line 4, the Markdown link on line 5, one on line 9, none in code
    # or frontmatter); papernotes reports the one on line 9; [[Missing]] is not resolvable, and
    # papernotes reports it too
    assert run.link_resolution(tmp_path, diagnostics) == (5, 4, 0)


def test_reads_what_papernotes_exports(run: Any, tmp_path: Path) -> None:
    (tmp_path / "paper.md").write_text("---\ntitle: A Paper\nyear: 2021\n---\n# A Paper\n",
                                       encoding="utf-8")
    document, diagnostics = run.load_graph(tmp_path)
    notes, inline = run.predictions(document)
    assert isinstance(diagnostics, list) and isinstance(inline, list)
    assert {"papers", "notes"} <= set(document)
    for got in notes.values():
        assert got.path == "paper.md"


def test_every_note_of_a_paper_is_a_paper_note(run: Any) -> None:
    # two notes of one paper (the same article imported twice): the paper's note and another source
    document = {"notes": [], "papers": [
        paper("a", "Kettles", [("a/kettles.md", 1, "note"), ("b/kettles-again.md", 1, "note"),
                               ("reading.md", 4, "reading-log")], note="a/kettles.md", year=2019)]}
    notes, inline = run.predictions(document)
    assert sorted(notes) == ["a/kettles.md", "b/kettles-again.md"]
    assert {(got.paper_id, got.year) for got in notes.values()} == {("a", 2019)}
    assert [(got.path, got.line) for got in inline] == [("reading.md", 4)]


def test_venues_in_any_script(run: Any) -> None:
    assert run.same_venue("地理学报", "地理学报") and run.same_venue("NIPS", "NeurIPS 2020")
    assert not run.same_venue("地理研究", "地理学报") and not run.same_venue(None, "地理学报")


def test_every_note_of_a_paper_is_a_predicted_paper_note(run: Any) -> None:
    document = {"papers": [{
        "id": "arxiv:2101.00001", "title": "A Paper", "year": 2021, "note": "a/paper.md",
        "sources": [{"kind": "note", "path": "a/paper.md", "line": 1},
                    {"kind": "note", "path": "b/paper.md", "line": 1},
                    {"kind": "paper-list", "path": "README.md", "line": 4}],
    }]}
    notes, inline = run.predictions(document)
    assert sorted(notes) == ["a/paper.md", "b/paper.md"]
    assert [(got.path, got.line, got.kind) for got in inline] == [("README.md", 4, "paper-list")]


def test_an_inline_label_is_found_as_a_link_to_its_papers_note(run: Any, tmp_path: Path) -> None:
    labels_file = tmp_path / "links.yaml"
    labels_file.write_text("""
vault: links
paper_notes:
  - {path: papers/kettle.md, title: "Boiling Points of Kettles", year: 2019}
inline_papers:
  - {path: topic.md, line: 2, title: "Boiling Points of Kettles"}
  - {path: topic.md, line: 3, title: "How to Pour"}
  - {path: topic.md, line: 5, title: "Saucers at Scale"}
  - {path: topic.md, line: 7, title: "Boiling Points of Kettles"}
  - {path: topic.md, line: 9, title: "Cups"}
""", encoding="utf-8")
    document = {
        "notes": [{"path": p} for p in ("papers/kettle.md", "howto.md", "cups.md", "topic.md")],
        "papers": [paper("a", "Boiling points of kettles", [("papers/kettle.md", 1, "note")],
                         note="papers/kettle.md", year=2019),
                   paper("c", "Cups", [("cups.md", 1, "note")], note="cups.md")],
        "edges": [
            {"source": "topic.md", "target": "papers/kettle.md", "kind": "link", "line": 2},  # found
            {"source": "topic.md", "target": "howto.md", "kind": "link", "line": 3},  # not a paper's note
            {"source": "topic.md", "target": "papers/kettle.md", "kind": "link", "line": 5},  # another title
            {"source": "topic.md", "target": "papers/kettle.md", "kind": "link", "line": 8},  # another line
            {"source": "topic.md", "target": "cups.md", "kind": "link", "line": 9},  # not labelled a paper note
        ],
    }
    result = run.score("links", run.read_labels(labels_file), document, [], None)
    assert (result.labelled_inline, result.predicted_inline, result.right_inline, result.linked_inline) == (5, 1, 1, 1)
    assert (result.facts.title.stated, result.facts.year.stated) == (1, 1)  # scored once, with the note
    assert sorted(line.split(": ")[0] for line in result.missed) == ["topic.md:3", "topic.md:5", "topic.md:7",
                                                                     "topic.md:9"]
    assert run.as_json(result, False)["inline_papers"]["linked_to_note"] == 1
