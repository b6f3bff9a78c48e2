"""The built notes/ site in headless Chromium: links land, tables sort, search finds CJK, offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlparse

import pytest

from papernotes import search
from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import REPO, build_site

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_site(REPO / "notes", tmp_path_factory.mktemp("browser") / "site", search="pagefind")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site indexed in shards of 8 pages, as a site of thousands of notes is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 8)
        patch.setattr(search, "STREAM_NOTES", 8)
        site = build_site(REPO / "notes", tmp_path_factory.mktemp("sharded") / "site", search="pagefind")
    shards = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(shards) >= 2 and all((site / shard / "pagefind-entry.json").is_file() for shard in shards)
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    outside = [url for url in page.requests if urlparse(url).hostname not in ("127.0.0.1", None)
               and not url.startswith("data:")]
    assert outside == [], outside
    assert page.errors == [], page.errors
    page.close()


LATTE = "Diffusion/Video%20Diffusion/Latte/"


def test_wikilink_lands_on_heading(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + LATTE)
    page.click("text=Classifier-free Diffusion Guidance > Method")
    page.wait_for_load_state()
    assert unquote(page.url).endswith("/Diffusion/Classifier-free Diffusion Guidance/#method")
    assert page.locator("#method").count() == 1


def test_backlink_lands_on_source(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + LATTE)
    link = page.locator(".pn-backlinks a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = unquote(href.split("#", 1)[1]) if "#" in href else ""
    assert "Latte" not in unquote(page.url)
    if anchor:
        assert page.locator(f'[id="{anchor}"]').count() == 1


def test_queue_item_lands_on_paper(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "queues/")
    page.locator("article a", has_text="Latte").first.click()
    page.wait_for_load_state()
    assert unquote(page.url).endswith("/Diffusion/Video Diffusion/Latte/")


def test_comparison_table_sorts(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "papers/")
    header = page.locator(".pn-table th", has_text="Title").first
    header.click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    titles = page.locator(".pn-table tbody tr td:nth-child(2)").all_inner_texts()  # after the tick box
    assert all(titles)
    # every column's name stays on one line: a wrapped name and the sort icon made a vault's
    # headers three lines tall where the table was squeezed (a 10-column Papers table)
    spacing = page.locator(".pn-table thead th").evaluate_all("cells => cells.map(c => getComputedStyle(c).whiteSpace)")
    assert spacing and set(spacing) == {"nowrap"}, spacing
    assert titles == sorted(titles, key=str.lower) or titles == sorted(titles, key=str.lower, reverse=True)


@pytest.mark.parametrize(("query", "expected"), [
    ("自回归", "VAR"),
    ("파인튜닝", "Reading"),
    ("偏好", "Diffusion-DPO"),  # in the middle of a sentence: needs Chinese word segmentation
])
def test_search_finds_cjk(page, base_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "search/?q=" + query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10000)
    hrefs = [unquote(h or "") for h in page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert any(expected in href for href in hrefs), hrefs


@pytest.mark.parametrize(("query", "expected"), [
    ("自回归", "VAR"), ("파인튜닝", "Reading"), ("偏好", "Diffusion-DPO"), ("Latte", "Latte"), ("MoCo", "Moco"),
    ("FoodFusion", "daily.2023.12.07"),  # one query per bundle: the last shard holds the daily note
])
def test_search_merges_the_bundles_of_a_sharded_index(page, sharded_url: str, query: str,  # type: ignore[no-untyped-def]
                                                       expected: str) -> None:
    page.goto(sharded_url + "search/?q=" + query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10000)
    hrefs = [unquote(h or "") for h in page.locator(".pagefind-ui__result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert any(expected in href for href in hrefs), hrefs


def test_math_and_callouts_render(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + LATTE)
    assert page.locator(".arithmatex .katex").count() >= 1
    assert page.locator(".admonition.note .admonition-title", has_text="Key idea").count() == 1


def test_callout_text_is_as_large_as_the_text_around_it(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Obsidian prints a callout's body at the note's size; Material shrinks admonitions to 80 %."""
    page.goto(base_url + LATTE)
    size = "el => getComputedStyle(el).fontSize"
    body = page.locator(".md-content article > div > p").first.evaluate(size)
    assert page.locator(".admonition.note p:not(.admonition-title)").first.evaluate(size) == body


def test_a_notes_table_text_is_as_large_as_the_text_around_it(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Obsidian prints a table at the note's size; Material shrinks tables to 80 %."""
    page.goto(base_url)
    size = "el => getComputedStyle(el).fontSize"
    body = page.locator(".md-content article > div > p").first.evaluate(size)
    assert page.locator("article table:not([class]) td").first.evaluate(size) == body


def test_inline_paper_lands_on_its_line(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """A paper written inline in a survey note: the Papers page links to its own line."""
    page.goto(base_url + "papers/")
    link = page.locator(".pn-table a").filter(has_text=re.compile(r"^Video Diffusion Models$")).first
    href = link.get_attribute("href") or ""
    assert "#paper-" in href, href
    link.click()
    page.wait_for_load_state()
    anchor = unquote(page.url.split("#", 1)[1])
    assert "survey_video_LDM" in unquote(page.url)
    target = page.locator(f'[id="{anchor}"]')
    assert target.count() == 1
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }", arg=anchor, timeout=5000)
    line = target.locator("xpath=..").inner_text()
    assert "Video Diffusion Models" in line, line


def test_phone_layout_keeps_tables_in_their_box_and_the_site_name(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "papers/")
    page.wait_for_load_state()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    box = page.locator(".pn-table").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    assert page.locator(".pn-header-search").is_hidden()
    name_fits = page.evaluate("(() => { const name = document.querySelector('.md-header__topic .md-ellipsis');"
                              " return name.scrollWidth <= name.clientWidth; })()")
    assert name_fits, "the site name is cut off in the header"



# a 1x1 PNG
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082")


def test_search_result_thumbnails_load(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Pagefind takes a page's first image as written, relative to that page (`../pic.png` from
    `Deep/Folder/Note/`); shown on the Search page, it must still name the image's address."""
    docs = tmp_path / "docs"
    (docs / "Deep" / "Folder").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n[[Note]]\n", encoding="utf-8")
    (docs / "Deep" / "Folder" / "Note.md").write_text("# Note\nZanzibarword here.\n\n![pic](pic.png)\n",
                                                      encoding="utf-8")
    (docs / "Deep" / "Folder" / "pic.png").write_bytes(PIXEL)
    site = build_site(docs, tmp_path / "site", search="pagefind")
    with serve(site) as url:
        page.goto(url + "search/?q=Zanzibarword")
        page.wait_for_selector(".pagefind-ui__result-image", timeout=10000)
        sources = page.locator(".pagefind-ui__result-image").evaluate_all("images => images.map(i => i.src)")
        assert [urlparse(source).path for source in sources] == ["/Deep/Folder/pic.png"]
        assert page.request.get(sources[0]).status == 200
