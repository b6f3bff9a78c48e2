"""Which of the vault's files MkDocs publishes, and under which paths."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from papernotes.collisions import Output, diagnostic, find_collisions, too_long, too_long_diagnostic
from papernotes.diagnostics import Diagnostic
from papernotes.loader import is_excluded
from papernotes.pages import Site, is_site_asset
from papernotes.paths import page_dest
from papernotes.search import bundle_name


def prune(files: Files, site: Site, attachments: Sequence[str], docs_dir: str, *, only_used: bool,
          libraries: Sequence[str] = (), exclude: Sequence[str] = ()) -> None:
    """Drop what must not be published: unpublished notes, files that symlink out of the vault,
    vault files under `exclude` (even when a published note links them), and (with `only_used`)
    vault files no published note links to or embeds. Reference
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
        elif file.src_dir == docs_dir and is_excluded(file.src_uri, exclude):
            files.remove(file)  # `exclude` promises never published, whatever links to it
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


def site_outputs(files: Files, config: MkDocsConfig, *, asset_dir: str, pagefind_bundles: int) -> list[Output]:
    """What MkDocs, the theme and papernotes write besides notes: the theme's files, its static
    templates (`404.html`, `sitemap.xml` and `sitemap.xml.gz`), papernotes' assets, the search
    index folders."""
    outputs = [Output(file.src_uri, file.dest_uri, "site", f"the theme's {file.dest_uri}")
               for file in files if file.src_dir != config.docs_dir]
    for name in (*config.theme.static_templates, *config.extra_templates):
        outputs.append(Output(name, name, "site", f"the site's {name}"))
        if name == "sitemap.xml":
            outputs.append(Output(name + ".gz", name + ".gz", "site", "the site's sitemap.xml.gz"))
    outputs.append(Output(asset_dir, asset_dir + "/", "site", "papernotes' assets"))
    for index in range(pagefind_bundles):
        name = bundle_name(index)
        outputs.append(Output(name, name + "/", "site", "the search index (Pagefind)"))
    if "search" in config.plugins or "material/search" in config.plugins:
        outputs.append(Output("search", "search/", "site", "the search plugin's index"))
    return outputs


def vault_outputs(files: Files, docs_dir: str, notes: Iterable[str], published: Collection[str],
                  use_directory_urls: bool) -> list[Output]:
    """The pages of published notes and the vault's other files. A note MkDocs already left out
    (`README.md` beside `index.md`, `a.markdown` beside `a.md`) comes after the one it kept."""
    present = {file.src_uri for file in files if file.src_dir == docs_dir}
    outputs = [Output(key, page_dest(key, use_directory_urls), "note", preference=0 if key in present else 1)
               for key in notes if key in published]
    outputs += [Output(file.src_uri, file.dest_uri, "attachment") for file in files
                if file.src_dir == docs_dir and not file.is_documentation_page()]
    return outputs


def drop_files(files: Files, srcs: Collection[str], docs_dir: str) -> None:
    """Take the vault's files at these paths out of the site."""
    for file in list(files):
        if file.src_dir == docs_dir and file.src_uri in srcs:
            files.remove(file)


def withhold_collisions(files: Files, config: MkDocsConfig, notes: Iterable[str], published: Collection[str],
                        *, asset_dir: str, pagefind_bundles: int) -> tuple[frozenset[str], list[Diagnostic]]:
    """Before the site is made: the published notes whose pages, and the vault files that, would
    land where something else goes. Such files are taken out of `files`; the notes are returned,
    to be left unpublished (links to them are then plain text, as to a private note)."""
    outputs = site_outputs(files, config, asset_dir=asset_dir, pagefind_bundles=pagefind_bundles)
    outputs += vault_outputs(files, config.docs_dir, notes, published, config.use_directory_urls)
    refused = too_long(outputs)
    found = find_collisions(output for output in outputs if output not in refused)
    losers = [c.loser for c in found] + refused
    drop_files(files, {output.src for output in losers if output.owner == "attachment"}, config.docs_dir)
    problems = [diagnostic(c) for c in found] + [too_long_diagnostic(output) for output in refused]
    return frozenset(output.src for output in losers if output.owner == "note"), problems


def skip_colliding_pages(files: Files, made: dict[str, str | bytes], moved: Collection[str], docs_dir: str,
                         *, asset_dir: str, use_directory_urls: bool) -> list[Diagnostic]:
    """Generated pages (and `.base` pages) that would land on a note's page, a vault file or the
    site's own files are taken out of `made`; a moved note (the home note as `index.md`) stays."""
    outputs = [Output(file.src_uri, file.dest_uri,
                      "site" if file.src_dir != docs_dir else "note" if file.is_documentation_page() else "attachment")
               for file in files]
    outputs.append(Output(asset_dir, asset_dir + "/", "site", "papernotes' assets"))
    outputs += [Output(src, page_dest(src, use_directory_urls), "note" if src in moved else "generated",
                       preference=-1, what=f"the page {src}" if src in moved else src) for src in made]
    found = find_collisions(outputs)
    for collision in found:
        made.pop(collision.loser.src, None)
    return [diagnostic(c) for c in found]
