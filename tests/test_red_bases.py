"""Hostile Obsidian Bases (session 9, branch red9): a `.base` file whose YAML nests thousands
deep, whose expressions nest thousands deep (`((((…`, `!!!!…`, `max(max(…`, `file.a.a.a…`), or
whose YAML is an alias bomb stopped `mkdocs build` and `papernotes check` with a RecursionError
traceback, or never ended (a bomb of 9^9 values was built, then printed by `str`). Generated:
every deep shape x every place of a base that holds an expression, plus YAML nesting and alias
bombs at every top-level key, as `.base` files and as ```` ```base ```` blocks in a note. Each
must give a warning at its file and line, the page a notice, and the build must end."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from papernotes.cli import main
from papernotes.dataview.bases import BaseSyntaxError, parse_base
from tests.test_site_build import build_site, write_vault

DEPTH = 3000  # past Python's default recursion limit of 1,000, whatever the stack above it

SHAPES = {
    "parentheses": "(" * DEPTH + "true" + ")" * DEPTH,
    "nots": "!" * DEPTH + "true",
    "minuses": "-" * DEPTH + "1 == 1",
    "calls": "max(" * DEPTH + "1" + ")" * DEPTH,
    "lists": "[" * DEPTH + "1" + "]" * DEPTH,
    "attributes": "file" + ".a" * DEPTH,
}
VIEW = "views:\n  - type: table\n    name: T\n"
PLACES = {
    "filters": lambda e: f"filters: '{e}'\n{VIEW}",
    "view filters": lambda e: f"views:\n  - type: table\n    name: T\n    filters: '{e}'\n",
    "and filters": lambda e: f"filters:\n  and:\n    - '{e}'\n{VIEW}",
    "formula": lambda e: f"formulas:\n  f: '{e}'\n{VIEW}    order: [formula.f]\n",
}
_NINE = lambda name: "[" + ", ".join([f"*{name}"] * 9) + "]"  # noqa: E731
BOMB = 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n' + "".join(
    f"a{n}: &a{n} {_NINE(f'a{n - 1}')}\n" for n in range(1, 9))
YAML = {
    "nested and": "filters:\n  and:\n    - " + "{and: [" * DEPTH + "'true'" + "]}" * DEPTH + f"\n{VIEW}",
    "nested properties": "properties:\n  p: " + "[" * DEPTH + "]" * DEPTH + f"\n{VIEW}",
    **{f"bomb in {key}": BOMB + text for key, text in {
        "formulas": f"formulas: {{f: *a8}}\n{VIEW}",
        "properties": f"properties: {{p: *a8}}\n{VIEW}",
        "filters": f"filters: *a8\n{VIEW}",
        "views": "views: [{type: table, name: *a8}]\n",
        "order": "views: [{type: table, name: T, order: *a8}]\n",
    }.items()},
}
CASES = {f"{shape} in {place}": PLACES[place](SHAPES[shape]) for shape in SHAPES for place in PLACES} | YAML


def _file(case: str) -> str:
    return case.replace(" ", "-") + ".base"


@pytest.mark.parametrize("case", [case for case in CASES if case in YAML or case.endswith("in filters")])
def test_parse_base_refuses_what_cannot_be_read_with_a_place(case: str) -> None:
    """The YAML cases are refused before any value is built (a bomb's 9^9 values never are)."""
    text = CASES[case]
    if case in YAML or not case.startswith("attributes"):
        with pytest.raises(BaseSyntaxError) as raised:
            parse_base(text)
        assert raised.value.line >= 1 and raised.value.column >= 1
        assert "too deeply" in raised.value.message or "expands to more than" in raised.value.message
    else:
        parse_base(text)  # `file.a.a…` parses in a loop; evaluating it is what recursed


def test_a_build_and_check_with_hostile_bases_end_with_a_warning_at_each(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = "".join(f"\n## {case}\n\n```base\n{text}```\n" for case, text in CASES.items())
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", "blocks.md": "# Blocks\n" + blocks,
                                          **{f"bases/{_file(case)}": text for case, text in CASES.items()}})
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.papernotes")
    site = build_site(docs, tmp_path / "site", strict=False)
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.papernotes"]
    for case in CASES:
        page = (site / "bases" / _file(case).removesuffix(".base") / "index.html").read_text(encoding="utf-8")
        assert "too deeply" in page or "expands to more than" in page, case
        assert [m for m in messages if m.startswith(f"bases/{_file(case)}:")], case
    blocks_page = (site / "blocks" / "index.html").read_text(encoding="utf-8")
    assert blocks_page.count("Dataview: ") == len(CASES)  # each block shows its own notice
    lines = {int(m.split(":")[1]) for m in messages if m.startswith("blocks.md:")}
    assert len(lines) == len(CASES) and min(lines) > 1  # each at its own block's line
    assert main(["check", str(docs)]) == 0  # `papernotes check` reads the same bases: warnings, no traceback
    out = capsys.readouterr().out
    assert all(f"bases/{_file(case)}:" in out for case in CASES)
