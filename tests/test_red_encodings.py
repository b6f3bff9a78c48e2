"""Notes in every encoding and line ending a vault may hold, and with something before their
frontmatter's `---` (a blank line, a space, a second BOM, a zero-width space): a private note
stays private. Two classes were published: UTF-32 (its BOM starts with UTF-16's, so it was read
as UTF-16 with a NUL after every character, and `publish: false` went unseen), and a `---` block
after a blank line or an invisible character (not frontmatter to Obsidian either, but its author
meant it). Generated: encodings x line endings x what comes first, each with exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from papernotes.loader import load_note
from papernotes.pages import is_published
from tests.test_privacy import files_holding
from tests.test_site_build import build_site, write_vault

TITLE = "扩散模型 Café 확산"
CANARY = "zqxencodingcanary"


def note_text(publish: str, newline: str = "\n", lead: str = "") -> str:
    return (lead + f"---\ntitle: {TITLE}\npublish: {publish}\n---\n# {CANARY} body\n").replace("\n", newline)


# name -> (bytes of a text, the decoding message's code or None, readable: the title comes back)
def encoded(text: str) -> dict[str, tuple[bytes, str | None, bool]]:
    unicode = {
        "utf-8": (text.encode("utf-8"), None, True),
        "utf-8 with BOM": (text.encode("utf-8-sig"), None, True),
        "utf-16 le BOM": (text.encode("utf-16"), "utf16", True),
        "utf-16 be BOM": (b"\xfe\xff" + text.encode("utf-16-be"), "utf16", True),
        "utf-32 le BOM": (text.encode("utf-32"), "utf32", True),
        "utf-32 be BOM": (b"\x00\x00\xfe\xff" + text.encode("utf-32-be"), "utf32", True),
        "utf-16 le, no BOM": (text.encode("utf-16-le"), "binary-file", False),
        "utf-32 le, no BOM": (text.encode("utf-32-le"), "binary-file", False),
    }
    legacy = {name: (text.encode(name, errors="replace"), "not-utf8", False)
              for name in ("gbk", "gb18030", "big5", "cp949", "shift_jis", "euc-jp", "latin-1", "cp1252")}
    return unicode | legacy


NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
CASES = [(name, newline) for name in encoded("x") for newline in NEWLINES]


@pytest.mark.parametrize(("name", "newline"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_a_private_note_in_any_encoding_stays_private(name: str, newline: str) -> None:
    data, code, readable = encoded(note_text("false", NEWLINES[newline]))[name]
    note, problems = load_note("n.md", data)
    assert note is None or not is_published(note, ())
    assert [p.code for p in problems if p.code != "bad-publish"] == ([code] if code else [])
    if readable:
        assert note is not None and note.title == TITLE and note.meta.publish is False


@pytest.mark.parametrize("name", [name for name, (_, _, readable) in encoded("x").items() if readable])
def test_a_public_note_in_a_unicode_encoding_reads_as_written(name: str) -> None:
    data, _, _ = encoded(note_text("true"))[name]
    note, _ = load_note("n.md", data)
    assert note is not None and is_published(note, ())
    assert (note.title, [h.text for h in note.headings]) == (TITLE, [f"{CANARY} body"])


LEADS = {
    "a blank line": "\n", "two blank lines": "\n\n", "a space": " ", "a tab": "\t",
    "a no-break space": "\u00a0", "a second BOM": "\ufeff", "a zero-width space": "\u200b",
    "a word joiner": "\u2060", "a BOM then a blank line": "\ufeff\n", "spaces on a blank line": "   \n",
}


@pytest.mark.parametrize("newline", list(NEWLINES))
@pytest.mark.parametrize("lead", list(LEADS))
def test_a_frontmatter_block_after_a_blank_line_or_an_invisible_character_keeps_the_note_private(
        lead: str, newline: str) -> None:
    for encoding in ("utf-8-sig", "utf-16", "utf-32"):
        note, problems = load_note("n.md", note_text("false", NEWLINES[newline], LEADS[lead]).encode(encoding))
        assert note is not None and not is_published(note, ()), encoding
        line = 3 + LEADS[lead].count("\n")  # `publish:` is the second line of the block
        [said] = [p for p in problems if p.code == "bad-publish"]
        assert (said.line, said.level) == (line, "warning")
        assert said.message == (f"`publish:` is written on line {line} but the `---` block at the top of the "
                                "note is not read as frontmatter (frontmatter starts on line 1, with nothing "
                                "before `---`, not even a blank line or a space); the note is treated as not "
                                "published")


@pytest.mark.parametrize("text", [
    # a block with no privacy line: published, with a warning (tests/test_red_line_breaks.py)
    "Some text\n---\npublish: false\n---\n",  # a `---` further down is a rule, not frontmatter
    "\n\nplain text\n",
])
def test_text_before_a_block_or_no_privacy_line_changes_nothing(text: str) -> None:
    note, problems = load_note("n.md", text.encode())
    assert note is not None and is_published(note, ()) and problems == []


def test_no_encoding_or_lead_reaches_the_site(tmp_path: Path) -> None:
    docs = write_vault(tmp_path / "docs", {"index.md": "# Home\n\nPublic.\n"})
    for number, (data, _, _) in enumerate(encoded(note_text("false")).values()):
        (docs / f"enc{number}.md").write_bytes(data)
    for number, lead in enumerate(LEADS.values()):
        (docs / f"lead{number}.md").write_bytes(note_text("false", lead=lead).encode())
    (docs / "public32.md").write_bytes(note_text("true").replace(CANARY, "zqxpublic").encode("utf-32"))
    site = build_site(docs, tmp_path / "site", strict=False)
    assert files_holding(site, CANARY) == []
    assert "zqxpublic body" in (site / "public32" / "index.html").read_text(encoding="utf-8")
