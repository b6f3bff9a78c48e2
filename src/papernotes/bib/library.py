"""Reference libraries read once: BibTeX (bibtexparser 2), CSL-JSON and RIS (rispy) as LibraryEntry."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from papernotes.bib.bibtex_blocks import blocks, plain_entry
from papernotes.bib.people import stable_key
from papernotes.diagnostics import Diagnostic
from papernotes.ids import arxiv_id, doi, find_year

LIBRARY_SUFFIXES = (".bib", ".json", ".ris")
_LATEX_RE = re.compile(r"[\\{}$~]")
_AND_RE = re.compile(r"(?<!\s)\s++and\s++", re.IGNORECASE)  # from a run's start: linear
_ARXIV_IN_TEXT_RE = re.compile(r"arxiv[:\s/]*(?:abs/)?(\d{4}\.\d{4,5})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One reference of a library file, its fields as plain text (LaTeX decoded)."""

    key: str
    kind: str
    """The BibTeX entry type (`article`, `inproceedings`, ...); CSL and RIS types are mapped to it."""
    title: str
    path: str
    line: int
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None
    abstract: str | None = None
    raw_bibtex: str = ""
    """The entry as written in a `.bib` file (kept verbatim for the Cite block), else empty."""


@dataclass(frozen=True, slots=True)
class Library:
    entries: tuple[LibraryEntry, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    by_key: dict[str, LibraryEntry] = field(default_factory=dict, compare=False, repr=False)


MEMO_LIMIT = 300
"""Values up to this many characters are remembered by `latex_text`: names, venues and titles."""


def latex_text(value: str) -> str:
    """`{\\"U}ber {GAN}s` -> `Über GANs`. Accents and braces, by far the usual LaTeX in a library,
    are decoded here; pylatexenc is asked only when another command remains (it costs ~1 ms a field).
    Short values are remembered: a library writes the same names and venues again and again. An
    abstract is written once: remembering 5,000 of them kept 7 MB of keys alive for the whole build."""
    return _remembered_latex(value) if len(value) <= MEMO_LIMIT else _latex_text(value)


@lru_cache(maxsize=16384)
def _remembered_latex(value: str) -> str:
    return _latex_text(value)


def _latex_text(value: str) -> str:
    text = value
    if "\\" in text:
        text = _ACCENT_RE.sub(_accent, text)
        text = _SYMBOL_RE.sub(lambda match: _SYMBOLS[match.group(1) or match.group(2)], text)
        if "\\" in text:
            text = _pylatexenc(text)
    if _LATEX_RE.search(text):
        text = text.replace("{", "").replace("}", "").replace("~", "\u00a0")
    return " ".join(text.split())


_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a"}
_ACCENT_RE = re.compile(r"\{?\\([\"'`^~=.]|[uvHckr](?![A-Za-z]))\s*\{?\s*(\\i|[A-Za-z])\s*\}?\}?")
_SYMBOLS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
            "l": "ł", "L": "Ł", "i": "ı", "&": "&", "%": "%", "_": "_", "$": "$", "#": "#", "{": "{", "}": "}"}
_SYMBOL_RE = re.compile(r"\\(?:(ss|ae|AE|oe|OE|aa|AA|[oOlLi](?![A-Za-z]))(?:\{\})?\s?|([&%_$#]))")


def _accent(match: re.Match[str]) -> str:
    letter = "i" if match.group(2) == "\\i" else match.group(2)
    return unicodedata.normalize("NFC", letter + _ACCENTS[match.group(1)])


def _pylatexenc(text: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # imported on first use: most libraries need none

    if not _CONVERTER:
        _CONVERTER.append(LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True))
    try:
        return str(_CONVERTER[0].latex_to_text(text))
    except Exception:  # noqa: BLE001 - a malformed field is shown as written, not a crash
        return text


_CONVERTER: list[Any] = []


def decode_library(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 (with or without BOM); a file that is not UTF-8 is read as Latin-1, as old BibTeX files are."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return data.decode("latin-1"), [Diagnostic(
            path, line, "info", "bib-latin1", f"{path} is not UTF-8 (line {line}); read it as Latin-1",
            "export the library as UTF-8 (Better BibTeX: Export > Character encoding)")]


def parse_library(text: str, path: str) -> Library:
    """The entries of one library file, by its suffix; problems are diagnostics, never exceptions."""
    lowered = path.lower()
    if lowered.endswith(".bib"):
        entries, problems = _bibtex(text, path)
    elif lowered.endswith(".json"):
        entries, problems = _csl_json(text, path)
    elif lowered.endswith(".ris"):
        entries, problems = _ris(text, path)
    else:
        return Library((), (Diagnostic(path, 0, "warning", "bib-format", f"{path}: not a .bib, .json or .ris file"),))
    return Library(tuple(entries), tuple(problems))


