"""Folder names that differ from the `exclude` glob only in what no one can see: a name macOS
wrote decomposed (NFD) and mkdocs.yml holds composed (NFC), a zero-width space, a bidi mark, a
soft hyphen, a no-break space or a space at its end. Generated: every name x every invisible
difference x every spelling of "this folder" is kept out, by the matcher and by a real strict
`mkdocs build` (strict: no "this glob matches nothing" warning either), and nothing else is."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from papernotes.dataview.functions import METHODS
from papernotes.globs import matching, unmatched
from papernotes.loader import is_excluded
from tests.test_globs import spellings
from tests.test_privacy import decoded
from tests.test_site_build import build_site, write_vault

NAMES = ("Privé", "비공개 메모", "Tiếng Việt riêng", "Ångström", "プライベート", "Café crème")
"""Folder names that NFC and NFD spell apart: Latin accents, Hangul syllables (NFD splits them
into jamo), stacked Vietnamese diacritics, Japanese voiced kana."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def on_disk(name: str) -> dict[str, str]:
    """The folder's name as a file system may hold it, each differing from `name` invisibly."""
    variants = {
        "nfd": nfd(name),
        "zero-width space": name[:2] + "\u200b" + name[2:],
        "bidi mark": "\u200e" + name,
        "soft hyphen": name[:3] + "\u00ad" + name[3:],
        "trailing space": name + " ",
        "nfd, trailing no-break space": nfd(name) + "\u00a0",
    }
    if " " in name:
        variants["no-break space"] = name.replace(" ", "\u00a0", 1)
        variants["two spaces"] = name.replace(" ", "  ", 1)
    return variants


CASES = [(name, kind, folder) for name in NAMES for kind, folder in on_disk(name).items()]


def test_the_variants_really_differ() -> None:
    """Each variant is another string than the typed name (so the tests below test something)."""
    assert all(folder != nfc(name) for name, _, folder in CASES)
    assert len(CASES) == 6 * 6 + 3 * 2


@pytest.mark.parametrize(("name", "kind", "folder"), CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
def test_every_spelling_of_the_typed_name_keeps_the_folder_out(name: str, kind: str, folder: str) -> None:
    path = f"{folder}/sub/note.md"
    for pattern in spellings(nfc(name)):
        assert is_excluded(path, [pattern]), (kind, pattern)
        assert unmatched([pattern], [path]) == [], (kind, pattern)
    # ...and the other way round: the glob written decomposed, the folder composed.
    assert is_excluded(f"{nfc(name)}/note.md", [nfd(name) + "/**"])


@pytest.mark.parametrize("name", NAMES)
def test_a_visibly_different_name_is_not_kept_out(name: str) -> None:
    typed = nfc(name) + "/**"
    assert matching(f"{nfc(name)}x/note.md", [typed]) is None
    assert matching(f"{nfd(name)[:-1]}/note.md", [typed]) is None  # its last letter missing
    assert matching(f"{nfc(name)}.md", [typed]) is None  # a note beside the folder, of its name
    assert unmatched([typed], [f"{nfc(name)}x/note.md"]) == [typed]


CANARY = "zqxunicodecanary"


def unicode_vault(root: Path) -> Path:
    files = {"index.md": "# Home\n\nThe public page.\n"}
    for number, (_, _, folder) in enumerate(CASES):
        files[f"{folder}/Note {number}.md"] = f"# {CANARY}{number}\n\n{CANARY}body{number}\n"
        files["index.md"] += f"\n- [[Note {number}]]"
    return write_vault(root / "docs", files)


def test_a_strict_build_and_export_leave_every_variant_out(tmp_path: Path) -> None:
    docs = unicode_vault(tmp_path)
    assert len({path.parent.name for path in docs.rglob("Note *.md")}) == len(CASES)  # all on disk, apart
    exclude = json.dumps([nfc(name) + "/**" for name in NAMES], ensure_ascii=False)
    site = build_site(docs, tmp_path / "site", exclude=exclude)  # strict: every glob matched something
    assert (site / "index.html").is_file()
    leaks = sorted(str(path.relative_to(site)) for path in site.rglob("*")
                   if CANARY in str(path) or (path.is_file() and CANARY.encode() in decoded(path)))
    assert leaks == []
    exported = subprocess.run([sys.executable, "-m", "papernotes", "export", str(docs),
                               *(f"--exclude={nfc(name)}/**" for name in NAMES)],
                              capture_output=True, text=True, encoding="utf-8", timeout=120, check=True)
    assert CANARY not in exported.stdout
    assert [note["path"] for note in json.loads(exported.stdout)["notes"]] == ["index.md"]


@pytest.mark.parametrize("name", NAMES)
def test_bases_in_folder_reads_the_typed_name_of_a_decomposed_folder(name: str) -> None:
    in_folder = METHODS["infolder"]
    assert in_folder({"folder": f"{nfd(name)}/sub"}, nfc(name)) is True
    assert in_folder({"folder": nfc(name).upper()}, nfd(name)) is True
    assert in_folder({"folder": f"{nfc(name)}x"}, nfc(name)) is False
