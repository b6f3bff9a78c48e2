"""`papernotes explain` finding the note it is asked about, in-process (cli.main) so coverage sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes import cli

VAULT = {
    "papers/Latte.md": "---\ntitle: Latte\nyear: 2024\nvenue: arXiv\n---\n# Latte\n",
    "Diary/secret.md": "---\npublish: false\nvenue: CVPR\n---\n# Secret\n",
    "figure.png": b"\x89PNG\r\n\x1a\n",
}


@pytest.fixture(autouse=True)
def _away_from_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the checkout's mkdocs.yml would be read (and said to be unused)


def explain(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["explain", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_private_note_is_not_explained_unless_private_notes_are_included(
        make_vault, capsys: pytest.CaptureFixture[str]) -> None:
    vault = make_vault(VAULT)
    status, out, err = explain("secret", "--vault", str(vault), capsys=capsys)
    assert (status, out) == (2, "")
    assert err == ("papernotes: Diary/secret.md is not published, so it is no paper's note on the site: "
                   "it says publish: false (or dg-publish: false) (add --include-private to see what it would be)\n")
    status, out, _ = explain("secret", "--vault", str(vault), "--include-private", capsys=capsys)
    assert status == 0 and out.startswith("Diary/secret.md: ")


def test_a_file_outside_the_vault_or_no_note_in_it_is_looked_up_by_name(
        make_vault, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vault = make_vault(VAULT)
    outside = tmp_path / "elsewhere" / "Latte.md"
    outside.parent.mkdir()
    outside.write_text("# Latte\n", encoding="utf-8")
    # an existing file outside the vault is no vault path, and its path names no note either
    status, out, err = explain(str(outside), "--vault", str(vault), capsys=capsys)
    assert (status, out) == (2, "")
    assert err == f"papernotes: no note {str(outside)!r} in vault (give its path or its name)\n"
    # a file inside the vault that is no note, and a folder, fall back to names: none matches
    for inside in (vault / "figure.png", vault / "papers"):
        assert explain(str(inside), "--vault", str(vault), capsys=capsys)[0] == 2
    # a name that exists as a folder and a note: the path is no note, the name is
    status, out, _ = explain("papers/Latte", "--vault", str(vault), capsys=capsys)
    assert status == 0 and out.startswith("papers/Latte.md: ")


@pytest.mark.parametrize(("wanted", "found"), [
    ("papers/Latte.md", "papers/Latte.md"),
    ("/papers/latte.MD/", "papers/Latte.md"),  # slashes stripped, case folded
    ("papers/latte", "papers/Latte.md"),  # without its extension
    ("LATTE", "papers/Latte.md"),  # its name alone
    ("Notes/Latte", None),
    ("Dup", None),  # two notes of that name: ambiguous
    ("a/Dup", "a/Dup.markdown"),
])
def test_note_key_matches_a_vault_path_then_a_path_without_extension_then_a_unique_name(
        wanted: str, found: str | None, tmp_path: Path) -> None:
    keys = ["papers/Latte.md", "a/Dup.markdown", "b/Dup.md"]
    assert cli.note_key(tmp_path, keys, wanted) == found


@pytest.mark.parametrize(("files", "options", "note", "reason"), [
    ({"Diary/draft.md": "---\ndraft: true\n---\n# Draft\n"}, "", "draft",
     "it says draft: true (add --include-private to see what it would be)"),
    ({"Diary/hidden.md": "---\ndg-publish: false\n---\n# Hidden\n"}, "", "hidden",
     "it says publish: false (or dg-publish: false) (add --include-private to see what it would be)"),
    ({"Diary/plain.md": "# Plain\n"}, "publish: explicit", "plain",
     "the site publishes only notes with publish: true (publish: explicit), and it has none "
     "(add --include-private to see what it would be)"),
    ({"Diary/kept.md": "# Kept\n"}, "exclude: ['*.tmp.md', 'Diary/**']", "kept",
     "the exclude glob 'Diary/**' leaves it out (add --include-private to see what it would be)"),
    ({"templates/Paper template.md": "# {{title}}\n"}, "", "Paper template",
     "MkDocs never builds it (a dot file or folder, the top templates/ folder, or mkdocs.yml's exclude_docs)"),
    ({"feed.xml.md": "# Feed\n"}, "", "feed.xml",
     "its page would land where another file's goes (`papernotes check` says which)"),
])
def test_a_note_left_out_says_why_and_what_to_do(
        files: dict[str, str], options: str, note: str, reason: str, make_vault, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    vault = make_vault({"Home.md": "# Home\n", **files})
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {vault}\nplugins:\n  - papernotes:\n"
                      + "".join(f"      {line}\n" for line in options.splitlines()), encoding="utf-8")
    status, out, err = explain(note, "--vault", str(vault), "-f", str(config), capsys=capsys)
    found = next(path for path in files)
    assert (status, out) == (2, "")
    assert err == f"papernotes: {found} is not published, so it is no paper's note on the site: {reason}\n"
