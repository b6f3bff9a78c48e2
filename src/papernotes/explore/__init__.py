"""Exploring the paper graph: the graph view's data, link previews, the Reading page and the feed.

Fed by the published site (`pages.Site`, which holds no private note), it gives the plugin
generated files up front (`Explorer.files`), and touches each built page twice: its content
after sanitising (`page_content`: the local graph, the reading chart) and its final HTML
(`finish_page`: the feed's `<link rel="alternate">`, the page's preview file).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterable
from pathlib import Path

from papernotes.explore import dates
from papernotes.explore.feed import FEED_SRC, alternate_link, atom, entries
from papernotes.explore.graphdata import DATA_DIR, ExtraNode, data_path, graph_files
from papernotes.explore.previews import PREVIEW_DIR, inline_anchors, note_preview, topic_preview
from papernotes.explore.reading import READING_SRC, read_records, reading_page, with_chart
from papernotes.pages import Site, topic_src
from papernotes.render import page_url, relative_url

GRAPH_SRC = "graph.md"
GRAPH_PAGE = """# Graph

<div class="pn-graph" id="pn-graph-global" aria-label="Graph of papers, notes, topics and queues"></div>

<p class="pn-graph-noscript">The graph view needs JavaScript. Every paper is on
<a href="{papers}">Papers</a>, every topic on <a href="{topics}">Topics</a>.</p>
"""


class Explorer:
    def __init__(self, site: Site, *, vault_root: Path | None = None, site_name: str = "", site_url: str = "",
                 site_author: str = "", generated_pages: bool = True, extra: Iterable[ExtraNode] = ()) -> None:
        self.site = site
        self.vault_root = vault_root
        self.site_name, self.site_url, self.site_author = site_name, site_url or "", site_author or ""
        self.generated_pages = generated_pages
        self.extra = tuple(extra)
        self.records = read_records(site)
        self.inline = inline_anchors(site)
        self.previews: dict[str, str] = {}

    def _url(self, src: str) -> str:
        return page_url(src, self.site.links.use_directory_urls)

    def pages(self) -> dict[str, str]:
        """The Graph and Reading pages (Markdown), with the generated pages' option."""
        if not self.generated_pages:
            return {}
        udu = self.site.links.use_directory_urls
        graph = GRAPH_PAGE.format(papers=html.escape(relative_url(page_url("papers.md", udu), self._url(GRAPH_SRC))),
                                  topics=html.escape(relative_url(page_url("topics/index.md", udu),
                                                                  self._url(GRAPH_SRC))))
        return {GRAPH_SRC: graph, READING_SRC: reading_page(self.site, self.records)}

    def files(self) -> dict[str, str]:
        """Data files by site path: the graph's, the topic pages' previews, and `feed.xml`."""
        found = graph_files(self.site, topic_pages=self.generated_pages, extra=self.extra)
        if self.generated_pages:
            for key, topic in self.site.graph.topics.items():
                found[data_path(PREVIEW_DIR, self._url(topic_src(key)).removeprefix("./"))] = topic_preview(topic)
        found[FEED_SRC] = self.feed()
        return found

    def feed(self) -> str:
        git = dates.git_dates(self.vault_root) if self.vault_root is not None else {}
        changed: dict[str, tuple[dt.datetime, str]] = {}
        for key in self.site.links.published:
            if self.site.graph.papers_of_note(key):
                found = dates.updated(self.site.graph.notes[key], self.vault_root, git)  # type: ignore[index]
                if found:
                    changed[key] = found
        return atom(self.site_name, self.site_url, self.site_author, entries(self.site, self.records, changed))

    def page_content(self, content: str, src: str, key: str | None, body: str = "") -> str:
        """A page's content after sanitising: the chart on the Reading page; on a note's page,
        the local graph (after the note) and its preview (from `body`, the note without the
        paper header and footer), kept for `finish_page`."""
        if src == READING_SRC and self.generated_pages:
            return with_chart(content, self.records)
        if key is None or key not in self.site.links.published:
            return content
        self.previews[src] = note_preview(self.site, key, body or content, self.inline.get(key, {}))
        url = self._url(src)
        local = relative_url(page_url(data_path(f"{DATA_DIR}/local", url.removeprefix("./")), False), url)
        return (f'{content}\n<div class="pn-local-graph" data-graph="{html.escape(local)}" '
                'data-pagefind-ignore></div>')

    def finish_page(self, output: str, src: str, site_dir: str) -> str:
        """The built page with the feed link in its head; its preview written beside the site."""
        url = self._url(src)
        preview = self.previews.pop(src, None)
        if preview is not None:
            path = os.path.join(site_dir, data_path(PREVIEW_DIR, url.removeprefix("./")))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as file:
                file.write(preview)
        link = alternate_link(relative_url(FEED_SRC, url), self.site_name)
        return output.replace("</head>", f"{link}\n</head>", 1)


__all__ = ["Explorer", "ExtraNode", "GRAPH_SRC", "READING_SRC"]
