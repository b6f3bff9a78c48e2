"""A Bases expression that fails on the data is reported at its own line (session 10, branch
names10): the filter as written, the formula's or the summary's key, in a `.base` file and in a
```` ```base ```` block (the block's line plus the line inside it). It was line 0 for a `.base` file
and the block's first line for a block."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from papernotes.dataview.bases import line_of, parse_base
from tests.test_site_build import build_site, write_vault

HEAD = "filters:\n  and:\n    - file.hasTag(\"paper\")\n"
CASES = {  # the base -> the line of the failing expression, the text of the message
    "formula": (HEAD + "formulas:\n  fine: \"1 + 1\"\n  when: 'date(\"someday\")'\nviews:\n  - type: table\n"
                "    name: T\n    order: [file.name, formula.fine, formula.when]\n", 6, "formula.when"),
    "formula used by a formula": (
        HEAD + "formulas:\n  when: 'date(\"someday\")'\n  later: formula.when\nviews:\n  - type: table\n"
        "    name: T\n    order: [formula.later]\n", 5, "formula.when"),
    "view filter": ("views:\n  - type: table\n    name: T\n    filters:\n      and:\n        - file.name != \"x\"\n"
                    "        - 'date(\"someday\") > now()'\n", 7, "date(\"someday\") > now()"),
    "filter naming a missing formula": (HEAD + "views:\n  - type: table\n    name: T\n"
                                        "    filters: formula.nowhere > 1\n", 7, "formula.nowhere > 1"),
    "summary": (HEAD + "summaries:\n  odd: 'date(\"someday\")'\nviews:\n  - type: table\n    name: T\n"
                "    order: [file.name]\n    summaries:\n      file.name: odd\n", 5, "summaries.odd"),
}


@pytest.mark.parametrize("case", CASES)
def test_line_of_names_the_expressions_line(case: str) -> None:
    text, line, where = CASES[case]
    assert line_of(parse_base(text), where) == line


def _file(case: str) -> str:
    return case.replace(" ", "-") + ".base"


def test_a_build_reports_each_failing_expression_at_its_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocks, at = "# Blocks\n", {}
    for case, (text, _, _) in CASES.items():
        blocks += f"\n## {case}\n\n"
        at[case] = blocks.count("\n") + 1  # the fence's line
        blocks += f"```base\n{text}```\n"
    docs = write_vault(tmp_path / "docs", {"index.md": "---\ntags: [paper]\n---\n# Home\n", "blocks.md": blocks,
                                          **{f"bases/{_file(case)}": text for case, (text, _, _) in CASES.items()}})
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.papernotes")
    build_site(docs, tmp_path / "site", strict=False)
    messages = {r.getMessage().rsplit(" (", 1)[0] for r in caplog.records if r.name == "mkdocs.plugins.papernotes"}
    for case, (_, line, where) in CASES.items():
        assert [m for m in messages if m.startswith(f"bases/{_file(case)}:{line}: query failed:")
                and m.endswith(f", in `{where}`")], (case, messages)
        assert [m for m in messages if m.startswith(f"blocks.md:{at[case] + line}: query failed:")
                and m.endswith(f", in `{where}`")], (case, messages)


DEEP = "file" + ".a" * 3000  # parses in a loop, evaluates by recursion: past Python's limit of 1,000
TOO_DEEP = {  # the base -> the line of the expression nested too deeply, how the message names it
    "deep filter": (f"filters:\n  and:\n    - file.name != \"x\"\n    - '{DEEP}'\nviews:\n  - type: table\n"
                    "    name: T\n", 4, DEEP[:120] + "…"),
    "deep view filter": (f"views:\n  - type: table\n    name: T\n    filters: '{DEEP}'\n", 4, DEEP[:120] + "…"),
    "deep formula": (f"formulas:\n  fine: \"1 + 1\"\n  deep: '{DEEP}'\nviews:\n  - type: table\n    name: T\n"
                     "    order: [file.name, formula.deep]\n", 3, "formula.deep"),
    "deep summary": (f"summaries:\n  deep: '{DEEP.replace('file', 'values')}'\nviews:\n  - type: table\n"
                     "    name: T\n    order: [file.name]\n    summaries:\n      file.name: deep\n", 2,
                     "summaries.deep"),
}


def test_an_expression_nested_too_deeply_to_evaluate_is_reported_at_its_line(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Line 0 before (the view's error had no expression); the message quotes a hostile
    expression's first 120 characters, not its 6,000."""
    docs = write_vault(tmp_path / "docs", {"index.md": "---\ntags: [paper]\n---\n# Home\n",
                                          **{f"bases/{_file(case)}": text for case, (text, _, _) in TOO_DEEP.items()}})
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.papernotes")
    site = build_site(docs, tmp_path / "site", strict=False)
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.papernotes"]
    for case, (_, line, where) in TOO_DEEP.items():
        assert [m for m in messages if m.startswith(f"bases/{_file(case)}:{line}: query failed: ")
                and f"nested too deeply to evaluate, in `{where}` (" in m and len(m) < 500], (case, messages)
        page = (site / "bases" / _file(case).removesuffix(".base") / "index.html").read_text(encoding="utf-8")
        assert "nested too deeply" in page, case
