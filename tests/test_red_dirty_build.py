"""`mkdocs build --dirty`, run again after a note became private (session 9, branch red9): MkDocs
keeps the site folder, and a new process's papernotes knew nothing of what the earlier build had
written, so the note's page, the image only it used and (read back for search) its Pagefind
fragment stayed in `site/`, ready for `mkdocs gh-deploy --dirty`. Generated: every way a note
stops being published x a canary in its title, body and attachment, each in a new plugin
instance as a new `mkdocs build --dirty` process has."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.test_privacy import decoded
from tests.test_serve_incremental import _PLUGINS
from tests.test_site_build import _config, write_vault

PUBLIC = "---\ntitle: Zqxtitlecanary\n---\n# Secret\nzqxbodycanary\n![[only.png]]\n"
FLAGS = {"publish: false": "publish: false", "draft: true": "draft: true", "dg-publish: false": "dg-publish: false",
         "a publish line YAML cannot read": "publish: false\ntitle: a: b"}
CANARIES = (b"zqxtitlecanary", b"zqxbodycanary", b"zqxpngcanary")


def _build_in_a_new_process(config_file: Path, *, dirty: bool) -> None:
    _PLUGINS.plugin_cache.pop("papernotes", None)  # a new `mkdocs build` process: a new plugin
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        _PLUGINS.plugin_cache.pop("papernotes", None)


def _leaks(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and any(canary in decoded(p).lower() for canary in CANARIES))


def test_a_dirty_build_removes_what_an_earlier_build_wrote_of_notes_now_private(tmp_path: Path) -> None:
    """One note per way to be private, all made private at once, then public again."""
    notes = {f"Secret {n}.md": PUBLIC.replace("only.png", f"only{n}.png") for n in range(len(FLAGS))}
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\nSee [[Secret 0|the secret]].\n", **notes})
    for n in range(len(FLAGS)):
        (docs / f"only{n}.png").write_bytes(b"\x89PNG zqxpngcanary")
    site = tmp_path / "site"
    config_file = _config(docs, site, {"search": "pagefind"})
    _build_in_a_new_process(config_file, dirty=False)
    published = {f"Secret {n}/index.html" for n in range(len(FLAGS))} | {f"only{n}.png" for n in range(len(FLAGS))}
    assert published <= set(_leaks(site))
    for n, flag in enumerate(FLAGS.values()):
        (docs / f"Secret {n}.md").write_text(notes[f"Secret {n}.md"].replace("---\n", f"---\n{flag}\n", 1),
                                             encoding="utf-8")
    _build_in_a_new_process(config_file, dirty=True)
    assert _leaks(site) == []
    for name, text in notes.items():
        (docs / name).write_text(text, encoding="utf-8")
    _build_in_a_new_process(config_file, dirty=True)
    assert published <= set(_leaks(site))
