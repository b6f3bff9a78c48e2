"""End to end: real `mkdocs build --strict` of small vaults and of notes/, read back from the site dir."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parents[1]
CANARIES = (b"PRIVATE-CANARY-7f3a", b"DRAFT-CANARY-91bc")


def _config(docs: Path, site: Path, plugin: dict[str, object] | None = None) -> Path:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: notes", f"docs_dir: {docs}")
    if plugin:
        options = "".join(f"\n      {key}: {value}" for key, value in plugin.items())
        text = text.replace("  - papernotes\n", f"  - papernotes:{options}\n")
    path = site.parent / f"{site.name}.yml"
    path.write_text(text + f"\nsite_dir: {site}\n", encoding="utf-8")
    return path


def build_site(docs: Path, site: Path, *, strict: bool = True, **plugin: object) -> Path:
    config = load_config(str(_config(docs, site, {"search": "none", **plugin})), strict=strict)
    build(config)
    return site


def write_vault(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


VAULT = {
    "index.md": """
        # Home
        See [[Video Diffusion/Latte|the Latte note]], [[扩散 模型#方法]] and [[논문 읽기]].
        Private: [[secret|hidden alias]]. Same page: [[#Home]].
        """,
    "Video Diffusion/Latte.md": """
        ---
        title: "Latte <script>alert(1)</script>"
        year: 2024
        venue: arXiv
        tags: [text2video]
        links:
          code: https://example.org/latte
        ---
        # Latte

        > [!tip]- Details
        > Folded callout body.

        %% a hidden comment %%

        ## Method
        Uses ![[pic one.png|300]] and links back to [[index|home]].

        | paper | note |
        | --- | --- |
        | x | [[扩散 模型\\|扩散]] |

        ```
        [[NotALink]]
        ```
        """,
    "扩散 模型.md": """
        # 扩散

        ## 方法
        Section text to embed.

        ## Other
        Not embedded.
        """,
    "Reading/논문 읽기.md": """
        # 논문
        ![[扩散 모델 not here]]
        ![[扩散 模型#方法]]
        """,
    "secret.md": """
        ---
        publish: false
        ---
        PRIVATE-CANARY-7f3a
        """,
    "pic one.png": "not really a png",
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vault")
    docs = write_vault(root / "docs", VAULT)
    return build_site(docs, root / "site", strict=False)


def test_wikilinks_become_relative_links(small_site: Path) -> None:
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert 'href="Video%20Diffusion/Latte/">the Latte note</a>' in home
    assert 'href="%E6%89%A9%E6%95%A3%20%E6%A8%A1%E5%9E%8B/#方法"' in home
    assert 'href="Reading/%EB%85%BC%EB%AC%B8%20%EC%9D%BD%EA%B8%B0/"' in home
    assert 'href="#home"' in home


def test_private_notes_are_plain_text_and_absent(small_site: Path) -> None:
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert "hidden alias" in home and "secret" not in home
    for path in small_site.rglob("*"):
        if path.is_file():
            assert not any(canary in path.read_bytes() for canary in CANARIES), path


def test_embeds_callouts_comments_tables(small_site: Path) -> None:
    latte = page(small_site, "Video Diffusion/Latte")
    assert '<img src="../../pic%20one.png" alt="pic one.png" width="300">' in latte
    assert '<details class="tip">' in latte and "<summary>Details</summary>" in latte
    assert "hidden comment" not in latte
    assert '<a href="../../%E6%89%A9%E6%95%A3%20%E6%A8%A1%E5%9E%8B/">扩散</a>' in latte
    assert "[[NotALink]]" in latte  # code is left alone
    reading = page(small_site, "Reading/논문 읽기")
    assert "Section text to embed." in reading and "Not embedded." not in reading
    assert 'class="pn-broken"' in reading


def test_user_text_is_escaped_in_generated_pages(small_site: Path) -> None:
    for url in ("papers", "notes", "timeline"):
        assert "<script>alert" not in page(small_site, url), url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page(small_site, "notes")
    latte = page(small_site, "Video Diffusion/Latte")
    assert "<script>alert" not in latte
    assert 'href="https://example.org/latte"' in latte


def test_generated_pages_and_nav(small_site: Path) -> None:
    for url in ("papers", "topics", "topics/text2video", "queues", "timeline", "notes"):
        assert (small_site / url / "index.html").is_file(), url
    home = (small_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.find('<nav class="md-nav md-nav--primary"'):]
    assert "Timeline" in nav and "扩散" not in nav[: nav.find("</nav>")]
    # the Papers table takes the table of contents' column (Material's `hide: [toc]`); notes keep theirs
    toc = 'data-md-type="toc" hidden'
    assert toc in page(small_site, "papers") and toc in page(small_site, "graph")
    assert toc not in page(small_site, "topics")
    assert toc not in page(small_site, "Video Diffusion/Latte")


def test_broken_link_fails_strict_build(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\n[[Missing note]]\n"})
    with pytest.raises(Abort):
        build_site(docs, tmp_path / "site")


def test_clean_vault_builds_strict(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\n[[a b]]\n", "a b.md": "# A\n"})
    site = build_site(docs, tmp_path / "site")
    assert 'href="a%20b/"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("notes") / "site"
    return build_site(REPO / "notes", site, search="pagefind")


def test_notes_vault_has_no_canaries(notes_site: Path) -> None:
    for path in notes_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(canary in data for canary in CANARIES), path


_CODE_RE = re.compile(r"<(code|pre)\b.*?</\1>", re.DOTALL)


def test_no_wikilink_syntax_left_in_html(notes_site: Path) -> None:
    for path in notes_site.rglob("*.html"):
        html = _CODE_RE.sub("", path.read_text(encoding="utf-8"))
        assert "[[" not in html, path


def test_notes_vault_pages(notes_site: Path) -> None:
    home = (notes_site / "index.html").read_text(encoding="utf-8")
    assert 'href="Diffusion/Video%20Diffusion/Latte/"' in home
    assert (notes_site / "pagefind" / "pagefind-ui.js").is_file()
    queues = page(notes_site, "queues")
    assert "<progress" in queues and "Still unread" in queues


def test_attachments_are_published_only_when_a_published_note_uses_them(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n![[used.png]]\n",
        "private.md": "---\npublish: false\n---\n![[only-private.png]]\n",
    })
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6300010000050001" "0d0a2db40000000049454e44ae426082")
    for name in ("used.png", "only-private.png", "unused.png"):
        (docs / name).write_bytes(png)
    (docs / "data.csv").write_text("secret,row\n", encoding="utf-8")  # a data file nobody links
    (docs / "extra.css").write_text("body {}\n", encoding="utf-8")  # the site's own style: kept
    site = build_site(docs, tmp_path / "site")
    built = {path.name for path in site.rglob("*") if path.is_file()}
    assert "used.png" in built and "extra.css" in built
    assert not {"only-private.png", "unused.png", "data.csv"} & built


def test_example_site_loads_nothing_from_other_hosts(tmp_path):
    """Images, scripts and styles all come from the site itself (emoji as Unicode, no CDN)."""
    site = build_site(REPO / "notes", tmp_path / "site")
    external = re.compile(r'<(?:img|script|link)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"')
    offenders = {str(path.relative_to(site)): external.findall(path.read_text(encoding="utf-8"))
                 for path in site.rglob("*.html")}
    assert {page: found for page, found in offenders.items() if found} == {}
    assert (site / "assets" / "images" / "favicon.png").is_file()


@pytest.mark.parametrize("folder_topics", [True, False])
def test_folder_topics_option(tmp_path, folder_topics):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "Diffusion/Video/Latte.md": "---\nyear: 2024\ntags: [transformer]\n---\n# Latte\n",
    })
    site = build_site(docs, tmp_path / "site", folder_topics=str(folder_topics).lower())
    assert (site / "topics" / "transformer" / "index.html").is_file()
    assert (site / "topics" / "diffusion-video" / "index.html").is_file() is folder_topics


def test_home_note_and_an_index_note_are_both_published(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "Home.md": "---\ndg-home: true\n---\n# Garden home\nSee [[index]].\n",
        "index.md": "# Old index\nINDEX-NOTE-TEXT\n",
    })
    site = build_site(docs, tmp_path / "site")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Garden home" in home and 'href="index-note/"' in home
    assert "INDEX-NOTE-TEXT" in (site / "index-note" / "index.html").read_text(encoding="utf-8")


def test_plugins_papernotes_alone_gives_a_working_offline_site(tmp_path):
    """`plugins: [papernotes]` with nothing else: callouts, tasks, math, CJK anchors, no Google Fonts."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\n> [!note] Key idea\n> body\n\n- [x] done\n\n$$x^2$$\n\n## 方法\n\n[[#方法]]\n",
    })
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: Minimal\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
                           "theme: material\nplugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    build(load_config(str(config_file), strict=True))
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition note"' in html and "task-list" in html and "arithmatex" in html
    assert 'id="方法"' in html and 'href="#方法"' in html
    assert "fonts.googleapis.com" not in html


def test_paper_folders_and_not_papers_options(tmp_path):
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "Reading/Plain note.md": "# Plain note\nNothing paper-like.\n",
        "papers/2020/CVPR/meeting-notes-for-march.md": "# Meeting notes\n",
    })
    site = build_site(docs, tmp_path / "site", paper_folders='["Reading/**"]', not_papers='["papers/2020/**"]')
    papers = page(site, "papers")
    assert "Plain note" in papers and "Meeting notes" not in papers


def test_material_search_beside_papernotes_builds_no_lunr_index(tmp_path):
    """`plugins: [search, papernotes]`, as Material users write it: Pagefind is the search, so
    Material's lunr index and header box are switched off, with an info message."""
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\nText.\n"})
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: Both\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
                           "theme: material\nplugins:\n  - search\n  - papernotes:\n      search: none\n",
                           encoding="utf-8")
    build(load_config(str(config_file), strict=True))
    assert (tmp_path / "site" / "search" / "search_index.json").exists()  # search: none keeps lunr

    config_file.write_text(config_file.read_text(encoding="utf-8").replace("      search: none\n", ""),
                           encoding="utf-8")
    build(load_config(str(config_file), strict=True))
    site = tmp_path / "site"
    assert not (site / "search" / "search_index.json").exists()
    assert 'for="__search"' not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "pagefind").is_dir()


