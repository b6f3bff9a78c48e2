"""Names many files share (a README.md in every folder, one alias on every note): links to them
land where they did when every file of the name was read for every link, and the work grows
with the vault, not with links x files (counted, not timed)."""

from __future__ import annotations

import cProfile
import posixpath
import pstats
import random

import pytest

from papernotes.loader import load_note
from papernotes.model import Link, Note, NoteKey
from papernotes.resolve import Resolver, _strip_note_suffix, fold


def notes_of(files: dict[str, str]) -> list[Note]:
    loaded = [load_note(path, text.encode())[0] for path, text in files.items()]
    return [note for note in loaded if note is not None]


def scanned(resolver: Resolver, target: str, source: str) -> list[str]:
    """`Resolver.find` as it was: every file of the name and of the file name tried in turn."""
    target = posixpath.normpath(target.lstrip("/")) if target else target
    if not target or target.startswith("../") or target == "..":
        return []
    wanted, wanted_bare = fold(target), fold(_strip_note_suffix(target))
    by_name = resolver._by_name
    pool = by_name.get(wanted.rsplit("/", 1)[-1], []) + by_name.get(wanted_bare.rsplit("/", 1)[-1], [])
    if "/" in wanted and wanted in by_name:
        pool = by_name[wanted] + pool
    matches = [key for key in dict.fromkeys(pool) if resolver._path_matches(key, wanted, wanted_bare)]
    folder = posixpath.dirname(source)
    return sorted(matches, key=lambda key: posixpath.dirname(key) != folder)


def shared_names_vault(rng: random.Random, folders: int) -> tuple[dict[str, str], list[str]]:
    """README.md, index.md and notes.md in many folders (some nested, some in other cases), Dendron
    names, an alias every note has and attachments named like notes."""
    files: dict[str, str] = {}
    for i in range(folders):
        folder = rng.choice(["", "deep/", "Deep/er/", f"g{i % 3}/"]) + f"f{i}"
        name = rng.choice(["README.md", "readme.md", "index.md", "notes.md", "Notes.md", f"a.b.n{i % 4}.md"])
        files[f"{folder}/{name}"] = f"---\naliases: [Shared, {rng.choice(['f1/README', 'Other'])}]\n---\n# {i}\n"
    files["README.md"] = "# top\n"
    attachments = [f"f{i}/README.md.png" for i in range(0, folders, 7)] + ["f3/notes", "a/b/n1.md"]
    return files, attachments


TARGETS = ["README", "README.md", "readme", "notes", "Notes.md", "Shared", "index", "f1/README", "f1/README.md",
           "f2/index", "deep/f4/README.md", "er/f5/notes", "a/b/n1", "a.b.n1", "b/n2", "f3/notes", "Other",
           "f7/README.md.png", "README.md.png", "missing/README", "../README", "./f8/README.md", "/f9/README"]


@pytest.mark.parametrize("seed", range(6))
def test_links_to_shared_names_land_where_reading_every_file_put_them(seed: int) -> None:
    rng = random.Random(seed)
    files, attachments = shared_names_vault(rng, rng.choice([40, 120, 300]))
    resolver = Resolver(notes_of(files), attachments)
    sources = [*rng.sample(sorted(files), 20), "f1/README.md", "deep/f4/x.md", "README.md"]
    for target in TARGETS + [rng.choice(sorted(files))[:-3] for _ in range(20)]:
        for source in sources:
            assert resolver.find(target, source) == scanned(resolver, target, source), (target, source)


@pytest.mark.parametrize("name", ["README.md", "index.md"])
def test_a_link_to_a_folder_lands_on_its_note_among_many(name: str) -> None:
    files = {f"f{i}/{name}": f"# {i}\n" for i in range(100)} | {"f7/Sub/README.md": "# sub\n", "x.md": "# x\n"}
    resolver = Resolver(notes_of(files))
    for target, key in [("f5", f"f5/{name}"), ("f7/Sub/", "f7/Sub/README.md"), ("F9/", f"f9/{name}")]:
        resolved, problems = resolver.resolve(Link("markdown", target, "", "x", 1, target), NoteKey("x.md"))
        assert resolved is not None and (resolved.key, problems) == (key, [])
    resolved, problems = resolver.resolve(Link("markdown", "nowhere/", "", "x", 1, "nowhere/"), NoteKey("x.md"))
    assert resolved is None and [p.code for p in problems] == ["broken-link"]


def readme_vault(folders: int) -> dict[str, str]:
    """A README.md per folder linking the next folder's README, that folder and `[[README]]`,
    and a note per folder with an alias all of them have, linking it."""
    files = {f"f{i}/README.md": f"# {i}\n[next](../f{(i + 1) % folders}/README.md) [up](../f{(i + 2) % folders}/) "
                                "[[README]]\n" for i in range(folders)}
    files |= {f"f{i}/note.md": "---\naliases: [Shared]\n---\n# n\n[[Shared]] [[f3/note]]\n" for i in range(folders)}
    return files


def calls_resolving(files: dict[str, str]) -> int:
    """Python calls (cProfile's count, C functions included) to index the vault and resolve
    every link of every note."""
    notes = notes_of(files)
    profile = cProfile.Profile()
    profile.enable()
    resolver = Resolver(notes)
    resolved = [resolver.resolve(link, note.path)[0] for note in notes for link in note.links]
    profile.disable()
    assert None not in resolved and len(resolved) == 5 * len(notes) // 2
    return sum(entry[1] for entry in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def test_resolving_links_to_shared_names_grows_linearly() -> None:
    """4x the folders, 4x the work (110,463 -> 441,663 calls). Reading every file of the name for
    every link, it was 3,018,315 -> 47,353,215 (15.7x)."""
    small, large = calls_resolving(readme_vault(200)), calls_resolving(readme_vault(800))
    assert large / small < 4.5, (small, large)
