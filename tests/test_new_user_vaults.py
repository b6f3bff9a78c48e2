"""What a new user met on real vaults (person, project and place notes; Logseq graphs; messy
frontmatter), rebuilt as look-alike vaults: real `mkdocs build`s, every message checked exactly."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.test_site_build import build_site, write_vault

LEVELS = {"ERROR": "error", "WARNING": "warning", "INFO": "info", "DEBUG": "info"}


def logged(docs: Path, caplog: pytest.LogCaptureFixture, **plugin: object) -> list[tuple[str, str]]:
    """(level, message) of every problem papernotes logged while `mkdocs build` built `docs`."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.papernotes"):
        build_site(docs, docs.parent / "site", strict=False, **plugin)
    return [(LEVELS[record.levelname], record.getMessage()) for record in caplog.records
            if record.name == "mkdocs.plugins.papernotes" and record.levelname in LEVELS
            and ".md:" in record.getMessage()]


PEOPLE_AND_PLACES = {
    "People/Dr Kim.md": "---\ntitle: [博士]\naffiliation: KAIST\n---\n# Dr Kim\nWorks on robots.\n",
    "Projects/Robot arm.md": "---\nstatus: 进行中\n---\n# Robot arm\nA project, not a paper.\n",
    "Places/KAIST.md": "---\nlocation: Daejeon\n---\n# KAIST\nAn institute.\n",
}
PAPER = {
    "Papers/Attention.md": """
        ---
        title: Attention Is All You Need
        year: 2017
        venue: NeurIPS
        authors: [Ashish Vaswani, Noam Shazeer]
        arxiv: 1706.03762
        status: 进行中
        ---
        # Attention Is All You Need

        ## Method
        Self-attention only.
        """,
}


def test_paper_keys_on_notes_that_are_no_papers_are_information(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **PEOPLE_AND_PLACES})
    assert sorted(logged(docs, caplog)) == [
        ("info", "People/Dr Kim.md:2: title: ['博士'] is not text (write one line of text, e.g. `title: ...`)"),
        ("info", "Places/KAIST.md:2: location: is not shown on the page: the theme would read it as the address "
                 "to send visitors to instead of this page, so papernotes leaves it out of the page's metadata "
                 "(nothing to do: the note keeps it and Dataview queries still read it)"),
        ("info", "Projects/Robot arm.md:2: status: '进行中' is not a reading status "
                 "(use one of `to-read`, `reading`, `read`)"),
    ]
    build_site(docs, tmp_path / "strict")  # --strict is usable: nothing here is a warning
    kaist = (tmp_path / "strict" / "Places" / "KAIST" / "index.html").read_text(encoding="utf-8")
    assert "Daejeon" not in kaist and "http-equiv" not in kaist  # still kept from the theme


def test_a_paper_keys_problem_on_a_papers_note_stays_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n", **PAPER})
    assert logged(docs, caplog) == [
        ("warning", "Papers/Attention.md:7: status: '进行中' is not a reading status "
                    "(use one of `to-read`, `reading`, `read`)"),
    ]
