"""Everything a build writes into the site folder, from plain lists of paths, and what is left out
where two would land on one place.

The plugin fills these lists from MkDocs' file list and config; `papernotes check` and `export`
from mkdocs.yml (`papernotes.theme`). Both then call the same functions, so the notes withheld
and the warnings given are the same.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import partial

import pathspec

from papernotes.collisions import (
    Collision,
    KeptAnswers,
    Output,
    diagnostic,
    find_collisions,
    too_long,
    too_long_diagnostic,
)
from papernotes.diagnostics import Diagnostic
from papernotes.explore.feed import FEED_SRC
from papernotes.loader import is_excluded
from papernotes.options import Options
from papernotes.pages import is_site_asset
from papernotes.paths import page_dest
from papernotes.portable_names import not_portable
from papernotes.search import SHARD_PAGES, bundle_name

ASSET_DIR = "_papernotes"
"""papernotes' own CSS, JavaScript and fonts, in the site folder."""
PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""What MkDocs renders as a page (`mkdocs.utils.markdown_extensions`)."""


def is_page(src: str) -> bool:
    return src.lower().endswith(PAGE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class SiteFiles:
    """What MkDocs and its theme write besides the vault's files, as the build knows them."""

    theme_files: tuple[str, ...]
    """The theme's files copied into the site (a vault file at the same path is copied instead)."""
    static_templates: tuple[str, ...]
    """Templates rendered as files: the theme's (`404.html`, `sitemap.xml`) and `extra_templates`."""
    search_index: bool
    """A `search` plugin is listed: it writes `search/`."""
    use_directory_urls: bool = True


MKDOCS_EXCLUDES = (".*", "/templates/")
"""What MkDocs leaves out of every site, before `exclude_docs`: dot files and folders, and a
`templates/` folder at the top (where Obsidian's Templates plugin keeps its notes)."""


def mkdocs_excluded(paths: Iterable[str], exclude_docs: str = "") -> frozenset[str]:
    """The vault files MkDocs never builds: its own defaults and mkdocs.yml's `exclude_docs`
    (gitignore patterns, matched as MkDocs matches them, with `pathspec`)."""
    spec = pathspec.GitIgnoreSpec.from_lines([*MKDOCS_EXCLUDES, *exclude_docs.splitlines()])
    return frozenset(path for path in paths if spec.match_file(path))


def excluding(options: Options, paths: Iterable[str]) -> Options:
    """`options` with `paths` (exact vault paths) added to its `exclude` globs."""
    extra = tuple(sorted("".join(f"[{c}]" if c in "*?[]" else c for c in path) for path in paths))
    return replace(options, exclude=tuple(options.exclude) + extra) if extra else options


def pagefind_bundles(search: str, notes: int) -> int:
    """How many Pagefind folders the search index may take (one per `SHARD_PAGES` pages)."""
    return 0 if search != "pagefind" else 1 + notes // SHARD_PAGES


def site_outputs(site: SiteFiles, *, asset_dir: str, pagefind_bundles: int) -> list[Output]:
    """What MkDocs, the theme and papernotes write besides notes: the theme's files, its static
    templates (`404.html`, `sitemap.xml` and `sitemap.xml.gz`), papernotes' assets and feed, the
    search index folders."""
    outputs = [Output(path, path, "site", f"the theme's {path}") for path in site.theme_files]
    for name in site.static_templates:
        outputs.append(Output(name, name, "site", f"the site's {name}"))
        if name == "sitemap.xml":
            outputs.append(Output(name + ".gz", name + ".gz", "site", "the site's sitemap.xml.gz"))
    outputs.append(Output(asset_dir, asset_dir + "/", "site", "papernotes' assets"))
    outputs.append(Output(FEED_SRC, FEED_SRC, "site", "papernotes' feed"))  # written after the pages
    for index in range(pagefind_bundles):
        name = bundle_name(index)
        outputs.append(Output(name, name + "/", "site", "the search index (Pagefind)"))
    if site.search_index:
        outputs.append(Output("search", "search/", "site", "the search plugin's index"))
    return outputs


