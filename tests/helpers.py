"""Assertions shared by test modules: every extracted row traces back to the raw file.

Use from any test (``tests/`` is on the path when pytest runs)::

    from helpers import assert_rows_trace_to_raw
    assert_rows_trace_to_raw(corpus, wb.extract_quotes(corpus))
"""

from __future__ import annotations

from bisect import bisect_right

import polars as pl

from workbench.text.edits import Repair, replay

__all__ = ["assert_rows_trace_to_raw", "assert_repairs_replay", "chart_values", "all_chart_values"]


def chart_values(spec: dict, data: dict) -> list[dict]:
    """The rows of a chart's data (inline, or named in the spec's ``datasets``; a JSON string is
    parsed — see ``workbench.views.chart_data``)."""
    import json

    values = data["values"] if "values" in data else spec["datasets"][data["name"]]
    return json.loads(values) if isinstance(values, str) else values


def all_chart_values(spec: dict) -> list[list[dict]]:
    """Every dataset of a chart spec, parsed."""
    import json

    return [json.loads(v) if isinstance(v, str) else v for v in spec.get("datasets", {}).values()]


def _repairs_by_article(corpus) -> dict[str, list[Repair]]:
    out: dict[str, list[Repair]] = {}
    for r in corpus.repairs.sort("article_id", "raw_start").iter_rows(named=True):
        out.setdefault(r["article_id"], []).append(Repair(r["kind"], r["raw_start"], r["raw_end"], r["before"], r["after"]))
    return out


def assert_repairs_replay(corpus) -> None:
    """Replaying each article's repairs on its ``raw_text`` gives its ``text`` exactly."""
    repairs = _repairs_by_article(corpus)
    for aid, raw, text in corpus.articles.select("article_id", "raw_text", "text").iter_rows():
        assert replay(raw, repairs.get(aid, [])) == text, f"{aid}: repairs do not replay to text"


def assert_rows_trace_to_raw(corpus, frame: pl.DataFrame, *, text_column: str | None = "text") -> int:
    """Every row of ``frame`` (``article_id``, ``start``, ``end``, ``raw_start``, ``raw_end``) traces to raw.

    Checks, per row:

    * ``0 <= start <= end <= len(text)`` and ``0 <= raw_start <= raw_end <= len(raw_text)``;
    * ``frame[text_column] == text[start:end]`` when that column exists (pass ``None`` to skip);
    * ``(raw_start, raw_end) == corpus.to_raw(article_id, start, end)``;
    * replaying the repairs that lie inside ``raw_text[raw_start:raw_end]`` gives the text they
      came from: exactly ``text[start:end]`` when the row's ends fall on kept characters, or that
      span widened to the whole repaired run when an end falls inside one (a span end inside a
      repaired run maps to the run's raw edge; the widened text always contains the row's text).

    Returns the number of rows checked. Zero-length rows are checked for bounds only.
    """
    need = {"article_id", "start", "end", "raw_start", "raw_end"}
    missing = need - set(frame.columns)
    assert not missing, f"frame lacks offset column(s) {sorted(missing)}"
    articles = {aid: (raw, text) for aid, raw, text in corpus.articles.select("article_id", "raw_text", "text").iter_rows()}
    repairs = _repairs_by_article(corpus)
    pieces: dict[str, list[tuple[int, int, int, int, bool]]] = {}
    for row in corpus.offsets.sort("article_id", "start", "raw_start").iter_rows():
        pieces.setdefault(row[0], []).append(tuple(row[1:]))  # type: ignore[arg-type]
    has_text = text_column is not None and text_column in frame.columns
    checked = 0
    for row in frame.iter_rows(named=True):
        aid = row["article_id"]
        assert aid in articles, f"row names unknown article {aid!r}"
        raw, text = articles[aid]
        s, e, rs, re_ = row["start"], row["end"], row["raw_start"], row["raw_end"]
        where = f"{aid}[{s}:{e}] raw[{rs}:{re_}]"
        assert 0 <= s <= e <= len(text), f"{where}: text offsets out of range (len {len(text)})"
        assert 0 <= rs <= re_ <= len(raw), f"{where}: raw offsets out of range (len {len(raw)})"
        if has_text:
            assert row[text_column] == text[s:e], f"{where}: {text_column} is not text[start:end]"
        assert (rs, re_) == corpus.to_raw(aid, s, e), f"{where}: raw offsets disagree with corpus.to_raw"
        if e == s:
            continue
        # widen [s, e) to the edges of repaired runs it cuts into
        table = [p for p in pieces.get(aid, []) if p[1] > p[0]]
        ends = [p[1] for p in table]
        k = bisect_right(ends, s)
        ws = table[k][0] if k < len(table) and table[k][4] else s
        k = bisect_right(ends, e - 1)
        we = table[k][1] if k < len(table) and table[k][4] else e
        inside = [Repair(r.kind, r.raw_start - rs, r.raw_end - rs, r.before, r.after)
                  for r in repairs.get(aid, []) if rs <= r.raw_start and r.raw_end <= re_]
        got = replay(raw[rs:re_], inside)
        assert got == text[ws:we], f"{where}: replaying the raw span gives {got[:60]!r}, text has {text[ws:we][:60]!r}"
        checked += 1
    return checked
