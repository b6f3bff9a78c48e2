"""Exploring the paper graph: the graph view's data, link previews, the Reading page and the feed.

Fed by the published site (`pages.Site`, which holds no private note), it gives the plugin the
Graph and Reading pages up front (`Explorer.pages`), touches each built page twice, its content
after sanitising (`page_content`: the local graph, the reading chart, the page's preview taken
from its HTML) and its final HTML (`finish_page`: the feed's `<link rel="alternate">`, the
previews' shard count), and writes the data files once every page's content is made
(`write_all`; `DataWriter` while MkDocs writes the pages).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from papernotes.explore import dates
from papernotes.explore.feed import FEED_SRC, alternate_link, atom, entries
from papernotes.explore.graphdata import DATA_DIR, ExtraNode, KeptGraph, data_path, graph_file_items
from papernotes.explore.previews import (
    PREVIEW_DIR,
    inline_anchors,
    note_preview,
    shard_count,
    shard_files,
    topic_preview,
)
from papernotes.explore.reading import READING_SRC, read_records, reading_page, with_chart
from papernotes.pages import Site, topic_src
from papernotes.render import page_url, relative_url

QUEUED_FILES = 64  # data files made but not yet written, at most (a local graph file is at most 10 kB)
GRAPH_SRC = "graph.md"
GRAPH_PAGE = """# Graph

<div class="pn-graph" id="pn-graph-global" aria-label="Graph of papers, notes, topics, queues, authors, venues"></div>

<p class="pn-graph-noscript">The graph view needs JavaScript. Every paper is on
<a href="{papers}">Papers</a>, every topic on <a href="{topics}">Topics</a>.</p>
"""


@lru_cache(maxsize=1 << 16)  # every published page's, every build (5,000 at 5,000 notes)
def preview_key(src: str, use_directory_urls: bool) -> str:
    """A page's site path as previews are keyed: `Diffusion/DDPM/`, decoded, `` for home."""
    return unquote(page_url(src, use_directory_urls).removeprefix("./"))


