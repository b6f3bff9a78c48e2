"""Logseq pages are outlines: in a graph (`logseq/config.edn`), tab-indented `- ` lines are nested
blocks, never Markdown's indented code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from papernotes.loader import NoteCache, load_vault
from papernotes.markdown.logseq import outline_body
from papernotes.pages import build_site as build_core_site
from papernotes.rewrite import note_html
from tests.test_site_build import build_site, page, write_vault

# A page as Logseq writes it: the first block without its `- `, children one tab deeper, a
# block's next lines two spaces past its tabs, display math inside a nested block.
OUTLINE = (
    "# Lattice setup\n"
    "\t- A ring of qutrits.\n"
    "\t  collapsed:: true\n"
    "\t\t- Each site couples to two neighbours.\n"
    "\t\t- $$\n"
    "\t\t  E = -J \\sum_i Z_i Z_{i+1}\n"
    "\t\t  $$\n"
    "\t- ```python\n"
    "\t  def energy(n):\n"
    "\t  \treturn -n\n"
    "\t  ```\n"
    "- # Open questions\n"
)


def test_each_leading_tab_becomes_the_width_of_a_bullet() -> None:
    assert outline_body("- a\n\t- b\n\t  b2\n\t\t- c\tx\n") == "- a\n  - b\n    b2\n    - c\tx\n"
    assert outline_body("no tabs\n") == "no tabs\n"
    assert outline_body("x\n\t\t\t\ty") == "x\n        y"


def test_an_empty_block_under_a_blocks_text_is_not_a_heading_underline(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    # Logseq leaves an empty child block as a lone `-`, one tab deeper than its parent's text
    outline = "- # Facts\n\t- A spin is a qubit.\n\t\t-\n\t- Second fact.\n-\n"
    assert outline_body(outline) == "- # Facts\n  - A spin is a qubit.\n\n  - Second fact.\n\n"
    vault = load_vault(make_vault({"pages/Spins.md": outline, "logseq/config.edn": "{}\n"}))
    site = build_core_site(vault.notes, vault.attachments)
    html = note_html(site.graph.notes["pages/Spins.md"], site.links)  # type: ignore[index]
    assert "<h2" not in html
    assert "<p>A spin is a qubit.</p>" in html
    assert "<p>Second fact.</p>" in html
    assert html.count("<li>") == 3


def _graph(make_vault: Callable[[dict[str, str]], Path], config: bool) -> Path:
    files = {"pages/Lattice.md": OUTLINE, "pages/Other.md": "- see [[Lattice]]\n"}
    if config:
        files["logseq/config.edn"] = "{:preferred-format :markdown}\n"
        files["logseq/bak/pages/Lattice/2024-01-01T00_00_00.000Z.Desktop.md"] = OUTLINE
    return make_vault(files)


def test_a_logseq_graphs_tab_indented_blocks_are_nested_lists_not_code(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = load_vault(_graph(make_vault, config=True))
    # Logseq's own folder (settings, backup copies of pages) holds no notes
    assert sorted(note.path for note in vault.notes) == ["pages/Lattice.md", "pages/Other.md"]
    site = build_core_site(vault.notes, vault.attachments)
    html = note_html(site.graph.notes["pages/Lattice.md"], site.links)  # type: ignore[index]
    heading = '<h1 id="{0}">{1}<a class="headerlink" href="#{0}" title="Permanent link">&para;</a></h1>\n'
    # the unbulleted first block is a bullet whose children nest under it, as Logseq shows it
    assert html == (
        "<ul>\n<li>\n"
        + heading.format("lattice-setup", "Lattice setup")
        + "<ul>\n"
        "<li>A ring of qutrits.\n"
        "<ul>\n"
        "<li>Each site couples to two neighbours.</li>\n"
        '<li>\n<div class="arithmatex">\\[E = -J \\sum_i Z_i Z_{i+1}\\]</div>\n</li>\n'
        "</ul>\n"
        "</li>\n"
        "<li>\n"
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span class="k">def</span><span class="w"> </span>'
        '<span class="nf">energy</span><span class="p">(</span><span class="n">n</span><span class="p">):</span>\n'
        '\t<span class="k">return</span> <span class="o">-</span><span class="n">n</span>\n'
        "</code></pre></div>\n"
        "</li>\n"
        "</ul>\n"
        "</li>\n"
        "<li>\n" + heading.format("open-questions", "Open questions") + "</li>\n"
        "</ul>\n")


def test_outside_a_logseq_graph_an_indented_line_after_a_heading_stays_code(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = load_vault(_graph(make_vault, config=False))
    (lattice,) = [note for note in vault.notes if note.path == "pages/Lattice.md"]
    site = build_core_site(vault.notes, vault.attachments)
    html = note_html(site.graph.notes["pages/Lattice.md"], site.links)  # type: ignore[index]
    assert '</h1>\n<div class="highlight"><pre><span></span><code>- A ring of qutrits.\n' in html
    assert lattice.body == OUTLINE


def test_the_cache_parses_a_page_again_when_its_folder_becomes_a_graph(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    root = _graph(make_vault, config=False)
    cache = NoteCache()
    before = {note.path: note for note in load_vault(root, cache=cache).notes}
    assert "<code>- A ring" in before["pages/Lattice.md"].html.html
    assert load_vault(root, cache=cache).notes and cache.parsed == []  # unchanged: nothing parsed
    (root / "logseq").mkdir()
    (root / "logseq/config.edn").write_text("{}\n")
    after = {note.path: note for note in load_vault(root, cache=cache).notes}
    assert sorted(cache.parsed) == ["pages/Lattice.md", "pages/Other.md"]
    assert "<code>- A ring" not in after["pages/Lattice.md"].html.html


def test_a_built_logseq_site_shows_nested_blocks(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "graph", {"pages/Lattice.md": OUTLINE, "logseq/config.edn": "{}\n"})
    site = build_site(docs, tmp_path / "site", strict=False)
    html = page(site, "pages/Lattice")
    assert "<li>A ring of qutrits.\n<ul>\n<li>Each site couples to two neighbours.</li>" in html
    assert "<code>- A ring" not in html
    assert not (site / "logseq").exists()


def test_a_heading_made_of_a_block_reference_is_listed_by_the_blocks_text(tmp_path: Path) -> None:
    uuid = "5f0c2a1e-7b3d-4c9a-8e21-0a9b8c7d6e5f"
    docs = write_vault(tmp_path / "graph", {
        "logseq/config.edn": "{}\n",
        "pages/Sources.md": f"- Toric code & friends\n  id:: {uuid}\n",
        "pages/Anyons.md": f"- ## (({uuid})): fusion rules\n\t- Abelian anyons fuse uniquely.\n",
    })
    html = page(build_site(docs, tmp_path / "site", strict=False), "pages/Anyons")
    toc = html[html.index('<nav class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index("</nav>")]
    assert "Toric code &amp; friends: fusion rules" in toc
    assert uuid not in toc.replace(f"#{uuid}", "")  # the entry's anchor may hold the uuid, its text not
    assert '<a class="pn-block-ref"' in html