def _dest(src: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes a vault file: a page (`.md`, `.mdown`...) as `a/index.html`."""
    if not is_page(src) or src.lower().endswith((".md", ".markdown")):
        return page_dest(src, use_directory_urls)
    return page_dest(src.rsplit(".", 1)[0] + ".md", use_directory_urls)


def _walk_order(src: str) -> tuple[str, bool, str]:
    """MkDocs' order within a folder: `index` and `README` first, then by name."""
    folder, _, name = src.rpartition("/")
    return (folder, name.rsplit(".", 1)[0] not in ("index", "README"), name)


def mkdocs_dropped(srcs: Iterable[str], use_directory_urls: bool) -> frozenset[str]:
    """The vault files MkDocs itself leaves out (`get_files`): of files in one folder with one
    output (`README.md` and `index.md`, `a.markdown` and `a.md`, `index.html` and `index.md`), the
    first in its order is dropped (with a warning of MkDocs' own) and the others kept."""
    first: dict[tuple[str, str], str] = {}
    dropped: set[str] = set()
    for src in sorted(srcs, key=_walk_order):
        key = (src.rpartition("/")[0], _dest(src, use_directory_urls))
        earlier = first.setdefault(key, src)
        if earlier != src:
            dropped.add(earlier)
    return frozenset(dropped)


def vault_outputs(notes: Iterable[str], published: Collection[str], files: Iterable[str], *,
                  use_directory_urls: bool, exclude: tuple[str, ...] = ()) -> list[Output]:
    """The pages of published notes and the vault's other files (`files`: every file MkDocs finds
    in the vault, notes included), but those `exclude` keeps out: they are never written. A note
    MkDocs already left out (`README.md` beside `index.md`) comes after the one it kept."""
    files = list(files)
    dropped = mkdocs_dropped(files, use_directory_urls)
    outputs = [Output(key, page_dest(key, use_directory_urls), "note", preference=1 if key in dropped else 0)
               for key in notes if key in published]
    outputs += [Output(src, src, "attachment") for src in files
                if not is_page(src) and src not in dropped and not is_excluded(src, exclude)]
    return outputs


@dataclass(frozen=True, slots=True)
class Withheld:
    """What collisions keep out of the site before it is made, and the warnings about it."""

    notes: frozenset[str]
    """Published notes left unpublished (links to them become plain text, as to a private note)."""
    files: frozenset[str]
    """Vault files not copied."""
    problems: list[Diagnostic]
    joined: dict[str, tuple[str, str]] = field(default_factory=dict)
    """A note's page that takes a generated page's place -> (that generated page, its Markdown):
    shown below the note (`skip_generated`)."""


def withhold(outputs: list[Output], kept: KeptAnswers | None = None) -> Withheld:
    """The outputs that cannot be written: names too long for the file system, and each that
    collides with one that comes first (`collisions.find_collisions`); `kept`: the answer to the
    same outputs given again (`mkdocs serve`)."""
    asked = tuple(outputs)
    if kept is None:
        return _withhold(asked)
    found = kept.answer("withhold", asked, partial(_withhold, asked))
    return replace(found, problems=list(found.problems))


def _withhold(outputs: tuple[Output, ...]) -> Withheld:
    refused = too_long(outputs)
    found = find_collisions(output for output in outputs if output not in refused)
    losers = [c.loser for c in found] + refused
    return Withheld(frozenset(output.src for output in losers if output.owner == "note"),
                    frozenset(output.src for output in losers if output.owner == "attachment"),
                    [diagnostic(c) for c in found] + [too_long_diagnostic(output) for output in refused])


def kept_file(src: str, *, used: Collection[str], libraries: Collection[str], only_used: bool,
              exclude: tuple[str, ...]) -> bool:
    """Whether a vault file (not a note) is copied into the site: never under `exclude`; a
    reference library only when a published note links it; with `only_used` (`attachments:
    used`) any other file too, unless it serves the site (CSS, JS, fonts)."""
    if is_excluded(src, exclude):
        return False
    return (not (only_used or src in libraries) or is_site_asset(src)) or src in used


def skip_generated(theme_files: Iterable[str], notes: Iterable[str], files: Iterable[str],
                   made: dict[str, str | bytes], moved: Collection[str], *, asset_dir: str,
                   use_directory_urls: bool, separate: Collection[str] = (), kept: KeptAnswers | None = None
                   ) -> Withheld:
    """Generated pages (and `.base` pages) that would land on a note's page (`notes`: the pages
    MkDocs builds from the vault), the theme's files or papernotes' assets are taken out of
    `made`; a moved note (the home note as `index.md`) keeps its place. A vault file (`files`)
    where a generated page goes is left out (`Withheld.files`): generated pages come first.
    A generated Markdown page whose very page a note takes (`papers/README.md` where the Papers
    table goes) is shown below that note, as folder notes and generated listings share a page
    in digital gardens (`Withheld.joined`), unless it is one of the pages that need a page of
    their own (`separate`: the graph, search...). Notes' pages and files with a name Windows
    refuses are published, with a warning (`portable_names`). `kept`: as `withhold`'s."""
    outputs = [Output(path, path, "site") for path in theme_files]
    outputs += [Output(src, _dest(src, use_directory_urls), "note") for src in notes]
    outputs += [Output(src, src, "attachment") for src in files]
    outputs.append(Output(asset_dir, asset_dir + "/", "site", "papernotes' assets"))
    outputs += [Output(src, page_dest(src, use_directory_urls), "note" if src in moved else "generated",
                       preference=-1, what=f"the page {src}" if src in moved else src) for src in made]
    asked = (tuple(outputs), frozenset(moved))
    found, portable = (kept or KeptAnswers()).answer("skip_generated", asked, partial(_checked, *asked))
    joined: dict[str, tuple[str, str]] = {}
    for collision in found:
        loser, winner = collision.loser, collision.winner
        text = made.pop(loser.src, None) if loser.owner != "attachment" else None
        if (collision.how == "same" and loser.owner == "generated" and winner.owner == "note"
                and winner.src not in moved and winner.src not in joined and isinstance(text, str)
                and loser.src.endswith(".md") and loser.src not in separate):
            joined[winner.src] = (loser.src, text)
    problems = [joined_diagnostic(c.winner.src, c.loser.src) if joined.get(c.winner.src, ("",))[0] == c.loser.src
                else diagnostic(c) for c in found]
    problems += portable
    return Withheld(frozenset(), frozenset(c.loser.src for c in found if c.loser.owner == "attachment"),
                    problems, joined)


def _checked(outputs: tuple[Output, ...], moved: frozenset[str]) -> tuple[list[Collision], list[Diagnostic]]:
    """What collides, and the names Windows refuses among what is written of the vault's."""
    found = find_collisions(outputs)
    losers = {c.loser for c in found}
    return found, not_portable(output for output in outputs if output not in losers and (
        output.owner == "attachment" or (output.owner == "note" and output.src not in moved)))


def joined_diagnostic(note: str, generated: str) -> Diagnostic:
    return Diagnostic(note, 0, "info", "output-joined",
                      f"this note's page is where papernotes' generated page {generated} goes: the generated "
                      "page is shown below the note", "rename this file to give the generated page its own page")


def theme_files_kept(theme_files: Iterable[str], vault_files: Collection[str]) -> tuple[str, ...]:
    """MkDocs copies a vault file instead of the theme's file at the same path."""
    return tuple(path for path in theme_files if path not in vault_files)


__all__ = ["ASSET_DIR", "MKDOCS_EXCLUDES", "PAGE_SUFFIXES", "SiteFiles", "Withheld", "excluding", "is_page",
           "joined_diagnostic", "kept_file", "mkdocs_dropped", "mkdocs_excluded", "pagefind_bundles", "site_outputs",
           "skip_generated", "theme_files_kept", "vault_outputs", "withhold"]
