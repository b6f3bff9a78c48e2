"""Obsidian Bases: a `.base` file or ```base block (YAML) -> filtered, sorted, grouped views."""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from papernotes.dataview.errors import EvalError, QueryError, QuerySyntaxError, Unsupported
from papernotes.dataview.evaluate import Evaluator, evaluated
from papernotes.dataview.execute import Item, Result, Table, compare_group_keys, group_id
from papernotes.dataview.expr import Expr, parse_expression
from papernotes.dataview.index import DataIndex, Record
from papernotes.dataview.values import Value, canonical_key, compare, to_text, truthy
from papernotes.frontmatter import refused_yaml

VIEW_TYPES = ("table", "list")
FILE_PROPERTIES = ("name", "basename", "path", "folder", "ext", "size", "ctime", "mtime", "tags", "links",
                   "backlinks", "embeds", "properties", "link")
"""Bases' `file.*` properties; Dataview's own names (`file.inlinks`, `file.day`, ...) also work."""
_DATAVIEW_FILE_FIELDS = ("outlinks", "inlinks", "etags", "aliases", "cday", "mday", "day", "frontmatter",
                         "tasks", "title")
SUMMARIES = ("average", "min", "max", "sum", "range", "median", "stddev", "earliest", "latest", "checked",
             "unchecked", "empty", "filled", "unique")