def _toc_names(html: str) -> list[str]:
    toc = html.split('class="md-nav md-nav--secondary"', 1)[1].split('class="md-content"', 1)[0]
    return [name.strip() for name in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', toc, re.S)]


def test_a_note_whose_first_heading_comes_later_keeps_its_title_and_every_heading_in_the_toc(tmp_path):
    """Obsidian shows a note's name above it; Material shows a title only on a page with no
    `<h1>`, and drops a TOC's first `#` entry (taking it for the title)."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n",
        "Outline note.md": "An opening line.\n\n# First part\n\n## Detail\n\n# Second part\n",
        "Titled note.md": "# Titled note\n\n## Only part\n",
        "Sections note.md": "# 1 Introduction\n\n## Setting\n\n# 2 Method\n",
        # a frontmatter title over another `#` heading: the title is the page's, the heading content
        "Queue note.md": "---\ntitle: To-read\n---\n# Lately\n\nThree papers.\n",
        # a template's blank heading on a paper's note: no subtitle under the paper's title
        "papers/Lantern.md": ("---\ntitle: 'Lantern: Glowing Paths'\nyear: 2024\narxiv: '2401.00017'\n---\n"
                              "# [Review title]\n\n## Problem\n\nText.\n"),
    })
    site = build_site(docs, tmp_path / "site")
    queue = page(site, "Queue note")
    assert re.search(r"<title>To-read - ", queue)
    assert re.findall(r"<h1[^>]*>([^<]*)", queue.split("<article", 1)[1]) == ["To-read", "Lately"]
    lantern = page(site, "papers/Lantern").split("<article", 1)[1]
    assert re.findall(r"<h1[^>]*>([^<]*)", lantern) == ["Lantern: Glowing Paths"]
    assert "pn-paper__subtitle" not in lantern and "Review title" not in lantern
    outline = page(site, "Outline note")
    article = outline.split("<article", 1)[1]
    assert re.search(r"<h1[^>]*>Outline note</h1>", article)
    assert article.index("Outline note</h1>") < article.index("An opening line")
    assert _toc_names(outline) == ["First part", "Detail", "Second part"]
    titled = page(site, "Titled note")
    assert titled.split("<article", 1)[1].count("<h1") == 1  # the note's own title heading, no other
    assert _toc_names(titled) == ["Only part"]
    sections = page(site, "Sections note").split("<article", 1)[1]
    assert sections.index("Sections note</h1>") < sections.index("1 Introduction")  # a section is no title
    assert _toc_names(page(site, "Sections note")) == ["1 Introduction", "Setting", "2 Method"]
