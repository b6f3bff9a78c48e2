"""The comparison in headless Chromium: tick two papers on a topic's table, press Compare, see
them side by side with a difference highlighted; the page's address alone shows it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_site_build import build_site

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)

VAULT = Path(__file__).parent / "golden" / "compare" / "vault"
LATTE = "Latte: Latent Diffusion Transformer for Video Generation"
DIT = "Scalable Diffusion Models with Transformers"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_site(VAULT, tmp_path_factory.mktemp("compare") / "site", strict=False)
    with serve(site) as url:
        yield url


@pytest.fixture()
def page(base_url: str):  # type: ignore[no-untyped-def]
    with playwright_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        assert [url for url in requests if urlparse(url).hostname not in ("127.0.0.1", None)] == []
        assert errors == []
        browser.close()


def _assert_comparison(page) -> None:  # type: ignore[no-untyped-def]
    view = page.locator(".pn-compare-view table")
    view.wait_for()
    assert view.locator("thead th").all_inner_texts()[1:] == [LATTE, DIT]
    venue = view.locator("tbody tr", has_text="Venue")
    assert venue.get_attribute("class") == "pn-diff"  # arXiv and ICCV: highlighted
    assert venue.locator("td").all_inner_texts() == ["arXiv", "ICCV"]
    assert view.locator("tr.pn-diff", has_text="Dataset").count() == 1


def test_tick_two_papers_and_compare_them(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "topics/diffusion/")
    page.get_by_label(f"Compare {LATTE}").check()
    page.get_by_label(f"Compare {DIT}").check()
    button = page.locator("a.pn-compare-button").first
    assert button.inner_text().startswith("Compare 2 ticked papers")
    button.click()
    page.wait_for_url("**/compare/?id=*")
    _assert_comparison(page)
    shared = page.url
    page.goto(base_url)  # the address alone, opened again, shows the same comparison
    page.goto(shared)
    _assert_comparison(page)


def test_the_papers_table_ticks_too(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "papers/")
    page.get_by_label(f"Compare {LATTE}").check()
    page.get_by_label(f"Compare {DIT}").check()
    page.locator("a.pn-compare-button").first.click()
    page.wait_for_url("**/compare/?id=*")
    _assert_comparison(page)


def test_unknown_ids_in_the_address_are_named_not_shown(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "compare/?id=__proto__&id=title%3Avdt&id=nothing%3Ahere")
    view = page.locator(".pn-compare-view table")
    view.wait_for()
    assert view.locator("thead th").all_inner_texts()[1:] == ["VDT"]
    assert view.locator("tr.pn-diff").count() == 0  # one paper: nothing to differ from
    assert page.locator(".pn-compare-note", has_text="Not on the site: __proto__, nothing:here").count() == 1


def test_topic_table_sorts_and_filters(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "topics/diffusion/")
    table = page.locator(".pn-compare-table table")
    year = table.locator("th", has_text="Year")
    year.click()
    assert year.get_attribute("aria-sort") in ("ascending", "descending")
    years = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert years in (sorted(years), sorted(years, reverse=True))
    page.locator(".pn-compare-table .pn-filter").fill("patchify")
    page.wait_for_function("document.querySelectorAll('.pn-compare-table tbody tr:not([hidden])').length === 1")
    assert table.locator("tbody tr:not([hidden])").inner_text().count(DIT) == 1


def test_a_link_value_is_clickable_in_the_comparison(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "compare/?id=title%3Alatte-latent-diffusion-transformer-for-video-generation&id=title%3Avdt")
    code = page.locator(".pn-compare-view tbody tr").filter(has=page.get_by_role("rowheader", name="Code", exact=True))
    code.wait_for()
    assert code.locator("a").get_attribute("href") == "https://github.com/Vchitect/Latte"
