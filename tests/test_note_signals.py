"""Recognition's per-note signals are found when a note is loaded (in either process) and give
the decisions found from the note itself; a note whose title or links changed since is read again."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from papernotes.graph import build_graph
from papernotes.loader import load_vault, parse_files, walk_vault
from papernotes.model import Link
from papernotes.recognise import decide
from papernotes.recognise.decide import NoteSignals, note_signals

FILES = {
    "papers/Attention Is All You Need.md": (
        "---\ntags: [paper, nlp]\nyear: 2017\n---\n# Attention Is All You Need\n\n"
        "Vaswani, Shazeer, Parmar et al., NeurIPS 2017\n\n## Abstract\n\nA transformer.\n\n"
        "## Method\n\nSelf-attention.\n\n[paper](https://arxiv.org/abs/1706.03762)\n"),
    "reading/Survey of diffusion.md": (
        "# Survey of diffusion\n\n- DDPM (NeurIPS 2020) https://arxiv.org/abs/2006.11239\n"
        "- Score SDE (ICLR 2021) https://arxiv.org/abs/2011.13456\n"
        "- Latent Diffusion (CVPR 2022) https://arxiv.org/abs/2112.10752\n"),
    "papers/DETR/README.md": (
        "# DETR\n\nEnd-to-end detection with transformers, ECCV 2020.\n\n[[Attention Is All You Need]]\n"),
    "projects/Groceries.md": "# Groceries\n\n- [ ] milk\n- [x] bread\n",
    "people/Ashish Vaswani.md": "# Ashish Vaswani\n\nWorks on [[Attention Is All You Need]].\n",
    "notes/2006.11239.md": "---\ntitle: Denoising Diffusion Probabilistic Models\narxiv: 2006.11239\n---\nNotes.\n",
}


def _write(root: Path) -> Path:
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_loaded_notes_carry_their_signals_and_decide_as_without_them(tmp_path):
    vault = load_vault(_write(tmp_path))
    assert len(vault.notes) == len(FILES)
    for note in vault.notes:
        assert isinstance(note.recognised, NoteSignals)
        assert note_signals(note) is note.recognised  # kept from loading, not found again
        bare = replace(note, recognised=None)
        assert decide(note) == decide(bare)
        targets = ["people/Ashish Vaswani.md", "papers/Attention Is All You Need.md"]
        assert decide(note, link_targets=targets) == decide(bare, link_targets=targets)
    graph = build_graph(vault.notes, vault.attachments)
    bare_graph = build_graph([replace(note, recognised=None) for note in vault.notes], vault.attachments)
    assert graph.decisions == bare_graph.decisions
    assert sorted(key for key, decision in graph.decisions.items() if decision.is_paper) == [
        "notes/2006.11239.md", "papers/Attention Is All You Need.md"]


def test_a_note_retitled_or_relinked_after_loading_is_read_again(tmp_path):
    vault = load_vault(_write(tmp_path))
    note = next(note for note in vault.notes if note.path == "papers/Attention Is All You Need.md")
    retitled = replace(note, title="Reading notes")
    assert retitled.recognised is note.recognised  # `replace` copies it: it must not be trusted
    found = note_signals(retitled)
    assert found is not note.recognised and found.title == "Reading notes"
    assert decide(retitled) == decide(replace(retitled, recognised=None))
    relinked = replace(note, links=(*note.links, Link(
        "markdown", "https://arxiv.org/abs/2010.11929", "", "ViT", 9, "[ViT](https://arxiv.org/abs/2010.11929)", True)))
    assert note_signals(relinked) is not note.recognised
    assert decide(relinked) == decide(replace(relinked, recognised=None))
    # the same links in a new tuple (what `Resolver.label_first` returns when nothing changed) are kept
    assert note_signals(replace(note, links=tuple(note.links))) is note.recognised


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no helper is started")
def test_signals_found_in_the_helper_process_equal_those_found_here(tmp_path):
    files, _ = walk_vault(_write(tmp_path))
    jobs = [(file.key, str(file.path), None, False) for file in files] * 6  # more than the helper's first chunks
    one = parse_files(jobs, helper_min=len(jobs) + 1)
    two = parse_files(jobs, helper_min=1)
    assert [result.note.recognised for result in two if result.note] == [
        result.note.recognised for result in one if result.note]
    assert all(isinstance(result.note.recognised, NoteSignals) for result in two if result.note)
