"""The sanitiser's own narrowing of URLs: `data:` only for raster images, frames only from http(s),
`zotero:` links."""

from __future__ import annotations

import html
import re

import pytest

from papernotes.sanitize import sanitize_html


@pytest.mark.parametrize(("html", "expected"), [
    # data: URLs: raster images in <img src> only, whatever the case or leading space
    ('<img src="data:image/png;base64,AA" alt="data:x">', '<img src="data:image/png;base64,AA" alt="data:x">'),
    ('<img src=" DATA:image/JPEG;base64,AA">', '<img src=" DATA:image/JPEG;base64,AA">'),
    ('<img src="data:image/gif;base64,AA">', '<img src="data:image/gif;base64,AA">'),
    ('<img src="data:image/svg+xml,x">', "<img>"),
    ('<img src="data:text/html,x">', "<img>"),
    ('<img srcset="data:image/png;base64,AA 1x">', "<img>"),
    ('<a href="data:image/png;base64,AA">a</a>', "<a>a</a>"),
    ('<video poster="data:image/png;base64,AA" src="v.mp4"></video>', '<video src="v.mp4"></video>'),
    # frames: http(s) or relative sources; other schemes nh3 allows elsewhere are dropped
    ('<iframe src="https://www.youtube.com/embed/x" width="300"></iframe>',
     '<iframe src="https://www.youtube.com/embed/x" width="300"></iframe>'),
    ('<iframe src="HTTP://example.org/x"></iframe>', '<iframe src="HTTP://example.org/x"></iframe>'),
    ('<iframe src=" https://x.org/"></iframe>', '<iframe src=" https://x.org/"></iframe>'),
    ('<iframe src="embed/local.html"></iframe>', '<iframe src="embed/local.html"></iframe>'),
    ('<iframe src="a/b:c"></iframe>', '<iframe src="a/b:c"></iframe>'),  # a colon after the first /: a path
    ('<iframe src="mailto:a@b.c"></iframe>', "<iframe></iframe>"),
    ('<iframe src="ftp://example.org/x"></iframe>', "<iframe></iframe>"),
    ('<iframe src="httpx://example.org/x"></iframe>', "<iframe></iframe>"),
    # links keep what nh3 allows
    ('<a href="ftp://example.org/x">f</a>', '<a href="ftp://example.org/x">f</a>'),
    ('<a href="mailto:a@b.c">m</a>', '<a href="mailto:a@b.c">m</a>'),
    ('<img src="a:b/c.png">', "<img>"),  # an unknown scheme
    # zotero: (Zotero's Obsidian plugins) opens the Zotero app: a link, never a frame or image
    ('<a href="zotero://select/library/items/R2D2">z</a>', '<a href="zotero://select/library/items/R2D2">z</a>'),
    ('<a href="ZOTERO://open-pdf/library/items/A?page=2">p</a>',
     '<a href="ZOTERO://open-pdf/library/items/A?page=2">p</a>'),
    ('<iframe src="zotero://select/x"></iframe>', "<iframe></iframe>"),
    ('<img src=" zotero://select/x">', "<img>"),
    ('<a href="obsidian://open?vault=v">o</a>', "<a>o</a>"),
    ('<a href="javascript:alert(1)">j</a>', "<a>j</a>"),
    ("", ""),
])
def test_urls(html: str, expected: str) -> None:
    assert sanitize_html(html) == expected


def _urls_as_browsers_read(cleaned: str) -> list[str]:
    """Each URL attribute's value as the WHATWG URL parser starts reading it: entities decoded,
    C0 controls and spaces stripped at both ends, tabs and line breaks removed, lower-cased."""
    values = re.findall(r'(?:href|src|srcset|poster)="([^"]*)"', cleaned)
    return [re.sub(r"[\t\n\r]", "", html.unescape(value).strip("".join(map(chr, range(33))))).lower()
            for value in values]


# How a scheme can be hidden from a check that reads the attribute as written but not from a
# browser's URL parser: controls and spaces before it, tabs and line breaks inside it.
HIDDEN = ["da\nta:", "da\tta:", "d\ra\nt\ta:", "\x01data:", " \x02data:", "\x00data:", "data\n:"]
ACTIVE = ["text/html,<script>alert(1)</script>", "image/svg+xml,<svg onload=alert(1)>", "application/xhtml+xml,x"]
PLACES = [("a", "href"), ("img", "src"), ("iframe", "src"), ("video", "poster"), ("img", "srcset"),
          ("source", "src"), ("audio", "src")]


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("active", ACTIVE)
@pytest.mark.parametrize(("tag", "attribute"), PLACES)
def test_a_data_url_hidden_from_the_scheme_check_is_still_dropped(hidden: str, active: str, tag: str,
                                                                 attribute: str) -> None:
    cleaned = sanitize_html(f'<{tag} {attribute}="{hidden}{active}">x</{tag}>')
    assert not any(url.startswith("data:") for url in _urls_as_browsers_read(cleaned)), cleaned


@pytest.mark.parametrize("hidden", ["zot\nero:", "\x01zotero:", " \x02zotero:", "zo\ttero:"])
@pytest.mark.parametrize(("tag", "attribute"), [("img", "src"), ("iframe", "src"), ("video", "poster"),
                                                ("a", "href")])
def test_a_zotero_url_hidden_from_the_scheme_check_is_never_a_source(hidden: str, tag: str, attribute: str) -> None:
    """A link written `zotero:` plainly stays (above); one hidden this way is nobody's real link: dropped."""
    cleaned = sanitize_html(f'<{tag} {attribute}="{hidden}//select/items/A">x</{tag}>')
    assert not any(url.startswith("zotero:") for url in _urls_as_browsers_read(cleaned)), cleaned


def test_a_raster_image_with_a_line_break_in_its_data_url_is_dropped_not_kept_half_read() -> None:
    assert sanitize_html('<img src="da\nta:image/png;base64,AA">') == "<img>"
