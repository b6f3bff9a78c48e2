"""Tokens of the Dataview query language and of Bases expressions (one lexer, two dialects)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from papernotes.dataview.errors import QuerySyntaxError

Dialect = Literal["dql", "bases"]
TokenKind = Literal["number", "string", "date", "ident", "link", "tag", "op", "eof"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    value: str
    start: int
    end: int


_SPACE_RE = re.compile(r"(?:\s++|//[^\n]*+)++")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?(?![\w-])")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?![\w])")
# Dataview field names may hold dashes (`key-design`); Bases reads `a-b` as a subtraction.
_IDENT_RE = {"dql": re.compile(r"[^\W\d][\w]*(?:-+[\w]+)*"), "bases": re.compile(r"[^\W\d][\w]*")}
_TAG_RE = re.compile(r"#[^\s#,()\[\]\"'`!]+")
_LINK_RE = re.compile(r"!?\[\[[^\[\]\n]*\]\]")
_OPERATORS = ("==", "!=", "<=", ">=", "&&", "||", "=>", "+", "-", "*", "/", "%", "=", "<", ">", "!",
              "(", ")", "[", "]", "{", "}", ",", ".", ":", "?")


def _string(source: str, start: int) -> tuple[str, int]:
    quote = source[start]
    out: list[str] = []
    pos = start + 1
    while pos < len(source):
        char = source[pos]
        if char == "\\" and pos + 1 < len(source):
            nxt = source[pos + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            pos += 2
        elif char == quote:
            return "".join(out), pos + 1
        elif char == "\n":
            break
        else:
            out.append(char)
            pos += 1
    raise QuerySyntaxError("this string is never closed", start)


def tokenize(source: str, dialect: Dialect = "dql") -> list[Token]:
    """The tokens of `source`; raises QuerySyntaxError at the first character that fits nothing."""
    tokens: list[Token] = []
    pos = 0
    ident_re = _IDENT_RE[dialect]
    while True:
        space = _SPACE_RE.match(source, pos)
        if space:
            pos = space.end()
        if pos >= len(source):
            tokens.append(Token("eof", "", pos, pos))
            return tokens
        char = source[pos]
        if char in "\"'":
            text, end = _string(source, pos)
            tokens.append(Token("string", text, pos, end))
            pos = end
            continue
        for kind, regex in (("date", _DATE_RE if dialect == "dql" else None), ("number", _NUMBER_RE),
                            ("link", _LINK_RE), ("tag", _TAG_RE), ("ident", ident_re)):
            match = regex.match(source, pos) if regex is not None else None
            if match:
                tokens.append(Token(kind, match.group(), pos, match.end()))  # type: ignore[arg-type]
                pos = match.end()
                break
        else:
            operator = next((op for op in _OPERATORS if source.startswith(op, pos)), None)
            if operator is None:
                raise QuerySyntaxError(f"unexpected character {char!r}", pos)
            tokens.append(Token("op", operator, pos, pos + len(operator)))
            pos += len(operator)
