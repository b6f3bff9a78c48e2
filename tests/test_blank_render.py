"""MkDocs' render of a page papernotes rendered (`papernotes.blank_render`): no Python-Markdown
instance is made for blank Markdown, the site is the same bytes as with MkDocs' own render, and a
page another plugin gives Markdown after papernotes is rendered by MkDocs as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from papernotes.blank_render import BlankRenderedPage

VAULT = {
    "index.md": "# Home\n\nSee [[Sora]] and [[Latte#Results]].\n",
    "Papers/Sora.md": "---\nyear: 2024\n---\n# Sora\n\n## Method\n\nLike [[Latte]].\n",
    "Papers/Latte.md": "---\nyear: 2024\nvenue: arXiv\n---\n# Latte\n\n## Results\n\nText.\n",
    "Reading/Queue.md": "# Queue\n\n- [ ] read [[Sora]]\n",
}
# a Markdown extension that counts the Python-Markdown instances made with it
COUNTER = """
import markdown

made = []

class Counted(markdown.extensions.Extension):
    def extendMarkdown(self, md):
        made.append(md)

def makeExtension(**kwargs):
    return Counted(**kwargs)
"""
# a plugin after papernotes whose on_page_markdown gives MkDocs Markdown to render
HOOK = """
import mkdocs.plugins

@mkdocs.plugins.event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    return markdown + "Added by a hook.\\n"
"""


def _build(tmp_path: Path, name: str, *, hook: bool = False) -> Path:
    docs = tmp_path / "docs"
    if not docs.exists():  # written once: the feed dates notes by their files
        for path, text in VAULT.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            (docs / path).write_text(text, encoding="utf-8")
    hooks = f"hooks:\n  - {tmp_path / 'pn_hook.py'}\n" if hook else ""
    config = tmp_path / f"{name}.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\nsite_dir: {tmp_path / name}\ntheme:\n  name: material\n"
                      f"  font: false\nmarkdown_extensions:\n  - pn_counted\n{hooks}"
                      "plugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    build(load_config(str(config)))
    return tmp_path / name


def _counter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The counting extension, importable as `pn_counted`; the hook beside it; its list emptied."""
    (tmp_path / "pn_counted.py").write_text(COUNTER, encoding="utf-8")
    (tmp_path / "pn_hook.py").write_text(HOOK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import pn_counted  # type: ignore[import-not-found]

    made: list[object] = pn_counted.made
    made.clear()
    return made


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_blank_pages_make_no_markdown_instance_and_the_site_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _counter(tmp_path, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = _build(tmp_path, "skipped")
    pages = sum(1 for path in site.rglob("index.html"))
    assert pages > len(VAULT)  # notes and generated pages
    assert len(made) == 1  # MkDocs checks the extension when it loads the config; no page made an instance
    monkeypatch.setattr(BlankRenderedPage, "render", Page.render)  # MkDocs' own render, for every page
    plain = _build(tmp_path, "plain")
    assert len(made) >= pages
    assert _files(site) == _files(plain)


def test_a_page_given_markdown_after_papernotes_is_rendered_by_mkdocs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _counter(tmp_path, monkeypatch)
    site = _build(tmp_path, "hooked", hook=True)
    # every page's Markdown ("Added by a hook.") was converted
    assert len(made) >= sum(1 for path in site.rglob("index.html"))
