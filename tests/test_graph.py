"""The paper graph: identity, summary tables, queues, topics, backlinks and export."""

from __future__ import annotations

import re

import pytest

from papernotes.export import export_json
from papernotes.graph import build_graph, queue_title
from papernotes.loader import load_vault
from papernotes.topics import topic_key
from tests.conftest import NOTES, seed_path

SMALL_VAULT = {
    "Home.md": (
        "# Paper Review\n"
        "## version 0 视频生成\n"
        "- [x] [[Video/Latte|Latte]]\n"
        "- [ ] [[MAE]]\n"
        "- [ ] VQGAN\n"
        "## version 1 多模态\n"
        "- [ ] Flamingo\n"
        "- [x] [[Video/Latte|Latte again]]\n"
        "## Paper Summary\n"
        "| paper | year | field and direction | key design |\n"
        "| --- | --- | --- | --- |\n"
        "| Latte | 2024 | text2video,diffusion | Transformer backbone |\n"
        "| MAE |  | Mask Image Modeling | 75% mask ratio |\n"
        "| VDT | ICLR24 | Text-to-Video, DiT | mask modeling |\n"
        "# Blog Design\n"
        "- [ ] add svg figures\n"
    ),
    "Video/Latte.md": (
        "---\ntitle: 'Latte: Latent Diffusion Transformer for Video Generation'\nyear: 2024\n"
        "arxiv: '2401.03048'\ntags: [Text2Video]\n---\n# Latte\nBuilds on [[MAE#Method]].\n"
    ),
    "MAE.md": "---\nvenue: CVPR 2022\nurl: https://arxiv.org/abs/2111.06377v3\n---\n# MAE\n## Method\n",
    "Other/Latte copy.md": "---\ntitle: Latte\narxiv: https://arxiv.org/pdf/2401.03048v2.pdf\nyear: 2023\n---\n",
}


@pytest.fixture
def graph(make_vault):
    vault = load_vault(make_vault(SMALL_VAULT))
    return build_graph(vault.notes, vault.attachments)


def test_one_paper_per_arxiv_id_with_every_source(graph):
    latte = graph.papers["arxiv:2401.03048"]
    assert latte.title == "Latte: Latent Diffusion Transformer for Video Generation"
    kinds = sorted({(s.path, s.kind) for s in latte.sources})
    assert kinds == [("Home.md", "queue"), ("Home.md", "table"), ("Other/Latte copy.md", "note"),
                     ("Video/Latte.md", "note")]
    assert latte.status == "read"
    assert dict(latte.attributes)["key-design"] == "Transformer backbone"


def test_conflicting_years_are_reported(graph):
    conflicts = [d for d in graph.diagnostics if d.code == "conflicting-year"]
    assert len(conflicts) == 1
    assert "2024" in conflicts[0].message and "2023" in conflicts[0].message


def test_summary_table_rows_fill_year_venue_and_attributes(graph):
    mae = graph.papers["arxiv:2111.06377"]
    assert (mae.year, mae.venue, mae.note) == (2022, "CVPR", "MAE.md")
    assert dict(mae.attributes)["field-and-direction"] == "Mask Image Modeling"
    vdt = next(p for p in graph.papers.values() if p.title == "VDT")
    assert (vdt.year, vdt.venue, vdt.note) == (2024, "ICLR", None)


def test_queues_keep_names_order_and_done_state(graph):
    assert [(q.name, [(i.title, i.done) for i in q.items]) for q in graph.queues] == [
        ("version 0 视频生成", [("Latte", True), ("MAE", False), ("VQGAN", False)]),
        ("version 1 多模态", [("Flamingo", False), ("Latte again", True)]),
    ]
    latte_items = [i for q in graph.queues for i in q.items if i.paper == "arxiv:2401.03048"]
    assert len(latte_items) == 2
    assert all("Blog Design" not in q.name for q in graph.queues)


