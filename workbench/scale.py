"""Past one machine: the pipeline over a Parquet dataset, on Dask's distributed scheduler.

Why Dask: the per-article stages are plain Python functions of a batch of articles, and Dask
distributed runs Python functions on a cluster as they are — locally (``LocalCluster``), on a
job queue or on Kubernetes — with no JVM (Spark) and no actor model to adopt (Ray); its futures
keep each batch's corpus in its worker's memory between the two passes below. No scheduler of
our own.

The dataset is one or more ``.parquet`` files with one article per row (the columns
:mod:`workbench.formats` reads: ``text``/``body``/…, ``id``, metadata; a ``catalog.csv`` next to
them applies as usual). The work splits where the workbench's own corpus-wide steps are:

1. per batch, on the workers: read and normalize the articles into a :class:`~workbench.corpus.Corpus`
   (kept on the worker), extract quotes (spellings not yet merged), hedges, and the years the
   articles mention;
2. on the client: merge speaker spellings over all quotes, flag duplicate articles across
   batches, union the years (publication-date inference uses them), cluster the quotes;
3. per batch, on the workers: denials (with the merged quotes), dates and the timeline (with the
   corpus's years).

The frames equal those of the single-machine run (:func:`run_local`: ``load_corpus`` on the same
folder and every extractor) — row for row, in the same order; ``problems`` holds the same rows
(its order follows the batches). ``tests/test_scale.py`` checks it on a two-worker cluster.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Sequence

import polars as pl

__all__ = ["run_distributed", "run_local", "FRAMES"]

#: the frames both runs return
FRAMES = ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "quotes", "clusters",
          "denials", "hedges", "dates", "timeline")
_CORPUS_FRAMES = ("articles", "sections", "paragraphs", "sentences", "repairs", "problems")


def _files(dataset: str | os.PathLike[str]) -> tuple[list[Path], Path]:
    path = Path(dataset)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".parquet"), path
    if path.is_file():
        return [path], path.parent
    raise FileNotFoundError(f"{path}: no such Parquet file or folder")


def run_local(dataset: str | os.PathLike[str]) -> dict[str, pl.DataFrame]:
    """Every frame of the dataset on this machine: ``load_corpus`` and each extractor."""
    import workbench as wb

    corpus = wb.load_corpus(dataset, warn=False)
    quotes = wb.extract_quotes(corpus)
    dates = wb.extract_dates(corpus)
    frames = {name: getattr(corpus, name) for name in _CORPUS_FRAMES}
    frames.update(quotes=quotes, clusters=wb.cluster_quotes(quotes), denials=wb.extract_denials(corpus, quotes=quotes),
                  hedges=wb.hedges(corpus), dates=dates, timeline=wb.timeline(corpus, dates=dates))
    return frames


# -- the work of one batch (runs on a worker) ----------------------------------------------------


def _load_batch(rows: list[tuple[str, int, dict[str, Any]]], catalog_rows: dict[str, dict], root: str) -> Any:
    from workbench.corpus import corpus_from_articles
    from workbench.formats import table_rows
    from workbench.io import Problem, RawArticle

    raws: list[RawArticle] = []
    problems: list[Problem] = []
    for shown, n, row in rows:
        stem = Path(shown).stem
        for doc in table_rows([(n, row, None)], stem=stem, shown=shown, kind="parquet", encoding="parquet"):
            if isinstance(doc, Problem):
                problems.append(doc)
                continue
            extra = {k: v for k, v in (catalog_rows.get(doc.article_id) or {}).items() if v is not None}
            raws.append(dataclasses.replace(doc, meta={**doc.meta, **extra}))
    corpus = corpus_from_articles(raws, root=root)
    if problems:
        rows_ = pl.DataFrame([dataclasses.asdict(p) for p in problems], schema=corpus.problems.schema)
        corpus = dataclasses.replace(corpus, problems=pl.concat([rows_, corpus.problems]))
    return corpus


def _first_pass(corpus: Any) -> dict[str, Any]:
    import workbench as wb
    from workbench.quotes.extract import extract_quotes
    from workbench.temporal.pubdate import mentioned_years

    out: dict[str, Any] = {name: getattr(corpus, name) for name in _CORPUS_FRAMES}
    out["quotes"] = extract_quotes(corpus, merge=False)
    out["hedges"] = wb.hedges(corpus)
    out["years"] = mentioned_years(corpus)
    return out


def _second_pass(corpus: Any, quotes: pl.DataFrame, years: list[int]) -> dict[str, pl.DataFrame]:
    import workbench as wb

    dates = wb.extract_dates(corpus, corpus_years=years)
    return {
        "denials": wb.extract_denials(corpus, quotes=quotes),
        "dates": dates,
        "timeline": wb.timeline(corpus, dates=dates, corpus_years=years),
    }


# -- the client ---------------------------------------------------------------------------------


def _batches(files: Sequence[Path], size: int) -> list[list[tuple[str, int, dict[str, Any]]]]:
    from workbench.formats import _rows_from_parquet
    from workbench.io import as_text

    rows = [(as_text(str(path)), n, row) for path in files for n, row, _ in _rows_from_parquet(path)]
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _duplicates(articles: pl.DataFrame) -> pl.DataFrame:
    """Problem rows for articles whose bytes appeared before (what ``load_corpus`` reports)."""
    seen: dict[str, str] = {}
    rows = []
    for aid, path, digest, raw in articles.select("article_id", "path", "sha256", "raw_text").iter_rows():
        if digest in seen and raw.strip():
            rows.append({"article_id": aid, "path": path, "problem": "duplicate",
                         "detail": f"same bytes as {seen[digest]} (sha256 {digest[:12]}…); loaded twice"})
        seen.setdefault(digest, path)
    return pl.DataFrame(rows, schema={"article_id": pl.String, "path": pl.String, "problem": pl.String, "detail": pl.String})


def run_distributed(dataset: str | os.PathLike[str], *, client: Any = None, n_workers: int = 2, batch_size: int = 500,
                    timings: dict[str, float] | None = None) -> dict[str, pl.DataFrame]:
    """Every frame of the dataset, computed on a Dask cluster (``client``, or a new
    ``LocalCluster`` of ``n_workers`` processes). See the module docstring for the two passes.
    ``timings``: a dict that receives the seconds each phase took (cluster start, the two passes,
    the client's corpus-wide steps) — where a run's time goes."""
    import time

    clock = time.perf_counter()
    phases: dict[str, float] = timings if timings is not None else {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = round(now - clock, 3)
        clock = now

    from dask.distributed import Client, LocalCluster

    import workbench as wb
    from workbench.io import CATALOG_NAME, read_catalog
    from workbench.quotes.extract import merge_speakers

    files, root = _files(dataset)
    if not files:
        raise ValueError(f"{dataset}: no .parquet files")
    catalog = read_catalog(root / CATALOG_NAME)
    batches = _batches(files, batch_size)
    lap("read batches")
    own = client is None
    cluster = None
    if own:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    lap("cluster start")
    try:
        corpora = [client.submit(_load_batch, batch, catalog.rows, str(root), pure=False) for batch in batches]
        first = client.gather([client.submit(_first_pass, c) for c in corpora])
        lap("workers: load, quotes, hedges, years")
        frames: dict[str, pl.DataFrame] = {}
        for name in _CORPUS_FRAMES + ("hedges",):
            frames[name] = pl.concat([f[name] for f in first], how="diagonal_relaxed")
        schema = frames["problems"].schema
        catalog_problems = pl.DataFrame([dataclasses.asdict(p) for p in catalog.problems], schema=schema)
        frames["problems"] = pl.concat([catalog_problems, frames["problems"], _duplicates(frames["articles"]).cast(schema)])
        quotes = merge_speakers(pl.concat([f["quotes"] for f in first]))
        years = sorted({y for f in first for y in f["years"]})
        per_batch = [quotes.filter(pl.col("article_id").is_in(f["articles"]["article_id"].implode())) for f in first]
        lap("client: merge speakers, duplicates, years")
        second = client.gather([client.submit(_second_pass, c, q, years) for c, q in zip(corpora, per_batch)])
        lap("workers: denials, dates, timeline")
        for name in ("denials", "dates", "timeline"):
            frames[name] = pl.concat([s[name] for s in second])
        frames["quotes"] = quotes
        frames["clusters"] = wb.cluster_quotes(quotes)
        lap("client: cluster quotes")
    finally:
        if own:
            client.close()
            cluster.close()
    lap("cluster stop")
    return {name: frames[name] for name in FRAMES}
