"""The keys a paper mention is recognised by, and the id it gets, exactly."""

from __future__ import annotations

import pytest

from papernotes.identity import PaperIndex, identity_keys, paper_id
from papernotes.ids import arxiv_date
from papernotes.model import NoteKey, Paper


def _paper(title: str, **facts: object) -> Paper:
    return Paper(title=title, sources=(), **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(("paper", "keys", "pid"), [
    (_paper("Latte: Latent Diffusion Transformer for Video Generation", arxiv="2401.03048", doi="10.1/x",
            note=NoteKey("Papers/Latte.md"), short_name="LDT"),
     ["arxiv:2401.03048", "doi:10.1/x", "note:Papers/Latte.md",
      "title:latte latent diffusion transformer for video generation", "name:ldt", "name:latte"],
     "arxiv:2401.03048"),
    (_paper("Segment Anything Model Two Point Oh: More", doi="10.2/y"),  # a 6-word head is not a name
     ["doi:10.2/y", "title:segment anything model two point oh more"], "doi:10.2/y"),
    (_paper("One Two Three Four: Rest"), ["title:one two three four rest", "name:one two three four"],
     "title:one-two-three-four-rest"),
    (_paper("One Two Three Four Five: Rest"), ["title:one two three four five rest"],
     "title:one-two-three-four-five-rest"),
    (_paper("A: b: c"), ["title:a b c", "name:a"], "title:a-b-c"),  # the first colon
    (_paper(": no head"), ["title:no head"], "title:no-head"),
    (_paper("Plain", short_name="  "), ["title:plain"], "title:plain"),
])
def test_identity_keys_and_id(paper: Paper, keys: list[str], pid: str) -> None:
    assert identity_keys(paper) == keys
    assert paper_id(paper) == pid


def _merge(*titles: str) -> list[list[str]]:
    """Which of the titles (one mention each) end up as one paper, by paper in id order."""
    index = PaperIndex()
    for title in titles:
        index.add(_paper(title))
    papers, mention_ids, _ = index.freeze()
    return [[titles[m] for m, pid in sorted(mention_ids.items()) if pid == paper] for paper in papers]


def test_one_head_with_two_subtitles_is_two_papers() -> None:
    spatial = "Dynamic Convolutions: Exploiting Spatial Sparsity for Faster Inference"
    kernels = "Dynamic Convolutions: Attention over Convolution Kernels"
    assert sorted(_merge(spatial, kernels)) == [[kernels], [spatial]]
    # A queue item's short name joins the first of them, and never bridges the two.
    assert sorted(_merge(spatial, "Dynamic Convolutions", kernels)) == [
        [kernels], [spatial, "Dynamic Convolutions"]]
    assert sorted(_merge("Dynamic Convolutions", spatial, kernels)) == [
        ["Dynamic Convolutions", spatial], [kernels]]


def test_a_shortened_subtitle_still_joins_its_paper() -> None:
    full = "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    cut = "BERT: Pre-training of Deep Bidirectional Transformers"
    assert _merge(full, cut, "BERT") == [[full, cut, "BERT"]]


def test_a_short_name_joins_a_full_title_but_two_full_titles_sharing_it_stay_apart() -> None:
    index = PaperIndex()
    scenes = index.add(_paper("NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis", year=2020))
    review = index.add(_paper("NeRF: Neural Radiance Field in 3D Vision, Introduction and Review"))
    short = index.add(_paper("NeRF"))
    again = index.add(_paper("NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis"))
    papers, ids, _ = index.freeze()
    assert sorted(paper.title for paper in papers.values()) == [
        "NeRF: Neural Radiance Field in 3D Vision, Introduction and Review",
        "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis"]
    assert ids[scenes] == ids[short] == ids[again] != ids[review]


@pytest.mark.parametrize(("ident", "date"), [
    ("2502.20900", (2025, 2)), ("0704.0001", (2007, 4)), ("1308.4673", (2013, 8)),
    ("hep-th/9901001", (1999, 1)), ("math.GT/0309136", (2003, 9)),
    ("0613.12345", None), ("0512.1234", None),  # no month 13; new-style ids began in April 2007
    ("CVPR", None), ("12.34", None),
])
def test_the_date_an_arxiv_id_was_given(ident: str, date: tuple[int, int] | None) -> None:
    assert arxiv_date(ident) == date


def test_a_paper_stating_no_year_takes_its_arxiv_ids_and_a_stated_year_wins() -> None:
    index = PaperIndex()
    undated = index.add(_paper("Sparse Wavelet Priors", arxiv="2502.20900"))
    listed = index.add(_paper("Sparse Wavelet Priors", year=2026))  # a venue year, on another mention
    alone = index.add(_paper("Gated Mixers", arxiv="1911.00001"))
    papers, ids, _ = index.freeze()
    assert ids[undated] == ids[listed]
    assert (papers[ids[undated]].year, papers[ids[undated]].month) == (2026, None)
    assert (papers[ids[alone]].year, papers[ids[alone]].month) == (2019, 11)
