"""Views: altair charts and ipywidgets explorers built from the frames.

Views compute nothing an extractor should own; they take frames and return charts, widgets or HTML.
Every piece of article text they render as HTML goes through :func:`html.escape` (an article may
contain ``<script>``; a researcher's notebook must not run it). altair and ipywidgets are imported
inside the view modules only, so ``import workbench`` stays light.
"""

from __future__ import annotations

__all__ = ["enable_charts", "static_svg"]


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
