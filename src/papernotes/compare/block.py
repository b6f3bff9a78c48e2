"""```papers blocks: a comparison table a note declares in YAML (`topic`, `columns`, `where`,
`sort`, `limit`), rendered when the site is built and checked by `papernotes check`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from papernotes.compare.attributes import Aliases, PaperAttributes, columns_by_coverage
from papernotes.compare.table import BUILTIN, DEFAULT_FACTS, Row, compare_href, fact_text, rows, table_html
from papernotes.dataview.markdown import notice
from papernotes.diagnostics import Diagnostic
from papernotes.frontmatter import read_frontmatter
from papernotes.graph import PaperGraph
from papernotes.model import PaperId, Query
from papernotes.pages import Site
from papernotes.render import escape_md
from papernotes.topics import topic_key

KEYS = ("topic", "columns", "where", "sort", "limit")
_COMPARISON_RE = re.compile(r"^\s*(>=|<=|!=|=|>|<)\s*(.*)$")
_HINT = "see README, Comparison tables: `topic`, `columns`, `where`, `sort`, `limit`"


@dataclass(frozen=True, slots=True)
class Spec:
    topic: str | None = None
    columns: tuple[str, ...] = ()
    where: tuple[tuple[str, Any], ...] = ()
    sort: tuple[tuple[str, bool], ...] = ()
    """(column, descending)."""
    limit: int | None = None


@dataclass(slots=True)
class _Reader:
    """Reads one block's YAML into a Spec, collecting problems with their file line."""

    path: str
    first_line: int
    known: Callable[[str], str | None]
    """A column name -> its key, or None when no paper has such a column."""
    suggestions: Callable[[], Sequence[str]]
    topics: dict[str, object]
    problems: list[Diagnostic] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)

    def warn(self, key: str, message: str, hint: str = _HINT) -> None:
        line = self.lines.get(key, self.first_line)
        self.problems.append(Diagnostic(self.path, line, "warning", "papers-block", message, hint))

    def read(self, source: str) -> Spec | None:
        raw, self.lines, problems = read_frontmatter(source, self.path, self.first_line)
        for problem in problems:
            message = problem.message.replace("frontmatter", "```papers block", 1)
            self.problems.append(Diagnostic(problem.path, problem.line, "warning", "papers-yaml", message,
                                            "fix the block's YAML; the page shows a notice instead of the table"))
        if problems:
            return None
        for key in raw:
            if str(key).casefold() not in KEYS:
                self.warn(str(key), f"```papers block: unknown key `{key}`")
        values = {str(key).casefold(): value for key, value in raw.items()}
        return Spec(self._topic(values.get("topic")), self._columns(values.get("columns")),
                    self._where(values.get("where")), self._sort(values.get("sort")), self._limit(values.get("limit")))

    def column(self, name: object, key: str) -> str | None:
        found = self.known(str(name))
        if found is None:
            close = difflib.get_close_matches(str(name).casefold(), self.suggestions(), n=3)
            hint = ("did you mean " + ", ".join(f"`{c}`" for c in close) + "?") if close else _HINT
            self.warn(key, f"```papers block: unknown column `{name}`", hint)
        return found

    def _topic(self, value: object) -> str | None:
        if value is None:
            return None
        key = topic_key(str(value))
        if key not in self.topics:
            self.warn("topic", f"```papers block: no topic `{value}`", "use a tag or topic the Topics page lists")
        return key

    def _columns(self, value: object) -> tuple[str, ...]:
        names = _as_list(value)
        return tuple(dict.fromkeys(found for name in names if (found := self.column(name, "columns")) is not None))

    def _where(self, value: object) -> tuple[tuple[str, Any], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.warn("where", "```papers block: `where` is not a mapping of column: value")
            return ()
        return tuple((found, wanted) for name, wanted in value.items()
                     if (found := self.column(name, "where")) is not None)

    def _sort(self, value: object) -> tuple[tuple[str, bool], ...]:
        order = []
        for item in _as_list(value):
            text = str(item).strip()
            descending = text.startswith("-") or text.casefold().endswith((" desc", " descending"))
            name = re.sub(r"\s+(asc|ascending|desc|descending)$", "", text.lstrip("-+"), flags=re.I).strip()
            found = self.column(name, "sort")
            if found is not None:
                order.append((found, descending))
        return tuple(order)

    def _limit(self, value: object) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.warn("limit", f"```papers block: `limit` should be a positive number, not `{value}`")
            return None
        return value


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    return list(value) if isinstance(value, list) else [value]


class PapersBlocks:
    """Renders (with a site) or checks (graph only) the ```papers blocks of one build."""

    def __init__(self, graph: PaperGraph, aliases: Aliases | None = None, site: Site | None = None) -> None:
        self.graph, self.site = graph, site
        self.attributes = PaperAttributes(graph, aliases)
        self._keys: set[str] | None = None

    def keys(self) -> set[str]:
        if self._keys is None:
            self._keys = set(BUILTIN)
            for pid, paper in self.graph.papers.items():
                self._keys.update(self.attributes.of(pid, paper))
        return self._keys

    def known(self, name: str) -> str | None:
        key = self.attributes.aliases.canonical(name)
        return key if key in self.keys() else None

    def read(self, query: Query, path: str) -> tuple[Spec | None, list[Diagnostic]]:
        reader = _Reader(path, query.line + 1, self.known, lambda: sorted(self.keys()),
                         dict(self.graph.topics))
        spec = reader.read(query.source)
        return spec, reader.problems

    def render(self, query: Query, path: str, base: str) -> tuple[str, list[Diagnostic]]:
        """The block's Markdown for the page built from `base`, and its problems."""
        spec, problems = self.read(query, path)
        if spec is None:
            body = "\n\n".join(escape_md(p.format(with_level=False)) for p in problems)
            return notice("papers: the block could not be read", body), problems
        if self.site is None:
            return "", problems
        selected = self.select(spec)
        if not selected:
            return "_No papers match._", problems
        columns = list(spec.columns) or [*DEFAULT_FACTS, *columns_by_coverage([row.cells for row in selected])]
        if "title" not in columns:
            columns.insert(0, "title")
        return "\n".join(table_html(self.site, selected, columns, base, compare_href(self.site, base))), problems

    def select(self, spec: Spec) -> list[Row]:
        assert self.site is not None
        site = self.site
        pids: list[PaperId]
        if spec.topic is not None:
            found: dict[str, None] = {}
            for key, topic in self.graph.topics.items():
                if key == spec.topic or key.startswith(spec.topic + "/"):
                    found.update(dict.fromkeys(topic.papers))
            pids = [PaperId(pid) for pid in found]
        else:
            pids = list(self.graph.papers)
        chosen = rows(self.attributes, ((pid, self.graph.papers[pid]) for pid in pids if pid in self.graph.papers))

        def value(row: Row, column: str) -> str:
            if column in BUILTIN:
                return fact_text(column, row.paper, site)
            cell = row.cells.get(column)
            return cell.text if cell is not None else ""

        chosen = [row for row in chosen if all(_matches(value(row, c), wanted) for c, wanted in spec.where)]
        for column, descending in reversed(spec.sort):
            filled = [row for row in chosen if value(row, column)]
            empty = [row for row in chosen if not value(row, column)]
            filled.sort(key=lambda row: _sort_key(value(row, column)), reverse=descending)
            chosen = filled + empty  # papers without the value last, either way
        return chosen[: spec.limit] if spec.limit else chosen


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _sort_key(text: str) -> tuple[int, float, str]:
    number = _number(text)
    return (0, number, "") if number is not None else (1, 0.0, text.casefold())


def _matches(text: str, wanted: Any) -> bool:
    """`where:` semantics: a list matches any of its values; `true`/`false` ask for a filled or
    empty cell; `">= 2023"` compares (as numbers when both are); a number must be equal; other
    text must occur in the cell, case-insensitively."""
    if isinstance(wanted, list):
        return any(_matches(text, item) for item in wanted)
    if isinstance(wanted, bool):
        return bool(text) == wanted
    if isinstance(wanted, int | float):
        return _number(text) == float(wanted)
    match = _COMPARISON_RE.match(str(wanted))
    if match is None:
        return str(wanted).casefold() in text.casefold()
    operator, operand = match.groups()
    left, right = _number(text), _number(operand)
    a: Any = left if left is not None and right is not None else text.casefold()
    b: Any = right if left is not None and right is not None else operand.casefold()
    if operator in ("<", ">", "<=", ">=") and not text:
        return False
    return {"=": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
