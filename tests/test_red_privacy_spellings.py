"""A note that says "do not publish" in a spelling papernotes did not read was published: the
full-width colon of a Chinese or Japanese input method (`publish：false`), TOML's `=`, a
full-width or zero-width-spaced key, a one-letter typo (`pubish`, `darft`, a Cyrillic `і`),
other tools' keys (Jekyll's `published: false`, Logseq's `public:: false`, `private: true`,
`visibility: private`, a blog's `status: draft`). Generated: every spelling x where it sits in
the frontmatter x line endings; each note is private with one message at the key's line, and
keys that only look alike (`drift`, `publisher`, `hidden`) change nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from papernotes.loader import load_note
from papernotes.pages import is_published
from tests.test_privacy import files_holding
from tests.test_site_build import build_site, write_vault

# (frontmatter line, the message the note gets: (code, level), or None when it is read as written)
PRIVATE = {
    "publish：false": ("bad-publish", "warning"),
    "publish： false": ("bad-publish", "warning"),
    "draft：true": ("bad-draft", "warning"),
    "dg-publish：false": ("bad-publish", "warning"),
    "publish = false": ("bad-publish", "warning"),
    "draft = true": ("bad-draft", "warning"),
    "ｐｕｂｌｉｓｈ: false": None,
    "ｄｒａｆｔ: true": None,
    "pub\u200blish: false": None,
    "\u200bdraft: true": None,
    "\ufeffpublish: false": None,
    "dg\u00ad-publish: false": None,
    "pubish: false": ("bad-publish", "warning"),
    "publsh: no": ("bad-publish", "warning"),
    "pulbish: false": ("bad-publish", "warning"),
    "publishh: off": ("bad-publish", "warning"),
    "publіsh: false": ("bad-publish", "warning"),  # a Cyrillic і
    "dgpublish: false": ("bad-publish", "warning"),
    "dg-pubish: false": ("bad-publish", "warning"),
    "darft: true": ("bad-draft", "warning"),
    "drafts: yes": ("bad-draft", "warning"),
    "published: false": ("bad-publish", "info"),
    "Published: no": ("bad-publish", "info"),
    "public: false": ("bad-publish", "info"),
    "private: true": ("bad-draft", "info"),
    "Private: yes": ("bad-draft", "info"),
    "visibility: private": ("bad-publish", "info"),
    "visibility: Hidden": ("bad-publish", "info"),
    "status: draft": ("bad-publish", "info"),
    "status: private": ("bad-publish", "info"),
}
PUBLIC = (
    "drift: true", "graft: true", "craft: true", "publisher: false", "publishing: no", "hidden: true",
    "published: true", "public: true", "private: false", "visibility: public", "status: read",
    "draft: false", "publish: true", "pubish: true", "darft: false", "title: publish = false",
)
PLACES = {"alone": ("", ""), "after a title": ("title: T\n", ""), "before a title": ("", "\ntitle: T")}


def note_bytes(line: str, place: str, newline: str) -> bytes:
    before, after = PLACES[place]
    return f"---\n{before}{line}{after}\n---\n# Body\n".replace("\n", newline).encode("utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("line", list(PRIVATE))
def test_every_spelling_of_private_keeps_the_note_private(line: str, place: str, newline: str) -> None:
    note, problems = load_note("n.md", note_bytes(line, place, newline))
    assert note is not None and not is_published(note, ())
    key_line = 3 if place == "after a title" else 2
    said = [(p.code, p.level, p.line) for p in problems if p.code in ("bad-publish", "bad-draft")]
    expected = PRIVATE[line]
    if line.startswith("\ufeff") and place == "after a title":  # a BOM inside YAML: none of it is read
        expected = ("bad-publish", "warning")
    assert said == ([] if expected is None else [(*expected, key_line)])


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("line", PUBLIC)
def test_keys_that_only_look_alike_change_nothing(line: str, place: str) -> None:
    note, problems = load_note("n.md", note_bytes(line, place, "\n"))
    assert note is not None and is_published(note, ())
    assert [p for p in problems if p.code in ("bad-publish", "bad-draft")] == []


def test_a_message_says_which_key_is_read_and_what_to_write() -> None:
    _, problems = load_note("n.md", note_bytes("pubish: false", "alone", "\n"))
    [problem] = problems
    assert problem.format() == ("n.md:2: warning: `pubish:` is not a key papernotes reads, but looks like "
                                "a misspelt `publish:`; the note is treated as not published (write "
                                "`publish: false` to keep it private, or rename the key)")
    _, problems = load_note("n.md", note_bytes("published: false", "alone", "\n"))
    assert [p.format() for p in problems] == [
        "n.md:2: info: `published: false` is read as `publish: false`: the note is not published "
        "(papernotes reads `publish: false`; write it so that other tools agree)"]
    _, problems = load_note("n.md", note_bytes("publish：false", "after a title", "\n"))
    [unread] = [p.format() for p in problems if p.code == "bad-publish"]  # YAML's own words vary by version
    assert unread.startswith("n.md:3: warning: `publish:` is written on line 3 but none of the frontmatter is "
                             "read (frontmatter is not valid YAML: ")
    assert unread.endswith("); the note is treated as not published (write `publish:` once, at the start of "
                           "a line of a frontmatter block that is valid YAML)")


CANARY = "zqxspellingcanary"


def test_no_spelling_reaches_the_site_or_the_export(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\nThe public page.\n"}
    for number, line in enumerate(PRIVATE):
        files[f"n{number}.md"] = f"---\n{line}\ntitle: {CANARY}{number}\n---\n{CANARY}body{number}\n"
        files["index.md"] += f"\n- [[n{number}]]"
    for number, line in enumerate(PUBLIC):
        files[f"p{number}.md"] = f"---\n{line}\n---\npublic body {number}\n"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    assert files_holding(site, CANARY) == []
    assert sorted(path.parent.name for path in site.glob("p[0-9]*/index.html")) == sorted(
        f"p{number}" for number in range(len(PUBLIC)))
    exported = subprocess.run([sys.executable, "-m", "papernotes", "export", str(docs)], capture_output=True,
                              text=True, encoding="utf-8", timeout=120, check=True).stdout
    assert CANARY not in exported and "public body" not in exported  # notes' bodies are not exported
    assert exported.count('"path": "p') == len(PUBLIC)
