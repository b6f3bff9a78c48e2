"""What MkDocs and Material read from a note's frontmatter (`page.meta`), made safe to read.

MkDocs picks the page's template from `template`; Material prints `title`, `description`,
`author` and `subtitle` into the page unescaped, includes `.icons/<icon>.svg`, tests words in
`hide` and puts `status` into a class name. A note's frontmatter can hold any YAML type there
(`template: 5`, `hide: yes`, `icon: ../../etc/passwd`), so every such key is checked here: kept
when it is what the theme expects, else left out with a diagnostic at its line.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from papernotes.diagnostics import Diagnostic
from papernotes.model import Note

HIDE_WORDS = ("navigation", "toc", "footer", "path", "tags", "feedback")
"""What Material's `hide` can hide."""
TEXT_KEYS = ("subtitle", "revision_date", "git_revision_date_localized", "git_creation_date_localized")
"""Keys Material prints unescaped, that papernotes itself does not read."""
REFUSED_TEMPLATES = frozenset({"redirect.html", "404.html"})
"""`redirect.html` sends the reader to the note's `location`; `404.html` is not a page's layout."""
_TEMPLATE_RE = re.compile(r"^[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*\.html$")
_ICON_RE = re.compile(r"^[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*$")
_WORD_RE = re.compile(r"^[A-Za-z0-9_\-]+$")
# Font Awesome's CSS classes, as Jekyll themes (Chirpy's `icon: fas fa-info-circle`) and HTML write
# an icon: the style, then `fa-` and the name. Material ships Font Awesome as `fontawesome/<style>/<name>`.
_FONT_AWESOME_RE = re.compile(r"^(?P<style>fas|far|fab|fa-solid|fa-regular|fa-brands|fa)\s++"
                              r"fa-(?P<name>[a-z0-9\-]{1,60})$")
_FONT_AWESOME_STYLES = {"fas": "solid", "fa": "solid", "fa-solid": "solid", "far": "regular", "fa-regular": "regular",
                        "fab": "brands", "fa-brands": "brands"}
_THEME_KEYS = frozenset({"title", "description", "template", "icon", "status", "hide", "tags", "author",
                         "location", *TEXT_KEYS})


def _text(value: Any) -> str | None:
    """A scalar as one line of text (numbers and dates too); None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | dt.date):
        return str(value)
    return None


def _problem(path: str, lines: Mapping[str, int], key: str, value: Any, expected: str) -> Diagnostic:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return Diagnostic(path, lines.get(key, 1), "warning", "bad-page-meta",
                      f"{key}: {shown} is not {expected}; the theme does not get it",
                      f"write {expected}, or remove the key")


def theme_problems(raw: Mapping[Any, Any], path: str, lines: Mapping[str, int]) -> list[Diagnostic]:
    """Diagnostics for the theme's keys that papernotes does not read itself (those are checked
    by `frontmatter.normalise_meta`): `template`, `icon`, `hide`, `subtitle`...; at their lines."""
    problems: list[Diagnostic] = []
    for key in ("template", "icon", "hide", *TEXT_KEYS):
        if key in raw and raw[key] is not None:
            expected = _expected(key, raw[key])
            if expected:
                problems.append(_problem(path, lines, key, raw[key], expected))
    if "location" in raw:
        problems.append(Diagnostic(  # harmless once withheld: information, not a warning
            path, lines.get("location", 1), "info", "withheld-page-meta",
            "location: is not shown on the page: the theme would read it as the address to send "
            "visitors to instead of this page, so papernotes leaves it out of the page's metadata",
            "nothing to do: the note keeps it and Dataview queries still read it"))
    return problems


def icon_name(value: Any) -> Any:
    """The icon Material names for `value`: Font Awesome's classes `fas fa-tags` are
    `fontawesome/solid/tags` (`far`: regular, `fab`: brands); anything else as written."""
    found = _FONT_AWESOME_RE.match(value.strip()) if isinstance(value, str) else None
    return f"fontawesome/{_FONT_AWESOME_STYLES[found.group('style')]}/{found.group('name')}" if found else value


def _expected(key: str, value: Any) -> str:
    """What `value` should have been for `key`; "" when it is fine."""
    if key == "template":
        good = isinstance(value, str) and _TEMPLATE_RE.match(value) and value not in REFUSED_TEMPLATES
        return "" if good else "the name of a page template of the theme, e.g. `main.html`"
    if key == "icon":
        value = icon_name(value)
        return "" if isinstance(value, str) and _ICON_RE.match(value) else "an icon name, e.g. `material/book`"
    if key == "hide":
        words = [value] if isinstance(value, str) else value if isinstance(value, list) else None
        good = words is not None and all(word in HIDE_WORDS for word in words)
        return "" if good else f"a list of {', '.join(f'`{word}`' for word in HIDE_WORDS)}"
    return "" if _text(value) is not None else "one line of text"


HasTemplate = Callable[[str], bool]


def page_meta(note: Note, has_template: HasTemplate | None = None) -> dict[str, Any]:
    """`page.meta` for a note's page: its frontmatter (text keys only), the theme's keys kept only
    when safe, text escaped for the theme's unescaped templates. `has_template`: whether the
    theme has a template, when known (an `icon` or `template` it lacks is left out)."""
    raw = note.frontmatter
    meta: dict[str, Any] = {key: value for key, value in raw.items()
                            if isinstance(key, str) and key not in _THEME_KEYS}
    if note.meta.title:
        meta["title"] = note.meta.title  # escaped by the plugin with the other title sources
    if note.meta.description:
        meta["description"] = html.escape(note.meta.description)
    if note.meta.tags:
        meta["tags"] = [html.escape(tag, quote=False) for tag in note.meta.tags]
    if note.meta.authors:
        meta["author"] = html.escape(", ".join(note.meta.authors))
    status = _text(raw.get("status"))
    if status is not None and _WORD_RE.match(status):
        meta["status"] = status
    for key in TEXT_KEYS:
        text = _text(raw.get(key))
        if text is not None:
            meta[key] = html.escape(text)
    hide = raw.get("hide")
    if hide is not None and not _expected("hide", hide):
        meta["hide"] = [hide] if isinstance(hide, str) else list(hide)
    for key, found in (("template", "{}"), ("icon", ".icons/{}.svg")):
        value = icon_name(raw.get(key)) if key == "icon" else raw.get(key)
        if value is not None and not _expected(key, value) and (
                has_template is None or has_template(found.format(value))):
            meta[key] = value
    return meta


def missing_templates(note: Note, has_template: HasTemplate | None) -> list[Diagnostic]:
    """A well-formed `template` or `icon` that the theme does not have."""
    problems: list[Diagnostic] = []
    if has_template is None:
        return problems
    for key, found in (("template", "{}"), ("icon", ".icons/{}.svg")):
        value = icon_name(note.frontmatter.get(key)) if key == "icon" else note.frontmatter.get(key)
        if value is not None and not _expected(key, value) and not has_template(found.format(value)):
            problems.append(Diagnostic(note.path, 1, "warning",
                                       "bad-page-meta", f"{key}: the theme has no {found.format(value)}",
                                       "name one of the theme's templates (or icons), or remove the key"))
    return problems
