"""MkDocs glue: load the vault once per build, drop unpublished notes, rewrite pages, add generated ones."""

from __future__ import annotations

import ctypes
import gc
import html
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from papernotes.bib.sources import LibraryCache, load_libraries, vault_libraries
from papernotes.config import PaperNotesConfig
from papernotes.dataview.site import base_pages, with_queries
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.loader import decode, load_vault
from papernotes.markdown.html import Rendered, first_title, render_page, toc
from papernotes.model import NoteKey
from papernotes.pages import Site, build_site
from papernotes.pages.generate import default_nav, generated_pages
from papernotes.pages.incremental import Rebuilds
from papernotes.pages.paper import wrap_content
from papernotes.render import counted
from papernotes.rewrite import note_html
from papernotes.sanitize import sanitize_html
from papernotes.search import SearchError, index_site
from papernotes.site_files import moved_pages, prune

log = logging.getLogger("mkdocs.plugins.papernotes")

_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # Chinese and Japanese scripts
_MATERIAL_FONTS = {"text": "Roboto", "code": "Roboto Mono"}
_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
_MKDOCS_EXTENSIONS = {"toc", "tables", "fenced_code"}  # MkDocs' defaults, always listed
ASSET_DIR = "_papernotes"


def _assets() -> list[tuple[str, str]]:
    """(site path, absolute source path) of every file shipped in `papernotes/assets`."""
    root = Path(str(resources.files("papernotes") / "assets"))
    return sorted((f"{ASSET_DIR}/{path.relative_to(root).as_posix()}", str(path))
                  for path in root.rglob("*") if path.is_file())


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


