"""A lone `{` or `}` (or a backslash, `~`, `^`) in a title, an author or a venue went into
`papers.bib` and the Cite block as `\\{` (or as itself): bibtexparser read the entry and all that
followed as one broken block (a trailing backslash hid the closing brace), and BibTeX itself,
which counts `\\{` as a brace, ran the value on into the next entries. Generated: random texts
over the characters BibTeX and LaTeX treat specially; each entry parses alone and in a file,
its braces balance as BibTeX counts them, and LaTeX prints the text as written."""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import bibtexparser
import pytest
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from papernotes.bib.bibtex import bibtex_entry
from papernotes.model import Paper
from tests.test_site_build import build_site, write_vault

SPECIALS = "{}\\~^&%$#_"
# LaTeX's ligatures (`--`, ``` `` ```, `?``) are left as LaTeX prints them: no `-`, `` ` ``, `'` here
ALPHABET = SPECIALS * 3 + "ab Z1.,:@\"()=é扩"


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found = ["A { lone brace", "A } lone brace", "}{", "{{{", "ends in a backslash \\", "a\\}b", "f {a} g",
             "\\textbf{bold}", "100% & $x$ #1 _a ~ ^", "{", "}", "\\"]
    found += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24))).strip() or "x" for _ in range(count)]
    return found


def _latex_reader() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    # pylatexenc reads `\textbackslash` and `\textasciitilde`, not these three text commands
    macros = [MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
              MacroTextSpec("textasciicircum", "^")]
    context.add_context_category("text commands", prepend=True, macros=macros)
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


LATEX = _latex_reader()


def bibtex_balanced(value: str) -> bool:
    """Braces balance as BibTeX counts them: every `{` and `}`, a backslash before it or not."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("text", texts(200, 8))
def test_any_title_author_and_venue_give_an_entry_that_reads_back_as_written(text: str) -> None:
    paper = Paper(title=text, sources=(), authors=(text, "Ada Obi"), venue=text, year=2020)
    entry = bibtex_entry("k", paper)
    library = bibtexparser.parse_string(entry + "\n\n" + entry.replace("{k,", "{k2,"))
    assert (len(library.entries), library.failed_blocks) == (2, [])
    fields = library.entries[0].fields_dict
    assert set(fields) == {"title", "author", "booktitle", "year"}
    assert all(bibtex_balanced(field.value) for field in fields.values())
    shown = " ".join(text.split())
    assert LATEX.latex_to_text(fields["title"].value) == shown
    assert LATEX.latex_to_text(fields["booktitle"].value) == shown
    assert fields["author"].value.endswith(" and Obi, Ada")


CANARY = "zqxbibcanary"


def test_papers_bib_and_the_cite_block_read_back(tmp_path: Path) -> None:
    titles = texts(12, 3)
    files = {"index.md": "# Home\n"}
    for number, title in enumerate(titles):
        front = {"title": f"{title} {CANARY}{number}", "authors": [f"Ada {title}", "Ben Tran"], "year": 2020,
                 "venue": "NeurIPS", "arxiv": f"2001.{number:05d}"}
        yaml = "\n".join(f"{key}: {json.dumps(value)}" for key, value in front.items())  # JSON is YAML
        files[f"p{number}.md"] = f"---\n{yaml}\n---\nNotes.\n"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    library = bibtexparser.parse_string((site / "papers.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    read = {LATEX.latex_to_text(entry.fields_dict["title"].value) for entry in library.entries}
    assert read == {" ".join(f"{title} {CANARY}{number}".split()) for number, title in enumerate(titles)}
    for number, title in enumerate(titles):
        page = (site / f"p{number}" / "index.html").read_text(encoding="utf-8")
        [code] = re.findall(r'<code id="pn-bibtex-[^"]*">(.*?)</code>', page, re.DOTALL)
        [entry] = bibtexparser.parse_string(html.unescape(code)).entries
        shown = " ".join(f"{title} {CANARY}{number}".split())
        assert LATEX.latex_to_text(entry.fields_dict["title"].value) == shown
        [h1] = re.findall(r'<h1 class="pn-paper__title">([^<]*)</h1>', page)
        assert html.unescape(h1) == shown  # the page shows it as written
