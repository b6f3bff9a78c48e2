"""What MkDocs is given as a note's Markdown (`on_page_read_source`): the note's body when a
plugin's `on_page_markdown` runs before papernotes' and reads it; a blank line alone when
papernotes' comes first (nobody reads it), with the same site either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

NOTE = "---\ntitle: Latte\nyear: 2024\n---\n# Latte\n\nA body with [[Sora]].\n"
HOOK = """
import json
import mkdocs.plugins

@mkdocs.plugins.event_priority({priority})
def on_page_markdown(markdown, page, config, files):
    with open({seen!r}, "a", encoding="utf-8") as seen:
        seen.write(json.dumps([page.file.src_uri, markdown]) + "\\n")
    return markdown
"""


def _build(tmp_path: Path, name: str, priority: int | None) -> tuple[Path, list[list[str]]]:
    docs = tmp_path / "docs"
    if not docs.exists():  # written once: the feed dates notes by their files
        docs.mkdir()
        (docs / "Latte.md").write_text(NOTE, encoding="utf-8")
        (docs / "Sora.md").write_text("# Sora\n\nText.\n", encoding="utf-8")
    seen = tmp_path / f"{name}.jsonl"
    hooks = ""
    if priority is not None:
        (tmp_path / f"{name}.py").write_text(HOOK.format(priority=priority, seen=str(seen)), encoding="utf-8")
        hooks = f"hooks:\n  - {tmp_path / name}.py\n"
    config = tmp_path / f"{name}.yml"
    config.write_text(f"site_name: x\ndocs_dir: {docs}\nsite_dir: {tmp_path / name}\ntheme:\n  name: material\n"
                      f"  font: false\n{hooks}plugins:\n  - papernotes:\n      search: none\n", encoding="utf-8")
    build(load_config(str(config)))
    lines = seen.read_text(encoding="utf-8").splitlines() if seen.exists() else []
    return tmp_path / name, [json.loads(line) for line in lines]


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize(("priority", "given"), [(100, "# Latte\n\nA body with [[Sora]].\n"), (-100, "")])
def test_a_plugin_before_papernotes_reads_the_notes_body(tmp_path: Path, priority: int, given: str) -> None:
    """Before papernotes: the body, as a blank line and the note without its frontmatter; after: ""."""
    site, seen = _build(tmp_path, "hooked", priority)
    assert dict(map(tuple, seen))["Latte.md"] == given  # type: ignore[arg-type]
    plain, _ = _build(tmp_path, "plain", None)
    assert _files(site) == _files(plain)
