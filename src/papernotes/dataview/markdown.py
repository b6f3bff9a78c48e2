"""Query results as Markdown: sortable tables (the Papers page's `pn-table`), lists, tasks, notices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from papernotes.dataview.execute import Item, Result, Table
from papernotes.dataview.index import DataIndex, Record
from papernotes.dataview.values import Link, Value, to_text
from papernotes.paths import heading_anchor
from papernotes.render import escape_cell, escape_md, md_link


@dataclass(frozen=True, slots=True)
class Output:
    """Where the rendered Markdown goes: links are made relative to the page `base`."""

    index: DataIndex
    src_of: Callable[[str], str]
    base: str

    def link(self, link: Link, in_table: bool) -> str:
        escape = escape_cell if in_table else escape_md
        label = escape(link.text())
        if not link.resolved or link.path not in self.index.graph.notes:
            return label
        anchor = ""
        if link.subpath:
            anchor = self.index.resolver.anchor(link.path, link.subpath) or heading_anchor(link.subpath)
        return md_link(label, self.src_of(link.path), self.base, anchor)

    def value(self, value: Value, in_table: bool = True) -> str:
        if isinstance(value, Link):
            return self.link(value, in_table)
        if isinstance(value, list | tuple):
            return ", ".join(self.value(item, in_table) for item in value)
        if isinstance(value, dict) and isinstance(value.get("link"), Link):  # a file object
            return self.link(value["link"], in_table)
        text = to_text(value)
        return escape_cell(text) if in_table else escape_md(text)


def render_result(result: Result, out: Output) -> str:
    if result.kind == "table":
        return "\n\n".join(_table(table, out, len(result.tables) > 1) for table in result.tables)
    if not result.items:
        return "_No results._"
    if result.kind == "task":
        return "\n".join(_task_item(item, out) for item in result.items)
    return "\n".join(_list_item(item, out) for item in result.items)


def _table(table: Table, out: Output, titled: bool) -> str:
    lines = []
    if titled:
        lines += [f"**{out.value(table.title, in_table=False) or '(empty)'}**", ""]
    if not table.rows:
        return "\n".join(lines + ["_No results._"])
    lines += ['<div class="pn-table pn-dataview" markdown="1">', "",
              "| " + " | ".join(escape_cell(h) or " " for h in table.headers) + " |",
              "|" + " --- |" * len(table.headers)]
    lines += ["| " + " | ".join(out.value(cell) for cell in row) + " |" for row in table.rows]
    lines += ["", "</div>"]
    if table.summaries:
        parts = [f"{escape_md(summary)} of {escape_md(column)}: {out.value(value, in_table=False) or '—'}"
                 for column, summary, value in table.summaries]
        lines += ["", '<p class="pn-summaries" markdown="1">' + " · ".join(parts) + "</p>"]
    return "\n".join(lines)


def _fields(item: Item, out: Output) -> str:
    parts = []
    for name, value in item.fields:
        text = out.value(value, in_table=False)
        parts.append(f": {text}" if not name else f" · {escape_md(name)}: {text}")
    return "".join(parts)


def _list_item(item: Item, out: Output) -> str:
    head = out.value(item.value, in_table=False) or "—"
    lines = [f"- {head}{_fields(item, out)}"]
    lines += [f"    - {out.value(child, in_table=False) or '—'}" for child in item.children]
    return "\n".join(lines)


def _task_item(item: Item, out: Output) -> str:
    lines = [f"- {out.value(item.value, in_table=False) or '—'}", ""]
    lines += [f"    - [{'x' if task['completed'] else ' '}] {_task_text(task, out)}" for task in item.tasks]
    return "\n".join(lines + [""])


def _task_text(task: Record, out: Output) -> str:
    return escape_md(str(task.get("text") or ""))


def notice(title: str, body: str, kind: str = "warning") -> str:
    """A visible callout on the page: what was not rendered, and why."""
    lines = [f"> [!{kind}] {escape_md(title)}"] + [f"> {line}".rstrip() for line in body.split("\n")]
    return "\n".join(lines)
