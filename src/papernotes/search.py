"""Pagefind over the built site, in shards when the site is large.

Pagefind keeps a site's whole index in memory while it builds it, about 300 KB a page (a
20,000-page site took 5 GB; Pagefind/pagefind#842). Above `SHARD_PAGES` searchable pages,
each shard of pages is indexed on its own into `pagefind/`, `pagefind-2/`, ... and the search
page merges the bundles (Pagefind's `mergeIndex`), listed in `pagefind/shards.json`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence

SHARD_PAGES = 2000
MIRROR = ".pagefind-shard"  # inside the site folder, for hard links; removed after each shard


class SearchError(Exception):
    """Pagefind failed; the message is its own output."""


def bundle_name(index: int) -> str:
    return "pagefind" if index == 0 else f"pagefind-{index + 1}"


def index_site(site_dir: str, pages: Sequence[str], *, force_language: str | None,
               shard_pages: int | None = None) -> int:
    """Index the site; `pages` are the site-relative paths of the pages Pagefind should find
    (those with `data-pagefind-body`). Returns the number of bundles written."""
    options = ["--force-language", force_language] if force_language else []
    shard_pages = shard_pages or SHARD_PAGES
    shards = [sorted(pages)[start:start + shard_pages] for start in range(0, len(pages), shard_pages)]
    if len(shards) <= 1:
        _pagefind(["--site", site_dir, *options])
    else:
        for index, shard in enumerate(shards):
            mirror = os.path.join(site_dir, MIRROR)
            try:
                _mirror(site_dir, shard, mirror)
                _pagefind(["--site", mirror, "--output-path", os.path.join(site_dir, bundle_name(index)), *options])
            finally:
                shutil.rmtree(mirror, ignore_errors=True)
    extra = [f"{bundle_name(index)}/" for index in range(1, len(shards))]
    with open(os.path.join(site_dir, "pagefind", "shards.json"), "w", encoding="utf-8") as file:
        json.dump(extra, file)
    return max(len(shards), 1)


def _mirror(site_dir: str, pages: Sequence[str], mirror: str) -> None:
    """The shard's pages at their own paths under `mirror` (hard links: no copying)."""
    shutil.rmtree(mirror, ignore_errors=True)
    for page in pages:
        target = os.path.join(mirror, page)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(os.path.join(site_dir, page), target)
        except OSError:
            shutil.copyfile(os.path.join(site_dir, page), target)


def _pagefind(arguments: list[str]) -> None:
    command = [sys.executable, "-m", "pagefind", "--silent", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchError(result.stderr or result.stdout)


class BackgroundIndexer:
    """`mkdocs serve`: the site is indexed in a thread after a build, so the preview's search page
    works without delaying the page reloads. A build that ends while indexing runs asks for one
    more pass; the searchable pages written by every build are remembered (a `--dirty` rebuild
    writes only some) and those whose file is gone are left out."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._next: tuple[str, str | None] | None = None
        self._site_dir = ""
        self._pages: set[str] = set()

    def request(self, site_dir: str, written: Iterable[str], force_language: str | None) -> None:
        with self._lock:
            if site_dir != self._site_dir:
                self._site_dir, self._pages = site_dir, set()
            self._pages.update(written)
            self._next = (site_dir, force_language)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="papernotes-pagefind", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Until no indexing is running or asked for (tests; a build never waits)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._next = self._next, None
                if job is None:
                    self._thread = None
                    return
                pages = sorted(self._pages)
            site_dir, language = job
            pages = [page for page in pages if os.path.isfile(os.path.join(site_dir, page))]
            start = time.perf_counter()
            try:
                index_site(site_dir, pages, force_language=language)
            except (SearchError, OSError) as error:  # e.g. the next build cleaned the folder meanwhile
                self._report(f"the preview's search index was not updated: {error}")
                continue
            self._report(f"indexed {len(pages):,} pages for search in {time.perf_counter() - start:.1f} s, "
                         "in the background")

