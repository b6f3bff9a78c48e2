"""End to end: a vault with a .bib and citing notes, built with `mkdocs build`, and exported."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_site_build import build_site, page

VAULT = Path(__file__).parent / "golden" / "bib" / "vault"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bib")
    docs = root / "docs"
    shutil.copytree(VAULT, docs)
    return build_site(docs, root / "site", strict=False)


def test_citations_link_and_references_close_the_note(site: Path) -> None:
    html = page(site, "Reading notes")
    assert '<a class="pn-cite" href="../Attention/"' in html and '<a class="pn-cite" href="../ResNet/"' in html
    assert '<h2 id="pn-references">References</h2>' in html
    assert "[@hee2016deep]" in html  # the unknown key, as written
    assert "someone@example.org" in html and "<code>@he2016deep</code>" in html


def test_paper_page_has_the_cite_block_and_library_facts(site: Path) -> None:
    html = page(site, "ResNet")
    assert 'class="pn-cite-block"' in html and "@inproceedings{he2016deep," in html
    assert ('<a class="pn-author" href="../authors/kaiming-he/">Kaiming He</a>, '
            '<a class="pn-author" href="../authors/xiangyu-zhang/">Xiangyu Zhang</a>') in html
    assert '<a class="pn-chip pn-venue" href="../venues/cvpr/">CVPR</a> · 2016' in html
    assert "Masked Autoencoders" in page(site, "authors/kaiming-he")  # a library paper joins its author
    assert "data-pn-copy" in (site / "_papernotes" / "papernotes.js").read_text(encoding="utf-8")


def test_site_bibliographies_are_linked_from_the_papers_page(site: Path) -> None:
    assert 'href="../papers.bib"' in page(site, "papers")
    bibtex = (site / "papers.bib").read_text(encoding="utf-8")
    assert bibtex.count("\n@") == 3 and "@article{ho2020denoising," in bibtex
    items = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == ["he2016deep", "he2022masked", "ho2020denoising", "vaswani2017attention"]


def test_unknown_citekey_fails_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    shutil.copytree(VAULT, tmp_path / "docs")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path / "docs", tmp_path / "site", strict=True)
    assert "Did you mean @he2016deep?" in caplog.text


@pytest.mark.parametrize("form", ["bibtex", "csl-json"])
def test_export_command(form: str) -> None:
    result = subprocess.run([sys.executable, "-m", "papernotes", "export", str(VAULT), "--format", form],
                            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "he2016deep" in result.stdout and "Deep Residual Learning for Image Recognition" in result.stdout
    if form == "csl-json":
        assert json.loads(result.stdout)[0]["id"] == "he2016deep"


def test_check_reports_library_and_citation_problems(tmp_path: Path) -> None:
    shutil.copytree(VAULT, tmp_path / "docs")
    with (tmp_path / "docs" / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@article{broken, title={Unclosed\n")
    result = subprocess.run([sys.executable, "-m", "papernotes", "check", str(tmp_path / "docs")],
                            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert "Reading notes.md:4: warning: citation @hee2016deep matches no library entry" in result.stdout
    assert "refs.bib:30: warning: malformed BibTeX entry" in result.stdout


def test_check_and_export_read_the_libraries_of_mkdocs_yml(tmp_path: Path) -> None:
    """`bibliography` (relative to mkdocs.yml) and `library_papers` reach `papernotes check` and
    `export` as they reach the build: both go through publish()."""
    shutil.copytree(VAULT, tmp_path / "docs")
    (tmp_path / "docs" / "refs.bib").rename(tmp_path / "library.bib")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nplugins:\n  - papernotes:\n      bibliography: [library.bib]\n"
                      "      library_papers: false\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "papernotes", *args, "-f", str(config)], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)

    exported = run("export", "--format", "bibtex")
    assert exported.returncode == 0, exported.stderr
    assert "@inproceedings{he2016deep," in exported.stdout  # the entry of mkdocs.yml's library
    assert "Masked Autoencoders" not in exported.stdout  # library_papers: false
    checked = run("check")
    assert "Did you mean @he2016deep?" in checked.stdout
