"""MkDocs glue: load the vault once per build, drop unpublished notes, log problems."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from papernotes.config import PaperNotesConfig
from papernotes.diagnostics import Diagnostic, sort_key
from papernotes.loader import Vault, is_excluded, load_vault

log = logging.getLogger("mkdocs.plugins.papernotes")

_LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}


class PaperNotesPlugin(BasePlugin[PaperNotesConfig]):
    vault: Vault | None = None

    def log_diagnostic(self, diagnostic: Diagnostic) -> None:
        setting = self.config.diagnostics
        if setting == "ignore":
            return
        level = _LOG_LEVELS[diagnostic.level] if setting == "warn" else logging.INFO
        log.log(level, diagnostic.format())

    @event_priority(50)  # before other plugins see the file list, so private notes never reach them
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.vault = load_vault(Path(config.docs_dir), exclude=self.config.exclude)
        for diagnostic in sorted(self.vault.diagnostics, key=sort_key):
            self.log_diagnostic(diagnostic)
        private = {note.path for note in self.vault.notes if not note.publish}
        for file in list(files):
            if file.src_uri in private or is_excluded(file.src_uri, self.config.exclude):
                files.remove(file)
        return files
