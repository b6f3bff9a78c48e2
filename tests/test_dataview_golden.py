"""Dataview queries and Bases over a fixture vault, checked against reviewed golden Markdown.

Regenerate after an intended change with `UPDATE_GOLDEN=1 ./dev test -k golden` (it writes, then fails;
refused under CI), and review `git diff tests/fixtures/dataview/golden` before committing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from papernotes.dataview import QueryRenderer
from papernotes.dataview.site import base_pages
from papernotes.diagnostics import Diagnostic
from papernotes.loader import load_vault
from papernotes.pages import Site, build_site
from tests.goldens import check_files

FIXTURES = Path(__file__).parent / "fixtures" / "dataview"
VAULT = FIXTURES / "vault"
GOLDEN = FIXTURES / "golden"
TODAY = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def site() -> Site:
    vault = load_vault(VAULT)
    return build_site(vault.notes, vault.attachments)


def _check(name: str, text: str) -> None:
    check_files(GOLDEN, {name: text}, exact=False)


def _render_note(site: Site, key: str) -> str:
    renderer = QueryRenderer(site.graph, site.src_of, TODAY)
    note = site.graph.notes[key]  # type: ignore[index]
    parts = []
    for query in note.queries:
        rendered = renderer.render(query, note.path)
        parts.append(f"<!-- {query.info} block at line {query.line} -->\n\n{rendered.markdown}\n")
        parts += [f"<!-- {d.format()} -->\n" for d in rendered.diagnostics]
    return "\n".join(parts)


QUERY_NOTES = ["Queries/Tables.md", "Queries/Lists.md", "Queries/Groups.md", "Queries/Tasks.md",
               "Queries/Errors.md", "Queries/Bases.md", "Queries/Inline.md"]


@pytest.mark.parametrize("key", QUERY_NOTES)
def test_queries_match_golden(site: Site, key: str) -> None:
    _check(key.replace("Queries/", "").replace(".md", ".golden.md"), _render_note(site, key))


def test_base_files_match_golden(site: Site) -> None:
    problems: list[Diagnostic] = []
    vault = load_vault(VAULT)
    pages = base_pages(site, VAULT, vault.attachments, (), problems.append, TODAY)
    assert sorted(pages) == ["Bases/Diffusion.md", "Bases/Reading.md"]
    assert problems == []
    check_files(GOLDEN, {src.replace("Bases/", "base-"): markdown for src, markdown in pages.items()}, exact=False)


def test_fixture_covers_enough_queries(site: Site) -> None:
    queries = [q for key in QUERY_NOTES for q in site.graph.notes[key].queries]  # type: ignore[index]
    bases = [q for q in queries if q.info == "base"] + list(VAULT.glob("**/*.base"))
    assert len([q for q in queries if q.info == "dataview"]) >= 25
    assert len(bases) >= 5


def test_private_notes_are_never_queried(site: Site) -> None:
    for key in QUERY_NOTES:
        assert "secret" not in _render_note(site, key).lower()


def test_unsupported_and_syntax_errors_are_visible_with_lines(site: Site) -> None:
    text = _render_note(site, "Queries/Errors.md")
    assert "> [!warning] Dataview: dataviewjs is not supported" in text
    assert "> [!warning] Dataview: the function foo() is not supported" in text
    assert "> [!failure] Dataview: syntax error at line 2, column 13" in text
    assert "Queries/Errors.md:15: warning: query syntax error at line 2, column 13" in text
    assert "dv.table" not in text  # the JavaScript is never shown as content
