"""The benchmark suite: throughput and peak memory of every stage, with baselines in the same run.

For each corpus size (default 1,000 articles, made by ``benchmarks/generate.py`` from the seeds and
MEANTIME with perturbations): load+normalize, quotes, clusters, denials, dates, timeline and the
whole pipeline — articles/s, MB/s of raw text, and the process's peak RSS after the stage. Two
baselines on the same text: ``ftfy.fix_text`` on every raw article (what normalization is compared
to; and, like for like, ``wb.fix_mojibake_column`` — the repair alone — on clean and on raw text) and dateparser's ``search_dates`` on a sample of sentences (what the dates stage is compared
to); reported as ratios. Then the whole pipeline all in memory and a batch at a time
(``workbench.scale.run_to_parquet``, in one process and on a local Dask cluster), each batched run
in a fresh process so its peak RSS is its own, frames checked equal. Also: ``import workbench``
time and the core count. Printed as a table and
saved as JSON (``benchmarks/results/bench-<N>.json``). Not part of the unit tests; run with
``make bench`` or ``python benchmarks/run.py --sizes 1000,10000``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_time() -> float:
    code = "import time; t=time.perf_counter(); import workbench; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return float(out.stdout.strip() or "nan")


def _batched(folder: Path, out: Path, workers: int, batch_size: int | None) -> dict:
    """``benchmarks/batched.py`` in a fresh process: its peak RSS is the batched run's alone."""
    size = ["--batch-size", str(batch_size)] if batch_size else []
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "batched.py"), str(folder), str(out), "--workers", str(workers),
                           *size], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode:
        raise RuntimeError(f"batched run failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_scale(folder: Path, workers: int, batch_size: int | None = None) -> dict:
    """The whole pipeline (hedges included) three ways on the same folder: all in memory in one
    process (``workbench.scale.run_local``); a batch at a time in one process, frames written as
    Parquet (``run_to_parquet``); and the same on a local Dask cluster of ``workers`` processes. The
    batched runs go in fresh processes, so their peak RSS (and each worker's) is their own; their
    frames must equal the in-memory run's."""
    from workbench.scale import FRAMES, open_frames, run_local

    t0 = time.perf_counter()
    local = run_local(folder)
    local_s = time.perf_counter() - t0
    n = local["articles"].height
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"one process": _batched(folder, Path(tmp) / "one", 0, batch_size)}
        if workers:
            runs[f"dask {workers} workers"] = _batched(folder, Path(tmp) / "dask", workers, batch_size)
        for label, run in runs.items():
            lazy = open_frames(Path(tmp) / ("one" if label == "one process" else "dask"))
            run["frames_equal"] = all(local[f].equals(lazy[f].collect()) for f in FRAMES)
    return {"workers": workers, "articles": n, "local_seconds": round(local_s, 2), "local_articles_per_s": round(n / local_s, 1),
            "local_peak_rss_mb": round(peak_rss_mb(), 1), "batched": runs}


