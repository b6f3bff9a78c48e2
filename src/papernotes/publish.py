"""A loaded vault and the plugin's options in, the published site and all its problems out.

`mkdocs build` (plugin.py) logs `Published.diagnostics` and `papernotes check` prints them: one
function computes them, so both report the same problems about the same published notes.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from papernotes.bib.library import Library
from papernotes.bib.sources import LibraryCache, load_libraries, vault_libraries
from papernotes.dataview.site import base_pages, with_queries
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.globs import comparable, forms, unmatched
from papernotes.graph import Memo, PaperGraph
from papernotes.loader import Vault, collector_paused, is_excluded, tool_folders
from papernotes.model import Note, NoteKey
from papernotes.options import Options
from papernotes.pages import Site, build_site
from papernotes.recognise import RecogniseOptions
from papernotes.suggest import Suggester

# Why a note is private: reported even though the note is not published, so a `dg-publish: ture`
# that keeps a note off the site is seen. Every other problem of a private note is not reported.
PRIVACY_CODES = frozenset({"bad-publish", "bad-draft"})
# Keys that describe a paper: a wrong value matters on a paper's note, and is only noise on a
# person's, a project's or a place's note (`status: 进行中`, `title: [博士]`), where nothing reads it.
PAPER_KEY_CODES = frozenset({"bad-title", "bad-status", "bad-year", "bad-venue", "bad-authors",
                             "bad-arxiv", "bad-doi", "bad-citekey"})
# About the plugin's options in mkdocs.yml, not about a file of the vault.
CONFIG_CODES = frozenset({"exclude-unmatched"})


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
    library = _library(vault, options, config_dir, libraries)
    return build_site(vault.notes, vault.attachments, exclude=options.exclude,
                      folder_topics=options.folder_topics, use_directory_urls=use_directory_urls,
                      topic_pages=options.generated_pages, explicit=options.publish == "explicit",
                      templates_dir=options.templates_dir, strict_line_breaks=options.strict_line_breaks,
                      include_private=include_private, withheld=withheld,
                      recognition=RecogniseOptions(options.paper_folders, options.not_papers),
                      library=library, library_papers=options.library_papers, csl_style=options.csl_style,
                      memo=memo)


def _library(vault: Vault, options: Options, config_dir: Path | None, libraries: LibraryCache | None) -> Library:
    found = vault_libraries(vault.attachments, options.exclude, vault.root)
    return load_libraries(vault.root, found, options.bibliography, config_dir or Path.cwd(), libraries)


@dataclass(slots=True)
class KeptSite:
    """The last build's site with its queries rendered (`mkdocs serve`), given again while it was
    made from the same things: the same parsed notes (the same objects: the loader's cache gives
    an unchanged note back as it was), files, options, library (the same object: `LibraryCache`
    gives an unchanged one back) and day (queries read `today`). A rebuild with nothing changed
    (an app saving its settings in the vault, a file saved as it was) makes no graph; the pages,
    generated pages and graph data that follow from the site see the same object
    (`incremental.Rebuilds`, `KeptPages`, `KeptGraph`) and are not made again either."""

    notes: tuple[Note, ...] = ()
    library: Library | None = None
    inputs: object = None
    site: Site | None = None
    found: tuple[Diagnostic, ...] = ()
    """The queries' problems, reported again with the kept site."""

    def get(self, notes: tuple[Note, ...], library: Library, inputs: object) -> Site | None:
        same = (self.site is not None and library is self.library and len(notes) == len(self.notes)
                and all(map(operator.is_, notes, self.notes)) and inputs == self.inputs)
        return self.site if same else None

    def keep(self, notes: tuple[Note, ...], library: Library, inputs: object, site: Site,
             found: Sequence[Diagnostic]) -> None:
        self.notes, self.library, self.inputs, self.site, self.found = notes, library, inputs, site, tuple(found)


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


def _for_its_note(diagnostic: Diagnostic, graph: PaperGraph) -> Diagnostic:
    """A paper key's problem on a note that is no paper's is information (`papernotes check`
    shows it), not a warning that `--strict` stops on."""
    if diagnostic.level != "warning" or diagnostic.code not in PAPER_KEY_CODES:
        return diagnostic
    decision = graph.decisions.get(NoteKey(diagnostic.path))
    if decision is None or decision.is_paper:
        return diagnostic
    return replace(diagnostic, level="info")


