"""Which library files a site reads (the vault's own and the `bibliography` option's), read once."""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from papernotes.bib import stored
from papernotes.bib.library import LIBRARY_SUFFIXES, Library, decode_library, merge_libraries, parse_library
from papernotes.diagnostics import Diagnostic
from papernotes.loader import collector_paused, is_excluded

_MAX_JSON_BYTES = 50_000_000  # a vault's big data files are not read in the hope of CSL-JSON


class LibraryCache:
    """Parsed library files by path, size and modification time: `mkdocs serve` reads a
    5,000-entry `.bib` again only when it changes."""

    def __init__(self) -> None:
        self.parsed: dict[str, tuple[tuple[int, int], Library]] = {}
        self.merged: tuple[tuple[Library, ...], Library] | None = None
        """The files' libraries last merged (the same objects) and their merge: an unchanged
        library is the same object from one build to the next (`publish.KeptSite` relies on it)."""

    def read(self, path: Path, shown: str, *, named: bool) -> Library:
        try:
            stat = path.stat()
        except OSError as error:
            return Library((), (Diagnostic(shown, 0, "warning", "bib-missing",
                                           f"bibliography file {shown} cannot be read: {error.strerror}",
                                           "check the `bibliography` option of the papernotes plugin"),))
        stamp = (stat.st_size, stat.st_mtime_ns)
        cached = self.parsed.get(str(path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if not named and shown.lower().endswith(".json") and (stat.st_size > _MAX_JSON_BYTES
                                                               or not _looks_like_csl(path)):
            library = Library(())
        else:
            data = path.read_bytes()
            found = stored.load(data, shown)
            if found is None:
                text, problems = decode_library(data, shown)
                parsed = parse_library(text, shown)
                found = Library(parsed.entries, (*problems, *parsed.diagnostics))
                stored.save(data, shown, found)
            library = found
        self.parsed[str(path)] = (stamp, library)
        return library


def _looks_like_csl(path: Path) -> bool:
    """A vault's `.json` is read as a library only when it starts like Zotero's CSL JSON export."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"[") and b'"id"' in head and (b'"type"' in head or b'"title"' in head)


def vault_libraries(attachments: Iterable[str], exclude: Sequence[str], root: Path | None = None) -> list[str]:
    """Library files in the vault (`.bib`, `.ris`, CSL `.json`), except in excluded folders. With
    the vault's `root`, a `.json` counts only when it starts like a CSL-JSON export."""
    return sorted(key for key in attachments
                  if key.lower().endswith(LIBRARY_SUFFIXES) and not is_excluded(key, exclude)
                  and (root is None or not key.lower().endswith(".json") or _looks_like_csl(root / key)))


def load_libraries(vault_root: Path, vault_files: Sequence[str], named: Sequence[str], config_dir: Path,
                   cache: LibraryCache | None = None) -> Library:
    """One library from the vault's files and the option's (relative to mkdocs.yml); a file named
    twice is read once."""
    cache = cache or LibraryCache()
    libraries = []
    seen: set[str] = set()
    with collector_paused():
        for path, shown, by_option in [(config_dir / name, name, True) for name in named] + [
                (vault_root / key, key, False) for key in vault_files]:
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            libraries.append(cache.read(path, shown, named=by_option))
        last = cache.merged
        if last is not None and len(last[0]) == len(libraries) and all(map(operator.is_, last[0], libraries)):
            return last[1]
        merged = merge_libraries(libraries)
        cache.merged = (tuple(libraries), merged)
        return merged
