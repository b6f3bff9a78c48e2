"""A `.bib` file cut into blocks where bibtexparser 2 starts one, and its plain entries read in C.

bibtexparser's splitter walks every brace, comma, quote, `=` and line break of a file in a Python
loop (about 100 marks an entry of a Better BibTeX export: half a second for 5,000 entries). Two
things make most of that walk unnecessary:

- bibtexparser starts a new block at every `@type{` (or `@type(`) that begins a line, after
  optional white space, whatever came before: an unclosed entry ends there as a failed block. So
  the file can be cut at those line starts first, and each piece parsed alone gives the blocks,
  lines and diagnostics of the whole file (`blocks`).
- Most pieces are one plain entry: `@type{key,` then `name = {value}` or `name = bare` fields, with
  braces nested at most four deep, no unescaped `"` outside braces, no `#` concatenation, no
  double backslash and no backslash at a line's end. `plain_entry` reads such a piece with
  regular expressions run by `re` in C, and gives exactly what bibtexparser gives for it (type,
  key, fields as written, raw text); every other piece, and any piece it does not fully accept,
  is left to bibtexparser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Where bibtexparser starts a block regardless of what is open: `@` + word + `{`/`(` at a line's
# start after white space (its `_BLOCK_START` mark, and its `_is_at_line_start`). A field follows
# a comma (the header's or the previous field's): the look-behind keeps a search linear.
_BLOCK_START_RE = re.compile(r"^[^\S\n]*+@\w*+[ \t]*+[{(]", re.MULTILINE)
_HEADER_RE = re.compile(r"\A[^\S\n]*+@(\w++)[ \t]*+\{\s*+([^\s{}\",=@\\#()]++)\s*+,")


def _braced(depth: int) -> str:
    """A `{…}` value with braces nested at most `depth` deep; a backslash hides the next
    character (not a backslash or a line break) from brace counting, as in bibtexparser."""
    inner = r"[^{}\\]++|\\[^\\\n]"
    if depth > 1:
        inner += "|" + _braced(depth - 1)
    return r"\{(?:" + inner + r")*+\}"


_FIELD_RE = re.compile(r"(?<=,)\s*+([^\s{}\",=@\\#]++)\s*+=\s*+(" + _braced(4) + r"|[^\s{}\",=@\\#]++)\s*+(,|(?=\}))")
_RESERVED = ("comment", "preamble", "string")  # bibtexparser's blocks that are not entries (by prefix)


@dataclass(frozen=True, slots=True)
class PlainEntry:
    """An entry as bibtexparser 2 would give it: type in lower case, fields (name, value as written)."""

    kind: str
    key: str
    fields: tuple[tuple[str, str], ...]
    raw: str


def blocks(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line of its first character, text) of each piece of `text` that begins where
    bibtexparser begins a block (the first piece: where the file begins)."""
    start, line = 0, 0
    for match in _BLOCK_START_RE.finditer(text):
        if match.start() > start:
            yield line, text[start:match.start()]
            line += text.count("\n", start, match.start())
            start = match.start()
    yield line, text[start:]


def plain_entry(piece: str) -> PlainEntry | None:
    """The entry `piece` holds, when it is a plain one (see the module's note), else None."""
    header = _HEADER_RE.match(piece)
    if header is None or header.group(1).lower().startswith(_RESERVED):
        return None
    fields: list[tuple[str, str]] = []
    names: set[str] = set()
    position = header.end()
    while True:
        field = _FIELD_RE.match(piece, position)
        if field is None:
            break
        name = field.group(1)
        if name in names:  # bibtexparser: a failed block (duplicate field)
            return None
        names.add(name)
        fields.append((name, field.group(2)))
        position = field.end()
        if not field.group(3):  # no comma: the entry's closing brace follows
            break
    rest = piece[position:].lstrip()
    if not rest.startswith("}") or "@" in rest:  # "@": a block after it on the same line, bibtexparser's
        return None
    end = len(piece) - len(rest) + 1
    return PlainEntry(header.group(1).lower(), header.group(2), tuple(fields), piece[piece.index("@"):end])
