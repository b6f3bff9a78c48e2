"""Shapes of paper notes met in a new user's trial on vaults nobody here wrote (session 8):
look-alike fixtures, written for these tests."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from papernotes.graph import PaperGraph, build_graph
from papernotes.loader import load_vault
from papernotes.model import NoteKey

MakeVault = Callable[[dict[str, str | bytes]], Path]


def graph_of(make_vault: MakeVault, files: dict[str, str | bytes]) -> PaperGraph:
    vault = load_vault(make_vault(files))
    return build_graph(vault.notes, vault.attachments)


def paper_notes(graph: PaperGraph) -> set[str]:
    return {key for key, decision in graph.decisions.items() if decision.is_paper}


def paper_of(graph: PaperGraph, key: str) -> tuple[str, int | None]:
    paper = next(paper for paper in graph.papers.values() if paper.note == NoteKey(key))
    return paper.title, paper.year


# --- `Topic/2021 Title of the paper.md`: the year, then the title -----------------------------------

_EQUATIONS = "".join(f"$$\nx_{n} = \\sum_i w_i y_i + b_{n}\n$$\n\n" for n in range(8))

YEAR_NAMED: dict[str, str | bytes] = {
    "Rendering/2021 Sparse Voxel Fields for Fast View Synthesis.md": (
        "# Sparse Voxel Fields: Fast View Synthesis\n\n## Abstract\n\nVoxels, sparsely.\n\n"
        "## Method\n\nAn octree.\n"),
    "Rendering/2019 Learned Ray Marching Through Fog.md": (
        "## Abstract\n\nMarch rays; learn the step.\n\n## Method\n\nA net.\n\n## Experiments\n\nFog.\n"),
    "Rendering/2020 Flow Fields at Scale.md": (
        "# 2020 Flow Fields at Scale: Dense Motion for Long Videos\n\n## Abstract\n\nDense flow.\n\n"
        "## Method\n\n" + _EQUATIONS),
    "Rendering/2023 Goals.md": "# 2023 Goals\n\n## Method\n\nRead more.\n\n## Abstract\n\nA plan.\n",
    "Course/2 Parabolic Equations in One Variable.md": (
        "# Parabolic Equations\n\n## Method\n\nExplicit schemes.\n\n## Abstract\n\nChapter two.\n"),
}


def test_a_file_named_by_a_year_then_a_title_is_that_papers_note(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, YEAR_NAMED)
    assert paper_notes(graph) == {"Rendering/2021 Sparse Voxel Fields for Fast View Synthesis.md",
                                  "Rendering/2019 Learned Ray Marching Through Fog.md",
                                  "Rendering/2020 Flow Fields at Scale.md"}
    decision = graph.decisions[NoteKey("Rendering/2021 Sparse Voxel Fields for Fast View Synthesis.md")]
    assert [(signal.name, signal.weight) for signal in decision.signals][:2] == [
        ("year-name", 0.6), ("title-heading", 0.2)]
    # the note's own heading titles it; without one, the name after its year; a heading that
    # opens with the name's year is titled without it
    assert paper_of(graph, "Rendering/2021 Sparse Voxel Fields for Fast View Synthesis.md") == (
        "Sparse Voxel Fields: Fast View Synthesis", 2021)
    assert paper_of(graph, "Rendering/2019 Learned Ray Marching Through Fog.md") == (
        "Learned Ray Marching Through Fog", 2019)
    assert paper_of(graph, "Rendering/2020 Flow Fields at Scale.md") == (
        "Flow Fields at Scale: Dense Motion for Long Videos", 2020)


def test_display_math_is_not_code(make_vault: MakeVault) -> None:
    """A note mostly of `$$ … $$` equations is not `mostly code`; fenced code still is."""
    graph = graph_of(make_vault, {
        "equations.md": "# Flow\n\n" + _EQUATIONS,
        "script.md": "# Script\n\n" + "".join(f"```python\nprint({n})\nx = {n}\n```\n\n" for n in range(8)),
        "both.md": "# Both\n\n```sh\n$$ not math inside code\nls\nls\nls\n```\n\n" + _EQUATIONS,
    })
    names = {key: [signal.name for signal in decision.signals] for key, decision in graph.decisions.items()}
    assert "mostly-code" not in names["equations.md"]
    assert "mostly-code" not in names["both.md"]
    assert "mostly-code" in names["script.md"]


# --- A Jekyll post in Ochiai's summary format, its own reference last --------------------------------

OCHIAI_POST = """---
layout: post
title:  "Contextual Gates for Multi-scale Text Labelling"
date:   2019-07-09
categories: NLP
---

