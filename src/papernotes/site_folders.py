"""The site's folders made on a thread while MkDocs reads and renders pages.

MkDocs makes a page's folder just before it writes the page, on the build's one thread: with
directory URLs every page has a folder of its own, and making a folder waits on the file system
(a journal write), not on Python. Made beforehand on a thread (`os.mkdir` lets go of the GIL)
while the pages are read and rendered, MkDocs finds each folder there. A folder made for nothing
(a page whose output was empty, which MkDocs does not write, or a file a plugin dropped) is
removed once every page is written (`finish`): the site is the one MkDocs alone makes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable


class FoldersAhead:
    """Makes `folders` (each with its parents), in order, on a thread of its own."""

    def __init__(self, folders: Iterable[str]) -> None:
        self._folders = list(dict.fromkeys(folders))
        self._made: list[str] = []  # by this thread, parents first
        self._thread = threading.Thread(target=self._run, name="papernotes-folders", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for folder in self._folders:
            missing = []
            while not os.path.isdir(folder):
                missing.append(folder)
                parent = os.path.dirname(folder)
                if parent == folder:  # pragma: no cover  (the file system's root is always there)
                    break
                folder = parent
            for path in reversed(missing):
                try:
                    os.mkdir(path)
                except FileExistsError:  # made meanwhile (by MkDocs)
                    continue
                except OSError:  # MkDocs says what is wrong when it writes there
                    break
                self._made.append(path)

    def finish(self) -> list[str]:
        """Once every file is written: the folders made that nothing was written in are removed
        (deepest first). Returns them."""
        self._thread.join()
        removed = []
        for path in reversed(self._made):
            try:
                os.rmdir(path)
            except OSError:  # something is in it: MkDocs wrote there
                continue
            removed.append(path)
        return removed


__all__ = ["FoldersAhead"]
