"""Evaluating an expression against one row (a note's record, a group, a task)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from papernotes.dataview.errors import EvalError, Unsupported
from papernotes.dataview.expr import (
    Attr,
    Binary,
    Call,
    Expr,
    Field,
    Index,
    LinkLiteral,
    ListLiteral,
    Literal,
    Method,
    Unary,
)
from papernotes.dataview.functions import FUNCTIONS, METHODS, call, to_date, to_duration
from papernotes.dataview.index import DataIndex, Record
from papernotes.dataview.lexer import Dialect
from papernotes.dataview.values import (
    Link,
    Value,
    as_datetime,
    canonical_key,
    compare,
    equals,
    to_text,
    truthy,
    type_name,
)

_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")
_ORDERED: dict[str, Callable[[int], bool]] = {
    "<": lambda order: order < 0, "<=": lambda order: order <= 0,
    ">": lambda order: order > 0, ">=": lambda order: order >= 0,
}


class Formulas:
    """Bases' `formula.name`: evaluated on first use per row, with cycles reported."""

    def __init__(self, evaluator: Evaluator, formulas: Mapping[str, Expr], row: Record) -> None:
        self.evaluator, self.formulas, self.row = evaluator, formulas, row
        self.values: dict[str, Value] = {}
        self.active: set[str] = set()

    def get(self, name: str) -> Value:
        if name in self.values:
            return self.values[name]
        if name not in self.formulas:
            raise EvalError(f"formula.{name} is not defined in `formulas`")
        if name in self.active:
            raise EvalError(f"formula.{name} refers to itself")
        self.active.add(name)
        value = self.values[name] = evaluated(self.evaluator, self.formulas[name], self.row, f"formula.{name}")
        self.active.discard(name)
        return value


class Evaluator:
    def __init__(self, index: DataIndex, this: Record | None, dialect: Dialect = "dql",
                 formulas: Mapping[str, Expr] | None = None, source: str = "") -> None:
        self.index = index
        self.this = this or {}
        self.dialect = dialect
        self.formulas = formulas or {}
        self.source = source
        self._formula_rows: dict[int, Formulas] = {}
        self._compiled: dict[int, tuple[Expr, Callable[[Record], Value]]] = {}

    def eval(self, expr: Expr, row: Record) -> Value:
        return self._closure(expr)(row)

    def _closure(self, expr: Expr) -> Callable[[Record], Value]:
        found = self._compiled.get(id(expr))
        if found is None or found[0] is not expr:  # the id of a freed expression may be reused
            found = self._compiled[id(expr)] = (expr, self._compile(expr))
        return found[1]

    def _compile(self, expr: Expr) -> Callable[[Record], Value]:
        """The expression as a Python closure, built once per query: a WHERE runs on every row,
        and walking the tree for each row costs several times more."""
        if isinstance(expr, Literal):
            value = expr.value
            return lambda row: value
        if isinstance(expr, Field) and expr.name.lower() not in ("this", "row", "note", "formula"):
            key = canonical_key(expr.name)
            return lambda row: row.get(key)
        if isinstance(expr, Attr):
            obj, name = self._closure(expr.obj), expr.name
            return lambda row: self.attr(obj(row), name, row)
        if isinstance(expr, Unary) and expr.op == "!":
            operand = self._closure(expr.operand)
            return lambda row: not truthy(operand(row))
        if isinstance(expr, Binary):
            return self._compile_binary(expr)
        return lambda row: self._walk(expr, row)

    def _compile_binary(self, expr: Binary) -> Callable[[Record], Value]:
        left, right, op = self._closure(expr.left), self._closure(expr.right), expr.op
        if op == "and":
            return lambda row: truthy(left(row)) and truthy(right(row))
        if op == "or":
            return lambda row: truthy(left(row)) or truthy(right(row))
        if op == "=":
            return lambda row: equals(left(row), right(row))
        if op == "!=":
            return lambda row: not equals(left(row), right(row))
        if op in _ORDERED:
            test = _ORDERED[op]

            def ordered(row: Record) -> Value:
                a, b = left(row), right(row)
                return False if a is None or b is None else test(compare(a, b))  # null is neither before nor after
            return ordered
        return lambda row: arithmetic(op, left(row), right(row))

    def _walk(self, expr: Expr, row: Record) -> Value:
        if isinstance(expr, Literal):
            return expr.value
        if isinstance(expr, Field):
            return self.field(expr.name, row)
        if isinstance(expr, Attr):
            return self.attr(self.eval(expr.obj, row), expr.name, row)
        if isinstance(expr, Index):
            return self.attr(self.eval(expr.obj, row), to_text(self.eval(expr.key, row)), row)
        if isinstance(expr, Unary):
            value = self.eval(expr.operand, row)
            if expr.op == "!":
                return not truthy(value)
            return _negate(value)
        if isinstance(expr, Call):
            return self.call(expr, row)
        if isinstance(expr, Method):
            receiver = self.eval(expr.obj, row)
            return call(METHODS, expr.name, [receiver, *(self.eval(a, row) for a in expr.args)], "method")
        if isinstance(expr, ListLiteral):
            return [self.eval(item, row) for item in expr.items]
        if isinstance(expr, LinkLiteral):
            return self.index.link(expr.target, str(self.this.get("file", {}).get("path", "")),
                                   expr.display, expr.subpath)
        raise Unsupported(f"the expression {type(expr).__name__}")

    def field(self, name: str, row: Record) -> Value:
        lowered = name.lower()
        if lowered == "this":
            return self.this
        if self.dialect == "bases":
            if lowered == "note":
                return row
            if lowered == "formula":
                return self._formulas(row)
        if lowered == "row" and "row" not in row:
            return row
        return row.get(canonical_key(name))

    def _formulas(self, row: Record) -> Formulas:
        found = self._formula_rows.get(id(row))
        if found is None or found.row is not row:
            found = self._formula_rows[id(row)] = Formulas(self, self.formulas, row)
        return found

    def attr(self, obj: Value, name: str, row: Record) -> Value:
        if isinstance(obj, Formulas):
            return obj.get(name)
        if isinstance(obj, dict):
            if name in obj:
                return obj[name]
            key = canonical_key(name)  # `file.properties.title` finds `Title:` as written
            return obj[key] if key in obj else next(
                (value for found, value in obj.items() if canonical_key(str(found)) == key), None)
        if isinstance(obj, Link):
            if obj.resolved and obj.path in self.index.graph.notes:
                return self.attr(self.index.record(obj.path), name, row)
            return None
        if isinstance(obj, list):
            if name.lower() == "length":
                return len(obj)
            return [self.attr(item, name, row) for item in obj]
        if isinstance(obj, str) and name.lower() == "length":
            return len(obj)
        if isinstance(obj, dt.date) and name.lower() in _DATE_PARTS:
            return getattr(obj, name.lower(), 0)
        if isinstance(obj, dt.timedelta):
            return _duration_part(obj, name.lower())
        return None

    def call(self, expr: Call, row: Record) -> Value:
        name = expr.name.lower()
        args = [self.eval(arg, row) for arg in expr.args]
        if name == "date":
            return to_date(args[0], self.index.today) if args else None
        if name in ("dur", "duration"):
            return to_duration(args[0]) if args else None
        if name == "today" and not args:
            return self.index.today
        if name == "now" and not args:
            return dt.datetime.combine(self.index.today, dt.time())
        if name == "link":
            return self.index.link(to_text(args[0]), "", to_text(args[1]) if len(args) > 1 else "")
        if name in ("meta", "elink", "embed", "file", "filter", "map", "reduce", "hash", "object"):
            raise Unsupported(f"the function {expr.name}()")
        return call(FUNCTIONS, name, args, "function")