def unmatched_excludes(vault: Vault, exclude: Sequence[str]) -> list[Diagnostic]:
    """A warning for each `exclude` glob that matches no file or folder of the vault: a typo there
    (`Privat/**`) would otherwise publish what it was meant to keep out, without a word."""
    paths = [note.path for note in vault.notes] + list(vault.attachments)
    folders = sorted({path.rsplit("/", 1)[0] + "/**" for path in paths if "/" in path})
    problems = []
    hidden = [p for p in exclude if any(form.startswith(".") for form in forms(p))]  # never walked
    hidden += tool_folders(vault.root)  # what the apps keep for themselves: never walked, not the user's globs
    folded = {comparable(folder): folder for folder in folders}
    suggester: Suggester | None = None  # the folders indexed once, on the first glob that matches nothing
    for pattern in unmatched([p for p in exclude if p not in hidden], paths):
        suggester = suggester or Suggester(folded)
        close = suggester.closest(comparable(pattern), n=1, cutoff=0.8)
        hint = (f"did you mean `{folded[close[0]]}`? Fix the glob or remove it" if close else
                "globs are relative to the vault folder, e.g. `Private/**`: fix the glob or remove it")
        problems.append(Diagnostic("mkdocs.yml", 0, "warning", "exclude-unmatched",
                                   f"the exclude glob {pattern!r} matches no file or folder of the vault, "
                                   "so it keeps nothing out", hint))
    return problems


def published_problems(vault: Vault, site: Site, options: Options, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The vault's, the site's and `found` problems that concern what is published, sorted, each once."""
    everything = list(vault.diagnostics) + list(site.diagnostics) + list(found) + incomplete_papers(site.graph)
    everything += unmatched_excludes(vault, options.exclude)
    notes = frozenset(note.path for note in vault.notes)
    kept = [_for_its_note(d, site.graph) for d in everything
            if _reported(d, notes, site.links.published, options.exclude)]
    return sorted(dict.fromkeys(kept), key=sort_key)


def publish(vault: Vault, options: Options, *, use_directory_urls: bool = True, include_private: bool = False,
            today: dt.date | None = None, withheld: Collection[str] = (), config_dir: Path | None = None,
            libraries: LibraryCache | None = None, memo: Memo | None = None,
            kept: KeptSite | None = None) -> Published:
    """The site to build from `vault`, its queries rendered once, its `.base` pages, and its problems.
    `withheld`: published notes left out because their page would land on another file's;
    `config_dir`, `libraries`, `memo`: as for `site_of`; `kept` (`mkdocs serve`): the last
    build's site, given again when nothing it was made from changed."""
    found: list[Diagnostic] = []
    with collector_paused():  # the graph is kept whole: a collection would free little
        if kept is None:
            site = site_of(vault, options, use_directory_urls=use_directory_urls, include_private=include_private,
                           withheld=withheld, config_dir=config_dir, libraries=libraries, memo=memo)
            site = with_queries(site, found.append, today, column_aliases=dict(options.column_aliases))
        else:
            site = _kept_site(vault, options, kept, found, use_directory_urls=use_directory_urls,
                              include_private=include_private, today=today or dt.date.today(),
                              withheld=withheld, config_dir=config_dir, libraries=libraries, memo=memo)
        bases = base_pages(site, vault.root, vault.attachments, options.exclude, found.append, today)
        return Published(site, bases, tuple(published_problems(vault, site, options, found)))


def _kept_site(vault: Vault, options: Options, kept: KeptSite, found: list[Diagnostic], *, use_directory_urls: bool,
               include_private: bool, today: dt.date, withheld: Collection[str], config_dir: Path | None,
               libraries: LibraryCache | None, memo: Memo | None) -> Site:
    """`site_of` and `with_queries`, or the site `kept` has when they would make the same."""
    library = _library(vault, options, config_dir, libraries)
    inputs = (vault.root, vault.attachments, options, use_directory_urls, include_private, frozenset(withheld),
              config_dir, today)
    site = kept.get(vault.notes, library, inputs)
    if site is not None:
        found += kept.found
        return site
    site = site_of(vault, options, use_directory_urls=use_directory_urls, include_private=include_private,
                   withheld=withheld, config_dir=config_dir, libraries=libraries, memo=memo)
    site = with_queries(site, found.append, today, column_aliases=dict(options.column_aliases))
    kept.keep(vault.notes, library, inputs, site, found)
    return site


__all__ = ["KeptSite", "CONFIG_CODES", "PRIVACY_CODES", "Published", "incomplete_papers", "publish", "site_of"]
