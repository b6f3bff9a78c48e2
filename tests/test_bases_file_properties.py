"""Every Bases `file.*` property has a value, and an unknown one says so, on the page and as a diagnostic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from papernotes.dataview import QueryRenderer
from papernotes.loader import load_vault
from papernotes.model import NoteKey
from papernotes.pages import build_site

BASE = """```base
filters: file.folder == "Papers"
views:
  - type: table
    order: [file.name, file.basename, file.path, file.folder, file.ext, file.size, file.ctime, file.mtime,
            file.tags, file.links, file.backlinks, file.embeds, file.properties, file.colour]
```
"""


def test_every_file_property_and_an_unknown_one(make_vault: Callable[[dict[str, str | bytes]], Path]) -> None:
    latte = ("---\nTitle: Latte\ncreated: 2024-01-02\nupdated: 2024-02-03\ntags: [video]\n---\n"
             "See [[DiT]] and ![[figure.png]].\n")
    vault = load_vault(make_vault({
        "Papers/Latte.md": latte,
        "DiT.md": "# DiT\n[[Papers/Latte]]\n",
        "figure.png": b"\x89PNG\r\n",
        "Home.md": "# Home\n\n" + BASE,
    }))
    site = build_site(vault.notes, vault.attachments)
    renderer = QueryRenderer(site.graph, site.src_of, dt.date(2024, 6, 1))
    home = site.graph.notes[NoteKey("Home.md")]
    rendered = renderer.render(home.queries[0], home.path)
    row = rendered.markdown.replace("\\", "").split("\n")[4]  # Markdown escapes left out
    assert row.split(" | ") == [
        "| [Latte](Papers/Latte.md)", "Latte", "Papers/Latte.md", "Papers", "md", str(len(latte.encode())),
        "2024-01-02", "2024-02-03", "#video", "[DiT](DiT.md)", "[DiT](DiT.md)", "figure.png",
        "Title: Latte, created: 2024-01-02, updated: 2024-02-03, tags: video", "⚠ unknown property file.colour |"]
    assert [d.format() for d in rendered.diagnostics] == [
        "Home.md:8: warning: the base shows file.colour, which is not a file property (use one of file.name, "
        "file.basename, file.path, file.folder, file.ext, file.size, file.ctime, file.mtime, file.tags, "
        "file.links, file.backlinks, file.embeds, file.properties)"]


def test_frontmatter_keys_are_read_case_insensitively(make_vault: Callable[[dict[str, str | bytes]], Path]) -> None:
    """Obsidian users write `Title:` and `Date:`: the page title, Dataview fields and Bases
    properties find them whatever their case."""
    vault = load_vault(make_vault({
        "Papers/Latte.md": "---\nTitle: Latent Diffusion for Video\nDate: 2024-01-02\nYEAR: 2024\n---\ntext\n",
        "Home.md": ("```dataview\nTABLE title, date, year FROM \"Papers\"\n```\n\n```base\nviews:\n  - type: table\n"
                    "    filters: file.folder == \"Papers\"\n"
                    "    order: [file.name, title, note.Date, file.properties.title]\n```\n"),
    }))
    site = build_site(vault.notes, vault.attachments)
    latte = site.graph.notes[NoteKey("Papers/Latte.md")]
    assert (latte.title, latte.meta.date, latte.meta.year) == ("Latent Diffusion for Video", "2024-01-02", 2024)
    renderer = QueryRenderer(site.graph, site.src_of, dt.date(2024, 6, 1))
    home = site.graph.notes[NoteKey("Home.md")]
    for query in home.queries:
        markdown = renderer.render(query, home.path).markdown.replace("\\", "")
        row = next(line for line in markdown.split("\n") if "Latte" in line)
        assert row.count("Latent Diffusion for Video") >= 1 and "2024-01-02" in row, (query.info, row)
    base = renderer.render(home.queries[1], home.path).markdown.replace("\\", "")
    assert next(line for line in base.split("\n") if "Latte" in line).count("Latent Diffusion for Video") == 2


def test_a_link_written_in_dendron_s_order_is_a_file_link(make_vault: Callable[[dict[str, str | bytes]], Path]) -> None:
    """`[[the DiT note|DiT]]`, where only `DiT` names a note, is Dendron's `[[label|target]]`, read
    so by the resolver (`Resolver.label_first`) for Bases' `file.links` as for the page."""
    vault = load_vault(make_vault({
        "Papers/Latte.md": "# Latte\nSee [[the DiT note|DiT]] and [[Nowhere|nothing]].\n",
        "DiT.md": "# DiT\n",
        "Home.md": ("# Home\n\n```base\nfilters: file.folder == \"Papers\"\nviews:\n  - type: table\n"
                    "    order: [file.name, file.links]\n```\n"),
    }))
    site = build_site(vault.notes, vault.attachments)
    renderer = QueryRenderer(site.graph, site.src_of, dt.date(2024, 6, 1))
    home = site.graph.notes[NoteKey("Home.md")]
    row = renderer.render(home.queries[0], home.path).markdown.replace("\\", "").split("\n")[4]
    assert row == "| [Latte](Papers/Latte.md) | [DiT](DiT.md), Nowhere |"
