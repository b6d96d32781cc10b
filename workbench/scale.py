"""Past one machine, and past one machine's memory: the pipeline in batches, frames written as Parquet.

:func:`run_to_parquet` runs every stage over a corpus (any source :func:`~workbench.load_corpus`
reads: a folder of articles, a Parquet dataset with one article per row, …) a batch of articles at
a time, and writes each frame as a folder of Parquet parts (``<out>/<frame>/part-00000.parquet``,
one part per batch, in corpus order). Memory holds one batch per process plus the quotes (for the
corpus-wide speaker merge) — not the corpus — so a corpus larger than memory goes through, and
:func:`open_frames` scans the result lazily with polars.

The batches run in this process, or on a Dask distributed cluster (``client=``). Why Dask: the
per-batch stages are plain Python functions, and Dask distributed runs Python functions on a
cluster as they are — locally (``LocalCluster``), on a job queue or on Kubernetes — with no JVM
(Spark) and no actor model to adopt (Ray). No scheduler of our own. At most two batches per
worker are in flight, so the client does not read ahead of the cluster.

The work splits where the workbench's own corpus-wide steps are:

1. the client reads the documents (:class:`~workbench.corpus.Admission`: ids made unique,
   duplicate bytes flagged, the catalog applied) and cuts them into batches;
2. per batch: normalize and split the articles (:func:`~workbench.corpus.build_corpus`), write the
   corpus frames, quotes (spellings not yet merged), denials (with those quotes), hedges, dates
   and timeline (:func:`~workbench.temporal.settled_dates`: one tagging pass gives the rows, the
   years the batch mentions and the articles whose dates may depend on the whole corpus's years);
   return only the speaker counts, the years and those pending articles' ids;
3. on the client: sum the speaker counts, union the years (publication-date inference uses them
   for undated articles that mention no year);
4. per batch: merge its speakers' spellings on the corpus's counts; find the denials again of the
   articles whose speakers that renamed (a denial inside a quotation is its speaker's; in a
   typical batch a few articles, often none), and the dates and timeline of the pending articles
   with the corpus's years — only where those span other years than the batch's (the inference
   reads the earliest and the latest), so in a large corpus seldom — reading the batch's corpus
   frames back only for those;
5. on the client, meanwhile: cluster all the quotes (from four of their columns, which step 4
   leaves alone); then each batch's merged quotes get their clusters' columns.

The frames equal those of the single-machine run (:func:`run_local`: ``load_corpus`` on the same
source and every extractor) — row for row, in the same order. ``tests/test_scale.py`` checks it in
this process and on a two-worker cluster. With a cluster, ``out`` must be a folder the workers can
write (a local cluster's workers share this machine's disk).
"""

from __future__ import annotations

import collections
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import polars as pl

if TYPE_CHECKING:
    from workbench.corpus import Admitted, Corpus

__all__ = ["run_to_parquet", "open_frames", "open_corpus", "run_distributed", "run_local", "local_cluster", "FRAMES"]

#: the frames both runs return
FRAMES = ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "quotes", "clusters",
          "denials", "hedges", "dates", "timeline")
_CORPUS_FRAMES = ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "offsets")
#: articles per batch by default in this process: ~2 MB of news text, a few tens of MB of working memory
BATCH_SIZE = 1000
#: articles per batch by default on a cluster. A batch has fixed costs besides its articles (polars
#: compiles the prefilters' regexes, thirteen Parquet parts are written), and a worker is a process
#: of its own whatever its batches: at 100,000 articles on two local workers, batches of 2,500 took
#: 82 s against 89 s with 1,000, each worker's peak RSS 318 MB against 223 MB
CLUSTER_BATCH_SIZE = 2500


def run_local(source: str | os.PathLike[str]) -> dict[str, pl.DataFrame]:
    """Every frame of the source on this machine, all in memory: ``load_corpus`` and each extractor."""
    import workbench as wb

    corpus = wb.load_corpus(source, warn=False)
    quotes = wb.extract_quotes(corpus)
    dates = wb.extract_dates(corpus)
    frames = {name: getattr(corpus, name) for name in _CORPUS_FRAMES if name != "offsets"}
    frames.update(quotes=quotes, clusters=wb.cluster_quotes(quotes), denials=wb.extract_denials(corpus, quotes=quotes),
                  hedges=wb.hedges(corpus), dates=dates, timeline=wb.timeline(corpus, dates=dates))
    return frames


