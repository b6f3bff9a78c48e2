"""A note's `citekey:` that cannot be a BibTeX key (a space, a comma, a brace, a quote, `#`, `%`...)
was written into the site's papers.bib as it was: the entry ended early and every reader of the
file stumbled there. Generated: each character BibTeX cannot hold in a key, at the start, inside
and at the end of a key; the note gets a warning at its line, papers.bib holds every paper with
a key of its own, and keys BibTeX can hold are kept as written."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest

from papernotes.ids import is_bibtex_key
from papernotes.loader import load_note
from tests.test_site_build import build_site, write_vault

FORBIDDEN = " \t,{}\"#%'()=\\~"
BAD = sorted({key for char in FORBIDDEN for key in (f"{char}lee2020", f"lee{char}2020", f"lee2020{char}")
              if key == key.strip()}  # a space at either end is trimmed, as in every text key
             | {"Smith 2020, draft", "<script>alert(1)</script>\"><img src=x onerror=alert(1)>", "} @misc{evil,"})
GOOD = ["he2016deep", "Vaswani:2017", "zotero-ABC_12", "smith.2020", "kim/2021", "李2020扩散", "a+b-2019", "x@y"]


def quoted(key: str) -> str:
    """`key` as a double-quoted YAML string."""
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("key", BAD)
def test_a_key_bibtex_cannot_hold_is_reported_at_its_line(key: str) -> None:
    assert not is_bibtex_key(key)
    note, problems = load_note("p.md", f"---\ntitle: A paper\nyear: 2020\ncitekey: {quoted(key)}\n---\n".encode())
    assert note is not None and note.meta.citekey == key.strip()
    assert [(p.code, p.line) for p in problems] == [("bad-citekey", 4)]


@pytest.mark.parametrize("key", GOOD)
def test_keys_bibtex_can_hold_are_kept(key: str) -> None:
    assert is_bibtex_key(key)
    note, problems = load_note("p.md", f"---\ncitekey: {key}\n---\n".encode())
    assert note is not None and problems == []


def test_papers_bib_holds_every_paper_whatever_its_citekey(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n"}
    keys = BAD + GOOD
    for number, key in enumerate(keys):
        files[f"p{number}.md"] = f"---\ntitle: Paper number {number}\nyear: 2020\nvenue: CVPR\n" \
                                 f"authors: [Ann Lee]\ncitekey: {quoted(key)}\n---\n# Paper number {number}\n"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    library = bibtexparser.parse_string((site / "papers.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    titles = {entry.fields_dict["title"].value.strip("{}"): entry.key for entry in library.entries}
    assert sorted(titles) == sorted(f"Paper number {number}" for number in range(len(keys)))
    assert {titles[f"Paper number {len(BAD) + n}"] for n in range(len(GOOD))} == set(GOOD)
    assert all(is_bibtex_key(key) for key in titles.values())