class BaseSyntaxError(QuerySyntaxError):
    """A YAML or expression error, placed at a line and column of the base's own text."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message, 0)
        self.line, self.column = line, column


@dataclass(slots=True)
class ViewOutcome:
    name: str
    result: Result | None = None
    error: QueryError | None = None
    unknown: list[str] = field(default_factory=list)
    """`file.*` properties the view shows that Bases does not have: each cell says so."""


def unknown_file_property(prop: str) -> bool:
    prefix, _, name = prop.partition(".")
    first = name.partition(".")[0]
    return prefix == "file" and bool(first) and first not in FILE_PROPERTIES + _DATAVIEW_FILE_FIELDS


def unknown_notice(prop: str) -> str:
    return f"⚠ unknown property {prop}"


@dataclass(slots=True)
class BaseSpec:
    text: str
    filters: Any
    formulas: dict[str, Expr]
    display: dict[str, str]
    summaries: dict[str, Expr]
    views: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    """`formula.x` and `summaries.x` -> the expression as written (`EvalError.where` names them)."""


def _place(text: str, snippet: str, offset: int = 0) -> tuple[int, int]:
    """Line and column of `snippet` (an expression as written) inside the YAML text."""
    at = text.find(snippet)
    if at < 0:
        return 1, 1
    at += offset
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@functools.lru_cache(maxsize=512)
def _parsed(source: str) -> Expr:
    return parse_expression(source, "bases")


def _expr(text: str, source: str) -> Expr:
    """A filter or formula parsed once per build (filters are evaluated for every row)."""
    try:
        return _parsed(source)
    except QuerySyntaxError as error:
        line, column = _place(text, source, error.offset)
        raise BaseSyntaxError(f"{error.message} in `{source}`", line, column) from None
    except RecursionError:  # `((((…` or `!!!!…` thousands deep: the parser descends once per level
        raise BaseSyntaxError(f"the expression `{source[:40]}…` is nested too deeply to read",
                              *_place(text, source)) from None


def parse_base(text: str) -> BaseSpec:
    """Read a base's YAML; raises BaseSyntaxError (with line and column) or Unsupported."""
    refused = refused_yaml(text, "the base")
    if refused:  # an alias bomb would be built and printed whole; deep nesting overflows the stack
        raise BaseSyntaxError(refused, 1, 1)
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except RecursionError:
        raise BaseSyntaxError("the base is nested too deeply to read", 1, 1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise BaseSyntaxError(f"invalid YAML: {getattr(error, 'problem', error)}", line, column) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BaseSyntaxError("a base is a YAML mapping with filters, formulas, properties and views", 1, 1)
    formulas = {str(k): _expr(text, str(v)) for k, v in (data.get("formulas") or {}).items()}
    display = {str(k): str(v.get("displayName", k)) if isinstance(v, dict) else str(v)
               for k, v in (data.get("properties") or data.get("display") or {}).items()}
    summaries = {str(k): _expr(text, str(v)) for k, v in (data.get("summaries") or {}).items()}
    views = [v for v in (data.get("views") or [{"type": "table", "name": "Table"}]) if isinstance(v, dict)]
    _check_filters(text, data.get("filters"))
    for view in views:
        _check_filters(text, view.get("filters"))
    sources = {f"{section}.{k}": str(v) for section in ("formulas", "summaries")
               for k, v in (data.get(section) or {}).items()}
    return BaseSpec(text, data.get("filters"), formulas, display, summaries, views, sources)


def line_of(spec: BaseSpec, where: str) -> int:
    """The line of the base's text holding the expression `where` (`EvalError.where`): a filter
    as written, or the key of the formula or summary of that name; 0 when it cannot be found."""
    section, _, name = where.partition(".")
    section = "formulas" if section == "formula" else section
    if f"{section}.{name}" in spec.sources:
        key = re.compile(rf"^[ \t]*(['\"]?){re.escape(name)}\1[ \t]*:", re.MULTILINE)
        found = key.search(spec.text, max(spec.text.find(f"{section}:"), 0))
        at = found.end() if found is not None else -1
    else:
        at = spec.text.find(where) if where else -1
    return spec.text.count("\n", 0, at) + 1 if at >= 0 else 0


def _check_filters(text: str, node: Any) -> None:
    if node is None:
        return
    if isinstance(node, str):
        _expr(text, node)
    elif isinstance(node, dict) and len(node) == 1 and next(iter(node)) in ("and", "or", "not"):
        for child in next(iter(node.values())) or []:
            _check_filters(text, child)
    elif isinstance(node, list):
        for child in node:
            _check_filters(text, child)
    else:
        raise BaseSyntaxError("a filter is an expression, or a mapping with one key: and, or, not",
                              *_place(text, "filters"))


def _passes(node: Any, row: Record, evaluator: Evaluator, text: str) -> bool:
    if node is None:
        return True
    if isinstance(node, str):
        return truthy(evaluated(evaluator, _expr(text, node), row, node))
    if isinstance(node, list):
        return all(_passes(child, row, evaluator, text) for child in node)
    op, children = next(iter(node.items()))
    results = (_passes(child, row, evaluator, text) for child in children or [])
    if op == "and":
        return all(results)
    if op == "or":
        return any(results)
    return not any(results)


def property_value(prop: str, row: Record, evaluator: Evaluator) -> Value:
    """`file.name` (a link to the note), `file.x`, `note.x` / `x`, `formula.x` of one row."""
    prefix, _, name = prop.partition(".")
    if unknown_file_property(prop):
        return unknown_notice(prop)
    if prefix == "file" and name:
        if name in ("name", "link"):
            return row["file"]["link"]
        value: Value = row["file"]
        for part in name.split("."):  # `file.properties.title`
            value = evaluator.attr(value, part, row)
        return value
    if prefix == "formula" and name:
        return evaluator.attr(evaluator.field("formula", row), name, row)
    key = name if prefix == "note" and name else prop
    return row.get(canonical_key(key))


def _header(prop: str, display: Mapping[str, str]) -> str:
    if prop in display:
        return display[prop]
    if "." not in prop and f"note.{prop}" in display:
        return display[f"note.{prop}"]
    prefix, _, name = prop.partition(".")
    if prefix == "note" and name in display:
        return display[name]
    if prop in ("file.name", "file.link"):
        return "Name"
    return name if prefix in ("note", "formula", "file") and name else prop


def run_base(spec: BaseSpec, index: DataIndex, this_key: str) -> list[ViewOutcome]:
    """Every view of the base, each with its result or its own error."""
    outcomes = []
    for number, view in enumerate(spec.views, 1):
        name = str(view.get("name") or f"View {number}")
        order = [str(p) for p in (view.get("order") or [])]
        unknown = [prop for prop in dict.fromkeys(order) if unknown_file_property(prop)]
        try:
            outcomes.append(ViewOutcome(name, _run_view(spec, view, index, this_key), unknown=unknown))
        except QueryError as error:
            if isinstance(error, EvalError) and error.where:
                error.line = line_of(spec, error.where)
            outcomes.append(ViewOutcome(name, error=error))
        except RecursionError:  # (filters, formulas and summaries say where: `evaluate.evaluated`)
            outcomes.append(ViewOutcome(name, error=EvalError(f"view `{name}`: an expression is nested too "
                                                              "deeply to evaluate")))
    return outcomes


def _run_view(spec: BaseSpec, view: Mapping[str, Any], index: DataIndex, this_key: str) -> Result:
    kind = str(view.get("type", "table")).lower()
    if kind not in VIEW_TYPES:
        raise Unsupported(f"the Bases view type `{kind}`", "table and list views are rendered")
    this = index.record(this_key) if this_key in index.graph.notes else {}
    evaluator = Evaluator(index, this, "bases", spec.formulas)
    rows = [row for row in index.records(index.keys)
            if _passes(spec.filters, row, evaluator, spec.text)
            and _passes(view.get("filters"), row, evaluator, spec.text)]
    rows = _sorted(rows, _sort_keys(view), evaluator)
    limit = view.get("limit")
    if isinstance(limit, int) and limit >= 0:
        rows = rows[:limit]
    order = [str(p) for p in (view.get("order") or ["file.name"])]
    groups = _groups(rows, view.get("groupBy"), evaluator)
    if kind == "list":
        return Result("list", items=[_list_item(row, order, spec, evaluator) for _, members in groups
                                     for row in members])
    tables = []
    for key, members in groups:
        table = Table([_header(p, spec.display) for p in order],
                      [[property_value(p, row, evaluator) for p in order] for row in members], title=key)
        table.summaries = _summaries(view.get("summaries"), order, members, spec, evaluator)
        tables.append(table)
    return Result("table", tables=tables)


def _sort_keys(view: Mapping[str, Any]) -> list[tuple[str, bool]]:
    keys = []
    for entry in view.get("sort") or []:
        if isinstance(entry, dict) and entry.get("property"):
            keys.append((str(entry["property"]), str(entry.get("direction", "ASC")).upper() == "DESC"))
    return keys


def _sorted(rows: list[Record], keys: list[tuple[str, bool]], evaluator: Evaluator) -> list[Record]:
    if not keys:
        return rows
    values = {id(row): [property_value(p, row, evaluator) for p, _ in keys] for row in rows}

    def order(a: Record, b: Record) -> int:
        for position, (_, descending) in enumerate(keys):
            found = compare(values[id(a)][position], values[id(b)][position])
            if found:
                return -found if descending else found
        return 0

    return sorted(rows, key=functools.cmp_to_key(order))


def _groups(rows: list[Record], group_by: Any, evaluator: Evaluator) -> list[tuple[Value, list[Record]]]:
    if not group_by:
        return [(None, rows)]
    prop = str(group_by.get("property")) if isinstance(group_by, dict) else str(group_by)
    descending = isinstance(group_by, dict) and str(group_by.get("direction", "ASC")).upper() == "DESC"
    by_key: dict[tuple[str, str], tuple[Value, list[Record]]] = {}
    for row in rows:
        key = property_value(prop, row, evaluator)
        by_key.setdefault(group_id(key), (key, []))[1].append(row)
    groups = list(by_key.values())
    groups.sort(key=functools.cmp_to_key(compare_group_keys), reverse=descending)
    return groups


def _list_item(row: Record, order: list[str], spec: BaseSpec, evaluator: Evaluator) -> Item:
    values = [(p, property_value(p, row, evaluator)) for p in order]
    head = values[0][1] if values else row["file"]["link"]
    fields = [(_header(p, spec.display), v) for p, v in values[1:] if v not in (None, "", [])]
    return Item(head, fields=fields)


def _summaries(config: Any, order: list[str], rows: list[Record], spec: BaseSpec,
               evaluator: Evaluator) -> list[tuple[str, str, Value]]:
    if not isinstance(config, dict):
        return []
    out = []
    for prop, summary in config.items():
        values = [property_value(str(prop), row, evaluator) for row in rows]
        out.append((_header(str(prop), spec.display), str(summary),
                    summarise(str(summary), values, spec, evaluator)))
    return out


def summarise(name: str, values: list[Value], spec: BaseSpec, evaluator: Evaluator) -> Value:
    """A built-in aggregate (Average, Min, ..., Unique) or a custom one from `summaries`."""
    if name in spec.summaries:
        return evaluated(evaluator, spec.summaries[name], {"values": values}, f"summaries.{name}")
    kind = name.lower()
    present = [v for v in values if v not in (None, "", [])]
    numbers = [v for v in present if isinstance(v, int | float) and not isinstance(v, bool)]
    if kind not in SUMMARIES:
        raise Unsupported(f"the summary `{name}`", "use " + ", ".join(s.capitalize() for s in SUMMARIES))
    if kind in ("empty", "filled", "unique", "checked", "unchecked"):
        return {"empty": len(values) - len(present), "filled": len(present),
                "unique": len({to_text(v) for v in present}), "checked": sum(v is True for v in values),
                "unchecked": sum(v is not True for v in values)}[kind]
    ordered = sorted(present, key=functools.cmp_to_key(compare))
    if kind in ("min", "earliest"):
        return ordered[0] if ordered else None
    if kind in ("max", "latest"):
        return ordered[-1] if ordered else None
    if not numbers:
        return None
    try:
        return {"average": lambda: statistics.fmean(numbers), "sum": lambda: sum(numbers),
                "range": lambda: max(numbers) - min(numbers), "median": lambda: statistics.median(numbers),
                "stddev": lambda: statistics.pstdev(numbers)}[kind]()
    except statistics.StatisticsError as error:
        raise EvalError(str(error)) from None
