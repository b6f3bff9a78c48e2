"""Which library files a site reads (the vault's own and the `bibliography` option's), read once."""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from papernotes.bib import stored
from papernotes.bib.library import LIBRARY_SUFFIXES, Library, decode_library, merge_libraries, parse_library
from papernotes.diagnostics import Diagnostic
from papernotes.loader import SideJob, collector_paused, is_excluded

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
            stamp = _stamp(path)
        except OSError as error:
            return _unreadable(shown, error)
        cached = self.parsed.get(str(path))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        read_stamp, library = read_library(LibraryFile(str(path), shown, named))
        if read_stamp is not None:  # a file that could not be read is tried again next build
            self.parsed[str(path)] = (read_stamp, library)
        return library

    def beside(self, vault_root: Path, named: Sequence[str], config_dir: Path,
               exclude: Sequence[str]) -> LibrariesBeside:
        """The library files to read while the notes load (`loader.SideWork`), into this cache."""
        return LibrariesBeside(self, vault_root, named, config_dir, exclude)


@dataclass(frozen=True, slots=True)
class LibraryFile:
    """One library file to read: its path, as shown in messages, and whether `bibliography` names it."""

    path: str
    shown: str
    named: bool


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _unreadable(shown: str, error: OSError) -> Library:
    return Library((), (Diagnostic(shown, 0, "warning", "bib-missing",
                                   f"bibliography file {shown} cannot be read: {error.strerror}",
                                   "check the `bibliography` option of the papernotes plugin"),))


def read_library(file: LibraryFile) -> tuple[tuple[int, int] | None, Library]:
    """The file's (size, modification time) and its library: from papernotes' store when a build
    has parsed the same bytes before, else parsed (and stored). Picklable both ways, so the
    loader's helper process can read it while the notes load (`LibrariesBeside`)."""
    path = Path(file.path)
    try:
        stamp = _stamp(path)
        if not file.named and file.shown.lower().endswith(".json") and (stamp[0] > _MAX_JSON_BYTES
                                                                       or not _looks_like_csl(path)):
            return stamp, Library(())
        data = path.read_bytes()
    except OSError as error:
        return None, _unreadable(file.shown, error)
    found = stored.load(data, file.shown)
    if found is None:
        text, problems = decode_library(data, file.shown)
        parsed = parse_library(text, file.shown)
        found = Library(parsed.entries, (*problems, *parsed.diagnostics))
        stored.save(data, file.shown, found)
    return stamp, found


def read_library_job(file: LibraryFile) -> tuple[str, tuple[int, int] | None, Library]:
    """`read_library` as the loader's helper runs it: the answer names its file."""
    return (file.path, *read_library(file))


class LibrariesBeside:
    """The library files a build will read, parsed while the notes load, on the other core
    (`loader.SideWork`): the main process then receives parsed entries (unpickling 5,000 costs
    a fourteenth of parsing them) instead of parsing after the notes. The files are those
    `load_libraries` reads (`bibliography`'s, and the vault's outside `exclude`), less those the
    cache holds unchanged; a file changed since, or not asked for after all, is read as before."""

    def __init__(self, cache: LibraryCache, vault_root: Path, named: Sequence[str], config_dir: Path,
                 exclude: Sequence[str]) -> None:
        self.cache, self.vault_root, self.named, self.config_dir = cache, vault_root, named, config_dir
        self.exclude = exclude

    def jobs(self, attachments: Sequence[str]) -> list[SideJob]:
        found = []
        vault_files = vault_libraries(attachments, self.exclude, self.vault_root)
        for path, shown, named in library_files(self.vault_root, vault_files, self.named, self.config_dir):
            cached = self.cache.parsed.get(str(path))
            try:
                if cached is not None and cached[0] == _stamp(path):
                    continue
            except OSError:
                continue  # unreadable: said so when it is read
            found.append(SideJob("papernotes.bib.sources:read_library_job", LibraryFile(str(path), shown, named)))
        return found

    def done(self, results: Sequence[Any]) -> None:
        for path, stamp, library in results:
            if stamp is not None:
                self.cache.parsed[path] = (stamp, library)


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
    with collector_paused():
        libraries = [cache.read(path, shown, named=by_option)
                     for path, shown, by_option in library_files(vault_root, vault_files, named, config_dir)]
        last = cache.merged
        if last is not None and len(last[0]) == len(libraries) and all(map(operator.is_, last[0], libraries)):
            return last[1]
        merged = merge_libraries(libraries)
        cache.merged = (tuple(libraries), merged)
        return merged


def library_files(vault_root: Path, vault_files: Sequence[str], named: Sequence[str],
                  config_dir: Path) -> list[tuple[Path, str, bool]]:
    """(path, as shown, named by `bibliography`) of each library file a site reads, the option's
    first (relative to mkdocs.yml); a file named twice is read once."""
    found = []
    seen: set[str] = set()
    for path, shown, by_option in [(config_dir / name, name, True) for name in named] + [
            (vault_root / key, key, False) for key in vault_files]:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append((path, shown, by_option))
    return found
