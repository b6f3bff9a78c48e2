"""Vault globs (`exclude`, `paper_folders`, `not_papers`) matched as people write them.

One matcher, so that a glob means the same wherever it is used, and what a user plainly meant
by it is what it matches: `Private`, `Private/` and `Private/**` are the folder and all below it;
a leading `/` or `./` is the vault's root (`/Private/**`); `**/` is any number of folders, none
included (`**/Private/**` is also the top `Private/`, `Papers/**/*.md` also `Papers/a.md`); case
does not matter (`private/**` is `Private/`), as on the file systems of macOS and Windows, where
Obsidian runs; `\\` is `/`. Nor does what no one can see in a name: Unicode normalisation (macOS
writes `Privé` decomposed, NFD; mkdocs.yml has it composed, NFC), invisible format characters
(zero-width spaces, bidi marks, a soft hyphen) and the kind and number of spaces (a no-break space,
a space at either end of a folder's name). For `exclude` that errs on the private side.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from papernotes.paths import fold, visible

_ODD_SPACE_RE = re.compile(r"(?:^|/)\s|\s(?:$|/)|\s\s|[^\S ]")
"""A space at either end of a part of a path, two together, or another kind than ` `."""

_MAX_ANY_FOLDERS = 4
"""A glob with more `**/` than this is matched as written, each one matching at least a folder."""


def comparable(path: str) -> str:
    """A vault path or a glob as the matcher compares them: `fold`ed (NFC, no case) and fully
    case-folded besides (`Maße/**` also keeps `Masse/` out: for `exclude` that errs on the private
    side), without invisible characters, each part's spaces made one plain space and trimmed."""
    if path.isascii():  # its own NFC, nothing invisible: most paths, which have no odd space either
        text = path.lower()
        if _ODD_SPACE_RE.search(text) is None:
            return text
    else:
        text = visible(fold(path).casefold())
    return "/".join(" ".join(part.split()) for part in text.split("/"))


@lru_cache(maxsize=4096)
def forms(pattern: str) -> tuple[str, ...]:
    """The fnmatch patterns, on `comparable` paths, that `pattern` stands for."""
    text = comparable(pattern.replace("\\", "/"))
    while text.startswith(("./", "/")):
        text = text.removeprefix(".").removeprefix("/")
    text = text.rstrip("/")
    if not text:
        return ()
    parts = text.split("**/")
    if len(parts) - 1 > _MAX_ANY_FOLDERS:
        variants = [text]
    else:  # each `**/` either there (some folders) or not (none)
        variants = ["".join(part + glue for part, glue in zip(parts, (*choice, ""), strict=True))
                    for choice in itertools.product(("**/", ""), repeat=len(parts) - 1)]
    return tuple(dict.fromkeys(form for variant in variants for form in (variant, variant + "/**")))


def matching(path: str, patterns: Iterable[str]) -> str | None:
    """The first of `patterns` that the vault path `path` matches, else None."""
    return _matching(path, patterns if isinstance(patterns, tuple) else tuple(patterns))


@lru_cache(maxsize=2**16)  # every file of the vault is asked about on every `mkdocs serve` rebuild
def _matching(path: str, patterns: tuple[str, ...]) -> str | None:
    folded = comparable(path)
    for pattern in patterns:
        if any(fnmatch.fnmatchcase(folded, form) for form in forms(pattern)):
            return pattern
    return None


def unmatched(patterns: Sequence[str], paths: Iterable[str]) -> list[str]:
    """The patterns that match none of `paths` (nor any folder of theirs), in their order. A
    pattern without `*`, `?` or `[` is looked up, so that a long list of exact paths costs no
    more than reading it."""
    candidates: set[str] = set()
    for path in paths:
        parts = comparable(path).split("/")
        candidates.update("/".join(parts[:end]) + ("/" if end < len(parts) else "")
                          for end in range(1, len(parts) + 1))
    left = []
    for pattern in dict.fromkeys(patterns):
        found = forms(pattern)
        if not any(mark in pattern for mark in "*?["):
            if not any(form in candidates or form + "/" in candidates for form in found):
                left.append(pattern)
        elif not any(fnmatch.fnmatchcase(candidate, form) for form in found for candidate in candidates):
            left.append(pattern)
    return left


__all__ = ["comparable", "forms", "matching", "unmatched"]
