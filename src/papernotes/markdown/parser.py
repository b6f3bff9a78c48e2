"""The one markdown-it-py configuration every note is parsed with."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from papernotes.markdown.citations import citations_plugin
from papernotes.markdown.cjk_emphasis import cjk_emphasis_plugin
from papernotes.markdown.hashtags import hashtags_plugin
from papernotes.markdown.wikilinks import wikilinks_plugin


@lru_cache(maxsize=1)
def make_parser() -> MarkdownIt:
    """CommonMark with pipe tables, strikethrough, task lists, `$math$`, footnotes, Pandoc citations
    and our Obsidian rules.

    Math is parsed so that `#` or `[[` inside a formula are never taken for tags or links.
    """
    md = MarkdownIt("commonmark", {"tasklists": True, "html": True})
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_digits=False, double_inline=True)
    md.use(footnote_plugin)
    md.use(cjk_emphasis_plugin)
    md.use(wikilinks_plugin)
    md.use(hashtags_plugin)
    md.use(citations_plugin)
    return md
