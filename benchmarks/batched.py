"""One batched run (``workbench.scale.run_to_parquet``), alone in its process so that its peak memory
is its own: in this process (``--workers 0``) or on a local Dask cluster. Prints one JSON line:
seconds, phases, articles, raw MB, this process's peak RSS and each worker's. ``benchmarks/run.py``
calls it; run by hand as ``python benchmarks/batched.py CORPUS OUT [--workers N] [--batch-size B]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    """This process's peak RSS: VmHWM, the high-water mark of its own memory map. (``ru_maxrss``
    would do in a process of its own, but Linux carries it across fork and exec: a run started by a
    benchmark already holding 5 GB would report 5 GB.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=None, help="default: run_to_parquet's (1000 here, 2500 on a cluster)")
    args = ap.parse_args(argv)
    os.environ["WORKBENCH_PROGRESS"] = "0"
    import polars as pl

    from workbench.scale import run_to_parquet

    client = cluster = None
    t0 = time.perf_counter()
    if args.workers:
        from workbench.scale import local_cluster

        client, cluster = local_cluster(args.workers)
    rss_after: dict[str, float] = {}

    class Phases(dict):
        """The phases' seconds, noting this process's peak RSS when each phase ends."""

        def __setitem__(self, key: str, value: float) -> None:
            super().__setitem__(key, value)
            rss_after[key] = round(_peak_mb(), 1)

    phases = Phases()
    if client:
        phases["cluster start"] = round(time.perf_counter() - t0, 3)
    frames = run_to_parquet(args.source, args.out, client=client, batch_size=args.batch_size, progress=False, timings=phases)
    seconds = time.perf_counter() - t0
    workers = sorted(client.run(_peak_mb).values()) if client else []
    if client:
        client.close()
        cluster.close()
    articles = frames["articles"].select(pl.len()).collect().item()
    raw_mb = frames["articles"].select(pl.col("raw_text").str.len_bytes().sum()).collect().item() / 1e6
    batch_size = json.loads((Path(args.out) / "manifest.json").read_text(encoding="utf-8"))["batch_size"]
    print(json.dumps({"workers": args.workers, "batch_size": batch_size, "articles": articles, "raw_mb": round(raw_mb, 2),
                      "seconds": round(seconds, 2), "articles_per_s": round(articles / seconds, 1), "phases_seconds": dict(phases), "peak_rss_mb_after_phase": rss_after,
                      "peak_rss_mb": round(_peak_mb(), 1), "worker_peak_rss_mb": [round(w, 1) for w in workers],
                      "total_peak_rss_mb": round(_peak_mb() + sum(workers), 1),
                      "peak_rss_vs_corpus": round((_peak_mb() + sum(workers)) / raw_mb, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
