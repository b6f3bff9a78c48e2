"""Parsed libraries kept between builds, on disk, by the hash of the file's bytes: a 5,000-entry
`.bib` costs about a third of a second to parse; read back from JSON it costs a few milliseconds.

The store is a cache in the user's cache folder (`store.cache_folder`: `$XDG_CACHE_HOME/papernotes`,
else `~/.cache/papernotes`; `PAPERNOTES_CACHE=off` turns it off), never in the vault. It holds JSON,
not pickles, so a file planted there can at worst be read as wrong entries, never run."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from operator import attrgetter
from pathlib import Path

from papernotes.bib.library import Library, LibraryEntry
from papernotes.diagnostics import Diagnostic
from papernotes.store import cache_folder

FORMAT = "5"  # bump when parsing changes what an entry holds (2: `and` across lines splits names;
# 3: private fields such as `file` left out of the kept BibTeX; 4: lines after a backslash at a
# line's end counted; 5: entries as rows of values)


def _path(data: bytes, shown: str) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(FORMAT.encode() + b"\0" + shown.encode() + b"\0" + data).hexdigest()
    return folder / f"{digest}.json"


_ENTRY_FIELDS = tuple(field.name for field in dataclasses.fields(LibraryEntry))
_PROBLEM_FIELDS = tuple(field.name for field in dataclasses.fields(Diagnostic))
_AUTHORS = _ENTRY_FIELDS.index("authors")


def load(data: bytes, shown: str) -> Library | None:
    path = _path(data, shown)
    if path is None or not path.is_file():
        return None
    try:
        stored = json.loads(path.read_bytes())
        if stored["fields"] != list(_ENTRY_FIELDS):
            return None  # written by another version: parsed again
        entries = tuple(map(_entry, stored["entries"]))
        problems = tuple(Diagnostic(*row) for row in stored["diagnostics"])
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None  # unreadable: parsed again
    return Library(entries, problems)


def _entry(row: list[object]) -> LibraryEntry:
    row[_AUTHORS] = tuple(row[_AUTHORS])  # type: ignore[arg-type]  # a JSON list: TypeError if not one
    return LibraryEntry(*row)  # type: ignore[arg-type]


def save(data: bytes, shown: str, library: Library) -> None:
    """The library as rows of values, in the order of LibraryEntry's fields (named once), written
    by json's C encoder at once: 5,000 entries take a third of the CPU to write and two thirds to
    read back that a dict per entry (`dataclasses.asdict`) streamed by `json.dump` took."""
    path = _path(data, shown)
    if path is None:
        return
    get_entry, get_problem = attrgetter(*_ENTRY_FIELDS), attrgetter(*_PROBLEM_FIELDS)
    write_json(path, {"fields": _ENTRY_FIELDS, "entries": [get_entry(entry) for entry in library.entries],
                      "diagnostics": [get_problem(problem) for problem in library.diagnostics]})


def write_json(path: Path, document: object) -> None:
    """`document` as JSON at `path`, whole or not at all (also with two builds at once); a
    folder that cannot be written leaves the store as it was: every build works, as without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(document, ensure_ascii=False)  # at once, by json's C encoder
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError:
        pass
