"""The page renderer: notes' Markdown as markdown-it reads it, in the markup Material styles."""

from __future__ import annotations

import pytest

from papernotes.markdown.html import Rendered, render_page

SITE = {
    "Home.md": "",
    "Papers/Latte.md": "Papers/Latte/",
    "Papers/Video Diffusion/DiT 模型.md": "Papers/Video%20Diffusion/DiT%20%E6%A8%A1%E5%9E%8B/",
    "attachments/fig 1.png": "attachments/fig%201.png",
}


def render(markdown: str, src: str = "Papers/Latte.md") -> Rendered:
    return render_page(markdown, src=src, url=SITE[src], url_of=SITE.get)


def test_headings_get_unicode_ids_permalinks_and_a_nested_toc() -> None:
    page = render("# Latte 模型\n\n## Method\n\n### 方法 A\n\n## Method\n")
    assert '<h1 id="latte-模型">Latte 模型<a class="headerlink" href="#latte-模型"' in page.html
    assert '<h2 id="method_1">' in page.html  # a repeated heading gets a suffix, as Python-Markdown's toc does
    assert page.title == "Latte 模型"
    [top] = page.toc
    assert [child["id"] for child in top["children"]] == ["method", "method_1"]
    assert top["children"][0]["children"][0]["id"] == "方法-a"


def test_heading_text_is_escaped_in_the_toc_and_title_is_plain_text() -> None:
    page = render("# A <b>bold</b> & *odd* title\n")
    assert page.title == "A bold & odd title"
    assert page.toc[0]["name"] == "A bold &amp; odd title"


def test_math_in_a_heading_is_typeset_in_the_toc_as_in_the_heading() -> None:
    page = render("# $\\beta$-VAE\n\n## Condensing $\\mathbb{Z}_8^{a<b}$ & *more*\n")
    assert page.toc[0]["name"] == '<span class="arithmatex">\\(\\beta\\)</span>-VAE'
    assert page.toc[0]["children"][0]["name"] == (
        'Condensing <span class="arithmatex">\\(\\mathbb{Z}_8^{a&lt;b}\\)</span> &amp; more')
    assert '<h1 id="beta-vae"><span class="arithmatex">\\(\\beta\\)</span>-VAE<a class="headerlink"' in page.html
    assert page.title == "\\beta-VAE"  # the page's title (browser tab, header) is plain text


def test_callouts_become_admonitions_and_foldable_details() -> None:
    page = render("> [!tip] Use **this**\n> body text\n\n> [!faq]- Folded\n> hidden\n\n"
                  "> [!warning]+\n> open\n\n> [!custom-kind]\n> x\n")
    assert '<div class="admonition tip">\n<p class="admonition-title">Use <strong>this</strong></p>' in page.html
    assert "<p>body text</p>" in page.html
    assert '<details class="question">\n<summary>Folded</summary>\n<p>hidden</p>\n</details>' in page.html
    assert '<details class="warning" open="open">\n<summary>Warning</summary>' in page.html
    assert '<div class="admonition custom-kind">\n<p class="admonition-title">Custom-kind</p>' in page.html
    assert "[!" not in page.html


def test_a_callout_with_only_a_title_and_nested_callouts() -> None:
    page = render("> [!note] Only a title\n\n> [!note] Outer\n> > [!bug] Inner\n> > deep\n")
    assert '<p class="admonition-title">Only a title</p>\n</div>' in page.html
    assert '<div class="admonition bug">\n<p class="admonition-title">Inner</p>\n<p>deep</p>' in page.html


def test_plain_blockquotes_stay_blockquotes() -> None:
    assert "<blockquote>\n<p>[not a callout] text</p>" in render("> [not a callout] text\n").html


def test_task_lists_use_materials_checkbox_markup() -> None:
    html = render("- [ ] to read\n- [x] read *it*\n- plain\n").html
    assert '<ul class="task-list">' in html
    assert ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> to read</li>') in html
    assert "disabled checked/>" in html and "read <em>it</em>" in html
    assert "<li>plain</li>" in html


def test_two_space_nested_lists_nest_as_in_obsidian() -> None:
    html = render("- parent\n  - child\n    - grandchild\n").html
    assert html.count("<ul>") == 3  # Python-Markdown needed four-space indents for this


def test_code_is_highlighted_by_pygments_and_unknown_languages_are_escaped() -> None:
    html = render("```python\ndef f(): pass\n```\n\n```nosuchlang\n<b>x</b>\n```\n\n    indented <i>\n").html
    assert '<div class="language-python highlight"><pre><span></span><code><span class="k">def</span>' in html
    assert '<div class="language-nosuchlang highlight"><pre><span></span><code>&lt;b&gt;x&lt;/b&gt;' in html
    assert '<div class="highlight"><pre><span></span><code>indented &lt;i&gt;' in html


