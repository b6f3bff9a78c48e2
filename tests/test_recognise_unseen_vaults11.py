"""Shapes of paper notes from session 11's new-user trial (branch trial11): look-alike fixtures,
written for these tests (the trial's vaults are other people's notes and are never committed)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.test_recognise_unseen_vaults9 import MakeVault, graph_of, paper_notes, paper_of
from tests.test_site_build import build_site, write_vault

# --- a Chinese note named "paper reading notes" is a note on one paper, not a reading list ------------

_READING_NOTE = """---
tags:
  - 论文阅读
---
# Lantern Networks for Harbour Lights

| 属性 | 值 |
|------|-----|
| 标题 | Lantern Networks for Harbour Lights |
| 作者 | Ada Obi, Ben Tran |
| 会议/期刊 | NeurIPS |
| 年份 | 2021 |
| 链接 | https://arxiv.org/abs/2101.01234 |

## 关键洞察 / 创新点

1. **Beam Sweeping 替代 Fixed Lamps**：用旋转光束覆盖整个港口，常数级延迟
2. **Harbour Maps**：多张地图并行
3. **Tide-Aware Scheduling**：根据潮汐调整灯光
- 灯塔序列模型计算是顺序的（无法并行），长程依赖需要多步才能传递信号

## 阅读进度

- [ ] 阅读原文
- [x] 泛读
"""


def test_a_note_named_paper_reading_notes_is_one_papers_note(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {"lantern-networks/论文阅读笔记.md": _READING_NOTE,
                                  "lists/论文列表.md": "# 待读\n\n- Lantern Networks for Harbour Lights at Night\n"
                                                     "- Tides of the Harbour and the Moon\n"})
    assert "lantern-networks/论文阅读笔记.md" in paper_notes(graph)
    paper = paper_of(graph, "lantern-networks/论文阅读笔记.md")
    assert paper.title == "Lantern Networks for Harbour Lights"
    titles = sorted(p.title for p in graph.papers.values())
    # its numbered ideas are no papers; a note named as a list (`论文列表`) still lists papers
    assert not any("Beam" in t or "灯塔" in t or "Harbour Maps" in t for t in titles), titles
    assert "Lantern Networks for Harbour Lights at Night" in titles


# --- the notes of one paper in its folder: `<Title> 论文解析`, `… 原文翻译`, bilingual field labels --------

_ANALYSIS = """# Lantern Networks for Harbour Lights {kind}

## 0. 论文基本信息

**作者 (Authors)**: Ada Obi, Ben Tran, et al.

**发表期刊/会议 (Journal/Conference)**: {venue}

**发表年份 (Publication Year)**: 2021

**研究机构 (Affiliations)**: Harbour University

## 1. 摘要

灯塔。Figure 1 shows the lamps; the appendix has the rest.
"""


def test_the_notes_of_one_paper_share_its_title_without_their_kind(make_vault: MakeVault) -> None:
    folder = "NeurIPS21/lantern-networks-for-harbour-lights/"
    graph = graph_of(make_vault, {
        folder + "paper_notes.md": _ANALYSIS.format(kind="论文解析", venue="NeurIPS"),
        folder + "translation_notes.md": _ANALYSIS.format(kind="原文翻译", venue="NeurIPS"),
        "zh/灯塔网络 论文解析.md": "# 灯塔网络 论文解析\n\n**作者 (Authors)**: Ada Obi\n\n灯塔。\n",
        "en/Tides.md": "# Tides of Harbour 论文解析\n\n**发表年份 (Publication Year)**: 2020\n\n"
                       "**会议 (Venue)**: unknown\n\n**作者 (Authors)**: Anonymous\n\n"
                       "**链接 (Link)**: https://arxiv.org/abs/2001.04321\n\nFigure 1.\n",
    })
    paper = paper_of(graph, folder + "paper_notes.md")
    assert paper.title == "Lantern Networks for Harbour Lights"
    assert {source.path for source in paper.sources} >= {folder + "paper_notes.md", folder + "translation_notes.md"}
    assert (paper.venue, paper.year, paper.authors) == ("NeurIPS", 2021, ("Ada Obi", "Ben Tran"))
    # their folder is named after the paper: no warning that only their titles joined them
    assert not [d for d in graph.diagnostics if d.code == "title-only-merge"], graph.diagnostics
    tides = paper_of(graph, "en/Tides.md")
    assert (tides.title, tides.year, tides.venue, tides.authors) == ("Tides of Harbour", 2020, None, ())
    # a title in Chinese keeps its last words
    assert all(p.title != "灯塔网络" for p in graph.papers.values())


# --- `| 属性 | 值 |` tables of a paper's facts ------------------------------------------------------------

def test_a_two_column_table_of_facts_gives_the_papers_facts(make_vault: MakeVault) -> None:
    table = ("# Lantern Networks for Harbour Lights\n\n| 属性 | 值 |\n|------|-----|\n"
             "| 标题 | Lantern Networks for Harbour Lights |\n| 作者 | Ada Obi, Ben Tran |\n"
             "| 会议/期刊 | NeurIPS |\n| 年份 | 2017 |\n| 阅读日期 | 2026-06-17 |\n\n## 一句话总结\n\n灯塔。\n")
    header = ("# Tides\n\n| Paper | Year |\n| --- | --- |\n| [Tides of Harbour](https://arxiv.org/abs/2001.01234) "
              "| 2020 |\n")
    graph = graph_of(make_vault, {"notes/lantern.md": table, "notes/tides.md": header})
    paper = paper_of(graph, "notes/lantern.md")
    assert (paper.year, paper.venue, paper.authors) == (2017, "NeurIPS", ("Ada Obi", "Ben Tran"))
    assert "notes/tides.md" not in paper_notes(graph)  # a table of papers: its header names columns


# --- `# 제목: Title`, and a dated note in a folder of its year -----------------------------------------

_DAILY = """# {label}{title}