# -- where the parts go ---------------------------------------------------------------------------


def _part(out: Path, name: str, index: int) -> Path:
    return out / name / f"part-{index:05d}.parquet"


def _write(out: Path, name: str, index: int, frame: pl.DataFrame) -> None:
    path = _part(out, name, index)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(path)


def _parts(out: Path, name: str) -> list[Path]:
    return sorted((Path(out) / name).glob("part-*.parquet"))


def _clear(folder: Path) -> None:
    """Remove a frame folder of an earlier run — only if it holds nothing but Parquet parts, so that
    ``out`` pointed at a folder of the researcher's (the corpus's own ``articles/``) loses nothing."""
    if not folder.exists():
        return
    if not folder.is_dir() or any(not (p.is_file() and p.name.startswith("part-") and p.suffix == ".parquet") for p in folder.iterdir()):
        raise FileExistsError(f"{folder}: exists and is not a frame folder of an earlier run (only part-*.parquet files); "
                              f"nothing was written — choose another output folder")
    shutil.rmtree(folder)


def open_frames(out: str | os.PathLike[str]) -> dict[str, pl.LazyFrame]:
    """The frames :func:`run_to_parquet` wrote to ``out``, as polars LazyFrames over their parts
    (nothing is read until ``.collect()``; filters and column choices are pushed into the reader).
    Parts may differ in metadata columns (a catalog column only some batches have): they are
    concatenated diagonally, missing columns null."""
    frames = {}
    for folder in sorted(p for p in Path(out).iterdir() if p.is_dir() and _parts(out, p.name)):
        scans = [pl.scan_parquet(p) for p in _parts(out, folder.name)]
        frames[folder.name] = scans[0] if len(scans) == 1 else pl.concat(scans, how="diagonal_relaxed")
    if not frames:
        raise FileNotFoundError(f"{out}: no frames written by run_to_parquet here")
    return frames


def open_corpus(out: str | os.PathLike[str], *, articles: Sequence[str] | None = None) -> Corpus:
    """The :class:`~workbench.Corpus` whose frames :func:`run_to_parquet` wrote to ``out`` (all of
    it, or the ``articles`` given) — to open a slice of a large run in the notebooks' explorers."""
    from workbench.corpus import Corpus

    lazy = open_frames(out)
    keep = None if articles is None else pl.Series(list(articles), dtype=pl.String).implode()
    frames = {name: (lazy[name] if keep is None else lazy[name].filter(pl.col("article_id").is_in(keep))).collect()
              for name in _CORPUS_FRAMES}
    return Corpus(**frames)


# -- the work of one batch (in this process or on a worker) -----------------------------------------


def _first_pass(index: int, items: list[Admitted] | bytes, root: str | None, out: str) -> dict[str, Any]:
    from workbench.progress import quiet

    with quiet():  # a bar per stage and batch would only clutter the terminal (a worker's goes there too)
        return _first_pass_quietly(index, items, root, out)


def _first_pass_quietly(index: int, items: list[Admitted] | bytes, root: str | None, out: str) -> dict[str, Any]:
    import workbench as wb
    from workbench.corpus import build_corpus
    from workbench.quotes.extract import extract_quotes, speaker_counts
    from workbench.temporal import settled_dates

    if isinstance(items, bytes):  # a batch sent to a worker as one pickle (see run_to_parquet)
        items = pickle.loads(items)
    where = Path(out)
    corpus = build_corpus(items, root=root)
    for name in _CORPUS_FRAMES:
        _write(where, name, index, getattr(corpus, name))
    _write(where, "hedges", index, wb.hedges(corpus))
    # dates and the timeline, the pending articles' read with this batch's years (the second pass
    # redoes them if the corpus's years span another range)
    dates, years, pending = settled_dates(corpus)
    _write(where, "dates", index, dates)
    _write(where, "timeline", index, wb.timeline(corpus, dates=dates))
    quotes = extract_quotes(corpus, merge=False)  # spellings merged in the second pass
    _write(where, "quotes", index, quotes)
    # denials read the quotes' speakers: those of an article whose speakers the merge renames are
    # found again in the second pass (in a typical batch, a few articles)
    _write(where, "denials", index, wb.extract_denials(corpus, quotes=quotes))
    return {"speakers": speaker_counts(quotes), "years": years, "pending": pending, "articles": corpus.articles.height}


