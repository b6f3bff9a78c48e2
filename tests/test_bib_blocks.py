"""A `.bib` cut where bibtexparser starts a block, plain entries read without it: always what
bibtexparser 2 gives for the whole file (entries, fields as written, lines, diagnostics)."""

from __future__ import annotations

import bibtexparser
import pytest
from bibtexparser import model

from papernotes.bib.bibtex_blocks import PlainEntry, blocks, plain_entry
from papernotes.bib.library import parse_library

PLAIN = [
    "@article{a,\n  title = {Plain},\n  year = 2017\n}",
    "@Article{b,\n  title = {Die gegenw{\\\"a}rtige {{Situation}}},\n  author = {Schr\\\"{o}dinger, Erwin},\n}",
    "@inproceedings{ c ,title={A {b {c {d}}} e},month=jun,note={x = y, \"quoted\" @ home}}",
    "@misc{\n  d,\n  title = {Escaped \\{ and \\} braces},\n  url = {https://e.org/a,b}\n}\n\nsome comment",
    "  @book{e, title = {Caf\u00e9 \\& {\\'E}cole}, pages = {1--9},}",
    "@article{crlf,\r\n  title = {Windows\r\n line ends},\r\n  year = 2017\r\n}\r\n",
    "@article{wide,\u00a0title\u2003= {x},\u3000year = 1\u00a0}",  # Unicode white space, stripped as str.strip does
]
NOT_PLAIN = [
    '@article{q, title = "Quoted {value}"}',  # quotes: bibtexparser's
    "@article{c, title = {A} # {B}}",  # concatenation
    "@article{deep, title = {a{b{c{d{e}}}}}}",  # five braces deep
    "@article{bs, title = {a \\\\{b}}}",  # a double backslash
    "@article{nl, title = {a \\\nb}}",  # a backslash at a line's end (bibtexparser counts no line)
    "@article{dup, title = {A}, title = {B}}",  # a field twice: a failed block
    "@comment{anything, at = {all}}",
    "@string{jun = {June}}",
    "@article(paren, title = {Round})",
    "@article{two, title = {A}} @misc{three, title = {B}}",  # a block after it on its line
    "@{nokind, title = {A}}",
    "@article{nofields}",
    "@article{open, title = {Unclosed",
    "@article{sp ace, title = {A}}",
    "@article{k, title = {A} junk}",
]


def _bibtexparser_entry(text: str) -> PlainEntry:
    [block] = bibtexparser.parse_string(text, parse_stack=[]).entries
    return PlainEntry(block.entry_type, block.key, tuple((f.key, f.value) for f in block.fields), block.raw)


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_entry_is_read_as_bibtexparser_reads_it(text: str):
    assert plain_entry(text) == _bibtexparser_entry(text)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_anything_else_is_left_to_bibtexparser(text: str):
    assert plain_entry(text) is None


def _whole_file(text: str) -> tuple[list[tuple[str, int, str]], list[tuple[int, str]]]:
    """(key, line, kept BibTeX) of each entry and (line, code) of each problem, from bibtexparser
    given the whole file at once."""
    entries, problems = [], []
    for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append((line, "bib-duplicate-key"))
        elif isinstance(block, model.ParsingFailedBlock):
            problems.append((line, "bib-malformed"))
        elif isinstance(block, model.Entry):
            entries.append((block.key, line, block.raw.strip()))
    return entries, problems


def _ours(text: str) -> tuple[list[tuple[str, int, str]], list[tuple[int, str]]]:
    library = parse_library(text, "refs.bib")
    return ([(e.key, e.line, e.raw_bibtex) for e in library.entries],
            [(d.line, d.code) for d in library.diagnostics])


def test_a_file_of_every_shape_gives_what_bibtexparser_gives_for_the_whole_file():
    text = "% exported by hand\n" + "\n\n".join(
        piece for piece in PLAIN + NOT_PLAIN if "\\\n" not in piece) + (
        "\n@article{a, title = {Same key again}}\n@string{jun = {Juni}}\n"
        "\n  @misc{inner,\n  abstract = {a line\n@article{cut, title = {Starts a block inside a value}}\n")
    entries, problems = _ours(text)
    assert (entries, problems) == _whole_file(text)
    assert [key for key, _, _ in entries] == ["a", "b", "c", "d", "e", "crlf", "wide", "q", "deep", "bs", "paren",
                                              "two", "three", "nokind", "nofields", "sp ace", "k", "cut"]
    # a key used again (plain entries, line 35 and 60) and a macro defined again (line 61, read
    # by bibtexparser in another piece than line 45's) are found across pieces
    assert problems == [(35, "bib-duplicate-key"), (41, "bib-malformed"), (55, "bib-malformed"),
                        (60, "bib-duplicate-key"), (61, "bib-duplicate-key"), (63, "bib-malformed")]


def test_a_malformed_entry_far_into_a_big_file_is_reported_at_its_line():
    good = "@article{{key{0},\n  title = {{Paper {0} about {{GAN}}s}},\n  year = {{2020}}\n}}\n\n"
    text = "".join(good.format(i) for i in range(4000)) + "@article{broken,\n  title = {Unclosed\n\n" + "".join(
        good.format(i) for i in range(4000, 5000))
    library = parse_library(text, "big.bib")
    [problem] = library.diagnostics
    assert (problem.line, problem.code, problem.message) == (
        4000 * 5 + 1, "bib-malformed", "malformed BibTeX entry `@article{broken,` is skipped")
    assert len(library.entries) == 5000
    after = library.entries[4000]
    assert (after.key, after.line, after.title) == ("key4000", 4000 * 5 + 4, "Paper 4000 about GANs")
    assert (parse_library(text, "big.bib").entries == library.entries)
    assert _ours(text) == _whole_file(text)


def test_pieces_begin_where_bibtexparser_begins_a_block():
    text = "intro @not{a block start here}\n  @article{x,\n  note = {\n\t@misc(y, \n}\n@ home\n"
    assert list(blocks(text)) == [(0, "intro @not{a block start here}\n"),
                                  (1, "  @article{x,\n  note = {\n"),
                                  (3, "\t@misc(y, \n}\n@ home\n")]
    assert list(blocks("")) == [(0, "")]


def test_a_backslash_at_a_lines_end_still_counts_the_line():
    """bibtexparser does not count a line break after a backslash; pieces are numbered from the
    file's own line breaks, so the entry after it keeps its real line (bibtexparser alone: 2)."""
    library = parse_library("@article{nl, title = {a \\\nb}}\n@article{next, title = {B}}\n", "refs.bib")
    assert [(entry.key, entry.line) for entry in library.entries] == [("nl", 1), ("next", 3)]


def test_a_plain_entry_with_private_fields_is_kept_without_them():
    text = ("@inproceedings{he2016,\n  title = {Deep {{Residual}} Learning},\n  author = {He, Kaiming},\n"
            "  month = jun,\n  file = {/Users/me/Zotero/storage/ABC/paper.pdf},\n  langid = {english}\n}\n")
    [entry] = parse_library(text, "refs.bib").entries
    assert entry.raw_bibtex == ("@inproceedings{he2016,\n  title = {Deep {{Residual}} Learning},\n"
                                "  author = {He, Kaiming},\n  month = jun,\n  langid = {english}\n}")
    assert (entry.title, entry.authors) == ("Deep Residual Learning", ("He, Kaiming",))
