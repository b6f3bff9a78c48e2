"""How notes look in headless Chromium, compared with Obsidian's reading view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site, write_vault

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)

VAULT = {
    "index.md": """
        # Home

        <details><summary>Raw summary</summary>

        Raw body.

        </details>

        > [!faq]- A folded callout
        > Callout body.

        - [ ] Steps to try
          1. first step
          2. second step
             1. a detail
        """,
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    root: Path = tmp_path_factory.mktemp("look")
    site = build_site(write_vault(root / "docs", VAULT), root / "site")
    with serve(site) as url, playwright_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url)
        yield page
        browser.close()


def test_raw_html_details_look_like_a_browsers_details_not_a_callout(home) -> None:  # type: ignore[no-untyped-def]
    """Obsidian shows `<details>` written in a note as the browser does: a disclosure triangle,
    no box. Material draws every `<details>` as a note admonition."""
    style = "el => { const s = getComputedStyle(el); return [s.borderLeftWidth, s.boxShadow, s.display]; }"
    raw = home.locator("details:not([class])")
    assert raw.evaluate(style) == ["0px", "none", "block"]  # not flow-root, which hides a list bullet
    assert raw.locator("summary").evaluate(style)[2] == "list-item"
    callout = home.locator("details.question")
    assert callout.evaluate(style)[0] != "0px"  # a callout keeps its box


def test_numbered_lists_inside_lists_keep_their_numbers(home) -> None:  # type: ignore[no-untyped-def]
    """Obsidian numbers `1.`, `2.` at every depth; Material would letter them (a., b.), then i., ii."""
    styles = home.locator("ol").evaluate_all("els => els.map(el => getComputedStyle(el).listStyleType)")
    assert styles == ["decimal", "decimal"]
