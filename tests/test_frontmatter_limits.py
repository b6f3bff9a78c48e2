"""Exact messages and lines of YAML errors, and where the nesting limit (200 levels) lies.

Kept apart from test_frontmatter.py; these pin what mutation testing showed was loose: the whole
message (not a substring), the line of an error found at the end of the text, and the depth count
(flow brackets outside quotes and comments, indents, `- ` items) on both sides of the limit.
"""

from __future__ import annotations

import pytest

from papernotes.frontmatter import normalise_meta, parse_frontmatter

PREFIX = "frontmatter is not valid YAML: "
FLOW = "expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)"


@pytest.mark.parametrize(("yaml_text", "line", "message"), [
    ("title: x\nyear: 2023\nbad: a: b\n", 4, "mapping values are not allowed here"),  # no context: no ()
    ('title: x\nauthors: "A, B\nyear: 2023\n', 3,
     "found unexpected end of stream (while scanning a quoted scalar)"),
    ("title: x\n\n\ntags: [a, b\n", 5, FLOW),
    # found at the very end (no newline after it): the line where the list began
    ("a: [b,\n  c", 2, FLOW),
    ("x: 1\na: [b, c\n", 3, FLOW),
    ("title: x\ny: 'a\x07'\n", 3, "the character #x0007 is not allowed"),  # a reader error: by position
    ("x: 1\ny: 2\nz: a\x07\n", 4, "the character #x0007 is not allowed"),
])
def test_syntax_errors_have_their_whole_message_and_line(yaml_text: str, line: int, message: str) -> None:
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    assert raw == {}
    assert [(d.line, d.code, d.message) for d in diagnostics] == [(line, "yaml-syntax", PREFIX + message)]


def _nested_keys(levels: int) -> str:
    return "".join(" " * level + f"k{level}:\n" for level in range(levels - 1)) + " " * (levels - 1) + "x"


@pytest.mark.parametrize(("yaml_text", "refused"), [
    # flow brackets: 1 (the key's level) + 199 = 200 is allowed, 201 is not
    ("a: " + "[" * 199 + "]" * 199, False),
    ("a: " + "[" * 200 + "]" * 200, True),
    # brackets close: the next line starts again from its own level ...
    ("a: " + "[" * 150 + "]" * 150 + "\nb: " + "[" * 150 + "]" * 150, False),
    # ... and closing a list does not lower the count below that
    ("a: [x]\nb: " + "[" * 200 + "]" * 200, True),
    # brackets inside quotes or comments are text
    ("a: '" + "[" * 300 + "'\nb: \"" + "{" * 300 + '"', False),
    ("# " + "[" * 300 + "\na: 1", False),
    # after a quoted string closes, brackets count again
    ("a: ['x', " + "[" * 200 + "]" * 200 + "]", True),
    # block levels: a deeper indent opens one, the same or a shallower one does not
    (_nested_keys(200), False),
    (_nested_keys(201), True),
    ("".join(f"k{n}: {'v' * 60}\n" for n in range(250)), False),  # 250 siblings, long enough to be measured
    ("a:\n" + " " * 120 + "b: " + "[" * 150 + "]" * 150, False),  # one indent is one level, however wide
    # `- ` items on one line each open a level
    ("a:\n" + "- " * 5001 + "x", True),
])
def test_the_nesting_limit(yaml_text: str, refused: bool) -> None:
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    assert [(d.code, d.message) for d in diagnostics] == ([("yaml-too-large", TOO_DEEP)] if refused else [])
    assert (raw == {}) is refused


TOO_DEEP = "frontmatter YAML is nested too deeply to read"
HINT = "fix the YAML or remove the frontmatter block; the note is loaded without it"
ALIAS_HINT = "remove the YAML aliases (`*name`); the note is loaded without its frontmatter"


def test_a_refusal_is_one_error_at_the_frontmatters_first_line() -> None:
    raw, diagnostics = parse_frontmatter("a: " + "[" * 201 + "]" * 201, "notes/deep.md", 2)
    assert raw == {}
    assert [(d.path, d.line, d.level, d.code, d.message, d.hint) for d in diagnostics] == [
        ("notes/deep.md", 2, "error", "yaml-too-large", TOO_DEEP, HINT)]


def _expanding(uses: int, items: int) -> str:
    """A list of `items` values used `uses` times by alias: 5 + items + uses * (1 + items) YAML values
    (the root, two keys, the list, the list of aliases, and each alias expanded)."""
    return "a: &a [" + ", ".join(["x"] * items) + "]\nb: [" + ", ".join(["*a"] * uses) + "]\n"


@pytest.mark.parametrize(("yaml_text", "message"), [
    (_expanding(100, 1), None),  # 100 alias uses: allowed
    (_expanding(101, 1), "frontmatter YAML uses aliases more than 100 times"),
    (_expanding(25, 3845), None),  # exactly 100,000 values once expanded
    (_expanding(25, 3846), "frontmatter expands to more than 100,000 YAML values"),  # 100,026
    ("a: &a [b, *a]", "frontmatter YAML uses a recursive alias"),
])
def test_alias_limits(yaml_text: str, message: str | None) -> None:
    raw, diagnostics = parse_frontmatter(yaml_text, "n.md", 2)
    if message is None:
        assert diagnostics == [] and len(raw["b"]) == yaml_text.count("*a")
    else:
        assert raw == {}
        assert [(d.line, d.level, d.code, d.message, d.hint) for d in diagnostics] == [
            (2, "error", "yaml-too-large", message, ALIAS_HINT)]


def _meta(yaml_text: str) -> tuple[object, list[tuple[int, str, str, str]]]:
    raw, problems = parse_frontmatter(yaml_text, "n.md", 2)
    assert problems == []
    meta, diagnostics = normalise_meta(raw, "n.md", {}, 2)
    return meta, [(d.line, d.code, d.message, d.hint) for d in diagnostics]


@pytest.mark.parametrize(("year", "kept"), [(1900, True), (2100, True), (1899, False), (2101, False)])
def test_years_from_1900_to_2100(year: int, kept: bool) -> None:
    meta, problems = _meta(f"year: {year}")
    assert meta.year == (year if kept else None)  # type: ignore[attr-defined]
    assert problems == ([] if kept else [(2, "bad-year", f"year: {year} is not a year",
                                          "write a four-digit year, e.g. `year: 2023`")])


def test_list_items_tags_and_links_exactly() -> None:
    meta, problems = _meta('authors: [Ann, 1, {a: b}]\ntags: ["#a", " #b "]\naliases: ["#x"]\ncode: 5\n'
                           'links:\n  doi: "10.1109/CVPR.2023.00001"\n  paper: "doi:10.1109/x.1"\n'
                           '  arxiv: "2401.03048"\n  project: 7\n')
    assert meta.authors == ("Ann", "1")  # type: ignore[attr-defined]
    assert meta.tags == ("a", "b") and meta.aliases == ("#x",)  # type: ignore[attr-defined]  # `#` is a tag's
    assert meta.links == (  # type: ignore[attr-defined]
        ("paper", "https://doi.org/10.1109/cvpr.2023.00001"), ("paper", "https://doi.org/10.1109/x.1"),
        ("paper", "https://arxiv.org/abs/2401.03048"))
    assert problems == [
        (2, "bad-link", "code: 5 is not a link", "write a URL, e.g. `code: https://...`"),
        (2, "bad-link", "links: 7 is not a link", "write a URL, e.g. `project: https://...`"),
        (2, "bad-authors", "authors: {'a': 'b'} is not a author", "write `authors: [a, b]` or one `- author` per line"),
    ]
