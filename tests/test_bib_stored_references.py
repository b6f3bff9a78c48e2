"""Formatted References kept in papernotes' store between builds (`bib/stored_references.py`):
read back when nothing they are made of changed, formatted again when the library entry changed,
and never markup that citeproc-py does not write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from papernotes.bib import csl
from tests.test_site_build import build_site, page

VAULT = Path(__file__).parent / "golden" / "bib" / "vault"


def _references(site: Path) -> str:
    html = page(site, "Reading notes")
    return html[html.index('<section class="pn-references">'):html.index("</section>", html.index("pn-references"))]


def _fresh_build(docs: Path, site: Path) -> str:
    """A build as a new process makes it: nothing formatted is remembered in memory."""
    csl._format.cache_clear()
    build_site(docs, site, strict=False)
    return _references(site)


def _kept(store: Path) -> list[Path]:
    return sorted((store / "references").rglob("*.json"))


def test_references_are_read_back_and_formatted_again_after_an_edited_bib(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERNOTES_CACHE", str(tmp_path / "store"))
    docs = tmp_path / "docs"
    shutil.copytree(VAULT, docs)
    first = _fresh_build(docs, tmp_path / "site")
    assert "Deep Residual Learning for Image Recognition" in first and len(_kept(tmp_path / "store")) == 4

    formatted = []
    original = csl._citeproc_format
    monkeypatch.setattr(csl, "_citeproc_format", lambda *args: formatted.append(args) or original(*args))
    assert _fresh_build(docs, tmp_path / "site") == first and formatted == []  # all read back

    bib = docs / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Deep Residual Learning", "Deeper Residual Learning"),
                   encoding="utf-8")
    edited = _fresh_build(docs, tmp_path / "site")
    assert "Deeper Residual Learning for Image Recognition" in edited
    assert "Deep Residual Learning" not in edited and len(formatted) == 1  # only the edited entry
    assert edited == first.replace("Deep Residual", "Deeper Residual")
    csl._format.cache_clear()


def test_a_planted_file_is_never_read_as_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERNOTES_CACHE", str(tmp_path / "store"))
    docs = tmp_path / "docs"
    shutil.copytree(VAULT, docs)
    first = _fresh_build(docs, tmp_path / "site")
    for path in _kept(tmp_path / "store"):
        path.write_text('["<img src=x onerror=alert(1)>"]', encoding="utf-8")
    again = _fresh_build(docs, tmp_path / "site")
    assert again == first and "onerror" not in page(tmp_path / "site", "Reading notes")
    for path in _kept(tmp_path / "store"):  # what citeproc-py writes is read back as it is
        path.write_text('["<i>Kept</i> <span style=\\"font-variant:small-caps;\\">caps</span> &amp; <b>b</b>"]',
                        encoding="utf-8")
    assert _fresh_build(docs, tmp_path / "site").count("<i>Kept</i> <span") == 4
    csl._format.cache_clear()


def test_nothing_is_kept_with_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERNOTES_CACHE", "off")
    docs = tmp_path / "docs"
    shutil.copytree(VAULT, docs)
    assert "Deep Residual Learning" in _fresh_build(docs, tmp_path / "site")
    assert not list(tmp_path.rglob("references"))
    csl._format.cache_clear()
