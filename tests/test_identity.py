"""The keys a paper mention is recognised by, and the id it gets, exactly."""

from __future__ import annotations

import pytest

from papernotes.identity import PaperIndex, identity_keys, paper_id
from papernotes.model import NoteKey, Paper


def _paper(title: str, **facts: object) -> Paper:
    return Paper(title=title, sources=(), **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(("paper", "keys", "pid"), [
    (_paper("Latte: Latent Diffusion Transformer for Video Generation", arxiv="2401.03048", doi="10.1/x",
            note=NoteKey("Papers/Latte.md"), short_name="LDT"),
     ["arxiv:2401.03048", "doi:10.1/x", "note:Papers/Latte.md",
      "title:latte latent diffusion transformer for video generation", "title:ldt", "title:latte"],
     "arxiv:2401.03048"),
    (_paper("Segment Anything Model Two Point Oh: More", doi="10.2/y"),  # a 6-word head is not a name
     ["doi:10.2/y", "title:segment anything model two point oh more"], "doi:10.2/y"),
    (_paper("One Two Three Four: Rest"), ["title:one two three four rest", "title:one two three four"],
     "title:one-two-three-four-rest"),
    (_paper("One Two Three Four Five: Rest"), ["title:one two three four five rest"],
     "title:one-two-three-four-five-rest"),
    (_paper("A: b: c"), ["title:a b c", "title:a"], "title:a-b-c"),  # the first colon
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
