"""MkDocs glue: load the vault once per build, drop unpublished notes, rewrite pages, add generated ones."""

from __future__ import annotations

import html
import logging
import subprocess
import sys
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from papernotes.config import PaperNotesConfig
from papernotes.dataview.site import base_pages, with_queries
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.loader import load_vault
from papernotes.model import NoteKey
from papernotes.pages import Site, build_site, is_media
from papernotes.pages.generate import default_nav, generated_pages
from papernotes.pages.paper import wrap_content
from papernotes.rewrite import rewrite_note

log = logging.getLogger("mkdocs.plugins.papernotes")

_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}
ASSET_DIR = "_papernotes"


def _assets() -> list[tuple[str, str]]:
    """(site path, absolute source path) of every file shipped in `papernotes/assets`."""
    root = Path(str(resources.files("papernotes") / "assets"))
    return sorted((f"{ASSET_DIR}/{path.relative_to(root).as_posix()}", str(path))
                  for path in root.rglob("*") if path.is_file())


class PaperNotesPlugin(BasePlugin[PaperNotesConfig]):
    site: Site | None = None

    def log_diagnostic(self, diagnostic: Diagnostic) -> None:
        setting = self.config.diagnostics
        if setting == "ignore":
            return
        level = _LOG_LEVELS[diagnostic.level] if setting == "warn" else logging.INFO
        log.log(level, diagnostic.format())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
        vault = load_vault(Path(config.docs_dir))
        self.site = site = build_site(vault.notes, vault.attachments, exclude=self.config.exclude,
                                      folder_topics=self.config.folder_topics,
                                      use_directory_urls=config.use_directory_urls,
                                      topic_pages=self.config.generated_pages,
                                      explicit=self.config.publish == "explicit",
                                      templates_dir=self.config.templates_dir)
        self.site = site = with_queries(site, self.log_diagnostic)  # every query rendered once
        for diagnostic in sorted(vault.diagnostics + site.diagnostics, key=sort_key):
            if diagnostic.path in site.links.published or diagnostic.path not in site.links.notes:
                self.log_diagnostic(diagnostic)
        used, vault_files = site.used_attachments(), frozenset(vault.attachments)
        for file in list(files):
            if file.is_documentation_page() and file.src_uri not in site.links.published:
                files.remove(file)
            elif (self.config.attachments == "used" and not file.is_documentation_page()
                  and file.src_uri in vault_files and is_media(file.src_uri) and file.src_uri not in used):
                files.remove(file)  # e.g. an image only a private note embeds
        for key, src in site.links.page_src.items():
            home = files.get_file_from_path(key)
            if home is not None:
                files.remove(home)
                files.append(File.generated(config, src, content=home.content_bytes))
        if self.config.generated_pages:
            for src, content in generated_pages(site, search=self.config.search == "pagefind").items():
                if files.get_file_from_path(src) is not None:
                    log.warning("papernotes: %s exists in the vault; the generated %s is skipped", src, src)
                    continue
                files.append(File.generated(config, src, content=content))
        for src, content in base_pages(site, vault.root, vault.attachments, self.config.exclude,
                                       self.log_diagnostic).items():
            if files.get_file_from_path(src) is None:  # `.base` files become pages
                files.append(File.generated(config, src, content=content))
        for src, path in _assets():
            files.append(File.generated(config, src, abs_src_path=path))
        if self.config.nav and not config.nav and self.config.generated_pages:
            config.nav = default_nav(site, {f.src_uri for f in files.documentation_pages()})
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        note = self._note_of(page)
        if note is None or self.site is None:
            return markdown
        title = page.meta.get("title")
        if isinstance(title, str) and ("<" in title or "&" in title):
            page.meta["title"] = page.title = html.escape(title)  # themes print titles unescaped
        return rewrite_note(note, self.site.links)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.search != "pagefind":
            return
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PluginError(f"papernotes: pagefind failed: {result.stderr or result.stdout}")
