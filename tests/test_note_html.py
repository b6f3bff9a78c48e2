"""A note rendered once by the loader, its slots filled for the page: links, embeds, anchors."""

from __future__ import annotations

from papernotes.loader import load_note
from papernotes.markdown.html import SLOT_START
from papernotes.model import Note, NoteKey
from papernotes.pages import build_site
from papernotes.rewrite import MAX_EMBED_CHARS, MAX_EMBED_DEPTH, MAX_EMBEDS, note_html


def notes(files: dict[str, str]) -> list[Note]:
    found = []
    for key, text in files.items():
        note, _ = load_note(key, text.encode())
        assert note is not None
        found.append(note)
    return found


def page(key: str, *vault: Note, attachments: tuple[str, ...] = ()) -> str:
    site = build_site(list(vault), list(attachments))
    return note_html(site.links.notes[NoteKey(key)], site.links)


def test_wikilinks_and_markdown_links_become_urls_relative_to_the_page() -> None:
    vault = notes({"Papers/Latte.md": "# Latte\n\nSee [[DiT 模型#Method|the method]] and [home](../Home.md).\n",
                   "Papers/DiT 模型.md": "# DiT\n\n## Method\n", "Home.md": "# Home\n"})
    html = page("Papers/Latte.md", *vault)
    assert '<a href="../DiT%20%E6%A8%A1%E5%9E%8B/#method">the method</a>' in html
    assert '<a href="../../">home</a>' in html
    assert SLOT_START not in html


def test_links_to_private_or_missing_notes_never_name_them() -> None:
    vault = notes({"Home.md": "[[Secret Diary]] and [text](Secret%20Diary.md) and [[Nowhere]]\n",
                   "Secret Diary.md": "---\npublish: false\n---\nPRIVATE\n"})
    html = page("Home.md", *vault)
    assert html.startswith("<p>Secret Diary and ")  # the link's text, as plain text
    assert '<a class="pn-broken" title="not a page of this site">text</a>' in html
    assert 'class="pn-broken" title="Nowhere matches no note">Nowhere</span>' in html
    assert "PRIVATE" not in html and "Secret%20Diary" not in html


def test_comments_are_not_rendered_nor_linked() -> None:
    [note] = notes({"Home.md": "Shown %%hidden [[Other]] #secret-tag%% shown too\n\n"
                               "%%\nwhole block\n%%\n\n`%%code%%`\n"})
    html = page("Home.md", note)
    assert "hidden" not in html and "whole block" not in html and "secret-tag" not in html
    assert "<code>%%code%%</code>" in html
    assert note.links == () and note.hashtags == ()


def test_section_and_block_embeds_cut_the_embedded_notes_html() -> None:
    vault = notes({"Home.md": "![[Other#Method]]\n\n![[Other#^key]]\n",
                   "Other.md": "# Other\n\nIntro.\n\n## Method\n\nThe [[Home|way]].\n\n### Detail\n\nDeep.\n\n"
                        "## Results\n\nA key result. ^key\n\nLast.\n"})
    html = page("Home.md", *vault)
    method = html[:html.index("Results") if "Results" in html else len(html)]
    assert "The <a href=\"./\">way</a>." in html and "Deep." in method and "Intro." not in html
    assert "<p>A key result. </p>" in html and "Last." not in html
    assert "<p>" not in html.split('<div class="pn-embed">')[0]  # an embed alone on its line: no paragraph
    assert " id=" not in html  # headings and blocks keep their ids on their own page only


def test_an_inline_papers_anchor_is_placed_once_per_line() -> None:
    [note] = notes({"Home.md": "## Queue\n\n- [ ] VQGAN\n\n## Papers\n\n| paper | year | key design |\n"
                                "| --- | --- | --- |\n| BERT | 2019 | masked LM |\n"})
    html = page("Home.md", note)
    assert html.count('id="paper-vqgan"') == 1
    assert '<td><a id="paper-bert" class="pn-anchor"></a>BERT</td>' in html
    assert html.count('id="paper-bert"') == 1


def test_slot_markers_written_in_a_note_are_plain_text() -> None:
    [note] = notes({"Home.md": f"Fake {SLOT_START}W0\ue001 and {SLOT_START}P1\ue001 slots\n"})
    assert SLOT_START not in page("Home.md", note)


def test_raw_html_images_point_at_the_attachment_from_the_page() -> None:
    [note] = notes({"Notes/Typora.md": '<img src="../assets/fig.png" width="200">\n'})
    html = page("Notes/Typora.md", note, attachments=("assets/fig.png",))
    assert '<img src="../../assets/fig.png" width="200">' in html


