"""What MkDocs never builds (a top `templates/` folder, dot files, `exclude_docs`) is never
published, linked, checked or exported: the build and `papernotes check` agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.loader import is_excluded
from papernotes.options import Options
from papernotes.outputs import excluding, mkdocs_excluded
from tests.test_check_agrees_with_build import built
from tests.test_check_parity_collisions import run
from tests.test_site_build import write_vault

VAULT = {
    "Home.md": "# Home\nSee [[Survey]], [[Paper template]] and [[Idea]].\n",
    "Survey.md": "# Survey\nA [[Nowhere]] link.\n",
    # Obsidian's Templates plugin keeps its notes here; MkDocs never builds a top `templates/`
    "templates/Paper template.md": ("---\ntitle: \"{{title}}\"\nyear: 2024\n---\n# {{title}}\n"
                                    "[[Missing]] TEMPLATE-CANARY\n"),
    "drafts/Idea.md": "# Idea\n[[Also missing]] DRAFT-CANARY\n",
    "notes/templates/Kept.md": "# Kept\nOnly the top templates/ folder is MkDocs'.\n",
}


def test_mkdocs_excludes_as_mkdocs_matches_them() -> None:
    paths = ["templates/A.md", "Templates/B.md", "notes/templates/C.md", ".trash/D.md", "drafts/E.md", "F.md"]
    assert sorted(mkdocs_excluded(paths, "drafts/\n")) == [".trash/D.md", "drafts/E.md", "templates/A.md"]
    options = excluding(Options(exclude=("Private/**",)), ["odd [1]*?.md"])
    assert options.exclude == ("Private/**", "odd [[]1[]][*][?].md")
    assert is_excluded("odd [1]*?.md", options.exclude) and not is_excluded("odd 1x.md", options.exclude)


def test_the_build_and_check_leave_out_what_mkdocs_excludes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_vault(tmp_path / "vault", VAULT)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Excludes\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"
        "exclude_docs: |\n  drafts/\nplugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    logged = built(tmp_path, caplog)
    document = run(tmp_path, "check", "--format", "json")
    diagnostics: list[dict[str, object]] = document["diagnostics"]  # type: ignore[assignment]
    reported = {(d["path"], d["line"], d["level"], f"{d['message']} ({d['hint']})" if d["hint"] else d["message"])
                for d in diagnostics}
    assert reported == logged
    assert sorted((d["path"], d["code"]) for d in diagnostics) == [("Survey.md", "broken-link")]
    checked = {note["path"] for note in document["notes"]}  # type: ignore[attr-defined, index]
    assert checked == {"Home.md", "Survey.md", "notes/templates/Kept.md"}
    exported = {note["path"] for note in run(tmp_path, "export")["notes"]}  # type: ignore[attr-defined, index]
    assert exported == checked
    site = tmp_path / "site"
    assert (site / "notes" / "templates" / "Kept" / "index.html").is_file()
    assert not (site / "templates").exists() and not (site / "drafts").exists()
    home = (site / "index.html").read_text(encoding="utf-8") if (site / "index.html").exists() else \
        (site / "Home" / "index.html").read_text(encoding="utf-8")
    assert "templates/" not in home and "drafts/" not in home
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"TEMPLATE-CANARY" not in data and b"DRAFT-CANARY" not in data, path