def _set_title(page: Page, heading: str | None) -> None:
    """Themes print `page.title` unescaped (in `<title>`, the header, the nav), so a title from
    frontmatter, the first `# heading` or a file name like `<img onerror=…>.md` is escaped here."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=False)
    elif heading:
        page.meta["title"] = html.escape(heading, quote=False)
    elif page.title:
        page.meta["title"] = html.escape(page.title, quote=False)


class PaperNotesPlugin(BasePlugin[PaperNotesConfig]):
    site: Site | None = None
    command = "build"
    dirty = False
    rebuilds: Rebuilds | None = None
    cjk = False
    rendered: tuple[Page, Rendered] | None = None
    search_pages: list[str]
    libraries: LibraryCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: parsed notes
        # and each page's inputs survive, so an edit costs only what it changes.
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        self._drop_generated_sources()
        self.command, self.dirty = "build", False  # MkDocs may reuse this instance for a later build

    def _drop_generated_sources(self) -> None:
        if self.rebuilds is not None and self.rebuilds.pages_dir:
            shutil.rmtree(self.rebuilds.pages_dir, ignore_errors=True)

    def log_diagnostic(self, diagnostic: Diagnostic) -> None:
        setting = self.config.diagnostics
        if setting == "ignore":
            return
        level = _LOG_LEVELS[diagnostic.level] if setting == "warn" else logging.INFO
        log.log(level, diagnostic.format(with_level=False))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        unused = [name for name in config.markdown_extensions if name not in _MKDOCS_EXTENSIONS]
        if unused:
            log.info("papernotes: pages are rendered with markdown-it, as Obsidian reads notes; "
                     "these markdown_extensions are not used: %s", ", ".join(unused))
        if config.theme.name == "material" and config.theme.get("font") == _MATERIAL_FONTS:
            config.theme["font"] = False  # Material's default asks Google Fonts: the site stays offline
        config.extra_css.append(f"{ASSET_DIR}/papernotes.css")
        config.extra_javascript.append(f"{ASSET_DIR}/papernotes.js")
        if self.config.math:
            config.extra_css.append(f"{ASSET_DIR}/katex/katex.min.css")
            config.extra_javascript.append(f"{ASSET_DIR}/katex/katex.min.js")
        config.extra_javascript.append(f"{ASSET_DIR}/tablesort/tablesort.min.js")
        config.extra_javascript.append(f"{ASSET_DIR}/tablesort/tablesort.number.min.js")
        if self.config.search == "pagefind":
            config.extra_css.append("pagefind/pagefind-ui.css")
            config.extra_javascript.append("pagefind/pagefind-ui.js")
            if "search" in config.plugins or "material/search" in config.plugins:
                log.info("papernotes: Pagefind replaces the `search` plugin; remove `search` from plugins")
        return config

    @event_priority(50)  # before other plugins see the file list, so private notes never reach them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        where = (config.docs_dir, config.site_dir, str(config.config_file_path))
        self.search_pages = []
        if self.rebuilds is None or self.rebuilds.where != where:
            self._drop_generated_sources()
            self.rebuilds = Rebuilds(where, tempfile.mkdtemp(prefix="papernotes-") if self.dirty else "")
        start = time.perf_counter()
        vault = load_vault(Path(config.docs_dir), cache=self.rebuilds.cache)
        log.info("papernotes: loaded %s notes in %s (%s parsed)", f"{len(vault.notes):,}", _seconds(start),
                 f"{len(self.rebuilds.cache.parsed):,}")
        start = time.perf_counter()
        self.libraries = self.libraries or LibraryCache()
        library_files = vault_libraries(vault.attachments, (), Path(config.docs_dir))  # excluded: pruned, not read
        library = load_libraries(Path(config.docs_dir), vault_libraries(library_files, self.config.exclude),
                                 self.config.bibliography, Path(config.config_file_path or ".").parent, self.libraries)
        self.site = site = build_site(vault.notes, vault.attachments, exclude=self.config.exclude,
                                      folder_topics=self.config.folder_topics,
                                      use_directory_urls=config.use_directory_urls,
                                      topic_pages=self.config.generated_pages,
                                      explicit=self.config.publish == "explicit",
                                      templates_dir=self.config.templates_dir,
                                      strict_line_breaks=self.config.strict_line_breaks, library=library,
                                      library_papers=self.config.library_papers, csl_style=self.config.csl_style)
        self.site = site = with_queries(site, self.log_diagnostic)  # every query rendered once
        self.cjk = any(_CJK_RE.search(note.body) for note in site.graph.notes.values())
        log.info("papernotes: built the graph in %s: %s papers, %s links, %s topics, %s queries",
                 _seconds(start), f"{len(site.graph.papers):,}", f"{len(site.graph.edges):,}",
                 f"{len(site.graph.topics):,}", f"{len(site.links.queries):,}")
        start = time.perf_counter()
        made: dict[str, str | bytes] = {}
        for diagnostic in sorted(vault.diagnostics + site.diagnostics, key=sort_key):
            if diagnostic.path in site.links.published or diagnostic.path not in site.links.notes:
                self.log_diagnostic(diagnostic)
        prune(files, site, vault.attachments, config.docs_dir, only_used=self.config.attachments == "used",
              libraries=library_files)
        made.update(moved_pages(files, site.links.page_src))
        if self.config.generated_pages:
            for src, content in generated_pages(site, search=self.config.search == "pagefind").items():
                if files.get_file_from_path(src) is not None:
                    log.warning("papernotes: %s exists in the vault; the generated %s is skipped", src, src)
                    continue
                made[src] = content
        bases = []
        for src, content in base_pages(site, vault.root, vault.attachments, self.config.exclude,
                                       self.log_diagnostic).items():
            if files.get_file_from_path(src) is None and src not in made:  # `.base` files become pages
                made[src] = content
                bases.append(src)
        for src, text in made.items():
            files.append(self.rebuilds.generated_file(config, src, text) if self.dirty
                         else File.generated(config, src, content=text))
        log.info("papernotes: generated %s pages in %s", f"{len(made):,}", _seconds(start))
        for src, path in _assets():
            files.append(File.generated(config, src, abs_src_path=path))
        if self.config.nav and not config.nav and self.config.generated_pages:
            config.nav = default_nav(site, {f.src_uri for f in files.documentation_pages()}, bases)
            config.validation.nav.omitted_files = logging.DEBUG  # notes are left out on purpose
        if self.dirty:
            start = time.perf_counter()
            options = (self.config.paper_pages, self.config.generated_pages, self.config.search,
                       self.config.attachments, self.config.strict_line_breaks, config.use_directory_urls)
            stale, gone = self.rebuilds.remove_stale(site, files, options, paper_pages=self.config.paper_pages)
            log.info("papernotes: %s of %s note pages to rebuild, %s outputs removed (%s)", f"{stale:,}",
                     f"{len(site.links.published):,}", f"{gone:,}", _seconds(start))
        return files

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """`mkdocs serve` watches docs_dir; a library named by `bibliography` may live outside it."""
        for name in self.config.bibliography:
            path = Path(config.config_file_path or ".").parent / name
            if path.exists():
                server.watch(str(path))
        return server

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """--dirty: MkDocs makes a new theme environment for every rebuild; compiled templates
        are kept on disk, so Material's templates are not compiled again after each edit."""
        if self.dirty and self.rebuilds is not None and self.rebuilds.pages_dir:
            folder = os.path.join(self.rebuilds.pages_dir, "_templates")
            os.makedirs(folder, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
        return env

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """MkDocs reads sources as strict UTF-8; a note the loader could read (UTF-16, stray
        bytes) is given to it as the loader decoded it, instead of failing the whole build."""
        note = self._note_of(page)
        if note is not None and not any(d.code in ("utf16", "not-utf8") for d in note.diagnostics):
            return None  # the loader read it as UTF-8: MkDocs reads it once more, for its metadata
        path = page.file.abs_src_path
        if not path or page.file.src_dir != config.docs_dir:
            return None
        data = Path(path).read_bytes()
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            return decode(data, page.file.src_uri)[0]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page is rendered here (a note was rendered when loaded: its slots are filled);
        Python-Markdown is left nothing to do."""

        def url_of(src: str) -> str | None:
            file = files.get_file_from_path(src)
            return file.url if file is not None else None

        note = self._note_of(page)
        if note is not None and self.site is not None:
            headings = note.html.headings
            rendered = Rendered(note_html(note, self.site.links, url_of), toc(headings), first_title(headings))
        else:
            rendered = render_page(markdown, src=page.file.src_uri, url=page.url, url_of=url_of)
        _set_title(page, rendered.title)
        self.rendered = (page, rendered)
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.rendered is not None and self.rendered[0] is page:
            html, page.toc = self.rendered[1].html, get_toc(self.rendered[1].toc)  # type: ignore[arg-type]
            self.rendered = None
        html = sanitize_html(html)  # raw HTML from notes and vault data: kept, but nothing in it runs
        # The heading permalinks (¶) are chrome: kept out of search results' titles and excerpts.
        html = html.replace('class="headerlink"', 'class="headerlink" data-pagefind-ignore')
        note = self._note_of(page)
        if self.site is None:
            return html
        return wrap_content(html, self.site, note.path if note else None, page.file.src_uri,
                            paper_pages=self.config.paper_pages)

    def _note_of(self, page: Page):  # type: ignore[no-untyped-def]
        if self.site is None:
            return None
        src = page.file.src_uri
        key = self.site.links.key_of(src)
        return self.site.links.notes.get(NoteKey(key)) if key in self.site.links.published else None

    @event_priority(-100)  # last: the page's HTML is final, and no other plugin needs its content
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if "data-pagefind-body" in output:
            self.search_pages.append(page.file.dest_uri)
        page.content = None  # written: MkDocs would keep every page's HTML until the build ends
        return output

    def _release_memory(self) -> None:
        """Pagefind runs beside this process: the notes and the graph, no longer needed once every
        page is written, are dropped, and the freed memory given back to the system."""
        self.site = self.rebuilds = None
        gc.collect()
        if sys.platform.startswith("linux"):
            try:
                ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed memory otherwise
            except (OSError, AttributeError):
                pass

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.search != "pagefind" or self.command == "serve":  # `mkdocs build` indexes
            return
        # Pagefind splits Chinese and Japanese into words only in a CJK language's index; an
        # English site with CJK notes would otherwise find `扩散` only at a sentence start.
        language = "zh" if self.cjk and config.theme.get("language", "en") == "en" else None
        self._release_memory()
        start = time.perf_counter()
        try:
            bundles = index_site(config.site_dir, self.search_pages, force_language=language)
        except SearchError as error:
            raise PluginError(f"papernotes: pagefind failed: {error}") from error
        log.info("papernotes: indexed %s pages for search in %s (%s)", f"{len(self.search_pages):,}",
                 _seconds(start), counted(bundles, "Pagefind bundle"))
