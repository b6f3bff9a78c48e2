"""Links and images to files on the author's computer are shown as their text, never as links or paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.markdown.parser import make_parser
from tests.test_site_build import build_site, page, write_vault

SPAN = '<span class="pn-local-file" title="a file on the computer the note was written on">'


@pytest.mark.parametrize(("markdown", "expected"), [
    ("[attachment](<file:///Users/alice/Zotero/storage/AB12/Song 等 2023.pdf>) end",
     f"<p>{SPAN}attachment</span> end</p>\n"),
    ("[*PDF*](FILE:///C:/Users/alice/a.pdf)", f"<p>{SPAN}<em>PDF</em></span></p>\n"),
    ("![scan of p. 3](file:///home/alice/scan.png)", "<p>scan of p. 3</p>\n"),
    ("[web](https://arxiv.org/abs/1706.03762)", '<p><a href="https://arxiv.org/abs/1706.03762">web</a></p>\n'),
    ("[bad](javascript:alert(1))", "<p>[bad](javascript:alert(1))</p>\n"),  # still refused by CommonMark
])
def test_local_files_are_text(markdown: str, expected: str) -> None:
    assert make_parser().render(markdown) == expected


def test_a_note_with_zotero_and_logseq_attachments_names_no_local_path(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {
        "index.md": "# Home\n[[Paper]]\n",
        "Paper.md": """
            ---
            title: A Paper With Attachments
            year: 2023
            ---
            | Field | Value |
            | --- | --- |
            | PDF | [attachment](<file:///Users/alice/Zotero/storage/UNCV/Song 2023.pdf>) |

            - ![Song 2023.pdf](file://zotero_link/Research/Song 2023.pdf)
            - [open](file:///D:/Downloads/Courses/notes.pdf) in the app
            """,
    })
    site = build_site(docs, tmp_path / "site")
    html = page(site, "Paper")
    assert f"{SPAN}attachment</span>" in html and f"{SPAN}open</span> in the app" in html
    leaked = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
              and any(word in path.read_bytes() for word in (b"Users/alice", b"zotero_link", b"Downloads/Courses"))]
    assert leaked == []
