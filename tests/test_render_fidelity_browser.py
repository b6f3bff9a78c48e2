"""Rendering fidelity in headless Chromium: math typeset in the sidebar's table of contents, and
a Logseq page's properties box and `#+BEGIN_NOTE` box as drawn."""

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

GRAPH = {
    "logseq/config.edn": "{:preferred-format :markdown}\n",
    "pages/Beta VAE.md": (
        "type:: paper_reading\n"
        "tags:: [[ml/generative]]\n"
        "\n"
        "- # $\\beta$-VAE notes\n"
        "\t- ## The loss $\\mathcal{L}_{\\beta}$\n"
        "\t\t- A weight on the KL term.\n"
        "\t- #+BEGIN_NOTE\n"
        "\t  Disentangling needs $\\beta > 1$.\n"
        "\t  #+END_NOTE\n"
    ),
}


@pytest.fixture(scope="module")
def vae(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    root: Path = tmp_path_factory.mktemp("fidelity-browser")
    site = build_site(write_vault(root / "graph", GRAPH), root / "site", strict=False)
    with serve(site) as url, playwright_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "pages/Beta%20VAE/")
        page.wait_for_selector(".md-nav--secondary .katex")
        yield page
        assert errors == []
        browser.close()


def test_math_in_headings_is_typeset_in_the_toc(vae) -> None:  # type: ignore[no-untyped-def]
    toc = vae.locator(".md-sidebar--secondary .md-nav--secondary")
    assert toc.locator(".arithmatex .katex").count() == 2
    shown = toc.evaluate("nav => nav.innerText")
    assert "The loss" in shown and "$" not in shown and "\\mathcal" not in shown
    assert toc.locator(".arithmatex").first.is_visible()


def test_a_logseq_note_block_is_a_callout_and_properties_a_box(vae) -> None:  # type: ignore[no-untyped-def]
    note = vae.locator("article .admonition.note")
    assert note.locator(".admonition-title").inner_text() == "Note"
    assert note.locator(".katex").count() == 1 and "#+" not in vae.locator("article").inner_text()
    box = vae.locator("article dl.pn-properties")
    assert box.evaluate("el => getComputedStyle(el).display") == "grid"
    assert box.inner_text().split()[:3] == ["type", "paper_reading", "tags"]
    assert "[[" not in box.inner_text() and box.locator("dd").count() == 2