def test_single_newlines_are_line_breaks_as_in_obsidian_unless_strict() -> None:
    vault = notes({"Home.md": "《Latte》(CVPR2023)\nPaper: https://arxiv.org/abs/2401.03048\nCode: none\n"})
    shown = page("Home.md", *vault)
    assert "(CVPR2023)<br />\nPaper: " in shown and "2401.03048</a><br />\nCode: none" in shown
    site = build_site(vault, [], strict_line_breaks=True)
    strict = note_html(site.links.notes[NoteKey("Home.md")], site.links)
    assert "<br" not in strict and "(CVPR2023)\nPaper: " in strict


def test_a_link_to_a_heading_of_the_same_note_keeps_its_fragment() -> None:
    [note] = notes({"Home.md": "# Home\n\n[intro](#introductory-videos) and [home](#home)\n"})
    html = page("Home.md", note)
    assert '<a href="#introductory-videos">intro</a>' in html and '<a href="#home">home</a>' in html


def test_display_math_runs_to_its_closing_dollars_across_blank_lines() -> None:
    """Obsidian keeps `$$` open until the closing `$$`: blank lines, a line of text right above,
    a list item or a callout do not cut it, and what follows is prose again."""
    for opening, inner, closing in (("Intro line\n$$\n", "a = b\n\nc = d\n", "$$\n"),
                                    ("- item\n  $$\n", "  a = b\n\n  c = d\n", "  $$\n"),
                                    ("> [!note]\n> $$\n", "> a = b\n>\n> c = d\n", "> $$\n")):
        [note] = notes({"Home.md": f"{opening}{inner}{closing}\nProse [[Other]]\n\n## Heading\n"})
        html = page("Home.md", note)
        math, _, after = html.partition("c = d")
        assert "a = b" in math and "Prose" not in math, opening
        assert "Prose" in after and "<h2" in after, opening
        assert [link.target for link in note.links] == ["Other"]
        assert [heading.text for heading in note.headings] == ["Heading"]


def _chain(length: int, copies: int) -> dict[str, str]:
    """Note i embeds note i+1's `Part` section `copies` times: `copies ** length` embeds unbounded."""
    files = {f"n{i}.md": f"# Part\ntext {i}\n" + f"![[n{i + 1}#Part]]\n" * copies for i in range(length)}
    files[f"n{length}.md"] = "# Part\nend\n"
    return files


def test_embed_fan_out_is_cut_at_the_page_budget_with_a_notice_and_a_warning() -> None:
    site = build_site(notes(_chain(30, 2)), [])
    html = note_html(site.links.notes[NoteKey("n0.md")], site.links)
    assert html.count('<div class="pn-embed">') == MAX_EMBEDS
    assert "not embedded: " in html and 'class="pn-broken pn-embed-cut"' in html
    assert len(html) < 2 * MAX_EMBED_CHARS
    found = [d for d in site.diagnostics if d.code == "embed-limit"]
    assert len(found) == len({d.path for d in found})  # one warning per page, however many cuts
    assert "n0.md" in {d.path for d in found} and "n27.md" not in {d.path for d in found}  # n27: 6 embeds
    first = next(d for d in found if d.path == "n0.md")
    assert first.line == 3 and first.level == "warning" and "![[n1#Part]]" in first.message


def test_a_deep_embed_chain_stops_at_the_depth_limit() -> None:
    site = build_site(notes(_chain(20, 1)), [])
    html = note_html(site.links.notes[NoteKey("n0.md")], site.links)
    assert html.count('<div class="pn-embed">') == MAX_EMBED_DEPTH
    assert f"embeds nested more than {MAX_EMBED_DEPTH} deep" in html
    assert not [d for d in site.diagnostics if d.code == "embed-limit" and d.path == f"n{20 - MAX_EMBED_DEPTH}.md"]


def test_big_sections_stop_at_the_character_budget() -> None:
    big = "# Part\n" + ("word " * 1000 + "\n\n") * 100  # about 500 KB of HTML
    files = {"Home.md": "![[Big#Part]]\n" * 5, "Big.md": big}
    site = build_site(notes(files), [])
    html = note_html(site.links.notes[NoteKey("Home.md")], site.links)
    assert 1 <= html.count('<div class="pn-embed">') < 5
    assert len(html) <= MAX_EMBED_CHARS + 10_000
    assert [d.line for d in site.diagnostics if d.code == "embed-limit"] == [2]  # the first fits
