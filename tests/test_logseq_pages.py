"""Logseq pages as Logseq shows them: page properties read like frontmatter and shown in a box,
org-mode `#+BEGIN_…` blocks as callouts, quotes and code, PDF area highlights, the unbulleted
first block, and `-` lines inside fenced code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.loader import load_note, load_vault
from papernotes.markdown.logseq import outline_body, page_properties, property_values
from papernotes.pages import build_site as build_core_site
from papernotes.rewrite import note_html
from tests.test_site_build import build_site, write_vault

UUID = "63b1c2d3-a4b5-46c7-88d9-0e1f2a3b4c5d"

# Look-alike of a Logseq paper page: page properties, then blocks (tabs nest them).
PAGE = (
    "type:: book\n"
    "title:: Spin Liquids, a Primer\n"
    "tags:: [[condensed matter]], #anyons, [[ml/vision/detection]]\n"
    "alias:: Primer, [[Spin primer]]\n"
    "file-path:: D:/library/spin primer.pdf\n"
    "\n"
    "- Why read it\n"
)


def _html(text: str) -> str:
    note, problems = load_note("pages/Primer.md", text.encode(), outline=True)
    assert note is not None and problems == []
    return note.html.html


def test_page_properties_are_read_like_frontmatter() -> None:
    note, _ = load_note("pages/Primer.md", PAGE.encode(), outline=True)
    assert note is not None
    assert note.title == "Spin Liquids, a Primer"
    assert note.meta.tags == ("condensed matter", "anyons", "ml/vision/detection")
    assert note.meta.aliases == ("Primer", "Spin primer")
    assert note.meta.publish is None
    assert page_properties(PAGE)[0] == ("type", "book", 0)
    assert [key for key, _, _ in page_properties(PAGE)] == ["type", "title", "tags", "alias", "file-path"]
    assert page_properties("\n\nkey:: v\n- block\nother:: no\n") == [("key", "v", 2)]
    assert property_values("[[a, b]], #c,, d ") == ["a, b", "c", "d"]
    # outside a Logseq graph the same lines are not frontmatter
    plain, _ = load_note("Primer.md", PAGE.encode())
    assert plain is not None and plain.meta.tags == () and plain.title == "Primer"


def test_page_properties_show_as_a_box_without_the_hidden_ones() -> None:
    html = _html(PAGE)
    assert html.startswith(
        '<dl class="pn-properties">\n'
        "\ue000P1\ue001<dt>type</dt><dd>book</dd>\n"
        "<dt>tags</dt><dd>\ue000W0\ue001, \ue000T0\ue001, \ue000W1\ue001</dd>\n"
        "<dt>alias</dt><dd>Primer, \ue000W2\ue001</dd>\n"
        "</dl>\n<ul>\n<li>")
    assert "title::" not in html and "file-path" not in html and "D:/library" not in html
    # only hidden properties: no box at all
    assert _html("collapsed:: true\npublic:: true\n\n- text\n") == "<ul>\n<li>\ue000P4\ue001text</li>\n</ul>\n"


def test_a_page_marked_public_false_is_private(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "graph", {
        "logseq/config.edn": "{}\n",
        "pages/Open.md": "- see [[Hidden draft]]\n",
        "pages/Hidden draft.md": "public:: false\n\n- PRIVATE-CANARY-91c2 idea\n",
    })
    site = build_site(docs, tmp_path / "site", strict=False)
    assert not (site / "pages" / "Hidden draft").exists()
    leaked = [path for path in site.rglob("*") if path.is_file()
              and b"PRIVATE-CANARY-91c2" in path.read_bytes()]
    assert leaked == []


def test_org_blocks_become_callouts_quotes_and_code() -> None:
    body = (
        "- #+BEGIN_NOTE\n"
        "  A **note** with $x$\n"
        "  #+BEGIN_TIP\n"
        "  nested tip\n"
        "  #+END_TIP\n"
        "  #+END_NOTE\n"
        "\t- #+BEGIN_Warning\n"
        "\t  careful\n"
        "\t  #+END_WARNING\n"
        "- #+BEGIN_QUOTE\n"
        "  quoted\n"
        "  #+END_QUOTE\n"
        "- #+BEGIN_SRC python\n"
        "  x = 1\n"
        "  -\n"
        "  #+END_SRC\n"
        "- #+BEGIN_EXAMPLE\n"
        "  #+BEGIN_NOTE stays text\n"
        "  #+END_EXAMPLE\n"
        "- #+BEGIN_CENTER\n"
        "  #+END_NOTE\n"
    )
    assert outline_body(body) == (
        "- > [!note]\n"
        "  > A **note** with $x$\n"
        "  > > [!tip]\n"
        "  > > nested tip\n"
        "  > >\n"
        "  >\n"
        "  - > [!warning]\n"
        "    > careful\n"
        "    >\n"
        "- >\n"
        "  > quoted\n"
        "  >\n"
        "- ```python\n"
        "  x = 1\n"
        "  -\n"
        "  ```\n"
        "- ```\n"
        "  #+BEGIN_NOTE stays text\n"
        "  ```\n"
        "- #+BEGIN_CENTER\n"
        "  #+END_NOTE\n"
    )
    html = _html(body)
    assert ('<li>\n<div class="admonition note">\n<p class="admonition-title">Note</p>\n'
            '<p>\ue000P1\ue001A <strong>note</strong> with <span class="arithmatex">\\(x\\)</span></p>\n'
            '<div class="admonition tip">\n<p class="admonition-title">Tip</p>\n'
            "<p>\ue000P3\ue001nested tip</p>\n</div>\n</div>\n") in html
    assert '<div class="admonition warning">\n<p class="admonition-title">Warning</p>\n' in html
    assert "<blockquote>\n<p>\ue000P11\ue001quoted</p>\n</blockquote>" in html
    assert '<span class="mi">1</span>\n<span class="o">-</span>\n</code>' in html  # `-` kept in code
    assert "<code>#+BEGIN_NOTE stays text\n</code>" in html
    assert "\ue000P20\ue001#+BEGIN_CENTER\ue000B0\ue001\ue000P21\ue001#+END_NOTE</li>" in html  # not a box Logseq draws


def test_a_box_never_closed_ends_with_its_block() -> None:
    assert outline_body("- #+BEGIN_TIP\n  tip\n\t- child\n- next\n\t- #+BEGIN_NOTE\n\t  n\n- last\n") == (
        "- > [!tip]\n  > tip\n  > - child\n- next\n  - > [!note]\n    > n\n- last\n")


def test_an_area_highlight_shows_its_page_not_span_markup(make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = load_vault(make_vault({
        "logseq/config.edn": "{}\n",
        "pages/hls__Primer.md": (
            "file-path:: D:/library/spin primer.pdf\n\n"
            f"- [:span]\n  ls-type:: annotation\n  hl-page:: 12\n  hl-color:: yellow\n  id:: {UUID}\n"
            "  hl-type:: area\n  hl-stamp:: 1690000000000\n"
            "- [:span] in a sentence stays\n"
            "- [:span]\n"  # a highlight's block copied without its properties
        ),
        "pages/Reading.md": f"- figure: (({UUID}))\n",
    }))
    site = build_core_site(vault.notes, vault.attachments)
    highlights = note_html(site.graph.notes["pages/hls__Primer.md"], site.links)  # type: ignore[index]
    assert highlights == (
        "<ul>\n"
        f'<li><span class="pn-area">PDF area highlight, page 12</span><a id="^{UUID}" class="pn-block"></a></li>\n'
        "<li>[:span] in a sentence stays</li>\n"
        '<li><span class="pn-area">PDF area highlight</span></li>\n'
        "</ul>\n")
    # outside a Logseq graph, a `[:span]` line without a highlight's properties is text
    note, _ = load_note("Spans.md", b"[:span]\n")
    assert note is not None and note.html.html == "<p>\ue000P1\ue001[:span]</p>\n"
    reading = note_html(site.graph.notes["pages/Reading.md"], site.links)  # type: ignore[index]
    assert f'href="../hls__Primer/#^{UUID}">PDF area highlight, page 12</a>' in reading


def test_the_unbulleted_first_block_is_a_bullet_only_when_it_has_children() -> None:
    assert outline_body("# Questions #card\ncard-repeats:: 1\n\t- why?\n- next\n") == (
        "- # Questions #card\n  card-repeats:: 1\n  - why?\n- next\n")
    assert outline_body("A plain first block\n- next\n") == "A plain first block\n- next\n"
    assert outline_body("type:: book\n\t- child\n") == "type:: book\n  - child\n"  # page properties
    assert outline_body("\n\nText\nmore\n\t- child\n") == "\n\n- Text\n  more\n  - child\n"
    assert outline_body("```\ncode\n```\n\t- child\n") == "```\ncode\n```\n  - child\n"


def test_a_lone_dash_inside_fenced_code_is_kept() -> None:
    body = "- ```text\n  -\n  ~~~\n  -\n  ```\n\t-\n- ~~~~\n  -\n  ~~~~\n"
    assert outline_body(body) == "- ```text\n  -\n  ~~~\n  -\n  ```\n\n- ~~~~\n  -\n  ~~~~\n"
    html = _html(body)
    assert "<code>-\n~~~\n-\n</code>" in html and "<code>-\n</code>" in html


# Look-alike of a page made by Logseq's Zotero import: a `---` block that is no YAML (`[[links]]`
# and `#tags` after the colons, a key written twice), which Logseq reads one `key: value` a line.
ZOTERO_PAGE = (
    "---\n"
    "title: SpinNet\n"
    "type: Article\n"
    "citekey: obiSpinNetLearningSpin2021\n"
    "public: true\n"
    "publication date: [[2021-03-04]]\n"
    "authors:[[Ada Obi]], [[Ben Tran]]\n"
    "proceeding: [[CVPR]]\n"
    "tags: #anyons, [[spin liquids]], #reference\n"
    "subtitle: \"Spins: a net\"\n"
    "public: false\n"
    "---\n"
    "\n"
    "- SpinNet: Learning Spin Liquids #toread\n"
)


def test_a_logseq_front_matter_block_that_is_no_yaml_is_read_as_logseq_reads_it() -> None:
    note, problems = load_note("pages/spinnet.md", ZOTERO_PAGE.encode(), outline=True)
    assert note is not None and problems == []
    assert note.title == "SpinNet"
    assert note.meta.authors == ("Ada Obi", "Ben Tran")
    assert note.meta.tags == ("anyons", "spin liquids", "reference")
    assert note.meta.year == 2021  # from `publication date`
    assert note.meta.citekey == "obiSpinNetLearningSpin2021"
    assert note.meta.publish is True  # the first `public:` counts, as in Logseq
    assert note.frontmatter["proceeding"] == "CVPR"
    assert note.frontmatter["subtitle"] == "Spins: a net"
    # a block YAML can read, but whose `[[link]]` YAML makes a list in a list, is read the same way
    linked, problems = load_note("pages/x.md", b"---\ntags: [[segmentation]]\n---\n\n- x\n", outline=True)
    assert linked is not None and problems == [] and linked.meta.tags == ("segmentation",)
    # outside a Logseq graph the block stays YAML, and its mistake is reported; YAML read none of
    # it, so its `public: false` line keeps the note private (`privacy_keys.line_privacy`)
    plain, problems = load_note("spinnet.md", ZOTERO_PAGE.encode())
    assert plain is not None and plain.meta.authors == () and plain.meta.publish is False
    assert [(problem.code, problem.line) for problem in problems] == [("yaml-syntax", 8), ("bad-publish", 11)]


def test_a_logseq_zotero_page_is_a_paper_in_the_built_site(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "graph", {
        "logseq/config.edn": "{:preferred-format :markdown}\n",
        "pages/spinnet.md": ZOTERO_PAGE,
        "pages/anyons.md": "- a topic page\n",
    })
    site = build_site(docs, tmp_path / "site")
    papers = (site / "papers" / "index.html").read_text(encoding="utf-8")
    # titled by its first block, the paper's full title (`title: SpinNet` is its short name)
    assert 'href="../pages/spinnet/">SpinNet: Learning Spin Liquids</a>' in papers
    page = (site / "pages" / "spinnet" / "index.html").read_text(encoding="utf-8")
    assert "Ada Obi" in page and "[[Ada Obi]]" not in page
