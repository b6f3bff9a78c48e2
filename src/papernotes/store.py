"""papernotes' store: what is kept between builds, in the user's cache folder, never in the vault."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(kind: str = "libraries") -> Path | None:
    """The store's folder for one kind of thing kept (`libraries`, `references`, `templates`):
    `$XDG_CACHE_HOME/papernotes`, else `~/.cache/papernotes`, or the folder `PAPERNOTES_CACHE`
    names; None when `PAPERNOTES_CACHE` is `off`."""
    setting = os.environ.get("PAPERNOTES_CACHE", "")
    if setting.lower() in ("off", "0", "false", "no"):
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "papernotes"
    return base / kind
