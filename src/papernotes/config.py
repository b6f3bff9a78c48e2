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
from papernotes.mkdocs_yml import ConfigFileError, read_config
from papernotes.options import DEFAULTS, choices_of, one_item


class _ListOrOne(c.ListOfItems[str]):
    """A list option that also takes its one item written alone (`exclude: "Diary/**"`), as
    `options.validate` (run first) allows."""

    def run_validation(self, value: object) -> list[str]:
        return super().run_validation([value] if one_item(value) else value)


class PaperNotesConfig(base.Config):
    publish = c.Choice(choices_of("publish"), default=DEFAULTS["publish"])
    exclude = _ListOrOne(c.Type(str), default=list(DEFAULTS["exclude"]))
    diagnostics = c.Choice(choices_of("diagnostics"), default=DEFAULTS["diagnostics"])
    generated_pages = c.Type(bool, default=DEFAULTS["generated_pages"])
    nav = c.Type(bool, default=DEFAULTS["nav"])
    paper_pages = c.Type(bool, default=DEFAULTS["paper_pages"])
    search = c.Choice(choices_of("search"), default=DEFAULTS["search"])
    math = c.Type(bool, default=DEFAULTS["math"])
    attachments = c.Choice(choices_of("attachments"), default=DEFAULTS["attachments"])
    templates_dir = c.Optional(c.Dir(exists=True))
    strict_line_breaks = c.Type(bool, default=DEFAULTS["strict_line_breaks"])
    folder_topics = c.Type(bool, default=DEFAULTS["folder_topics"])
    paper_folders = _ListOrOne(c.Type(str), default=list(DEFAULTS["paper_folders"]))
    not_papers = _ListOrOne(c.Type(str), default=list(DEFAULTS["not_papers"]))
    column_aliases = c.DictOfItems(c.Type(str), default={})
    bibliography = _ListOrOne(c.Type(str), default=list(DEFAULTS["bibliography"]))
    library_papers = c.Type(bool, default=DEFAULTS["library_papers"])
    csl_style = c.Type(str, default=DEFAULTS["csl_style"])

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        config_dir = Path(self.config_file_path).parent if self.config_file_path else None
        _, problems = options.validate(dict(self), config_dir)
        problems += self._file_mistakes()
        warnings: ConfigWarnings = [(problem.option, problem.message) for problem in problems if not problem.fails]
        if len(warnings) < len(problems):
            return [(problem.option, ValidationError(problem.message)) for problem in problems if problem.fails], []
        errors, found = super().validate()
        return errors, [*warnings, *found]

    def _file_mistakes(self) -> list[options.OptionProblem]:
        """Options mkdocs.yml holds where the plugin never sees them (`mkdocs_yml.file_mistakes`)."""
        if not self.config_file_path:
            return []
        try:
            return list(read_config(Path(self.config_file_path)).mistakes)
        except ConfigFileError:  # MkDocs read the file its own way; nothing more to say here
            return []

    def to_options(self) -> options.Options:
        """The validated options as the core takes them."""
        return options.validate(dict(self))[0]
