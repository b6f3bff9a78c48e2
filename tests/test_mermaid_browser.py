"""```mermaid blocks are drawn as diagrams, as Obsidian draws them, with the library shipped in
the site: no request leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site, page, write_vault

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)

VAULT = {
    "index.md": "# Home\n\nNo diagram here.\n",
    "Methods/Pipeline.md": """
        # Pipeline

        ```mermaid
        flowchart LR
          A[Encoder] --> B{"<b>x</b> & y"}
          B --> C[Decoder]
        ```
        """,
}


def test_a_diagram_is_drawn_offline_and_only_its_page_loads_the_library(tmp_path: Path) -> None:
    site = build_site(write_vault(tmp_path / "docs", VAULT), tmp_path / "site")
    pipeline = page(site, "Methods/Pipeline")
    assert '<pre class="mermaid"><code>flowchart LR\n  A[Encoder] --&gt; B{"&lt;b&gt;x&lt;/b&gt; &amp; y"}' in pipeline
    assert pipeline.count('<script src="../../_papernotes/mermaid/mermaid.min.js"></script>') == 1
    assert "mermaid.min.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "_papernotes/mermaid/LICENSE").is_file()
    outside: list[str] = []
    with serve(site) as url, playwright_api.sync_playwright() as p:
        browser = launch(p)
        tab = browser.new_page()
        tab.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                  if not route.request.url.startswith(url) else route.continue_())
        tab.goto(url + "Methods/Pipeline/")
        # Material replaces the block by a drawn diagram (in a closed shadow root) once mermaid ran
        tab.wait_for_selector("div.mermaid", state="attached")
        assert tab.locator("pre.mermaid").count() == 0
        assert tab.locator("div.mermaid").evaluate("el => el.getBoundingClientRect().height") > 50
        browser.close()
    assert outside == []
