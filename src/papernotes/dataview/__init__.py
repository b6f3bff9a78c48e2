"""Dataview queries and Obsidian Bases, rendered to Markdown when the site is built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from papernotes.dataview.bases import FILE_PROPERTIES, BaseSyntaxError, parse_base, run_base
from papernotes.dataview.dql import parse_dql
from papernotes.dataview.errors import EvalError, QueryError, QuerySyntaxError, Unsupported, line_column
from papernotes.dataview.execute import run_dql
from papernotes.dataview.index import DataIndex
from papernotes.dataview.inline import render_inline
from papernotes.dataview.markdown import Output, notice, render_result
from papernotes.diagnostics import Diagnostic
from papernotes.graph import PaperGraph
from papernotes.model import Query
from papernotes.paths import stem

QUERY_INFOS = ("dataview", "dataviewjs", "base", "inline")


@dataclass(frozen=True, slots=True)
class Rendered:
    markdown: str
    diagnostics: tuple[Diagnostic, ...] = ()


def _unsupported(path: str, line: int, what: str, hint: str) -> Rendered:
    body = ("This query is not shown: papernotes renders Dataview queries and Bases when the site is built, "
            f"and {what} is not supported.")
    if hint:
        body += f" Hint: {hint}."
    diagnostic = Diagnostic(path, line, "warning", "query-unsupported", f"{what} is not supported", hint)
    return Rendered(notice(f"Dataview: {what} is not supported", body), (diagnostic,))


def _syntax(path: str, first_line: int, source: str, message: str, line: int, column: int) -> Rendered:
    lines = source.split("\n")
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    pointer = " " * (column - 1) + "^"
    body = f"{message}.\n\n```text\n{shown}\n{pointer}\n```"
    file_line = first_line + line
    diagnostic = Diagnostic(path, file_line, "warning", "query-syntax",
                            f"query syntax error at line {line}, column {column}: {message}",
                            "fix the query; the page shows where the error is")
    return Rendered(notice(f"Dataview: syntax error at line {line}, column {column}", body, "failure"),
                    (diagnostic,))


WHERE_SHOWN = 120
"""A failing expression is quoted in the message up to this many characters (a hostile one has thousands)."""


def _failed(path: str, line: int, message: str) -> Rendered:
    diagnostic = Diagnostic(path, line, "warning", "query-error", f"query failed: {message}",
                            "check the fields and values the query uses")
    return Rendered(notice("Dataview: the query failed", message + "."), (diagnostic,))


def _problem(error: QueryError, path: str, line: int, source: str) -> Rendered:
    if isinstance(error, Unsupported):
        return _unsupported(path, line, error.what, error.hint)
    if isinstance(error, BaseSyntaxError):
        return _syntax(path, line, source, error.message, error.line, error.column)
    if isinstance(error, QuerySyntaxError):
        query_line, column = line_column(source, error.offset)
        return _syntax(path, line, source, error.message, query_line, column)
    if isinstance(error, EvalError) and error.line:  # a Bases filter or formula: its own line
        where = error.where if len(error.where) <= WHERE_SHOWN else error.where[:WHERE_SHOWN] + "…"
        return _failed(path, line + error.line, f"{error}, in `{where}`")
    return _failed(path, line, str(error))


def _unknown_property(path: str, line: int, text: str, prop: str) -> Diagnostic:
    """A view showing `file.x` that Bases lacks: at the line that names it (the block's or the file's)."""
    at = text.find(prop)
    within = text.count("\n", 0, at) + 1 if at >= 0 else 0
    file_line = line + within if line else max(within, 1)
    known = ", ".join("file." + name for name in FILE_PROPERTIES if name != "link")
    return Diagnostic(path, file_line, "warning", "query-unknown-property",
                      f"the base shows {prop}, which is not a file property", f"use one of {known}")


class QueryRenderer:
    """Renders the queries of one build; the data index is built once, for the first query, and
    shared by every query (a vault without queries never builds it)."""

    def __init__(self, graph: PaperGraph, src_of: Callable[[str], str], today: dt.date | None = None) -> None:
        self._graph, self._today = graph, today
        self._index: DataIndex | None = None
        self.src_of = src_of

    @property
    def index(self) -> DataIndex:
        if self._index is None:
            self._index = DataIndex(self._graph, self._today)
        return self._index

    def render(self, query: Query, path: str, base: str | None = None) -> Rendered:
        """One query written in note `path` (file line `query.line`), for the page at `base`."""
        out = Output(self.index, self.src_of, base or self.src_of(path))
        if query.info == "dataviewjs":
            return _unsupported(path, query.line, "dataviewjs", "JavaScript queries never run on the site")
        if query.info == "inline":
            return Rendered(*render_inline(self.index, out, path, query.line, query.source))
        try:
            if query.info == "base":
                return Rendered(*self._base(query.source, path, out, heading="", line=query.line))
            result = run_dql(parse_dql(query.source), self.index, path)
            return Rendered(render_result(result, out))
        except QueryError as error:
            return _problem(error, path, query.line, query.source)
        except RecursionError:
            return _failed(path, query.line, "the query is nested too deeply")

    def _base(self, text: str, path: str, out: Output, heading: str,
              line: int = 0) -> tuple[str, tuple[Diagnostic, ...]]:
        spec = parse_base(text)
        parts = []
        problems: list[Diagnostic] = []
        outcomes = run_base(spec, self.index, path)
        for outcome in outcomes:
            if heading:
                parts.append(f"{heading} {outcome.name}")
            elif len(outcomes) > 1:
                parts.append(f"**{outcome.name}**")
            if outcome.error is not None:
                rendered = _problem(outcome.error, path, line, text)
                parts.append(rendered.markdown)
                problems += rendered.diagnostics
            else:
                assert outcome.result is not None
                parts.append(render_result(outcome.result, out))
            problems += [_unknown_property(path, line, text, prop) for prop in outcome.unknown]
        return "\n\n".join(parts), tuple(problems)

    def render_base_file(self, text: str, key: str, src: str) -> Rendered:
        """A `.base` file as a page of its own: a title, then one section per view."""
        out = Output(self.index, self.src_of, src)
        title = f"# {stem(key).removesuffix('.base')}\n\n"
        try:
            markdown, problems = self._base(text, key, out, heading="##")
            return Rendered(title + markdown + "\n", problems)
        except QueryError as error:
            rendered = _problem(error, key, 0, text)
            return Rendered(title + rendered.markdown + "\n", rendered.diagnostics)


__all__ = ["EvalError", "QueryRenderer", "Rendered", "QUERY_INFOS"]
