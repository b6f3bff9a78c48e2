"""Frontmatter: splitting, safe YAML parsing with file lines, and normalisation to NoteMeta."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from papernotes.diagnostics import Diagnostic
from papernotes.frontmatter import (
    key_lines,
    normalise_meta,
    parse_frontmatter,
    split_frontmatter,
    unclosed_frontmatter,
)
from papernotes.model import NoteMeta

SYNTAX_HINT = "fix the YAML or remove the frontmatter block; the note is loaded without it"


def load(text: str, path: str = "n.md") -> tuple[dict, NoteMeta, list[Diagnostic]]:
    """What the loader does: split, parse with file lines, normalise."""
    yaml_text, _, _ = split_frontmatter(text)
    assert yaml_text is not None
    raw, errors = parse_frontmatter(yaml_text, path, 2)
    meta, warnings = normalise_meta(raw, path, key_lines(yaml_text, 2))
    return raw, meta, errors + warnings


def meta_of(yaml_text: str) -> tuple[NoteMeta, list[Diagnostic]]:
    _, meta, diagnostics = load(f"---\n{yaml_text}\n---\nbody\n")
    return meta, diagnostics


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [diagnostic.code for diagnostic in diagnostics]


# --- splitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "yaml_text", "body", "body_line"),
    [
        ("---\ntitle: x\n---\nbody\n", "title: x\n", "body\n", 4),
        ("---\ntitle: x\ntags: [a]\n---\n\n# H\n", "title: x\ntags: [a]\n", "\n# H\n", 5),
        ("---\ntitle: x\n---\n", "title: x\n", "", 4),
        ("---\ntitle: x\n---", "title: x\n", "", 4),
        ("---\n---\nbody", "", "body", 3),
        ("----\ntitle: x\n---  \nbody", "title: x\n", "body", 4),
        ("---\na: 1\n---\nbody\n---\nmore\n", "a: 1\n", "body\n---\nmore\n", 4),
        ("---\n\ntitle: x\n---\nbody", "\ntitle: x\n", "body", 5),
    ],
)
def test_split_finds_the_block_and_the_body_line(text, yaml_text, body, body_line):
    assert split_frontmatter(text) == (yaml_text, body, body_line)
    assert not unclosed_frontmatter(text)


@pytest.mark.parametrize(
    "text",
    [
        "# Title\n\ntext\n",
        "",
        "\n---\na: 1\n---\n",  # Obsidian reads frontmatter on the first line only
        " ---\na: 1\n---\n",
        "title\n---\n",  # a setext heading
        "---",  # a lone thematic break
        "---\n\nSome text\n",  # a rule, a blank line, a paragraph: never closed, not YAML
        "---\n\n# Heading\n\nSome text.\n\n---\n\nMore\n",  # two rules around a section
        "---\n\n**Subject:** text\n\n---\n\nMore\n",  # not YAML at all
        "---\n\n- a list\n- of points\n\n---\n\nMore\n",
    ],
)
def test_text_without_frontmatter_is_all_body(text):
    assert split_frontmatter(text) == (None, text, 1)
    assert not unclosed_frontmatter(text)


@pytest.mark.parametrize(
    "text", ["---\ntitle: x\n", "---\ntitle: x\ntags: [a]\n\n# Heading\n\nbody\n", "---\na: 1"]
)
def test_unclosed_frontmatter_is_all_body_and_reported(text):
    assert split_frontmatter(text) == (None, text, 1)
    assert unclosed_frontmatter(text)


def test_after_a_blank_line_only_a_yaml_mapping_is_frontmatter():
    # `---` then a blank line reads as a thematic break unless the block is a mapping: a
    # mapping is frontmatter (Obsidian agrees), anything else stays in the body.
    assert split_frontmatter("---\n\nText: with a colon\n---\nMore\n") == (
        "\nText: with a colon\n",
        "More\n",
        5,
    )
    broken = "---\n\ntitle: [a, b\n---\nMore\n"
    assert split_frontmatter(broken) == (None, broken, 1)


def test_crlf_normalised_text_splits_like_lf():
    crlf = "---\r\ntitle: Latte\r\nyear: 2023\r\n---\r\n# Latte\r\n"
    lf = crlf.replace("\r\n", "\n")
    assert split_frontmatter(lf) == ("title: Latte\nyear: 2023\n", "# Latte\n", 5)
    raw_crlf, _ = parse_frontmatter(split_frontmatter(crlf)[0] or "", "n.md", 2)
    assert raw_crlf == {"title": "Latte", "year": 2023}


def test_only_frontmatter_file_loads_with_empty_body():
    text = "---\nid: 74svqnn4t0poe5ymtrzxxi2\ntitle: '20231207'\ndesc: ''\n---\n"
    yaml_text, body, body_line = split_frontmatter(text)
    assert (body, body_line) == ("", 6)
    raw, errors = parse_frontmatter(yaml_text or "", "n.md", 2)
    assert errors == []
    assert raw == {"id": "74svqnn4t0poe5ymtrzxxi2", "title": "20231207", "desc": ""}


# --- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("yaml_text", ["", "\n", "  \n\n", "# only a comment\n"])
def test_empty_frontmatter_is_an_empty_dict_without_diagnostics(yaml_text):
    assert parse_frontmatter(yaml_text, "n.md", 2) == ({}, [])


@pytest.mark.parametrize(
    ("yaml_line", "value"),
    [
        ("d: 2023-12-07", "2023-12-07"),
        ("d: 2023-12-07 12:48:44", "2023-12-07T12:48:44"),
        ("d: 2023-12-07T12:48:44Z", "2023-12-07T12:48:44+00:00"),
        ("d: 2023-12-07T12:48:44+08:00", "2023-12-07T12:48:44+08:00"),
        ("d: 2023-02-30", "2023-02-30"),  # looks like a date, is none: the text is kept
        ("d: '2023-12-07'", "2023-12-07"),
    ],
)
def test_dates_come_back_as_iso_strings(yaml_line, value):
    raw, errors = parse_frontmatter(yaml_line, "n.md", 2)
    assert errors == []
    assert raw["d"] == value
    assert type(raw["d"]) is str


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("arxiv: 2401.10010", {"arxiv": "2401.10010"}),  # not the float 2401.1001
        ("title: 1.10", {"title": "1.10"}),
        ("id: 12345", {"id": "12345"}),
        ("tags: [2023, 1.10, yes]", {"tags": ["2023", "1.10", "yes"]}),
        ("title: null", {"title": None}),
        ("year: 2023\nrating: 4.5\nread: yes", {"year": 2023, "rating": 4.5, "read": True}),
        ("on: 1\n2023: x\nnull: y", {"on": 1, "2023": "x", "null": "y"}),  # keys as written
        (
            "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2",
            {"base": {"x": 1}, "other": {"x": 1, "y": 2}},
        ),
    ],
)
def test_values_and_keys_keep_their_meaning(yaml_text, expected):
    assert parse_frontmatter(yaml_text, "n.md", 2) == (expected, [])


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("---\ntitle: x\nyear: 2023\nbad: a: b\n---\n", 4, "mapping values are not allowed here"),
        ('---\ntitle: x\nauthors: "A, B\nyear: 2023\n---\n', 3, "found unexpected end of stream"),
        (
            "---\ntitle: x\ntags:\n\t- a\n---\n",
            4,
            "found character '\\t' that cannot start any token",
        ),
        ("---\ntitle: x\n  sub: 2\n---\n", 3, "mapping values are not allowed here"),
        ("---\ntitle: x\n\n\ntags: [a, b\n---\n", 5, "expected ',' or ']'"),
        ("---\ntitle: x\ny: 'a\x07'\n---\n", 3, "the character #x0007 is not allowed"),
    ],
)
def test_malformed_yaml_is_one_error_at_the_file_line(text, line, problem):
    yaml_text, _, _ = split_frontmatter(text)
    assert yaml_text is not None
    raw, diagnostics = parse_frontmatter(yaml_text, "notes/a.md", 2)
    assert raw == {}
    assert len(diagnostics) == 1
    diagnostic = diagnostics[0]
    assert (diagnostic.path, diagnostic.line, diagnostic.level) == ("notes/a.md", line, "error")
    assert diagnostic.code == "yaml-syntax"
    assert problem in diagnostic.message
    colon = 'a value with `: ` in it must be quoted: `bad: "a: b"`; the note is loaded without its frontmatter'
    assert diagnostic.hint == (colon if "bad: a: b" in text else SYNTAX_HINT)


@pytest.mark.parametrize(
    ("yaml_text", "kind"),
    [("- a\n- b\n", "a list"), ("just some text\n", "a single value"), ("42", "a single value")],
)
def test_yaml_that_is_not_a_mapping_is_an_error(yaml_text, kind):
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    assert raw == {}
    assert [(d.line, d.level, d.code) for d in diagnostics] == [
        (2, "error", "frontmatter-not-mapping")
    ]
    assert kind in diagnostics[0].message


BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (BILLION_LAUGHS, "more than 100,000"),
        ("a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]", "aliases more than 100 times"),
        ("a: &a [*a]", "recursive alias"),
        ("a: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
        ("a: " + "[\n" * 1000 + "]" * 1000, "nested too deeply"),
        ("a: " + "{b: " * 1000 + "c" + "}" * 1000, "nested too deeply"),
        ("".join(" " * depth + f"k{depth}:\n" for depth in range(1000)) + " " * 1000 + "x", "nested too deeply"),
        ("a:\n" + "".join(" " * depth + "- \n" for depth in range(1, 1000)), "nested too deeply"),
    ],
)
def test_alias_bombs_and_deep_nesting_are_refused_quickly(yaml_text, message):
    # How quickly is measured in benchmarks/bench_yaml_bombs.py: a time limit here fails on a busy machine.
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    assert raw == {}
    assert codes(diagnostics) == ["yaml-too-large"]
    assert diagnostics[0].level == "error"
    assert message in diagnostics[0].message


def test_a_few_aliases_are_fine():
    raw, diagnostics = parse_frontmatter("a: &a [x, y]\nb: *a\nc: *a", "n.md", 2)
    assert (raw, diagnostics) == ({"a": ["x", "y"], "b": ["x", "y"], "c": ["x", "y"]}, [])


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object:builtins.dict {{}}",
    ],
)
def test_python_tags_are_errors_and_never_executed(tmp_path, tagged):
    marker = tmp_path / "executed"
    yaml_text = "title: x\nevil: " + tagged.format(marker=marker) + "\n"
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    assert raw == {}
    assert [(d.line, d.code) for d in diagnostics] == [(3, "yaml-syntax")]
    assert "python/" in diagnostics[0].message
    assert not marker.exists()


def test_key_lines_come_from_the_yaml_nodes():
    yaml_text = "title: x\n\nYear: 2023\ntags:\n  - a\n  - 'b: c'\n# status: no\nstatus: read\n"
    assert key_lines(yaml_text, 2) == {"title": 2, "Year": 4, "tags": 5, "status": 9}


@pytest.mark.parametrize("yaml_text", ["bad: a: b", "- a\n- b", "", "a: &a [*b]"])
def test_key_lines_of_unreadable_yaml_are_empty(yaml_text):
    assert key_lines(yaml_text, 2) == {}


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "title"),
    [
        ("title: Latte", "Latte"),
        ("Title: Latte", "Latte"),
        ("TITLE: '  Latte  '", "Latte"),
        ("title: '20231207'", "20231207"),
        ("title: 20231207", "20231207"),
        ("title: 1.10", "1.10"),
        ("title: 2023-12-07", "2023-12-07"),
        ("title: ''", None),
        ("title:", None),
        ("title:\nTitle: Second", "Second"),
    ],
)
def test_title(yaml_text, title):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.title, diagnostics) == (title, [])


def test_title_that_is_not_text_warns():
    meta, diagnostics = meta_of("tags: [a]\ntitle: [a, b]")
    assert meta.title is None
    assert [(d.line, d.level, d.code) for d in diagnostics] == [(3, "warning", "bad-title")]
    assert diagnostics[0].message == "title: ['a', 'b'] is not text"


@pytest.mark.parametrize(
    ("yaml_text", "year"),
    [
        ("year: 2023", 2023),
        ("Year: 1999", 1999),
        ("YEAR: '2023'", 2023),
        ("year: CVPR 2023", 2023),
        ("year: 2100", 2100),
        ("year:", None),
        ("date: 2023-12-07", None),  # when the note was written, never the paper's year
        ("created: 1701953324034", None),
    ],
)
def test_year(yaml_text, year):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.year, diagnostics) == (year, [])


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("soon", "'soon'"),
        ("[2023]", "[2023]"),
        ("1800", "1800"),
        ("2101", "2101"),
        ("true", "True"),
        ("2023.5", "2023.5"),
        ("'in 23'", "'in 23'"),
    ],
)
def test_bad_year_warns_at_the_key_line_and_the_note_still_loads(value, shown):
    meta, diagnostics = meta_of(f"title: Latte\nyear: {value}")
    assert (meta.title, meta.year) == ("Latte", None)
    assert len(diagnostics) == 1
    diagnostic = diagnostics[0]
    assert (diagnostic.path, diagnostic.line, diagnostic.level) == ("n.md", 3, "warning")
    assert diagnostic.code == "bad-year"
    assert diagnostic.message == f"year: {shown} is not a year"
    assert diagnostic.hint == "write a four-digit year, e.g. `year: 2023`"


@pytest.mark.parametrize(
    ("yaml_text", "venue", "year"),
    [
        ("venue: CVPR", "CVPR", None),
        ("venue: CVPR2023", "CVPR", 2023),
        ("venue: CVPR 2023", "CVPR", 2023),
        ("Venue: nips", "NeurIPS", None),
        ("venue: ICLR24", "ICLR", 2024),
        ("venue: ICLR 2024\nyear: 2023", "ICLR", 2023),  # the year key wins
        ("year: 2022\nvenue: ECCV 2024", "ECCV", 2022),
        ("venue: Some Workshop", "Some Workshop", None),
        ("venue: ''", None, None),
    ],
)
def test_venue_and_its_glued_year(yaml_text, venue, year):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.venue, meta.year, diagnostics) == (venue, year, [])


def test_a_bad_year_key_is_not_replaced_by_the_venue_year():
    meta, diagnostics = meta_of("venue: CVPR 2023\nyear: soon")
    assert (meta.venue, meta.year, codes(diagnostics)) == ("CVPR", None, ["bad-year"])


@pytest.mark.parametrize(
    ("yaml_text", "iso"),
    [
        ("date: 2023-12-07", "2023-12-07"),
        ("Date: 2024-04-02", "2024-04-02"),
        ("DATE: '2023/12/7'", "2023-12-07"),
        ("date: 2023.12.07", "2023-12-07"),
        ("date: 2023-12-07 10:30:00", "2023-12-07"),
        ("date: 2023-12-07T10:30:00Z", "2023-12-07"),
        ("date:", None),
    ],
)
def test_date(yaml_text, iso):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.date, meta.year, diagnostics) == (iso, None, [])


@pytest.mark.parametrize("value", ["yesterday", "2023-02-30", "20231207", "[2023-12-07]"])
def test_bad_date_warns(value):
    meta, diagnostics = meta_of(f"title: x\ndate: {value}")
    assert meta.date is None
    assert [(d.line, d.level, d.code) for d in diagnostics] == [(3, "warning", "bad-date")]
    assert diagnostics[0].message.startswith("date: ")
    assert diagnostics[0].hint == "write the date as `date: 2023-12-07`"  # nothing says which date was meant


@pytest.mark.parametrize(("value", "meant"), [("2023--09--09", "2023-09-09"), ("'2023_9_9'", "2023-09-09"),
                                              ("2023. 9. 9.", "2023-09-09")])
def test_a_mistyped_date_gets_the_date_it_means_as_its_hint(value, meant):
    meta, diagnostics = meta_of(f"title: x\ndate: {value}\ncreated: {value}")
    assert meta.date is None
    assert [(d.code, d.hint) for d in diagnostics] == [
        ("bad-date", f"write `date: {meant}`"), ("bad-created", f"write `created: {meant}`")]


@pytest.mark.parametrize(
    ("value", "iso"),
    [(date(2023, 12, 7), "2023-12-07"), (datetime(2023, 12, 7, 10, 30), "2023-12-07")],
)
def test_date_objects_from_other_sources(value, iso):
    meta, diagnostics = normalise_meta({"date": value}, "n.md")
    assert (meta.date, diagnostics) == (iso, [])


@pytest.mark.parametrize(
    ("yaml_text", "tags"),
    [
        ("tags: [diffusion, video]", ("diffusion", "video")),
        ("tags:\n  - diffusion\n  - '#video'", ("diffusion", "video")),
        ("tags: diffusion, video", ("diffusion", "video")),
        ("tags: '#diffusion #video/generation'", ("diffusion", "video/generation")),
        ("tags: diffusion", ("diffusion",)),
        ("tags: [a, b, a, ' b ']", ("a", "b")),
        ("tags: [2023, 1.10]", ("2023", "1.10")),
        ("tags: [paper/cv/diffusion]", ("paper/cv/diffusion",)),
        ("tags:", ()),
        ("tags: ''", ()),
        ("tags: []", ()),
        ("tags: [a, null, '', '#']", ("a",)),
        ("Tags: [a]\ntag: b", ("a", "b")),
        ("TAG: x", ("x",)),
    ],
)
def test_tags(yaml_text, tags):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.tags, diagnostics) == (tags, [])


@pytest.mark.parametrize(
    ("yaml_text", "tags"), [("tags: {a: 1}", ()), ("tags: [a, {b: 1}, c]", ("a", "c"))]
)
def test_bad_tags_warn(yaml_text, tags):
    meta, diagnostics = meta_of(yaml_text)
    assert meta.tags == tags
    assert [(d.line, d.code) for d in diagnostics] == [(2, "bad-tags")]


@pytest.mark.parametrize(
    ("yaml_text", "authors"),
    [
        ("authors: [Ada Lovelace, Alan Turing]", ("Ada Lovelace", "Alan Turing")),
        ("authors: A. Smith, B. Jones and C. Li", ("A. Smith", "B. Jones", "C. Li")),
        ("authors: Smith, J.; Jones, K.", ("Smith, J.", "Jones, K.")),
        ("authors: Ada Lovelace and Alan Turing", ("Ada Lovelace", "Alan Turing")),
        ("author: Alexander Anderson", ("Alexander Anderson",)),
        ("Author: 张三、李四", ("张三", "李四")),
        ("authors:", ()),
    ],
)
def test_authors(yaml_text, authors):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.authors, diagnostics) == (authors, [])


def test_bad_authors_warn():
    meta, diagnostics = meta_of("authors: [Ada, {name: Alan}]")
    assert meta.authors == ("Ada",)
    assert codes(diagnostics) == ["bad-authors"]


@pytest.mark.parametrize(
    ("yaml_text", "aliases"),
    [
        (
            "aliases: [Latte, Latent Diffusion Transformer]",
            ("Latte", "Latent Diffusion Transformer"),
        ),
        ("aliases: Latte, LDT", ("Latte", "LDT")),
        ("alias: Latte", ("Latte",)),
        ("Aliases:\n  - 2023", ("2023",)),
        ("aliases:", ()),
    ],
)
def test_aliases(yaml_text, aliases):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.aliases, diagnostics) == (aliases, [])


ARXIV_ABS = "https://arxiv.org/abs/2401.03048"


@pytest.mark.parametrize(
    ("yaml_text", "links", "arxiv", "doi"),
    [
        ("arxiv: 2401.03048", (("paper", ARXIV_ABS),), "2401.03048", None),
        ("arXiv: 'arXiv:2401.03048v2'", (("paper", ARXIV_ABS),), "2401.03048", None),
        ("arxiv: 2401.10010", (("paper", "https://arxiv.org/abs/2401.10010"),), "2401.10010", None),
        (
            "arxiv: https://arxiv.org/pdf/2401.03048v1",
            (("paper", "https://arxiv.org/pdf/2401.03048v1"),),
            "2401.03048",
            None,
        ),
        ("url: " + ARXIV_ABS, (("paper", ARXIV_ABS),), "2401.03048", None),
        (
            "doi: 10.1109/CVPR.2023.00001",
            (("paper", "https://doi.org/10.1109/cvpr.2023.00001"),),
            None,
            "10.1109/cvpr.2023.00001",
        ),
        (
            "DOI: https://doi.org/10.1145/3394486.3403172",
            (("paper", "https://doi.org/10.1145/3394486.3403172"),),
            None,
            "10.1145/3394486.3403172",
        ),
        (
            "github: https://github.com/x/latte\nwebsite: https://latte.io",
            (("code", "https://github.com/x/latte"), ("project", "https://latte.io")),
            None,
            None,
        ),
        (
            "homepage: www.latte.io\nproject: https://p.io",
            (("project", "https://www.latte.io"), ("project", "https://p.io")),
            None,
            None,
        ),
        (
            "paper: https://openreview.net/forum?id=x\npdf: '[[Latte paper.pdf]]'\ncode: N/A",
            (("paper", "https://openreview.net/forum?id=x"), ("pdf", "[[Latte paper.pdf]]")),
            None,
            None,
        ),
        (
            "code: '[GitHub](https://github.com/x/y)'",
            (("code", "https://github.com/x/y"),),
            None,
            None,
        ),
        (
            "links:\n  GitHub: https://github.com/x/y\n  paper: " + ARXIV_ABS + "\n  slides: s.pdf",
            (("code", "https://github.com/x/y"), ("paper", ARXIV_ABS), ("slides", "s.pdf")),
            "2401.03048",
            None,
        ),
        (
            "links:\n  - https://github.com/x/y\n  - " + ARXIV_ABS + "\n  - https://blog.io/p",
            (
                ("code", "https://github.com/x/y"),
                ("paper", ARXIV_ABS),
                ("link", "https://blog.io/p"),
            ),
            "2401.03048",
            None,
        ),
        (
            "links:\n  - code: https://github.com/x/y\n  - website: https://p.io",
            (("code", "https://github.com/x/y"), ("project", "https://p.io")),
            None,
            None,
        ),
        (
            "links:\n  code: [https://github.com/a/b, https://github.com/c/d]",
            (("code", "https://github.com/a/b"), ("code", "https://github.com/c/d")),
            None,
            None,
        ),
        (
            "url: " + ARXIV_ABS + "\narxiv: 2401.03048",  # the same URL twice is one link
            (("paper", ARXIV_ABS),),
            "2401.03048",
            None,
        ),
        (
            "url: https://arxiv.org/abs/1111.11111\narxiv: 2222.22222",  # the arxiv key wins
            (
                ("paper", "https://arxiv.org/abs/1111.11111"),
                ("paper", "https://arxiv.org/abs/2222.22222"),
            ),
            "2222.22222",
            None,
        ),
        ("code: ''\npdf: null\nproject: '-'\ngithub: no\nwebsite: TBD", (), None, None),
    ],
)
def test_links_arxiv_and_doi(yaml_text, links, arxiv, doi):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.links, meta.arxiv, meta.doi, diagnostics) == (links, arxiv, doi, [])


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("code: coming soon", "code: 'coming soon' is not a link"),
        ("arxiv: soon", "arxiv: 'soon' is not a link"),
        ("doi: unknown", "doi: 'unknown' is not a link"),
        ("links: [https://a.io, 5]", "links: 5 is not a link"),
        ("links: {code: {url: x}}", "links: {'url': 'x'} is not a link"),
    ],
)
def test_bad_links_warn(yaml_text, message):
    meta, diagnostics = meta_of("title: x\n" + yaml_text)
    assert [(d.line, d.level, d.message) for d in diagnostics] == [(3, "warning", message)]
    assert diagnostics[0].code in {"bad-link", "bad-links"}
    assert all(url != "x" and "soon" not in url for _, url in meta.links)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("to-read", "to-read"),
        ("todo", "to-read"),
        ("unread", "to-read"),
        ("To Read", "to-read"),
        ("to_read", "to-read"),
        ("reading", "reading"),
        ("In Progress", "reading"),
        ("read", "read"),
        ("Done", "read"),
        ("finished", "read"),
        ("'#read'", "read"),
    ],
)
def test_status(value, status):
    meta, diagnostics = meta_of(f"status: {value}")
    assert (meta.status, diagnostics) == (status, [])


@pytest.mark.parametrize("value", ["maybe", "true", "[read]", "3"])
def test_bad_status_warns_with_the_accepted_values(value):
    meta, diagnostics = meta_of(f"Status: {value}")
    assert meta.status is None
    assert [(d.line, d.code) for d in diagnostics] == [(2, "bad-status")]
    assert diagnostics[0].message.startswith("Status: ")
    assert all(word in diagnostics[0].hint for word in ("`to-read`", "`reading`", "`read`"))


@pytest.mark.parametrize(
    ("yaml_text", "publish"),
    [
        ("publish: true", True),
        ("publish: false", False),
        ("dg-publish: true", True),
        ("dg_publish: false", False),
        ("DG-Publish: yes", True),
        ("publish: 'no'", False),
        ("publish: 'off'", False),
        ("publish: '0'", False),
        ("publish: 1", True),
        ("publish: 'On'", True),
        ("publish: 'TRUE'", True),
        ("publish: explicit", None),
        ("publish:", None),
        ("title: x", None),
        ("publish: true\ndg-publish: false", False),  # private wins
        ("dg-publish: false\npublish: true", False),
        ("dg-publish: true\npublish: true", True),
    ],
)
def test_publish(yaml_text, publish):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.publish, diagnostics) == (publish, [])


@pytest.mark.parametrize("yaml_text", ["publish: maybe", "publish: [yes]", "Publish: 2"])
def test_unreadable_publish_is_not_published(yaml_text):
    meta, diagnostics = meta_of(yaml_text + "\ndg-publish: true")
    assert meta.publish is False
    assert [(d.line, d.level, d.code) for d in diagnostics] == [(2, "warning", "bad-publish")]
    assert "not published" in diagnostics[0].message


@pytest.mark.parametrize(
    ("yaml_text", "draft", "code"),
    [
        ("draft: true", True, None),
        ("Draft: 'yes'", True, None),
        ("draft: false", False, None),
        ("draft: 'no'", False, None),
        ("title: x", False, None),
        ("draft: maybe", True, "bad-draft"),  # unreadable: the safe side, not published
    ],
)
def test_draft(yaml_text, draft, code):
    meta, diagnostics = meta_of(yaml_text)
    assert meta.draft is draft
    assert codes(diagnostics) == ([code] if code else [])


@pytest.mark.parametrize(
    ("yaml_text", "home", "code"),
    [
        ("dg-home: true", True, None),
        ("home: yes", True, None),
        ("dg_home: false", False, None),
        ("title: x", False, None),
        ("home: maybe", False, "bad-home"),
    ],
)
def test_home(yaml_text, home, code):
    meta, diagnostics = meta_of(yaml_text)
    assert meta.home is home
    assert codes(diagnostics) == ([code] if code else [])


def test_dendron_note():
    text = (
        "---\nid: 74svqnn4t0poe5ymtrzxxi2\ntitle: '20231207'\ndesc: ''\n"
        "updated: 1701957639977\ncreated: 1701953324034\n---\n\n## FoodFusion\n"
    )
    raw, meta, diagnostics = load(text)
    assert diagnostics == []
    assert raw["created"] == 1701953324034
    assert meta == NoteMeta(
        title="20231207",
        dendron_id="74svqnn4t0poe5ymtrzxxi2",
        created="2023-12-07T12:48:44Z",
        updated="2023-12-07T14:00:39Z",
    )


@pytest.mark.parametrize(
    ("yaml_text", "created"),
    [
        ("created: 1701953324034", "2023-12-07T12:48:44Z"),
        ("created: '1701953324034'", "2023-12-07T12:48:44Z"),
        ("Created: 1701953324034.5", "2023-12-07T12:48:44Z"),
        ("created: 2023-12-07", "2023-12-07"),
        ("created: 2023-12-07T12:48:44Z", "2023-12-07T12:48:44+00:00"),
        ("created: '2023-12-07T12:48:44Z'", "2023-12-07T12:48:44Z"),
        ("created:", None),
    ],
)
def test_dendron_timestamps(yaml_text, created):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.created, diagnostics) == (created, [])


@pytest.mark.parametrize("value", ["yesterday", "42", "true", "[1701953324034]", "1e400"])
def test_bad_timestamps_warn(value):
    meta, diagnostics = meta_of(f"title: x\nupdated: {value}")
    assert meta.updated is None
    assert [(d.line, d.code) for d in diagnostics] == [(3, "bad-updated")]


@pytest.mark.parametrize(
    ("yaml_text", "dendron_id", "description"),
    [
        ("id: abc\ndesc: A note", "abc", "A note"),
        ("ID: 12345\nDescription: Other", "12345", "Other"),
        ("desc: ''", None, None),
    ],
)
def test_dendron_id_and_description(yaml_text, dendron_id, description):
    meta, diagnostics = meta_of(yaml_text)
    assert (meta.dendron_id, meta.description, diagnostics) == (dendron_id, description, [])


def test_unknown_keys_are_ignored_by_meta_but_kept_raw():
    raw, meta, diagnostics = load("---\nrating: 5\ncssclass: wide\n---\n")
    assert (meta, diagnostics) == (NoteMeta(), [])
    assert raw == {"rating": 5, "cssclass": "wide"}


def test_digital_garden_home_note():
    _, meta, diagnostics = load(
        "---\nDate: 2024-04-02\nTitle: Home\ndg-publish: true\ndg-home: true\n---\n"
    )
    assert diagnostics == []
    assert meta == NoteMeta(title="Home", date="2024-04-02", publish=True, home=True)


def test_diagnostics_use_default_line_without_key_lines():
    meta, diagnostics = normalise_meta({"year": "soon", "status": "maybe"}, "a.md", None, 7)
    assert meta.year is None
    assert [(d.path, d.line, d.code) for d in diagnostics] == [
        ("a.md", 7, "bad-year"),
        ("a.md", 7, "bad-status"),
    ]


def test_a_full_note_normalises_everything_with_file_lines():
    text = """---
Title: Latte
year: 2024
venue: arxiv
tags: "#diffusion #video"
authors: Xin Ma, Yaohui Wang and Gengyun Jia
arxiv: 2401.03048
code: https://github.com/Vchitect/Latte
status: reading
dg-publish: true
mood: happy
Year2: x
date: soon
---
# Latte
"""
    raw, meta, diagnostics = load(text)
    assert raw["mood"] == "happy"
    assert meta == NoteMeta(
        title="Latte",
        year=2024,
        venue="arXiv",
        tags=("diffusion", "video"),
        authors=("Xin Ma", "Yaohui Wang", "Gengyun Jia"),
        links=(("paper", ARXIV_ABS), ("code", "https://github.com/Vchitect/Latte")),
        arxiv="2401.03048",
        status="reading",
        publish=True,
    )
    assert [(d.line, d.code, d.message) for d in diagnostics] == [
        (13, "bad-date", "date: 'soon' is not a date")
    ]
