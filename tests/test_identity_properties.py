"""Property tests of paper identity over random vaults of template-made paper notes.

1. No two paper notes with different strong keys (arXiv id, DOI or citation key, both given and
   different) are ever one paper, whatever their titles (placeholders, shared, template syntax);
   and no paper is titled by a placeholder.
2. Titles never decide which papers exist among notes that all carry the same kind of strong
   key: in a vault where every paper note has an arXiv id, giving any note any other title (a
   fresh one, a placeholder, or another note's title) leaves the papers the same, each made of
   the same notes. Paper *ids* are not compared: a paper without a strong key is identified by
   its title (`title:<slug>`), so its id follows its title by design; what must not move is the
   partition of notes into papers (and so the number of papers).
   The property is deliberately no wider. Two notes whose titles match and whose keys do not
   disagree are one paper (a note with only a DOI and one with only a citation key, or two
   notes with no key at all): there the title *is* the evidence, renaming one note to the
   other's title is how a user joins them, and the merge of two notes is reported
   (`title-only-merge`).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from papernotes.graph import PaperGraph, build_graph
from papernotes.loader import load_note
from papernotes.model import Note
from papernotes.titles import placeholder_reason
from tests import test_fuzz  # noqa: F401  (registers and loads the Hypothesis profiles)

NAMES = ["CLIP", "MAE", "DiT", "Latte", "VDM", "SAM", "论文笔记", "논문"]
TITLES = [None, "Template", "Untitled", "{{title}}", "<% tp.file.title %>", "Reading notes", "无标题", "CLIP",
          "Latte", "Masked Autoencoders", "MAE", "Masked Autoencoders阅读笔记", "Scaling Laws"]
ARXIV = [None, "2103.00020", "2111.06377", "2212.09748"]
DOIS = [None, "10.1109/cvpr.2022.1", "10.1109/cvpr.2022.2"]
CITEKEYS = [None, "he2022masked", "radford2021clip"]
YEARS = [None, 2021, 2022, 2023]
HEADINGS = ["", "# 1 Introduction\n", "# Masked Autoencoders\n", "# CLIP\n", "# Template\n"]

facts = st.fixed_dictionaries({
    "title": st.sampled_from(TITLES), "arxiv": st.sampled_from(ARXIV), "doi": st.sampled_from(DOIS),
    "citekey": st.sampled_from(CITEKEYS), "year": st.sampled_from(YEARS), "heading": st.sampled_from(HEADINGS),
})
vaults = st.lists(facts, min_size=2, max_size=6).flatmap(
    lambda notes: st.tuples(st.just(notes), st.permutations(NAMES).map(lambda names: names[:len(notes)])))


def note_text(fact: dict[str, object]) -> str:
    lines = ["venue: CVPR"]  # a fact that makes every note a paper's note, and takes no part in identity
    for key in ("title", "arxiv", "doi", "citekey", "year"):
        if fact[key] is not None:
            lines.append(f"{key}: '{fact[key]}'" if key != "year" else f"year: {fact[key]}")
    return "---\n" + "\n".join(lines) + "\n---\n" + str(fact["heading"]) + "text\n"


def graph_of(notes: list[dict[str, object]], names: list[str]) -> PaperGraph:
    loaded: list[Note] = []
    for fact, name in zip(notes, names, strict=True):
        note, _ = load_note(f"{name}.md", note_text(fact).encode())
        assert note is not None
        loaded.append(note)
    queue = "# Paper queue\n" + "".join(f"- [ ] [[{name}]]\n" for name in names)
    home, _ = load_note("index.md", queue.encode())
    assert home is not None
    return build_graph([*loaded, home])


def partition(graph: PaperGraph) -> frozenset[frozenset[str]]:
    """The paper notes grouped by the paper each belongs to."""
    by_paper: dict[str, set[str]] = {}
    for key, pid in graph.paper_of_note.items():
        by_paper.setdefault(pid, set()).add(key)
    return frozenset(frozenset(keys) for keys in by_paper.values())


def differ(first: dict[str, object], second: dict[str, object]) -> bool:
    return any(first[key] is not None and second[key] is not None and first[key] != second[key]
               for key in ("arxiv", "doi", "citekey"))


@given(vaults)
def test_notes_with_different_strong_keys_never_merge(vault: tuple[list[dict[str, object]], list[str]]) -> None:
    notes, names = vault
    graph = graph_of(notes, names)
    assert not [paper.title for paper in graph.papers.values() if placeholder_reason(paper.title)]
    for index, first in enumerate(notes):
        for other in range(index + 1, len(notes)):
            if differ(first, notes[other]):
                assert graph.paper_of_note[f"{names[index]}.md"] != graph.paper_of_note[f"{names[other]}.md"]  # type: ignore[index]


@given(vaults.filter(lambda vault: all(fact["arxiv"] is not None for fact in vault[0])), st.data())
def test_renaming_a_title_never_changes_which_papers_exist(vault: tuple[list[dict[str, object]], list[str]],
                                                           data: st.DataObject) -> None:
    notes, names = vault
    before = graph_of(notes, names)
    index = data.draw(st.integers(0, len(notes) - 1))
    title = data.draw(st.sampled_from([*TITLES, "A fresh title", *(str(n["title"]) for n in notes)]))
    renamed = [dict(fact, title=title) if position == index else fact for position, fact in enumerate(notes)]
    after = graph_of(renamed, names)
    assert partition(after) == partition(before)
    assert len(after.papers) == len(before.papers)
