"""Running a parsed DQL query over the data index: FROM, then each data command in order, then output."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from papernotes.dataview.dql import (
    DqlQuery,
    FolderSource,
    LinkSource,
    NotSource,
    SortKey,
    Source,
    Step,
    TagSource,
)
from papernotes.dataview.evaluate import Evaluator
from papernotes.dataview.expr import Expr
from papernotes.dataview.index import DataIndex, Record
from papernotes.dataview.values import Link, Value, canonical_key, compare, order_key, to_text, truthy, type_name


@dataclass(slots=True)
class Item:
    """One entry of a list (or a task group): its value, and nested values under it."""

    value: Value
    children: list[Value] = field(default_factory=list)
    tasks: list[Record] = field(default_factory=list)
    fields: list[tuple[str, Value]] = field(default_factory=list)
    """Shown on the item's line: `value: x` for DQL `LIST expr`, `name: x` for a Bases list view."""


@dataclass(slots=True)
class Table:
    headers: list[str]
    rows: list[list[Value]]
    title: Value = None
    summaries: list[tuple[str, str, Value]] = field(default_factory=list)


@dataclass(slots=True)
class Result:
    kind: Literal["table", "list", "task"]
    tables: list[Table] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def source_keys(source: Source | None, index: DataIndex, this_key: str) -> list[str]:
    """The notes a FROM clause selects, in path order."""
    selected = _source_set(source, index, this_key)
    return [key for key in index.keys if key in selected]


def _source_set(source: Source | None, index: DataIndex, this_key: str) -> set[str]:
    if source is None:
        return set(index.keys)
    if isinstance(source, TagSource):
        return set(index.by_tag.get(("#" + source.tag).casefold(), ()))
    if isinstance(source, FolderSource):
        return set(index.folder_keys(source.path))
    if isinstance(source, LinkSource):
        target = index.resolve(source.target, this_key) if source.target else this_key
        if target is None:
            return set()
        return set(index.outlinks.get(target, ()) if source.outgoing else index.inlinks.get(target, ()))
    if isinstance(source, NotSource):
        return set(index.keys) - _source_set(source.inner, index, this_key)
    left = _source_set(source.left, index, this_key)
    right = _source_set(source.right, index, this_key)
    return left & right if source.op == "and" else left | right


class TaskRow(dict):  # type: ignore[type-arg]
    """A TASK query's row: the task's own fields, then its page's. The page's record is read
    through, not copied: a query over a folder would otherwise copy it once per task."""

    __slots__ = ("page",)

    def __init__(self, page: Record, task: Record) -> None:
        super().__init__(task)
        self["file"] = page["file"]
        self.page = page

    def __missing__(self, key: str) -> Value:
        return self.page[key]

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self.page

    def get(self, key: str, default: Value = None) -> Value:  # type: ignore[override]
        return dict.get(self, key) if dict.__contains__(self, key) else self.page.get(key, default)

    def with_field(self, name: str, value: Value) -> TaskRow:
        row = TaskRow(self.page, self)
        row[name] = value
        return row


def _task_rows(pages: Sequence[Record]) -> Iterator[Record]:
    return (TaskRow(page, task) for page in pages for task in page["file"]["tasks"])


def sort_rows(rows: list[Record], keys: Sequence[SortKey], evaluator: Evaluator) -> list[Record]:
    """Rows by several keys: one stable sort per key, the last key first."""
    values = [[order_key(evaluator.eval(key.expr, row)) for key in keys] for row in rows]
    order = list(range(len(rows)))
    for position in reversed(range(len(keys))):
        order.sort(key=lambda index: values[index][position], reverse=keys[position].descending)
    return [rows[index] for index in order]


def group_rows(rows: list[Record], step: Step, evaluator: Evaluator) -> list[Record]:
    assert step.expr is not None
    by_key: dict[tuple[str, str], tuple[Value, list[Record]]] = {}
    for row in rows:
        key = evaluator.eval(step.expr, row)
        by_key.setdefault(group_id(key), (key, []))[1].append(row)
    groups = list(by_key.values())
    groups.sort(key=functools.cmp_to_key(compare_group_keys))
    return [{"key": key, "rows": members, canonical_key(step.name): key} for key, members in groups]


