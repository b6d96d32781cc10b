"""Views on a large corpus: chart data passed as one JSON string, per-article charts capped."""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench as wb
from helpers import all_chart_values, chart_values
from workbench.views import MAX_ARTICLES, chart_data


def test_chart_data_draws_what_row_objects_draw():
    import vl_convert as vlc

    frame = pl.DataFrame({
        "day": [dt.date(2024, 2, 29), dt.date(2024, 3, 1), None], "who": ["a “b”", "<c>", None], "n": [1.5, None, 3.0],
    })
    enc = {"x": "day:T", "y": "who:N", "size": "n:Q"}
    rows = alt.Chart(alt.Data(values=frame.with_columns(pl.col("day").cast(pl.String)).to_dicts())).mark_point().encode(**enc)
    text = alt.Chart(chart_data(frame)).mark_point().encode(**enc)
    assert vlc.vegalite_to_svg(rows.to_dict()) == vlc.vegalite_to_svg(text.to_dict())


def test_chart_data_is_not_capped_at_5000_rows():
    """altair refuses a data frame of more than 5,000 rows; a corpus of 10,000 articles has more."""
    big = pl.DataFrame({"x": list(range(6000))})
    with pytest.raises(alt.MaxRowsError):
        alt.Chart(big).mark_tick().encode(x="x:Q").to_dict()
    spec = alt.Chart(chart_data(big)).mark_tick().encode(x="x:Q").to_dict()
    assert len(chart_values(spec, spec["data"])) == 6000


def _labels(spec: dict) -> set[str]:
    return {row["label"] for rows in all_chart_values(spec) for row in rows if "label" in row}


def test_per_article_charts_draw_at_most_max_articles_and_say_so(seeds):
    from workbench.claims import claim_report, hedge_density
    from workbench.views.corpus import length_chart, repairs_chart
    from workbench.views.denials import hedge_density_chart, placement_chart
    from workbench.views.quotes import presence_chart

    n = seeds.articles.height
    spec = length_chart(seeds, max_articles=2).to_dict()
    longest = seeds.articles.sort("word_count", descending=True).head(2)["label"].to_list()
    assert _labels(spec) == set(longest) and "2 of 5" in spec["title"]
    assert "of" not in length_chart(seeds).to_dict()["title"]  # all drawn: nothing to say
    spec = repairs_chart(seeds, max_articles=1).to_dict()
    most = seeds.repairs.group_by("article_id").len().sort(["len", "article_id"], descending=[True, False])["article_id"][0]
    assert _labels(spec) == set(seeds.articles.filter(pl.col("article_id") == most)["label"]) and "1 of" in spec["title"]
    spec = hedge_density_chart(hedge_density(seeds), seeds, max_articles=3).to_dict()
    assert len(_labels(spec)) == 3 and f"3 of {n}" in spec["title"]
    denials = wb.extract_denials(seeds)
    _, positions = claim_report(seeds, "threatened to bomb Moscow", denials=denials)
    spec = placement_chart(positions, seeds, max_articles=2).to_dict()
    assert len(_labels(spec)) == 2 and _labels(spec) <= set(positions["label"]) and f"2 of {n}" in spec["title"]
    clusters = wb.cluster_quotes(wb.extract_quotes(seeds))
    spec = presence_chart(clusters, seeds, max_articles=2).to_dict()
    assert len({r["label"] for r in chart_values(spec, spec["data"])}) == 2 and "2 of" in spec["title"]


def test_timeline_past_max_articles_has_no_legend_and_no_listed_domain(meantime, monkeypatch):
    from workbench.views import timeline as tl

    events = wb.timeline(meantime)
    spec = tl.timeline_chart(events).to_dict()
    colour = spec["vconcat"][0]["layer"][0]["encoding"]["color"]
    assert MAX_ARTICLES < events["label"].n_unique() and colour.get("legend", {}) is None and "scale" not in colour
    monkeypatch.setattr(tl, "MAX_ARTICLES", 10_000)
    colour = tl.timeline_chart(events).to_dict()["vconcat"][0]["layer"][0]["encoding"]["color"]
    assert colour["legend"]["orient"] == "bottom" and len(colour["scale"]["domain"]) == events["label"].n_unique()


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab é\t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2028\u3000\u200b…")), max_size=12) | st.none(), max_size=8),
       st.integers(1, 10))
@settings(max_examples=200, deadline=None)
def test_short_sentences_each_distinct_once_equal_the_rule(texts, n):
    from workbench.views import timeline as tl

    column = pl.Series("s", texts, dtype=pl.String)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tl, "_short", lambda t, n=n, rule=tl._short: rule(t, n))
        assert tl._shorts(column).to_list() == [tl._short(t, n) for t in texts]


def test_timeline_explorer_on_a_large_corpus_selects_nothing_and_shows_everything(seeds, monkeypatch):
    """Past MAX_ARTICLES the article list starts empty, meaning every article (ipywidgets checks a
    selection option by option: preselecting 100,000 articles took minutes); picking some filters."""
    import contextlib
    import io

    from workbench.views import timeline as tl

    monkeypatch.setattr(tl, "MAX_ARTICLES", 2)
    drawn: list[pl.DataFrame] = []
    real_chart = tl.timeline_chart
    monkeypatch.setattr(tl, "timeline_chart", lambda ev, *a, **k: drawn.append(ev) or real_chart(ev, *a, **k))
    with contextlib.redirect_stdout(io.StringIO()):
        explorer = tl.timeline_explorer(seeds)
        articles = explorer.children[1]
        assert articles.value == () and "all" in articles.description
        assert drawn[-1].height == wb.timeline(seeds).height
        some = seeds.article_ids[0]
        articles.value = (some,)
    assert set(drawn[-1]["article_id"]) == {some}
