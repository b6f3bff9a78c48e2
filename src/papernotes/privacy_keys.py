"""Frontmatter keys that say "do not publish" in a spelling papernotes does not read: other
tools' words (Jekyll's `published: false`, Logseq's `public:: false`, `private: true`,
`visibility: private`, a blog's `status: draft`) and one-letter
typos of `publish`, `dg-publish` and `draft` (`pubish: false`, `darft: true`), and any of these
written with look-alike letters of another alphabet (a Cyrillic `р`, a Greek `ο`: `_LOOKALIKES`).
A note saying so is private, as its author meant; the message names the key papernotes reads."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from papernotes.diagnostics import Diagnostic
from papernotes.frontmatter import PRIVACY_KEYS, flag_value, frontmatter_key

_SYNONYMS = {"published": "publish", "public": "publish", "private": "draft"}
"""Other tools' keys, as the key papernotes reads with the same meaning (`private: true` is a draft)."""
_LOOKALIKES = {
    "a": "\u0430\u0251\u03b1", "b": "\u044c\u0185", "c": "\u0441\u1d04", "d": "\u0501\u146f",
    "e": "\u0435\u04bd", "g": "\u0261\u0581", "h": "\u04bb\u0570", "i": "\u0456\u0131\u0269\u03b9",
    "j": "\u0458\u03f3", "k": "\u03ba\u043a", "l": "\u04cf\u01c0", "n": "\u0578",
    "o": "\u043e\u03bf\u0585\u1d0f", "p": "\u0440\u03c1\u2374", "q": "\u051b", "r": "\u0433\u1d26",
    "s": "\u0455\ua731", "t": "\u03c4", "u": "\u03c5\u057d\u028b", "v": "\u03bd\u0475\u1d20",
    "w": "\u051d\u0461", "x": "\u0445\u03c7", "y": "\u0443\u04af\u03b3",
    "A": "\u0410\u0391", "B": "\u0412\u0392", "C": "\u0421\u03f9", "E": "\u0415\u0395", "H": "\u041d\u0397",
    "I": "\u0406\u0399\u04c0", "J": "\u0408\u037f", "K": "\u041a\u039a", "M": "\u041c\u039c", "N": "\u039d",
    "O": "\u041e\u039f\u0555", "P": "\u0420\u03a1", "S": "\u0405\u054f", "T": "\u0422\u03a4",
    "X": "\u0425\u03a7", "Y": "\u04ae\u03a5", "Z": "\u0396",
    "-": "\u2010\u2012\u2013\u2212\u02d7\u2043",
}
"""Letters of other alphabets (and dashes) that look like a Latin letter (or `-`), capitals apart
(a Greek capital `Ν` looks like `N`, its small `ν` like `v`), after NFKC (which already makes
full-width and compatibility forms Latin): the idea of Unicode's confusables skeleton (UTS #39),
as a small table of our own for the letters of the keys that matter here."""
_SKELETON = str.maketrans({char: latin for latin, chars in _LOOKALIKES.items() for char in chars})


def skeleton(key: str) -> str:
    """A key as written, as `frontmatter_key` reads it once `_LOOKALIKES` are the Latin letters
    they imitate: `Рublіsh` (Cyrillic `Р` and `і`) is `publish`."""
    if key.isascii():
        return frontmatter_key(key)
    return frontmatter_key(unicodedata.normalize("NFKC", key).translate(_SKELETON))


_PRIVATE_WORDS = frozenset({"private", "hidden", "draft"})
_WORD_KEYS = ("visibility", "status")
"""Keys whose value may say it in a word: `visibility: private`, `status: draft` (a blog's status,
not a reading status)."""


def _one_edit(typed: str, meant: str) -> bool:
    """`typed` is `meant` with one letter added, dropped, changed or two neighbours swapped; for a
    short key (`draft`) not changed, so that `drift` or `graft` are not read as `draft`."""
    if typed == meant or abs(len(typed) - len(meant)) > 1 or typed[:1] != meant[:1]:
        return False
    if len(typed) == len(meant):
        wrong = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        swapped = len(wrong) == 2 and wrong[1] == wrong[0] + 1 and typed[wrong[0]] == meant[wrong[1]] \
            and typed[wrong[1]] == meant[wrong[0]]
        return swapped or (len(wrong) == 1 and len(meant) > 5)
    short, long = sorted((typed, meant), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _meant(written: str) -> str | None:
    """The privacy key the key `written` stands for, if any: one in look-alike letters, a
    synonym or a one-letter typo of one (`visibility` and `status`, whose value says it, as `publish`)."""
    if frontmatter_key(written) in PRIVACY_KEYS:
        return None
    seen = skeleton(written)
    if seen in PRIVACY_KEYS:
        return seen
    if seen in _WORD_KEYS:
        return "publish"
    return _SYNONYMS.get(seen) or next((meant for meant in PRIVACY_KEYS if _one_edit(seen, meant)), None)


def _says_private(written: str, meant: str | None, value: object) -> bool:
    if skeleton(written) in _WORD_KEYS:
        return isinstance(value, str) and skeleton(value) in _PRIVATE_WORDS
    return meant is not None and flag_value(value) is (meant == "draft")


def line_privacy(written: str, value: str) -> str | None:
    """For a `key: value` line that YAML did not read (`frontmatter.unread_privacy`): the privacy
    key the key `written` stands for when it is a look-alike of one and `value` says the note is
    private, else None."""
    meant = _meant(written)
    value = value.split(" #", 1)[0].strip().strip("'\"")
    return meant if meant is not None and _says_private(written, meant, value) else None


def _letters_named(written: str) -> str:
    """The look-alike letters in `written`, named: `р is U+0440 CYRILLIC SMALL LETTER ER`."""
    odd = dict.fromkeys(char for char in unicodedata.normalize("NFKC", written) if char in _SKELETON_CHARS)
    return ", ".join(f"{char} is U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip() for char in odd)


_SKELETON_CHARS = frozenset("".join(_LOOKALIKES.values()))


def lookalike_privacy(raw: Mapping[str, object], path: str, lines: Mapping[str, int]) -> Diagnostic | None:
    """A diagnostic, and the note private, when a key other than `publish`, `dg-publish` and
    `draft` says it is not to be published; None otherwise."""
    for name, value in raw.items():
        key = frontmatter_key(str(name))
        meant = _meant(str(name))
        if not _says_private(str(name), meant, value):
            continue
        line = lines.get(str(name), 2)
        shown = str(value).lower() if isinstance(value, bool) else value
        private = "draft: true" if meant == "draft" else f"{meant}: false"
        code = "bad-draft" if meant == "draft" else "bad-publish"  # as for `draft:` and `dg-publish:` themselves
        if key in _SYNONYMS or key in _WORD_KEYS:
            return Diagnostic(path, line, "info", code,
                              f"`{name}: {shown}` is read as `{private}`: the note is not published",
                              f"papernotes reads `{private}`; write it so that other tools agree")
        if skeleton(str(name)) != key:
            return Diagnostic(path, line, "warning", code,
                              f"`{name}:` is not a key papernotes reads: it looks like `{skeleton(str(name))}:` but "
                              f"has letters of another alphabet ({_letters_named(str(name))}); the note is treated "
                              "as not published", f"retype the key in Latin letters, as `{private}` to keep it private")
        return Diagnostic(path, line, "warning", code,
                          f"`{name}:` is not a key papernotes reads, but looks like a misspelt `{meant}:`; "
                          "the note is treated as not published",
                          f"write `{private}` to keep it private, or rename the key")
    return None


__all__ = ["line_privacy", "lookalike_privacy", "skeleton"]
