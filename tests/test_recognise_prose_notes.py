"""Paper notes written mostly as prose under a model's name, in a Dendron-like hierarchy: the
parts of a paper they refer to, an abstract as their first section, a project page, sibling notes
that are papers. Look-alike notes written here (not copied from any vault)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from papernotes import cli
from papernotes.graph import PaperGraph, build_graph
from papernotes.loader import load_note, load_vault
from papernotes.model import Note
from papernotes.recognise import Decision, Facts, Signal, paper_siblings, with_signal
from papernotes.recognise.anatomy import abstract_heading_signals, paper_parts_signals, project_page_signals
from papernotes.recognise.fields import field_signals

MakeVault = Callable[[dict[str, str | bytes]], Path]


def dendron(title: str, body: str) -> str:
    return f"---\nid: {title.encode().hex()[:16]}\ntitle: {title}\ndesc: ''\n---\n\n{body}"


def stated(name: str, year: int) -> str:
    """A sibling that is a paper's note by its own fields."""
    return dendron(name, f"论文：{name}: Learning to Grasp Anything\n作者：Ada Obi, Ben Tran\n年份：{year}\n\n"
                         "方法很简单。\n")


SIBLINGS = {f"vision.{name}.md": stated(name, 2020 + index)
            for index, name in enumerate(["GraspOne", "GraspTwo", "PoseNine", "DepthAny", "FlowLite"])}

PROSE_NOTES: dict[str, str | bytes] = {
    **SIBLINGS,
    # numbered figures and numbered citations in the text, a slug name, among papers
    "vision.PatchNet_分块图像编码.md": dendron("PatchNet_分块图像编码", (
        "把图像切成小块后逐块编码，再交给策略头。\n\n![fig2](assets/fig2.png)\n\n"
        "沿用 ViT [12] 的做法，如图 2 所示，编码器只看局部。\n")),
    # a project page and the paper link in a closing section, the appendix named in the text
    "vision.GraspKit.md": dendron("GraspKit", (
        "一个分层的抓取框架，高层规划，低层扩散策略。\n\n" + "规划器先选物体，再给出边框。\n\n" * 6
        + "## 细节\n\n提示词的设计写在附录里。\n\n" + "控制器每步预测一段动作。\n\n" * 4 +
        "## Ref and Tag\n\n[项目主页](https://graspkit.example.github.io/)\n"
        "[paper](https://arxiv.org/abs/2501.01234)\n")),
    # the writer's #paper tag, figures and the appendix, then a long stretch of code
    "vision.RigCam.md": dendron("RigCam", (
        "用手持夹爪采集演示数据。\n\n如 Fig. 3 所示，相机延迟的测量见附录 A2。\n\n对齐各路观测的时间。\n\n"
        "## 环境配置\n\n```bash\n"
        + "pip install something\n" * 30 + "```\n\n#paper\n")),
    # an abstract as the first section, and the core idea: no sibling papers needed
    "lm.Tiny_VL-2.md": dendron("Tiny_VL-2", (
        "## 摘要\n\n此工作让小模型看懂长视频。\n\n## 核心思路\n\n- 窗口注意力\n- 动态帧率\n")),
    # a note on a tool among the papers: a slug name and its siblings are not enough
    "vision.camera_calibration_notes.md": dendron("camera_calibration_notes", "标定相机的步骤。\n"),
    # the same figures and citations, in a hierarchy without papers: not enough alone
    "misc.PatchNet_分块图像编码.md": dendron("PatchNet_分块图像编码", (
        "沿用 ViT [12] 的做法，如图 2 所示，编码器只看局部。\n\n![fig2](assets/fig2.png)\n")),
}


def graph_of(make_vault: MakeVault, files: dict[str, str | bytes]) -> PaperGraph:
    vault = load_vault(make_vault(files))
    return build_graph(vault.notes, vault.attachments)


def names(graph: PaperGraph, key: str) -> list[str]:
    return [signal.name for signal in graph.decisions[key].signals]


def test_prose_notes_among_papers_are_papers_and_a_tool_note_is_not(make_vault: MakeVault) -> None:
    graph = graph_of(make_vault, PROSE_NOTES)
    papers = {key for key, decision in graph.decisions.items() if decision.is_paper}
    assert papers == set(SIBLINGS) | {"vision.PatchNet_分块图像编码.md", "vision.GraspKit.md", "vision.RigCam.md",
                                      "lm.Tiny_VL-2.md"}
    assert names(graph, "vision.PatchNet_分块图像编码.md") == ["slug-name", "paper-parts", "paper-siblings"]
    assert graph.decisions["vision.PatchNet_分块图像编码.md"].score == 1.0
    assert names(graph, "vision.GraspKit.md") == ["paper-link", "project-page", "paper-parts", "paper-siblings"]
    assert names(graph, "vision.RigCam.md") == ["paper-tag", "paper-parts", "mostly-code", "paper-siblings"]
    rig = {signal.name: signal for signal in graph.decisions["vision.RigCam.md"].signals}
    assert (rig["mostly-code"].weight, rig["paper-parts"].weight) == (-0.25, 0.5)
    assert names(graph, "lm.Tiny_VL-2.md") == ["slug-name", "abstract-heading", "paper-sections"]
    assert graph.decisions["vision.camera_calibration_notes.md"].score == 0.5  # slug-name and siblings
    assert graph.decisions["misc.PatchNet_分块图像编码.md"].score == 0.8
    assert graph.decisions["misc.PatchNet_分块图像编码.md"].is_paper is False


