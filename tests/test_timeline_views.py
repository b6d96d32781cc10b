"""Timeline views: chart geometry follows precision, actors explode, widgets re-resolve dates."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import workbench as wb
from helpers import all_chart_values, chart_values
from conftest import seed_id
from workbench.views import timeline as views


@pytest.fixture(scope="module")
def events(meantime):
    return wb.timeline(meantime)


def test_days_are_points_and_months_are_intervals(events):
    rows = views.chart_rows(events)
    assert set(rows.filter(pl.col("precision") == "day")["shape"]) == {"point"}
    assert set(rows.filter(pl.col("precision").is_in(["month", "year"]))["shape"]) == {"interval"}
    # the bar for a month runs to the first day of the next month
    months = rows.filter(pl.col("precision") == "month")
    assert months.height > 0
    for value, x_end in months.select("value", "x_end").iter_rows():
        y, m = int(value[:4]), int(value[5:7])
        assert x_end == dt.date(y + m // 12, m % 12 + 1, 1)
    assert (rows["x_end"] > rows["range_end"]).all()


def test_actor_axis_repeats_an_event_per_actor(events):
    by_actor = views.chart_rows(events, y="actor")
    expected = sum(max(1, len(a)) for a in events["actors"].to_list())
    assert by_actor.height == expected
    assert views.NO_ACTOR in by_actor["row"].to_list()
    top = views.chart_rows(events, y="actor", max_rows=5)
    assert top["row"].n_unique() == 5
    counts = by_actor.group_by("row").len().sort(["len", "row"], descending=[True, False])
    assert set(top["row"]) == set(counts.head(5)["row"])


def test_unknown_axis_is_an_error(events):
    with pytest.raises(ValueError, match="y must be one of"):
        views.chart_rows(events, y="outlet")


def test_chart_has_brush_tooltips_and_publication_marks(meantime, events):
    ids = meantime.article_ids[:5]
    ev = events.filter(pl.col("article_id").is_in(ids))
    pub = wb.publication_dates(meantime).join(meantime.articles.select("article_id", "label"), on="article_id").filter(pl.col("article_id").is_in(ids))
    spec = views.timeline_chart(ev, pub).to_dict()
    text = str(spec)
    assert "'name': 'zoom'" in text and "'select': {'type': 'interval'" in text
    main = spec["vconcat"][0]
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in main["layer"]]
    assert marks.count("tick") == 1 and "point" in marks and "bar" in marks
    assert "sentence" in text
    # the publication tick layer carries one row per article with a known date
    tick = next(layer for layer in main["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == "tick")
    assert len(chart_values(spec, tick["data"])) == pub.filter(pl.col("anchor_date").is_not_null()).height


def test_chart_renders_to_svg(meantime, events):
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(views.timeline_chart(events.head(40), y="actor").to_dict())
    assert svg.startswith("<svg") and svg.count("<path") > 10


def test_events_html_escapes_and_highlights():
    ev = pl.DataFrame({
        "range_start": [dt.date(2024, 3, 4)], "range_end": [dt.date(2024, 3, 4)], "precision": ["day"],
        "label": ["<script>x</script>"], "text": ["Monday"], "value": ["2024-03-04"], "actors": [["<b>A</b>"]],
        "sentence": ["<img src=x onerror=alert(1)> on Monday."], "article_id": ["a"], "sentence_index": [0],
    })
    out = views.events_html(ev)
    assert "<script>" not in out and "<img" not in out and "<b>A" not in out
    assert "<mark>Monday</mark>" in out and "&lt;img src=x" in out
    assert "No dated events" in views.events_html(ev.clear())


def test_unresolved_lists_relative_dates_waiting_for_an_anchor(seeds):
    waiting = views.unresolved(wb.extract_dates(seeds))
    assert waiting.height > 0
    assert waiting["value"].str.starts_with("XXXX").all()
    assert seed_id("004") in waiting["article_id"].to_list()
    # with a date for 004, its relative dates are placed and leave the list
    placed = views.unresolved(wb.extract_dates(seeds, published_dates={seed_id("004"): "2025-07-18"}))
    assert seed_id("004") not in placed["article_id"].to_list()


def _set_date(explorer, aid: str, day: dt.date):
    """Pick an article in the explorer's date setter, set its date and press the button, as a
    researcher would; returns the explorer's children."""
    (header, articles, setter, status, out) = explorer.children
    which, picker, button = setter.children
    which.value = aid
    picker.value = day
    button.click()
    return header, articles, status


def test_explorer_sets_a_publication_date_and_redraws(seeds):
    explorer = views.timeline_explorer(seeds)
    aid = seed_id("004")
    header, articles, status = _set_date(explorer, aid, dt.date(2025, 7, 18))
    assert explorer.published_dates == {aid: dt.date(2025, 7, 18)}
    assert "2025-07-18" in status.value
    # the actor list now includes actors of the newly placed events
    y_pick, actor = header.children
    events = wb.timeline(seeds, published_dates={aid: dt.date(2025, 7, 18)})
    assert set(actor.options[1:]) == {n for lst in events["actors"].to_list() for n in lst}
    # only that article was redone: the explorer's frames equal a whole recomputation
    assert explorer.state["events"].equals(events)
    whole = wb.publication_dates(seeds, published_dates={aid: dt.date(2025, 7, 18)}).join(seeds.articles.select("article_id", "label"), on="article_id", how="left")
    assert explorer.state["pub"].equals(whole)
    # filters do not raise and keep the y axis switchable
    y_pick.value = "actor"
    articles.value = (aid,)
    assert articles.value == (aid,)


