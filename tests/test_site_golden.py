"""Golden files: a small vault in, generated pages, paper chrome and diagnostics out.

Each case is a folder `tests/golden/<case>/` holding `vault/` (the notes) and `expected/` (what
papernotes makes of them). To regenerate after an intended change, run

    UPDATE_GOLDEN=1 ./dev test -k golden

which writes the files and fails (refused under CI); then read `git diff tests/golden` like code
before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from papernotes.diagnostics import sort_key
from papernotes.loader import load_vault
from papernotes.model import NoteKey
from papernotes.pages import Site, build_site
from papernotes.pages.generate import generated_pages
from papernotes.pages.paper import wrap_content
from papernotes.rewrite import note_html
from tests.goldens import check_files

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "vault").is_dir())

# What each case's `expected/` holds: generated pages (Markdown), notes' bodies (HTML),
# and the HTML papernotes puts around a paper note's rendered body.
GENERATED = ("papers.md", "topics/index.md", "topics/diffusion.md", "queues.md", "timeline.md",
             "notes.md", "index.md")
BODY = '<h1 id="{id}">{text}<a class="headerlink" href="#{id}" title="Permanent link">&para;</a></h1>\n<p>BODY</p>'


def _site(case: str) -> tuple[Site, list[str]]:
    vault = load_vault(GOLDEN / case / "vault")
    options = GOLDEN / case / "options.json"
    site = build_site(vault.notes, vault.attachments,
                      **(json.loads(options.read_text(encoding="utf-8")) if options.is_file() else {}))
    diagnostics = sorted(vault.diagnostics + site.diagnostics, key=sort_key)
    private = {note.path for note in vault.notes} - site.links.published
    shown = [d.format() for d in diagnostics if d.path not in private]
    return site, shown


def outputs(case: str) -> dict[str, str]:
    """Every file `expected/` should hold for a case, by its path there."""
    site, diagnostics = _site(case)
    pages = generated_pages(site, search=False)
    found = {f"generated/{src}": pages[src] for src in GENERATED if src in pages}
    for key in sorted(site.links.published):
        note = site.links.notes[NoteKey(key)]
        found[f"notes/{key.removesuffix('.md')}.html"] = note_html(note, site.links)
        if key in site.graph.paper_of_note:
            first = note.headings[0] if note.headings and note.headings[0].level == 1 else None
            body = BODY.format(id=first.anchor, text=first.text) if first else "<p>BODY</p>"
            found[f"html/{key.removesuffix('.md')}.html"] = wrap_content(
                body, site, key, site.src_of(key), paper_pages=True) + "\n"
    found["diagnostics.txt"] = "".join(line + "\n" for line in diagnostics)
    return found


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    check_files(GOLDEN / case / "expected", outputs(case))
