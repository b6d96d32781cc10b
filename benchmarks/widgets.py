"""How long a widget update takes in each notebook explorer, on a given corpus.

Builds the explorers the notebooks show (articles, quotes, claims, timeline) outside a kernel, then
for every selection widget in them (dropdowns, toggle buttons, …) sets a few other values and times
each assignment — ipywidgets runs the observers synchronously, so that is the work a researcher
waits for between a click and the new view (the browser's own drawing aside). Outputs go through an
IPython shell's display formatters, as in a kernel: a chart's time includes building its spec. Prints the median
and worst update per explorer and saves JSON. Not part of the unit tests:

    python benchmarks/widgets.py seeds                      # the founding corpus
    python benchmarks/widgets.py /tmp/bench10k --tries 3   # a generated corpus (benchmarks/generate.py)
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def _values(widget) -> list:
    """Option values of a selection widget (``options`` may hold labels or (label, value) pairs)."""
    opts = list(getattr(widget, "options", ()) or ())
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in opts]


def time_updates(box, *, tries: int) -> list[dict]:
    out = []
    for w in _walk(box):
        if not hasattr(w, "options") or getattr(w, "disabled", False) or type(w).__name__ == "SelectMultiple":
            continue
        values = [v for v in _values(w) if v != w.value]
        step = max(1, len(values) // tries)
        for v in values[::step][:tries]:
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                w.value = v
            out.append({"widget": f"{type(w).__name__} {getattr(w, 'description', '')!s}".strip(), "ms": (time.perf_counter() - t0) * 1000})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="a folder of articles, or 'seeds'")
    ap.add_argument("--tries", type=int, default=3, help="values tried per widget")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = ap.parse_args(argv)
    os.environ["WORKBENCH_PROGRESS"] = "0"
    # an IPython shell, so that display() formats every output as a kernel does (a chart becomes
    # its validated Vega-Lite spec and HTML); without one it would only print a repr
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    import workbench as wb
    from workbench.views.corpus import article_explorer
    from workbench.views.denials import claim_explorer
    from workbench.views.quotes import quote_explorer
    from workbench.views.timeline import timeline_explorer

    folder = ROOT / "seeds" if args.corpus == "seeds" else Path(args.corpus)
    t0 = time.perf_counter()
    corpus = wb.load_corpus(folder, warn=False)
    quotes = wb.extract_quotes(corpus)
    clusters = wb.cluster_quotes(quotes)
    denials = wb.extract_denials(corpus, quotes=quotes)
    dates = wb.extract_dates(corpus)
    prep = time.perf_counter() - t0
    builders = {
        "articles": lambda: article_explorer(corpus),
        "quotes": lambda: quote_explorer(corpus, quotes=quotes, clusters=clusters),
        "claims": lambda: claim_explorer(corpus, denials=denials),
        "timeline": lambda: timeline_explorer(corpus, dates=dates),  # as the notebook opens it: on its dates
    }
    result = {"corpus": str(folder), "articles": corpus.articles.height, "cores": os.cpu_count(), "frames_seconds": round(prep, 2), "explorers": {}}
    print(f"{corpus.articles.height} articles; frames in {prep:.1f} s")
    print(f"{'explorer':10} {'build s':>8} {'updates':>8} {'median ms':>10} {'worst ms':>9}  worst widget")
    for name, build in builders.items():
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            box = build()
        built = time.perf_counter() - t0
        times = time_updates(box, tries=args.tries)
        worst = max(times, key=lambda t: t["ms"]) if times else {"ms": 0.0, "widget": "-"}
        med = statistics.median(t["ms"] for t in times) if times else 0.0
        result["explorers"][name] = {"build_seconds": round(built, 2), "updates": len(times), "median_ms": round(med, 1),
                                     "worst_ms": round(worst["ms"], 1), "worst_widget": worst["widget"]}
        print(f"{name:10} {built:8.2f} {len(times):8d} {med:10.1f} {worst['ms']:9.1f}  {worst['widget']}")
    args.out.mkdir(parents=True, exist_ok=True)
    label = "seeds" if args.corpus == "seeds" else str(corpus.articles.height)  # as bench-N.json: by size
    (args.out / f"widgets-{label}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