def merge_libraries(libraries: Iterable[Library]) -> Library:
    """Several files as one library: the first entry of a key wins, a later one is a diagnostic."""
    entries: list[LibraryEntry] = []
    problems: list[Diagnostic] = []
    by_key: dict[str, LibraryEntry] = {}
    for library in libraries:
        problems += library.diagnostics
        for entry in library.entries:
            first = by_key.get(entry.key)
            if first is not None:
                problems.append(Diagnostic(
                    entry.path, entry.line, "warning", "bib-duplicate-key",
                    f"citekey @{entry.key} is already used at {first.path}:{first.line}; this entry is ignored",
                    "give each entry its own key"))
                continue
            by_key[entry.key] = entry
            entries.append(entry)
    return Library(tuple(entries), tuple(problems), by_key)


# BibTeX ----------------------------------------------------------------------------------------

def _bibtex(text: str, path: str) -> tuple[list[LibraryEntry], list[Diagnostic]]:
    """The file is cut where bibtexparser starts a block (`bibtex_blocks.blocks`); a plain entry
    is read by `bibtex_blocks.plain_entry`, every other piece by bibtexparser 2, so that the
    entries, lines and diagnostics are those of bibtexparser on the whole file."""
    entries: list[LibraryEntry] = []
    problems: list[Diagnostic] = []
    keys: set[str] = set()
    strings: set[str] = set()  # bibtexparser keeps the keys of entries and of @string macros apart
    for offset, piece in blocks(text):
        if "@" not in piece:  # white space or an implicit comment: nothing bibtexparser keeps
            continue
        plain = plain_entry(piece)
        if plain is not None:
            line = offset + 1
            if plain.key in keys:
                problems.append(_duplicate(plain.key, path, line))
            else:
                keys.add(plain.key)
                entries.append(_bib_entry(plain.key, plain.kind, _read_fields(plain.fields), path, line,
                                          _public_raw(plain.kind, plain.key, plain.fields, plain.raw)))
            continue
        _bibtexparser(piece, path, offset, keys, strings, entries, problems)
    return entries, problems


