"""Dataview's inline queries: `= expression` evaluated for the note it is written in, shown in the text."""

from __future__ import annotations

from papernotes.dataview.errors import QueryError, QuerySyntaxError, Unsupported
from papernotes.dataview.evaluate import Evaluator
from papernotes.dataview.expr import parse_expression
from papernotes.dataview.index import DataIndex
from papernotes.dataview.markdown import Output
from papernotes.diagnostics import Diagnostic
from papernotes.markdown.structure import code_span

NULL_SHOWN = "\\-"  # Dataview's own rendering of a null value


def _as_written(path: str, line: int, source: str, code: str, message: str,
                hint: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """What cannot be evaluated stays on the page as the code it is; the author is told why."""
    diagnostic = Diagnostic(path, line, "warning", code, message, hint)
    return code_span(source), (diagnostic,)


def render_inline(index: DataIndex, out: Output, path: str, line: int,
                  source: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The value of the inline query `source` (`= this.year`) for note `path`, as inline Markdown."""
    written = source.strip()
    if written.startswith("$="):
        return _as_written(path, line, written, "query-unsupported",
                           f"inline JavaScript query {written!r} is not run: JavaScript never runs on the site",
                           "the page shows the code as written; use an inline `= expression` instead")
    expression = written[1:]
    this = index.record(path) if path in index.graph.notes else {}
    try:
        value = Evaluator(index, this, "dql", source=expression).eval(parse_expression(expression, "dql"), this)
    except QuerySyntaxError as error:
        return _as_written(path, line, written, "query-syntax",
                           f"inline query {written!r} does not parse: {error.message}",
                           "fix the expression; the page shows it as written")
    except Unsupported as error:
        return _as_written(path, line, written, "query-unsupported",
                           f"inline query {written!r} uses {error.what}, which is not supported",
                           error.hint or "the page shows it as written")
    except (QueryError, RecursionError) as error:
        message = str(error) if isinstance(error, QueryError) else "the expression is nested too deeply"
        return _as_written(path, line, written, "query-error", f"inline query {written!r} failed: {message}",
                           "check the fields and values it uses; the page shows it as written")
    return out.value(value, in_table=False) or NULL_SHOWN, ()
