"""Papers a topic note cites inline: `Name, Venue: URL` and `Venue: Title. URL` lines, references in
paragraphs or after a topic label, plain titles and wrapped references under `## papers` (look-alike
notes written here)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.entries.links import host_kind
from papernotes.graph import build_graph
from papernotes.loader import load_note, load_vault
from papernotes.model import Paper

MakeVault = Callable[[dict[str, str | bytes]], Path]
DENDRON = "---\nid: {id}\ntitle: {title}\ndesc: ''\n---\n\n"


def papers(text: str, key: str = "robotics.GraspLM.md") -> list[Paper]:
    note, _ = load_note(key, text.encode())
    assert note is not None
    return note.papers


def facts(found: list[Paper]) -> list[tuple[object, ...]]:
    return [(p.title, p.venue, p.year, p.arxiv, p.sources[0].line, p.sources[0].kind) for p in found]


def test_a_name_its_venue_and_the_papers_link_each_on_a_line() -> None:
    text = DENDRON.format(id="g1", title="GraspLM") + (
        "对比几篇工作。\n\nGraspLM, CoRL: https://arxiv.org/html/2406.01111v1\n\n"
        "PokeLLM, CVPR: https://arxiv.org/abs/2312.02222\n\nEmbodiedPoke, NIPS 2023: https://arxiv.org/abs/2305.03333\n\n"
        "ICLR oral: Open-World Poking over Long Short-Term Plans. https://poke.example.github.io/, "
        "https://arxiv.org/pdf/2410.04444\n")
    assert facts(papers(text)) == [
        ("PokeLLM", "CVPR", None, "2312.02222", 11, "venue-line"),
        ("EmbodiedPoke", "NeurIPS", 2023, "2305.03333", 13, "venue-line"),
        ("Open-World Poking over Long Short-Term Plans", "ICLR", None, "2410.04444", 15, "venue-line")]
    assert facts(papers("- PokeLLM, CVPR: https://arxiv.org/abs/2312.02222\n", "x.md")) == [
        ("PokeLLM", "CVPR", None, "2312.02222", 1, "venue-line")]


def test_a_venue_then_the_papers_link_labelled_with_its_title() -> None:
    text = ("ICLR 2025，[POKERS KNOW WHERE TO LOOK](https://arxiv.org/pdf/2502.05555)，[代码例子](https://github.com/a/b)\n\n"
            "ICLR 2025，[POKERS KNOW WHERE TO LOOK](https://arxiv.org/pdf/2502.05555) 这篇很好\n\n"  # then prose
            "Monday，[POKERS KNOW WHERE TO LOOK](https://arxiv.org/pdf/2502.05555)\n\n"  # no venue
            "ICLR 2025，[Pokers](https://arxiv.org/pdf/2502.05555)\n\n"  # a label of one word
            "ICLR 2025，[POKERS KNOW WHERE TO LOOK](https://pokers.example.com/)\n")  # no paper's link
    assert facts(papers(text, "insights.md")) == [
        ("POKERS KNOW WHERE TO LOOK", "ICLR", 2025, "2502.05555", 1, "venue-line")]


def test_lines_that_are_not_a_paper_with_its_venue() -> None:
    text = ("Cooking, Monday: https://arxiv.org/abs/2312.02222\n\n"  # not a venue
            "PokeLLM, CVPR: https://github.com/ada/pokellm\n\n"  # not a paper's link
            "PokeLLM, CVPR: https://arxiv.org/abs/2312.02222 is what we build on\n\n"  # a sentence
            "A long name of seven words here, CVPR: https://arxiv.org/abs/2312.02222\n\n"
            "CVPR: Two words. https://arxiv.org/abs/2312.02222\n\n"  # too short a title
            "See https://arxiv.org/abs/2312.02222\n\n"
            "Broken, CVPR: https://[0]/x\n")
    assert facts(papers(text, "notes.md")) == []
    assert host_kind("https://[0]/x") == "other"


def test_the_notes_own_line_keeps_it_a_paper_and_the_others_are_its_citations(make_vault: MakeVault) -> None:
    vault = load_vault(make_vault({"robotics.GraspLM.md": DENDRON.format(id="g1", title="GraspLM") + (
        "对比几篇工作。\n\nGraspLM, CoRL: https://arxiv.org/html/2406.01111v1\n\n"
        "PokeLLM, CVPR: https://arxiv.org/abs/2312.02222\n\nEmbodiedPoke, NIPS: https://arxiv.org/abs/2305.03333\n\n"
        "# Related Work\n关节。\n\n# Method\n夹爪。\n\n#paper\n")}))
    graph = build_graph(vault.notes, vault.attachments)
    decision = graph.decisions["robotics.GraspLM.md"]
    assert (decision.is_paper, decision.score) == (True, 1.2)  # no `list-of-papers`: they are its citations
    assert [s.name for s in decision.signals] == ["paper-tag", "paper-link", "many-papers", "paper-sections"]
    assert sorted(paper.title for paper in graph.papers.values()) == ["EmbodiedPoke", "GraspLM", "PokeLLM"]


def test_a_reference_under_papers_after_a_topic_label_with_its_venue_in_parentheses() -> None:
    text = ("## papers\n"
            "* 强化学习：A. Obi, B. Tran, and C. Li, “Safe poking with formal checks for soft tissue,” in 2021 "
            "IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS).   IEEE, 2021, pp. 1–9.\n"
            "* 强化学习 and more: A. Obi, B. Tran, “Safe poking with formal checks for soft tissue,” 2021.\n")
    assert facts(papers(text, "us.md")) == [
        ("Safe poking with formal checks for soft tissue", "IROS", 2021, None, 2, "reference-list")]


def test_a_paragraph_opening_with_a_reference_below_the_notes_first_lines() -> None:
    top = "关于超声。\n\n" * 6 + "## 做好 Agent\n"  # the first twelve lines are the note's own
    text = top + ("S. Obi, J. Tran, D. Li et al., “Poke: Synergizing pokes and plans in robots,” arXiv preprint "
                  "arXiv:2210.01234, 2022. 很多工作都参考它。ICLR 2023 已收录。\n\n"
                  "Yes — this is a classic and worth reading. Poke is the paper that made the \"lift features "
                  "into a grid\" recipe, 2021.\n\n"
                  "Ode A, Kim J, and Fu M, “Synthesis of images via multi-channel networks,” in Imaging: Springer, "
                  "2017, pp. 43–51.\n")
    found = papers(text, "us.md")
    assert facts(found) == [
        ("Poke: Synergizing pokes and plans in robots", "arXiv", 2022, None, 14, "reference-list"),  # a preprint
        ("Synthesis of images via multi-channel networks", None, 2017, None, 18, "reference-list")]
    assert [paper.authors for paper in found] == [("S. Obi", "J. Tran", "D. Li"), ("Ode A", "Kim J", "Fu M")]
    assert facts(papers(text[len(top):], "us.md")) == []  # at the top: the note's own paper's reference


def test_a_papers_heading_lists_plain_titles_and_wrapped_references() -> None:
    text = ("## papers\n"
            "* Ultrasound-Guided Poking with Deep Reinforcement Learning\n"
            "* Ada Obi, Ben Tran, Chen Li, Dan Wu, Qiong\n"
            " Wang, and Ying Hu, “Medical\n"
            " image quality checks for autonomous robotic poking,”\n"
            " IEEE R\n"
            "* read this one again\n\n"
            "* see the 2021 survey, which we liked a lot,\n and “A long quoted remark about all of it,” too\n\n"
            "## papers I liked, and more\n"
            "* Ultrasound-Guided Poking with Deep Reinforcement Learning\n")
    found = papers(text, "us.md")
    assert facts(found) == [
        ("Ultrasound-Guided Poking with Deep Reinforcement Learning", None, None, None, 2, "paper-list"),
        ("Medical image quality checks for autonomous robotic poking", None, None, None, 3, "paper-list")]
    assert found[1].authors == ("Ada Obi", "Ben Tran", "Chen Li", "Dan Wu", "Qiong Wang", "Ying Hu")
