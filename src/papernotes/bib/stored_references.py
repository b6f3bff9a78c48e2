"""Formatted References kept between builds in papernotes' store (`stored.cache_folder`), by
what they are made of: the style file's bytes, citeproc-py's version and the CSL-JSON items.

citeproc-py takes about 1.4 ms of CPU a reference; read back, a reference costs a file read. An
edited library entry (or note) changes its item, so its reference is formatted again; so does an
edited or updated style. JSON, not pickles; and the HTML read back may hold no markup but the
tags citeproc-py's HTML formatter writes (its fields are escaped before formatting), so a file
planted in the store can at worst be read as wrong text, never as markup that runs."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from papernotes.bib.stored import cache_folder, write_json

FORMAT = "1"  # bump when csl.py changes what it hands citeproc-py or what it keeps of the output
# every `<` of citeproc-py's HTML output (`citeproc.formatter.html`): its tags, nothing else
_TAG_RE = re.compile(r'<(?!/?(?:i|b|l|u|sup|sub)>|/span>|span style="font-variant:small-caps;">)')


def _path(style: str, items_json: str) -> Path | None:
    folder = cache_folder("references")
    if folder is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}\0{style}\0{items_json}".encode()).hexdigest()
    return folder / digest[:2] / f"{digest}.json"


def load(style: str, items_json: str) -> tuple[str, ...] | None:
    """The references kept for these items in this style (`style`: its digest), or None."""
    path = _path(style, items_json)
    if path is None:
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # not there, or unreadable: formatted again
    if not isinstance(kept, list) or not all(isinstance(text, str) and not _TAG_RE.search(text) for text in kept):
        return None  # not what citeproc-py writes: formatted again
    return tuple(kept)


def save(style: str, items_json: str, formatted: tuple[str, ...]) -> None:
    path = _path(style, items_json)
    if path is not None:
        write_json(path, list(formatted))
