"""`mkdocs serve --dirty` with search (session 9, branch red9): a note made private, deleted or
moved into a hidden folder left its text in the preview's Pagefind fragments, which the
background re-index added to but never removed (a rebuild that is not clean keeps the site
folder). Generated: every way a note stops being published, each followed by publishing it
again, on one served site; after each step no byte of the site holds the private note's
canary, and after it is public again the search index has it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_privacy import decoded
from tests.test_serve_incremental import _PLUGINS, _config_file, _serve_build
from tests.test_site_build import write_vault

CANARY = b"zqxservecanary"
PUBLIC = "---\ntitle: Secret\n---\n# Secret\nzqxservecanary words\n"
WAYS_TO_HIDE = {  # each: what to do to `Secret.md`, with the vault folder
    "publish: false": lambda vault: (vault / "Secret.md").write_text("---\npublish: false\n" + PUBLIC[4:]),
    "draft: true": lambda vault: (vault / "Secret.md").write_text("---\ndraft: true\n" + PUBLIC[4:]),
    "dg-publish: false": lambda vault: (vault / "Secret.md").write_text("---\ndg-publish: false\n" + PUBLIC[4:]),
    "moved into a hidden folder": lambda vault: (vault / "Secret.md").rename(vault / ".trash" / "Secret.md"),
    "deleted": lambda vault: (vault / "Secret.md").unlink(),
}


def _holding_canary(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and CANARY in decoded(p))


@pytest.fixture
def served_with_search(tmp_path: Path):  # type: ignore[no-untyped-def]
    vault = write_vault(tmp_path / "vault", {"index.md": "# Home\nSee [[Secret]].\n", "Secret.md": PUBLIC,
                                             ".trash/keep.txt": ""})
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(_config_file(vault, tmp_path).read_text(encoding="utf-8").replace(
        "  - papernotes:\n      search: none\n", "  - papernotes\n"), encoding="utf-8")
    _PLUGINS.plugin_cache.pop("papernotes", None)
    yield vault, config_file, tmp_path / "served"
    instance = _PLUGINS.plugin_cache.pop("papernotes", None)
    if instance is not None:
        instance.on_shutdown()


def test_nothing_of_a_note_made_private_stays_in_the_served_site(served_with_search) -> None:  # type: ignore[no-untyped-def]
    vault, config_file, site = served_with_search

    def rebuild() -> None:
        _serve_build(config_file, site)
        _PLUGINS.plugin_cache["papernotes"].indexer.wait(120)

    rebuild()
    assert any(name.startswith("pagefind/fragment/") for name in _holding_canary(site))
    for way, hide in WAYS_TO_HIDE.items():
        hide(vault)
        rebuild()
        assert _holding_canary(site) == [], way
        (vault / "Secret.md").write_text(PUBLIC, encoding="utf-8")
        (vault / ".trash" / "Secret.md").unlink(missing_ok=True)
        rebuild()
        assert any(name.startswith("pagefind/fragment/") for name in _holding_canary(site)), way