def test_topics_fold_spellings(graph):
    assert topic_key("text-to-video") == topic_key("Text2Video") == topic_key("text2video")
    topic = graph.topics["text2video"]
    assert "arxiv:2401.03048" in topic.papers
    assert topic.name in ("text2video", "Text2Video", "Text-to-Video")
    assert graph.topics["dit"].papers


def test_backlinks_and_edges(graph):
    into_mae = graph.backlinks("MAE.md")
    assert {(e.source, e.kind, e.line) for e in into_mae} == {("Video/Latte.md", "link", 8), ("Home.md", "link", 4)}
    kinds = {e.kind for e in graph.backlinks("arxiv:2401.03048")}
    assert kinds == {"queue", "table"}


def test_export_is_deterministic(make_vault):
    vault_dir = make_vault(SMALL_VAULT)
    first = export_json(build_graph(load_vault(vault_dir).notes))
    second = export_json(build_graph(load_vault(vault_dir).notes))
    assert first == second
    assert '"papers"' in first and '"queues"' in first


def _expected_queue(path, heading):
    """(done, line) of each task under `heading`, read straight from the file's lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading) + 1
    found = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.startswith("#"):
            break
        match = re.match(r"- \[([ x])\] ", line)
        if match:
            found.append((match.group(1) == "x", number))
    return found


def test_example_vault_home_queue_and_table():
    vault = load_vault(NOTES)
    graph = build_graph([n for n in vault.notes if n.publish], vault.attachments)
    assert [d.format() for d in graph.diagnostics if d.level != "info"] == []
    queue = next(q for q in graph.queues if q.name == "version 0 视频生成")
    assert [(i.done, i.line) for i in queue.items] == _expected_queue(NOTES / "Home.md", "## version 0 视频生成")
    latte = graph.papers["arxiv:2401.03048"]
    assert {s.kind for s in latte.sources} >= {"note", "queue", "table"}
    assert dict(latte.attributes).get("key-design")


@pytest.mark.seeds
def test_seed_home_queue_and_summary_table(seed_vault):
    vault = load_vault(seed_vault("000", "Home.md"))
    graph = build_graph(vault.notes)
    queues = {q.name: q for q in graph.queues}
    home = seed_path("000")
    expected = _expected_queue(home, "## version 0 视频生成")
    assert [(i.done, i.line) for i in queues["version 0 视频生成"].items] == expected
    assert len(queues["version 0 视频生成"].items) == 33 and queues["version 0 视频生成"].done == 22
    assert "Implementation analysis" not in queues and "Blog Design" not in queues
    latte = next(p for p in graph.papers.values() if p.title == "Latte")
    attributes = dict(latte.attributes)
    assert latte.year == 2024
    assert attributes["key-design"] == "Transformer with Temporal and Spatial Attention"
    assert attributes["field-and-direction"] == "text2video,diffusion,transformer"
    assert {s.kind for s in latte.sources} == {"queue", "table"}
    vdt = next(p for p in graph.papers.values() if p.title == "VDT")
    assert (vdt.year, vdt.venue) == (2024, "ICLR")


MIXED_VAULT = {
    "Home.md": "# Paper queue\n## video\n- [x] [[Latte]]\n- [ ] Align your Latents\n",
    "Latte.md": "---\ntags: [video]\n---\n# Latte\n",
    "Survey/survey.md": (
        "# Survey\n## Video Diffusion\n"
        '- "Latte: Latent Diffusion Transformer for Video Generation" Arxiv, 2024 Jan\n'
        "  [paper](https://arxiv.org/abs/2401.03048) [code](https://github.com/Vchitect/Latte)\n\n"
        '- "Align your Latents: High-Resolution Video Synthesis with Latent Diffusion Models" CVPR, 2023 Apr\n'
        "  [paper](https://arxiv.org/abs/2304.08818) [note](./Align_Note.md)\n"
    ),
    "Survey/Align_Note.md": (
        '> "Align your Latents: High-Resolution Video Synthesis with Latent Diffusion Models" CVPR, 2023 Apr\n'
        "> [paper](https://arxiv.org/abs/2304.08818)\n\n## Key-point\ntext\n"
    ),
}


def test_mixed_conventions_make_one_paper_with_all_sources(make_vault):
    vault = load_vault(make_vault(MIXED_VAULT))
    graph = build_graph(vault.notes)
    align = [p for p in graph.papers.values() if "align your latents" in p.title.casefold()]
    assert len(align) == 1
    assert align[0].note == "Survey/Align_Note.md" and align[0].year == 2023 and align[0].venue == "CVPR"
    assert {s.path for s in align[0].sources} == {"Home.md", "Survey/survey.md", "Survey/Align_Note.md"}
    latte = [p for p in graph.papers.values() if p.title.casefold().startswith("latte")]
    assert len(latte) == 1
    assert latte[0].title == "Latte: Latent Diffusion Transformer for Video Generation"
    assert latte[0].short_name == "Latte" and latte[0].note == "Latte.md" and latte[0].status == "read"
    assert {s.kind for s in latte[0].sources} == {"note", "queue", "survey-list"}


def test_private_notes_are_link_targets_only(make_vault):
    vault = load_vault(make_vault({
        "Home.md": ("# Paper queue\n- [ ] [[Secret Idea|my idea]]\n- [x] [[Latte]]\n\n"
                    "| paper | year |\n| --- | --- |\n| Secret Idea | 2025 |\n"),
        "Latte.md": "---\nyear: 2024\n---\n# Latte\n",
        "Secret Idea.md": "---\npublish: false\nyear: 2025\ntags: [secret-topic]\n---\nSECRET-BODY\n",
    }))
    public = [n for n in vault.notes if n.publish]
    private = [n for n in vault.notes if not n.publish]
    graph = build_graph(public, private=private)
    text = export_json(graph)
    assert "Secret Idea.md" not in text and "secret-topic" not in text and "2025" not in text
    assert [d.code for d in graph.diagnostics] == []  # the link is private, not broken
    queue = graph.queues[0]
    assert [(item.title, item.paper, item.note) for item in queue.items][0] == ("my idea", None, None)
    resolved = dict((link.raw, r) for link, r in graph.resolutions["Home.md"])
    assert resolved["[[Secret Idea|my idea]]"].key == "Secret Idea.md"
    assert all(edge.target != "Secret Idea.md" for edge in graph.edges)


@pytest.mark.parametrize(("folder", "topic"), [
    ("Diffusion/Video Diffusion", "Diffusion/Video Diffusion"),
    ("Papers/Diffusion", "Diffusion"),
    ("论文", ""),
    ("논문 정리/GAN", "GAN"),
    ("pages", ""),
    ("journals", ""),
    ("content/Diffusion", "Diffusion"),
    ("Sources", ""),
    ("Pages of Hope", "Pages of Hope"),
    ("Inputs/Zotero", ""),  # what the writer does with the notes, not what they are about
    ("Resources/Robotics", "Robotics"),
    ("_posts", ""),  # Jekyll's folder of posts, and of drafts
    ("_drafts/Mamba", "Mamba"),
    ("", ""),
])
def test_container_folders_are_not_topics(folder, topic):
    from papernotes.topics import folder_topic

    assert folder_topic(folder) == topic


@pytest.mark.parametrize(("tag", "topic"), [
    ("diffusion/video", "diffusion/video"),
    ("card", ""),  # Logseq's flashcards and task markers mark what a block is for, not a subject
    ("#TODO", ""),
    ("LATER", ""),
    ("Learning-TODO", "Learning-TODO"),
    ("{{VALUE:topic}}", ""),  # a template's variables left unrendered
    ("{{date}}", ""),
    ('project/<% tp.system.prompt("Which project?") %>', "project"),
    ('project/<% tp.system.prompt("in/out?") %>', "project"),  # a `/` inside the variable too
    ("SC/PM/017", "SC/PM/017"),  # a nested tag is a topic with all its ancestors
])
def test_tool_markers_and_template_syntax_are_no_topics(tag: str, topic: str) -> None:
    from papernotes.topics import topic_name

    assert topic_name(tag) == topic


def test_headings_give_their_subject_as_topics_to_the_entries_below(make_vault):
    vault = load_vault(make_vault({"Reading/Robots.md": (
        "---\ntags: [card, \"{{VALUE:field}}\", \"area/<% tp.system.prompt(\\\"area?\\\") %>\"]\n---\n"
        "## **1) Lantern reviews (intro/map)**\n\n"
        "- **Lantern-Action Models: Concepts and Challenges** — K. Osei et al. (2025)\n\n"
        "## ② Detection / Segmentation\n\n"
        "- **Glow Detection with Sparse Lanterns** — Y. Duarte et al. (2022)\n\n"
        "## Condensed lanterns #card\n\n"
        "- **General Construction of Condensed Lanterns** — A. Obi et al. (2019)\n"
    )}))
    graph = build_graph(vault.notes, folder_topics=False)
    assert {paper.title: paper.tags for paper in graph.papers.values()} == {
        "Lantern-Action Models: Concepts and Challenges": ("Lantern reviews",),
        "Glow Detection with Sparse Lanterns": ("Detection", "Segmentation"),
        "General Construction of Condensed Lanterns": (),
    }
    assert sorted(topic.name for topic in graph.topics.values()) == [
        "Detection", "Lantern reviews", "Segmentation", "area"]


@pytest.mark.parametrize(("text", "title"), [
    ("Flamingo 最早的多模态大模型之一", "Flamingo"),
    ("Emu / Emu2 生成式多模态预训练", "Emu / Emu2"),
    ("Parti 把自回归文生图 scale 到 20B", "Parti"),
    ("SD3 논문", "SD3"),
    ("LoRA: Low-Rank Adaptation", "LoRA: Low-Rank Adaptation"),
    ("扩散模型综述", "扩散模型综述"),
])
def test_a_plain_queue_item_is_titled_without_its_comment(text: str, title: str) -> None:
    assert queue_title(text) == title


def test_a_full_title_column_names_the_papers_rather_than_a_short_name(make_vault):
    vault = load_vault(make_vault({"Index.md": (
        "## Cited, no note yet\n\n"
        "| Short Name | Full Title | Year | Cited By |\n|---|---|---|---|\n"
        "| Heron | Heron: Sparse Flight Paths for Drones | 2023 | Kite |\n"
        "| PLUME | PLUME: Smoke Fields from One Camera | 2021 | Heron, Kite |\n"
    )}))
    papers = build_graph(vault.notes).papers.values()
    assert sorted((p.title, p.year, p.sources[0].line) for p in papers) == [
        ("Heron: Sparse Flight Paths for Drones", 2023, 5),
        ("PLUME: Smoke Fields from One Camera", 2021, 6),
    ]


def test_a_task_list_that_only_links_notes_is_a_queue_of_its_linked_papers_only(make_vault):
    vault = load_vault(make_vault({
        "Setup.md": (
            "# Setting up\n\n"
            "- [x] Read [[Glide Paths for Paper Planes]] first\n"
            "- [ ] Raster output issue\n"
            "- [x] Living within the editor, the workspace can be customised in many ways\n"
        ),
        "Glide Paths for Paper Planes.md": "---\nyear: 2021\nvenue: ICRA\n---\n# Glide Paths for Paper Planes\n",
    }))
    papers = build_graph(vault.notes).papers.values()
    assert [p.title for p in papers] == ["Glide Paths for Paper Planes"]


def test_a_papers_column_beside_a_term_is_an_index_not_a_row_per_paper(make_vault):
    vault = load_vault(make_vault({"Terms.md": (
        "| Term | Papers |\n|---|---|\n"
        "| BEV | Heron: Sparse Flight Paths for Drones, PLUME: Smoke Fields from One Camera |\n"
        "| SLAM | Kite: Mapping by Gliding |\n"
    ), "Reading.md": "| Papers | Why |\n|---|---|\n| Kite: Mapping by Gliding | maps |\n"}))
    papers = build_graph(vault.notes).papers.values()
    assert [(p.title, p.sources[0].path) for p in papers] == [("Kite: Mapping by Gliding", "Reading.md")]


def test_a_question_in_a_summary_table_is_a_paper_when_its_row_gives_a_year(make_vault):
    vault = load_vault(make_vault({"Index.md": (
        "| Short Name | Full Title | Year |\n|---|---|---|\n"
        "| Heron | Heron: Sparse Flight Paths for Drones | 2023 |\n"
        "| Wren | What Makes a Glider Stable? | 2021 |\n"
        "| Open | Why is the third run slower? | |\n"
    )}))
    papers = build_graph(vault.notes).papers.values()
    assert sorted((p.title, p.year) for p in papers) == [
        ("Heron: Sparse Flight Paths for Drones", 2023), ("What Makes a Glider Stable?", 2021)]


# Look-alike of a vault filed as `<topic>/<year>/paper.md` and of one whose template writes the same
# frontmatter title into every note: papers recognised, none joined by what every note says.
GENERIC_VAULT = {
    "Detection/2021/paper.md": "## Abstract\nA detector.\n\n## Method\nAnchors.\n\n## Experiments\nCOCO.\n",
    "Segmentation/2021/paper.md": "## Abstract\nA segmenter.\n\n## Method\nMasks.\n\n## Experiments\nADE20K.\n",
    "Reading/one.md": "---\ntitle: paper\ntags: [paper]\n---\n## Abstract\nFirst.\n\n## Method\nA.\n\n"
                      "## Experiments\nB.\n",
    "Reading/two.md": "---\ntitle: paper\ntags: [paper]\n---\n## Abstract\nSecond.\n\n## Method\nC.\n\n"
                      "## Experiments\nD.\n",
}


def test_notes_titled_by_a_year_folder_or_a_generic_title_stay_apart(make_vault):
    vault = load_vault(make_vault(GENERIC_VAULT))
    graph = build_graph(vault.notes, vault.attachments)
    notes = sorted([source.path for source in paper.sources if source.kind == "note"]
                   for paper in graph.papers.values())
    assert notes == [["Detection/2021/paper.md"], ["Reading/one.md"], ["Reading/two.md"],
                     ["Segmentation/2021/paper.md"]]
    assert not [d for d in graph.diagnostics if d.code == "title-only-merge"]


def test_a_memo_gives_back_an_unchanged_notes_paper_and_makes_an_edited_ones_again() -> None:
    """`graph.Memo` keeps the paper a paper note mentions while the parsed note (the same object)
    and its decision are the same; an edited note (a new object) is read again."""
    from papernotes.graph import Memo
    from papernotes.loader import load_note

    def note(key: str, year: int):  # type: ignore[no-untyped-def]
        text = f"---\ntitle: Sparse Attention Maps {key[0]}\nyear: {year}\narxiv: 2101.0000{key[0]}\n---\n\n# Notes\n"
        return load_note(key, text.encode())[0]

    first, second = note("a.md", 2021), note("b.md", 2022)
    memo = Memo()
    before = build_graph([first, second], memo=memo)
    kept = memo.mentions["a.md"][3]
    again = build_graph([first, second], memo=memo)
    assert again.papers == before.papers
    assert memo.mentions["a.md"][3] is kept  # not made again
    edited = note("a.md", 1999)
    after = build_graph([edited, second], memo=memo)
    assert memo.mentions["a.md"][3] is not kept and memo.mentions["b.md"][0] is second
    assert {paper.year for paper in after.papers.values()} == {1999, 2022}
    assert after.papers == build_graph([edited, second]).papers  # as without a memo
