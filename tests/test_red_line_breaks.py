"""A `---` frontmatter block whose fences or lines are separated by a character that Python and YAML
take for a line break but Obsidian and markdown-it do not (U+2028, U+2029, NEL, a form feed, a
vertical tab, U+001C-U+001E) was no frontmatter to papernotes either, and nothing looked for
`publish: false` along those separators: the private note was published. And a `---` block after
a blank line was shown as text without a word. Generated: every separator x every place it
stands (opening fence, between keys, closing fence) x both privacy keys, with exact messages."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from papernotes.frontmatter import ODD_BREAKS
from papernotes.loader import load_note
from papernotes.pages import is_published
from tests.test_privacy import files_holding
from tests.test_site_build import build_site, write_vault

YAML_BREAKS = {"\x85", "\u2028", "\u2029"}  # YAML 1.1 reads these as line breaks; the others are errors
PRIVATE_KEYS = {"publish: false": "bad-publish", "draft: true": "bad-draft"}
CANARY = "zqxlinebreakcanary"
SPOTS = [mask for mask in itertools.product((False, True), repeat=3) if any(mask)]


def note_text(odd: str, spots: tuple[bool, bool, bool], key: str, tail: str = "") -> str:
    first, middle, last = (odd if spot else "\n" for spot in spots)
    return f"---{first}title: {CANARY}{middle}{key}{last}---\n# {CANARY} body\n{tail}"


def expected(text: str, odd: str, spots: tuple[bool, bool, bool], key: str) -> tuple[set[str], tuple | None]:
    """(other codes, (code, line) of the privacy message or None when YAML reads the key itself)."""
    fences_read = not spots[0] and not spots[2]
    if fences_read and odd in YAML_BREAKS:
        return set(), None
    line = 1 + text[: text.index(key)].count("\n")
    others = {"yaml-syntax"} if fences_read else set()
    if not spots[0] and spots[2] and "\n---\n" not in text[4:]:
        others.add("frontmatter-unclosed")
    return others, (PRIVATE_KEYS[key], line)


CASES = [(name, spots, key, tail) for name in ODD_BREAKS for spots in SPOTS for key in PRIVATE_KEYS
         for tail in ("", "\nmore\n\n---\n\nafter a rule\n")]


IDS = [f"U+{ord(o):04X}-{''.join('xo'[s] for s in m)}-{k[:5]}-{bool(t)}" for o, m, k, t in CASES]


@pytest.mark.parametrize(("odd", "spots", "key", "tail"), CASES, ids=IDS)
def test_a_private_note_stays_private_whatever_separates_its_lines(
        odd: str, spots: tuple[bool, bool, bool], key: str, tail: str) -> None:
    text = note_text(odd, spots, key, tail)
    note, problems = load_note("n.md", text.encode())
    assert note is not None and not is_published(note, ())
    others, privacy = expected(text, odd, spots, key)
    said = [(p.code, p.line) for p in problems if p.code in ("bad-publish", "bad-draft")]
    assert said == ([privacy] if privacy else [])
    if privacy is None:  # read by YAML as the key it is
        assert (note.meta.publish, note.meta.draft) == ((False, False) if key.startswith("publish") else (None, True))
    elif tail == "":
        assert {p.code for p in problems} - {privacy[0]} == others


def test_the_message_names_the_separator_and_the_line() -> None:
    _, problems = load_note("n.md", ("---\u2028title: T\u2028publish: false\u2028---\n# B\n").encode())
    assert [p.format() for p in problems] == [
        "n.md:1: warning: `publish:` is written on line 1 but the `---` block at the top of the note is not read as "
        "frontmatter (its lines are separated by U+2028 LINE SEPARATOR, which Obsidian and papernotes do not read "
        "as a line break); the note is treated as not published (write `publish:` once, at the start of a line of "
        "a frontmatter block that is valid YAML)"]


@pytest.mark.parametrize("odd", list(ODD_BREAKS))
def test_a_block_without_privacy_keys_is_shown_as_text_with_a_warning(odd: str) -> None:
    note, problems = load_note("n.md", f"---{odd}title: T{odd}tags: [a]{odd}---\n# B\n".encode())
    assert note is not None and is_published(note, ()) and note.meta.title is None
    assert [p.format() for p in problems] == [
        "n.md:1: warning: the `---` block at the top of the note is not read as frontmatter: its lines are separated "
        f"by {ODD_BREAKS[odd]}, which Obsidian and papernotes do not read as a line break; it is shown as text "
        "(re-save the note with ordinary line breaks)"]


LEADS = {"a blank line": "\n", "two blank lines": "\n\n", "a space": " ", "a zero-width space": "\u200b",
         "a no-break space on a blank line": "\u00a0\n", "a form feed line": "\x0c\n", "a tab line": "\t\n"}
BLOCKS = {"one key": "title: T\n", "three keys": "title: T\nyear: 2020\ntags: [a, b]\n",
          "a list value": "authors:\n  - A\n  - B\n", "a flow mapping": "{title: T}\n"}


@pytest.mark.parametrize("block", list(BLOCKS))
@pytest.mark.parametrize("lead", list(LEADS))
def test_frontmatter_after_a_blank_line_gets_a_warning_at_its_line(lead: str, block: str) -> None:
    text = LEADS[lead] + "---\n" + BLOCKS[block] + "---\nbody\n"
    note, problems = load_note("n.md", text.encode())
    assert note is not None and is_published(note, ())
    line = 1 + LEADS[lead].count("\n")
    assert [p.format() for p in problems] == [
        f"n.md:{line}: warning: frontmatter must start on the first line: the `---` block on line {line} is not read "
        "as frontmatter; it is shown as text (remove what comes before the first `---` (blank lines, spaces, "
        "invisible characters))"]


@pytest.mark.parametrize("lead", list(LEADS))
@pytest.mark.parametrize("text", [
    "---\nSome paragraph between rules.\n---\nbody\n",
    "---\n- a list\n- of points\n---\n",
    "---\ntitle: never closed\n\nbody\n",
    "---\n\n**Bold:** text\n\n---\n",
])
def test_rules_around_text_get_no_warning(lead: str, text: str) -> None:
    note, problems = load_note("n.md", (LEADS[lead] + text).encode())
    assert note is not None and is_published(note, ()) and problems == []


def test_no_separator_lets_a_private_note_reach_the_site(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\nThe public page.\n"}
    for number, (odd, spots) in enumerate(itertools.product(ODD_BREAKS, SPOTS)):
        files[f"n{number}.md"] = note_text(odd, spots, "publish: false" if number % 2 else "draft: true")
        files["index.md"] += f"\n- [[n{number}]]"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    assert files_holding(site, CANARY) == []
    assert (site / "index.html").is_file()


TOML_KEYS = {"draft = true": ("bad-draft", "draft"), "publish = false": ("bad-publish", "publish"),
             "dg-publish = false": ("bad-publish", "dg-publish"), 'draft = "true"': ("bad-draft", "draft"),
             "private = true": ("bad-draft", "private"), "published = false": ("bad-publish", "published")}


@pytest.mark.parametrize("lead", ["", "\n", " "])
@pytest.mark.parametrize("before", ["", 'title = "T"\n', 'title = "T"\ndate = 2020-01-02\n'])
@pytest.mark.parametrize("key", list(TOML_KEYS))
def test_a_hugo_toml_block_that_says_private_keeps_the_note_private(key: str, before: str, lead: str) -> None:
    """Hugo's TOML frontmatter (`+++` ... `+++`, `draft = true`) is not read (Obsidian does not
    read it either), but its privacy keys, and their look-alikes, keep the note private."""
    text = f"{lead}+++\n{before}{key}\n+++\n# {CANARY} body\n"
    note, problems = load_note("n.md", text.encode())
    assert note is not None and not is_published(note, ())
    code, name = TOML_KEYS[key]
    line = 2 + lead.count("\n") + before.count("\n")
    assert [(p.code, p.line) for p in problems] == [(code, line)]
    assert problems[0].message.startswith(f"`{name}:` is written on line {line} but the `+++` block at the top of "
                                          "the note is not read as frontmatter (it is TOML, fenced by `+++`; ")


def test_a_toml_block_without_privacy_keys_is_shown_with_a_warning() -> None:
    note, problems = load_note("n.md", b'+++\ntitle = "T"\ntags = ["a"]\n+++\nbody\n')
    assert note is not None and is_published(note, ())
    assert [p.format() for p in problems] == [
        "n.md:1: warning: the `+++` block at the top of the note is not read as frontmatter: it is TOML, fenced by "
        "`+++`; papernotes and Obsidian read YAML between `---` lines; it is shown as text (write it as YAML "
        "(`key: value` lines) between `---` lines)"]
    note, problems = load_note("n.md", b"+++\n\nA line of plus signs, then text.\n")
    assert note is not None and is_published(note, ()) and problems == []
