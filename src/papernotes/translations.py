"""Material's translations (`lang.t(key)`) asked once per language and key, not on every page.

Material's `base.html` imports `partials/language.html` with the page's context into every page;
it imports the language's table (`partials/languages/LANG.html`) and English's as a fallback and
defines the macro `t(key)`, which the page then calls about fifteen times (the skip link, the
search box, the `__config` JSON's ten strings...), each call of a table's macro building its
whole dictionary of some hundred strings. What `t` gives depends on the key and on
`config.theme.language` alone (the tables are imported without context): papernotes puts its
own `partials/language.html` in front of the theme's (`theme_front`), whose `t` is a Python
function that asks the theme's own macro once per language and key and gives back what it gave.

It stands aside, and the theme's own template is imported as before, when a template involved is
not Material's own file (a `custom_dir` overriding `language.html` or a language's table, with
Jinja in it), or the language is not a plain name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import Context

from papernotes.theme_front import THEME, is_theme_file, put_in_front

LANGUAGE = "partials/language.html"
GLOBAL = "papernotes_translations"
OVERRIDE = f"{{%- set t = {GLOBAL}() -%}}"


@dataclass
class Translations:
    """The `papernotes_translations` global of the theme's environment (see the module's docstring)."""

    env: jinja2.Environment = field(repr=False)
    theme_dir: Path  # Material's templates
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # language -> key -> text
    asked: int = 0  # texts given by the theme's macro
    reused: int = 0  # ... and taken from the tables
    _own: dict[str, bool] = field(default_factory=dict, repr=False)  # language -> its templates are Material's

    def __post_init__(self) -> None:
        def call(context: Context) -> Callable[..., Any]:
            return self.translate(context)

        self.call: Callable[..., Any] = jinja2.pass_context(call)

    def translate(self, context: Context) -> Callable[..., Any]:
        """The `t` of the page's `lang` module: the memo, or the theme's own macro."""
        theme = self.env.getattr(context.get("config"), "theme")
        language = self.env.getattr(theme, "language")
        if type(language) is not str or not self._material(language):
            return self._theme_module(context).t
        return self._memo(self.tables.setdefault(language, {}), context)

    def _memo(self, table: dict[str, Any], context: Context) -> Callable[..., Any]:
        ask: Callable[..., Any] | None = None

        def t(key: object) -> Any:
            nonlocal ask
            if type(key) is str and key in table:
                self.reused += 1
                return table[key]
            if ask is None:  # the theme's module is made only when a key is new
                ask = self._theme_module(context).t
            text = ask(key)
            if type(key) is str:
                table[key] = text
                self.asked += 1
            return text

        return t

    def _theme_module(self, context: Context) -> Any:
        """The theme's `language.html` imported with the page's context, as `base.html` does."""
        return self.env.get_template(f"{THEME}/{LANGUAGE}").make_module(context.get_all(), True)

    def _material(self, language: str) -> bool:
        """Whether the templates `t` reads for `language` are all Material's own files."""
        if language not in self._own:
            assert self.env.loader is not None
            names = (LANGUAGE, f"partials/languages/{language}.html", "partials/languages/en.html")
            try:
                found = [self.env.loader.get_source(self.env, f"{THEME}/{name}") for name in names]
            except jinja2.TemplateNotFound:  # the theme reports it, as without papernotes
                self._own[language] = False
            else:
                self._own[language] = all(is_theme_file(filename, source, self.theme_dir)
                                          for source, filename, _ in found)
        return self._own[language]


def install(env: jinja2.Environment, theme_dir: Path) -> Translations | None:
    """Put the memo in front of the theme's `partials/language.html` (Material's, `theme_dir`)."""
    if env.loader is None:
        return None
    memo = Translations(env, theme_dir)
    put_in_front(env, LANGUAGE, OVERRIDE)
    env.globals[GLOBAL] = memo.call
    return memo


__all__ = ["Translations", "install"]
