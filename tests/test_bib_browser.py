"""The bibliography site in headless Chromium: the Cite block's button copies the BibTeX, offline,
and the Papers table filters by author and venue."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)

VAULT = Path(__file__).parent / "golden" / "bib" / "vault"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("bib-browser")
    shutil.copytree(VAULT, root / "docs")
    site = build_site(root / "docs", root / "site", strict=False)
    with serve(site) as url:
        yield url


@pytest.fixture()
def page(base_url: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert errors == []
        assert [url for url in requests if not url.startswith(base_url)] == []  # offline


def test_copy_button_copies_the_bibtex(page, base_url: str) -> None:
    page.goto(base_url + "ResNet/")
    page.click(".pn-cite-block summary")
    page.click(".pn-copy")
    page.wait_for_function("document.querySelector('.pn-copy').dataset.pnCopied === '1'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@inproceedings{he2016deep,") and copied.rstrip().endswith("}")
    assert copied == page.inner_text("#pn-bibtex-he2016deep")


def test_papers_table_filters_by_author_and_venue(page, base_url: str) -> None:
    page.goto(base_url + "papers/?author=Kaiming")
    page.wait_for_function("document.querySelectorAll('.pn-table tbody tr:not([hidden])').length === 2")
    page.fill("input[placeholder='Filter by venue']", "arxiv")
    page.wait_for_function("document.querySelectorAll('.pn-table tbody tr:not([hidden])').length === 0")
    page.fill("input[placeholder='Filter by author']", "")
    page.wait_for_function("document.querySelectorAll('.pn-table tbody tr:not([hidden])').length === 1")
    assert "Attention" in page.inner_text(".pn-table tbody tr:not([hidden])")


def test_copy_button_falls_back_without_the_clipboard_api(page, base_url: str) -> None:
    """A site opened over plain http (not localhost) has no navigator.clipboard: the button
    copies through a selected textarea instead."""
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(base_url + "ResNet/")
    page.evaluate("""() => { window.__copied = null;
        document.addEventListener('copy', () => { window.__copied = document.getSelection().toString(); }); }""")
    page.click(".pn-cite-block summary")
    page.click(".pn-copy")
    page.wait_for_function("document.querySelector('.pn-copy').dataset.pnCopied === '1'")
    assert page.evaluate("window.__copied").startswith("@inproceedings{he2016deep,")
