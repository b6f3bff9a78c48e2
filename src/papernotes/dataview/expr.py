"""Expressions (shared by DQL and Bases): the syntax tree and a precedence-climbing parser."""

from __future__ import annotations

from dataclasses import dataclass

from papernotes.dataview.errors import QuerySyntaxError, Unsupported
from papernotes.dataview.lexer import Dialect, Token, tokenize
from papernotes.dataview.values import Value, parse_date, wikilink_parts


@dataclass(frozen=True, slots=True)
class Expr:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Literal(Expr):
    value: Value


@dataclass(frozen=True, slots=True)
class LinkLiteral(Expr):
    target: str
    subpath: str
    display: str


@dataclass(frozen=True, slots=True)
class Field(Expr):
    name: str


@dataclass(frozen=True, slots=True)
class Attr(Expr):
    obj: Expr
    name: str


@dataclass(frozen=True, slots=True)
class Index(Expr):
    obj: Expr
    key: Expr


@dataclass(frozen=True, slots=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Method(Expr):
    obj: Expr
    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Unary(Expr):
    op: str
    operand: Expr


@dataclass(frozen=True, slots=True)
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class ListLiteral(Expr):
    items: tuple[Expr, ...]


_BINARY = {"or": 1, "||": 1, "and": 2, "&&": 2, "=": 3, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
           "+": 4, "-": 4, "*": 5, "/": 5, "%": 5}
_CANONICAL = {"||": "or", "&&": "and", "==": "="}
_DATE_WORDS = {"today", "now", "yesterday", "tomorrow", "sow", "eow", "som", "eom", "soy", "eoy"}
_LITERAL_WORDS: dict[str, Value] = {"true": True, "false": False, "null": None}


class ExprParser:
    """Parses expressions from a token list; the DQL parser drives it clause by clause."""

    def __init__(self, source: str, dialect: Dialect = "dql", offset: int = 0) -> None:
        self.source = source
        self.dialect = dialect
        self.tokens = tokenize(source, dialect)
        self.pos = 0
        self.offset = offset

    # -- token helpers
    @property
    def current(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def at_op(self, *ops: str) -> bool:
        return self.current.kind == "op" and self.current.value in ops

    def at_word(self, *words: str) -> bool:
        return self.current.kind == "ident" and self.current.value.lower() in words

    def expect_op(self, op: str) -> Token:
        if not self.at_op(op):
            self.fail(f"expected '{op}'")
        return self.advance()

    def fail(self, message: str, token: Token | None = None) -> None:
        token = token or self.current
        if token.kind == "eof":  # point just after the last word, not at trailing blank lines
            raise QuerySyntaxError(f"{message}, found the end of the query", len(self.source.rstrip()) + self.offset)
        raise QuerySyntaxError(f"{message}, found {self.source[token.start:token.end]!r}", token.start + self.offset)

    def text(self, expr: Expr) -> str:
        return self.source[expr.start:expr.end]

    # -- grammar
    def expression(self, min_precedence: int = 1) -> Expr:
        left = self.unary()
        while True:
            token = self.current
            op = token.value.lower() if token.kind in ("op", "ident") else ""
            if op in ("and", "or") and token.kind == "ident" or token.kind == "op" and op in _BINARY:
                precedence = _BINARY[op]
            else:
                return left
            if precedence < min_precedence:
                return left
            self.advance()
            right = self.expression(precedence + 1)
            left = Binary(left.start, right.end, _CANONICAL.get(op, op), left, right)

    def unary(self) -> Expr:
        token = self.current
        if self.at_op("!", "-"):
            self.advance()
            operand = self.unary()
            return Unary(token.start, operand.end, token.value, operand)
        return self.postfix(self.primary())

    def postfix(self, expr: Expr) -> Expr:
        while True:
            if self.at_op("."):
                self.advance()
                name = self.current
                if name.kind != "ident":
                    self.fail("expected a field name after '.'")
                self.advance()
                if self.at_op("("):
                    args, end = self.arguments()
                    expr = Method(expr.start, end, expr, name.value, args)
                else:
                    expr = Attr(expr.start, name.end, expr, name.value)
            elif self.at_op("["):
                self.advance()
                key = self.expression()
                end = self.expect_op("]").end
                expr = Index(expr.start, end, expr, key)
            else:
                return expr

    def arguments(self) -> tuple[tuple[Expr, ...], int]:
        self.expect_op("(")
        args: list[Expr] = []
        while not self.at_op(")"):
            args.append(self.expression())
            if self.at_op("=>"):
                raise Unsupported("lambda expressions (`x => ...`)")
            if not self.at_op(","):
                break
            self.advance()
        return tuple(args), self.expect_op(")").end

    def primary(self) -> Expr:
        token = self.current
        if token.kind == "number":
            self.advance()
            number = float(token.value) if "." in token.value else int(token.value)
            return Literal(token.start, token.end, number)
        if token.kind == "string":
            self.advance()
            return Literal(token.start, token.end, token.value)
        if token.kind == "date":
            self.advance()
            return Literal(token.start, token.end, parse_date(token.value))
        if token.kind == "link":
            self.advance()
            parts = wikilink_parts(token.value)
            target, subpath, display = parts if parts else ("", "", "")
            return LinkLiteral(token.start, token.end, target, subpath, display)
        if token.kind == "ident":
            return self.identifier()
        if self.at_op("("):
            self.advance()
            inner = self.expression()
            end = self.expect_op(")").end
            return _with_span(inner, token.start, end)
        if self.at_op("["):
            return self.list_literal()
        if self.at_op("{"):
            raise Unsupported("object literals (`{ ... }`)")
        self.fail("expected a value")
        raise AssertionError  # unreachable: fail() raises

    def list_literal(self) -> Expr:
        start = self.advance().start
        items: list[Expr] = []
        while not self.at_op("]"):
            items.append(self.expression())
            if not self.at_op(","):
                break
            self.advance()
        return ListLiteral(start, self.expect_op("]").end, tuple(items))

    def identifier(self) -> Expr:
        token = self.advance()
        word = token.value
        if word.lower() in _LITERAL_WORDS:
            return Literal(token.start, token.end, _LITERAL_WORDS[word.lower()])
        if not self.at_op("("):
            return Field(token.start, token.end, word)
        name = word.lower()
        if name in ("date", "dur") and self.dialect == "dql":
            raw = self._raw_argument(name)
            if raw is not None:
                return raw
        args, end = self.arguments()
        return Call(token.start, end, word, args)

    def _raw_argument(self, name: str) -> Expr | None:
        """`date(today)` and `dur(3 days)`: Dataview reads these arguments as bare words."""
        open_token = self.current
        close = self.source.find(")", open_token.end)
        inner = self.source[open_token.end:close].strip() if close >= 0 else ""
        bare = name == "date" and inner.lower() in _DATE_WORDS
        bare = bare or (name == "dur" and bool(inner) and inner[0] not in "\"'(" and "," not in inner)
        if not bare:
            return None
        while self.current.kind != "eof" and self.current.start < close:
            self.advance()
        end = self.expect_op(")").end
        return Call(open_token.start - len(name), end, name, (Literal(open_token.end, close, inner),))


def _with_span(expr: Expr, start: int, end: int) -> Expr:
    """A parenthesised expression keeps its node but spans its parentheses (for column names)."""
    from dataclasses import replace

    return replace(expr, start=start, end=end)


def parse_expression(source: str, dialect: Dialect = "bases") -> Expr:
    """One whole expression (a Bases filter or formula); trailing text is a syntax error."""
    parser = ExprParser(source, dialect)
    expr = parser.expression()
    if parser.current.kind != "eof":
        parser.fail("expected the end of the expression")
    return expr