def _bibtexparser(piece: str, path: str, offset: int, keys: set[str], strings: set[str],
                  entries: list[LibraryEntry], problems: list[Diagnostic]) -> None:
    """The blocks of one piece, parsed by bibtexparser 2 (without its default middlewares: they
    only remove the enclosing braces, which _field_text does for the few fields read)."""
    import bibtexparser
    from bibtexparser import model

    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # failed blocks are our diagnostics
    for block in bibtexparser.parse_string(piece, parse_stack=[]).blocks:
        line = offset + (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(_duplicate(block.key, path, line))
        elif isinstance(block, model.ParsingFailedBlock):
            raw = block.raw or ""
            first = raw.strip().splitlines()[0][:60] if raw.strip() else ""
            problems.append(Diagnostic(path, line, "warning", "bib-malformed",
                                       f"malformed BibTeX entry `{first}` is skipped",
                                       "check its braces, quotes and commas"))
        elif isinstance(block, model.String):
            if block.key in strings:
                problems.append(_duplicate(block.key, path, line))
            strings.add(block.key)
        elif isinstance(block, model.Entry):
            if block.key in keys:
                problems.append(_duplicate(block.key, path, line))
                continue
            keys.add(block.key)
            fields = tuple((item.key, str(item.value)) for item in block.fields)
            entries.append(_bib_entry(block.key, block.entry_type.lower(), _read_fields(fields), path, line,
                                      _public_raw(block.entry_type, block.key, fields, block.raw or "")))


def _duplicate(key: str, path: str, line: int) -> Diagnostic:
    return Diagnostic(path, line, "warning", "bib-duplicate-key",
                      f"citekey @{key} appears twice in {path}; the first entry is used",
                      "give each entry its own key")


def _read_fields(fields: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Only the fields papernotes reads: a Better BibTeX entry has a dozen more."""
    found = {}
    for name, value in fields:
        lowered = name.lower()
        if lowered in _READ_FIELDS:
            found[lowered] = _field_text(value)
    return found


PRIVATE_FIELDS = frozenset({
    "file", "pdf", "local-url", "annote", "annotation", "comment", "comments", "owner", "timestamp",
    "groups", "mendeley-groups", "mendeley-tags", "readstatus", "read", "priority", "ranking",
    "qualityassured", "printed", "rating",
})
"""Fields a reference manager keeps for its user, never published: where the PDF lies on their
disk (`file = {/Users/ann/Zotero/storage/…}`), their annotations, groups and reading marks."""


def _public_raw(kind: str, key: str, fields: tuple[tuple[str, str], ...], raw: str) -> str:
    """The entry as written, for the Cite block and papers.bib; an entry with private fields is
    written again without them, every other field's value kept as it was written."""
    kept = [(name, value) for name, value in fields if name.lower() not in PRIVATE_FIELDS]
    if len(kept) == len(fields):
        return raw
    body = ",\n".join(f"  {name} = {value}" for name, value in kept)
    return f"@{kind}{{{key},\n{body}\n}}"


_READ_FIELDS = frozenset({"title", "author", "editor", "booktitle", "journal", "journaltitle", "publisher", "year",
                          "date", "doi", "eprint", "archiveprefix", "url", "abstract"})


def _field_text(value: str) -> str:
    """A raw BibTeX value without its enclosing braces or quotes: `{A {GAN}}` -> `A {GAN}`;
    `"a" # "b"` concatenations are joined."""
    parts = value.split(" # ") if " # " in value else [value]
    found = []
    for part in parts:
        part = part.strip()
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            part = part[1:-1]
        found.append(part)
    return "".join(found)


def _bib_entry(key: str, kind: str, fields: dict[str, str], path: str, line: int, raw: str) -> LibraryEntry:
    def get(*names: str) -> str:
        for name in names:
            if fields.get(name):
                return latex_text(fields[name])
        return ""

    eprint = fields.get("eprint", "")
    arxiv = arxiv_id(eprint) if eprint and fields.get("archiveprefix", "arxiv").lower() == "arxiv" else None
    venue = get("booktitle", "journal", "journaltitle", "publisher" if kind == "misc" else "")
    arxiv = arxiv or _arxiv_in(venue) or arxiv_id(fields.get("url", ""))
    if arxiv and (not venue or venue.lower().startswith(("arxiv", "corr"))):
        venue = "arXiv"
    return LibraryEntry(
        key=key, kind=kind, title=get("title"), path=path, line=line,
        authors=split_bibtex_names(fields.get("author", "") or fields.get("editor", "")),
        year=find_year(fields.get("year", "") or fields.get("date", "")), venue=venue or None,
        doi=doi(fields.get("doi", "")), arxiv=arxiv, url=fields.get("url") or None,
        abstract=get("abstract") or None, raw_bibtex=raw.strip(),
    )


def _arxiv_in(text: str) -> str | None:
    match = _ARXIV_IN_TEXT_RE.search(text)
    return match.group(1) if match else None


def split_bibtex_names(value: str) -> tuple[str, ...]:
    """`He, Kaiming and {Facebook AI} and others` -> (`He, Kaiming`, `Facebook AI`): split on
    `and` (any case, between any spaces or line breaks) outside braces; `others` is dropped."""
    if "{" in value:
        names, start, depth, counted = [], 0, 0, 0
        for match in _AND_RE.finditer(value):
            depth += value.count("{", counted, match.start()) - value.count("}", counted, match.start())
            counted = match.start()
            if depth <= 0:
                names.append(value[start:match.start()])
                start = match.end()
        names.append(value[start:])
    else:  # the usual case: no brace can hide an `and`
        names = _AND_RE.split(value)
    cleaned = (latex_text(name) for name in names)
    return tuple(name for name in cleaned if name and name.lower() != "others")


# CSL-JSON --------------------------------------------------------------------------------------

_CSL_TO_BIBTEX = {"article-journal": "article", "paper-conference": "inproceedings", "book": "book",
                  "chapter": "incollection", "thesis": "phdthesis", "report": "techreport"}


def _csl_json(text: str, path: str) -> tuple[list[LibraryEntry], list[Diagnostic]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Diagnostic(path, error.lineno, "warning", "bib-malformed",
                               f"{path} is not valid JSON: {error.msg}", "export it again as CSL JSON")]
    except (RecursionError, ValueError) as error:  # nested past Python's limit; a number of 4,300+ digits
        what = "is nested too deeply" if isinstance(error, RecursionError) else "has a number too long to read"
        return [], [Diagnostic(path, 1, "warning", "bib-malformed", f"{path} cannot be read: it {what}",
                               "export it again as CSL JSON")]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        return [], [Diagnostic(path, 1, "warning", "bib-malformed", f"{path} is not a CSL-JSON list of items")]
    lines = _id_lines(text)
    entries: list[LibraryEntry] = []
    problems: list[Diagnostic] = []
    for number, item in enumerate(data):
        key = _csl_text(item.get("id") or item.get("citation-key")) if isinstance(item, dict) else ""
        if not key:
            problems.append(Diagnostic(path, 1, "warning", "bib-malformed",
                                       f"CSL-JSON item {number + 1} has no `id`; it is skipped"))
            continue
        entries.append(_csl_entry(key, item, path, lines.get(key, 1)))
    return entries, problems


def _id_lines(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.search(r'"id"\s*:\s*"?([^",}]+)', line)
        if match:
            found.setdefault(match.group(1), number)
    return found


def _csl_text(value: Any) -> str:
    """A CSL field as text: a string or a number as written, the first text of a list (some
    exporters write `container-title` as one); anything else (a mapping, `true`) as no text."""
    if isinstance(value, list):
        return next((text for item in value if (text := _csl_text(item))), "")
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


def _csl_names(value: Any) -> tuple[str, ...]:
    """`author`: a list of CSL names as it should be, or one name (a mapping or a string) alone."""
    names = value if isinstance(value, list) else [value] if value else []
    return tuple(name for name in map(_csl_name, names) if name)


def _csl_name(name: Any) -> str:
    if not isinstance(name, dict):
        return _csl_text(name)
    if name.get("literal"):
        return _csl_text(name["literal"])
    family, given = _csl_text(name.get("family")), _csl_text(name.get("given"))
    return f"{family}, {given}" if family and given else family or given


def _csl_entry(key: str, item: dict[str, Any], path: str, line: int) -> LibraryEntry:
    issued = item.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = None
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        year = find_year(str(parts[0][0]))
    elif isinstance(issued, dict) and issued.get("raw"):
        year = find_year(str(issued["raw"]))
    venue = _csl_text(item.get("container-title")) or None
    url = _csl_text(item.get("URL"))
    arxiv = arxiv_id(url) or arxiv_id(_csl_text(item.get("number")))
    return LibraryEntry(
        key=key, kind=_CSL_TO_BIBTEX.get(_csl_text(item.get("type")), "misc"), title=_csl_text(item.get("title")),
        path=path, line=line, authors=_csl_names(item.get("author")),
        year=year, venue=venue or ("arXiv" if arxiv else None), doi=doi(_csl_text(item.get("DOI"))),
        arxiv=arxiv, url=url or None, abstract=_csl_text(item.get("abstract")) or None,
    )


# RIS -------------------------------------------------------------------------------------------

_RIS_TO_BIBTEX = {"JOUR": "article", "CONF": "inproceedings", "CPAPER": "inproceedings", "BOOK": "book",
                  "CHAP": "incollection", "THES": "phdthesis", "RPRT": "techreport"}


def _ris(text: str, path: str) -> tuple[list[LibraryEntry], list[Diagnostic]]:
    import rispy

    entries: list[LibraryEntry] = []
    problems: list[Diagnostic] = []
    starts = [number for number, line in enumerate(text.splitlines(), start=1) if line.startswith("TY  -")]
    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except Exception as error:  # noqa: BLE001 - rispy raises plain IOError/ValueError on bad input
        return [], [Diagnostic(path, 1, "warning", "bib-malformed", f"{path} is not valid RIS: {error}",
                               "export it again as RIS")]
    for number, record in enumerate(records):
        line = starts[number] if number < len(starts) else 1
        title = str(record.get("title") or record.get("primary_title") or "")
        if not title:
            problems.append(Diagnostic(path, line, "warning", "bib-malformed", "RIS record without a title is skipped"))
            continue
        urls = record.get("urls") or []
        url = str(urls[0]) if urls else None
        key = str(record.get("id") or "") or _ris_key(record, title)
        arxiv = arxiv_id(url or "")
        venue = str(record.get("journal_name") or record.get("secondary_title") or "") or None
        entries.append(LibraryEntry(
            key=key, kind=_RIS_TO_BIBTEX.get(str(record.get("type_of_reference", "")), "misc"), title=title,
            path=path, line=line,
            authors=tuple(str(a) for a in record.get("authors") or record.get("first_authors") or []),
            year=find_year(str(record.get("year") or record.get("publication_year") or record.get("date") or "")),
            venue=venue or ("arXiv" if arxiv else None), doi=doi(str(record.get("doi", ""))), arxiv=arxiv,
            url=url, abstract=str(record.get("abstract") or "") or None,
        ))
    return entries, problems


def _ris_key(record: dict[str, Any], title: str) -> str:
    authors = record.get("authors") or []
    return stable_key(str(authors[0]) if authors else "", find_year(str(record.get("year", ""))), title)

