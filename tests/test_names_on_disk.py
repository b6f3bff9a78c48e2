"""Names as the two judges of "the same name" see them (session 10, branch names10): Obsidian
compares link targets with JavaScript's `toLowerCase` (`Maße` and `Masse` are two notes), and
case-insensitive file systems (macOS APFS, Windows NTFS) fold case one character at a time (`A.md`
and `a.md` are one file, `Maße.md` and `Masse.md` two). And names Windows refuses (`CON`, `a:b`):
published, with a warning."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from papernotes.collisions import Output, find_collisions
from papernotes.paths import fold, fold_on_disk, page_dest
from papernotes.portable_names import windows_problem
from tests.test_check_agrees_with_build import built
from tests.test_check_parity_collisions import run
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


WINDOWS_NAMES = {  # vault file -> the name Windows refuses in its output
    "CON.md": "CON", "Notes/aux.md": "aux", "com1.md": "com1", "a:b.md": "a:b", "Why?.md": "Why?",
    'The "best" paper.md': 'The "best" paper', "Dot..md": "Dot.", "Lpt3.draft.md": "Lpt3.draft",
    "nul.png": "nul.png", "x|y.png": "x|y.png", "CONIN$.md": "CONIN$", "Conout$.draft.md": "Conout$.draft",
}
FINE_NAMES = ("Console.md", "Auxiliary.md", "com10.md", "Mid.dot.md", "Conv net.png")


@pytest.mark.parametrize("name", WINDOWS_NAMES.values())
def test_names_windows_refuses(name: str) -> None:
    assert windows_problem(name) is not None


@pytest.mark.parametrize("name", ["COM0", "lpt0.txt", "COM¹", "lpt³.md", "conin$", "CONOUT$.log", "nul "])
def test_devices_of_the_current_windows_documentation(name: str) -> None:
    """`Naming Files, Paths, and Namespaces` (COM0-9, COM¹-³, LPT likewise) and
    `RtlIsDosDeviceName_U` (the consoles `CONIN$` and `CONOUT$`)."""
    assert windows_problem(name) is not None


@pytest.mark.parametrize("name", [*FINE_NAMES, "CONFIG", "nul-hypothesis", "a b", "Ωμέγα", "論文", "CLOCK$",
                                  "conin", "com¹0"])
def test_names_windows_takes(name: str) -> None:
    assert windows_problem(name) is None


def test_such_notes_and_files_are_published_with_a_warning_naming_them(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A warning, not a withheld page: the site is right on Linux and macOS; the message says
    what to rename. `papernotes check` reports the same."""
    images = [name for name in (*WINDOWS_NAMES, *FINE_NAMES) if name.endswith(".png")]
    notes = {name: f"# {name}\n" + "".join(f"![]({quote(image)})\n" for image in images)
             for name in (*WINDOWS_NAMES, *FINE_NAMES) if name.endswith(".md")}
    write_vault(tmp_path / "vault", {"index.md": "# Home\n", **notes})
    for image in images:
        (tmp_path / "vault" / image).write_bytes(b"\x89PNG")
    (tmp_path / "vault" / "unused nul.txt").write_text("not copied (attachments: used)", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: W\ndocs_dir: vault\nsite_dir: site\ntheme:\n  name: material\n"
                                         "  font: false\nplugins:\n  - papernotes\n", encoding="utf-8")
    logged = built(tmp_path, caplog)
    warned = {path: message for path, _, level, message in logged if level == "warning"}
    assert set(warned) == set(WINDOWS_NAMES)
    for path, name in WINDOWS_NAMES.items():
        assert f"{name}`" in warned[path] and "Windows" in warned[path] and "rename the" in warned[path]
        dest = page_dest(path, True)
        assert (tmp_path / "site" / dest).is_file()
    assert "(e.g. `CON note`" in warned["CON.md"] and "(e.g. `a-b`" in warned["a:b.md"]
    diagnostics: list[dict[str, object]] = run(tmp_path, "check", "--format", "json")["diagnostics"]  # type: ignore[assignment]
    assert {(d["path"], d["line"], d["level"], f"{d['message']} ({d['hint']})") for d in diagnostics} == logged


def test_generated_pages_named_like_devices_get_names_windows_takes(tmp_path: Path) -> None:
    """A topic `con`, an author `Aux` and a venue `NUL` are papernotes' own pages: their URLs are
    papernotes' to choose, so they take the kind as a suffix (`topics/con-topic/`) and every name in
    the built site is one Windows can write; the links follow."""
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\nRead [[Paper]].\n",
        "Paper.md": "---\ntitle: A paper on consoles\nauthors: [Aux, Jane Doe]\nvenue: NUL\nyear: 2024\n"
                    "tags: [con, prn-study]\n---\n# A paper on consoles\n## Method\nText.\n",
    })
    site = build_site(docs, tmp_path / "site")
    refused = sorted(str(path.relative_to(site)) for path in site.rglob("*") if windows_problem(path.name))
    assert refused == []
    for kind, name in (("topics", "con-topic"), ("authors", "aux-author"), ("venues", "nul-venue"),
                       ("topics", "prn-study")):
        assert (site / kind / name / "index.html").is_file(), (kind, name)
    paper = page(site, "Paper")
    assert 'href="../topics/con-topic/"' in paper and 'href="../authors/aux-author/"' in paper
    assert 'href="../venues/nul-venue/"' in paper
