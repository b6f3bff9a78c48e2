"""Which of the vault's files MkDocs publishes, and under which paths."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from mkdocs.structure.files import Files

from papernotes.pages import Site, is_site_asset


def prune(files: Files, site: Site, attachments: Sequence[str], docs_dir: str, *, only_used: bool,
          libraries: Sequence[str] = ()) -> None:
    """Drop what must not be published: unpublished notes, files that symlink out of the vault,
    and (with `only_used`) vault files no published note links to or embeds. Reference
    `libraries` are published only when a note links to them, even with `attachments: all`: they
    may hold entries about private notes' papers (the site has its own `papers.bib`)."""
    used, vault_files, library_files = site.used_attachments(), frozenset(attachments), frozenset(libraries)
    inside = os.path.realpath(docs_dir) + os.sep
    for file in list(files):
        if (file.src_dir == docs_dir and file.abs_src_path
                and not os.path.realpath(file.abs_src_path).startswith(inside)):
            files.remove(file)  # MkDocs follows symlinks; a file from outside the vault is not ours
        elif file.is_documentation_page() and file.src_uri not in site.links.published:
            files.remove(file)
        elif ((only_used or file.src_uri in library_files) and not file.is_documentation_page()
              and file.src_uri in vault_files
              and not is_site_asset(file.src_uri) and file.src_uri not in used):
            files.remove(file)  # e.g. an image or a data file only a private note uses


def moved_pages(files: Files, page_src: Mapping[str, str]) -> dict[str, str | bytes]:
    """Notes served under another path (the home note as `index.md`), taken out of `files`."""
    moved: dict[str, str | bytes] = {}
    for key, src in page_src.items():
        found = files.get_file_from_path(key)
        if found is not None:
            files.remove(found)
            moved[src] = found.content_bytes
    return moved
