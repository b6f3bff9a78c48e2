"""Titles and identity: one title per note, placeholders passed over, merges only on evidence."""

from __future__ import annotations

import pytest

from papernotes.graph import build_graph
from papernotes.loader import load_note, load_vault
from papernotes.paths import readable_slug, unique_slugs
from papernotes.titles import is_section_heading, placeholder_reason, section_number, without_section_number


def title_of(text: str, key: str = "CLIP.md") -> str:
    note, _ = load_note(key, text.encode())
    assert note is not None
    return note.title


@pytest.mark.parametrize(("text", "title"), [
    ("---\nTitle: Masked Autoencoders阅读笔记\n---\n# 1 Introduction\n", "Masked Autoencoders阅读笔记"),
    ("---\nTitle: Template\n---\n# 1 Introduction\ntext\n", "CLIP"),
    ("---\ntitle: Template\n---\n# Learning Transferable Visual Models\ntext\n",
     "Learning Transferable Visual Models"),
    ("# Learning Transferable Visual Models\n\n## Method\n", "Learning Transferable Visual Models"),
    ("intro line\n# Learning Transferable Visual Models\n", "CLIP"),  # not at the start
    ("# One\n# Two\n", "CLIP"),  # two `#` headings: sections
    ("# 1. Introduction\n", "CLIP"),
    ("# 一、引言\n", "CLIP"),
    ("# 3D Gaussian Splatting\n", "3D Gaussian Splatting"),  # a number in a name is no section number
    ("---\ntitle: '{{title}}'\n---\n", "CLIP"),
    ("---\ntitle: <% tp.file.title %>\n---\n", "CLIP"),
    ("---\ntitle: ${title}\n---\n", "CLIP"),
    ("---\ntitle: 无标题\n---\n", "CLIP"),
    ("---\ntitle: 제목 없음\n---\n", "CLIP"),
    ("---\ntitle: Untitled 2\n---\n", "CLIP"),
    ("---\ntitle: 2023\n---\n", "2023"),
])
def test_title_order_and_placeholders(text: str, title: str) -> None:
    assert title_of(text) == title


def test_a_placeholder_is_reported_as_info_at_its_line() -> None:
    _, problems = load_note("CLIP.md", b"---\nyear: 2021\nTitle: Template\n---\n# 1 Introduction\n")
    assert [(p.code, p.level, p.line) for p in problems] == [("placeholder-title", "info", 3)]
    assert "'CLIP'" in problems[0].message and "file name" in problems[0].message


@pytest.mark.parametrize("text", ["Template", "Untitled", "Paper title", "New note", "无标题", "未命名", "模板",
                                  "论文标题", "제목 없음", "무제", "템플릿", "논문 제목", "{{title}}",
                                  "<% tp.file.title %>", "<%* tR += tp.file.title %>", "${title}",
                                  "{{date:YYYY-MM-DD}} reading", "  TEMPLATE ", "[Review title]", "[리뷰 제목]"])
def test_known_placeholders(text: str) -> None:
    assert placeholder_reason(text) is not None


@pytest.mark.parametrize("text", ["Attention Is All You Need", "Latte", "Titles", "模板匹配网络", "2023",
                                  "{{ 7*7 }} is text", "a <%b", "[CVPR 2023] Lantern Paths", "[[Lantern]]"])
def test_real_titles_are_not_placeholders(text: str) -> None:
    assert placeholder_reason(text) is None


@pytest.mark.parametrize(("text", "section"), [("1 Introduction", True), ("2.3 Loss", True), ("III. Method", True),
                                               ("第二章 方法", True), ("3D Gaussian Splatting", False),
                                               ("GPT-4 Technical Report", False), ("2023 Survey", False)])
def test_numbered_headings_are_sections(text: str, section: bool) -> None:
    assert is_section_heading(text) is section


