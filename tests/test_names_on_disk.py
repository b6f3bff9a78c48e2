"""Names as the two judges of "the same name" see them (session 10, branch names10): Obsidian
compares link targets with JavaScript's `toLowerCase` (`Maße` and `Masse` are two notes), and
case-insensitive file systems (macOS APFS, Windows NTFS) fold case one character at a time (`A.md`
and `a.md` are one file, `Maße.md` and `Masse.md` two)."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.collisions import Output, find_collisions
from papernotes.paths import fold, fold_on_disk, page_dest
from tests.test_site_build import build_site, page, write_vault

SAME_FILE = [("A.md", "a.md"), ("Straße.md", "STRAẞE.md"), ("Ωμέγα.md", "ΩΜΈΓΑ.md"), ("Café.md", "Cafe\u0301.md"),
             ("ǅ.md", "ǆ.md"), ("ᾈ.md", "ᾀ.md")]
TWO_FILES = [("Maße.md", "Masse.md"), ("ﬁle.md", "file.md"), ("İ.md", "i̇.md"), ("ŉ.md", "ʼn.md")]


@pytest.mark.parametrize(("one", "other"), SAME_FILE)
def test_one_file_on_a_case_insensitive_file_system(one: str, other: str) -> None:
    assert fold_on_disk(one) == fold_on_disk(other)


@pytest.mark.parametrize(("one", "other"), TWO_FILES)
def test_full_case_folding_expansions_are_two_files(one: str, other: str) -> None:
    """`casefold` maps `ß` to `ss` and `ﬁ` to `fi`; no file system does, so these are two files."""
    assert fold_on_disk(one) != fold_on_disk(other)
    assert len(fold_on_disk(one)) == len(one)


def test_obsidian_compares_names_as_javascript_lowercases_them() -> None:
    assert fold("Maße") != fold("Masse") and fold("MASSE") == fold("masse")
    assert fold("Latte") == fold("LATTE") == fold("latte")
    assert fold("Cafe\u0301") == fold("café")


def test_notes_differing_by_sharp_s_do_not_collide() -> None:
    outputs = [Output(name, page_dest(name, True), "note") for name in ("Maße.md", "Masse.md", "MASSE.md")]
    assert [(c.loser.src, c.winner.src) for c in find_collisions(outputs)] == [("Masse.md", "MASSE.md")]


def test_both_notes_are_published_and_each_link_finds_its_own(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\nSee [[Maße]] and [[Masse]].\n",
        "Maße.md": "# Maße\nzqxmasze\n",
        "Masse.md": "# Masse\nzqxmasse\n",
    })
    site = build_site(docs, tmp_path / "site")
    assert "zqxmasze" in page(site, "Maße") and "zqxmasse" in page(site, "Masse")
    home = page(site, "")
    assert 'href="Ma%C3%9Fe/"' in home and 'href="Masse/"' in home