class Explorer:
    def __init__(self, site: Site, *, vault_root: Path | None = None, site_name: str = "", site_url: str = "",
                 site_author: str = "", generated_pages: bool = True, extra: Iterable[ExtraNode] = (),
                 previews: dict[str, dict[str, object]] | None = None, kept: KeptGraph | None = None,
                 written: dict[str, str] | None = None) -> None:
        self.site = site
        self.vault_root = vault_root
        self.site_name, self.site_url, self.site_author = site_name, site_url or "", site_author or ""
        self.generated_pages = generated_pages
        self.extra = tuple(extra)
        # the same site object (`publish.KeptSite`, nothing changed) has the same records
        self.records = kept.records[1] if kept is not None and kept.records is not None and \
            kept.records[0] is site else read_records(site)
        if kept is not None:
            kept.records = (site, self.records)
        self.inline = inline_anchors(site)
        # Kept by the caller across `mkdocs serve --dirty` rebuilds: pages not rebuilt keep theirs.
        self.previews: dict[str, dict[str, object]] = previews if previews is not None else {}
        self.kept = kept  # the graph data's last build (`KeptGraph`), also kept by the caller
        # data files by site path as last written (`mkdocs serve` only): an unchanged one is not
        # written again; a one-off build keeps none (at 5,000 notes, ~50 MB of text)
        self.written = written
        topics = len(site.graph.topics) if generated_pages else 0
        self.shards = shard_count(len(site.links.published) + topics)
        self._folders: set[str] = set()

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

    def _path(self, src: str) -> str:
        return preview_key(src, self.site.links.use_directory_urls)

    def file_items(self) -> Iterator[tuple[str, str]]:
        """Data files, (site path, text) one at a time, made as they are asked for: the graph's,
        the previews' shards, and `feed.xml`. Call it once every page's content is made (the
        previews of notes come from their pages' content)."""
        yield from self._graph_items()
        pages = {self._path(self.site.src_of(key)) for key in self.site.links.published}
        previews = {path: preview for path, preview in self.previews.items() if path in pages}
        if self.generated_pages:
            for topic in self.site.graph.topics.values():
                previews[self._path(topic_src(topic))] = topic_preview(topic)
        yield from shard_files(previews, self.shards).items()
        yield FEED_SRC, self.feed()

    def _graph_items(self) -> Iterator[tuple[str, str]]:
        """`graph_file_items`; under `mkdocs serve`, the files as last written when they were made
        from the same site object (`publish.KeptSite`: nothing changed) with the same options."""
        kept, written, asked = self.kept, self.written, (self.generated_pages, self.extra)
        if kept is not None and written is not None and kept.made_from is not None and \
                kept.made_from[0] is self.site and kept.made_from[1] == asked and \
                all(name in written for name in kept.files):
            yield from ((name, written[name]) for name in kept.files)
            return
        names = []
        for name, text in graph_file_items(self.site, topic_pages=self.generated_pages, extra=self.extra, kept=kept):
            names.append(name)
            yield name, text
        if kept is not None:
            kept.made_from, kept.files = (self.site, asked), names

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
        self.previews[self._path(src)] = note_preview(self.site, key, body or content, self.inline.get(key, {}))
        url = self._url(src)
        local = relative_url(page_url(data_path(f"{DATA_DIR}/local", url.removeprefix("./")), False), url)
        return (f'{content}\n<div class="pn-local-graph" data-graph="{html.escape(local)}" '
                'data-pagefind-ignore></div>')

    def write(self, site_dir: str, files: dict[str, str]) -> None:
        """Data files written straight into the site: thousands of them as MkDocs `File`s would
        cost more than making them (every file is checked, listed and copied one by one)."""
        for name, text in files.items():
            path = os.path.join(site_dir, name)
            if self.written is not None and self.written.get(name) == text and os.path.isfile(path):
                continue
            folder = os.path.dirname(path)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
            if self.written is not None:
                self.written[name] = text

    def write_all(self, site_dir: str) -> None:
        """Every data file, written as it is made, then none left from an earlier build (a
        deleted note's local graph, a shard no longer used) in the folders this owns: `serve
        --dirty` keeps the site."""
        written: set[str] = set()
        # made in this thread, written by another: a new file costs the file system about as much
        # as making its text, and the other core does it meanwhile (the GIL is released)
        made: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=QUEUED_FILES)
        failed: list[BaseException] = []
        writer = threading.Thread(target=self._write_queued, args=(site_dir, made, failed), name="papernotes-files",
                                  daemon=True)
        writer.start()
        try:
            for name, text in self.file_items():
                if failed:
                    break
                made.put((name, text))
                written.add(name)
        finally:
            made.put(None)
            writer.join()
        if failed:
            raise failed[0]
        for folder in (f"{DATA_DIR}/local", PREVIEW_DIR):
            top = os.path.join(site_dir, folder)
            for parent, _, names in os.walk(top):
                inside = parent[len(top):].replace(os.sep, "/").strip("/")  # os.walk's folders start with `top`
                prefix = f"{folder}/{inside}/" if inside else f"{folder}/"
                for name in names:
                    if prefix + name not in written:
                        os.remove(os.path.join(parent, name))
        if self.written is not None:
            for name in [name for name in self.written if name not in written]:
                del self.written[name]

    def _write_queued(self, site_dir: str, made: queue.Queue[tuple[str, str] | None],
                      failed: list[BaseException]) -> None:
        while (item := made.get()) is not None:
            if not failed:
                try:
                    self.write(site_dir, {item[0]: item[1]})
                except BaseException as failure:  # raised again by `write_all`, in its own thread
                    failed.append(failure)

    def finish_page(self, output: str, src: str) -> str:
        """The built page with, in its head, the feed's link and the previews' shard count."""
        link = alternate_link(relative_url(FEED_SRC, self._url(src)), self.site_name)
        shards = f'<meta name="pn-preview-shards" content="{self.shards}">'
        return output.replace("</head>", f"{link}\n{shards}\n</head>", 1)


class DataWriter:
    """`mkdocs build`: the data files (graph data, previews, feed), which need every page's
    content but none of the written pages, written by a thread while MkDocs writes the pages and
    copies the theme's files. A new file costs the file system more than making its text does, and
    a thread waiting for it lets this process go on (the GIL is released meanwhile); `mkdocs
    serve` keeps writing them after the last page (its kept graph data are updated as they are)."""

    def __init__(self, explorer: Explorer, site_dir: str) -> None:
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(explorer, site_dir), name="papernotes-data",
                                        daemon=True)
        self._thread.start()

    def _run(self, explorer: Explorer, site_dir: str) -> None:
        try:
            explorer.write_all(site_dir)
        except BaseException as failure:  # raised again by `finish`, in the build's own thread
            self._failure = failure

    def join(self) -> None:
        self._thread.join()

    def finish(self) -> None:
        """Wait for the files; what failed in the thread fails the build here."""
        self.join()
        if self._failure is not None:
            raise self._failure


__all__ = ["DataWriter", "Explorer", "ExtraNode", "GRAPH_SRC", "READING_SRC"]
