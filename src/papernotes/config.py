"""The `papernotes` plugin's options, as MkDocs typed config."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PaperNotesConfig(base.Config):
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Globs of vault paths never published (e.g. `Private/**`), on top of per-note flags."""

    diagnostics = c.Choice(("warn", "info", "ignore"), default="warn")
    """How problems in notes are logged: `warn` makes `mkdocs build --strict` fail on them."""
