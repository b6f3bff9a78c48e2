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
from collections.abc import Sequence

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
