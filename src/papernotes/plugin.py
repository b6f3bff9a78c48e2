"""MkDocs glue: load the vault once per build, drop unpublished notes, rewrite pages, add generated ones."""

from __future__ import annotations

import gc
import html
import logging
import os
import re
import shutil
import tempfile
import time
import zlib
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from papernotes.bib.sources import LibrariesBeside, LibraryCache, vault_libraries
from papernotes.blank_render import skip_blank_render
from papernotes.config import PaperNotesConfig
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.explore import DataWriter, Explorer
from papernotes.held_pages import Held, HeldPages
from papernotes.loader import load_vault, tool_folders
from papernotes.markdown.html import (
    Rendered,
    first_title,
    joined_page,
    names_as_shown,
    page_toc,
    render_page,
    toc,
    with_mermaid,
)
from papernotes.memory import give_back
from papernotes.model import Note, NoteKey
from papernotes.nav_memo import NavMemo
from papernotes.nav_memo import install as install_nav_memo
from papernotes.outputs import ASSET_DIR, excluding, pagefind_bundles
from papernotes.page_meta import HasTemplate, missing_templates, page_meta
from papernotes.pages import Site, is_published
from papernotes.pages.generate import Finished, default_nav, home_page, nav_with_sections, shown_sections
from papernotes.pages.incremental import Rebuilds, vault_dests
from papernotes.pages.paper import Footers, build_footers, note_footer, wrap_content
from papernotes.pages.references_ahead import format_ahead
from papernotes.pages.references_ahead import stop as stop_formatting_ahead
from papernotes.publish import publish
from papernotes.render import counted, forget_urls, relative_url
from papernotes.rewrite import note_html
from papernotes.sanitize import sanitize_html
from papernotes.script_tags import ScriptTags
from papernotes.script_tags import install as install_script_tags
from papernotes.search import (
    BODY,
    BackgroundIndexer,
    SearchError,
    SiteIndex,
    index_site,
    searchable_pages,
    shard_size,
    sharded,
    stream_search,
)
from papernotes.search_early import page_language, same_for_search, search_document
from papernotes.search_feed import SearchFeeder
from papernotes.site_files import (
    defuse,
    moved_pages,
    prune,
    restore_dropped,
    skip_colliding_pages,
    withhold_collisions,
    written_here,
)
from papernotes.site_folders import FoldersAhead
from papernotes.site_manifest import read_manifest, write_manifest
from papernotes.site_plan import SEPARATE_PAGES, WIDE_PAGES, add_generated
from papernotes.template_cache import template_cache
from papernotes.theme import Theme, template_lookup, theme_dir
from papernotes.theme_listing import KeptListing, keep_theme_listing
from papernotes.translations import Translations
from papernotes.translations import install as install_translations
from papernotes.two_processes import Ahead

log = logging.getLogger("mkdocs.plugins.papernotes")

_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # Chinese and Japanese scripts
_MATERIAL_FONTS = {"text": "Roboto", "code": "Roboto Mono"}
_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
_MKDOCS_EXTENSIONS = {"toc", "tables", "fenced_code"}  # MkDocs' defaults, always listed


def _assets() -> list[tuple[str, str]]:
    """(site path, absolute source path) of every file shipped in `papernotes/assets`."""
    root = Path(str(resources.files("papernotes") / "assets"))
    return sorted((f"{ASSET_DIR}/{path.relative_to(root).as_posix()}", str(path))
                  for path in root.rglob("*") if path.is_file())


def _compressed(content: str) -> bytes:
    return zlib.compress(content.encode("utf-8"), 1)


@dataclass
class _Made:
    """A page whose content is being made: its HTML is sanitised by the page worker meanwhile."""

    page: Page
    note: Note | None
    html: Future[str] | str
    entries: list[dict[str, object]] | None  # its headings (`Rendered.toc`)
    tail: str | None  # the paper page's footer


_PIPELINE = 8  # pages waiting for the page worker before the build waits for it


def _ready(html: Future[str] | str) -> bool:
    return isinstance(html, str) or html.done()


def _generated_file(config: MkDocsConfig, src: str, content: str | bytes) -> File:
    """A file papernotes made. One that is no page (`papers.bib`, `papers.json`: 11 MB with a
    5,000-entry library) is held as the UTF-8 bytes MkDocs writes, not as text: a `str` with one
    CJK title in it takes two bytes a character (papers.bib, 8.8 MB, held 17.6 MB through the
    page loop)."""
    file = File.generated(config, src, content=content)
    if isinstance(content, str) and not file.is_documentation_page():
        file.content_bytes = content.encode("utf-8")
    return file


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


