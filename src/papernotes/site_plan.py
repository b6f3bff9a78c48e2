"""The site `mkdocs build` would make, planned without MkDocs: what `papernotes check` and `export`
report on.

The build learns the theme's files and templates from MkDocs; here they come from mkdocs.yml
(`papernotes.theme`). Then the same steps run as in the plugin: collisions withhold notes and
files (`outputs.withhold`), the rest is published (`publish.publish`), generated pages that would
land on a note or a file are skipped (`outputs.skip_generated`), and each published note's
`template:` and `icon:` is looked up in the theme (`page_meta.missing_templates`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from papernotes.active_files import left_out, may_be_left_out
from papernotes.bib.sources import vault_libraries
from papernotes.compare import COMPARE_SRC
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.explore import GRAPH_SRC, Explorer
from papernotes.explore.reading import READING_SRC
from papernotes.loader import Vault
from papernotes.mkdocs_yml import SiteConfig, ThemeConfig
from papernotes.model import NoteKey
from papernotes.options import Options
from papernotes.outputs import (
    ASSET_DIR,
    SiteFiles,
    excluding,
    is_page,
    kept_file,
    mkdocs_dropped,
    mkdocs_excluded,
    pagefind_bundles,
    site_outputs,
    skip_generated,
    theme_files_kept,
    vault_outputs,
    withhold,
)
from papernotes.page_meta import missing_templates
from papernotes.pages import Site, is_published
from papernotes.pages.generate import Finished, generated_pages, home_page, shown_sections
from papernotes.pages.kept import KeptPages
from papernotes.paths import page_dest
from papernotes.publish import Published, publish
from papernotes.theme import Theme, find_theme, template_lookup, theme_files

DEFAULT_THEME = ThemeConfig("material")
"""Without a mkdocs.yml that builds the vault: the theme papernotes is made for."""

SEPARATE_PAGES = frozenset({GRAPH_SRC, READING_SRC, COMPARE_SRC, "search.md"})
"""Generated pages that need a page of their own (scripts, charts): never shown below a note."""

WIDE_PAGES = frozenset({"papers.md", GRAPH_SRC, COMPARE_SRC})
"""Generated pages whose table or graph needs the width of the table of contents' column (they
have no headings to list): the theme is asked to hide it (`hide: [toc]`, as Material reads it)."""


def add_generated(made: dict[str, str | bytes], site: Site, bases: Mapping[str, str], explorer: Explorer,
                  options: Options, kept: KeptPages | None = None,
                  finished: dict[str, Finished] | None = None) -> list[str]:
    """Add the generated pages (with `generated_pages`) and the `.base` pages not already there to
    `made`; the `.base` pages added. `kept`: the last build's pages (`mkdocs serve`); `finished`:
    as `generated_pages` takes it."""
    if options.generated_pages:
        made.update(generated_pages(site, search=options.search == "pagefind",
                                    column_aliases=dict(options.column_aliases), kept=kept, finished=finished))
        made.update(explorer.pages())
        if site.home is None:  # the build makes it again, with the nav, once notes have taken their pages
            made["index.md"] = home_page(site, shown_sections(site, made, read=len(explorer.records)),
                                         explorer.site_name)
    added = [src for src in bases if src not in made]
    made.update({src: bases[src] for src in added})
    return added


@dataclass(frozen=True, slots=True)
class Planned:
    """The published site, and every problem the build logs about it, sorted."""

    published: Published
    diagnostics: tuple[Diagnostic, ...]
    withheld: frozenset[str] = frozenset()
    """Notes that would be published but for a collision (`outputs.withhold`)."""


def site_files_of(config: SiteConfig | None, vault_files: frozenset[str]) -> tuple[SiteFiles, Theme]:
    """What MkDocs and the theme would write besides the vault's files, from mkdocs.yml, and the theme."""
    theme = find_theme(config.theme if config is not None else DEFAULT_THEME)
    plugins = config.plugins if config is not None else ()
    site = SiteFiles(theme_files_kept(theme_files(theme), vault_files),
                     (*theme.static_templates, *(config.extra_templates if config is not None else ())),
                     "search" in plugins or "material/search" in plugins,
                     config.use_directory_urls if config is not None else True)
    return site, theme


