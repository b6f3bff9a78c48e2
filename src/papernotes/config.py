"""The `papernotes` plugin's options as MkDocs typed config; `options.py` declares and documents them.

`validate` checks the options with `options.validate` first, so an unknown option fails the build
(MkDocs alone only warns) and every problem reads as it does in `papernotes check`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings, ValidationError

from papernotes import options


class PaperNotesConfig(base.Config):
    publish = c.Choice(options.choices_of("publish"), default="all")
    exclude = c.ListOfItems(c.Type(str), default=[])
    diagnostics = c.Choice(options.choices_of("diagnostics"), default="warn")
    generated_pages = c.Type(bool, default=True)
    nav = c.Type(bool, default=True)
    paper_pages = c.Type(bool, default=True)
    search = c.Choice(options.choices_of("search"), default="pagefind")
    math = c.Type(bool, default=True)
    attachments = c.Choice(options.choices_of("attachments"), default="used")
    templates_dir = c.Optional(c.Dir(exists=True))
    strict_line_breaks = c.Type(bool, default=False)
    folder_topics = c.Type(bool, default=True)
    paper_folders = c.ListOfItems(c.Type(str), default=[])
    not_papers = c.ListOfItems(c.Type(str), default=[])

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        config_dir = Path(self.config_file_path).parent if self.config_file_path else None
        _, problems = options.validate(dict(self), config_dir)
        if problems:
            return [(problem.option, ValidationError(problem.message)) for problem in problems], []
        return super().validate()

    def to_options(self) -> options.Options:
        """The validated options as the core takes them."""
        return options.validate(dict(self))[0]