def _second_pass(index: int, out: str, root: str | None, speakers: pl.DataFrame, years: list[int], pending: list[str],
                 batch_years: list[int]) -> int:
    from workbench.progress import quiet

    with quiet():
        return _second_pass_quietly(index, out, root, speakers, years, pending, batch_years)


def _second_pass_quietly(index: int, out: str, root: str | None, speakers: pl.DataFrame, years: list[int], pending: list[str],
                         batch_years: list[int]) -> int:
    import workbench as wb
    from workbench.corpus import Corpus
    from workbench.quotes.extract import merge_speakers
    from workbench.temporal.pubdate import year_span

    where = Path(out)
    unmerged = pl.read_parquet(_part(where, "quotes", index))
    quotes = merge_speakers(unmerged, counts=speakers)
    _write(where, "quotes", index, quotes)
    renamed = (unmerged.filter(pl.col("speaker").ne_missing(quotes.get_column("speaker")))
               .get_column("article_id").unique(maintain_order=True).to_list())
    order = pl.read_parquet(_part(where, "articles", index), columns=["article_id"])
    if year_span(batch_years) == year_span(years):
        pending = []  # the batch's own years gave their rows as the corpus's would
    if not renamed and not pending:
        return order.height
    needed = pl.Series(list(dict.fromkeys([*renamed, *pending])), dtype=pl.String).implode()
    # the corpus frames of those articles only
    corpus = Corpus(**{name: pl.scan_parquet(_part(where, name, index)).filter(pl.col("article_id").is_in(needed)).collect()
                       for name in _CORPUS_FRAMES}, root=root)

    def in_order(frame: pl.DataFrame) -> pl.DataFrame:
        # each article's rows come whole from one pass: a stable sort on the batch's article order merges them
        return frame.join(order.with_row_index("_order"), on="article_id", how="left", maintain_order="left").sort(
            "_order", maintain_order=True).drop("_order")

    if renamed:  # their denials again, with the merged speakers; the other articles' stand
        again = wb.extract_denials(corpus.subset(renamed), quotes=quotes.filter(pl.col("article_id").is_in(renamed)))
        kept = pl.read_parquet(_part(where, "denials", index)).filter(~pl.col("article_id").is_in(renamed))
        _write(where, "denials", index, in_order(pl.concat([kept, again])))
    if pending:  # their rows again, with the corpus's years
        rest = corpus.subset(pending)
        dates = wb.extract_dates(rest, corpus_years=years)
        for name, frame in (("dates", dates), ("timeline", wb.timeline(rest, dates=dates))):
            kept = pl.read_parquet(_part(where, name, index)).filter(~pl.col("article_id").is_in(pl.Series(pending, dtype=pl.String).implode()))
            _write(where, name, index, in_order(pl.concat([kept, frame])))
    return order.height


def _batches(items: Iterable[Admitted], size: int) -> Iterator[list[Admitted]]:
    """Admitted documents cut into lists of ``size`` articles; problem-only items (unreadable files,
    the catalog's problems) ride with the articles before them (with the first batch if none)."""
    batch: list[Any] = []
    articles = 0
    for item in items:
        if item.raw is not None:
            if articles >= size:
                yield batch
                batch, articles = [], 0
            articles += 1
        batch.append(item)
    if batch:
        yield batch


def _ordered(fn: Callable[..., Any], calls: Iterable[tuple], client: Any, window: int) -> Iterator[Any]:
    """``fn(*args)`` for each call, results in call order: here, or on ``client`` with at most
    ``window`` calls in flight (so arguments are not read ahead of the cluster)."""
    if client is None:
        for args in calls:
            yield fn(*args)
        return
    flight: collections.deque = collections.deque()
    for args in calls:
        flight.append(client.submit(fn, *args, pure=False))
        if len(flight) >= window:
            yield flight.popleft().result()
    while flight:
        yield flight.popleft().result()


