"""End to end: `mkdocs build` of the Dataview fixture vault; query blocks become tables, notices, pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.test_dataview_golden import VAULT
from tests.test_site_build import build_site, page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dataview")
    shutil.copytree(VAULT, root / "docs")
    return build_site(root / "docs", root / "site", strict=False)


def test_query_blocks_become_sortable_tables_with_links(site: Path) -> None:
    tables = page(site, "Queries/Tables")
    # 15 queries; the one relative to date(today) depends on the day of the build
    assert tables.count('class="pn-table pn-dataview"') >= 14
    assert '<a href="../../Papers/Latte/">Latte</a>' in tables
    assert "```dataview" not in tables and "FROM #diffusion" not in tables


def test_unsupported_queries_show_notices(site: Path) -> None:
    errors = page(site, "Queries/Errors")
    assert errors.count('class="admonition warning"') >= 4
    assert "Dataview: dataviewjs is not supported" in errors and "dv.table" not in errors
    assert "pn-query-unsupported" not in errors and "inline queries" not in errors


def test_inline_queries_show_their_values_in_the_text(site: Path) -> None:
    inline = page(site, "Queries/Inline")
    assert "Year 2023, file Inline, another note's year 2024." in inline
    assert 'A link <a href="../../Papers/DiT/">DiT</a>, a list Ann Lee, Bo Chen, a sum 2024.' in inline
    assert "Abstract: We train &lt;b&gt;diffusion&lt;/b&gt; models over *latent* patches." in inline
    assert "A field nobody wrote: -. A private note's year: -." in inline and "2025" not in inline


def test_inline_queries_that_cannot_run_stay_as_code(site: Path) -> None:
    inline = page(site, "Queries/Inline")
    assert ("Cannot parse: <code>= this.year +</code>. Not supported: <code>= filter(this.authors, 1)</code>. "
            'Fails: <code>= date("soon")</code>.') in inline
    assert "JavaScript: <code>$= dv.current().year</code>. Code that is no query: <code>=</code>." in inline
    assert "admonition" not in inline and "<mark" not in inline


def test_base_files_are_pages(site: Path) -> None:
    diffusion = page(site, "Bases/Diffusion")
    assert "Average of year" in diffusion and 'href="../../Papers/DiT/"' in diffusion


def test_base_pages_are_in_the_nav(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    assert "Bases" in nav and 'href="Bases/Diffusion/"' in nav


def test_private_notes_stay_out_of_query_results(site: Path) -> None:
    for path in site.rglob("*.html"):
        assert "PRIVATE-CANARY-dv01" not in path.read_text(encoding="utf-8"), path


def test_query_problems_fail_a_strict_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n```dataview\nLIST WHERE year >> 1\n```\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(docs, tmp_path / "site")
