"""Saving charts as files without a browser: PNG or SVG through vl-convert.

Every chart the notebooks draw is an altair chart; ``save_chart(chart, "fig.png")`` writes it for
a paper or a slide. vl-convert renders Vega-Lite in-process (no Chromium, no network), so it works
in CI and on a laptop offline alike.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["save_chart", "chart_bytes"]


def chart_bytes(chart: Any, fmt: str = "png", *, scale: float = 2.0) -> bytes:
    """The chart rendered as ``fmt`` ("png" or "svg") bytes."""
    import vl_convert as vlc

    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=scale)
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    raise ValueError(f"unknown chart format {fmt!r}; use 'png' or 'svg'")


def save_chart(chart: Any, path: str | os.PathLike[str], *, scale: float = 2.0) -> Path:
    """Write ``chart`` to ``path``; the suffix (.png or .svg) picks the format. Returns the path."""
    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"{out}: save charts as .png or .svg")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(chart_bytes(chart, fmt, scale=scale))
    return out