def test_explain_shows_the_siblings_and_the_parts_of_the_paper(
        make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    vault = make_vault(PROSE_NOTES)
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    assert cli.main(["explain", "vision.PatchNet_分块图像编码.md", "--vault", str(vault)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("vision.PatchNet_分块图像编码.md: is a paper's note: score 1.0, threshold 1.0\n")
    assert "+0.5  paper-parts            refers to a paper's figures, numbered citations (line " in out
    assert "+0.2  paper-siblings         5 of the 8 other notes in `vision/` are papers' notes\n" in out


def note(text: str, key: str = "x.md") -> Note:
    loaded, _ = load_note(key, text.encode())
    assert loaded is not None
    return loaded


def test_a_figures_title_or_a_code_block_is_no_part_of_a_paper() -> None:
    assert paper_parts_signals(note("# Figure 1. Street layouts in the old town\n\nA map.\n")) == []
    assert paper_parts_signals(note("Setup.\n\n```\nfig 2 = plot(table 3)\nx [1]\n```\n")) == []
    assert paper_parts_signals(note("See [1](https://x.org) and [2]: https://y.org\n")) == []
    assert paper_parts_signals(note("We configure 3 nodes, 地图 2 张, reconfigurable tables.\n\n( [4] )\n")) == []
    assert [s.reason for s in paper_parts_signals(note("正文。\n\n细节见附录 A2，沿用 RT-1 [13]。\n"))] == [
        "refers to a paper's appendix, numbered citations"]
    found = paper_parts_signals(note("# PatchNet\n\nThe encoder (Table 2) follows DETR [4].\n"))
    assert [(s.name, s.weight, s.reason, s.line) for s in found] == [
        ("paper-parts", 0.5, "refers to a paper's figures, numbered citations", 3)]


def test_an_abstract_heading_needs_text_and_a_summary_is_not_an_abstract() -> None:
    assert [s.name for s in abstract_heading_signals(note("## Abstract\n\nWe tile the array.\n"))] == [
        "abstract-heading"]
    assert abstract_heading_signals(note("## Abstract\n\n## Method\nTiles.\n")) == []
    assert abstract_heading_signals(note("## 概要\n\n这个工具很好用。\n")) == []
    assert abstract_heading_signals(note("## Setup\n\n## Abstract\nLater.\n")) == []


def test_a_project_page_is_one_and_not_on_a_code_host() -> None:
    assert [s.reason for s in project_page_signals(note("[project page](https://tiles.example.io/)\n"))] == [
        "links a project page (https://tiles.example.io/)"]
    assert project_page_signals(note("[project](https://github.com/ada/tiles)\n")) == []
    assert project_page_signals(note("[website](https://code.example.com/docs)\n")) == []
    assert project_page_signals(note("[project](https://a.example.io/)\n[project](https://b.example.io/)\n")) == []


def test_siblings_need_five_papers_and_two_fifths_of_the_folder() -> None:
    parents = {f"p{index}.md": "vision" for index in range(5)} | {"x.md": "vision", "y.md": "other"}
    papers = {key: key.startswith("p") for key in parents}
    found = paper_siblings(parents, papers)
    assert list(found) == ["x.md"]
    assert (found["x.md"].weight, found["x.md"].reason) == (
        0.2, "5 of the 5 other notes in `vision/` are papers' notes")
    assert paper_siblings(parents, papers | {"p4.md": False}) == {}  # four papers
    crowded = parents | {f"n{index}.md": "vision" for index in range(8)}  # 5 of 13 other notes
    assert paper_siblings(crowded, {key: key.startswith("p") for key in crowded}) == {}
    top = paper_siblings({f"p{index}.md": "" for index in range(5)} | {"x.md": ""},
                         {f"p{index}.md": True for index in range(5)})
    assert top["x.md"].reason == "5 of the 5 other notes in the vault's top folder are papers' notes"


def test_authors_lose_the_marks_after_their_names() -> None:
    _, facts = field_signals(note("作者：Ada Obi*, Ben Tran†, Jun Li1,2, Mei Lin‡, Kim Seo 5 and Tom Ru³ "
                                  "(*表示同等贡献, †表示通讯作者)\n年份：2024\n"))
    assert facts.authors == ("Ada Obi", "Ben Tran", "Jun Li", "Mei Lin", "Kim Seo", "Tom Ru")


def test_robotics_science_and_systems_is_a_venue() -> None:
    signals, facts = field_signals(note("RSS 2025 Best Paper。用到了行为树。\n\n正文。\n"))
    assert ([s.name for s in signals], facts.venue, facts.year) == (["paper-fields"], "RSS", 2025)


def test_a_sibling_signal_never_overrides_the_users_word() -> None:
    sibling = Signal("paper-siblings", 0.2, "5 of the 6 other notes in `vision/` are papers' notes")
    mine = Decision("vision/x.md", False, 0.9, (), Facts(), "frontmatter `paper: false`")
    assert with_signal(mine, sibling) is mine
    added = with_signal(Decision("vision/y.md", False, 0.8, (), Facts()), sibling)
    assert (added.is_paper, added.score, added.signals) == (True, 1.0, (sibling,))
