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
