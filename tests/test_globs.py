"""`exclude` globs mean what their writer meant: every spelling of "this folder" keeps all of it
out (generated: case, a leading `/` or `./`, a trailing `/`, `**/` for no folder, `\\`), nothing
else is kept out, and a glob that matches nothing is a warning that fails `--strict`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from papernotes.globs import forms, matching, unmatched
from papernotes.loader import is_excluded
from tests.test_site_build import build_site, write_vault

SEGMENT = st.text(alphabet="abcXYZ é扩-_ .", min_size=1, max_size=6).map(str.strip).filter(
    lambda s: s not in ("", ".", "..") and "*" not in s)
FOLDER = st.lists(SEGMENT, min_size=1, max_size=3).map("/".join)


def spellings(folder: str) -> list[str]:
    """Ways people write "everything in `folder`" in mkdocs.yml."""
    upper, lower = folder.upper(), folder.lower()
    return [folder, folder + "/", folder + "/**", folder + "/**/*", "/" + folder + "/**", "./" + folder,
            "**/" + folder + "/**", folder + "/**/*.md", upper + "/**", lower, folder.replace("/", "\\") + "\\**"]


@given(FOLDER, st.lists(SEGMENT, min_size=1, max_size=3), st.sampled_from(range(11)))
def test_every_spelling_of_a_folder_keeps_all_of_it_out(folder: str, below: list[str], form: int) -> None:
    pattern = spellings(folder)[form]
    path = folder + "/" + "/".join(below) + ".md"
    assert is_excluded(path, [pattern]), (pattern, path, forms(pattern))
    assert unmatched([pattern], [path]) == []


@given(FOLDER, SEGMENT, st.sampled_from(range(11)))
def test_a_folder_glob_keeps_nothing_else_out(folder: str, other: str, form: int) -> None:
    pattern = spellings(folder)[form]
    outside = "qq" + other + "/note.md"  # a folder no spelling of `folder` names (no q in SEGMENT)
    assert not is_excluded(outside, [pattern]), (pattern, outside)
    assert matching(folder + ".md", [pattern]) is None  # a note beside the folder, of its name


def test_the_globs_read_before_are_read_the_same() -> None:
    assert is_excluded("Private/a.md", ["Private/**"]) and is_excluded("x.tmp.md", ["*.tmp.md"])
    assert is_excluded("Private/", ["Private"]) and not is_excluded("Privately.md", ["Private"])
    assert forms("") == () and forms("/") == () and not is_excluded("a.md", [""])
    assert not is_excluded("a/b/c/d/e/f.md", ["**/**/**/**/**/x/**"])  # more `**/` than expanded


def vault(root: Path) -> Path:
    return write_vault(root / "docs", {
        "index.md": "# Home\n[[Secret]] [[Open]]\n",
        "Private Notes/Secret.md": "# Secret\nzqxglobcanary\n",
        "Public/Open.md": "# Open\nopen text\n",
    })


@pytest.mark.parametrize("pattern", ["private notes/**", "/Private Notes/**", "./Private Notes",
                                     "**/Private Notes/**", "Private Notes/**/*.md"])
def test_the_site_leaves_out_the_folder_however_it_is_spelt(tmp_path: Path, pattern: str) -> None:
    site = build_site(vault(tmp_path), tmp_path / "site", exclude=f"['{pattern}']")
    assert (site / "Public/Open/index.html").is_file()
    leaks = [p for p in site.rglob("*") if p.is_file() and b"zqxglobcanary" in p.read_bytes()]
    assert leaks == [] and not (site / "Private Notes").exists()


def test_a_glob_that_matches_nothing_warns_and_fails_strict(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = vault(tmp_path)
    with pytest.raises(Abort):
        build_site(docs, tmp_path / "site", exclude="['Privat Notes/**', '.obsidian/**']")
    warnings = [r.getMessage() for r in caplog.records if "exclude glob" in r.getMessage()]
    assert warnings == ["mkdocs.yml:0: the exclude glob 'Privat Notes/**' matches no file or folder of the vault, "
                        "so it keeps nothing out (did you mean `Private Notes/**`? Fix the glob or remove it)"]
