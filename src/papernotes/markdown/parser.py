"""The one markdown-it-py configuration every note is parsed with."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from papernotes.markdown.citations import citations_plugin
from papernotes.markdown.cjk_emphasis import cjk_emphasis_plugin
from papernotes.markdown.footnote_refs import linear_footnote_refs
from papernotes.markdown.hashtags import hashtags_plugin
from papernotes.markdown.local_files import local_files_plugin
from papernotes.markdown.logseq import block_refs_plugin
from papernotes.markdown.wikilinks import wikilinks_plugin


@lru_cache(maxsize=2)
def make_parser(outline: bool = False) -> MarkdownIt:
    """CommonMark with pipe tables, strikethrough, task lists, `$math$`, footnotes, Pandoc citations
    and our Obsidian rules.

    Math is parsed so that `#` or `[[` inside a formula are never taken for tags or links.
    `outline` is for a Logseq page: every line is a block of an outline, nested by its tabs, so
    an indented line is never an indented code block (fenced code still is code).
    """
    md = MarkdownIt("commonmark", {"tasklists": True, "html": True})
    if outline:
        md.disable("code")
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_digits=False, double_inline=True)
    _math_blocks_interrupt(md)
    md.use(footnote_plugin)
    linear_footnote_refs(md)
    md.use(cjk_emphasis_plugin)
    md.use(wikilinks_plugin)
    md.use(block_refs_plugin)
    md.use(hashtags_plugin)
    md.use(citations_plugin)
    md.use(local_files_plugin)
    return md


def _math_blocks_interrupt(md: MarkdownIt) -> None:
    """A `$$` line opens display math even right below a line of text, in a list item or in a
    callout, and the math runs to the closing `$$`, blank lines included, as in Obsidian.
    dollarmath's block rule ignores `silent` (it always emits a token), so as a terminator it is
    run on trial and its token taken back."""
    rule = next(r for r in md.block.ruler.getRules("") if getattr(r, "__name__", "") == "_math_block_dollar")

    def math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:
            return bool(rule(state, start, end, silent))
        tokens, line = len(state.tokens), state.line
        found = bool(rule(state, start, end, False))
        del state.tokens[tokens:]
        state.line = line
        return found

    md.block.ruler.at("math_block", math_block, {"alt": ["paragraph", "reference", "blockquote", "list"]})
