"""Real vaults rendered as their writers' tools show them (a review of corpus pages in Chromium):
code in reading-queue items, whole nested tags on chips, `zotero://` links in titles and text,
and link destinations with spaces as Obsidian reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_site_build import build_site, page, write_vault

VAULT = {
    "Reading.md": """
        # Reading queue

        - [ ] Read `FlashAttention` kernels, <b>not bold</b> and `a``b`
        - [x] [[Latte]]
        """,
    "Papers/Latte.md": """
        ---
        tags: [ml/vision/detection, video]
        authors: [Xin Ma, Yaohui Wang]
        year: 2024
        venue: TMLR
        ---
        # Latte: Latent Diffusion Transformer [📖](zotero://select/library/items/R2D2C3PO)

        See [(p. 2)](zotero://open-pdf/library/items/AYV7SLT7?page=2) and [bad](javascript:alert(1)).
        """,
    "index.md": """
        # Home

        [angle](<my file.md>) [encoded](my%20file.md) [bare](my file.md)

        ![angle](<my image.png>) ![encoded](my%20image.png) ![bare](my image.png)
        """,
    "my file.md": "# My file\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fidelity")
    docs = write_vault(root / "docs", VAULT)
    (docs / "my image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    return build_site(docs, root / "site", strict=False)


def test_queue_items_keep_their_code_spans(site: Path) -> None:
    queues = page(site, "queues")
    assert ('<a href="../Reading/#paper-read-flashattention-kernels-not-bold-and-ab">Read '
            "<code>FlashAttention</code> kernels, not bold and <code>a``b</code></a>") in queues
    assert '<a href="../Papers/Latte/">Latte</a>' in queues


def test_a_nested_tag_shows_whole_on_its_chip_and_links_to_its_page(site: Path) -> None:
    latte = page(site, "Papers/Latte")
    assert '<a class="pn-chip" href="../../topics/ml-vision-detection/">ml/vision/detection</a>' in latte
    assert '<a class="pn-chip" href="../../topics/video/">video</a>' in latte
    topic = page(site, "topics/ml-vision-detection")
    assert '<a href="../../Papers/Latte/">Latte: Latent Diffusion Transformer 📖</a>' in topic
    assert 'Part of <a href="../ml-vision/">vision</a>' in topic  # the topic page keeps its tree


def test_zotero_links_stay_links_in_the_title_and_the_text(site: Path) -> None:
    latte = page(site, "Papers/Latte")
    assert ('<h1 class="pn-paper__title" id="latte-latent-diffusion-transformer-">Latte: Latent Diffusion '
            'Transformer <a href="zotero://select/library/items/R2D2C3PO">📖</a></h1>') in latte
    assert '<a href="zotero://open-pdf/library/items/AYV7SLT7?page=2">(p. 2)</a>' in latte
    assert "[bad](javascript:alert(1))" in latte and 'href="javascript' not in latte
    assert "<title>Latte: Latent Diffusion Transformer 📖 - " in latte  # the tab's title stays text


def test_destinations_with_spaces_are_links_as_in_obsidian_only_in_angle_brackets_or_encoded(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="my%20file/">angle</a> <a href="my%20file/">encoded</a> [bare](my file.md)' in home
    assert ('<img src="my%20image.png" alt="angle"> <img src="my%20image.png" alt="encoded"> '
            "![bare](my image.png)") in home
    assert (site / "my image.png").is_file()


@pytest.mark.parametrize("code", ["x", "a``b", "`x", "x`", "  ", " a ", "a ` b", "`"])
def test_a_code_span_written_back_shows_exactly_its_code(code: str) -> None:
    from papernotes.markdown.html import render_page
    from papernotes.markdown.structure import code_span

    html = render_page(code_span(code), src="a.md", url="a/", url_of=lambda src: None).html
    assert html == f"<p><code>{code.replace('&', '&amp;')}</code></p>\n"
