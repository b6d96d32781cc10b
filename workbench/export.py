"""Getting results out: every frame to Parquet/CSV, and a catalog to fill in.

:func:`export_frames` writes the corpus frames and every extractor's frame (what ``workbench
ingest`` writes, from a corpus already loaded); :func:`catalog_template` gives the metadata file a
researcher fills in for their own corpus (``catalog.csv``: ``file``, ``outlet``, ``url``,
``published_date`` — prefilled with what the files themselves say, e.g. a saved page's site name
and date).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import polars as pl

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["export_frames", "catalog_template"]


def export_frames(corpus: Corpus, out: str | os.PathLike[str], *, formats: Sequence[str] = ("parquet", "csv"),
                  stages: Sequence[str] | None = None) -> list[Path]:
    """Write the corpus frames and the extractor frames (``stages``, default all) to ``out``."""
    from workbench.cli import CORPUS_FRAMES, STAGES, write_frames

    frames: dict[str, pl.DataFrame] = {name: getattr(corpus, name) for name in CORPUS_FRAMES}
    for name in stages or STAGES:
        frames[name] = STAGES[name](corpus, frames)
    return write_frames(frames, Path(out), formats)


def catalog_template(corpus: Corpus) -> pl.DataFrame:
    """One row per article file with ``file``, ``outlet``, ``url``, ``published_date`` as known now.

    Write it next to the articles (``template.write_csv(folder / "catalog.csv")``), fill in the
    gaps, and reload: the loader reads it. Rows of .jsonl/.csv files are keyed by article id, files
    in subfolders by their path from the corpus folder (``bbc/001.txt``).
    """
    arts = corpus.articles
    name = pl.col("path").str.replace(r"^.*[/\\\\]", "")
    if "folder" in arts.columns:  # a file in a subfolder is named by its path from the corpus folder
        name = pl.when(pl.col("folder").is_not_null()).then(pl.concat_str(pl.col("folder"), pl.lit("/"), name)).otherwise(name)
    return arts.select(
        pl.when(pl.col("path").str.contains("#")).then(pl.col("article_id")).otherwise(name).alias("file"),
        "outlet", "url", pl.col("published_date").cast(pl.String),
    ).sort("file")