- **학회:** {venue}
- **링크:** https://arxiv.org/abs/{arxiv}
- **분야:** Depth Completion

## 1. 요약
- 등대.

## 2. 핵심 기여
- 빠르다.
"""


def test_a_title_label_and_a_dated_notes_year_folder(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "papers/2026/2026-04-17-Lantern Networks.md": _DAILY.format(
            label="제목: ", title="Lantern Networks: Harbour Lights", venue="CVPR 2024", arxiv="2403.01234"),
        "papers/2026/2026-04-18-Tides of the Harbour at Night.md": _DAILY.format(
            label="", title="Tides of the Harbour at Night", venue="미확인", arxiv="2404.01234"),
        "papers/2019/Buoys at Dawn and Dusk.md": _DAILY.format(
            label="Title: ", title="Buoys at Dawn and Dusk", venue="ICML", arxiv="1904.01234"),
    })
    lantern = paper_of(graph, "papers/2026/2026-04-17-Lantern Networks.md")
    assert (lantern.title, lantern.year, lantern.venue) == ("Lantern Networks: Harbour Lights", 2024, "CVPR")
    tides = paper_of(graph, "papers/2026/2026-04-18-Tides of the Harbour at Night.md")
    # `미확인`: not known; the year is its arXiv id's, 2026 only the year it was read in
    assert (tides.year, tides.venue) == (2024, None)
    buoys = paper_of(graph, "papers/2019/Buoys at Dawn and Dusk.md")
    assert (buoys.title, buoys.year) == ("Buoys at Dawn and Dusk", 2019)  # a year folder, no dated name


# --- the reader's progress through a paper is no reading queue --------------------------------------

def test_progress_steps_are_no_queue(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "notes/lantern.md": "# Lantern Networks for Harbour Lights\n\n## 0. AI 阅读工作流\n\n### 0.3 当前进度\n\n"
                            "- [x] 第 1 轮：快读建模\n- [ ] 第 2 轮：方法深拆\n\n## Reading progress\n\n"
                            "- [ ] [[Tides]]\n",
        "notes/Tides.md": "# Tides\n\nSea.\n",
        "queue.md": "# 待读论文\n\n- [ ] Buoys at Dawn and Dusk in Harbours\n",
    })
    titles = {paper.title for paper in graph.papers.values()}
    assert not any("轮" in title for title in titles), titles
    assert "Buoys at Dawn and Dusk in Harbours" in titles
    assert any(source.kind == "queue" for paper in graph.papers.values() for source in paper.sources
               if paper.title == "Tides"), titles  # a linked step under `Reading progress` still is


# --- a README that cites its notes by their GitHub address: `[Title](https://github.com/…/blob/…/x.md), ICML 2019 (3)`

_BLOB = "https://github.com/ada/Paper_Notes/blob/master/"


def test_a_readme_citing_its_own_notes_by_their_github_address(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "README.md": "# Paper notes\n\n## 2019 RL Papers\n\n"
                     f"- [Lantern Networks for Harbour Lights]({_BLOB}rl/Lantern_Networks_for_Harbour_Lights.md), "
                     "ICML 2019 (3)\n"
                     f"- [Tides of the Harbour at Night]({_BLOB}rl/Tides_of_the_Harbour_at_Night.md) NeurIPS 2018 (5)\n"
                     f"- [Harbour Talks and Their Slides]({_BLOB}rl/Harbour_Talks.md)\n"
                     "- Buoys at Dawn: Floating in Harbours, arXiv 2019 (1)\n"
                     "- Handbook of Harbour Lights, Proceedings of the IEEE 1981 (2)\n"
                     "- Learning to read the tides is what we do, ICML 2019\n",
        "rl/Lantern_Networks_for_Harbour_Lights.md": "# Lantern Networks for Harbour Lights\n\nLamps in harbours.\n",
        "rl/Tides_of_the_Harbour_at_Night.md": "# Tides of the Harbour at Night\n\nTides.\n",
        "rl/Harbour_Talks.md": "# Harbour Talks\n\nSlides of talks.\n",
    })
    lantern = paper_of(graph, "rl/Lantern_Networks_for_Harbour_Lights.md")
    assert (lantern.year, lantern.venue) == (2019, "ICML")
    assert any(source.path == "README.md" for source in lantern.sources)
    tides = paper_of(graph, "rl/Tides_of_the_Harbour_at_Night.md")
    assert (tides.year, tides.venue) == (2018, "NeurIPS")
    assert "rl/Harbour_Talks.md" not in paper_notes(graph)  # a linked item with no venue or year: not enough
    by_title = {paper.title: paper for paper in graph.papers.values()}
    buoys = by_title["Buoys at Dawn: Floating in Harbours"]  # an unlinked item with its venue and year
    assert (buoys.year, buoys.venue) == (2019, "arXiv")
    assert not any(paper.authors for paper in graph.papers.values())  # `Proceedings` is no one's name
    assert not any(title.startswith("Learning to read") for title in by_title)  # a sentence is no title


# --- GitBook: `[ATC '21] Title` items, and images in its hidden `.gitbook/assets/` ----------------------

def test_a_gitbook_index_of_venue_tagged_items(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "systems/README.md": "# Systems papers\n\n## Reading list\n\n"
                             "* \\[ATC '21] Lantern Offload: Democratizing Harbour Lights "
                             "([pdf](https://arxiv.org/pdf/2101.06840.pdf))\n"
                             "* [\\[SC '20\\] Tides: Memory Optimizations Toward Harbours](tides.md) "
                             "([pdf](https://arxiv.org/pdf/1910.02054.pdf))\n",
        "systems/tides.md": "# \\[2020 SC] Tides: Memory Optimizations Toward Harbours\n\n## Summary\n\nTides.\n",
    })
    found = {paper.title: (paper.venue, paper.year) for paper in graph.papers.values()}
    assert found.get("Lantern Offload: Democratizing Harbour Lights") == ("ATC", 2021), found
    assert found.get("Tides: Memory Optimizations Toward Harbours") == ("SC", 2020), found


def test_a_link_into_a_hidden_folder_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {
        "notes/lantern.md": "# Lantern\n\n![lamp](../.gitbook/assets/lamp.png)\n\n![gone](../assets/gone.png)\n",
    })
    (docs / ".gitbook" / "assets").mkdir(parents=True)
    (docs / ".gitbook" / "assets" / "lamp.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.papernotes"):
        site = build_site(docs, tmp_path / "site", strict=False)
    messages = [record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.papernotes"]
    assert any("../.gitbook/assets/lamp.png is in the hidden folder .gitbook/" in m and "never read or published" in m
               for m in messages), messages
    assert any("there is no assets/gone.png in the vault" in m for m in messages), messages
    assert not (site / ".gitbook").exists()  # hidden folders are never published


# --- a translated paper's references in Springer's LNCS style: `[10] Obi, A., Tran, B.: Title. In: ICML (2020)`

def test_lncs_references_are_titled_by_their_title(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, {
        "sources/lantern_translated.md": "# Lantern Networks for Harbour Lights\n\n## References\n\n"
            "-   [1] Obi, A., Tran, B.T.: Tides: a unified white-box model of harbours. arXiv preprint (2023)\n"
            "-   [2] Okafor, C., Van Gool, L., Li, J.: Are lanterns more robust than buoys? In: NeurIPS (2021)\n"
            "-   [3] Obi, A.: Beacons at dawn. In: ICML. IEEE (2020)\n",
    })
    found = {paper.title: (paper.year, paper.venue, paper.authors) for paper in graph.papers.values()}
    assert found.get("Tides: a unified white-box model of harbours") == (2023, None, ("Obi", "Tran")), found
    assert found.get("Are lanterns more robust than buoys?") == (2021, "NeurIPS", ("Okafor", "Van Gool", "Li")), found
    assert found.get("Beacons at dawn") == (2020, "ICML", ("Obi",)), found
