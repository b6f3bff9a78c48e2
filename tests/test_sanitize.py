"""The sanitiser's own narrowing of URLs: `data:` only for raster images, frames only from http(s),
`zotero:` links."""

from __future__ import annotations

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
