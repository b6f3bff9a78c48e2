"""Query tables on the built notes/ site sort in the browser like the Papers table."""

from __future__ import annotations

from tests.test_browser import base_url, browser, page  # noqa: F401  (fixtures)

DASHBOARD = "Dashboards/Reading%20dashboard/"


def _column(page, index: int) -> list[str]:  # type: ignore[no-untyped-def]  # noqa: F811
    table = page.locator(".pn-dataview table").first
    return table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()


def test_query_table_sorts_on_header_click(page, base_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(base_url + DASHBOARD)
    before = _column(page, 1)
    assert len(before) >= 3
    header = page.locator(".pn-dataview table").first.locator("th", has_text="File")
    header.click()
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    after = _column(page, 1)
    assert after != before and sorted(after, key=str.lower) in (after, list(reversed(after)))


def test_query_links_land_on_notes(page, base_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(base_url + DASHBOARD)
    page.locator(".pn-dataview table a", has_text="Latte").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/Diffusion/Video%20Diffusion/Latte/")


def test_base_page_renders_tables(page, base_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(base_url + "Dashboards/Papers/")
    assert page.locator(".pn-dataview table").count() >= 2
    assert page.locator(".pn-summaries").first.inner_text().startswith("Median of year")
