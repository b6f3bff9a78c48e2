"""End to end: a vault of template-made notes, built with `mkdocs build`; every page has one title."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from tests.test_site_build import build_site, page, write_vault

# Notes made from one template, as a new user's vault has them: `Title: Template` left as is,
# numbered sections, a title that decorates the paper's name, a note that is no paper at all.
LOOK_ALIKE = {
    "index.md": """
        # Reading

        ## Paper queue
        - [x] [[CLIP]]
        - [ ] [[DynamiCrafter]]
        - [ ] [[MAE]]
        - [ ] [[Untitled]]
        """,
    "Papers/CLIP.md": """
        ---
        Title: Template
        year: 2021
        arxiv: "2103.00020"
        tags: [Contrastive Learning]
        ---
        # 1 Introduction
        Contrastive pre-training on image-text pairs.
        # 2 Method
        """,
    "Papers/DynamiCrafter.md": """
        ---
        Title: Template
        year: 2023
        tags: [Adapter-based finetune, 视频生成]
        ---
        # 1 Introduction
        Animating open-domain images.
        """,
    "Papers/MAE.md": """
        ---
        Title: Masked Autoencoders阅读笔记
        year: 2022
        venue: CVPR
        ---
        # 1 Introduction
        Mask 75% of the patches.
        """,
    "Papers/Untitled.md": """
        ---
        title: "{{title}}"
        year: 2024
        ---
        # Scalable Diffusion Models with Transformers
        DiT.
        """,
    "Daily/2024-01-02.md": """
        ---
        Title: Template
        ---
        # 1 Today
        Read [[CLIP]].
        """,
}
EXPECTED = {
    "Papers/CLIP/": "CLIP",
    "Papers/DynamiCrafter/": "DynamiCrafter",
    "Papers/MAE/": "Masked Autoencoders阅读笔记",
    "Papers/Untitled/": "Scalable Diffusion Models with Transformers",
    "Daily/2024-01-02/": "2024-01-02",
}


@pytest.fixture(scope="module")
def look_alike_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("look-alike")
    vault = write_vault(root / "vault", LOOK_ALIKE)
    return build_site(vault, root / "site", strict=True, search="pagefind", nav="false")


def _search_titles(site: Path) -> dict[str, str]:
    """Pagefind's stored title of each indexed page, by URL (fragments are gzip'd JSON)."""
    found = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"].lstrip("/")] = data["meta"]["title"]
    return found


def _nav_label(text: str) -> str:
    match = re.search(r'class="md-nav__link md-nav__link--active">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                      text, re.DOTALL)
    assert match, "no active nav entry"
    return html.unescape(match.group(1))


def test_every_page_has_one_title(look_alike_site: Path) -> None:
    search = _search_titles(look_alike_site)
    for url, title in EXPECTED.items():
        text = page(look_alike_site, url)
        assert html.unescape(re.search(r"<title>(.*?) - ", text).group(1)) == title, url  # type: ignore[union-attr]
        assert _nav_label(text) == title, url
        assert search[url] == title, url
        header = re.search(r'<h1 class="pn-paper__title"[^>]*>(.*?)</h1>', text)
        if url.startswith("Papers/"):
            assert header and html.unescape(header.group(1)) == title, url
        else:
            assert header is None, url


def test_template_notes_stay_different_papers(look_alike_site: Path) -> None:
    papers = page(look_alike_site, "papers")
    for title in EXPECTED.values():
        if title == "2024-01-02":
            continue  # a daily note, no paper
        assert f">{title}</a>" in papers
    assert ">Template<" not in papers and "{{title}}" not in papers
    assert "4 papers" in papers


def test_numbered_sections_stay_sections(look_alike_site: Path) -> None:
    text = page(look_alike_site, "Papers/CLIP")
    assert re.search(r'<h1 id="1-introduction">1 Introduction', text)
    assert 'class="pn-paper__subtitle"' not in text


def test_topic_urls_keep_their_words(look_alike_site: Path) -> None:
    topics = look_alike_site / "topics"
    assert (topics / "adapter-based-finetune" / "index.html").is_file()
    assert (topics / "contrastive-learning" / "index.html").is_file()
    assert (topics / "视频生成" / "index.html").is_file()
    papers = page(look_alike_site, "papers")
    assert 'href="../topics/adapter-based-finetune/"' in papers
    assert 'href="../topics/%E8%A7%86%E9%A2%91%E7%94%9F%E6%88%90/"' in papers  # 视频生成, percent-encoded