def run_to_parquet(source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *,
                   client: Any = None, batch_size: int | None = None, catalog: str | os.PathLike[str] | None = None,
                   text_column: str | None = None, progress: bool | None = None,
                   timings: dict[str, float] | None = None, recursive: bool | None = None) -> dict[str, pl.LazyFrame]:
    """Every frame of ``source`` (:data:`FRAMES`, plus ``offsets``), written to ``out`` as Parquet
    parts a batch of ``batch_size`` articles at a time, with ``manifest.json`` (source, version,
    row counts, seconds per phase); returns :func:`open_frames` of ``out``.

    ``client``: a ``dask.distributed.Client`` to run the batches on (default: this process).
    ``batch_size``: articles per batch (default :data:`BATCH_SIZE` here, :data:`CLUSTER_BATCH_SIZE`
    on a cluster).
    ``catalog``, ``text_column``, ``progress``, ``recursive``: as for :func:`~workbench.load_corpus`.
    ``timings``: a dict that receives the seconds each phase took — where a run's time goes (on a
    cluster, the quotes are clustered during the second batches' phase).
    Frames already in ``out`` are replaced. Raises ``ValueError`` if no article could be loaded,
    naming every problem (as ``load_corpus`` does)."""
    from workbench.corpus import Admission
    from workbench.quotes.cluster import CLUSTER_INPUT, cluster_columns

    if batch_size is None:
        batch_size = BATCH_SIZE if client is None else CLUSTER_BATCH_SIZE
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    clock = time.perf_counter()
    phases: dict[str, float] = timings if timings is not None else {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[name] = round(now - clock, 3)
        clock = now

    admission = Admission(source, catalog=catalog, text_column=text_column, progress=progress, recursive=recursive)
    target = Path(out).resolve()  # "a/b/.." must not stop resolving once a/b is cleared
    target.mkdir(parents=True, exist_ok=True)
    for name in dict.fromkeys((*_CORPUS_FRAMES, *FRAMES)):
        _clear(target / name)
    root = str(admission.root) if admission.root else None
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})) if client is not None else 1)
    # to a cluster, each batch goes as one pickled blob: the scheduler unpickles a task's arguments,
    # and a list of articles unpickled (and pickled again) there cost the client process a
    # core-second per 10,000 articles, taken from the workers on a small machine
    calls = ((i, batch if client is None else pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL), root, str(target))
             for i, batch in enumerate(_batches(admission, batch_size)))
    first = list(_ordered(_first_pass, calls, client, window))
    lap("batches: load, quotes, denials, hedges, dates, timeline")
    if not sum(f["articles"] for f in first):
        from workbench.io import Problem

        found = [Problem(**row).message() for p in _parts(target, "problems") for row in pl.read_parquet(p).iter_rows(named=True)]
        raise ValueError(f"{source}: nothing could be loaded: {'; '.join(found) or 'no article files found'}")
    # what the batches need from each other is small: speaker counts (to merge spellings), years
    speakers = pl.concat([f["speakers"] for f in first]).group_by("speaker").agg(pl.col("len").sum())
    years = sorted({y for f in first for y in f["years"]})
    pending = [(f["pending"], f["years"]) for f in first]  # per batch: its pending articles, and the years it read them with
    del first
    lap("corpus-wide: speaker counts, years")
    n = len(_parts(target, "articles"))
    # clustering reads four columns of the quotes, which merging the speakers leaves alone: read
    # now, clustered here while the cluster merges each batch's speakers
    quotes = pl.concat([pl.read_parquet(p, columns=list(CLUSTER_INPUT)) for p in _parts(target, "quotes")])
    if client is not None:  # sent to every worker once, not with each batch through the scheduler
        speakers = client.scatter(speakers, broadcast=True)
    calls2 = [(i, str(target), root, speakers, years, *pending[i]) for i in range(n)]
    if client is None:
        for args in calls2:
            _second_pass(*args)
        lap("batches: speakers merged, renamed speakers’ denials, pending dates")
        added = cluster_columns(quotes)
    else:
        second = [client.submit(_second_pass, *args, pure=False) for args in calls2]  # small arguments: all at once
        added = cluster_columns(quotes)
        for future in second:
            future.result()
        lap("batches: speakers merged, renamed speakers’ denials, pending dates")  # and the clustering
    del quotes
    at = 0
    for i, path in enumerate(_parts(target, "quotes")):  # each batch's merged quotes with their clusters' columns
        merged = pl.read_parquet(path)
        _write(target, "clusters", i, pl.concat([merged, added.slice(at, merged.height)], how="horizontal"))
        at += merged.height
    del added
    lap("corpus-wide: cluster quotes")
    frames = open_frames(target)
    _manifest(target, source, frames, batch_size=batch_size, batches=n, phases=phases)
    return frames


