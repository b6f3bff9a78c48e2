"""DQL and Bases parsing: errors carry positions, unsupported constructs are named, nothing crashes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from papernotes.dataview import QueryRenderer
from papernotes.dataview.bases import parse_base
from papernotes.dataview.dql import FolderSource, NotSource, TagSource, parse_dql
from papernotes.dataview.errors import QueryError, QuerySyntaxError, Unsupported
from papernotes.dataview.functions import parse_duration
from papernotes.graph import build_graph
from papernotes.loader import load_note
from papernotes.markdown.structure import code_span
from papernotes.model import Query


def test_table_query_parts() -> None:
    query = parse_dql('TABLE WITHOUT ID file.link AS "Paper", key-design FROM #a AND -"b" WHERE x SORT y DESC LIMIT 2')
    assert query.kind == "table" and query.without_id
    assert [c.name for c in query.columns] == ["Paper", "key-design"]
    assert query.source is not None and isinstance(query.source.left, TagSource)  # type: ignore[union-attr]
    assert isinstance(query.source.right, NotSource)  # type: ignore[union-attr]
    assert isinstance(query.source.right.inner, FolderSource)  # type: ignore[union-attr]
    assert [step.kind for step in query.steps] == ["where", "sort", "limit"]


@pytest.mark.parametrize(("source", "column"), [("TABLE year FROM", 16), ("LIST WHERE (a", 14), ('LIST "x', 6)])
def test_syntax_errors_have_a_position(source: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        parse_dql(source)
    assert error.value.offset + 1 == column


@pytest.mark.parametrize("source", ["CALENDAR file.ctime", "LIST FROM csv(\"a.csv\")", "TABLE map(x, (a) => a)"])
def test_unsupported_constructs_are_named(source: str) -> None:
    with pytest.raises(Unsupported):
        parse_dql(source)


def test_durations() -> None:
    assert parse_duration("3 days") == dt.timedelta(days=3)
    assert parse_duration("1 week 2d") == dt.timedelta(days=9)
    assert parse_duration("soon") is None


def test_base_yaml_error_has_line_and_column() -> None:
    with pytest.raises(QuerySyntaxError) as error:
        parse_base("views:\n  - type: table\n   order: [a\n")
    assert getattr(error.value, "line", 0) >= 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('TABLELISTFROMWHERE SORTGROUPBY#"[]()!-=<>,.andor0123abc\n\'')),
               max_size=60))
def test_parser_never_crashes(source: str) -> None:
    try:
        parse_dql(source)
    except QueryError:
        pass


_NOTE, _ = load_note("a.md", b"---\nyear: 2023\ntags: [x]\n---\n# A\n- [ ] t [due:: 2024-01-01]\nk:: v\n")
assert _NOTE is not None
_RENDERER = QueryRenderer(build_graph([_NOTE]), lambda key: key, dt.date(2024, 1, 1))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["TABLE ", "LIST ", "TASK ", "TABLE WITHOUT ID "]),
       st.text(alphabet=st.sampled_from(list("year k file.name tags #x \"a\" [[a]] ( ) + - * / = < ! , and or "
                                             "WHERE SORT FLATTEN GROUP BY LIMIT 1 2 length( contains( date(")),
               max_size=40),
       st.sampled_from(["dataview", "base"]))
def test_rendering_never_crashes(head: str, body: str, info: str) -> None:
    source = head + body if info == "dataview" else "filters: '" + body.replace("'", "") + "'\n"
    rendered = _RENDERER.render(Query(info, source, 5, 9), "a.md")
    assert rendered.markdown


@pytest.mark.parametrize(("text", "span"), [
    ("= x", "`= x`"),
    ("= \"`a`\"", "``= \"`a`\"``"),
    ("`= x", "`` `= x ``"),
    ("$= a ``` b", "````$= a ``` b````"),
])
def test_code_that_cannot_run_is_shown_as_a_code_span(text: str, span: str) -> None:
    assert code_span(text) == span
