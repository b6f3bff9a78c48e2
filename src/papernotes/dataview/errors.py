"""What can go wrong in a query: a syntax error (with its place) or a construct we do not support."""

from __future__ import annotations


class QueryError(Exception):
    """Base class: every query problem is reported on the page and as a diagnostic, never raised out."""


class QuerySyntaxError(QueryError):
    """The query text does not parse; `offset` is the character offset in the query source."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class Unsupported(QueryError):
    """A construct papernotes recognises but does not evaluate: `what` names it for the reader."""

    def __init__(self, what: str, hint: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.hint = hint


class EvalError(QueryError):
    """A well-formed query that fails on the data (e.g. `date("soon")`). `where`: the innermost
    expression it failed in that the query names (a Bases filter as written, `formula.x`), set
    as the error passes out of it; `line`: its line in the query's text, 0 when unknown."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.where = ""
        self.line = 0

    def within(self, where: str) -> EvalError:
        if not self.where:
            self.where = where
        return self


def line_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in `source`."""
    offset = max(0, min(offset, len(source)))
    before = source[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1