def test_one_section_number_is_read_from_every_heading() -> None:
    """One grammar for a heading's number (titles, topics, field headings, section kinds, a talk's
    numbered papers): a number ends at a space or a mark, so `3D`, `2.5D` and `100` are text."""
    written = ["1 Introduction", "2.3 Loss", "1.Intro", "10.BYOL", "2) Video", "Part1.标题&作者", "part 2 Method",
               "III. Method", "一、引言", "二 、方法", "第二章 方法", "② 검출", "3D Gaussian Splatting",
               "2.5D Vision", "100 Papers", "2023 Survey", "10篇论文", "V.Koltun", "GPT-4 Report"]
    assert {text: section_number(text) for text in written} == {
        "1 Introduction": "1 ", "2.3 Loss": "2.3 ", "1.Intro": "1.", "10.BYOL": "10.", "2) Video": "2) ",
        "Part1.标题&作者": "Part1.", "part 2 Method": "part 2 ", "III. Method": "III. ", "一、引言": "一、",
        "二 、方法": "二 、", "第二章 方法": "第二章 ", "② 검출": "② ", "3D Gaussian Splatting": "",
        "2.5D Vision": "", "100 Papers": "", "2023 Survey": "", "10篇论文": "", "V.Koltun": "", "GPT-4 Report": ""}
    assert without_section_number("2.3 Loss") == "Loss" and without_section_number("3D Gaussians") == "3D Gaussians"


def graph_of(make_vault, files):  # type: ignore[no-untyped-def]
    vault = load_vault(make_vault(files))
    return build_graph(vault.notes, vault.attachments)


def test_template_notes_about_different_papers_stay_apart(make_vault) -> None:
    graph = graph_of(make_vault, {
        "CLIP.md": "---\nTitle: Template\narxiv: '2103.00020'\n---\n# 1 Introduction\n",
        "DynamiCrafter.md": "---\nTitle: Template\nyear: 2023\n---\n# 1 Introduction\n",
    })
    assert sorted(p.title for p in graph.papers.values()) == ["CLIP", "DynamiCrafter"]
    assert {n.title for n in graph.notes.values()} == {"CLIP", "DynamiCrafter"}


def test_a_title_shared_by_different_papers_is_not_their_title(make_vault) -> None:
    graph = graph_of(make_vault, {
        "CLIP.md": "---\ntitle: Reading notes\narxiv: '2103.00020'\n---\ntext\n",
        "MAE.md": "---\ntitle: Reading notes\narxiv: '2111.06377'\n---\n# Masked Autoencoders\n",
    })
    assert sorted(p.title for p in graph.papers.values()) == ["CLIP", "Masked Autoencoders"]
    shared = [d for d in graph.diagnostics if d.code == "shared-title"]
    assert {d.path for d in shared} == {"CLIP.md", "MAE.md"} and all(d.level == "info" for d in shared)


def test_title_only_merge_of_two_notes_is_a_warning_naming_both(make_vault) -> None:
    graph = graph_of(make_vault, {
        "A.md": "---\ntitle: Video Diffusion Models\nvenue: NeurIPS\n---\ntext\n",
        "B.md": "---\ntitle: Video Diffusion Models\nauthors: [Jonathan Ho]\n---\ntext\n",
    })
    assert len(graph.papers) == 1
    warnings = [d for d in graph.diagnostics if d.code == "title-only-merge"]
    assert len(warnings) == 1 and warnings[0].level == "warning"
    assert "A.md" in warnings[0].message and "B.md" in warnings[0].message
    assert "aliases" in warnings[0].hint and "arxiv:" in warnings[0].hint


def test_aliases_or_a_shared_arxiv_id_join_notes_without_a_warning(make_vault) -> None:
    graph = graph_of(make_vault, {
        "A.md": "---\ntitle: Video Diffusion Models\nvenue: NeurIPS\naliases: [B]\n---\ntext\n",
        "B.md": "---\ntitle: Video Diffusion Models\nauthors: [Jonathan Ho]\n---\ntext\n",
        "C.md": "---\ntitle: Imagen Video\narxiv: '2210.02303'\n---\n",
        "D.md": "---\ntitle: Imagen Video\narxiv: '2210.02303'\n---\n",
    })
    assert len(graph.papers) == 2
    assert not [d for d in graph.diagnostics if d.code == "title-only-merge"]


