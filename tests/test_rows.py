"""rows.frame_of_rows: row dicts as a frame, handed to polars as columns — the frame polars makes
of the row dicts itself (values cast to the schema, missing keys null, extra keys after it)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.rows import frame_of_rows

SCHEMA = {"article_id": pl.String, "start": pl.Int64, "score": pl.Float64, "on": pl.Date, "flag": pl.Boolean}
_VALUES = {"article_id": st.text(max_size=5) | st.none(), "start": st.integers(-10, 10**6) | st.none(),
           "score": st.floats(allow_nan=False) | st.integers(0, 5) | st.none(), "on": st.dates() | st.none(),
           "flag": st.booleans() | st.none(), "extra": st.text(max_size=3) | st.none()}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.fixed_dictionaries({}, optional=_VALUES), max_size=8))
def test_the_frame_is_the_one_polars_makes_of_the_row_dicts(rows):
    for extra in (None, pl.String):
        schema = dict(SCHEMA) | ({"extra": pl.String} if extra is not None and any("extra" in r for r in rows) else {})
        expected = pl.DataFrame(rows, schema=schema, strict=False) if rows else pl.DataFrame(schema=schema)
        assert frame_of_rows(rows, SCHEMA, extra=extra).equals(expected)


def test_extra_keys_follow_the_schema_in_order_of_first_appearance():
    rows = [{"start": 1, "b": "x"}, {"a": "y", "article_id": "p"}]
    frame = frame_of_rows(rows, {"article_id": pl.String, "start": pl.Int64}, extra=pl.String)
    assert frame.columns == ["article_id", "start", "b", "a"]
    assert frame.rows() == [(None, 1, "x", None), ("p", None, None, "y")]
    assert frame_of_rows([], {"on": pl.Date}).schema == {"on": pl.Date}
    assert frame_of_rows([{"on": dt.date(2022, 3, 1)}], {"on": pl.Date}).item() == dt.date(2022, 3, 1)
