"""The command line: ``python -m workbench`` (or ``workbench``) ingest | report | scale | formats.

``ingest PATH --out DIR`` loads a corpus folder and writes every frame — the corpus frames and the
extractors' (quotes, clusters, speakers, denials, hedges, dates, publication dates, timeline) — as
Parquet and/or CSV, each row with its ``article_id`` and offsets, plus ``manifest.json`` (counts,
versions, the sha256 of every article). ``report PATH --out FILE.html`` runs the notebooks on the
corpus (the path injected as the ``CORPUS`` parameter, charts drawn as static SVG) and writes one
self-contained HTML report. ``scale PATH --out DIR`` runs every stage a batch at a time
(:mod:`workbench.scale`) — for corpora too large to hold in memory, or to spread over a Dask cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import polars as pl

__all__ = ["main", "ingest", "report", "scale_command", "STAGES", "write_frames"]

#: the extractor frames ``ingest`` writes, name -> function of (corpus, frames so far)
STAGES: dict[str, Callable[[object, dict[str, pl.DataFrame]], pl.DataFrame]] = {
    "quotes": lambda c, f: __import__("workbench").extract_quotes(c),
    "clusters": lambda c, f: __import__("workbench").cluster_quotes(f["quotes"]),
    "speakers": lambda c, f: __import__("workbench").speakers(c),
    "denials": lambda c, f: __import__("workbench").extract_denials(c, quotes=f.get("quotes")),
    "hedges": lambda c, f: __import__("workbench").hedges(c),
    "dates": lambda c, f: __import__("workbench").extract_dates(c),
    "publication_dates": lambda c, f: __import__("workbench").publication_dates(c),
    "timeline": lambda c, f: __import__("workbench").timeline(c, dates=f.get("dates")),
}
CORPUS_FRAMES = ("articles", "sections", "paragraphs", "sentences", "repairs", "problems")


def _csv_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV has no lists: list columns become "a; b" strings, nested types JSON."""
    out = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List):
            out.append(pl.col(name).cast(pl.List(pl.String)).list.join("; ").alias(name))
        elif isinstance(dtype, (pl.Struct, pl.Array)):
            out.append(pl.col(name).map_elements(lambda v: json.dumps(v, default=str), return_dtype=pl.String).alias(name))
    return frame.with_columns(out) if out else frame


