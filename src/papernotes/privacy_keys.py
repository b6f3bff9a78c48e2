"""Frontmatter keys that say "do not publish" in a spelling papernotes does not read: other
tools' words (Jekyll's `published: false`, Logseq's `public:: false`, `private: true`,
`visibility: private`, a blog's `status: draft`) and one-letter
typos of `publish`, `dg-publish` and `draft` (`pubish: false`, `darft: true`). A note saying so
is private, as its author meant; the message names the key papernotes reads."""

from __future__ import annotations

from collections.abc import Mapping

from papernotes.diagnostics import Diagnostic
from papernotes.frontmatter import PRIVACY_KEYS, flag_value, frontmatter_key

_SYNONYMS = {"published": "publish", "public": "publish", "private": "draft"}
"""Other tools' keys, as the key papernotes reads with the same meaning (`private: true` is a draft)."""
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


def _meant(key: str) -> str | None:
    """The privacy key `key` stands for, if any: a synonym or a one-letter typo of one."""
    if key in PRIVACY_KEYS:
        return None
    return _SYNONYMS.get(key) or next((meant for meant in PRIVACY_KEYS if _one_edit(key, meant)), None)


def _says_private(key: str, meant: str | None, value: object) -> bool:
    if key in _WORD_KEYS:
        return isinstance(value, str) and value.strip().casefold() in _PRIVATE_WORDS
    return meant is not None and flag_value(value) is (meant == "draft")


def lookalike_privacy(raw: Mapping[str, object], path: str, lines: Mapping[str, int]) -> Diagnostic | None:
    """A diagnostic, and the note private, when a key other than `publish`, `dg-publish` and
    `draft` says it is not to be published; None otherwise."""
    for name, value in raw.items():
        key = frontmatter_key(str(name))
        meant = "publish" if key in _WORD_KEYS else _meant(key)
        if not _says_private(key, meant, value):
            continue
        line = lines.get(str(name), 2)
        shown = str(value).lower() if isinstance(value, bool) else value
        private = "draft: true" if meant == "draft" else f"{meant}: false"
        code = "bad-draft" if meant == "draft" else "bad-publish"  # as for `draft:` and `dg-publish:` themselves
        if key in _SYNONYMS or key in _WORD_KEYS:
            return Diagnostic(path, line, "info", code,
                              f"`{name}: {shown}` is read as `{private}`: the note is not published",
                              f"papernotes reads `{private}`; write it so that other tools agree")
        return Diagnostic(path, line, "warning", code,
                          f"`{name}:` is not a key papernotes reads, but looks like a misspelt `{meant}:`; "
                          "the note is treated as not published",
                          f"write `{private}` to keep it private, or rename the key")
    return None


__all__ = ["lookalike_privacy"]
