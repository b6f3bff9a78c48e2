"""Emoji indexes for `pymdownx.emoji` that are loaded once per process, not once per page.

`pymdownx.emoji.gemoji` deep-copies its 4,000-entry index for every Markdown instance, and MkDocs
makes one instance per page: 40 ms a page, most of a 1,000-note build. The extension only reads
the index, so one shared copy is safe. Use it in mkdocs.yml:

    - pymdownx.emoji:
        emoji_index: !!python/name:papernotes.emoji.gemoji
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _gemoji_index() -> dict[str, Any]:
    from pymdownx import gemoji_db

    return {"name": gemoji_db.name, "emoji": gemoji_db.emoji, "aliases": gemoji_db.aliases}


def gemoji(options: object, md: object) -> dict[str, Any]:
    """The Gemoji index, shared by every page (same signature as `pymdownx.emoji.gemoji`)."""
    return _gemoji_index()
