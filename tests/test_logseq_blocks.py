"""Logseq blocks: `((uuid))` references across the vault, `id::` anchors, hidden block properties."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from papernotes.loader import load_vault
from papernotes.markdown.logseq import hide_properties
from papernotes.markdown.parser import make_parser
from papernotes.pages import build_site as build_core_site
from papernotes.rewrite import note_html
from tests.test_site_build import build_site, page, write_vault

KITAEV = "64cbbde2-2685-4e08-96b6-b18c7f6e7874"
SOLUTION = "64cbc95f-3878-4633-9f23-c3ae9a407a7e"
GONE = "00000000-1111-4222-8333-444444444444"
SECRET = "5ec2e7a1-0000-4000-8000-000000000001"

VAULT = {
    # Logseq writes every line as a block; ids and its own bookkeeping are block properties.
    "pages/Honeycomb.md": f"""
        - Kitaev model on the honeycomb
          id:: {KITAEV.upper()}
          collapsed:: true
        \t- exactly solvable
        \t  background-color:: red
        \t  card-next-schedule:: 2023-08-10T00:00:00.000Z
        \t  type:: lecture
        - # Solution
          id:: {SOLUTION}
        - again: (({KITAEV}))
        """,
    "pages/Review.md": f"""
        - see (({KITAEV})) and (({SOLUTION}))
        - gone (({GONE})), private (({SECRET}))
        - `(({KITAEV}))` in code stays code
        - f((x)) is not a reference
        - [the model](((KITAEV))) and [gone](((GONE)))
        """.replace("KITAEV", KITAEV).replace("GONE", GONE),
    "pages/Secret.md": f"""
        ---
        publish: false
        ---
        - the PRIVATE-CANARY-7f3a block
          id:: {SECRET}
        """,
}


def test_block_properties_are_hidden_and_an_id_becomes_the_blocks_anchor() -> None:
    tokens = make_parser().parse(f"- text\n  id:: {KITAEV}\n  collapsed:: true\n  type:: lecture\n")
    (inline,) = [token for token in tokens if token.type == "inline"]
    kept = hide_properties(inline.children or [])
    assert [(t.type, t.content, t.meta.get("id")) for t in kept] == [
        ("text", "text", None), ("softbreak", "", None), ("text", "type:: lecture", None), ("block_id", "", KITAEV)]
    # a paragraph that begins with a hidden property loses that line and its break
    tokens = make_parser().parse("collapsed:: true\nrest\n")
    (inline,) = [token for token in tokens if token.type == "inline"]
    assert [(t.type, t.content) for t in hide_properties(inline.children or [])] == [("text", "rest")]


def test_references_resolve_across_the_vault_and_show_the_blocks_text(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = load_vault(make_vault({name: textwrap.dedent(text).lstrip("\n") for name, text in VAULT.items()}))
    site = build_core_site(vault.notes, vault.attachments)
    honeycomb = site.graph.notes["pages/Honeycomb.md"]  # type: ignore[index]
    assert honeycomb.block_texts == ((KITAEV, "Kitaev model on the honeycomb"), (SOLUTION, "Solution"))
    review = note_html(site.graph.notes["pages/Review.md"], site.links)  # type: ignore[index]
    assert review == (
        "<ul>\n"
        f'<li>see <a class="pn-block-ref" href="../Honeycomb/#^{KITAEV}">Kitaev model on the honeycomb</a>'
        f' and <a class="pn-block-ref" href="../Honeycomb/#^{SOLUTION}">Solution</a></li>\n'
        f'<li>gone <span class="pn-broken" title="no block of the vault has this id">(({GONE}))</span>,'
        f" private (({SECRET}))</li>\n"
        f"<li><code>(({KITAEV}))</code> in code stays code</li>\n"
        "<li>f((x)) is not a reference</li>\n"
        f'<li><a href="../Honeycomb/#^{KITAEV}">the model</a> and'
        ' <a class="pn-broken" title="no block of the vault has this id">gone</a></li>\n'
        "</ul>\n")
    own = note_html(honeycomb, site.links)
    assert f'<a id="^{KITAEV}" class="pn-block"></a>' in own
    assert f'again: <a class="pn-block-ref" href="#^{KITAEV}">Kitaev model on the honeycomb</a>' in own
    assert "::" not in own.replace("type:: lecture", "")  # Logseq's own properties are gone, others stay
    problems = [(d.path, d.line, d.code) for d in site.diagnostics if d.code == "missing-block"]
    assert problems == [("pages/Review.md", 2, "missing-block"), ("pages/Review.md", 5, "missing-block")]


def test_a_built_site_links_block_references_and_leaks_no_private_block(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "vault", VAULT)
    site = build_site(docs, tmp_path / "site", strict=False)
    review = page(site, "pages/Review")
    assert f'<a class="pn-block-ref" href="../Honeycomb/#^{KITAEV}">Kitaev model on the honeycomb</a>' in review
    assert "PRIVATE-CANARY-7f3a" not in review
    for path in site.rglob("*"):
        if path.is_file():
            assert b"PRIVATE-CANARY-7f3a" not in path.read_bytes(), path
