"""Views of the timeline: which outlet puts which event where, and according to whom.

Everything is computed by :mod:`workbench.temporal` (``wb.timeline``, ``wb.publication_dates``);
these functions only lay it out. The chart follows the TIMEX3 precision of each date: a day is a
point, a week, month, season or year is a bar over the interval it covers (an event "in February"
is not on February 1st). Article text is HTML-escaped wherever it is rendered as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Mapping

import polars as pl

from workbench.views import MAX_ARTICLES, chart_data

if TYPE_CHECKING:
    import altair as alt
    import ipywidgets as widgets

    from workbench.corpus import Corpus

__all__ = [
    "chart_rows",
    "timeline_chart",
    "events_table",
    "events_html",
    "unresolved",
    "publication_table",
    "timeline_explorer",
    "Y_CHOICES",
    "NO_ACTOR",
]

#: what the y axis can show: the article (its outlet when the catalog names one) or the actor
Y_CHOICES = {"article": "label", "actor": "actor"}
#: the y value of an event whose sentence names nobody
NO_ACTOR = "(no actor named)"
_POINT_PRECISIONS = ("day", "time")
_SHORT = 160


def _short(text: str | None, n: int = _SHORT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _shorts(sentences: pl.Series) -> pl.Series:
    """:func:`_short` of every sentence, each distinct sentence once (an event's sentence is shared
    by its other events, and repeated once per actor on the actor axis)."""
    texts = sentences.fill_null("")
    mapping = {t: _short(t) for t in texts.unique().to_list()}
    return texts.replace_strict(mapping, return_dtype=pl.String) if len(texts) else texts


def _keep_top(rows: pl.DataFrame, max_rows: int | None) -> pl.DataFrame:
    """The rows whose ``row`` value is among the ``max_rows`` with the most rows (ties by name)."""
    if max_rows is None or not rows.height:
        return rows
    keep = rows.group_by("row").len().sort(["len", "row"], descending=[True, False]).head(max_rows)["row"]
    return rows.filter(pl.col("row").is_in(keep.implode()))


def chart_rows(events: pl.DataFrame, *, y: str = "article", max_rows: int | None = None) -> pl.DataFrame:
    """The events as the chart draws them: one row per (event, y value), with ``shape`` and ``x_end``.

    ``y="actor"`` repeats an event once per actor named in its sentence (an event with none gets
    :data:`NO_ACTOR`), so each actor's row shows every event they are part of. ``x_end`` is the day
    after ``range_end``: a bar for "February" covers the whole of February 29th too. ``max_rows``
    keeps the y values with the most events (ties by name), so an actor axis stays readable.
    """
    if y not in Y_CHOICES:
        raise ValueError(f"y must be one of {sorted(Y_CHOICES)}, not {y!r}")
    drawn = ["shape", "x_end", "sentence_short", "actors_text"]
    if y == "actor":
        # which actors to draw is decided on (event number, actor) pairs; only the events kept are
        # then repeated per actor with all their columns (their sentences are most of the bytes)
        pairs = events.select(
            pl.int_range(pl.len()).alias("_event"),
            pl.when(pl.col("actors").list.len() > 0).then(pl.col("actors")).otherwise(pl.lit([NO_ACTOR])).alias("actor"),
        ).explode("actor")
        pairs = _keep_top(pairs.with_columns(pl.col("actor").alias("row")), max_rows)
        rows = pairs.join(events.with_row_index("_event").with_columns(pl.col("_event").cast(pl.Int64)), on="_event", how="left").drop("_event")
        order = [*events.columns, *drawn, "actor", "row"]
    else:
        rows = _keep_top(events.with_columns(pl.col("label").alias("row")), max_rows)
        order = [*events.columns, *drawn, "row"]
    # what the chart draws, worked out for the rows kept only (a large corpus has a million events)
    rows = rows.with_columns(
        pl.when(pl.col("precision").is_in(_POINT_PRECISIONS)).then(pl.lit("point")).otherwise(pl.lit("interval")).alias("shape"),
        (pl.col("range_end") + pl.duration(days=1)).alias("x_end"),
        _shorts(rows["sentence"]).alias("sentence_short"),
        pl.col("actors").list.join(", ").alias("actors_text"),
    )
    return rows.select(order).sort("row", "range_start", "article_id", "start")


def timeline_chart(
    events: pl.DataFrame,
    publication: pl.DataFrame | None = None,
    *,
    y: str = "article",
    width: int = 680,
    max_rows: int | None = 25,
    max_marks: int | None = 5000,
) -> alt.VConcatChart:
    """The timeline: bars for month/year-precise dates, points for days, publication dates marked.

    Colour is the article (the same colour on either y axis, so an actor's row still shows who
    reported what); tooltips carry the expression, its TIMEX3 value, the mention an anaphoric
    date was dated by ("the same day" by "Friday") and the sentence. The strip
    below is a brush: drag over it to zoom the main chart to that period, double-click to reset.
    ``publication`` (from ``wb.publication_dates``) adds a black tick per known publication date
    and a grey band for an inferred window. At most ``max_rows`` rows are drawn (those with the
    most events): filter the events to see others. At most ``max_marks`` events are drawn — on a
    large corpus an evenly spaced sample of them, said in the title, and the legend lists only the
    articles drawn (none past ``MAX_ARTICLES``: the tooltip names the article) — so the chart stays
    quick to build and to draw.
    """
    import altair as alt

    rows = chart_rows(events, y=y, max_rows=max_rows)
    title = "Events by date (drag on the strip below to zoom)"
    sampled = max_marks is not None and rows.height > max_marks
    if sampled:
        step = -(-rows.height // max_marks)
        title = f"Every {step}th of {rows.height:,} events (filter by article or actor to see all; drag the strip to zoom)"
        rows = rows.gather_every(step)
    # an anaphoric date says what dated it: "the same day (dated by “Friday”)"
    expression = (pl.when(pl.col("antecedent").is_not_null()).then(pl.format("{} (dated by “{}”)", "text", "antecedent"))
                  .otherwise(pl.col("text")) if "antecedent" in rows.columns else pl.col("text")).alias("text")
    data = rows.select(
        "row", "label", "article_id", expression, "value", "precision", "shape", "range_start", "x_end", "sentence_short", "actors_text"
    ).with_columns(pl.col("range_start").cast(pl.String), pl.col("x_end").cast(pl.String))
    brush = alt.selection_interval(encodings=["x"], name="zoom")
    shown = rows if sampled else events
    labels = sorted(shown["label"].unique().drop_nulls().to_list()) if shown.height else []
    few = len(labels) <= MAX_ARTICLES  # else no legend (the tooltip names the article), no listed domain
    legend = alt.Legend(orient="bottom", columns=2, labelLimit=320) if few else None
    scale = alt.Scale(domain=labels) if few else alt.Undefined
    colour = alt.Color("label:N", title="article", scale=scale, legend=legend)
    y_title = "actor" if y == "actor" else "article"
    x = alt.X("range_start:T", title="date", scale=alt.Scale(domain=brush), axis=alt.Axis(format="%b %Y", labelAngle=0))
    tooltip = [
        alt.Tooltip("label:N", title="article"),
        alt.Tooltip("text:N", title="expression"),
        alt.Tooltip("value:N", title="TIMEX3 value"),
        alt.Tooltip("precision:N"),
        alt.Tooltip("actors_text:N", title="actors"),
        alt.Tooltip("sentence_short:N", title="sentence"),
    ]
    height = max(120, 26 * max(1, rows["row"].n_unique() if rows.height else 1))
    base = alt.Chart(chart_data(data))
    yenc = alt.Y("row:N", title=y_title, axis=alt.Axis(labelLimit=260))
    bars = base.transform_filter(alt.datum.shape == "interval").mark_bar(opacity=0.45, height=12, clip=True).encode(
        x=x, x2=alt.X2("x_end"), y=yenc, color=colour, tooltip=tooltip
    )
    points = base.transform_filter(alt.datum.shape == "point").mark_point(filled=True, size=70, clip=True).encode(
        x=x, y=yenc, color=colour, tooltip=tooltip
    )
    layers: list[alt.Chart] = [bars, points]
    if publication is not None and publication.height:
        pub = publication.join(events.select("article_id", "label").unique(), on="article_id", how="inner") if "label" not in publication.columns else publication
        pub = pub.filter(pl.col("anchor_date").is_not_null())
        if max_rows is not None and pub.height > max_rows:  # only the articles drawn get a row
            pub = pub.filter(pl.col("label").is_in(rows["row"].unique().implode()))
        if pub.height and y == "article":
            pub_data = pub.select(
                pl.col("label").alias("row"), "label", "source", "evidence",
                pl.col("anchor_date").cast(pl.String).alias("anchor"),
                pl.col("window_start").cast(pl.String), (pl.col("window_end") + pl.duration(days=1)).cast(pl.String).alias("window_end"),
            ).sort("row")
            pub_base = alt.Chart(chart_data(pub_data))
            pub_tip = [alt.Tooltip("label:N", title="article"), alt.Tooltip("anchor:N", title="published"), alt.Tooltip("source:N"), alt.Tooltip("evidence:N")]
            layers.insert(0, pub_base.transform_filter(alt.datum.source == "inferred").mark_bar(color="#bbb", opacity=0.35, height=18, clip=True).encode(
                x=alt.X("window_start:T", scale=alt.Scale(domain=brush)), x2=alt.X2("window_end"), y=yenc, tooltip=pub_tip
            ))
            layers.append(pub_base.mark_tick(color="black", thickness=2, size=22, clip=True).encode(
                x=alt.X("anchor:T", scale=alt.Scale(domain=brush)), y=yenc, tooltip=pub_tip
            ))
    main = alt.layer(*layers).properties(width=width, height=height, title=title)
    overview = base.mark_tick(thickness=2).encode(
        x=alt.X("range_start:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0)), color=alt.Color("label:N", scale=scale, legend=None)
    ).add_params(brush).properties(width=width, height=30)
    return alt.vconcat(main, overview).resolve_scale(color="shared")


def events_table(events: pl.DataFrame) -> pl.DataFrame:
    """The events in date order, with the columns a reader checks first."""
    return events.select(
        "range_start", "range_end", "precision", "label", "text", "value", "actors", "sentence", "article_id", "sentence_index"
    ).sort("range_start", "range_end", "label", "sentence_index")


_STYLE = """<style>
.wb-tl {border-collapse:collapse; font-size:12px; width:100%;}
.wb-tl th, .wb-tl td {border:1px solid #ddd; padding:3px 6px; vertical-align:top; text-align:left;}
.wb-tl th {background:#f4f4f4;} .wb-tl td.when {white-space:nowrap;} .wb-tl mark {background:#fff0a0;}
</style>"""


def _when(lo: dt.date | None, hi: dt.date | None) -> str:
    if lo is None:
        return ""
    return lo.isoformat() if hi in (None, lo) else f"{lo.isoformat()} – {hi.isoformat()}"


def events_html(events: pl.DataFrame, *, limit: int = 200) -> str:
    """An HTML table of events in date order, the dated words highlighted in their sentence (escaped)."""
    if events.height == 0:
        return "<p><em>No dated events to show.</em></p>"
    body = []
    for r in events_table(events).head(limit).iter_rows(named=True):
        sentence = r["sentence"] or ""
        i = sentence.find(r["text"])
        shown = (
            html.escape(sentence[:i]) + "<mark>" + html.escape(r["text"]) + "</mark>" + html.escape(sentence[i + len(r["text"]):])
            if i >= 0 else html.escape(sentence)
        )
        body.append(
            f"<tr><td class='when'>{html.escape(_when(r['range_start'], r['range_end']))}</td>"
            f"<td>{html.escape(r['label'] or '')}</td><td>{html.escape(', '.join(r['actors'] or []))}</td><td>{shown}</td></tr>"
        )
    more = f"<p><em>{events.height - limit} more not shown.</em></p>" if events.height > limit else ""
    return _STYLE + "<table class='wb-tl'><tr><th>when</th><th>article</th><th>actors</th><th>sentence</th></tr>" + "".join(body) + "</table>" + more


def unresolved(dates: pl.DataFrame) -> pl.DataFrame:
    """Relative dates that could not be placed — they wait for the article's publication date.

    Counted per article and expression (``wb.extract_dates`` rows of type DATE/TIME with no
    interval, vague references such as "recently" left out: no date would place them).
    """
    return (
        dates.filter(pl.col("type").is_in(["DATE", "TIME"]) & pl.col("range_start").is_null() & ~pl.col("value").str.ends_with("_REF"))
        .group_by("article_id", "text", "value")
        .agg(pl.len().alias("n"))
        .sort("article_id", "text", "value")
    )


def publication_table(publication: pl.DataFrame) -> pl.DataFrame:
    """``wb.publication_dates`` with the columns in reading order."""
    return publication.select("article_id", "published_date", "source", "window_start", "window_end", "anchor_date", "evidence").sort("article_id")


def timeline_explorer(
    corpus: Corpus,
    *,
    published_dates: Mapping[str, dt.date | str | None] | None = None,
    y: str = "article",
    dates: pl.DataFrame | None = None,
) -> widgets.VBox:
    """The timeline with widgets: y axis (article or actor), article and actor filters, and a date
    picker that sets an article's publication date — every relative date of it is re-resolved.

    The dates a researcher sets here live in ``explorer.published_dates`` (a dict): pass it to
    ``wb.timeline(corpus, published_dates=...)`` to reuse them, or write them into ``catalog.csv``.

    ``dates``: ``wb.extract_dates(corpus, published_dates=published_dates)``, if already at hand
    (the notebook's, or the ``dates`` frame of a large run, :func:`workbench.scale.open_frames`):
    the explorer starts from them instead of tagging the corpus again — on 100,000 articles, most
    of the time it takes to open. Setting a date re-tags that one article either way.
    """
    import ipywidgets as widgets
    from IPython.display import HTML, display

    from workbench.temporal import dates_and_years, publication_dates, timeline
    from workbench.temporal.pubdate import years_of_dates

    chosen: dict[str, dt.date | str | None] = dict(published_dates or {})
    state: dict[str, pl.DataFrame] = {}

    def recompute(only: str | None = None, given: pl.DataFrame | None = None) -> None:
        """Everything (from ``given`` dates, if any), or — after a date is set — one article's
        events and row: an article's dates depend on its own publication date only, so the rest is kept."""
        part = corpus if only is None else corpus.subset([only])
        overrides = {k: v for k, v in chosen.items() if only is None or k == only}
        if given is not None:
            found, years = given, years_of_dates(given)
        else:
            found, years = dates_and_years(part, published_dates=overrides)  # one tagging pass for the dates and the years
        events = timeline(part, dates=found)
        pub = publication_dates(part, published_dates=overrides, corpus_years=years).join(part.articles.select("article_id", "label"), on="article_id", how="left")
        if only is not None:
            events = corpus.in_order(pl.concat([state["events"].filter(pl.col("article_id") != only), events]), "start")
            pub = corpus.in_order(pl.concat([state["pub"].filter(pl.col("article_id") != only), pub]))
        state["events"], state["pub"] = events, pub

    recompute(given=dates)
    labels = dict(corpus.articles.select("article_id", "label").iter_rows())
    article_ids = corpus.article_ids
    y_pick = widgets.ToggleButtons(options=[("article", "article"), ("actor", "actor")], value=y, description="y axis")
    # on a large corpus nothing selected stands for every article: ipywidgets checks a selection
    # against the options one by one, and all of 100,000 articles took minutes to select
    few = len(article_ids) <= MAX_ARTICLES
    articles = widgets.SelectMultiple(options=[(labels[a] or a, a) for a in article_ids], value=tuple(article_ids) if few else (),
                                      rows=min(6, max(2, len(article_ids))), description="articles" if few else "articles (none: all)")

    def chosen_ids() -> pl.Expr:
        return pl.col("article_id").is_in(list(articles.value)) if articles.value or few else pl.lit(True)

    def actor_options() -> list[str]:
        names = sorted({n for lst in state["events"]["actors"].to_list() for n in lst})
        return ["(all)", *names]

    actor = widgets.Dropdown(options=actor_options(), value="(all)", description="actor")
    which = widgets.Dropdown(options=[(labels[a] or a, a) for a in article_ids], description="article")
    day = widgets.DatePicker(description="published")
    set_button = widgets.Button(description="Set publication date", button_style="info")
    status = widgets.HTML()
    out = widgets.Output()

    def filtered() -> pl.DataFrame:
        ev = state["events"].filter(chosen_ids())
        if actor.value and actor.value != "(all)":
            ev = ev.filter(pl.col("actors").list.contains(actor.value))
        return ev

    def redraw(*_: object) -> None:
        ev = filtered()
        out.clear_output(wait=True)
        with out:
            if ev.height == 0:
                display(HTML("<p><em>No dated events for this choice. Set a publication date to resolve relative dates.</em></p>"))
                return
            display(timeline_chart(ev, state["pub"].filter(chosen_ids()), y=y_pick.value))
            display(HTML(events_html(ev)))

    def set_date(_: object) -> None:
        if day.value is None:
            status.value = "<span style='color:#a00'>Pick a date first.</span>"
            return
        chosen[which.value] = day.value
        recompute(only=which.value)
        current = actor.value
        actor.options = actor_options()
        actor.value = current if current in actor.options else "(all)"
        status.value = html.escape(f"{labels[which.value] or which.value}: published {day.value.isoformat()} — relative dates re-resolved.")
        redraw()

    for w in (y_pick, articles, actor):
        w.observe(redraw, names="value")
    set_button.on_click(set_date)
    redraw()
    box = widgets.VBox([
        widgets.HBox([y_pick, actor]),
        articles,
        widgets.HBox([which, day, set_button]),
        status,
        out,
    ])
    box.published_dates = chosen  # type: ignore[attr-defined]
    box.state = state  # type: ignore[attr-defined]  # the frames drawn: "events" and "pub"
    return box
