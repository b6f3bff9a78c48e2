"""`mkdocs serve --dirty`: lists kept from one rebuild to the next (the theme's files, the answers
about colliding outputs, the site manifest read once) never go stale.

Each rebuild here is compared file by file with a clean build of the same vault (as in
`test_serve_incremental`), after edits that change what the kept lists are made from: a new
note, a deleted one, a renamed one, a link's target changed, a note made private, a note whose
page collides with another's, and a file added to the theme's `custom_dir`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_serve_incremental import (
    _PLUGINS,
    _assert_same_as_clean,
    _config_file,
    _edit,
    _notes,
    _page,
    _serve_build,
    generate,
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    vault = tmp_path / "vault"
    generate(vault, 24, 5)
    config_file = _config_file(vault, tmp_path)
    theme = tmp_path / "overrides"
    (theme / "extra").mkdir(parents=True)
    (theme / "extra" / "first.txt").write_text("first\n", encoding="utf-8")
    text = config_file.read_text(encoding="utf-8")
    assert "\n  name: material\n" in text
    config_file.write_text(text.replace("\n  name: material\n", f"\n  name: material\n  custom_dir: {theme}\n", 1),
                           encoding="utf-8")
    site = tmp_path / "served"
    _PLUGINS.plugin_cache.pop("papernotes", None)
    _serve_build(config_file, site)
    yield vault, config_file, site
    instance = _PLUGINS.plugin_cache.pop("papernotes", None)
    if instance is not None:
        instance.on_shutdown()


def test_the_theme_is_listed_again_only_when_its_folders_change(served, tmp_path: Path) -> None:
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    theme = tmp_path / "overrides"
    assert plugin.theme_listing.listed == 1
    _serve_build(config_file, site)
    assert plugin.theme_listing.listed == 1  # nothing changed: the list is given again
    (theme / "extra" / "second.txt").write_text("second\n", encoding="utf-8")
    (theme / "new").mkdir()
    (theme / "new" / "third.css").write_text("p {}\n", encoding="utf-8")
    _serve_build(config_file, site)
    assert plugin.theme_listing.listed == 2
    assert (site / "extra" / "second.txt").read_text(encoding="utf-8") == "second\n"
    assert (site / "new" / "third.css").is_file()
    _assert_same_as_clean(config_file, site, tmp_path, "theme files added")
    (theme / "new" / "fourth.css").write_text("a {}\n", encoding="utf-8")  # a file in a folder listed since
    _serve_build(config_file, site)
    assert (site / "new" / "fourth.css").is_file()
    _assert_same_as_clean(config_file, site, tmp_path, "a theme file in a new folder")


def test_kept_lists_follow_new_deleted_renamed_and_private_notes(served, tmp_path: Path) -> None:
    vault, config_file, site = served
    plugin = _PLUGINS.plugin_cache["papernotes"]
    answers = plugin.rebuilds.collisions
    made = answers.made
    _serve_build(config_file, site)
    assert answers.made == made  # the same outputs: the same answers, not made again
    notes = _notes(vault)
    linked, other = notes[3], notes[7]
    # a new note that links an existing one
    (vault / "fresh.md").write_text(f"# Fresh\n\nSee [[{linked.stem}]].\n", encoding="utf-8")
    _serve_build(config_file, site)
    assert answers.made > made
    assert (site / _page(vault, "fresh.md")).is_file()
    _assert_same_as_clean(config_file, site, tmp_path, "new note")
    # its link now points at another note
    _edit(vault / "fresh.md", f"[[{linked.stem}]]", f"[[{other.stem}]]")
    _serve_build(config_file, site)
    _assert_same_as_clean(config_file, site, tmp_path, "link target changed")
    # renamed, then a note whose page lands where the renamed one's does (fold of case)
    (vault / "fresh.md").rename(vault / "renamed.md")
    _serve_build(config_file, site)
    assert not (site / _page(vault, "fresh.md")).exists()
    _assert_same_as_clean(config_file, site, tmp_path, "renamed note")
    (vault / "RENAMED.md").write_text("# Shouting\n\nSame page on a case-blind disk.\n", encoding="utf-8")
    _serve_build(config_file, site)
    _assert_same_as_clean(config_file, site, tmp_path, "colliding note")
    (vault / "RENAMED.md").unlink()
    _serve_build(config_file, site)
    _assert_same_as_clean(config_file, site, tmp_path, "collision gone")
    # made private, then deleted
    text = linked.read_text(encoding="utf-8")
    linked.write_text("---\npublish: false\n---\n" + text if not text.startswith("---\n")
                      else text.replace("---\n", "---\npublish: false\n", 1), encoding="utf-8")
    _serve_build(config_file, site)
    assert not (site / _page(vault, linked)).exists()
    _assert_same_as_clean(config_file, site, tmp_path, "note made private")
    other.unlink()
    _serve_build(config_file, site)
    assert not (site / _page(vault, other)).exists()
    _assert_same_as_clean(config_file, site, tmp_path, "note deleted")