def write_frames(frames: dict[str, pl.DataFrame], out: Path, formats: Sequence[str]) -> list[Path]:
    """Write each frame as ``<out>/<name>.parquet`` / ``.csv``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        if "parquet" in formats:
            path = out / f"{name}.parquet"
            frame.write_parquet(path)
            written.append(path)
        if "csv" in formats:
            path = out / f"{name}.csv"
            _csv_ready(frame).write_csv(path)
            written.append(path)
    return written


def ingest(source: str, out: str, *, formats: Sequence[str] = ("parquet", "csv"), catalog: str | None = None,
           text_column: str | None = None, cache: bool = False, stages: Sequence[str] | None = None,
           log: Callable[[str], None] = print, recursive: bool | None = None) -> dict:
    """Load ``source`` and write every frame to ``out``; returns the manifest."""
    import workbench as wb

    t0 = time.perf_counter()
    corpus = wb.load_corpus(source, catalog=catalog, text_column=text_column, cache=cache, warn=False, recursive=recursive)
    frames: dict[str, pl.DataFrame] = {name: getattr(corpus, name) for name in CORPUS_FRAMES}
    log(f"loaded {corpus.articles.height} articles from {source} ({corpus.problems.height} problems) in {time.perf_counter() - t0:.1f} s")
    skipped = {}
    for name in stages or STAGES:
        t1 = time.perf_counter()
        try:
            frames[name] = STAGES[name](corpus, frames)
        except (AttributeError, ImportError) as exc:  # a stage this installation does not have
            skipped[name] = f"{type(exc).__name__}: {exc}"
            log(f"skipped {name}: {skipped[name]}")
            continue
        log(f"{name}: {frames[name].height} rows in {time.perf_counter() - t1:.1f} s")
    written = write_frames(frames, Path(out), formats)
    manifest = {
        "source": str(source), "workbench": wb.__version__, "articles": corpus.articles.height,
        "frames": {name: frame.height for name, frame in frames.items()}, "skipped": skipped,
        "files": [p.name for p in written],
        "sha256": dict(corpus.articles.select("article_id", "sha256").iter_rows()),
    }
    (Path(out) / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    log(f"wrote {len(written)} files and manifest.json to {out}")
    return manifest


def _notebooks_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "notebooks"


def _inject_corpus(nb, corpus: str) -> None:
    """Put ``CORPUS = "<path>"`` right after the cell tagged ``parameters`` (papermill's convention)."""
    import nbformat

    cell = nbformat.v4.new_code_cell(f"CORPUS = {corpus!r}  # injected by workbench report")
    cell.metadata["tags"] = ["injected-parameters"]
    for i, c in enumerate(nb.cells):
        if "parameters" in c.get("metadata", {}).get("tags", []):
            nb.cells.insert(i + 1, cell)
            return
    nb.cells.insert(0, cell)


def report(source: str, out: str, *, notebooks: Sequence[str] | None = None, notebooks_dir: str | None = None,
           timeout: int = 900, log: Callable[[str], None] = print) -> Path:
    """Run the notebooks on ``source`` and write one self-contained HTML report to ``out``."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    folder = Path(notebooks_dir) if notebooks_dir else _notebooks_dir()
    paths = sorted(folder.glob("[0-9]*.ipynb"))
    if notebooks:
        paths = [p for p in paths if any(p.stem.startswith(n) or p.name == n for n in notebooks)]
    if not paths:
        raise FileNotFoundError(f"{folder}: no notebooks to run")
    corpus = str(Path(source).resolve())
    combined = nbformat.v4.new_notebook()
    combined.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    combined.cells.append(nbformat.v4.new_markdown_cell(f"# Coverage workbench report\n\nCorpus: `{corpus}`\n\nNotebooks: " + ", ".join(p.stem for p in paths)))
    env_before = {k: os.environ.get(k) for k in ("WORKBENCH_CHARTS", "PYTHONPATH")}
    os.environ["WORKBENCH_CHARTS"] = "svg"
    root = str(Path(__file__).resolve().parent.parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, env_before["PYTHONPATH"]) if p)
    try:
        for path in paths:
            t0 = time.perf_counter()
            nb = nbformat.read(path, as_version=4)
            _inject_corpus(nb, corpus)
            NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
            combined.cells.append(nbformat.v4.new_markdown_cell(f"---\n\n*Notebook `{path.name}`*"))
            combined.cells.extend(nb.cells)
            log(f"ran {path.name} in {time.perf_counter() - t0:.1f} s")
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(combined)
    # self-contained: the report needs no script; drop the template's CDN scripts (MathJax,
    # require.js, mermaid) so that opening it offline loads nothing from the network
    body = re.sub(r"<script\b[^>]*>(?:(?!</script>).)*?cdnjs\.cloudflare\.com(?:(?!</script>).)*?</script>", "", body, flags=re.S)
    body = re.sub(r"<script\b[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", body)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    log(f"wrote {target} ({len(body) // 1024} KB)")
    return target


def scale_command(source: str, out: str, *, workers: int = 2, scheduler: str | None = None, batch_size: int | None = None,
                  catalog: str | None = None, text_column: str | None = None, log: Callable[[str], None] = print,
                  recursive: bool | None = None) -> dict:
    """``workbench scale``: :func:`workbench.scale.run_to_parquet` here or on a Dask cluster; returns the row counts."""
    from workbench.scale import run_to_parquet

    t0 = time.perf_counter()
    client = cluster = None
    if scheduler:
        from dask.distributed import Client

        client = Client(scheduler)
    elif workers > 0:
        from workbench.scale import local_cluster

        client, cluster = local_cluster(workers)
    try:
        phases: dict[str, float] = {}
        run_to_parquet(source, out, client=client, batch_size=batch_size, catalog=catalog, text_column=text_column, timings=phases,
                       recursive=recursive)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    counts = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))["frames"]
    where = f"on {scheduler}" if scheduler else (f"on {workers} local workers" if workers > 0 else "in this process")
    log(f"{counts.get('articles', 0)} articles {where} in {time.perf_counter() - t0:.1f} s "
        f"({', '.join(f'{k} {v:.1f} s' for k, v in phases.items())}); frames in {out}: "
        + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Coverage workbench: compare how news outlets cover one story.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="load a corpus folder and write every frame as Parquet/CSV",
                       description="Load a folder of articles (.txt, .md, .html, .jsonl, .csv; catalog.csv for metadata) and write "
                                   "the corpus frames and every extractor's frame, each row with article_id and offsets.")
    p.add_argument("path", help="a folder of articles (or one article file)")
    p.add_argument("--out", required=True, help="folder to write the frames to (created)")
    p.add_argument("--format", default="parquet,csv", help="comma-separated: parquet, csv (default: both)")
    p.add_argument("--catalog", help="a catalog.csv to use instead of the folder's own")
    p.add_argument("--text-column", help="the text column of .jsonl/.csv articles (default: text, body, content, article, full_text)")
    p.add_argument("--stages", help=f"comma-separated extractor frames to write (default: all: {', '.join(STAGES)})")
    p.add_argument("--cache", action="store_true", help="keep normalized articles in <folder>/.workbench-cache to reopen faster")
    p.add_argument("--recursive", action=argparse.BooleanOptionalAction, default=None,
                   help="read the subfolders' articles too (default: only when the folder has no article file of its own)")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    r = sub.add_parser("report", help="run the notebooks on a corpus and write one HTML report",
                       description="Execute the workbench notebooks with CORPUS set to PATH and write a self-contained HTML report "
                                   "(charts as static SVG).")
    r.add_argument("path", help="a folder of articles")
    r.add_argument("--out", required=True, help="the HTML file to write")
    r.add_argument("--notebooks", help="comma-separated notebook names or number prefixes (default: all), e.g. 01,04")
    r.add_argument("--notebooks-dir", help="where the notebooks are (default: the project's notebooks/ folder)")
    r.add_argument("--timeout", type=int, default=900, help="seconds per notebook cell before giving up (default 900)")
    r.add_argument("--quiet", action="store_true", help="print nothing but errors")
    d = sub.add_parser("scale", help="run the pipeline a batch at a time (in this process or on a Dask cluster), frames to Parquet",
                       description="Run every stage over a corpus (a folder of articles or a Parquet dataset, one article per row) "
                                   "a batch of articles at a time — in this process (--workers 0), on a local Dask cluster of --workers "
                                   "processes, or on the scheduler at --scheduler — and write each frame as a folder of Parquet parts "
                                   "(OUT/<frame>/part-NNNNN.parquet). Memory holds a batch per process, not the corpus.")
    d.add_argument("path", help="a folder of articles, a .parquet file or a folder of them")
    d.add_argument("--out", required=True, help="folder to write the frames to (created)")
    d.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster; 0 runs in this process (default 2)")
    d.add_argument("--scheduler", help="address of a running Dask scheduler (instead of a local cluster); its workers must see --out")
    d.add_argument("--batch-size", type=int, default=None, help="articles per batch (default 1000 in this process, 2500 on a cluster)")
    d.add_argument("--catalog", help="a catalog.csv to use instead of the folder's own")
    d.add_argument("--text-column", help="the text column of table rows (default: text, body, content, article, full_text)")
    d.add_argument("--recursive", action=argparse.BooleanOptionalAction, default=None,
                   help="read the subfolders' articles too (default: only when the folder has no article file of its own)")
    d.add_argument("--quiet", action="store_true", help="print nothing but errors")
    sub.add_parser("formats", help="list the article formats a folder may hold")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log = (lambda _msg: None) if getattr(args, "quiet", False) else (lambda msg: print(msg, file=sys.stderr))
    try:
        if args.command == "ingest":
            formats = [f.strip() for f in args.format.split(",") if f.strip()]
            bad = [f for f in formats if f not in ("parquet", "csv")]
            if bad:
                print(f"workbench ingest: unknown format(s) {', '.join(bad)}; use parquet and/or csv", file=sys.stderr)
                return 2
            stages = [s.strip() for s in args.stages.split(",")] if args.stages else None
            unknown = [s for s in stages or () if s not in STAGES]
            if unknown:
                print(f"workbench ingest: unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}", file=sys.stderr)
                return 2
            ingest(args.path, args.out, formats=formats, catalog=args.catalog, text_column=args.text_column, cache=args.cache, stages=stages, log=log,
                   recursive=args.recursive)
        elif args.command == "report":
            names = [n.strip() for n in args.notebooks.split(",")] if args.notebooks else None
            report(args.path, args.out, notebooks=names, notebooks_dir=args.notebooks_dir, timeout=args.timeout, log=log)
        elif args.command == "scale":
            scale_command(args.path, args.out, workers=args.workers, scheduler=args.scheduler, batch_size=args.batch_size,
                          catalog=args.catalog, text_column=args.text_column, log=log, recursive=args.recursive)
        elif args.command == "formats":
            from workbench.formats import FORMATS

            for suffix, kind in FORMATS.items():
                print(f"{suffix:10} {kind}")
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"workbench {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0
