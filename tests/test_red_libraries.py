"""Hostile reference libraries: a CSL-JSON item whose fields hold the wrong JSON type (`"author": 5`)
raised TypeError, JSON nested past Python's recursion limit raised RecursionError, and a number of
more than 4,300 digits raised ValueError, each stopping the build. Generated: every field a
library's item is read from x every JSON type; then a real build with the worst of them. RIS
files and BibTeX `@string` macros (never expanded: no macro bomb) held and are covered here too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papernotes.bib.library import parse_library
from tests.test_site_build import build_site, write_vault

FIELDS = ["id", "title", "author", "issued", "container-title", "URL", "number", "DOI", "type", "abstract"]
VALUES = {
    "an int": 5, "a float": 2.5, "true": True, "null": None, "a string": "Ada Obi", "an empty list": [],
    "a list of texts": ["A", "B"], "a list of lists": [["x"]], "a mapping": {"family": "Obi", "given": {"x": 1}},
    "a list of mappings": [{"family": 3, "given": ["Ada"]}, {"literal": {"a": 1}}], "a nested list": [[[[1]]]],
}


def item_with(field: str, value: object) -> dict[str, object]:
    item: dict[str, object] = {"id": "key1", "title": "A title", "author": [{"family": "Obi", "given": "Ada"}],
                               "issued": {"date-parts": [[2020]]}}
    item[field] = value
    return item


def _is_text(value: object) -> bool:
    return value is None or isinstance(value, str)


@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("field", FIELDS)
def test_any_json_type_in_any_field_is_read_or_skipped(field: str, kind: str) -> None:
    library = parse_library(json.dumps([item_with(field, VALUES[kind])]), "lib.json")
    for entry in library.entries:
        assert all(_is_text(getattr(entry, name)) for name in ("key", "title", "venue", "doi", "url", "abstract"))
        assert all(isinstance(name, str) and name for name in entry.authors)
        assert entry.key
    if field != "id":
        [entry] = library.entries
        assert entry.key == "key1"
    if field == "author" and kind in ("a string", "a mapping"):
        assert library.entries[0].authors == ("Ada Obi",) if kind == "a string" else ("Obi",)
    if field == "container-title" and kind == "a list of texts":
        assert library.entries[0].venue == "A"


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "lib.json cannot be read: it is nested too deeply"),
    ('[{"id": ' + "9" * 5000 + "}]", "lib.json cannot be read: it has a number too long to read"),
])
def test_json_python_cannot_read_is_a_warning(text: str, message: str) -> None:
    library = parse_library(text, "lib.json")
    assert list(library.entries) == []
    assert [(d.code, d.message) for d in library.diagnostics] == [("bib-malformed", message)]


def test_string_macros_are_never_expanded() -> None:
    macros = "@string{m0 = \"x\"}\n" + "".join(f"@string{{m{n} = m{n - 1} # m{n - 1}}}\n" for n in range(1, 60))
    library = parse_library(macros + "@article{k, title = m59, year = 2020}\n", "lib.bib")
    [entry] = library.entries
    assert len(entry.title) < 10 and entry.key == "k"


def test_a_build_with_hostile_libraries_finishes(tmp_path: Path) -> None:
    items = [item_with(field, value) | {"id": f"k{n}-{m}"} for n, field in enumerate(FIELDS) if field != "id"
             for m, value in enumerate(VALUES.values())]
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n\nCites [@k1-0] and [@k2-4].\n",
        "refs.json": json.dumps(items),
        "deep.json": "[" * 50_000 + "]" * 50_000,
        "refs.ris": "TY  - JOUR\nTI  - " + "{" * 500 + "\nAU  - Obi, Ada\nER  - \n",
    })
    site = build_site(docs, tmp_path / "site", strict=False, library_papers=True)
    assert (site / "index.html").is_file() and (site / "papers.bib").is_file()
