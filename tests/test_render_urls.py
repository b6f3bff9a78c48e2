"""Relative paths and URLs between pages (`render._relpath`, `relative_url`), which every link of
every generated page and footer goes through: the same as `posixpath.relpath`, with the paths'
parts cached."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from papernotes.render import _relpath, forget_urls, relative_src, relative_url

PATHS = [".", "a", "a/", "a/b", "a/b/", "a/b/c", "./a/b", "a/./b", "a//b", "b/a", "a b/c", "论文/注意力",
         "a/..", "../x", "a/../b", "x.md", "a/x.md", "ab", "a/bc"]


def test_relpath_is_posixpaths() -> None:
    for target, start in itertools.product(PATHS, repeat=2):
        assert _relpath(target, start) == posixpath.relpath(target, start), (target, start)


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("papers/Sora/", "topics/video/", "../../papers/Sora/"),
    ("papers/Sora/#method", "papers/Latte/", "../Sora/#method"),
    ("papers/Sora/", "papers/Sora/", "./"),
    ("", "papers/Sora/", "../../"),  # the home page's URL is ""
    ("", "", "./"),
    ("papers/Sora.html", "topics/video.html", "../papers/Sora.html"),
    ("papers/Sora.html#a#b", "index.html", "papers/Sora.html#a#b"),
    ("assets/x.js", "a/b/c/", "../../../assets/x.js"),
    ("a/b/", "a/b/c/d/", "../../"),
])
def test_relative_url(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected
    forget_urls()
    assert relative_url(target, page) == expected  # and again from empty caches


def test_relative_src() -> None:
    assert relative_src("a/b.md", "c/d.md") == "../a/b.md"
    assert relative_src("a/b.md", "a/d.md") == "b.md"
    assert relative_src("x.md", "index.md") == "x.md"