def _set_title(page: Page, heading: str | None, note_title: str | None = None) -> None:
    """Themes print `page.title` unescaped (in `<title>`, the header, the nav), so a title from
    frontmatter, the first `# heading` or a file name like `<img onerror=…>.md` is escaped here.
    A note's page has the note's one title (`papernotes.titles`), the same on every page;
    other pages keep MkDocs' rule (meta `title`, first heading, file name)."""
    title = note_title if note_title is not None else page.meta.get("title")
    if title is not None and not isinstance(title, str):
        title = str(title)  # `title: 2023` or a mapping: shown as written, never a crash
    if title:
        page.meta["title"] = html.escape(title, quote=False)
    elif heading:
        page.meta["title"] = html.escape(heading, quote=False)
    elif page.title:  # pragma: no branch  (MkDocs titles every page, from its file name at worst)
        page.meta["title"] = html.escape(page.title, quote=False)


class PaperNotesPlugin(BasePlugin[PaperNotesConfig]):
    site: Site | None = None
    explorer: Explorer | None = None
    command = "build"
    dirty = False
    rebuilds: Rebuilds | None = None
    cjk = False
    rendered: tuple[Page, Rendered, Future[str]] | None = None  # the page, and its HTML being sanitised
    worker: ThreadPoolExecutor | None = None  # sanitises and compresses pages beside the page loop
    search_pages: list[str]
    stream: bool = False  # feed Pagefind while pages are written (search.stream_search)
    shard_pages: int = 0  # pages per Pagefind bundle (search.shard_size), 0 before the vault is read
    has_template: HasTemplate | None = None
    indexer: BackgroundIndexer | None = None  # `mkdocs serve` only
    search_index: SearchFeeder | None = None  # `mkdocs build`: Pagefind fed while pages are written
    language: str | None = None  # Pagefind's `force_language`
    early = False  # Pagefind given each page's content before the page is written (search_early)
    early_ok = True  # every written page read as Pagefind was given it (else: read back after the build)
    fed: dict[str, int]  # page -> hash of the content Pagefind was given, until the page is written
    page_language = "en"  # the `<html lang>` the theme writes (search_early.page_language)
    data_writer: DataWriter | None = None  # `mkdocs build`: the data files written while pages are
    previews: dict[str, dict[str, object]]
    libraries: LibraryCache | None = None
    held: dict[str, Held]  # page -> its HTML, compressed from on_page_content until on_page_context
    store: HeldPages | None = None  # where `held` pages are, beyond what memory holds
    compressing: deque[tuple[str, str | None, Future[bytes]]]  # pages being compressed, in order, and
    # where Pagefind is told each is (`None`: not given to it here)
    making: deque[_Made]  # held content: pages whose HTML is being sanitised, in order (on_page_content)
    joined: dict[str, tuple[str, str]] = {}  # a note's page -> the generated page shown below it, and its Markdown
    joined_at: dict[str, str] = {}  # that generated page -> the note's page
    footers: Footers | None = None  # the build's lookups for paper pages' footers
    finished: dict[str, Finished] = {}  # a generated page -> its HTML put in after sanitising (the Papers table)
    nav_memo: NavMemo | None = None  # Material's navigation, rendered once for the pages it looks the same on
    script_tags: ScriptTags | None = None  # each `<script>` tag made once per URL
    translations: Translations | None = None  # Material's `lang.t` asked once per language and key
    folders: FoldersAhead | None = None  # the site's folders, made while pages are read and rendered
    references: Ahead | None = None  # the build's References, formatted by a helper process meanwhile
    written: list[str] = []  # what this build writes of the vault's and papernotes' own (`site_manifest`)
    theme_listing: KeptListing | None = None  # `mkdocs serve`: the theme's static files, listed once

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: parsed notes
        # and each page's inputs survive, so an edit costs only what it changes.
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        self._close_search()
        self._stop_worker()
        self._drop_generated_sources()
        if self.rebuilds is not None:
            self.rebuilds.release()
        self.command, self.dirty = "build", False  # MkDocs may reuse this instance for a later build

    def _drop_generated_sources(self) -> None:
        if self.rebuilds is not None and self.rebuilds.pages_dir:
            shutil.rmtree(self.rebuilds.pages_dir, ignore_errors=True)

    def log_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Errors and warnings at the level `diagnostics` says; infos (a paper without a venue...)
        at DEBUG (`mkdocs build --verbose`), counted in one line: `papernotes check` lists them."""
        if self.config.diagnostics == "ignore":
            return
        for diagnostic in diagnostics:
            level = logging.INFO if self.config.diagnostics == "info" else _LOG_LEVELS[diagnostic.level]
            log.log(logging.DEBUG if diagnostic.level == "info" else level, diagnostic.format(with_level=False))
        infos = sum(diagnostic.level == "info" for diagnostic in diagnostics)
        if infos:
            log.info("papernotes: %s about notes (such as papers without a year or venue); "
                     "`papernotes check` or `mkdocs build --verbose` lists them", counted(infos, "info"))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        unused = [name for name in config.markdown_extensions if name not in _MKDOCS_EXTENSIONS]
        if unused:
            log.info("papernotes: pages are rendered with markdown-it, as Obsidian reads notes; "
                     "these markdown_extensions are not used: %s", ", ".join(unused))
        if config.theme.name == "material" and config.theme.get("font") == _MATERIAL_FONTS:
            config.theme["font"] = False  # Material's default asks Google Fonts: the site stays offline
        config.extra_css.append(f"{ASSET_DIR}/papernotes.css")
        config.extra_javascript.append(f"{ASSET_DIR}/papernotes.js")
        config.extra_css.append(f"{ASSET_DIR}/explore/explore.css")
        config.extra_javascript.append(f"{ASSET_DIR}/explore/explore.js")
        if self.config.math:
            config.extra_css.append(f"{ASSET_DIR}/katex/katex.min.css")
            config.extra_javascript.append(f"{ASSET_DIR}/katex/katex.min.js")
        config.extra_javascript.append(f"{ASSET_DIR}/tablesort/tablesort.min.js")
        config.extra_javascript.append(f"{ASSET_DIR}/tablesort/tablesort.number.min.js")
        if self.config.search == "pagefind":
            config.extra_css.append("pagefind/pagefind-ui.css")
            config.extra_javascript.append("pagefind/pagefind-ui.js")
            self._quiet_lunr(config)
        if self.dirty or self.command == "serve":
            self._keep_theme_listing(config)
        return config

    def _keep_theme_listing(self, config: MkDocsConfig) -> None:
        """Each rebuild's theme environment lists the theme's files from the last listing while
        the theme's folders are unchanged (`theme_listing`)."""
        kept = self.theme_listing = self.theme_listing or KeptListing()
        theme, make_env = config.theme, config.theme.get_env
        static = tuple(sorted(theme.static_templates))

        def get_env() -> jinja2.Environment:
            env = make_env()
            keep_theme_listing(env, kept, static)
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    @staticmethod
    def _quiet_lunr(config: MkDocsConfig) -> None:
        """`plugins: [search, papernotes]` is what Material users write: Material's search would
        index every page for a lunr search box beside Pagefind's. It is switched off (its
        `enabled` option: no index, no box); MkDocs' own search plugin has no such switch."""
        lunr = config.plugins.get("material/search")
        if lunr is not None and lunr.config.get("enabled", True):
            lunr.config["enabled"] = False
            log.info("papernotes: Material's search plugin is switched off: Pagefind indexes the site "
                     "(the Search page); remove `search` from plugins to silence this")
        elif "search" in config.plugins:
            log.info("papernotes: Pagefind replaces the `search` plugin; remove `search` from plugins")

    @event_priority(50)  # before other plugins see the file list, so private notes never reach them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        where = (config.docs_dir, config.site_dir, str(config.config_file_path))
        self.search_pages = []
        self.held = {}
        self._drop_held()
        self.store = HeldPages()
        self.compressing = deque()
        self.making = deque()
        self._stop_worker()  # a build that failed before its end leaves its worker
        self._stop_references()  # and its References' helper
        self.stream = stream_search()
        self.fed, self.early_ok, self.page_language = {}, True, page_language(config.theme)
        # the content as papernotes returns it is the page's content only when no plugin follows it
        self.early = self._streams_search() and self._holds(config)
        # pages are read before `on_env`: a note's template and icon are looked up in the theme's folders
        self.has_template = template_lookup(Theme(tuple(Path(folder) for folder in config.theme.dirs), ()))
        self._close_search()  # a build that failed before its end leaves its index unfinished
        if self.rebuilds is None or self.rebuilds.where != where:
            self.previews = {}  # link previews by page, kept while `mkdocs serve --dirty` rebuilds
            self._drop_generated_sources()
            self.rebuilds = Rebuilds(where, tempfile.mkdtemp(prefix="papernotes-") if self.dirty else "")
        if self.dirty or self.command == "serve":
            self.rebuilds.pause()  # until on_post_build (settle) or on_build_error (resume)
        start = time.perf_counter()
        self.libraries = self.libraries or LibraryCache()  # a big .bib is parsed again only when it changes
        vault = load_vault(Path(config.docs_dir), cache=self.rebuilds.cache,
                           side=self._libraries_beside(config))  # parsed on the other core meanwhile
        self.shard_pages = shard_size(len(vault.notes))
        log.info("papernotes: loaded %s notes in %s (%s parsed)", f"{len(vault.notes):,}", _seconds(start),
                 f"{len(self.rebuilds.cache.parsed):,}")
        start = time.perf_counter()
        explicit = self.config.publish == "explicit"
        # notes MkDocs never builds (dot files, a top `templates/` folder, `exclude_docs`) are excluded
        options = excluding(self.config.to_options(), [note.path for note in vault.notes
                                                       if (file := files.get_file_from_path(note.path)) is not None
                                                       and file.inclusion.is_excluded()])
        options = replace(options, exclude=(*options.exclude, *tool_folders(Path(config.docs_dir))))
        keep = self.dirty or self.command == "serve"  # work kept for the next rebuild; a build has none
        withheld, collided = withhold_collisions(
            files, config, vault,
            {note.path for note in vault.notes if is_published(note, options.exclude, explicit=explicit)},
            asset_dir=ASSET_DIR, pagefind_bundles=pagefind_bundles(self.config.search, len(vault.notes)),
            exclude=options.exclude, kept=self.rebuilds.collisions if keep else None)
        published = publish(vault, options, use_directory_urls=config.use_directory_urls,
                            withheld=withheld, config_dir=Path(config.config_file_path or ".").parent,
                            libraries=self.libraries, memo=self.rebuilds.memo if keep else None,
                            kept=self.rebuilds.site if keep else None)
        self.site = site = published.site
        if not keep:  # formatted on the other core while generated pages and the first pages are made
            self.references = format_ahead(site, [site.links.key_of(file.src_uri)
                                                  for file in files.documentation_pages()])
        self.footers = build_footers(site) if self.config.paper_pages else None
        self.cjk = any(_CJK_RE.search(note.body) for note in site.graph.notes.values())
        # Pagefind splits Chinese and Japanese into words only in a CJK language's index; an
        # English site with CJK notes would otherwise find `扩散` only at a sentence start.
        self.language = "zh" if self.cjk and config.theme.get("language", "en") == "en" else None
        log.info("papernotes: built the graph in %s: %s papers, %s links, %s topics, %s queries",
                 _seconds(start), f"{len(site.graph.papers):,}",
                 f"{sum(len(note.links) for note in site.graph.notes.values()):,}",  # as `papernotes check` counts
                 f"{len(site.graph.topics):,}", f"{len(site.links.queries):,}")
        start = time.perf_counter()
        made: dict[str, str | bytes] = {}
        # a withheld note (its page would land on another's) is not published, yet warned about
        self.log_diagnostics(sorted([*collided, *published.diagnostics], key=sort_key))
        prune(files, site, vault.attachments, config.docs_dir, only_used=self.config.attachments == "used",
              libraries=vault_libraries(vault.attachments, (), Path(config.docs_dir)),  # excluded ones too
              exclude=options.exclude, walked={*vault.attachments, *(note.path for note in vault.notes)})
        for src in restore_dropped(files, site.links.published, config):
            log.info("papernotes: %s is published after all: the note MkDocs preferred to it is not", src)
        self.log_diagnostics(defuse(files, config.docs_dir))
        made.update(moved_pages(files, site.links.page_src))
        moved = set(made)
        self.explorer = Explorer(site, vault_root=Path(config.docs_dir), site_name=config.site_name,
                                 site_url=config.site_url or "", site_author=config.site_author or "",
                                 generated_pages=self.config.generated_pages, previews=self.previews,
                                 kept=self.rebuilds.graph_data if keep else None,
                                 written=self.rebuilds.written if keep else None)
        self.finished = {}
        bases = add_generated(made, site, published.bases, self.explorer, options,
                              self.rebuilds.generated if keep else None, self.finished)
        skipped = skip_colliding_pages(files, made, moved, config.docs_dir, asset_dir=ASSET_DIR,
                                       use_directory_urls=config.use_directory_urls, separate=SEPARATE_PAGES,
                                       kept=self.rebuilds.collisions if keep else None)
        self.log_diagnostics(skipped.problems)
        self.joined = skipped.joined
        self.joined_at = {generated: note for note, (generated, _) in self.joined.items()}
        bases = [src for src in bases if src in made]
        pages = {file.src_uri for file in files.documentation_pages()} | set(made)
        sections = shown_sections(site, pages, read=len(self.explorer.records), joined=self.joined_at)
        if site.home is None and "index.md" in made:  # the sections left once notes took their pages
            made["index.md"] = home_page(site, sections, config.site_name)
        for src, text in made.items():
            files.append(self.rebuilds.generated_file(config, src, text) if self.dirty
                         else _generated_file(config, src, text))
        log.info("papernotes: generated %s pages in %s", f"{len(made):,}", _seconds(start))
        for src, path in _assets():
            files.append(File.generated(config, src, abs_src_path=path))
        if self.config.nav and not config.nav and self.config.generated_pages:
            config.nav = default_nav(sections, pages, bases)
            config.validation.nav.omitted_files = logging.DEBUG  # notes are left out on purpose
        elif self.config.nav and self.config.generated_pages and isinstance(config.nav, list):
            # the site's own nav, then the sections
            config.nav = nav_with_sections(config.nav, sections, pages, bases)
            for file in files:  # topic, author and venue pages are reached from the sections'
                if file.src_uri in made and file.is_documentation_page():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        self.written = written_here(files, config.docs_dir, [self.rebuilds.pages_dir] if self.dirty else [])
        if self.dirty:
            start = time.perf_counter()
            shaping = (self.config.paper_pages, self.config.generated_pages, self.config.search,
                       self.config.attachments, self.config.strict_line_breaks, config.use_directory_urls,
                       self.explorer.shards)  # every page's head names the previews' shard count
            stale, gone = self.rebuilds.remove_stale(  # what an earlier process wrote: read on the first build only
                site, files, shaping, paper_pages=self.config.paper_pages,
                earlier=lambda: vault_dests(config.site_dir, vault, config.use_directory_urls)
                | read_manifest(config.site_dir))
            stale += self.rebuilds.remove_changed(files, {note: text for note, (_, text) in self.joined.items()})
            log.info("papernotes: %s of %s note pages to rebuild, %s outputs removed (%s)", f"{stale:,}",
                     f"{len(site.links.published):,}", f"{gone:,}", _seconds(start))
        return files

    def _libraries_beside(self, config: MkDocsConfig) -> LibrariesBeside:
        """The library files `publish` will read (the same options and excludes, but for the
        notes MkDocs excludes, which are no library files), to parse while the notes load."""
        assert self.libraries is not None
        options = self.config.to_options()
        return self.libraries.beside(Path(config.docs_dir), options.bibliography,
                                     Path(config.config_file_path or ".").parent,
                                     (*options.exclude, *tool_folders(Path(config.docs_dir))))

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """`mkdocs serve` watches docs_dir; a library named by `bibliography` may live outside it."""
        for name in self.config.bibliography:
            path = Path(config.config_file_path or ".").parent / name
            if path.exists():
                server.watch(str(path))
        return server

    @event_priority(-100)  # last: the files are the ones MkDocs writes
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """A whole build makes the site's folders on a thread meanwhile (`site_folders`), static
        files' first (copied first); `--dirty` keeps the folders it has."""
        self._finish_folders()
        if not self.dirty:
            self.folders = FoldersAhead(os.path.dirname(file.abs_dest_path) for file in
                                        sorted(files, key=lambda file: file.is_documentation_page()))
        return nav

    def _finish_folders(self) -> None:
        if self.folders is not None:
            self.folders.finish()
            self.folders = None

    @event_priority(100)  # first: the last pages' content and toc are finished before other plugins' on_env
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Compiled templates are kept on disk (`template_cache`), so Material's templates are not
        compiled again by every build, nor by every `--dirty` rebuild (MkDocs makes a new theme
        environment each time; those keep theirs with the rebuilds' pages)."""
        if env.bytecode_cache is None:  # another plugin's cache stays
            folder = None  # papernotes' store
            if self.dirty and self.rebuilds is not None and self.rebuilds.pages_dir:
                folder = os.path.join(self.rebuilds.pages_dir, "_templates")
            env.bytecode_cache = template_cache(folder)
        material = theme_dir("material") if config.theme.name == "material" else None
        # PAPERNOTES_PLAIN_NAV=1: every page's navigation rendered by the theme (tests compare the two)
        self.nav_memo = None if material is None or os.environ.get("PAPERNOTES_PLAIN_NAV") \
            else install_nav_memo(env, material)
        # PAPERNOTES_PLAIN_TRANSLATIONS=1: every page imports the theme's translations (tests compare the two)
        self.translations = None if material is None or os.environ.get("PAPERNOTES_PLAIN_TRANSLATIONS") \
            else install_translations(env, material)
        # PAPERNOTES_PLAIN_SCRIPTS=1: every `<script>` tag made by MkDocs' filter (tests compare the two)
        self.script_tags = None if os.environ.get("PAPERNOTES_PLAIN_SCRIPTS") else install_script_tags(env)
        while self.making:  # the last pages' content (see on_page_content)
            self._hold(self.making.popleft(), config)
        self._keep(config, every=True)  # every page held as bytes, and given to Pagefind before its bundle is asked for
        if self.early and self.search_index is not None:  # every page's content is in: the bundle is
            self.search_index.seal()  # written while MkDocs writes the pages
        # the data files while pages are written (a thread); a site cut into Pagefind shards for
        # memory, or `serve` (which keeps them between rebuilds), writes them after the last page
        if self.explorer is not None and self.command != "serve" and not self.dirty and not sharded(self.shard_pages):
            self.data_writer = DataWriter(self.explorer, config.site_dir)
        return env

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A note's page is made from the note the loader read (decoded, `%%comments%%` out):
        MkDocs gets its body without frontmatter, so it never parses a note's YAML itself
        (papernotes gives the page its meta, checked); a blank first line keeps MkDocs from
        taking `Key: value` lines at the top for MultiMarkdown metadata. When papernotes'
        `on_page_markdown` comes first, no plugin reads the body (papernotes renders the note
        from what the loader kept, and hands on ""): it is not unpacked, and MkDocs gets the
        blank line alone (the page's meta is the same: none)."""
        note = self._note_of(page)
        if note is None:
            return None
        return "\n" if config.plugins.events["page_markdown"][0] == self.on_page_markdown else "\n" + note.body

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page is rendered here (a note was rendered when loaded: its slots are filled);
        Python-Markdown is left nothing to do."""

        def url_of(src: str) -> str | None:  # a generated page shown below a note is at the note's page
            file = files.get_file_from_path(src) or files.get_file_from_path(self.joined_at.get(src, src))
            return file.url if file is not None else None

        note = self._note_of(page)
        if note is not None and self.site is not None:
            page.meta = page_meta(note, self.has_template)
            self.log_diagnostics(list(missing_templates(note, self.has_template)))
            headings = note.html.headings
            rendered = Rendered(note_html(note, self.site.links, url_of), toc(headings), first_title(headings))
            if page.file.src_uri in self.joined:
                rendered = joined_page(rendered, *self.joined[page.file.src_uri], url=page.url, url_of=url_of)
        else:
            rendered = render_page(markdown, src=page.file.src_uri, url=page.url, url_of=url_of)
            if page.file.src_uri in WIDE_PAGES:  # a generated page: no note has its source
                page.meta.setdefault("hide", ["toc"])
        stated = "title" in page.meta  # a home note's frontmatter title, before the title rule sets one
        _set_title(page, rendered.title, note.title if note is not None else None)
        if page.is_homepage and not stated:  # Material's rule: a home page's tab reads the site's name alone
            page.title = page.meta.pop("title", page.title)
        # raw HTML from notes and vault data: kept, but nothing in it runs
        self.rendered = (page, rendered, self._work().submit(sanitize_html, rendered.html))
        skip_blank_render(page)  # MkDocs' render of the "" returned here needs no Python-Markdown
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        note = self._note_of(page)
        # made while the page's HTML is sanitised (it does not depend on it)
        tail = note_footer(self.site, note.path, page.file.src_uri, self.footers) \
            if self.site is not None and note is not None and self.config.paper_pages else None
        rendered, self.rendered = self.rendered, None
        # on_page_markdown, which runs for every page, has just rendered this very page
        if rendered is not None and rendered[0] is page:  # pragma: no branch
            made = _Made(page, note, rendered[2], rendered[1].toc, tail)
        else:  # pragma: no cover  (as above) whatever HTML came instead is sanitised here
            made = _Made(page, note, sanitize_html(html), None, tail)
        if not self._holds(config):
            return self._content(made)
        # Held: a page is finished once its HTML is sanitised, when a later page comes (the build
        # does not wait for it, unless `_PIPELINE` pages are waiting), the last ones in on_env,
        # before any page is written; in their order, as the explorer and Pagefind need them.
        self.making.append(made)
        while self.making and (len(self.making) > _PIPELINE or _ready(self.making[0].html)):
            self._hold(self.making.popleft(), config)
        return ""

    def _content(self, made: _Made) -> str:
        """The page's content, from its sanitised HTML; sets its toc."""
        page, note = made.page, made.note
        html = made.html if isinstance(made.html, str) else made.html.result()
        # The heading permalinks (¶) are chrome: kept out of search results' titles and excerpts.
        html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
        src = page.file.src_uri
        finished = self.finished.get(self.joined[src][0] if src in self.joined else src)
        if finished is not None:  # made by papernotes' own escaping: not parsed and sanitised again
            html = finished.put_back(html)
        wrapped = html if self.site is None else wrap_content(
            html, self.site, note.path if note else None, page.file.src_uri, paper_pages=self.config.paper_pages,
            footers=self.footers, tail=made.tail)
        if made.entries is not None:  # pragma: no branch  (as above) shaped by the page as shown, title included
            page.toc = get_toc(page_toc(names_as_shown(made.entries, wrapped), wrapped))  # type: ignore[arg-type]
        # on_files made both, and only on_post_build drops them, after the last page
        if self.site is None or self.explorer is None:  # pragma: no cover
            return wrapped
        return self.explorer.page_content(wrapped, page.file.src_uri, note.path if note else None, body=html)

    def _holds(self, config: MkDocsConfig) -> bool:
        """Whether no other plugin sees a page's content after papernotes (see `_hold`)."""
        return config.plugins.events["page_content"][-1] == self.on_page_content

    def _hold(self, made: _Made, config: MkDocsConfig) -> None:
        """MkDocs renders every page's content before it writes the first page, and holds them all
        (at 5,000 notes, ~300 MB: the build's peak). When no other plugin sees the content after
        papernotes, it is kept compressed until the page is written (`on_page_context`)."""
        page = made.page
        content = self._content(made)
        searched = self.early and BODY in content  # then Pagefind is given it once compressed (`_keep`)
        if searched:
            self.fed[page.file.src_uri] = hash(content)
        self.compressing.append((page.file.src_uri, page.file.dest_uri if searched else None,
                                 self._work().submit(_compressed, content)))
        self._keep(config)

    def _keep(self, config: MkDocsConfig, *, every: bool = False) -> None:
        """The pages compressed so far are kept as bytes (a Future weighs 1.6 KB), and given to
        Pagefind in their order (it parses them on the other core while MkDocs renders the next);
        with `every`, all of them, waiting for the worker if need be."""
        while self.compressing and (every or len(self.compressing) > _PIPELINE or self.compressing[0][2].done()):
            src, dest, done = self.compressing.popleft()
            self.held[src] = kept = self._store().keep(done.result())
            if dest is not None:
                self._searched(config).add(dest, kept)

    @event_priority(100)  # first: every other plugin sees the page's content
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(self._store().read(held)).decode("utf-8")
        return context

    def _work(self) -> ThreadPoolExecutor:
        """A thread that sanitises and compresses pages: nh3 and zlib let go of the GIL, so they
        run on the other core (idle while MkDocs renders pages) while the next page is made."""
        if self.worker is None:
            self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="papernotes-pages")
        return self.worker

    def _stop_references(self) -> None:
        stop_formatting_ahead(self.references)
        self.references = None

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.shutdown(wait=True)
            self.worker = None

    def _note_of(self, page: Page):  # type: ignore[no-untyped-def]
        if self.site is None:  # pragma: no cover  (as in on_page_content)
            return None
        src = page.file.src_uri
        key = self.site.links.key_of(src)
        return self.site.links.notes.get(NoteKey(key)) if key in self.site.links.published else None

    @event_priority(-100)  # last: the page's HTML is final, and no other plugin needs its content
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        content, page.content = page.content, None  # written: MkDocs would keep every page's HTML until the build ends
        if self.explorer is not None:  # pragma: no branch  (as in on_page_content)
            output = self.explorer.finish_page(output, page.file.src_uri)
        output = with_mermaid(output, relative_url(f"{ASSET_DIR}/mermaid/mermaid.min.js", page.url))
        if self.early:  # the page as written
            self._check_fed(page, output, content)
        if BODY in output:
            self.search_pages.append(page.file.dest_uri)
            if self._streams_search() and not self.early:  # Pagefind parses it while the next page is built
                self._searched(config).add(page.file.dest_uri, self._work().submit(_compressed, output))
        return output

    def _check_fed(self, page: Page, output: str, content: str | None) -> None:
        """Whether Pagefind was given what it would read in the written page (`search_early`)."""
        fed = self.fed.pop(page.file.src_uri, None)
        if fed is None and BODY not in output:
            return
        if fed is None or content is None or hash(content) != fed or \
                not same_for_search(output, content, self.page_language):
            if self.early_ok:
                log.info("papernotes: %s as written is not what Pagefind was given before (a theme or plugin "
                         "changed it): every page is indexed again after the build", page.file.src_uri)
            self.early_ok = False

    def _streams_search(self) -> bool:
        """A whole build (`mkdocs build`, `gh-deploy`) feeds Pagefind each page as it is written;
        `mkdocs serve` indexes in the background, `build --dirty` reads every page back (it
        writes only some), and `PAPERNOTES_SERIAL_SEARCH=1` reads them back after the build
        (the one-core way)."""
        return self.config.search == "pagefind" and self.command != "serve" and not self.dirty \
            and self.stream

    def _close_search(self) -> None:
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
        self._drop_held()

    def _store(self) -> HeldPages:
        if self.store is None:  # pragma: no cover  (on_files makes it)
            self.store = HeldPages()
        return self.store

    def _drop_held(self) -> None:
        """The held pages' file, once every page is written and Pagefind has them."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_references()
        self._finish_folders()
        self.making = deque()
        self._close_search()
        self._stop_worker()
        if self.data_writer is not None:
            self.data_writer.join()
            self.data_writer = None
        if self.rebuilds is not None:
            self.rebuilds.resume()

    def _release_memory(self, *, give: bool = True) -> None:
        """The notes and the graph, no longer needed once every page is written, are dropped; with
        `give` (Pagefind runs beside this process) the freed memory is given back to the system."""
        self.site = self.rebuilds = self.explorer = self.footers = None
        self.previews = {}
        if give:
            forget_urls()
            gc.collect()
            give_back()

    def _searched(self, config: MkDocsConfig) -> SearchFeeder:
        """The build's search index, fed by a thread (Pagefind starts with the first page it is given)."""
        if self.search_index is None:
            index = SiteIndex(config.site_dir, force_language=self.language, shard_pages=self.shard_pages)
            # given a page's content (search_early), or the written page
            self.search_index = SearchFeeder(index, partial(search_document, language=self.page_language)
                                             if self.early else None, read=self._store().read)
        return self.search_index

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_references()  # every page is made
        self._finish_folders()
        self._stop_worker()  # every page is written
        write_manifest(config.site_dir, self.written)
        if not self.early_ok and self.search_index is not None:  # what it was given is not the site
            self.search_index.discard()
            self.search_index = None
        streamed = self._streams_search() and self.early_ok
        if streamed:  # the last bundle is written once Pagefind has every page (already, early)
            self._searched(config).seal()
        # graph data, previews (made while pages were built), feed.xml; the explorer is dropped
        # below, so it is always there (no branch)
        if self.data_writer is not None:
            start = time.perf_counter()
            self.data_writer.finish()
            self.data_writer = None
            log.info("papernotes: wrote the graph data, previews and feed while pages were written, "
                     "then %s", _seconds(start))
        elif self.explorer is not None:  # pragma: no branch
            start = time.perf_counter()
            self.explorer.write_all(config.site_dir)
            log.info("papernotes: wrote the graph data, previews and feed in %s", _seconds(start))
        if self.rebuilds is not None and (self.dirty or self.command == "serve"):
            self.rebuilds.settle()  # kept for the next rebuild: out of the cyclic collector's way
        if not streamed:  # Pagefind reads the pages written, if at all: no page is held any more
            self._drop_held()
        if self.config.search != "pagefind":
            return
        if self.command == "serve":  # the reloaded pages are not kept waiting for the index
            if self.indexer is None:
                self.indexer = BackgroundIndexer(lambda message: log.info("papernotes: %s", message))
            self.indexer.request(config.site_dir, self.search_pages, self.language)
            return
        # room for the bundles still to be written; when none is, the build ends here
        self._release_memory(give=not (streamed and self.search_index is not None and self.search_index.written))
        start = time.perf_counter()
        try:
            if streamed:
                bundles = self._searched(config).finish()
            else:
                pages = searchable_pages(config.site_dir) if self.dirty else self.search_pages
                bundles = index_site(config.site_dir, pages, force_language=self.language,
                                     shard_pages=self.shard_pages)
        except SearchError as error:
            raise PluginError(f"papernotes: pagefind failed: {error}") from error
        finally:
            self._close_search()
        log.info("papernotes: indexed %s pages for search %s %s (%s)", f"{len(self.search_pages):,}",
                 "while they were written, then" if streamed else "after the build, in",
                 _seconds(start), counted(bundles, "Pagefind bundle"))
