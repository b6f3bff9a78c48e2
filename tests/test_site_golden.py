"""Golden files: a small vault in, generated pages, paper chrome and diagnostics out.

Each case is a folder `tests/golden/<case>/` holding `vault/` (the notes) and `expected/` (what
papernotes makes of them). To regenerate after an intended change, run

    UPDATE_GOLDEN=1 ./dev test -k golden

which writes the files and fails (refused under CI); then read `git diff tests/golden` like code
before committing it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from papernotes.explore import Explorer
from papernotes.loader import load_vault
from papernotes.model import NoteKey
from papernotes.options import Options, validate
from papernotes.pages import Site
from papernotes.pages.paper import wrap_content
from papernotes.publish import publish
from papernotes.rewrite import note_html
from papernotes.site_plan import add_generated
from tests.goldens import check_files

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "vault").is_dir())

# What each case's `expected/` holds: generated pages (Markdown), notes' bodies (HTML),
# and the HTML papernotes puts around a paper note's rendered body.
GENERATED = ("papers.md", "topics/index.md", "topics/diffusion.md", "topics/text2video.md", "topics/gan.md",
             "queues.md", "timeline.md", "notes.md", "index.md", "compare/papers.json", "papers.bib", "papers.json",
             "authors/index.md", "authors/kaiming-he.md", "venues/index.md", "venues/cvpr.md")
BODY = '<h1 id="{id}">{text}<a class="headerlink" href="#{id}" title="Permanent link">&para;</a></h1>\n<p>BODY</p>'


def _site(case: str) -> tuple[Site, list[str], Options]:
    """The case's site and the problems the build logs (`options.json`: the plugin's options)."""
    vault = load_vault(GOLDEN / case / "vault")
    file = GOLDEN / case / "options.json"
    options, problems = validate(json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {})
    assert problems == []
    published = publish(vault, options)
    return published.site, [d.format() for d in published.diagnostics], replace(options, search="none")


def outputs(case: str) -> dict[str, str]:
    """Every file `expected/` should hold for a case, by its path there."""
    site, diagnostics, options = _site(case)
    pages: dict[str, str | bytes] = {}
    add_generated(pages, site, {}, Explorer(site), options)  # the home page with them, as the build makes it
    found = {f"generated/{src}": pages[src] for src in GENERATED if src in pages}
    for key in sorted(site.links.published):
        note = site.links.notes[NoteKey(key)]
        found[f"notes/{key.removesuffix('.md')}.html"] = note_html(note, site.links)
        if key in site.graph.paper_of_note or note.citations:  # paper chrome, References
            first = note.headings[0] if note.headings and note.headings[0].level == 1 else None
            body = BODY.format(id=first.anchor, text=first.text) if first else "<p>BODY</p>"
            found[f"html/{key.removesuffix('.md')}.html"] = wrap_content(
                body, site, key, site.src_of(key), paper_pages=True) + "\n"
    found["diagnostics.txt"] = "".join(line + "\n" for line in diagnostics)
    return found


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    check_files(GOLDEN / case / "expected", outputs(case))
