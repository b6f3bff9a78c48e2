"""Which of the vault's files MkDocs publishes, and under which paths."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from papernotes.active_files import is_active, served
from papernotes.collisions import KeptAnswers
from papernotes.diagnostics import Diagnostic
from papernotes.loader import Vault, is_excluded
from papernotes.outputs import SiteFiles, Withheld, kept_file, site_outputs, skip_generated, vault_outputs, withhold
from papernotes.pages import Site


def prune(files: Files, site: Site, attachments: Sequence[str], docs_dir: str, *, only_used: bool,
          libraries: Sequence[str] = (), exclude: tuple[str, ...] = (), walked: Collection[str] = ()) -> None:
    """Drop what must not be published: unpublished notes, files that symlink out of the vault,
    and the vault's files `outputs.kept_file` leaves out (under `exclude`, even when a published
    note links them; with `only_used`, those no published note links to or embeds; reference
    `libraries` no note links, even with `attachments: all`: they may hold entries about private
    notes' papers, and the site has its own `papers.bib`). `walked`: files the loader found
    inside the vault (`loader.walk_vault` follows no link out of it), not resolved again."""
    used, vault_files, library_files = site.used_attachments(), frozenset(attachments), frozenset(libraries)
    inside = os.path.realpath(docs_dir) + os.sep
    for file in list(files):
        if (file.src_dir == docs_dir and file.abs_src_path and file.src_uri not in walked
                and not os.path.realpath(file.abs_src_path).startswith(inside)):
            files.remove(file)  # MkDocs follows symlinks; a file from outside the vault is not ours
        elif file.src_dir == docs_dir and file.abs_src_path and not os.path.isfile(file.abs_src_path):
            files.remove(file)  # a named pipe or a device: copying it would wait forever (loader warns)
        elif file.is_documentation_page() and file.src_uri not in site.links.published:
            files.remove(file)
        elif file.src_dir == docs_dir and is_excluded(file.src_uri, exclude):
            files.remove(file)  # `exclude` promises never published, whatever links to it
        elif (not file.is_documentation_page() and file.src_uri in vault_files
              and not kept_file(file.src_uri, used=used, libraries=library_files, only_used=only_used,
                                exclude=exclude)):
            files.remove(file)  # e.g. an image or a data file only a private note uses


def restore_dropped(files: Files, published: Collection[str], config: MkDocsConfig) -> list[str]:
    """Put back the published notes MkDocs left out for a rival that is not published: MkDocs
    drops `README.md` beside `index.md` before any plugin runs, so a private `index.md` would
    take its folder's public `README.md` down with it. Returns the notes put back."""
    taken = {file.dest_uri for file in files}
    restored = []
    for src in sorted(published):
        if files.get_file_from_path(src) is None and os.path.isfile(os.path.join(config.docs_dir, src)):
            file = File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
            if file.dest_uri not in taken:  # its rival is gone (withheld, or private and pruned)
                taken.add(file.dest_uri)
                files.append(file)
                restored.append(src)
    return restored


def defuse(files: Files, docs_dir: str) -> list[Diagnostic]:
    """The vault's web pages and SVG or XML files left to publish, made inert (`active_files`):
    a page sanitised, an XML file in which something could run taken out, with a warning."""
    problems = []
    for file in list(files):
        if file.src_dir != docs_dir or file.is_documentation_page() or not is_active(file.src_uri):
            continue
        try:
            data = file.content_bytes
        except OSError:
            continue  # unreadable: MkDocs reports it when it copies the file
        result = served(file.src_uri, data)
        if result.data is None:
            files.remove(file)
        elif result.data != data:
            file.content_bytes = result.data
        if result.problem is not None:
            problems.append(result.problem)
    return problems


def moved_pages(files: Files, page_src: Mapping[str, str]) -> dict[str, str | bytes]:
    """Notes served under another path (the home note as `index.md`), taken out of `files`."""
    moved: dict[str, str | bytes] = {}
    for key, src in page_src.items():
        found = files.get_file_from_path(key)
        if found is not None:
            files.remove(found)
            moved[src] = found.content_bytes
    return moved


def site_files(files: Files, config: MkDocsConfig) -> SiteFiles:
    """What MkDocs and the theme write besides the vault's files, as this build's config says."""
    return SiteFiles(tuple(file.src_uri for file in files if file.src_dir != config.docs_dir),
                     (*sorted(config.theme.static_templates), *config.extra_templates),
                     "search" in config.plugins or "material/search" in config.plugins,
                     config.use_directory_urls)


def drop_files(files: Files, srcs: Collection[str], docs_dir: str) -> None:
    """Take the vault's files at these paths out of the site."""
    for file in list(files):
        if file.src_dir == docs_dir and file.src_uri in srcs:
            files.remove(file)


def withhold_collisions(files: Files, config: MkDocsConfig, vault: Vault, published: Collection[str],
                        *, asset_dir: str, pagefind_bundles: int, exclude: tuple[str, ...] = (),
                        kept: KeptAnswers | None = None) -> tuple[frozenset[str], list[Diagnostic]]:
    """Before the site is made: the published notes whose pages, and the vault files that, would
    land where something else goes (`outputs.withhold`). Such files are taken out of `files`; the
    notes are returned, to be left unpublished (links to them are then plain text, as to a private note)."""
    notes = [note.path for note in vault.notes]
    outputs = site_outputs(site_files(files, config), asset_dir=asset_dir, pagefind_bundles=pagefind_bundles)
    outputs += vault_outputs(notes, published, [*notes, *vault.attachments],
                             use_directory_urls=config.use_directory_urls, exclude=exclude)
    withheld = withhold(outputs, kept)
    drop_files(files, withheld.files, config.docs_dir)
    return withheld.notes, withheld.problems


def skip_colliding_pages(files: Files, made: dict[str, str | bytes], moved: Collection[str], docs_dir: str,
                         *, asset_dir: str, use_directory_urls: bool,
                         separate: Collection[str] = (), kept: KeptAnswers | None = None) -> Withheld:
    """Generated pages (and `.base` pages) that would land on a note's page or the theme's files
    are taken out of `made` (those a note's page takes are shown below it: `Withheld.joined`),
    vault files where a generated page goes out of `files` (`outputs.skip_generated`)."""
    vault = [file for file in files if file.src_dir == docs_dir]
    skipped = skip_generated([file.src_uri for file in files if file.src_dir != docs_dir],
                             [file.src_uri for file in vault if file.is_documentation_page()],
                             [file.src_uri for file in vault if not file.is_documentation_page()],
                             made, moved, asset_dir=asset_dir, use_directory_urls=use_directory_urls,
                             separate=separate, kept=kept)
    drop_files(files, skipped.files, docs_dir)
    return skipped


def written_here(files: Files, docs_dir: str, made_dirs: Collection[str]) -> list[str]:
    """Where this build writes the vault's pages and files and papernotes' own (generated pages
    and assets, those kept in `made_dirs` under `--dirty`), in the site folder: what
    `site_manifest` lists. The theme's and other plugins' files are not papernotes' to remove."""
    return [file.dest_uri for file in files
            if file.src_dir == docs_dir or file.generated_by == "papernotes" or file.src_dir in made_dirs]