def bench(folder: Path, *, dateparser_sample: int = 200, workers: int = 0) -> dict:
    import workbench as wb
    from workbench.text.mojibake import MAYBE_MOJIBAKE

    os.environ["WORKBENCH_PROGRESS"] = "0"
    stages: dict[str, dict] = {}

    def timed(name, fn, n_articles, mb):
        t0 = time.perf_counter()
        value = fn()
        secs = time.perf_counter() - t0
        stages[name] = {"seconds": round(secs, 3), "articles_per_s": round(n_articles / secs, 1) if secs else None,
                        "mb_per_s": round(mb / secs, 3) if secs else None, "peak_rss_mb": round(peak_rss_mb(), 1)}
        return value

    t_all = time.perf_counter()
    corpus = timed("load+normalize", lambda: wb.load_corpus(folder, warn=False), len(list(folder.iterdir())), 0)
    n = corpus.articles.height
    mb = sum(len(t.encode("utf-8")) for t in corpus.articles["raw_text"].to_list()) / 1e6
    stages["load+normalize"]["articles_per_s"] = round(n / stages["load+normalize"]["seconds"], 1)
    stages["load+normalize"]["mb_per_s"] = round(mb / stages["load+normalize"]["seconds"], 3)
    quotes = timed("quotes", lambda: wb.extract_quotes(corpus), n, mb)
    timed("clusters", lambda: wb.cluster_quotes(quotes), n, mb)
    timed("denials", lambda: wb.extract_denials(corpus, quotes=quotes), n, mb)
    dates = timed("dates", lambda: wb.extract_dates(corpus), n, mb)
    timed("timeline", lambda: wb.timeline(corpus, dates=dates), n, mb)
    total = time.perf_counter() - t_all
    stages["end to end"] = {"seconds": round(total, 3), "articles_per_s": round(n / total, 1), "mb_per_s": round(mb / total, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}

    # baselines on the same text
    import ftfy

    raws = corpus.articles["raw_text"].to_list()
    t0 = time.perf_counter()
    for t in raws:
        ftfy.fix_text(t)
    ftfy_s = time.perf_counter() - t0

    # the repair on its own, like for like with ftfy (which only repairs): wb.fix_mojibake over the
    # column — detection vectorized in polars, the slow path only where mojibake is possible —
    # against ftfy.fix_text on every text; on clean news text (the normalized bodies) and on raw text
    import polars as pl

    repair = {}
    for label, column in (("clean", corpus.articles["text"]), ("raw", corpus.articles["raw_text"])):
        texts = column.to_list()
        t0 = time.perf_counter()
        for t in texts:
            ftfy.fix_text(t)
        f_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        wb.fix_mojibake_column(pl.Series(texts))
        w_s = time.perf_counter() - t0
        repair[label] = {"mb": round(sum(len(t.encode("utf-8")) for t in texts) / 1e6, 2), "ftfy_seconds": round(f_s, 4),
                         "workbench_seconds": round(w_s, 4), "workbench_vs_ftfy": round(f_s / w_s, 1) if w_s else None,
                         "texts_on_slow_path": int(column.str.contains(MAYBE_MOJIBAKE).sum())}
    from dateparser.search import search_dates

    from workbench.temporal import tag

    sentences = corpus.sentences["text"].to_list()[:dateparser_sample]
    t0 = time.perf_counter()
    for s in sentences:
        try:
            search_dates(s, languages=["en"])
        except Exception:  # noqa: BLE001 - the baseline's own failures do not stop the benchmark
            pass
    dp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in sentences:
        tag(s)
    tag_s = time.perf_counter() - t0
    scale = bench_scale(folder, workers)
    return {
        "articles": n, "raw_mb": round(mb, 2), "cores": os.cpu_count(), "import_workbench_s": round(import_time(), 3),
        "stages": stages, "scale": scale,
        "baselines": {
            "ftfy.fix_text": {"seconds": round(ftfy_s, 3), "articles_per_s": round(n / ftfy_s, 1),
                              "normalize_vs_ftfy": round(ftfy_s / stages["load+normalize"]["seconds"], 3)},
            "repair_vs_ftfy": repair,
            "dateparser.search_dates": {"sentences": len(sentences), "seconds": round(dp_s, 3),
                                        "workbench_tagger_seconds": round(tag_s, 3), "tagger_vs_dateparser": round(dp_s / tag_s, 1) if tag_s else None},
        },
    }


def print_table(res: dict) -> None:
    print(f"\n{res['articles']} articles, {res['raw_mb']} MB raw text, {res['cores']} cores; import workbench {res['import_workbench_s']} s")
    print(f"{'stage':16} {'seconds':>9} {'articles/s':>11} {'MB/s':>8} {'peak RSS MB':>12}")
    for name, s in res["stages"].items():
        print(f"{name:16} {s['seconds']:9.2f} {s['articles_per_s'] or 0:11.1f} {s['mb_per_s'] or 0:8.3f} {s['peak_rss_mb']:12.1f}")
    b = res["baselines"]
    print(f"ftfy.fix_text on the same raw text: {b['ftfy.fix_text']['seconds']:.2f} s "
          f"({b['ftfy.fix_text']['articles_per_s']} articles/s); load+normalize / ftfy throughput = {b['ftfy.fix_text']['normalize_vs_ftfy']}x")
    for label, r in b["repair_vs_ftfy"].items():
        print(f"repair alone on {label} text ({r['mb']} MB, {r['texts_on_slow_path']} texts on the slow path): "
              f"wb.fix_mojibake_column {r['workbench_seconds']:.3f} s vs ftfy.fix_text {r['ftfy_seconds']:.3f} s = {r['workbench_vs_ftfy']}x")
    if res.get("scale"):
        sc = res["scale"]
        print(f"whole pipeline incl. hedges, all in memory: {sc['local_seconds']:.1f} s ({sc['local_articles_per_s']} articles/s), "
              f"process peak RSS {sc['local_peak_rss_mb']:.0f} MB")
        for label, r in sc["batched"].items():
            workers = f" + workers {', '.join(f'{w:.0f}' for w in r['worker_peak_rss_mb'])} MB" if r["worker_peak_rss_mb"] else ""
            print(f"  batched ({r['batch_size']} articles), {label}: {r['seconds']:.1f} s ({r['articles_per_s']} articles/s); "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB{workers} = {r['peak_rss_vs_corpus']}x the corpus; frames equal: {r['frames_equal']}")
            print("    phases: " + "; ".join(f"{k} {v:.1f} s" for k, v in r["phases_seconds"].items()))
    d = b["dateparser.search_dates"]
    print(f"dateparser.search_dates on {d['sentences']} sentences: {d['seconds']:.2f} s; workbench tagger {d['workbench_tagger_seconds']:.3f} s "
          f"({d['tagger_vs_dateparser']}x faster)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000", help="comma-separated corpus sizes to generate and run (default 1000)")
    ap.add_argument("--corpus", type=Path, help="benchmark this folder instead of generated corpora")
    ap.add_argument("--workers", type=int, default=2, help="also run the batched pipeline on a local Dask cluster of this many workers (0: skip)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results", help="where to save the JSON results")
    args = ap.parse_args(argv)
    from generate import generate

    args.out.mkdir(parents=True, exist_ok=True)
    targets = [(args.corpus.name, args.corpus)] if args.corpus else []
    tmp = None
    if not args.corpus:
        tmp = tempfile.TemporaryDirectory()
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp.name) / f"bench-{size}"
            generate(size, folder, seed=0)
            targets.append((str(size), folder))
    for label, folder in targets:
        res = bench(folder, workers=args.workers)
        print_table(res)
        (args.out / f"bench-{label}.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
