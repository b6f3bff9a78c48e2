"""The Dataview query language (DQL): `TABLE|LIST|TASK ... FROM ... WHERE ... SORT ...` parsed to a Query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from papernotes.dataview.errors import QuerySyntaxError, Unsupported
from papernotes.dataview.expr import Expr, ExprParser, Field
from papernotes.dataview.values import wikilink_parts

QueryKind = Literal["table", "list", "task"]
CLAUSES = ("from", "where", "sort", "limit", "group", "flatten")


@dataclass(frozen=True, slots=True)
class TagSource:
    tag: str


@dataclass(frozen=True, slots=True)
class FolderSource:
    path: str


@dataclass(frozen=True, slots=True)
class LinkSource:
    target: str
    outgoing: bool


@dataclass(frozen=True, slots=True)
class NotSource:
    inner: Source


@dataclass(frozen=True, slots=True)
class BoolSource:
    op: Literal["and", "or"]
    left: Source
    right: Source


Source = TagSource | FolderSource | LinkSource | NotSource | BoolSource


@dataclass(frozen=True, slots=True)
class Column:
    expr: Expr
    name: str


@dataclass(frozen=True, slots=True)
class SortKey:
    expr: Expr
    descending: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One data command, run in the order written: where, sort, limit, group, flatten."""

    kind: Literal["where", "sort", "limit", "group", "flatten"]
    expr: Expr | None = None
    keys: tuple[SortKey, ...] = ()
    limit: int = 0
    name: str = ""


@dataclass(frozen=True, slots=True)
class DqlQuery:
    kind: QueryKind
    without_id: bool
    columns: tuple[Column, ...]
    source: Source | None
    steps: tuple[Step, ...]
    text: str


class _DqlParser(ExprParser):
    def query(self) -> DqlQuery:
        head = self.current
        kind = head.value.lower() if head.kind == "ident" else ""
        if kind == "calendar":
            raise Unsupported("CALENDAR queries")
        if kind not in ("table", "list", "task"):
            self.fail("a query starts with TABLE, LIST or TASK")
        self.advance()
        without_id = False
        if self.at_word("without"):
            self.advance()
            if not self.at_word("id"):
                self.fail("expected ID after WITHOUT")
            self.advance()
            without_id = True
        columns = self.columns(kind)
        source = None
        if self.at_word("from"):
            self.advance()
            source = self.source_or()
        steps = []
        while self.current.kind != "eof":
            steps.append(self.step())
        return DqlQuery(kind, without_id, tuple(columns), source, tuple(steps), self.source)  # type: ignore[arg-type]

    def columns(self, kind: str) -> list[Column]:
        if kind == "task" or self.current.kind == "eof" or self.at_word(*CLAUSES):
            return []
        columns = [self.column()]
        while kind == "table" and self.at_op(","):
            self.advance()
            columns.append(self.column())
        return columns

    def column(self) -> Column:
        expr = self.expression()
        name = self.text(expr)
        if self.at_word("as"):
            self.advance()
            token = self.advance()
            if token.kind not in ("string", "ident"):
                self.fail("expected a column name after AS", token)
            name = token.value
        return Column(expr, name)

    # -- FROM
    def source_or(self) -> Source:
        left = self.source_and()
        while self.at_word("or"):
            self.advance()
            left = BoolSource("or", left, self.source_and())
        return left

    def source_and(self) -> Source:
        left = self.source_not()
        while self.at_word("and"):
            self.advance()
            left = BoolSource("and", left, self.source_not())
        return left

    def source_not(self) -> Source:
        if self.at_op("-", "!"):
            self.advance()
            return NotSource(self.source_not())
        return self.source_atom()

    def source_atom(self) -> Source:
        token = self.current
        if token.kind == "tag":
            self.advance()
            return TagSource(token.value[1:])
        if token.kind == "string":
            self.advance()
            return FolderSource(token.value)
        if token.kind == "link":
            self.advance()
            return LinkSource(_link_target(token.value), outgoing=False)
        if self.at_word("outgoing"):
            self.advance()
            self.expect_op("(")
            link = self.advance()
            if link.kind != "link":
                self.fail("outgoing() takes a [[link]]", link)
            self.expect_op(")")
            return LinkSource(_link_target(link.value), outgoing=True)
        if self.at_word("csv"):
            raise Unsupported("FROM csv(...)")
        if self.at_op("("):
            self.advance()
            inner = self.source_or()
            self.expect_op(")")
            return inner
        self.fail("FROM takes #tags, \"folders\", [[links]] or outgoing([[link]])")
        raise AssertionError

    # -- data commands
    def step(self) -> Step:
        word = self.current.value.lower() if self.current.kind == "ident" else ""
        if word not in CLAUSES or word == "from":
            self.fail("expected WHERE, SORT, LIMIT, GROUP BY or FLATTEN")
        self.advance()
        if word == "where":
            return Step("where", expr=self.expression())
        if word == "sort":
            return Step("sort", keys=self.sort_keys())
        if word == "limit":
            token = self.advance()
            if token.kind != "number" or "." in token.value:
                self.fail("LIMIT takes a whole number", token)
            return Step("limit", limit=int(token.value))
        if word == "group":
            if not self.at_word("by"):
                self.fail("expected BY after GROUP")
            self.advance()
        expr = self.expression()
        return Step(word, expr=expr, name=self.alias(expr))  # type: ignore[arg-type]

    def alias(self, expr: Expr) -> str:
        if self.at_word("as"):
            self.advance()
            token = self.advance()
            if token.kind not in ("string", "ident"):
                self.fail("expected a name after AS", token)
            return token.value
        return expr.name if isinstance(expr, Field) else self.text(expr)

    def sort_keys(self) -> tuple[SortKey, ...]:
        keys = []
        while True:
            expr = self.expression()
            descending = False
            if self.at_word("asc", "ascending", "desc", "descending"):
                descending = self.advance().value.lower().startswith("desc")
            keys.append(SortKey(expr, descending))
            if not self.at_op(","):
                return tuple(keys)
            self.advance()


def _link_target(raw: str) -> str:
    parts = wikilink_parts(raw)
    return parts[0] if parts else ""


def parse_dql(source: str) -> DqlQuery:
    """Parse one DQL query; raises QuerySyntaxError (with an offset) or Unsupported."""
    if not source.strip():
        raise QuerySyntaxError("the query is empty", 0)
    return _DqlParser(source, "dql").query()
