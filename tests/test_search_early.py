"""What Pagefind is given before a page is written, and the check that the written page gives it
nothing else (`papernotes.search_early`); the builds are in tests/test_search.py."""

from __future__ import annotations

import pytest

from papernotes.search_early import page_language, same_for_search, search_document

CONTENT = '<div data-pagefind-body data-pn-title="T"><h1>T</h1><p>text <img src="a.png"></p></div>'


def page(before: str = "", after: str = "", html: str = '<html lang="en" class="no-js">',
         content: str = CONTENT) -> str:
    return f"<!doctype html>\n{html}<head><title>T</title></head><body>{before}<article>{content}</article>" \
           f"{after}</body></html>"


def test_the_document_given_holds_the_content_under_the_language() -> None:
    assert search_document(CONTENT, 'x"y') == \
        f'<!doctype html><html lang="x&quot;y"><head></head><body>{CONTENT}</body></html>'


@pytest.mark.parametrize(("theme", "language"), [({"language": "de"}, "de"), ({"locale": "fr"}, "fr"),
                                                 ({"language": "", "locale": "ko"}, "ko"), ({}, "en")])
def test_the_language_is_the_themes(theme: dict[str, object], language: str) -> None:
    assert page_language(theme) == language


@pytest.mark.parametrize(("written", "same"), [
    (page(), True),
    (page(before='<img src="logo.png"><nav data-pagefind-ignore>menu</nav>'), True),  # an image before: not read
    (page(after='<footer data-pagefind-ignore="all"><a href="/">up</a></footer>'), True),
    (page(html="<html lang='en'>"), True),
    (page(html="<html class=x lang=en>"), True),
    (page(html='<html lang="de">'), False),
    (page(html="<html>"), False),
    (page(html=""), False),
    (page(after='<footer><img src="x.png"></footer>'), False),  # Pagefind's `image` after the first h1
    (page(after='<footer><IMG src="x.png"></footer>'), False),
    (page(before='<h1>Site</h1><img src="logo.png">'), False),
    (page(before="<h1>Site</h1>"), True),
    (page(before='<span data-pagefind-filter="tag">x</span>'), False),
    (page(after='<div DATA-PAGEFIND-BODY>more</div>'), False),
    (page(after='<meta data-pagefind-meta="image[content]" content="x.png">'), False),
    (page(content=CONTENT.replace("text", "changed")), False),
])
def test_a_written_page_is_read_as_given_only_when_nothing_around_the_content_matters(written: str, same: bool) -> None:
    assert same_for_search(written, CONTENT, "en") is same


def test_empty_content_is_never_taken_as_found() -> None:
    assert not same_for_search(page(content=""), "", "en")