def plan(vault: Vault, options: Options, config: SiteConfig | None, *, include_private: bool = False,
         config_dir: Path | None = None) -> Planned:
    """The site as the build would make it from `vault` with `options` and mkdocs.yml's `config`
    (None: the defaults, Material and no search plugin); `include_private` publishes every note."""
    # what MkDocs never builds (dot files, a top `templates/` folder, `exclude_docs`) is excluded
    options = excluding(options, mkdocs_excluded([note.path for note in vault.notes],
                                                 config.exclude_docs if config is not None else ""))
    notes = [note.path for note in vault.notes]
    vault_files = frozenset([*notes, *vault.attachments])
    site_files, theme = site_files_of(config, vault_files)
    udu = site_files.use_directory_urls
    explicit = options.publish == "explicit"
    published_notes = {note.path for note in vault.notes
                       if include_private or is_published(note, options.exclude, explicit=explicit)}
    outputs = site_outputs(site_files, asset_dir=ASSET_DIR,
                           pagefind_bundles=pagefind_bundles(options.search, len(notes)))
    outputs += vault_outputs(notes, published_notes, vault_files, use_directory_urls=udu, exclude=options.exclude)
    withheld = withhold(outputs)
    published = publish(vault, options, use_directory_urls=udu, include_private=include_private,
                        withheld=withheld.notes, config_dir=config_dir)
    site = published.site
    dropped = mkdocs_dropped(vault_files, udu) | withheld.files
    pages = [key for key in notes if key in site.links.published and key not in dropped]  # MkDocs builds these
    # and a note MkDocs dropped for a rival that is not published is put back (site_files.restore_dropped)
    taken = {page_dest(key, udu) for key in pages}
    pages += [key for key in notes if key in dropped and key in site.links.published
              and key not in withheld.files and page_dest(key, udu) not in taken]
    made: dict[str, str | bytes] = {src: "" for key, src in site.links.page_src.items() if key in pages}
    moved = set(made)
    used, libraries = site.used_attachments(), frozenset(vault_libraries(vault.attachments, (), vault.root))
    files = [src for src in vault.attachments if src not in dropped and not is_page(src)
             and kept_file(src, used=used, libraries=libraries, only_used=options.attachments == "used",
                           exclude=options.exclude)]
    add_generated(made, site, published.bases, Explorer(site, generated_pages=options.generated_pages), options)
    skipped = skip_generated(site_files.theme_files, [key for key in pages if key not in site.links.page_src],
                             files, made, moved, asset_dir=ASSET_DIR, use_directory_urls=udu,
                             separate=SEPARATE_PAGES)
    has_template = template_lookup(theme)
    templates = [problem for key in pages
                 for problem in missing_templates(site.links.notes[NoteKey(key)], has_template)]
    found = [*withheld.problems, *published.diagnostics, *skipped.problems, *templates,
             *active_problems(vault.root, files)]
    return Planned(published, tuple(sorted(dict.fromkeys(found), key=sort_key)), withheld.notes)


def active_problems(root: Path, files: Iterable[str]) -> list[Diagnostic]:
    """What the build warns about the vault's SVG and XML files it would publish
    (`active_files.left_out`): one left out because something in it could run. Its web pages
    are published sanitised, never left out: they are not read."""
    problems = []
    for src in files:
        if may_be_left_out(src):  # a web page is published sanitised: never read here
            try:
                data = (root / src).read_bytes()
            except OSError:
                continue  # unreadable: the build reports it when it copies the file
            problem = left_out(src, data)
            if problem is not None:
                problems.append(problem)
    return problems


__all__ = ["DEFAULT_THEME", "SEPARATE_PAGES", "WIDE_PAGES", "Planned", "add_generated", "plan", "site_files_of"]
