"""The list of what papernotes' build wrote into the site folder, kept there for the next build.

`mkdocs build --dirty` keeps the site folder, and a new process knows only today's vault: the
page of a note deleted or renamed since, the image only it used, a topic no note has any more
would stay in `site/`, read back for search and published by `gh-deploy --dirty`. Each build
lists its outputs (pages and files from the vault, papernotes' generated pages and assets, by
path in the site); the next dirty build removes those listed that it no longer writes, and never
a file it did not list (the user's own, put in `site/` by hand), nor anything outside the site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

MANIFEST = "_papernotes/outputs.txt"
"""One output a line, `/`-separated, relative to the site folder, sorted."""


def write_manifest(site_dir: str, dests: Iterable[str]) -> None:
    path = os.path.join(site_dir, MANIFEST)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("".join(f"{dest}\n" for dest in sorted(set(dests)) if "\n" not in dest))


def read_manifest(site_dir: str) -> set[str]:
    """The absolute paths (as `File.abs_dest_path` names them) an earlier build listed, those
    inside the site folder only: the list is a file anyone could have edited."""
    try:
        with open(os.path.join(site_dir, MANIFEST), encoding="utf-8") as listed:
            lines = listed.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    root = os.path.normpath(os.path.abspath(site_dir))
    found = set()
    for line in lines:
        if not line or os.path.isabs(line) or line.startswith(("/", "\\")):
            continue
        path = os.path.normpath(os.path.join(root, line))
        if path.startswith(root + os.sep) and os.path.realpath(path).startswith(os.path.realpath(root) + os.sep):
            found.add(path)
    return found
