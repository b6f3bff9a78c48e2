"""Bidi overrides, embeddings and isolates (U+202E...) and zero-width spaces in a title, an author, a
tag, a venue, a heading or a file name reached the nav, `<title>`, backlinks, tables, graph labels,
the feed and papers.bib as they were: an unclosed U+202E turns the rest of its line backwards
(`Evil\u202egpj.exe` shows as `Evilexe.jpg`, a `<title>` ends with the site name reversed).
They are removed from everything shown (`paths.shown`); the marks (LRM, RLM, ALM) and the
zero-width joiners stay, for Arabic, Hebrew, Persian and emoji. Generated: every such character
x every place it can be written, in one real build."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from papernotes.loader import load_note
from papernotes.model import Paper
from tests.test_site_build import build_site, write_vault

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
KEPT = "\u200e\u200f\u061c\u200c\u200d"


def notes_with(char: str, number: int) -> dict[str, str]:
    """Notes writing `char` in each place a shown text comes from; the file name apart."""
    authors = json.dumps([f"Ada{char} Obi", "Ben Tran"])
    return {
        f"t{number}.md": (f'---\ntitle: "Safe{char}EXE.txt title {number}"\nauthors: {authors}\n'
                          f'tags: ["tag{char}x", "ok"]\nvenue: "Neur{char}IPS"\nyear: 2020\n'
                          f"arxiv: 2001.{number:05d}\n---\n# Section{char} one\n\nText #hash{char}tag "
                          f"[[h{number}]] and [[h{number}|alias{char}text]].\n"),
        f"h{number}.md": f"# Heading{char} title {number}\n\nBack to [[t{number}]]: a line{char} of context.\n",
        f"l{number}.md": f"- [Listed{char} paper {number}](https://arxiv.org/abs/2101.{number:05d}) 2021\n",
    }


class _Text(HTMLParser):
    """The text a browser shows: text nodes and `title`/`alt`/`aria-label` attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [value or "" for name, value in attrs if name in ("title", "alt", "aria-label", "content")]


ADDRESSES = {"url", "href", "id", "source", "target", "path"}


def _json_values(value: object) -> list[str]:
    """The strings a JSON file gives to be shown: values, not keys nor addresses (a URL holds the
    file name as it is; browsers show such characters in URLs escaped)."""
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in ADDRESSES for text in _json_values(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_values(item)]
    return [value] if isinstance(value, str) else []


def shown_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return "".join(_json_values(json.loads(text)))
    if path.suffix != ".html":
        return text
    parser = _Text()
    parser.feed(text)
    return "".join(parser.parts)


def test_no_override_reaches_anything_the_site_shows(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\n" + "\n".join(f"- [[t{n}]] [[f{n}]]" for n in range(len(CONTROLS)))}
    for number, char in enumerate(CONTROLS):
        files |= notes_with(char, number)
        files[f"f{number}{char}gpj.exe.md"] = f"A note named with U+{ord(char):04X}.\n"
        files["index.md"] += f"\n- [[f{number}{char}gpj.exe]]"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    outputs = [path for path in site.rglob("*") if path.suffix in (".html", ".xml", ".bib", ".json")
               and "assets" not in path.parts and "search" not in path.parts]
    found = {str(path.relative_to(site)): sorted({f"U+{ord(c):04X}" for c in shown_text(path) if c in CONTROLS})
             for path in outputs}
    assert {name: chars for name, chars in found.items() if chars} == {}
    # what they were written in is still there, each character once removed
    page = shown_text(site / "t3" / "index.html")
    assert "SafeEXE.txt title 3" in page and "Section one" in page and "Ada Obi" in page
    assert "<title>Safe" in (site / "t3" / "index.html").read_text(encoding="utf-8")
    assert "f3gpj.exe" in shown_text(site / "index.html")
    bib = (site / "papers.bib").read_text(encoding="utf-8")
    assert "{SafeEXE.txt title 3}" in bib and "NeurIPS" in bib


@pytest.mark.parametrize("char", list(CONTROLS))
def test_a_note_s_shown_texts_lose_the_character(char: str) -> None:
    note, _ = load_note("n.md", notes_with(char, 1)["t1.md"].encode())
    assert note is not None
    assert (note.title, note.meta.authors, note.meta.tags, note.meta.venue) == (
        "SafeEXE.txt title 1", ("Ada Obi", "Ben Tran"), ("tagx", "ok"), "NeurIPS")
    heading, _ = load_note("h.md", notes_with(char, 1)["h1.md"].encode())
    assert heading is not None and heading.title == "Heading title 1"
    named, _ = load_note(f"f{char}gpj.exe.md", b"text\n")
    assert named is not None and named.title == "fgpj.exe"
    paper = Paper(title=f"P{char}q", sources=(), authors=(f"A{char}",), tags=(f"t{char}",), venue=f"V{char}",
                  summary=f"s{char}")
    assert (paper.title, paper.authors, paper.tags, paper.venue, paper.summary) == ("Pq", ("A",), ("t",), "V", "s")


@pytest.mark.parametrize("char", list(KEPT))
def test_marks_and_joiners_stay(char: str) -> None:
    note, _ = load_note("n.md", f"---\ntitle: שלום{char} A\nauthors: [م{char}ب]\n---\n".encode())
    assert note is not None and note.title == f"שלום{char} A" and note.meta.authors == (f"م{char}ب",)
