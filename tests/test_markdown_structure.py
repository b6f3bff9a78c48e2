"""Wikilinks, embeds, hashtags, tasks, tables and links read from tokens, with their lines."""

from __future__ import annotations

import pytest

from papernotes.markdown import make_parser
from papernotes.markdown.structure import extract_structure


def structure(text: str, body_line: int = 1):
    return extract_structure(make_parser().parse(text), body_line)


@pytest.mark.parametrize(
    ("source", "kind", "target", "fragment", "text"),
    [
        ("[[Latte]]", "wikilink", "Latte", "", ""),
        ("[[Latte|the Latte paper]]", "wikilink", "Latte", "", "the Latte paper"),
        ("[[Diffusion/Video Diffusion/Latte|Latte]]", "wikilink", "Diffusion/Video Diffusion/Latte", "", "Latte"),
        ("[[MAE#Method]]", "wikilink", "MAE", "Method", ""),
        ("[[Lora#^key-idea]]", "wikilink", "Lora", "^key-idea", ""),
        ("[[#方法]]", "wikilink", "", "方法", ""),
        ("[[MAE#Method|how]]", "wikilink", "MAE", "Method", "how"),
        ("![[fig.png]]", "embed", "fig.png", "", ""),
        ("![[latte-architecture.png|400]]", "embed", "latte-architecture.png", "", "400"),
        ("![[CLIP#Summary]]", "embed", "CLIP", "Summary", ""),
        ("![[CLIP]]", "embed", "CLIP", "", ""),
        ("[[VAR 自回归图片生成]]", "wikilink", "VAR 自回归图片生成", "", ""),
    ],
)
def test_every_wikilink_form(source, kind, target, fragment, text):
    links = structure(f"See {source} here.").links
    assert len(links) == 1
    link = links[0]
    assert (link.kind, link.target, link.fragment, link.text) == (kind, target, fragment, text)
    assert link.raw == source
    assert link.line == 1


@pytest.mark.parametrize(
    "source",
    [
        "`[[inline code]]` and `#tag`",
        "```\n[[fenced]] #fenced\n```",
        "~~~python\n# [[tilde fence]]\n~~~",
        "    [[indented code]] #indented",
        "$x = [[1]] #y$",
        "$$\n[[a]] #b\n$$",
        "[[Paper](https://arxiv.org/abs/1503.03585)]",
        "[[]] and [[ ]]",
        "[[unclosed",
        "[[spans\nlines]]",
    ],
)
def test_code_math_and_lookalikes_yield_no_wikilinks_or_tags(source):
    found = structure(source)
    assert [link for link in found.links if link.kind in ("wikilink", "embed")] == []
    assert found.hashtags == []


def test_seed_style_bracketed_links_are_markdown_links():
    found = structure("NeurIPS 2020. [[Paper](https://arxiv.org/abs/2006.11239)] [[Github](https://github.com/x/y)] \\")
    assert [(link.kind, link.text, link.target, link.external) for link in found.links] == [
        ("markdown", "Paper", "https://arxiv.org/abs/2006.11239", True),
        ("markdown", "Github", "https://github.com/x/y", True),
    ]


def test_table_cells_keep_escaped_pipe_wikilinks():
    text = "| paper | year |\n| --- | --- |\n| [[Kaiming/MAE\\|MAE]] | 2022 |\n| Lora | |\n"
    table = structure(text, body_line=5).tables[0]
    assert table.header == ("paper", "year")
    assert table.line == 5
    assert [row.line for row in table.rows] == [7, 8]
    first = table.rows[0].cells[0]
    assert first.text == "MAE"
    assert [(link.target, link.text, link.line) for link in first.links] == [("Kaiming/MAE", "MAE", 7)]
    assert [cell.text for cell in table.rows[1].cells] == ["Lora", ""]


def test_tasks_keep_state_line_and_heading():
    text = (
        "# Queue\n"
        "## version 1 多模态\n"
        "- [ ] CapsFusion\n"
        "- [x] [[Kaiming/Moco|Moco]]\n"
        "中文说明\n\n"
        "## version 0 视频生成\n"
        "- [x] Latte\n"
        "  - [ ] nested item\n"
        "- plain bullet\n"
    )
    tasks = structure(text, body_line=7).tasks
    assert [(t.text, t.done, t.line, t.heading) for t in tasks] == [
        ("CapsFusion", False, 9, "version 1 多模态"),
        ("Moco", True, 10, "version 1 多模态"),
        ("Latte", True, 14, "version 0 视频生成"),
        ("nested item", False, 15, "version 0 视频生成"),
    ]
    assert tasks[1].links[0].target == "Kaiming/Moco"


@pytest.mark.parametrize(
    ("source", "tags"),
    [
        ("#image_generation", ["image_generation"]),
        ("text #diffusion/video and #MLLM", ["diffusion/video", "MLLM"]),
        ("#扩散模型 #확산", ["扩散模型", "확산"]),
        ("issue #123 is a number", []),
        ("a#b and C# and https://x.org/#frag", []),
        ("<https://example.org/#anchor>", []),
        ("#tag, then #other.", ["tag", "other"]),
        ("#trailing/", ["trailing"]),
    ],
)
def test_hashtags(source, tags):
    assert [tag.tag for tag in structure(source).hashtags] == tags


def test_heading_markers_are_not_tags_but_tags_in_headings_are():
    found = structure("# Title\n## Section #video\ntext")
    assert [tag.tag for tag in found.hashtags] == ["video"]
    assert [(h.level, h.text, h.anchor, h.line) for h in found.headings] == [
        (1, "Title", "title", 1),
        (2, "Section #video", "section-video", 2),
    ]


def test_links_images_and_typora_img_tags():
    text = (
        "See [SVD](Stable%20Video%20Diffusion.md#Method) and [site](https://example.org).\n\n"
        "![image-2023](docs/survey/x.png)\n\n"
        '<img src="docs/survey/y%20z.png" alt="a" style="zoom: 67%;" />\n\n'
        'inline <img src="z.png"> here\n'
    )
    links = structure(text).links
    assert [(link.kind, link.target, link.fragment, link.line, link.external) for link in links] == [
        ("markdown", "Stable Video Diffusion.md", "Method", 1, False),
        ("markdown", "https://example.org", "", 1, True),
        ("image", "docs/survey/x.png", "", 3, False),
        ("image", "docs/survey/y z.png", "", 5, False),
        ("image", "z.png", "", 7, False),
    ]


def test_lines_inside_multi_line_paragraphs():
    text = "first [[A]]\nsecond [[B]] \\\nthird #tag\n"
    found = structure(text, body_line=10)
    assert [(link.target, link.line) for link in found.links] == [("A", 10), ("B", 11)]
    assert [(tag.tag, tag.line) for tag in found.hashtags] == [("tag", 12)]


def test_block_ids():
    found = structure("A key idea of low rank. ^key-idea\n\n- item ^item-1\n\nnot^anid\n")
    assert found.block_ids == ["key-idea", "item-1"]


@pytest.mark.parametrize(("source", "queries"), [
    ("`= this.year` and `$= dv.current().file.name`", ["= this.year", "$= dv.current().file.name"]),
    ("`=` assigns, `+=` appends, `$=` and `=  ` are code", []),  # Dataview runs no empty query
    ("`==` compares", ["=="]),
])
def test_inline_queries_are_code_spans_that_start_with_an_expression(source, queries):
    assert [query.source for query in structure(source).queries] == queries
