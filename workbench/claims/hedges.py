"""Hedges: how firmly each sentence puts a claim — allegedly, reportedly, it is unclear whether …

Markers come from ``workbench/resources/hedges.txt``, in four categories: ``hedge`` (the writer
keeps a distance: allegedly, reportedly, apparently), ``uncertainty`` (not known: it is unclear
whether, if true, unverified), ``attribution`` (put on someone else, weakly: claimed, according to)
and ``confirmation`` (the writer vouches: confirmed, acknowledged). Density per article counts the
first three per 100 words, so outlets can be compared regardless of length.

Trade-off: words, not meaning — "reported" in "Reuters reported" is counted as a hedge like
"reportedly", and an outlet that quotes a hedging source gets the hedge. The marker, its category
and its offsets are all in the output so a researcher can filter what she does not want.

>>> [(h.marker, h.category) for h in find_hedges("He allegedly said it; it is unclear whether he did.")]
[('allegedly', 'hedge'), ('it is unclear', 'uncertainty')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from workbench.claims.lexicon import hedge_lexicon
from workbench.gctune import fewer_collections

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["Hedge", "find_hedges", "hedges", "hedge_density", "HEDGING_CATEGORIES", "HEDGE_SCHEMA", "DENSITY_SCHEMA"]

#: categories that count as hedging in densities and in ``is_hedged``
HEDGING_CATEGORIES = ("hedge", "uncertainty", "attribution")

HEDGE_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "paragraph_index": pl.Int64,
    "marker": pl.String,
    "category": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "raw_start": pl.Int64,
    "raw_end": pl.Int64,
    "sentence": pl.String,
}
DENSITY_SCHEMA = {
    "article_id": pl.String,
    "word_count": pl.Int64,
    "sentences": pl.Int64,
    "hedged_sentences": pl.Int64,
    "hedges": pl.Int64,
    "confirmations": pl.Int64,
    "hedges_per_100_words": pl.Float64,
    "hedged_share": pl.Float64,
}


@dataclass(frozen=True)
class Hedge:
    marker: str
    category: str
    start: int
    end: int


def find_hedges(text: str, *, categories: tuple[bool, ...] | None = None) -> list[Hedge]:
    """Hedge markers in ``text`` with local offsets, in order; overlaps go to the longer marker.
    ``categories``: per lexicon category, whether to look for it (default all) — :func:`hedges`
    skips those the vectorized prefilter rules out."""
    found = []
    for i, (category, pattern) in enumerate(hedge_lexicon().patterns):
        if categories is not None and not categories[i]:
            continue
        for m in pattern.finditer(text):
            found.append(Hedge(m.group(0), category, m.start(), m.end()))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hedge] = []
    for h in found:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept


#: look only in sentences where a category's pattern, widened to a Rust regex, can match (tests
#: set it False to compare with looking everywhere)
PREFILTER = True


@fewer_collections
def hedges(corpus: Corpus) -> pl.DataFrame:
    """One row per hedge marker in the corpus's sentences (schema :data:`HEDGE_SCHEMA`).

    ``start``/``end`` are the marker's offsets into ``text`` (raw ones into ``raw_text``); rows in
    corpus order (articles as loaded, then text order). For one number per article use
    :func:`hedge_density`.

    Which categories can occur in which sentence is first decided over the whole sentence column
    in polars (:mod:`workbench.text.prefilter`); Python's patterns run only there.
    """
    from workbench.text.prefilter import could_match, superset_of

    sentences = corpus.sentences.filter(pl.col("role") != "dateline").select("article_id", "sentence_index", "paragraph_index", "start", "text")
    patterns = [superset_of(p) if PREFILTER else None for _, p in hedge_lexicon().patterns]
    possible = could_match(sentences["text"], patterns)
    if possible:
        hit = possible[0]
        for p in possible[1:]:
            hit = hit | p
        sentences = sentences.filter(hit)
        masks = list(zip(*(p.filter(hit).to_list() for p in possible)))
    else:
        masks = [()] * sentences.height
    rows = []
    for (aid, sentence_index, paragraph_index, start, text), mask in zip(sentences.iter_rows(), masks):
        for h in find_hedges(text or "", categories=mask):
            rows.append((aid, sentence_index, paragraph_index, h.marker, h.category, start + h.start, start + h.end, text))
    schema = {k: v for k, v in HEDGE_SCHEMA.items() if k not in {"raw_start", "raw_end"}}
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return corpus.in_order(corpus.map_offsets(frame).select(list(HEDGE_SCHEMA)), "start")


def hedge_density(corpus: Corpus, *, markers: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per article: hedging markers per 100 words and the share of sentences with one.

    ``markers`` is the frame from :func:`hedges` (computed when not given). Confirmations are counted
    apart. Every article appears, with zeros when it hedges nothing.
    """
    markers = hedges(corpus) if markers is None else markers
    hedging = markers.filter(pl.col("category").is_in(HEDGING_CATEGORIES))
    per_article = hedging.group_by("article_id").agg(
        pl.len().alias("hedges"), pl.col("sentence_index").n_unique().alias("hedged_sentences")
    )
    confirms = markers.filter(pl.col("category") == "confirmation").group_by("article_id").len("confirmations")
    sentences = corpus.sentences.filter(pl.col("role") != "dateline").group_by("article_id").len("sentences")
    frame = (
        corpus.articles.select("article_id", "word_count")
        .join(sentences, on="article_id", how="left")
        .join(per_article, on="article_id", how="left")
        .join(confirms, on="article_id", how="left")
        .with_columns(pl.col("sentences", "hedges", "hedged_sentences", "confirmations").fill_null(0).cast(pl.Int64))
        .with_columns(
            (pl.col("hedges") * 100 / pl.max_horizontal(pl.col("word_count"), 1)).round(3).alias("hedges_per_100_words"),
            (pl.col("hedged_sentences") / pl.max_horizontal(pl.col("sentences"), 1)).round(3).alias("hedged_share"),
        )
    )
    return frame.select(list(DENSITY_SCHEMA)).sort("article_id")
