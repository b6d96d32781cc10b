"""Timelines: dated expressions in every article, resolved against its publication date.

* :func:`extract_dates` — one row per temporal expression (TIMEX3 type and value, the calendar
  interval it covers, the anchor it was resolved against);
* :func:`publication_dates` — each article's publication date and where it came from: the user's
  correction, ``catalog.csv``, a date line under the headline, or a window inferred from the text
  with its evidence;
* :func:`timeline` — events: each dated expression with the sentence it dates and the actors named
  in it, ready to draw.

Every function takes ``published_dates={article_id: date}`` to set or correct publication dates;
everything downstream follows. An article with no known or inferable date keeps its relative
expressions unresolved (``XXXX-02``) rather than guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from typing import TYPE_CHECKING, Mapping, Sequence

import polars as pl

from workbench.gctune import fewer_collections
from workbench.progress import progress
from workbench.temporal.anaphora import LEDE_SENTENCES, link_anaphora
from workbench.temporal.pubdate import publication_dates
from workbench.temporal.tagger import Timex, day_first, tag, value_range

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["extract_dates", "publication_dates", "timeline", "tag", "Timex", "value_range"]

DATE_SCHEMA = {
    "article_id": pl.String, "sentence_index": pl.Int64, "paragraph_index": pl.Int64, "role": pl.String, "text": pl.String,
    "start": pl.Int64, "end": pl.Int64, "raw_start": pl.Int64, "raw_end": pl.Int64, "type": pl.String,
    "value": pl.String, "range_start": pl.Date, "range_end": pl.Date, "precision": pl.String,
    "anchor_date": pl.Date, "is_relative": pl.Boolean, "rule": pl.String, "antecedent_start": pl.Int64,
}


def _precision(value: str, typ: str) -> str | None:
    if typ == "TIME":
        return "time"
    if typ != "DATE":
        return None
    v = value
    if "X" in v or "REF" in v:
        return None
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return "day"
    if "-W" in v:
        return "week"
    if "-Q" in v:
        return "quarter"
    if v[-3:] in ("-SP", "-SU", "-FA", "-WI"):
        return "season"
    if len(v) == 7 and v[4] == "-" and v[:4].isdigit():
        return "month"
    if len(v) == 4 and v.isdigit():
        return "year"
    if len(v) == 3 and v.isdigit():
        return "decade"
    if len(v) == 2 and v.isdigit():
        return "century"
    return None


def extract_dates(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None,
                  corpus_years: Sequence[int] | None = None) -> pl.DataFrame:
    """One row per temporal expression, in article and position order.

    Each sentence is tagged on its own (the tense that resolves "Thursday" is the sentence's);
    ``anchor_date`` is the article's publication date as :func:`publication_dates` gives it. An
    anaphoric expression ("the same day", "the entire year", a time of day with no day of its
    own) takes its date from the article instead — the last date mentioned, its sentence's day or
    the lede's (:mod:`workbench.temporal.anaphora`): ``antecedent_start`` is that mention's
    ``start`` (null for every other row).

    One pass over the sentences does the regex work once: an article with a given date is resolved
    against it at once; an undated one keeps its unanchored tags, which feed the inference (with
    the years every article mentions) — and are its rows if no window is found; only the sentences
    of an article whose window was inferred are tagged again, against it.
    """
    return _extract_dates(corpus, published_dates=published_dates, corpus_years=corpus_years)[0]


def dates_and_years(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None
                    ) -> tuple[pl.DataFrame, list[int]]:
    """:func:`extract_dates` and the years the corpus mentions (what
    :func:`~workbench.temporal.pubdate.mentioned_years` gives), from one tagging pass — for a
    caller that needs both, such as the timeline explorer with :func:`publication_dates`."""
    frame, years, _ = _extract_dates(corpus, published_dates=published_dates, want_years=True)
    return frame, years


def settled_dates(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None
                  ) -> tuple[pl.DataFrame, list[int], list[str]]:
    """:func:`extract_dates` of this corpus when it is one batch of a larger one
    (:mod:`workbench.scale`), the years this batch mentions, and the ids of the articles whose rows
    may depend on the years of the *whole* corpus ("pending"): undated articles whose publication
    date is inferred from a weekday with a date and no year of their own
    (:func:`~workbench.temporal.pubdate.reads_nearby_years`). Their rows here are read with this
    batch's years; the inference reads only the earliest and the latest year, so they stand when
    the corpus's years span the same range, and ``extract_dates(corpus.subset(pending),
    corpus_years=<every batch's years>)`` replaces them when it does not. One tagging pass serves
    the rows and the years."""
    return _extract_dates(corpus, published_dates=published_dates, corpus_years=None, defer=True)


@fewer_collections
def _extract_dates(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None,
                   corpus_years: Sequence[int] | None = None, defer: bool = False,
                   want_years: bool = False) -> tuple[pl.DataFrame, list[int], list[str]]:
    from workbench.temporal.pubdate import absolute_years, deciding_date_lines, given_dates, reads_nearby_years, settle
    from workbench.temporal.tagger import candidate_rows, resolve, resolve_noting_anchor

    body = pl.col("role") == "body"
    sentences = corpus.sentences.select("article_id", "sentence_index", "paragraph_index", "role", "text", "start",
                                        pl.col("text").str.contains(r"\d").alias("has_digit"),
                                        # the lede: the first body sentences, where the story names its day
                                        (body & (pl.col("sentence_index") < pl.col("sentence_index").filter(body).min().over("article_id")
                                                 + LEDE_SENTENCES)).alias("lede"))
    names = sentences.columns
    # the articles' deciding date lines and then the sentences, as one column: the rules' prefilter
    # runs once (only the rows some rule may match are visited: the others give no tag, with an
    # anchor or without); the lines' tags give the publication dates the sentences are read against
    lines = deciding_date_lines(corpus, published_dates)
    at, candidates = candidate_rows(pl.concat([lines, sentences["text"]]))
    n_lines = bisect.bisect_left(at, lines.len())
    line_tags: list[list[Timex]] = [[] for _ in range(lines.len())]
    texts_of_lines = lines.to_list()
    for r in at[:n_lines]:
        line_tags[r] = resolve(texts_of_lines[r], next(candidates))
    at = [r - lines.len() for r in at[n_lines:]]
    pubs = given_dates(corpus, published_dates, line_tags=line_tags)
    need_years = corpus_years is None and (defer or want_years or any(p["source"] is None for p in pubs.values()))
    years: set[int] = set()
    found: list[tuple[dict, list[Timex], list]] = []  # (sentence, its tags, its candidates if undated), in order
    undated: dict[str, list[Timex]] = {}  # article -> unanchored tags of its sentences
    picked = sentences[at] if len(at) < sentences.height else sentences
    rows_in = zip(*(picked.get_column(c).to_list() for c in names))  # tuples: a dict only for kept rows
    for row, cands in progress(zip(rows_in, candidates),
                               total=len(at), enabled=None if corpus.articles.height > 200 else False, what="sentences"):
        aid, text, has_digit = row[0], row[4], row[6]
        pub = pubs[aid]
        if pub["source"] is None:
            free = resolve(text, cands)
            if need_years:
                years.update(absolute_years(free))
            undated.setdefault(aid, []).extend(free)
            if cands:
                found.append((dict(zip(names, row)), free, cands))
            # only sentences that can give rows are kept (a sentence dict per sentence of the
            # corpus was most of this step's memory)
        elif cands:
            tags, asked = resolve_noting_anchor(text, cands, anchor=pub["anchor_date"])
            if need_years and has_digit:  # years come from digits, read from the unanchored tags
                years.update(absolute_years(resolve(text, cands) if asked else tags))
            if tags:
                found.append((dict(zip(names, row)), tags, []))
    waiting = [a for a, p in pubs.items() if p["source"] is None]  # articles without sentences too
    # an undated article whose inference reads the years would read the whole corpus's
    pending = [a for a in waiting if reads_nearby_years(undated.get(a, []))] if defer else []
    if waiting:
        texts = dict(corpus.articles.filter(pl.col("article_id").is_in(waiting)).select("article_id", "text").iter_rows())
        for aid in waiting:
            pubs[aid] = settle(pubs[aid], texts[aid] or "", undated.get(aid, []), sorted(years) if corpus_years is None else corpus_years)
    rows = []
    for aid, group in itertools.groupby(found, key=lambda f: f[0]["article_id"]):
        anchor = pubs[aid]["anchor_date"]
        article = [(s, resolve(s["text"], cands, anchor=anchor) if aid in undated and anchor is not None else tags)
                   for s, tags, cands in group]  # an inferred window: the sentences resolved against it
        # "04/05/2024" read as the article writes its unambiguous slash dates (day first or not)
        article = list(zip([s for s, _ in article], day_first([tags for _, tags in article])))
        # "the same day", a bare "at 18:00 UTC": dated by the article's mentions (not the date line)
        linked = link_anaphora([(s["start"], s["role"] != "dateline", s["lede"], tags) for s, tags in article])
        for (s, _), tags in zip(article, linked):
            for t, antecedent in tags:
                lo, hi = value_range(t.value) if t.type in ("DATE", "TIME") else (None, None)
                rows.append({
                    "article_id": aid, "sentence_index": s["sentence_index"], "paragraph_index": s["paragraph_index"], "role": s["role"],
                    "text": t.text, "start": s["start"] + t.start, "end": s["start"] + t.end, "type": t.type, "value": t.value,
                    "range_start": lo, "range_end": hi, "precision": _precision(t.value, t.type),
                    "anchor_date": anchor if t.is_relative else None, "is_relative": t.is_relative, "rule": t.rule,
                    "antecedent_start": antecedent,
                })
    frame = pl.DataFrame(rows, schema={k: v for k, v in DATE_SCHEMA.items() if k not in ("raw_start", "raw_end")}) if rows else pl.DataFrame(
        schema={k: v for k, v in DATE_SCHEMA.items() if k not in ("raw_start", "raw_end")}
    )
    return corpus.map_offsets(frame).select(list(DATE_SCHEMA)), sorted(years), pending


@fewer_collections
def timeline(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None,
             dates: pl.DataFrame | None = None, corpus_years: Sequence[int] | None = None) -> pl.DataFrame:
    """Events: each resolved DATE/TIME expression with its sentence, the actors in it, and its interval,
    in corpus order (articles as loaded, then text order).

    Columns: those of :func:`extract_dates` plus ``antecedent`` (the words of the mention an
    anaphoric date was dated by: "Friday" for "the same day"), ``label`` (outlet or article id),
    ``sentence`` (the clause's sentence, to read the event) and ``actors`` (people and
    institutions named in the sentence, canonical names). Vague references (PAST_REF, …) and
    durations are left out: they place nothing on a calendar. Pass ``dates`` (from :func:`extract_dates` with the same
    ``published_dates``) to reuse them instead of tagging the corpus again.
    """
    from workbench.claims.actors import find_actors, opener_word, opens_sentence

    dates = extract_dates(corpus, published_dates=published_dates, corpus_years=corpus_years) if dates is None else dates
    # an anaphoric date's antecedent, by its words ("the same day" dated by "Friday")
    mentions = dates.select("article_id", pl.col("start").alias("antecedent_start"), pl.col("text").alias("antecedent"))
    dates = dates.filter(  # the date line is the publication date, drawn as such, not an event
        pl.col("type").is_in(["DATE", "TIME"]) & pl.col("range_start").is_not_null() & (pl.col("role") != "dateline")
    ).join(mentions, on=["article_id", "antecedent_start"], how="left", maintain_order="left")
    sentences = corpus.sentences.select("article_id", "sentence_index", pl.col("text").alias("sentence"))
    out = dates.join(sentences, on=["article_id", "sentence_index"], how="left", maintain_order="left").join(
        corpus.articles.select("article_id", "label"), on="article_id", how="left", maintain_order="left"
    )
    keys = list(zip(out["article_id"].to_list(), out["sentence"].to_list()))
    found = {s: find_actors(s) for s in dict.fromkeys(k[1] for k in keys) if s is not None}  # once per sentence
    # a sentence's first word is capitalized whatever it is: "Stock prices fell" names no Mr Stock
    # unless the article's body writes "Stock" capitalized inside a sentence too
    # (claims.actors.is_sentence_opener), asked once per article and word
    openers = {s: [a for a in actors if opens_sentence(a, s)] for s, actors in found.items()}
    plain = {s: tuple(sorted({a.canonical for a in actors})) for s, actors in found.items()}
    asked = {(aid, opener_word(a)) for aid, s in dict.fromkeys(keys) if s is not None for a in openers[s]}
    names_too = _capitalized_inside(corpus, asked) if asked else set()

    def names(aid: str, sentence: str) -> tuple[str, ...]:
        if not openers[sentence]:
            return plain[sentence]
        return tuple(sorted({a.canonical for a in found[sentence]
                             if not (opens_sentence(a, sentence) and (aid, opener_word(a)) not in names_too)}))

    named = {k: names(*k) for k in dict.fromkeys(keys) if k[1] is not None}
    # a list column made of the distinct lists, gathered by row: polars builds a list column from
    # Python lists slowly, and most rows repeat the actors of another
    lists = {n: i for i, n in enumerate(dict.fromkeys([*named.values(), ()]))}
    distinct = pl.Series("actors", [list(n) for n in lists], dtype=pl.List(pl.String))
    actors = distinct.gather(pl.Series([lists[named[k]] if k[1] is not None else lists[()] for k in keys], dtype=pl.UInt32))
    return corpus.in_order(out.with_columns(actors), "start")


def _capitalized_inside(corpus: Corpus, asked: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (article, word) pairs of ``asked`` the article's body writes capitalized inside a
    sentence (:func:`~workbench.claims.actors.capitalized_inside_sentence`). Plain ``str.find``
    over the texts of the articles asked about: 16 times faster than a regex per pair in polars."""
    from workbench.claims.actors import capitalized_inside_sentence

    ids = pl.Series(sorted({aid for aid, _ in asked}), dtype=pl.String).implode()
    texts = dict(corpus.articles.filter(pl.col("article_id").is_in(ids)).select("article_id", "text").iter_rows())
    body = dict(corpus.paragraphs.filter(pl.col("article_id").is_in(ids) & (pl.col("role") == "body"))
                .group_by("article_id").agg(pl.col("start").min()).iter_rows())
    return {(aid, word) for aid, word in asked if capitalized_inside_sentence(word, texts.get(aid) or "", body.get(aid) or 0)}
