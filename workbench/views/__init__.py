"""Views: altair charts and ipywidgets explorers built from the frames.

Views compute nothing an extractor should own; they take frames and return charts, widgets or HTML.
Every piece of article text they render as HTML goes through :func:`html.escape` (an article may
contain ``<script>``; a researcher's notebook must not run it). altair and ipywidgets are imported
inside the view modules only, so ``import workbench`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt
    import polars as pl

__all__ = ["enable_charts", "static_svg", "chart_data", "cap_title", "MAX_ARTICLES"]

#: a chart with a row per article draws at most this many (the ones the chart is about, said in
#: its title): ten thousand rows of bars is no chart, and no browser draws it quickly
MAX_ARTICLES = 40


def chart_data(frame: "pl.DataFrame") -> "alt.InlineData":
    """A frame as a chart's data: one JSON string (Vega-Lite parses it), not a list of row objects.

    altair checks a list of rows against the Vega-Lite schema row by row — seconds for a few
    thousand rows, at every redraw of an explorer — and refuses a data frame of more than 5,000
    rows; a string is checked once. Dates become ISO strings, as altair writes them; the drawing
    is the same (a test compares the SVGs).
    """
    import altair as alt

    return alt.InlineData(values=frame.write_json(), format=alt.DataFormat(type="json"))


def cap_title(title: str, shown: int, total: int, what: str = "articles") -> str:
    """A chart title that says when only some of the rows are drawn."""
    return title if shown >= total else f"{title} — {shown} of {total:,} {what}"


def enable_charts(mode: str = "svg") -> str:
    """Turn on an altair renderer that works offline and return its name.

    ``"svg"``: static, deterministic (what the committed notebooks use, and what nbval checks);
    ``"interactive"``: the anywidget-based ``jupyter`` renderer in offline mode (selections, brushes,
    tooltips; vega is bundled, no CDN). altair's default renderer loads vega from a CDN and shows an
    empty box offline, so the notebooks always call this first. The environment variable
    ``WORKBENCH_CHARTS`` overrides ``mode`` (``workbench report`` sets it to "svg" so that the
    HTML report is self-contained).
    """
    import os

    import altair as alt

    mode = os.environ.get("WORKBENCH_CHARTS", mode)  # a report or a CI run can force static charts
    if mode == "svg":
        alt.renderers.enable("svg")
        return "svg"
    if mode == "interactive":
        alt.renderers.enable("jupyter", offline=True)
        return "jupyter"
    raise ValueError(f"unknown chart mode {mode!r}; use 'svg' or 'interactive'")


def static_svg(chart: object) -> object:
    """A chart as a static SVG display object, whatever renderer is on (no browser: vl-convert).

    For a notebook that turned the interactive renderer on but wants one chart drawn once, small
    and identical on every run (the interactive renderer stores the whole vega bundle per chart).
    """
    import vl_convert as vlc
    from IPython.display import SVG

    return SVG(vlc.vegalite_to_svg(chart.to_dict()))  # type: ignore[attr-defined]