def _manifest(out: Path, source: Any, frames: dict[str, pl.LazyFrame], **run: Any) -> None:
    """``out/manifest.json``: what was run on what — the source, the workbench version, the batches,
    each frame's row count and the seconds each phase took (as ``workbench ingest`` writes one)."""
    import json

    import workbench as wb

    counts = {name: frame.select(pl.len()).collect().item() for name, frame in frames.items()}
    shown = [str(p) for p in source] if isinstance(source, (list, tuple)) else str(source)
    body = {"source": shown, "workbench": wb.__version__, **run, "frames": counts}
    (out / "manifest.json").write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")


#: Dask settings of :func:`local_cluster`: the periodic upkeep that serves a dashboard or a
#: long-lived shared cluster, slowed or off. With a local cluster the scheduler and each worker's
#: nanny live in the client's process, so their timers take CPU from the workers on a small
#: machine: at 100,000 articles on two cores these settings took the client from 12.8 to 8.2 CPU
#: seconds and the run from 77 to 72 s.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # a worker's statistical profiler samples its stack 100 times a second, for the dashboard
    "distributed.worker.profile.enabled": False,
    # every event loop wakes this often to warn when it was blocked (a diagnostic): 20 ms by default
    "distributed.admin.tick.interval": "1s",
    # CPU, memory and network readings for the dashboard (500 ms by default)
    "distributed.admin.system-monitor.interval": "2s",
    # how often a nanny reads its worker's memory to enforce the memory limit (100 ms by default)
    "distributed.worker.memory.monitor-interval": "1s",
    # run_to_parquet hands out at most two batches per worker: nothing to steal, no replicas to trim
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
}


def local_cluster(n_workers: int = 2) -> tuple[Any, Any]:
    """(client, cluster): a Dask ``LocalCluster`` of ``n_workers`` single-threaded worker processes
    and a client of it, for :func:`run_to_parquet` on this machine. Close both when done.

    Dask's upkeep for dashboards and shared clusters is slowed or off
    (:data:`LOCAL_CLUSTER_CONFIG`): the workers' statistical profiler alone was 3–4% of a run's
    time on a two-core machine. Each worker's polars runs one thread (``POLARS_MAX_THREADS=1``,
    unless set already), as Dask gives numerical libraries one thread (``OMP_NUM_THREADS``): one
    process per core is the parallelism, and a pool of a thread per core in every worker would put
    cores × cores threads on the machine. (On two cores the difference is within the run-to-run
    noise; it is on larger machines that the pools multiply.)"""
    import dask
    from dask.distributed import Client, LocalCluster

    env = {"POLARS_MAX_THREADS": os.environ.get("POLARS_MAX_THREADS") or "1"}
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, env=env)
    return Client(cluster), cluster


def run_distributed(dataset: str | os.PathLike[str], *, client: Any = None, n_workers: int = 2, batch_size: int | None = None,
                    timings: dict[str, float] | None = None) -> dict[str, pl.DataFrame]:
    """Every frame of a Parquet dataset (one ``.parquet`` file or a folder of them) computed on a
    Dask cluster (``client``, or a new ``LocalCluster`` of ``n_workers`` processes) by
    :func:`run_to_parquet`, and collected into memory: the frames of :func:`run_local`."""
    path = Path(dataset)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such Parquet file or folder")
    if path.is_dir() and not any(p.suffix.lower() == ".parquet" for p in path.iterdir()):
        raise ValueError(f"{dataset}: no .parquet files")
    phases: dict[str, float] = timings if timings is not None else {}
    t0 = time.perf_counter()
    cluster = None
    active = client
    if active is None:
        active, cluster = local_cluster(n_workers)
    phases["cluster start"] = round(time.perf_counter() - t0, 3)
    try:
        with tempfile.TemporaryDirectory(prefix="workbench-scale-") as tmp:
            lazy = run_to_parquet(path, tmp, client=active, batch_size=batch_size, progress=False, timings=phases)
            return {name: lazy[name].collect() for name in FRAMES}
    finally:
        if cluster is not None:
            active.close()
            cluster.close()
