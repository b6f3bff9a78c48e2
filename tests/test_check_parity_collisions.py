"""`papernotes check` and `export` withhold the notes `mkdocs build` withholds, and report every
collision and missing theme template the build logs: the same problems, on the same published notes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_check_agrees_with_build import built
from tests.test_site_build import write_vault

PUBLISH = "---\ndg-publish: true\n---\n"
# Every kind of collision, a theme template and an icon the theme lacks, and ordinary problems.
# Each note opts in (dg-publish), so `publish: explicit` publishes them too, but `Unflagged/`.
HOSTILE = {
    "Home.md": PUBLISH + "# Home\nSee [[Kept]], [[Nowhere]], [[sitemap.xml]] and [timeline](timeline/index.html).\n",
    "Kept.md": PUBLISH + "# Kept\nA [[Home#No such heading]] link. ![[pic.png]]\n",
    "Styled.md": "---\ndg-publish: true\ntemplate: no-such-layout.html\nicon: material/no-such-icon-xyz\n---\n"
                 "# Styled\n",
    "Good icon.md": "---\ndg-publish: true\nicon: material/book\ntemplate: main.html\n---\n# Good icon\n",
    # MkDocs' and Material's own outputs
    "sitemap.xml.md": PUBLISH + "# Sitemap\nA [[Broken in a withheld note]].\n",
    "404.html.md": "---\ndg-publish: true\ntemplate: missing-in-withheld.html\n---\n# Not found\n",
    "assets/images/favicon.png.md": PUBLISH + "# Favicon\n",
    "search/Query.md": PUBLISH + "# Query\n",
    # papernotes' generated pages and assets, Pagefind's folder
    "papers.md": PUBLISH + "# My papers\n",
    "feed.xml.md": PUBLISH + "# Feed\n",
    "_papernotes.md": PUBLISH + "# Underscore\n",
    "_papernotes/notes.md": PUBLISH + "# Inside assets\n",
    "pagefind/Index notes.md": PUBLISH + "# Pagefind\n",
    "pagefind/pagefind-data.json": "{}\n",
    # between two notes
    "Dup.md": PUBLISH + "# Dup upper\n",
    "dup.md": PUBLISH + "# dup lower\n",
    "c/index.md": PUBLISH + "# C index\n",
    "c/README.md": PUBLISH + "# C readme\n",
    "a.md": PUBLISH + "# A\n",
    "a/index.md": PUBLISH + "# A index\n",
    # between notes and files
    "pic.png.md": PUBLISH + "# Pic note\n",
    "pic.png": "not really a png\n",
    "x.md": PUBLISH + "# X\n",
    "x/index.html": "<p>a vault html file</p>\n",
    "timeline/index.html": "<p>where the Timeline page goes</p>\n",
    # collides only when every note is published
    "Unflagged/404.html.md": "# Unflagged\n",
    "sitemap.xml.gz.md": "# Unflagged gz\n",
}
WITHHELD_ALWAYS = {"sitemap.xml.md", "404.html.md", "feed.xml.md", "assets/images/favicon.png.md", "search/Query.md",
                   "_papernotes.md", "_papernotes/notes.md", "pagefind/Index notes.md", "dup.md", "c/README.md",
                   "a/index.md"}
WITHHELD_ALL = {"sitemap.xml.gz.md"}  # `Unflagged/404.html.md` lands on Unflagged/404.html/index.html: fine


@pytest.fixture(params=["all", "explicit"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    write_vault(tmp_path / "vault", HOSTILE)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hostile\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\n  - papernotes:\n      publish: {request.param}\n", encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-m", "papernotes", *args, "-f", str(project / "mkdocs.yml")],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_check_and_export_withhold_and_report_what_the_build_does(
        project: Path, caplog: pytest.LogCaptureFixture) -> None:
    explicit = "publish: explicit" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    logged = built(project, caplog)
    document = run(project, "check", "--format", "json")
    diagnostics: list[dict[str, object]] = document["diagnostics"]  # type: ignore[assignment]
    reported = {(d["path"], d["line"], d["level"], f"{d['message']} ({d['hint']})" if d["hint"] else d["message"])
                for d in diagnostics}
    assert reported == logged
    withheld = WITHHELD_ALWAYS | (set() if explicit else WITHHELD_ALL)
    collisions = {d["path"] for d in diagnostics if d["code"] == "output-collision"}
    # a losing note or file is warned at; a generated page that loses, at what took its place
    assert collisions == withheld | {"pagefind/pagefind-data.json", "pic.png", "x/index.html", "timeline/index.html"}
    # the withheld notes' own problems (a broken link, a missing template) are not reported
    assert sorted((d["path"], d["line"], d["code"]) for d in diagnostics if d["code"] != "output-collision") == [
        ("Home.md", 5, "broken-link"), ("Kept.md", 5, "ambiguous-link"), ("Kept.md", 5, "missing-heading"),
        ("Styled.md", 1, "bad-page-meta"), ("Styled.md", 1, "bad-page-meta"),
        ("papers.md", 0, "output-joined")]  # the Papers table is shown below the note papers.md
    assert sorted(d["message"] for d in diagnostics if d["code"] == "bad-page-meta") == [
        "icon: the theme has no .icons/material/no-such-icon-xyz.svg",
        "template: the theme has no no-such-layout.html"]
    checked = {note["path"] for note in document["notes"]}  # type: ignore[attr-defined, index]
    expected = set(HOSTILE) - withheld - {"pagefind/pagefind-data.json", "pic.png", "x/index.html",
                                          "timeline/index.html"}
    if explicit:
        expected -= {"Unflagged/404.html.md", "sitemap.xml.gz.md"}
    assert checked == expected
    summary: dict[str, int] = document["summary"]  # type: ignore[assignment]
    assert (summary["notes"], summary["private"], summary["withheld"]) == (
        len(expected), 2 if explicit else 0, len(withheld))
    exported = {note["path"] for note in run(project, "export")["notes"]}  # type: ignore[attr-defined, index]
    assert exported == expected
    site = project / "site"
    assert not (site / "sitemap.xml" / "index.html").exists() and (site / "sitemap.xml").is_file()
    assert (site / "Dup" / "index.html").is_file() and (site / "a" / "index.html").is_file()
    assert "C index" in (site / "c" / "index.html").read_text(encoding="utf-8")
    assert "Pic note" in (site / "pic.png" / "index.html").read_text(encoding="utf-8")
    assert not (site / "pagefind" / "pagefind-data.json").exists()
    assert "where the Timeline page goes" not in (site / "timeline" / "index.html").read_text(encoding="utf-8")