def test_a_disagreeing_year_or_strong_key_keeps_same_titled_papers_apart(make_vault) -> None:
    graph = graph_of(make_vault, {
        "A.md": "---\ntitle: Scaling Laws\nyear: 2020\n---\n",
        "B.md": "---\ntitle: Scaling Laws\nyear: 2022\n---\n",
        "C.md": "---\ntitle: Segment Anything\ncitekey: kirillov2023segment\n---\n",
        "D.md": "---\ntitle: Segment Anything\ncitekey: other2024segment\n---\n",
    })
    assert len(graph.papers) == 4
    assert sorted(graph.papers) == sorted(set(graph.papers))  # every id distinct and stable
    assert not [d for d in graph.diagnostics if d.code == "title-only-merge"]


def test_inline_mentions_still_join_their_note_by_title(make_vault) -> None:
    graph = graph_of(make_vault, {
        "Latte.md": "---\nyear: 2024\ntags: [video]\n---\n# Latte\n",
        "Home.md": "# Paper queue\n- [ ] Latte\n",
    })
    assert len(graph.papers) == 1
    assert next(iter(graph.papers.values())).note == "Latte.md"


def test_a_paper_note_has_its_paper_title_everywhere(make_vault) -> None:
    graph = graph_of(make_vault, {
        "Latte.md": "---\nyear: 2024\ntags: [video]\n---\n# Latte\n",
        "survey.md": ('- "Latte: Latent Diffusion Transformer for Video Generation" Arxiv, 2024 Jan\n'
                      "  [paper](https://arxiv.org/abs/2401.03048)\n"),
    })
    (paper,) = graph.papers.values()
    assert paper.title == graph.notes["Latte.md"].title == "Latte: Latent Diffusion Transformer for Video Generation"


@pytest.mark.parametrize(("name", "slug"), [
    ("Adapter-based finetune", "adapter-based-finetune"), ("ContrastiveLearning", "contrastive-learning"),
    ("contrastive_learning", "contrastive-learning"), ("Text-to-Video", "text-to-video"), ("DiT", "dit"),
    ("NeRF", "nerf"), ("VideoLDM", "videoldm"), ("diffusion/Video Diffusion", "diffusion-video-diffusion"),
    ("视频 生成", "视频-生成"), ("논문 읽기", "논문-읽기"), ("C++", "c"), ("😀", ""),
])
def test_readable_slugs_keep_words(name: str, slug: str) -> None:
    assert readable_slug(name) == slug


def test_slug_collisions_are_resolved_the_same_way_every_time() -> None:
    wanted = {"video/diffusion": "video-diffusion", "videodiffusion": "video-diffusion", "index": "index", "x": ""}
    slugs, collisions = unique_slugs(wanted)
    assert slugs == {"videodiffusion": "video-diffusion", "video/diffusion": "video-diffusion-2",
                     "index": "index-2", "x": "topic"}
    assert collisions == [("video/diffusion", "videodiffusion", "video-diffusion-2")]
    assert unique_slugs(dict(reversed(list(wanted.items())))) == (slugs, collisions)


def test_topic_slugs_do_not_follow_spelling_counts_and_collisions_are_reported(make_vault) -> None:
    graph = graph_of(make_vault, {
        "a.md": "#text2video #text2video #Video/Diffusion\n",
        "b.md": "#Text-to-Video #video-diffusion\n",
    })
    assert graph.topics["text2video"].slug == "text-to-video"
    assert {graph.topics["videodiffusion"].slug, graph.topics["video/diffusion"].slug} == {
        "video-diffusion", "video-diffusion-2"}
    (taken,) = [d for d in graph.diagnostics if d.code == "topic-slug-taken"]
    assert taken.level == "info" and "topics/video-diffusion-2/" in taken.message


def test_check_and_export_show_the_title_the_site_shows(make_vault, capsys) -> None:
    import json

    from papernotes.cli import main
    from papernotes.export import export_json

    root = make_vault({
        "CLIP.md": "---\ntitle: Reading notes\narxiv: '2103.00020'\n---\ntext\n",
        "MAE.md": "---\ntitle: Reading notes\narxiv: '2111.06377'\n---\n# Masked Autoencoders\n",
    })
    main(["check", str(root), "--format", "json"])
    checked = {note["path"]: note["title"] for note in json.loads(capsys.readouterr().out)["notes"]}
    vault = load_vault(root)
    exported = {note["path"]: note["title"] for note in json.loads(export_json(build_graph(vault.notes)))["notes"]}
    assert checked == exported == {"CLIP.md": "CLIP", "MAE.md": "Masked Autoencoders"}
