"""MkDocs glue: a page whose Markdown is blank (papernotes rendered it) skips Python-Markdown.

MkDocs' `Page.render` makes a Python-Markdown instance with every configured extension for each
page, then converts the page's Markdown. papernotes renders pages itself (markdown-it) and hands
MkDocs "" in `on_page_markdown`, which Python-Markdown turns into "" before any extension runs
(`Markdown.convert` returns at once on blank text): making the instance is all it costs, about
0.1 ms a page with MkDocs' three default extensions on an idle machine, more with the user's
`markdown_extensions`. A page whose Markdown is still blank when MkDocs renders it gets here what
that render would give; any other (another plugin's `on_page_markdown` after papernotes returned
text) is rendered by MkDocs as before.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # MkDocs' `Page.render` reads its level


class BlankRenderedPage(Page):
    """A `Page` whose `render` of blank Markdown sets what MkDocs' would, without Python-Markdown."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def skip_blank_render(page: Page) -> None:
    """Let MkDocs' render of `page` skip Python-Markdown when its Markdown is blank; a page of
    another class (a theme's or another plugin's subclass) is left alone."""
    if type(page) is Page:
        page.__class__ = BlankRenderedPage


__all__ = ["BlankRenderedPage", "skip_blank_render"]
