"""`mkdocs build --dirty`, run again after a note was deleted or renamed (session 10, branch
names10): MkDocs keeps the site folder, and the new process's papernotes knows only today's vault,
so the deleted note's page, the image only it used and (read back for search) its text stayed
in `site/`. papernotes keeps a list of what it wrote (`site_manifest`) and removes those no
longer written; files it never wrote (the user's own, put in `site/` by hand) stay."""

from __future__ import annotations

from pathlib import Path

from papernotes.site_manifest import MANIFEST
from tests.test_privacy import decoded
from tests.test_red_dirty_build import _build_in_a_new_process
from tests.test_site_build import _config, write_vault

NOTE = "---\ntitle: Zqxtitlecanary\ntags: [zqxtagcanary]\n---\n# Gone soon\nzqxbodycanary\n![[only.png]]\n"
CANARIES = (b"zqxtitlecanary", b"zqxbodycanary", b"zqxpngcanary", b"zqxtagcanary")


def _holding(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and any(canary in decoded(p).lower() for canary in CANARIES))


def test_a_dirty_build_removes_the_pages_of_deleted_and_renamed_notes(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\nSee [[Gone]] and [[Folder/Moved]].\n", "Gone.md": NOTE,
                                          "Folder/Moved.md": "# Moved\nA note renamed.\n![[moved.png]]\n"})
    (docs / "only.png").write_bytes(b"\x89PNG zqxpngcanary")
    (docs / "moved.png").write_bytes(b"\x89PNG")
    site = tmp_path / "site"
    config_file = _config(docs, site, {"search": "pagefind"})
    _build_in_a_new_process(config_file, dirty=False)
    assert {"Gone/index.html", "only.png"} <= set(_holding(site)) and (site / "Folder/Moved/index.html").is_file()
    (site / "CNAME").write_text("zqxtitlecanary.example.org\n", encoding="utf-8")  # the user's own
    (site / "Gone").mkdir(exist_ok=True)
    (site / "Gone" / "notes.txt").write_text("zqxbodycanary, mine\n", encoding="utf-8")
    (docs / "Gone.md").unlink()
    (docs / "only.png").unlink()
    (docs / "Folder" / "Moved.md").rename(docs / "Folder" / "Renamed.md")
    (docs / "index.md").write_text("# Home\nSee [[Folder/Renamed]].\n", encoding="utf-8")
    _build_in_a_new_process(config_file, dirty=True)
    assert _holding(site) == ["CNAME", "Gone/notes.txt"], _holding(site)
    assert not (site / "Folder/Moved/index.html").exists() and (site / "Folder/Renamed/index.html").is_file()
    assert (site / "moved.png").is_file()


def test_a_planted_list_removes_nothing_outside_what_papernotes_wrote(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n"})
    site = tmp_path / "site"
    config_file = _config(docs, site, {"search": "none"})
    _build_in_a_new_process(config_file, dirty=False)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    (site / "mine.html").write_text("keep\n", encoding="utf-8")
    (site / MANIFEST).write_text("../outside.txt\n/etc/hostname\n" + str(outside) + "\n", encoding="utf-8")
    _build_in_a_new_process(config_file, dirty=True)
    assert outside.read_text(encoding="utf-8") == "keep\n" and (site / "mine.html").is_file()
