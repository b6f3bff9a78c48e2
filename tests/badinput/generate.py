"""Bad-input cases that cannot live in git as files: huge, binary, oddly named, symlinked.

`write_generated(vault, outside)` adds them to a copy of `tests/badinput/vault/`; `outside` is a
folder beside the vault that symlinks and `..` links point into (it must never be published).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "vault"
OUTSIDE_CANARY = "OUTSIDE-VAULT-CANARY-5d21"
BIG_BYTES = 20 * 1024 * 1024
MANY_LINKS = 100_000
DEPTH = 10_000

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6300010000050001" "0d0a2db40000000049454e44ae426082")

# File names that break naive URL and path handling; each note links to the next one.
ODD_NAMES = (
    "hash # name.md", "question ? mark.md", "percent %20 and %zz.md", "pipe | name.md",
    "brackets [x] name.md", "new\nline.md", "tab\tname.md", "quote \" and ' name.md",
    "<b>angle</b> name.md", "x" * 252 + ".md",
)


def big_note() -> bytes:
    """About 20 MB of ordinary prose with a few links: the size, not the syntax, is the test."""
    line = b"Lorem ipsum dolor sit amet, [[fine note]] consectetur #bigtag adipiscing elit.\n"
    return b"# A 20 MB note\n\n" + line * (BIG_BYTES // len(line))


def many_links() -> bytes:
    links = " ".join(f"[[missing {i % 50}]]" if i % 10 == 0 else "[[fine note]]" for i in range(MANY_LINKS))
    return ("# 100,000 wikilinks\n\n" + links + "\n").encode()


def deep_lists() -> bytes:
    """10,000 levels as markers on one line (`- - - x`), and 1,000 levels by indentation (a
    10,000-level indented list would be 50 MB of tabs)."""
    one_line = "- " * DEPTH + "x\n\n" + "1. " * DEPTH + "y\n\n"
    indented = "".join("\t" * i + "- level\n" for i in range(DEPTH // 10))
    return ("# Deep lists\n\n" + one_line + indented).encode()


def deep_quotes() -> bytes:
    return ("# Deep quotes\n\n" + ">" * DEPTH + " deep\n").encode()


def deep_mixed() -> bytes:
    return ("# Deep mixed\n\n" + "> - " * (DEPTH // 2) + "x\n").encode()


def write_generated(vault: Path, outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.md").write_text(f"# Outside\n{OUTSIDE_CANARY}\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(PNG + OUTSIDE_CANARY.encode())
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "inner.md").write_text(f"# Inner\n{OUTSIDE_CANARY}\n", encoding="utf-8")
    files: dict[str, bytes] = {
        "big/twenty-mb.md": big_note(),
        "big/many-links.md": many_links(),
        "big/deep-lists.md": deep_lists(),
        "big/deep-quotes.md": deep_quotes(),
        "big/deep-mixed.md": deep_mixed(),
        "big/long-line.md": b"# Long line\n\n" + b"word " * 200_000 + b"\n",
        "big/huge-yaml-value.md": b"---\ntitle: " + b"T" * 1_000_000 + b"\n---\n# Huge YAML value\n",
        "big/many-brackets.md": b"# Brackets\n\n" + b"[[" * 1_000 + b"\n" + b"*" * 50_000 + b"\n",
        "nul-bytes.md": b"# NUL\n\nbefore\x00after\n",
        "binary.md": PNG * 4,
        "Dup.md": b"# Dup upper\n",
        "dup.md": b"# dup lower\n",
        unicodedata.normalize("NFC", "caf\u00e9.md"): b"# cafe NFC\n",
        unicodedata.normalize("NFD", "caf\u00e9.md"): b"# cafe NFD\n[[caf\xc3\xa9]]\n",
        "links/to-odd-names.md": "\n".join(
            ["# Links to odd names", ""] + [f"- [[{name[:-3]}]]" for name in ODD_NAMES if "\n" not in name]
        ).encode(),
    }
    for name in ODD_NAMES:
        files["odd/" + name] = f"# Odd name\n\nA note named {name!r}.\n".encode()
    for relative, data in files.items():
        path = vault / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (vault / "links" / "symlink-file.md").symlink_to(outside / "secret.md")
    (vault / "links" / "symlink-image.png").symlink_to(outside / "secret.png")
    (vault / "symlink-folder").symlink_to(outside / "folder", target_is_directory=True)
    (vault / "links" / "symlink-inside.md").symlink_to(vault / "fine note.md")
    (vault / "links" / "dangling.md").symlink_to(outside / "does-not-exist.md")
    (vault / "links" / "uses-symlinks.md").write_text(
        "# Uses symlinks\n\n![[symlink-image.png]] [[symlink-file]] [[symlink-folder/inner]] [[symlink-inside]]\n",
        encoding="utf-8")


def copy_corpus(vault: Path) -> None:
    for source in sorted(CORPUS.rglob("*")):
        target = vault / source.relative_to(CORPUS)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            os.utime(target, (0, 0))


def make_corpus(root: Path) -> Path:
    """The whole corpus in `root/vault`, with `root/outside` beside it; returns the vault."""
    vault = root / "vault"
    copy_corpus(vault)
    write_generated(vault, root / "outside")
    return vault
