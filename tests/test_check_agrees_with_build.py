"""`papernotes check` and `mkdocs build` read one mkdocs.yml, publish the same notes, report the same problems."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import NOTES, ROOT
from tests.test_site_build import write_vault

# Problems of every kind the build logs, in published, private, excluded and unreadable files.
GARDEN = {
    "garden/published.md": """
        ---
        dg-publish: true
        title: A Published Paper
        year: 2023
        ---
        # A Published Paper
        See [[Nowhere at all]], [[Home#No such heading]] and [[garden/private|the private one]].

        ```dataviewjs
        dv.list([])
        ```

        ```dataview
        LIST nosuchfunction(file.name)
        ```
        """,
    "garden/private.md": "---\npublish: false\n---\n# Private\nBroken [[Also nowhere]] in a private note.\n",
    "garden/unflagged.md": "# Unflagged\n[[Broken in unflagged note]]: published unless `publish: explicit`.\n",
    "garden/flag-typo.md": "---\ndg-publish: ture\n---\n# Meant to be published\n[[Broken in typo note]]\n",
    "garden/Views.base": "views:\n  - type: cards\n    name: Cards\n",
    "Private/excluded.md": "---\ndg-publish: true\n---\n# Excluded\n[[Broken in excluded note]]\n",
    # MkDocs drops README.md beside index.md before plugins run; with index.md private, the
    # README is the folder's page in the build, as check says
    "folder/index.md": "---\npublish: false\n---\n# Private index\n[[Broken in private index]]\n",
    "folder/README.md": "---\ndg-publish: true\n---\n# Folder readme\n[[Broken in readme]]\n",
    # a drawing that runs script when opened: left out of the site with a warning, by both
    "garden/drawing.md": "---\ndg-publish: true\n---\n# Drawings\n\n"
                         "![[diagram.svg]] ![[plain.svg]] ![[Private/diagram.svg]]\n",
    "garden/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "garden/plain.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    "Private/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
}
LOGGED = re.compile(r"(?P<path>.+?):(?P<line>\d+): (?P<message>.*)", re.DOTALL)


@pytest.fixture(params=["explicit", "all"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A folder with mkdocs.yml and a vault: the example notes, the bad-input corpus and GARDEN."""
    vault = tmp_path / "vault"
    shutil.copytree(NOTES, vault)
    shutil.copytree(ROOT / "tests" / "badinput" / "vault", vault / "bad")
    write_vault(vault, GARDEN)
    (vault / "garden" / "binary.md").write_bytes(b"\x00\x01 not a note")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Agree\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - papernotes:\n      search: none\n      publish: {request.param}\n"
        f"      exclude: ['Private/**']\n", encoding="utf-8")
    return tmp_path


def built(project: Path, caplog: pytest.LogCaptureFixture) -> set[tuple[str, int, str, str]]:
    """(path, line, level, message) of every problem `mkdocs build` logged, infos included (DEBUG)."""
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.papernotes"):
        build(load_config(str(project / "mkdocs.yml"), strict=False))
    levels = {"ERROR": "error", "WARNING": "warning", "DEBUG": "info"}
    found = set()
    for record in caplog.records:
        match = LOGGED.fullmatch(record.getMessage())
        if record.name == "mkdocs.plugins.papernotes" and match and record.levelname in levels:
            found.add((match["path"], int(match["line"]), levels[record.levelname], match["message"]))
    return found


def checked(project: Path) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-m", "papernotes", "check", "--format", "json", "-f",
                             str(project / "mkdocs.yml")], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 1, result.stderr  # the corpus has errors: exit status 1, never 2
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_check_reports_exactly_what_the_build_logs(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    logged = built(project, caplog)
    document = checked(project)
    reported = {(d["path"], d["line"], d["level"], d["message"] + (f" ({d['hint']})" if d["hint"] else ""))
                for d in document["diagnostics"]}  # type: ignore[union-attr, index]
    assert reported == logged
    codes = {(d["path"], d["code"]) for d in document["diagnostics"]}  # type: ignore[union-attr, index]
    assert ("garden/published.md", "broken-link") in codes
    assert ("garden/flag-typo.md", "bad-publish") in codes  # why it is private: reported
    assert ("garden/binary.md", "binary-file") in codes  # not a note: reported
    assert ("garden/diagram.svg", "active-file") in codes  # left out of the site: reported
    assert not (project / "site" / "garden" / "diagram.svg").exists()
    assert (project / "site" / "garden" / "plain.svg").is_file()
    assert not {path for path, _ in codes} & {"garden/private.md", "Private/excluded.md"}
    explicit = "publish: explicit" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert (("garden/unflagged.md", "broken-link") in codes) is not explicit
    assert any(code == "paper-incomplete" for _, code in codes)
    assert any(path == "garden/Views.base" for path, _ in codes)


def test_check_covers_the_notes_the_build_publishes(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    built(project, caplog)
    document = checked(project)
    # the build's log line counts the links `check` counts
    [graph_line] = [record.getMessage() for record in caplog.records if "built the graph" in record.getMessage()]
    links = sum(note["links"] for note in document["notes"])  # type: ignore[attr-defined, index]
    assert f" {links:,} links," in graph_line, graph_line
    checked_notes = {note["path"] for note in document["notes"]}  # type: ignore[attr-defined, index]
    vault, site = project / "vault", project / "site"
    pages: dict[Path, list[str]] = {}  # a page and the notes that could make it (index.md, README.md)
    for path in vault.rglob("*.md"):
        key = path.relative_to(vault).as_posix()
        folder, _, name = key.rpartition("/")
        page = site / (folder if name in ("index.md", "README.md") else key.removesuffix(".md")) / "index.html"
        if key not in ("Home.md", "garden/binary.md"):  # Home is served as the site's index.html
            pages.setdefault(page, []).append(key)
    for page, keys in pages.items():
        assert page.is_file() is any(key in checked_notes for key in keys), keys
    assert "garden/published.md" in checked_notes and "garden/private.md" not in checked_notes
    assert "folder/README.md" in checked_notes and "folder/index.md" not in checked_notes
    assert "Folder readme" in (site / "folder" / "index.html").read_text(encoding="utf-8")
