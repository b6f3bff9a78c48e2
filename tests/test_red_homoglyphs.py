"""Privacy keys written with look-alike letters of another alphabet (`рublish` with a Cyrillic `р`,
`DRΑFT` with a Greek `Α`, `dg‐publish` with a Unicode hyphen) were read as unknown keys when two or
more letters were swapped, so `рubliѕh: false` published the note; and in a frontmatter block YAML
could not read, a look-alike or another tool's key (`pubish: false`, `private: true`) went unseen.
Generated: each key x every choice of 1 to 3 of its letters x the look-alikes Unicode's
confusables list for them (named here, independently of papernotes' own table)."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from papernotes.loader import load_note
from papernotes.pages import is_published
from tests.test_privacy import files_holding
from tests.test_site_build import build_site, write_vault

NAMES = {
    "a": ["CYRILLIC SMALL LETTER A", "GREEK SMALL LETTER ALPHA", "LATIN SMALL LETTER ALPHA"],
    "b": ["CYRILLIC SMALL LETTER SOFT SIGN"],
    "c": ["CYRILLIC SMALL LETTER ES", "LATIN LETTER SMALL CAPITAL C"],
    "d": ["CYRILLIC SMALL LETTER KOMI DE"],
    "e": ["CYRILLIC SMALL LETTER IE"],
    "g": ["LATIN SMALL LETTER SCRIPT G", "ARMENIAN SMALL LETTER CO"],
    "h": ["CYRILLIC SMALL LETTER SHHA", "ARMENIAN SMALL LETTER HO"],
    "i": ["CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "GREEK SMALL LETTER IOTA", "LATIN SMALL LETTER DOTLESS I"],
    "l": ["CYRILLIC SMALL LETTER PALOCHKA"],
    "o": ["CYRILLIC SMALL LETTER O", "GREEK SMALL LETTER OMICRON", "ARMENIAN SMALL LETTER OH"],
    "p": ["CYRILLIC SMALL LETTER ER", "GREEK SMALL LETTER RHO"],
    "r": ["CYRILLIC SMALL LETTER GHE"],
    "s": ["CYRILLIC SMALL LETTER DZE"],
    "t": ["GREEK SMALL LETTER TAU"],
    "u": ["GREEK SMALL LETTER UPSILON", "ARMENIAN SMALL LETTER SEH"],
    "v": ["GREEK SMALL LETTER NU", "CYRILLIC SMALL LETTER IZHITSA"],
    "y": ["CYRILLIC SMALL LETTER U"],
    "-": ["HYPHEN", "EN DASH", "MINUS SIGN"],
    "A": ["CYRILLIC CAPITAL LETTER A", "GREEK CAPITAL LETTER ALPHA"],
    "B": ["CYRILLIC CAPITAL LETTER VE", "GREEK CAPITAL LETTER BETA"],
    "D": [],
    "E": ["CYRILLIC CAPITAL LETTER IE", "GREEK CAPITAL LETTER EPSILON"],
    "H": ["CYRILLIC CAPITAL LETTER EN", "GREEK CAPITAL LETTER ETA"],
    "I": ["CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I", "GREEK CAPITAL LETTER IOTA"],
    "P": ["CYRILLIC CAPITAL LETTER ER", "GREEK CAPITAL LETTER RHO"],
    "S": ["CYRILLIC CAPITAL LETTER DZE"],
    "T": ["CYRILLIC CAPITAL LETTER TE", "GREEK CAPITAL LETTER TAU"],
}
LOOKALIKES = {letter: [unicodedata.lookup(name) for name in names] for letter, names in NAMES.items()}
# the key as written, the value that makes the note private, the message's code
KEYS = [("publish", "false", "bad-publish"), ("dg-publish", "false", "bad-publish"), ("draft", "true", "bad-draft"),
        ("private", "true", "bad-draft"), ("public", "no", "bad-publish"), ("published", "false", "bad-publish"),
        ("PUBLISH", "false", "bad-publish"), ("Draft", "yes", "bad-draft"), ("visibility", "private", "bad-publish")]


def spellings(key: str) -> list[str]:
    """`key` with 1, 2 or 3 of its letters swapped for look-alikes: every choice of positions, the
    look-alike at each chosen position rotating through its list so that every one is used."""
    positions = [i for i, char in enumerate(key) if LOOKALIKES.get(char)]
    found = []
    for count in (1, 2, 3):
        for number, chosen in enumerate(itertools.combinations(positions, count)):
            letters = list(key)
            for i in chosen:
                options = LOOKALIKES[key[i]]
                letters[i] = options[(number + i) % len(options)]
            found.append("".join(letters))
    return found


CASES = [(written, value, code) for key, value, code in KEYS for written in spellings(key)]


@pytest.mark.parametrize("place", ["alone", "after a title", "in YAML that cannot be read"])
@pytest.mark.parametrize(("written", "value", "code"), CASES)
def test_a_privacy_key_in_look_alike_letters_keeps_the_note_private(
        written: str, value: str, code: str, place: str) -> None:
    before = {"alone": "", "after a title": "title: T\n", "in YAML that cannot be read": "title: a: b\n"}[place]
    note, problems = load_note("n.md", f"---\n{before}{written}: {value}\n---\n# Body\n".encode())
    assert note is not None and not is_published(note, ())
    line = 3 if before else 2
    said = [(p.code, p.line, p.level) for p in problems if p.code in ("bad-publish", "bad-draft")]
    assert said == [(code, line, "warning")]


def test_the_message_names_the_letters_and_what_to_write() -> None:
    _, problems = load_note("n.md", "---\nРubliѕh: false\n---\n".encode())
    assert [p.format() for p in problems] == [
        "n.md:2: warning: `Рubliѕh:` is not a key papernotes reads: it looks like `publish:` but has letters of "
        "another alphabet (Р is U+0420 CYRILLIC CAPITAL LETTER ER, ѕ is U+0455 CYRILLIC SMALL LETTER DZE); the note "
        "is treated as not published (retype the key in Latin letters, as `publish: false` to keep it private)"]


@pytest.mark.parametrize(("written", "value", "code"), CASES[::7])
def test_a_look_alike_key_that_says_public_changes_nothing(written: str, value: str, code: str) -> None:
    opposite = {"false": "true", "no": "yes", "true": "false", "yes": "no", "private": "public"}[value]
    note, problems = load_note("n.md", f"---\n{written}: {opposite}\n---\n".encode())
    assert note is not None and is_published(note, ()) and problems == []


@pytest.mark.parametrize("line", [
    "заметка: false", "статус: true", "τίτλος: false", "рыба: no", "ΝΟΤΕ: false", "Тема: true", "роль: draft",
    "publisher: false", "drift: true",
])
def test_words_of_other_alphabets_are_not_look_alikes(line: str) -> None:
    note, problems = load_note("n.md", f"---\n{line}\n---\n".encode())
    assert note is not None and is_published(note, ()) and problems == []


CANARY = "zqxhomoglyphcanary"


def test_no_look_alike_key_reaches_the_site(tmp_path: Path) -> None:
    files = {"index.md": "# Home\n\nThe public page.\n"}
    for number, (written, value, _) in enumerate(CASES[::5]):
        files[f"n{number}.md"] = f"---\ntitle: {CANARY}{number}\n{written}: {value}\n---\n{CANARY} body\n"
        files["index.md"] += f"\n- [[n{number}]]"
    docs = write_vault(tmp_path / "docs", files)
    site = build_site(docs, tmp_path / "site", strict=False)
    assert files_holding(site, CANARY) == []
    assert (site / "index.html").is_file()
