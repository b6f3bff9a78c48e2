"""Pagefind fed from a thread of its own: the build hands each searchable page over and goes on.

Giving Pagefind a page can wait: its input pipe is full while it catches up with the pages, or a
full shard's bundle is being written before the next shard's process starts (`search.SiteIndex`).
Pagefind parses on the other core, which also sanitises and compresses pages, so it falls behind
the pages MkDocs renders (at 5,000 notes by thousands of pages). `SearchFeeder.add` only queues
a page, zlib-compressed (the compressed content the plugin holds until the page is written, or
a Future of it); a thread gives the pages to the index in the order they came, so the bundle is
the same bytes (see `search`). The build waits for that thread only at its end (`finish`).
"""

from __future__ import annotations

import queue
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Future

from papernotes.held_pages import Held
from papernotes.search import SiteIndex

_SEAL = "seal"  # in the queue: no more pages, the last bundle may be written


class SearchFeeder:
    """Queues pages for `index`, which a thread of its own is given in order. `document` makes
    what Pagefind is given of a page's decompressed text. An error in that thread (Pagefind's own
    failures are reported by the index) is raised by `finish`."""

    def __init__(self, index: SiteIndex, document: Callable[[str], str] | None = None,
                 read: Callable[[Held], bytes] | None = None) -> None:
        self.index = index
        self._document = document
        self._read = read  # a page held in a file (`held_pages`): its bytes
        self._queue: queue.SimpleQueue[tuple[str, Held | Future[bytes]] | str | None] = queue.SimpleQueue()
        self._given = 0  # counted by the build's thread only
        self._done = 0  # counted by the feeding thread only
        self._stop = False
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="papernotes-search-feed", daemon=True)
        self._thread.start()

    def add(self, page: str, compressed: Held | Future[bytes]) -> None:
        """Index the page at site path `page`, whose text is `compressed` (zlib, UTF-8), or held
        in a file (`held_pages`, read by `read`)."""
        self._given += 1
        self._queue.put((page, compressed))

    def seal(self) -> None:
        """No more pages: the last bundle is written once every page is given to Pagefind."""
        self._given += 1
        self._queue.put(_SEAL)

    @property
    def written(self) -> bool:
        """Whether every page given so far is in a bundle on disk (or failed): `finish` would not wait."""
        return self._done == self._given and self.index.written

    def finish(self) -> int:
        """Wait until every page is given to Pagefind, then for its bundles (`SiteIndex.finish`)."""
        self._end()
        if self._error is not None:
            self.index.close()
            raise self._error
        return self.index.finish()

    def close(self) -> None:
        """Stop feeding (the pages still queued are dropped) and end every Pagefind process: the
        thread may be waiting for one (a bundle, a full pipe), which ends its wait; then any
        process it started meanwhile."""
        self._stop = True
        self.index.close()
        self._end()
        self.index.close()

    def discard(self) -> None:
        """As `close`, and the bundles written so far are removed (`SiteIndex.discard`)."""
        self.close()
        self.index.discard()

    def _end(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if not self._stop and self._error is None:
                try:
                    self._give(item)
                except Exception as error:  # raised by `finish`, in the build's thread
                    self._error = error
            self._done += 1

    def _give(self, item: tuple[str, Held | Future[bytes]] | str) -> None:
        if isinstance(item, str):
            self.index.seal()
            return
        page, compressed = item
        if isinstance(compressed, tuple):
            if self._read is None:
                raise ValueError(f"{page}: a page held in a file, and nothing to read it with")
            data = self._read(compressed)
        else:
            data = compressed if isinstance(compressed, bytes) else compressed.result()
        text = zlib.decompress(data).decode("utf-8")
        self.index.add(page, text if self._document is None else self._document(text))
