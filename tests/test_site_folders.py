"""The site's folders made ahead on a thread (`papernotes.site_folders`): those MkDocs writes in
are there, those it never writes in are gone again, and folders that were there are kept."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from papernotes.site_folders import FoldersAhead


def test_folders_written_in_stay_and_the_others_are_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kept" / "empty").mkdir(parents=True)  # there before: never removed
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    wanted = [site / "a" / "b" / "c", site / "a" / "d", site / "kept" / "e", site / "x" / "y",
              tmp_path / "a-file" / "below"]  # a file where a folder should be: left to MkDocs to report
    ahead = FoldersAhead(str(folder) for folder in [*wanted, wanted[0]])
    ahead._thread.join()
    assert all(folder.is_dir() for folder in wanted[:4])
    (site / "a" / "b" / "c" / "index.html").write_text("page", encoding="utf-8")
    (site / "kept" / "e" / "index.html").write_text("page", encoding="utf-8")
    removed = ahead.finish()
    assert sorted(Path(path).relative_to(site).as_posix() for path in removed) == ["a/d", "x", "x/y"]
    left = sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))
    assert left == ["a", "a/b", "a/b/c", "a/b/c/index.html", "kept", "kept/e", "kept/e/index.html", "kept/empty"]


def test_a_page_with_empty_output_leaves_no_folder(tmp_path: Path) -> None:
    """MkDocs writes no file for a page whose template renders nothing: its folder made ahead goes."""
    docs, overrides, site = tmp_path / "docs", tmp_path / "overrides", tmp_path / "site"
    (docs / "Papers").mkdir(parents=True)
    overrides.mkdir()
    (overrides / "blank.html").write_text("  \n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\n[[Latte]] and [[Sora]]\n", encoding="utf-8")
    (docs / "Papers" / "Latte.md").write_text("---\ntemplate: blank.html\n---\n# Latte\n", encoding="utf-8")
    (docs / "Papers" / "Sora.md").write_text("# Sora\n", encoding="utf-8")
    (docs / "Papers" / "sora.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\nsite_dir: {site}\ntheme:\n  name: material\n  font: false\n"
                      f"  custom_dir: {overrides}\nplugins:\n  - papernotes:\n      search: none\n"
                      "      attachments: all\n", encoding="utf-8")
    build(load_config(str(config)))
    assert (site / "Papers" / "Sora" / "index.html").is_file()
    assert (site / "Papers" / "sora.png").is_file()
    assert not (site / "Papers" / "Latte").exists()
    assert [path for path in site.rglob("*") if path.is_dir() and not any(path.iterdir())] == []
