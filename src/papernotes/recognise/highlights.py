"""Evidence from a PDF's highlights: Logseq keeps those of `x.pdf` on a page of their own,
`hls__x`, each highlight with the PDF page it is on (`hl-page:: 201`). A PDF highlighted past
page `BOOK_PAGES` is a book (or a book-length set of lectures), not a paper."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from papernotes.model import Note
from papernotes.paths import stem
from papernotes.recognise.layout import pdf_names
from papernotes.recognise.signals import Signal

HIGHLIGHTS_PREFIX = "hls__"
"""Logseq names the page of a PDF's highlights `hls__<the PDF's name>`."""
BOOK_PAGES = 100
"""A highlight on this PDF page or beyond: few papers run this long (a long review may; its
note's `type:: paper` keeps it a paper)."""
_HL_PAGE_RE = re.compile(r"^[ \t]*+hl-page::[ \t]*+(\d{1,6})[ \t]*+$", re.MULTILINE)
_FILE_LINES = 4
"""The `file::` and `file-path::` properties at the top of a highlights page name its PDF."""


def highlighted_pages(notes: Iterable[Note]) -> dict[str, int]:
    """The last page highlighted in each PDF that has a highlights page, by the PDF's name
    (casefolded, without `.pdf`): the page's own name and the PDF its `file::` line names."""
    found: dict[str, int] = {}
    for note in notes:
        name = stem(note.path)
        if not name.startswith(HIGHLIGHTS_PREFIX) or "hl-page::" not in note.body:
            continue
        last = max((int(page) for page in _HL_PAGE_RE.findall(note.body)), default=0)
        names = {name.removeprefix(HIGHLIGHTS_PREFIX)}
        for line in note.body.split("\n", _FILE_LINES)[:_FILE_LINES]:
            if line.startswith(("file::", "file-path::")):
                names.update(pdf_names(line))
        for pdf in names:
            key = pdf.casefold()
            found[key] = max(found.get(key, 0), last)
    return found


def book_signals(note: Note, pages: Mapping[str, int]) -> list[Signal]:
    """`book-length` when a PDF the note embeds near the top is highlighted past `BOOK_PAGES`."""
    if not pages:
        return []
    for index, text in enumerate(note.body.split("\n", 6)[:6]):
        if index in note.code_lines:
            continue
        for pdf in pdf_names(text):
            last = pages.get(pdf.casefold(), 0)
            if last >= BOOK_PAGES:
                return [Signal("book-length", -1.0, f"its PDF `{pdf}.pdf` has highlights up to page {last} "
                                                    f"(`{HIGHLIGHTS_PREFIX}{pdf}`): a book, not a paper",
                               note.body_line + index)]
    return []