def test_explorer_opened_on_dates_at_hand_does_not_tag_again(meantime, monkeypatch):
    """dates= (a notebook's extract_dates, a large run's dates frame): the same events and
    publication rows as tagging the corpus, without tagging it; setting a date still re-tags."""
    import workbench.temporal as temporal

    published = {meantime.article_ids[0]: dt.date(2008, 1, 1)}
    plain = views.timeline_explorer(meantime, published_dates=published)
    dates = wb.extract_dates(meantime, published_dates=published)
    tagged: list[int] = []  # the articles of each tagging pass
    real = temporal.dates_and_years
    monkeypatch.setattr(temporal, "dates_and_years", lambda part, **k: tagged.append(part.articles.height) or real(part, **k))
    given = views.timeline_explorer(meantime, published_dates=published, dates=dates)
    assert tagged == []
    assert given.state["events"].equals(plain.state["events"]) and given.state["pub"].equals(plain.state["pub"])
    aid = meantime.article_ids[1]
    _set_date(given, aid, dt.date(2008, 6, 2))
    assert tagged == [1]  # that article only
    assert given.state["events"].equals(wb.timeline(meantime, published_dates={**published, aid: dt.date(2008, 6, 2)}))


def test_explorer_without_a_date_asks_for_one(seeds):
    explorer = views.timeline_explorer(seeds)
    which, day, button = explorer.children[2].children
    button.click()
    assert "Pick a date" in explorer.children[3].value
    assert explorer.published_dates == {}


def test_chart_on_many_events_draws_a_sample_and_says_so(meantime, events):
    """A large corpus: at most max_marks events are drawn (every k-th), the title says how many
    there are, the legend lists only the articles drawn, publication ticks only for drawn rows."""
    pub = wb.publication_dates(meantime).join(meantime.articles.select("article_id", "label"), on="article_id")
    spec = views.timeline_chart(events, pub, max_marks=40).to_dict()
    main = spec["vconcat"][0]
    drawn = next(v for v in all_chart_values(spec) if v and "row" in v[0] and "sentence_short" in v[0])
    assert len(drawn) <= 40
    assert main["title"].startswith("Every ") and f"{views.chart_rows(events, max_rows=25).height:,} events" in main["title"]
    legend = spec["vconcat"][0]["layer"][1]["encoding"]["color"]["scale"]["domain"]
    assert set(legend) == {d["label"] for d in drawn}
    tick = next(layer for layer in main["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == "tick")
    assert {t["row"] for t in chart_values(spec, tick["data"])} <= {d["row"] for d in drawn} | set(views.chart_rows(events, max_rows=25)["row"])
    full = views.timeline_chart(events, pub).to_dict()["vconcat"][0]["title"]
    assert full.startswith("Events by date")


def test_explorer_keeps_corpus_order_after_a_date_is_set():
    """Articles loaded in an order their ids do not sort in (a list of files, newest first): after
    one article is redone, the explorer's events are still the corpus's, in corpus order."""
    from conftest import SEEDS

    corpus = wb.load_corpus(sorted(SEEDS.glob("*.txt"), reverse=True), warn=False)
    assert corpus.article_ids != sorted(corpus.article_ids)
    explorer = views.timeline_explorer(corpus)
    aid = seed_id("004")
    _set_date(explorer, aid, dt.date(2025, 7, 18))
    assert explorer.state["events"].equals(wb.timeline(corpus, published_dates={aid: dt.date(2025, 7, 18)}))


def test_an_anaphoric_date_says_in_its_tooltip_what_dated_it(meantime, events):
    """"the same day" is drawn on Friday: its expression reads "the same day (dated by “Friday”)"."""
    linked = events.filter(pl.col("antecedent").is_not_null())
    assert linked.height >= 5  # MEANTIME has such dates ("to end the day", "at 16:15 UTC, June 1st")
    spec = views.timeline_chart(linked.head(20)).to_dict()
    drawn = next(v for v in all_chart_values(spec) if v and "row" in v[0] and "sentence_short" in v[0])
    expected = {f"{t} (dated by “{a}”)" for t, a in linked.head(20).select("text", "antecedent").iter_rows()}
    assert {d["text"] for d in drawn} == expected
    # the antecedent is a mention of the same article, where antecedent_start says
    for row in linked.iter_rows(named=True):
        assert meantime.text_of(row["article_id"], row["antecedent_start"], row["antecedent_start"] + len(row["antecedent"])) == row["antecedent"]
    plain = views.timeline_chart(events.filter(pl.col("antecedent").is_null()).head(20)).to_dict()
    assert not any("dated by" in d["text"] for v in all_chart_values(plain) if v and "sentence_short" in v[0] for d in v)