## 1. どんなもの？

大規模なテキスト分類。

## 2. 先行研究と比べてどこがすごいの？

ゲート構造。

## 3. 技術や手法の"キモ"はどこにある？

<img src="{{ site.baseurl }}/assets/img/figure1.png" alt="Figure 1">

## 4. どうやって有効だと検証した？

二つのデータセット。

## 5. 議論はあるか？

なし。

## 6. 次に読むべき論文はあるか？

- [Tran, Ben, and Chidi Okafor. "Gated Experts for Sparse Labels." Proceedings of the Web Conference. 2018.](https://arxiv.org/abs/1801.00002)
- Obi, Ada, et al. "Hierarchical Label Trees at Scale." arXiv preprint arXiv:1701.00001 (2017)

### 論文情報・リンク

- [Okafor, Chidi, et al. "Contextual Gates for Multi-scale Text Labelling." The Web Conference. ACM, 2019.](https://dl.acm.org/doi/10.1145/0000000.0000001)
"""

OCHIAI_TEMPLATE = """---
layout: post
title:  "論文タイトル"
date:   YYYY-MM-DD
categories: CV NLP
---

## 1. どんなもの？

## 2. 先行研究と比べてどこがすごいの？

## 3. 技術や手法の"キモ"はどこにある？

## 4. どうやって有効だと検証した？

## 5. 議論はあるか？

## 6. 次に読むべき論文はあるか？

### 論文情報・リンク

- [著者，"タイトル，" ジャーナル名，voluem，no.，ページ，年](論文リンク)
"""


def test_a_post_in_ochiais_format_with_its_own_reference_last(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {"_posts/2019-07-09-Contextual-Gates.md": OCHIAI_POST,
                                  "format.md": OCHIAI_TEMPLATE})
    assert paper_notes(graph) == {"_posts/2019-07-09-Contextual-Gates.md"}
    decision = graph.decisions[NoteKey("_posts/2019-07-09-Contextual-Gates.md")]
    found = {signal.name: signal for signal in decision.signals}
    assert found["paper-sections"].weight == 0.7
    assert found["citation-line"].line == 35
    assert [signal.name for signal in graph.decisions[NoteKey("format.md")].signals][:1] == ["template-title"]
    post = NoteKey("_posts/2019-07-09-Contextual-Gates.md")
    paper = next(paper for paper in graph.papers.values() if paper.note == post)
    assert (paper.title, paper.year, paper.authors) == (
        "Contextual Gates for Multi-scale Text Labelling", 2019, ("Chidi Okafor",))
    # the works it cites are listed by the titles inside their references
    cited = sorted((paper.title, paper.year) for paper in graph.papers.values() if paper.note is None)
    assert cited == [("Gated Experts for Sparse Labels", 2018), ("Hierarchical Label Trees at Scale", 2017)]


# --- `Topic/<Short>/summary.md`: one note per paper folder, all named alike ---------------------------

def _summary(title: str, link: str) -> str:
    return f"# {title}\n\n[paper]({link})  \n[code]()\n\n---\n* Overview\n  * what it does\n"


FOLDER_PER_PAPER: dict[str, str | bytes] = {
    "Detection/DeepHull/summary.md": _summary("Deep Hulls for One-Class Detection", "https://arxiv.org/abs/1802.00011"),
    "Detection/MemNorm/summary.md": _summary("Memorised Normality for Video Anomalies", ""),
    "Detection/GeoTrans/summary.md": _summary("Geometric Pretext Tasks for Outliers", ""),
    "Generative/PixelMix/PixelMix.md": (
        "# PixelMix: Latent Variables for Pixel Models\n---\n[paper](https://openreview.net/pdf?id=Xyz12)  \n"
        "* overview\n"),
    "Projects/Alpha/todo.md": "# Todo\n\n[paper]()\n",
    "Projects/Beta/todo.md": "# Todo\n\n[paper]()\n",
    "Projects/Gamma/todo.md": "# Todo\n\n[paper]()\n",
    "Detection/review.md": "# Notes on anomaly detection\n\nSee the folders.\n",
}


def test_folders_whose_only_notes_share_a_name_are_paper_folders(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, FOLDER_PER_PAPER)
    assert paper_notes(graph) == {"Detection/DeepHull/summary.md", "Detection/MemNorm/summary.md",
                                  "Detection/GeoTrans/summary.md", "Generative/PixelMix/PixelMix.md"}
    decision = graph.decisions[NoteKey("Detection/MemNorm/summary.md")]
    assert [(signal.name, signal.weight) for signal in decision.signals] == [
        ("folder-note", 0.5), ("title-heading", 0.2), ("paper-link-slot", 0.4)]
    assert paper_of(graph, "Detection/MemNorm/summary.md") == ("Memorised Normality for Video Anomalies", None)
    # a `---` rule between the title heading and its paper link keeps them one header
    assert [source.kind for source in next(paper.sources for paper in graph.papers.values()
                                           if paper.title.startswith("PixelMix"))] == ["paper-heading"]
    assert "folder-note" not in {signal.name for signal in graph.decisions[NoteKey("Projects/Alpha/todo.md")].signals}


# --- `## [Title (2013)](url)` opening a paper's note: the page shows its title once ------------------

def test_a_papers_own_lower_heading_is_not_shown_under_the_header(tmp_path: Path) -> None:
    from tests.test_site_build import build_site, page, write_vault

    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Papers\n\n- [[okafor2013tidewheel]]\n- [[obi2015summary]]\n",
        "papers/okafor2013tidewheel.md": """
            ## [TideWheel: Fault-Tolerant Tide Processing at Sea Scale (2013)](https://example.org/tidewheel.pdf)
            TideWheel processes tides.

            ## Design
            Buoys and wheels.
            """,
        "papers/obi2015summary.md": """
            ## Summary
            [Streams of Buoys for Harbour Control (2015)](https://example.org/buoys.pdf) is about buoys.

            ## Design
            A harbour.
            """,
    })
    site = build_site(docs, tmp_path / "site")

    def headings(url: str) -> list[str]:
        body = page(site, url).split("data-pagefind-body", 1)[1]
        return [re.sub(r"<[^>]*>", "", text).strip(" ¶") for text in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", body,
                                                                              re.DOTALL)]

    tide = headings("papers/okafor2013tidewheel")
    assert [text for text in tide if "TideWheel" in text] == ["TideWheel: Fault-Tolerant Tide Processing at Sea Scale"]
    assert "Design" in tide
    # a section heading that opens a note stays
    assert "Summary" in headings("papers/obi2015summary")


# --- Logseq: `tags:: [[VAE]] [[segmentation]] tracking` is three tags ---------------------------------

def test_logseq_tags_written_side_by_side_are_each_a_tag(make_vault: MakeVault) -> None:
    vault = load_vault(make_vault({
        "logseq/config.edn": "{:meta/version 1}\n",
        "pages/SegVT.md": "---\ntags: [[VAE]] [[segmentation]] tracking\n---\n\n- Segmenting with trackers\n",
        "pages/DTLV.md": "tags:: [[VAE]] [[semantic segmentation]], object tracking, #a #b\n\n- Dense tracking\n",
        "pages/Plain.md": "tags:: [[one, two]], #three\n\n- notes\n",
    }))
    tags = {note.path: note.tags for note in vault.notes}
    assert tags == {"pages/SegVT.md": ("VAE", "segmentation", "tracking"),
                    "pages/DTLV.md": ("VAE", "semantic segmentation", "object tracking", "a", "b"),
                    "pages/Plain.md": ("one, two", "three")}


# --- A paper-review repository tracked in GitHub issues -----------------------------------------------

def test_issue_references_and_arxiv_author_searches(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": (
            "## paper list\n\n"
            "- [x] team/paper-review#1 Tidal Diffusion for Harbour Maps (CVPR 2022)\n"
            "  - [Original Paper Link](https://arxiv.org/abs/2112.00001) / [Review (Ada)](Ada/Tidal.md)\n"
            "- [ ] #4 Sparse Buoy Networks\n"),
        "Ada/Tidal.md": (
            "# Tidal Diffusion for Harbour Maps\n\n#### [Link](https://arxiv.org/abs/2112.00001)\n\n"
            "- Author/Institution : [Ada Obi](https://arxiv.org/search/cs?searchtype=author&query=Obi,+A), "
            "[Ben Tran](https://arxiv.org/search/cs?searchtype=author&query=Tran,+B), "
            "[Chidi Okafor](https://arxiv.org/a/okafor_c_1)\n\n## Abstract\n\nTides.\n"),
    })
    assert sorted(paper.title for paper in graph.papers.values()) == [
        "Sparse Buoy Networks", "Tidal Diffusion for Harbour Maps"]
    assert "many-papers" not in {signal.name for signal in graph.decisions[NoteKey("Ada/Tidal.md")].signals}
