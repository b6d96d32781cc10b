"""Row dicts into polars frames.

The extractors build their rows one at a time in Python, as dicts (readable, and a row is what a
rule finds). polars reads a list of dicts row by row; handed the same rows as columns — one list
per column, read by a list comprehension — it builds the frame in half the time.
"""

from __future__ import annotations

import itertools
from typing import Any, Mapping, Sequence

import polars as pl

__all__ = ["frame_of_rows"]


def frame_of_rows(rows: Sequence[Mapping[str, Any]], schema: Mapping[str, Any], *, extra: Any = None) -> pl.DataFrame:
    """The rows as a frame of ``schema`` (values cast to it, missing keys null), its columns in
    schema order. ``extra``: the dtype of keys the schema does not name, added after its columns
    in order of first appearance (None: such keys are not kept)."""
    full = dict(schema)
    if extra is not None and rows:
        # every row's keys in order of first appearance (read by C, not a Python loop over every key)
        full.update((k, extra) for k in dict.fromkeys(itertools.chain.from_iterable(rows)) if k not in schema)
    return pl.DataFrame({k: [r.get(k) for r in rows] for k in full}, schema=full, strict=False)