def group_id(value: Value) -> tuple[str, str]:
    """A hashable identity for grouping: one dictionary look-up per row, never a scan of the groups."""
    if isinstance(value, Link):
        return "link", f"{value.path.casefold()}#{value.subpath}"
    return type_name(value), repr(value) if isinstance(value, list | dict) else to_text(value)


def flatten_rows(rows: list[Record], step: Step, evaluator: Evaluator) -> list[Record]:
    assert step.expr is not None
    out: list[Record] = []
    name = canonical_key(step.name)
    for row in rows:
        value = evaluator.eval(step.expr, row)
        for item in value if isinstance(value, list) and value else [value]:
            out.append(row.with_field(name, item) if isinstance(row, TaskRow) else {**row, name: item})
    return out


def run_steps(rows: Iterable[Record], steps: Sequence[Step],
              evaluator: Evaluator) -> tuple[list[Record], Step | None]:
    """WHERE and LIMIT stream: `WHERE !completed LIMIT 15` stops at the 15th match instead of
    testing every task of every page. SORT, GROUP BY and FLATTEN need all their rows."""
    grouped: Step | None = None
    for step in steps:
        if step.kind == "where":
            assert step.expr is not None
            rows = _where(rows, step.expr, evaluator)
        elif step.kind == "sort":
            rows = sort_rows(list(rows), step.keys, evaluator)
        elif step.kind == "limit":
            rows = itertools.islice(rows, step.limit)
        elif step.kind == "group":
            rows, grouped = group_rows(list(rows), step, evaluator), step
        else:
            rows = flatten_rows(list(rows), step, evaluator)
    return list(rows), grouped


def _where(rows: Iterable[Record], expr: Expr, evaluator: Evaluator) -> Iterator[Record]:
    return (row for row in rows if truthy(evaluator.eval(expr, row)))


def run_dql(query: DqlQuery, index: DataIndex, this_key: str) -> Result:
    this = index.record(this_key) if this_key in index.graph.notes else {}
    evaluator = Evaluator(index, this, "dql", source=query.text)
    pages = index.records(source_keys(query.source, index, this_key))
    rows = _task_rows(pages) if query.kind == "task" else pages
    rows, grouped = run_steps(rows, query.steps, evaluator)
    if query.kind == "table":
        return Result("table", tables=[_table(query, rows, grouped, evaluator)])
    if query.kind == "list":
        return Result("list", items=[_list_item(query, row, grouped, evaluator) for row in rows])
    return Result("task", items=_task_groups(rows, grouped))


def _table(query: DqlQuery, rows: list[Record], grouped: Step | None, evaluator: Evaluator) -> Table:
    headers = [] if query.without_id else [grouped.name if grouped else "File"]
    headers += [column.name for column in query.columns]
    body = []
    for row in rows:
        cells: list[Value] = [] if query.without_id else [row["key"] if grouped else row["file"]["link"]]
        cells += [evaluator.eval(column.expr, row) for column in query.columns]
        body.append(cells)
    return Table(headers, body)


def _list_item(query: DqlQuery, row: Record, grouped: Step | None, evaluator: Evaluator) -> Item:
    value = evaluator.eval(query.columns[0].expr, row) if query.columns else None
    if grouped:
        children = value if isinstance(value, list) else [value] if query.columns else \
            [member["file"]["link"] for member in row["rows"]]
        return Item(row["key"], list(children))
    if not query.columns:
        return Item(row["file"]["link"])
    if query.without_id:
        return Item(value)
    return Item(row["file"]["link"], fields=[("", value)])


def _task_groups(rows: list[Record], grouped: Step | None) -> list[Item]:
    if grouped:
        return [Item(row["key"], tasks=list(row["rows"])) for row in rows]
    items: list[Item] = []
    for task in rows:
        link = task["file"]["link"]
        if not items or items[-1].value != link:
            items.append(Item(link))
        items[-1].tasks.append(task)
    return items


def compare_group_keys(a: tuple[Value, list[Record]], b: tuple[Value, list[Record]]) -> int:
    return compare(a[0], b[0])
