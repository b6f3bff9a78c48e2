"""A loaded vault and the plugin's options in, the published site and all its problems out.

`mkdocs build` (plugin.py) logs `Published.diagnostics` and `papernotes check` prints them: one
function computes them, so both report the same problems about the same published notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from papernotes.bib.sources import LibraryCache, load_libraries, vault_libraries
from papernotes.dataview.site import base_pages, with_queries
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.graph import Memo, PaperGraph
from papernotes.loader import Vault, collector_paused, is_excluded
from papernotes.options import Options
from papernotes.pages import Site, build_site
from papernotes.recognise import RecogniseOptions

# Why a note is private: reported even though the note is not published, so a `dg-publish: ture`
# that keeps a note off the site is seen. Every other problem of a private note is not reported.
PRIVACY_CODES = frozenset({"bad-publish", "bad-draft"})


@dataclass(frozen=True, slots=True)
class Published:
    """The site, with every query rendered, the `.base` files as pages, and the problems to report."""

    site: Site
    bases: dict[str, str]
    """`.base` files as pages: source path -> Markdown."""
    diagnostics: tuple[Diagnostic, ...]
    """Sorted, each once: about published notes, files that are not notes, and `PRIVACY_CODES`."""


def site_of(vault: Vault, options: Options, *, use_directory_urls: bool = True,
            include_private: bool = False, withheld: Collection[str] = (), config_dir: Path | None = None,
            libraries: LibraryCache | None = None, memo: Memo | None = None) -> Site:
    """The published part of the vault as `options` say (`publish`, `exclude`, `folder_topics`...);
    `include_private` publishes every note, private or not (`papernotes export --include-private`).
    The reference libraries are the vault's (outside `exclude`) and `bibliography`'s, relative to
    `config_dir` (the folder of mkdocs.yml; the current one when None), read through `libraries`;
    `memo`: work kept from the last build of the same vault (`graph.Memo`)."""
    found = vault_libraries(vault.attachments, options.exclude, vault.root)
    library = load_libraries(vault.root, found, options.bibliography, config_dir or Path.cwd(), libraries)
    return build_site(vault.notes, vault.attachments, exclude=options.exclude,
                      folder_topics=options.folder_topics, use_directory_urls=use_directory_urls,
                      topic_pages=options.generated_pages, explicit=options.publish == "explicit",
                      templates_dir=options.templates_dir, strict_line_breaks=options.strict_line_breaks,
                      include_private=include_private, withheld=withheld,
                      recognition=RecogniseOptions(options.paper_folders, options.not_papers),
                      library=library, library_papers=options.library_papers, csl_style=options.csl_style,
                      memo=memo)


def incomplete_papers(graph: PaperGraph) -> list[Diagnostic]:
    """Info for each paper without a year or a venue, at the place it was first found."""
    problems = []
    for paper in graph.papers.values():
        missing = [name for name in ("year", "venue") if not getattr(paper, name)]
        if missing and paper.sources:
            source = paper.sources[0]
            problems.append(Diagnostic(
                source.path, source.line, "info", "paper-incomplete",
                f"paper '{paper.title}' has no {' or '.join(missing)}",
                "add them in the note's frontmatter or in a summary table column",
            ))
    return problems


def _reported(diagnostic: Diagnostic, notes: frozenset[str], published: frozenset[str],
              exclude: tuple[str, ...]) -> bool:
    if diagnostic.path in published:
        return True
    if is_excluded(diagnostic.path, exclude):
        return False
    if diagnostic.path in notes:  # a private note
        return diagnostic.code in PRIVACY_CODES
    return True  # a file that is not a note: unreadable, too large, a symlink out of the vault...


def published_problems(vault: Vault, site: Site, options: Options, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The vault's, the site's and `found` problems that concern what is published, sorted, each once."""
    everything = list(vault.diagnostics) + list(site.diagnostics) + list(found) + incomplete_papers(site.graph)
    notes = frozenset(note.path for note in vault.notes)
    kept = [d for d in everything if _reported(d, notes, site.links.published, options.exclude)]
    return sorted(dict.fromkeys(kept), key=sort_key)


def publish(vault: Vault, options: Options, *, use_directory_urls: bool = True, include_private: bool = False,
            today: dt.date | None = None, withheld: Collection[str] = (), config_dir: Path | None = None,
            libraries: LibraryCache | None = None, memo: Memo | None = None) -> Published:
    """The site to build from `vault`, its queries rendered once, its `.base` pages, and its problems.
    `withheld`: published notes left out because their page would land on another file's;
    `config_dir`, `libraries`, `memo`: as for `site_of`."""
    found: list[Diagnostic] = []
    with collector_paused():  # the graph is kept whole: a collection would free little
        site = site_of(vault, options, use_directory_urls=use_directory_urls, include_private=include_private,
                       withheld=withheld, config_dir=config_dir, libraries=libraries, memo=memo)
        site = with_queries(site, found.append, today, column_aliases=dict(options.column_aliases))
        bases = base_pages(site, vault.root, vault.attachments, options.exclude, found.append, today)
        return Published(site, bases, tuple(published_problems(vault, site, options, found)))


__all__ = ["PRIVACY_CODES", "Published", "incomplete_papers", "publish", "site_of"]
