"""Pages' content held compressed from the moment MkDocs renders it until it writes the page.

MkDocs renders every page's content before it writes the first page; papernotes holds each one
zlib-compressed meanwhile (`plugin._hold`), and Pagefind, fed from a queue, is given the same
bytes, often long after the page is written (`search_feed`). At 20,000 notes that is 140–270 MB
held through the build's peak. The first `limit` bytes are held in memory, the rest in a temporary
file, read back when the page is written and when Pagefind is given it.
"""

from __future__ import annotations

import os
import tempfile
from typing import IO

HELD_IN_MEMORY = 32 << 20  # at 5,000 notes about half the pages' content (67 MB at 13 KB a page)

Held = bytes | tuple[int, int]  # the compressed content, or its (offset, size) in the file


class HeldPages:
    """Compressed page contents: `keep` one, `read` it back (from any thread), `close` at the end."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = HELD_IN_MEMORY if limit is None else limit
        self.in_memory = 0  # bytes kept in memory so far (never less: pages are kept, then written)
        self.filed = 0  # bytes written into the file
        self._file: IO[bytes] | None = None

    def keep(self, data: bytes) -> Held:
        if self.in_memory + len(data) <= self.limit:
            self.in_memory += len(data)
            return data
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="papernotes-pages-")
        os.pwrite(self._file.fileno(), data, self.filed)
        self.filed += len(data)
        return self.filed - len(data), len(data)

    def read(self, held: Held) -> bytes:
        if isinstance(held, bytes):
            return held
        if self._file is None:
            raise ValueError("the held pages' file is closed")
        offset, size = held
        return os.pread(self._file.fileno(), size, offset)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


__all__ = ["HELD_IN_MEMORY", "Held", "HeldPages"]