def test_math_is_left_for_katex_in_arithmatex_markup() -> None:
    html = render("Inline $a < b$ and\n\n$$\n\\frac{1}{2}\n$$\n").html
    assert '<span class="arithmatex">\\(a &lt; b\\)</span>' in html
    assert '<div class="arithmatex">\\[\\frac{1}{2}\\]</div>' in html


@pytest.mark.parametrize("marker", ["[TOC]", "[toc]", "  [TOC]  "])
def test_typora_toc_marker_is_not_shown_as_text(marker: str) -> None:
    html = render(f"# 读书笔记\n\n{marker}\n\n## 信息\n\nSee [TOC] inline and `[TOC]` in code.\n").html
    assert "[toc]" not in html.replace("See [TOC] inline", "").replace("<code>[TOC]</code>", "").casefold()
    assert "<p>See [TOC] inline and <code>[TOC]</code> in code.</p>" in html
    assert "<p></p>" not in html


def test_marks_emoji_strikethrough_and_footnotes() -> None:
    html = render("==key idea== :star: :+1: :not_an_emoji: ~~old~~ note[^1]\n\n[^1]: the source\n").html
    assert "<mark>key idea</mark> ⭐ 👍 :not_an_emoji: <s>old</s>" in html
    assert 'class="footnote-ref"' in html and "the source" in html


def test_links_between_files_become_site_urls() -> None:
    html = render("[DiT](Video%20Diffusion/DiT%20模型.md#方法) ![f](../attachments/fig%201.png) "
                  "[home](../Home.md) [top](#method) [web](https://example.org/a.md)").html
    assert 'href="../Video%20Diffusion/DiT%20%E6%A8%A1%E5%9E%8B/#方法"' in html
    assert 'src="../../attachments/fig%201.png"' in html
    assert 'href="../../"' in html
    assert 'href="#method"' in html
    assert 'href="https://example.org/a.md"' in html


def test_links_to_notes_that_are_not_pages_are_visibly_broken_without_naming_them() -> None:
    html = render("see [the secret](Private%20Diary.md) and [up](../../outside.md)").html
    assert '<span class="pn-broken" title="not a page of this site">the secret</span>' in html
    assert "Private" not in html and "outside" not in html


@pytest.mark.parametrize("markdown", ["- " * 500 + "x", "> " * 500 + "x", "[" * 5000 + "x", "*a " * 3000])
def test_pathological_nesting_renders(markdown: str) -> None:
    assert render(markdown).html


def test_bare_urls_become_links_as_in_obsidian() -> None:
    html = render("Code: https://github.com/a/b?x=1&y=2. Also (https://a.org/x_(y)) and "
                  "[named](https://c.org) `https://in.code`\n").html
    assert '<a href="https://github.com/a/b?x=1&amp;y=2">https://github.com/a/b?x=1&amp;y=2</a>.' in html
    assert '(<a href="https://a.org/x_(y)">https://a.org/x_(y)</a>)' in html
    assert '<a href="https://c.org">named</a>' in html and "<code>https://in.code</code>" in html


def test_every_heading_of_a_note_with_several_top_headings_is_in_the_toc() -> None:
    page = render("# Overview\n\n## Queue\n\n# Implementation\n\n## Details\n\n# Résumé\n")
    [title] = page.toc
    assert [entry["name"] for entry in title["children"]] == ["Queue", "Implementation", "Résumé"]
    assert title["children"][1]["children"][0]["name"] == "Details"


def test_bold_next_to_cjk_punctuation_is_bold() -> None:
    html = render("比如**陈述句、疑问句等，**也可以。这是**加粗：**后面，**“引号”**文字。**\"인용\"**은 좋다\n").html
    assert "**" not in html
    assert "<strong>陈述句、疑问句等，</strong>也可以" in html and "<strong>加粗：</strong>后面" in html
    assert "<strong>“引号”</strong>文字" in html and "<strong>&quot;인용&quot;</strong>은" in html
    assert "snake_case_name 中_文_" in render("snake_case_name 中_文_字\n").html  # `_` stays text


def test_the_toc_lists_the_first_top_heading_when_the_page_opens_with_another_title() -> None:
    from papernotes.markdown.html import page_toc, toc

    entries = toc([(1, "part-one", "Part one", "Part one"), (2, "detail", "Detail", "Detail"),
                   (1, "part-two", "Part two", "Part two")])
    [untitled] = page_toc(entries, '<h1>The note</h1>\n<p>text</p>\n<h1 id="part-one">Part one</h1>')
    assert untitled["id"] == "" and [e["name"] for e in untitled["children"]] == ["Part one", "Part two"]
    [title] = page_toc(entries, '<h1 id="part-one">Part one</h1>')
    assert [e["name"] for e in title["children"]] == ["Detail", "Part two"]
    assert page_toc(page_toc(entries, "<h1>The note</h1>"), "<h1>The note</h1>") == [untitled]
