"""Citekeys made for papers without one: `he2016deep`, then `he2016deepa`, `he2016deepb`... for
papers that share it, found with work linear in the number of papers (counted, not timed)."""

from __future__ import annotations

import random

import pytest

import papernotes.bib.bibtex as bibtex
from papernotes.bib.bibtex import paper_keys
from papernotes.model import Paper, PaperId


def papers_sharing_a_base(count: int) -> list[tuple[PaperId, Paper]]:
    """`count` papers by no author, of one year, whose titles start with the same word."""
    return [(PaperId(f"title:learning-{i:05d}"), Paper(f"Learning thing {i}", (), year=2023)) for i in range(count)]


def reference_keys(papers: list[tuple[PaperId, Paper]], taken: dict[PaperId, str]) -> dict[PaperId, str]:
    """The rule written the obvious way: each paper tries `base`, `basea`, `baseb`... from the start."""
    keys, used = dict(taken), set(taken.values())
    for pid, paper in sorted(papers, key=lambda item: item[0]):
        if pid in keys:
            continue
        base = bibtex.stable_key(paper.authors[0] if paper.authors else "", paper.year, paper.title)
        number = 0
        while bibtex._candidate_key(base, number) in used:
            number += 1
        keys[pid] = bibtex._candidate_key(base, number)
        used.add(keys[pid])
    return keys


def test_papers_sharing_a_base_get_the_suffixes_in_paper_id_order() -> None:
    keys = paper_keys(papers_sharing_a_base(30), {})
    ordered = [keys[PaperId(f"title:learning-{i:05d}")] for i in range(30)]
    assert ordered[:3] == ["anon2023learning", "anon2023learninga", "anon2023learningb"]
    assert ordered[26:] == ["anon2023learningz", "anon2023learningaa", "anon2023learningab", "anon2023learningac"]


def test_keys_taken_by_the_library_or_the_notes_are_skipped() -> None:
    papers = papers_sharing_a_base(5)
    taken = {PaperId("library:x"): "anon2023learning", PaperId("library:y"): "anon2023learningb"}
    keys = paper_keys(papers, taken)
    assert [keys[pid] for pid, _ in papers] == ["anon2023learninga", "anon2023learningc", "anon2023learningd",
                                              "anon2023learninge", "anon2023learningf"]
    assert keys[PaperId("library:x")] == "anon2023learning"


@pytest.mark.parametrize("seed", range(20))
def test_the_same_keys_as_trying_every_suffix_from_the_start(seed: int) -> None:
    """Random papers over a few bases, some keys already taken (some of them a base of another
    paper plus a letter): the keys are those of the rule written the obvious way."""
    rng = random.Random(seed)
    words = ["deep", "deepa", "learning", "vision"]
    papers = [(PaperId(f"title:{rng.random():.12f}"),
               Paper(f"{rng.choice(words)} {i}", (), year=rng.choice([2016, 2017]),
                     authors=(rng.choice(["Kaiming He", "Jian Sun"]),) if rng.random() < 0.7 else ()))
              for i in range(rng.randint(1, 120))]
    taken = {PaperId(f"library:{i}"): f"{rng.choice(['he', 'sun', 'anon'])}{rng.choice([2016, 2017])}"
                                      f"{rng.choice(words)}{rng.choice(['', 'a', 'b', 'c', 'aa'])}"
             for i in range(rng.randint(0, 15))}
    taken[papers[0][0]] = "he2016deep"  # a paper with its own citekey keeps it
    assert paper_keys(papers, taken) == reference_keys(papers, taken)


def test_keys_tried_grow_linearly_with_papers_sharing_a_base(monkeypatch: pytest.MonkeyPatch) -> None:
    """k papers sharing a base try exactly k keys, plus one for each taken key in their way (the
    rule written the obvious way tries k * (k + 1) / 2: 320,400 for 800 papers)."""
    tried: list[str] = []
    candidate = bibtex._candidate_key

    def counted(base: str, number: int) -> str:
        tried.append(base)
        return candidate(base, number)

    monkeypatch.setattr(bibtex, "_candidate_key", counted)
    for count in (200, 800):
        tried.clear()
        taken = {PaperId(f"library:{i}"): f"anon2023learning{suffix}" for i, suffix in enumerate(["", "c", "f"])}
        keys = paper_keys(papers_sharing_a_base(count), taken)
        assert len(set(keys.values())) == count + 3
        assert len(tried) == count + 3
