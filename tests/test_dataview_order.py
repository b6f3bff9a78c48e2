"""Query rows sort by `order_key`, which must give exactly the order `compare` defines."""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import given
from hypothesis import strategies as st

from papernotes.dataview.values import Link, compare, order_key

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-5, 5, allow_nan=False), st.text(max_size=3),
    st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 5)),
    st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 5)),
    st.timedeltas(dt.timedelta(0), dt.timedelta(days=2)),
    st.builds(Link, st.sampled_from(["a.md", "A.md", "b.md"]), st.just(""), st.sampled_from(["", "x"])),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=2), scalars, max_size=2))


@given(st.lists(values, max_size=12))
def test_order_key_sorts_as_compare_does(items: list[object]) -> None:
    by_key = sorted(items, key=order_key)
    by_compare = sorted(items, key=functools.cmp_to_key(compare))
    assert [order_key(item) for item in by_key] == [order_key(item) for item in by_compare]
    assert all(compare(a, b) <= 0 for a, b in zip(by_key, by_key[1:], strict=False))


def _run(text: str) -> str:
    from papernotes.dataview import QueryRenderer
    from papernotes.loader import load_note
    from papernotes.model import Query
    from papernotes.pages import build_site

    text_of = "---\nyear: {year}\ntopic: t{topic}\n---\n- [ ] a{i}\n- [x] b{i}\n- [ ] c{i}\n"
    notes = [load_note(f"p{i}.md", text_of.format(year=2020 + i % 3, topic=i % 2, i=i).encode())[0]
             for i in range(6)]
    site = build_site([note for note in notes if note is not None], [])
    return QueryRenderer(site.graph, str).render(Query("dataview", text, 1, 3), "p0.md").markdown


def test_two_where_steps_both_apply() -> None:
    shown = _run("LIST WHERE year >= 2021 WHERE topic = \"t1\"")
    assert "p1" in shown and "p5" in shown  # year 2021/2022 and topic t1
    assert "p0" not in shown and "p3" not in shown and "p2" not in shown and "p4" not in shown


def test_task_rows_stop_at_the_limit_in_file_order_and_see_their_pages_fields() -> None:
    shown = _run("TASK WHERE !completed AND year = 2021 LIMIT 3")
    assert [text for text in ("a1", "c1", "a4", "c4") if text in shown] == ["a1", "c1", "a4"]
    flattened = _run("TASK FLATTEN year AS y WHERE y = 2022 AND !completed")
    assert [text for text in ("a2", "b2", "c2", "a5", "c5", "a1") if text in flattened] == ["a2", "c2", "a5", "c5"]