def evaluated(evaluator: Evaluator, expr: Expr, row: Record, where: str) -> Value:
    """`expr`'s value for `row`; an error names `where` (a Bases filter as written, `formula.x`,
    `summaries.x`), so it is reported at that expression's line. An expression nested past the
    recursion limit (`file.a.a.a…` thousands deep parses in a loop but evaluates by recursion)
    is such an error too."""
    try:
        return evaluator.eval(expr, row)
    except EvalError as error:
        raise error.within(where) from None
    except RecursionError:
        raise EvalError("the expression is nested too deeply to evaluate").within(where) from None


def _negate(value: Value) -> Value:
    if value is None:
        return None
    if isinstance(value, int | float | dt.timedelta) and not isinstance(value, bool):
        return -value
    raise EvalError(f"cannot negate a {type_name(value)}")


def _duration_part(value: dt.timedelta, name: str) -> Value:
    seconds = value.total_seconds()
    sizes = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "weeks": 604800,
             "months": 2592000, "years": 31536000}
    return seconds / sizes[name] if name in sizes else None


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def arithmetic(op: str, left: Value, right: Value) -> Value:
    """`+ - * / %` over numbers, strings (`+` joins), dates and durations; null in, null out."""
    if left is None or right is None:
        return None
    if _is_number(left) and _is_number(right):
        if op in ("/", "%") and right == 0:
            return None
        result: Any = {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right,
                       "/": lambda: left / right, "%": lambda: left % right}[op]()
        return result
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return to_text(left) + to_text(right)
    if isinstance(left, dt.date) and isinstance(right, dt.timedelta) and op in "+-":
        moved = left + right if op == "+" else left - right
        return moved
    if isinstance(left, dt.date) and isinstance(right, dt.date) and op == "-":
        return as_datetime(left) - as_datetime(right)
    if isinstance(left, dt.timedelta) and isinstance(right, dt.timedelta) and op in "+-":
        return left + right if op == "+" else left - right
    if isinstance(left, dt.timedelta) and _is_number(right) and op in "*/":
        return left * right if op == "*" else (left / right if right else None)
    if isinstance(left, list) and isinstance(right, list) and op == "+":
        return left + right
    raise EvalError(f"cannot compute {type_name(left)} {op} {type_name(right)} "
                    f"({to_text(left)!r} {op} {to_text(right)!r})")
