"""Publication dates: given, read from the article, or inferred from its text — with the evidence.

Relative expressions ("Thursday", "in February", "last week") mean nothing without the date the
article was written, so this is the anchor of every timeline. In order of trust:

1. ``override`` — the researcher's correction (``published_dates={...}``);
2. ``catalog`` — ``published_date`` in the corpus's ``catalog.csv``, else in the file's own
   metadata (a page's date, a table's column, a metadata header);
3. ``dateline`` — a line that is only a date under the headline ("March 01, 2008");
4. ``inferred`` — a weekday named with its date ("Tuesday, July 8") fits only some years: among the
   *nearby years* — from the latest year the article itself mentions (an article is not older than
   the latest year it cites) or, failing that, the years the whole corpus mentions (one story's
   coverage shares an era) — to two years after them, keep the years where the weekday matches.
   One fit places the article on or just after that day (a report names weekdays within the week it
   was written): the window is that day to a week later, and relative dates are resolved against its
   first day, flagged as inferred. The expressions read are the article's sentences' own tags
   (:func:`article_tags`), the ones the timeline lists.

Otherwise the date stays unknown and relative expressions stay unresolved: a wrong anchor would
put every "Thursday" on the wrong day, silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import polars as pl

from workbench.io import parse_date
from workbench.temporal.tagger import Timex, _lex, candidates_column, resolve, tag

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["publication_dates", "infer_window", "reads_nearby_years", "year_span", "mentioned_years", "years_of_dates", "article_tags", "absolute_years", "given_dates", "settle"]

PUBDATE_SCHEMA = {
    "article_id": pl.String, "published_date": pl.Date, "source": pl.String, "window_start": pl.Date,
    "window_end": pl.Date, "anchor_date": pl.Date, "evidence": pl.String,
}

_WEEKDAY_DATE = re.compile(r"^(?P<wd>[A-Z][a-z]+day),?\s")
_MONTH_DAY = re.compile(r"XXXX-(?P<month>\d\d)-(?P<day>\d\d)")  # a day of a month, year unknown (not "XXXX-WXX-5")


def article_tags(corpus: Corpus, article_ids: Iterable[str] | None = None) -> dict[str, list[Timex]]:
    """Each article's expressions without an anchor, sentence by sentence — the same sentences and
    tags :func:`~workbench.temporal.extract_dates` shows (before resolution), so the inference reads
    exactly what the timeline lists. ``article_ids``: only these articles."""
    sentences = corpus.sentences.select("article_id", "text")
    if article_ids is not None:
        sentences = sentences.filter(pl.col("article_id").is_in(list(article_ids)))
    out: dict[str, list[Timex]] = {}
    for (aid, text), found in zip(sentences.iter_rows(), candidates_column(sentences["text"])):
        out.setdefault(aid, []).extend(resolve(text, found))
    return out


def absolute_years(tags: Iterable[Timex]) -> list[int]:
    """The years of absolute dates among ``tags`` ("March 2008", "2007"), in order."""
    years = []
    for t in tags:
        if t.type == "DATE" and not t.is_relative and t.value[:4].isdigit() and len(t.value) >= 4:
            years.append(int(t.value[:4]))
    return years


def _weekday_clues(tags: Iterable[Timex]) -> list[tuple[Timex, str, int, int, int]]:
    """The expressions that name a weekday with a day of a month and no year ("Tuesday, July 8"):
    (tag, the weekday as written, month, day, weekday number) — what the inference reads."""
    clues = []
    for t in tags:
        m = _WEEKDAY_DATE.match(t.text)
        md = _MONTH_DAY.fullmatch(t.value) if m else None
        weekday = _lex().weekdays.get(m.group("wd").lower()) if md else None  # the tagger's own weekday names
        if weekday is not None:
            clues.append((t, m.group("wd"), int(md["month"]), int(md["day"]), weekday))
    return clues


def reads_nearby_years(tags: Sequence[Timex]) -> bool:
    """Would :func:`infer_window` read ``nearby_years`` for an article with these tags? Only when
    the article mentions no year of its own and names a weekday with a date: otherwise its window
    is the same whatever years the corpus mentions (none, without such a clue) — so a batch of a
    larger corpus (:func:`~workbench.temporal.settled_dates`) can settle it by itself."""
    return not absolute_years(tags) and bool(_weekday_clues(tags))


def year_span(years: Sequence[int]) -> tuple[int, int] | None:
    """The earliest and latest of ``years`` (None if there are none): all :func:`infer_window`
    reads of the nearby years — two sets of years with one span infer the same windows."""
    return (min(years), max(years)) if years else None


def infer_window(text: str, *, nearby_years: Sequence[int], tags: Sequence[Timex] | None = None) -> tuple[dt.date, dt.date, str] | None:
    """A publication window from weekday-dated expressions, or None. See the module docstring.

    ``tags``: the article's expressions without an anchor (:func:`article_tags`); by default the
    whole ``text`` is tagged.
    """
    tags = tag(text) if tags is None else tags
    own = absolute_years(tags)
    base = max(own) if own else (min(nearby_years) if nearby_years else None)
    if base is None:
        return None
    hi = (max(own) if own else max(nearby_years)) + 2
    years = range(base, hi + 1)
    fits: set[dt.date] = set()
    clues = []
    for t, written, month, day, weekday in _weekday_clues(tags):
        matching = []
        for y in years:
            try:
                if dt.date(y, month, day).weekday() == weekday:
                    matching.append(dt.date(y, month, day))
            except ValueError:
                continue
        if len(matching) == 1:
            fits.add(matching[0])
            clues.append(f"“{t.text}” is a {written} only in {matching[0].year} among {years.start}–{years.stop - 1}")
    if not fits:
        return None
    start = max(fits)
    source_of_years = "the years it mentions" if own else "the years the corpus mentions"
    return start, start + dt.timedelta(days=7), "; ".join(clues) + f" (nearby years from {source_of_years}); published on or within a week after"


def mentioned_years(corpus: Corpus, *, tags: Mapping[str, Sequence[Timex]] | None = None) -> list[int]:
    """The years the corpus's articles mention as absolute dates, sorted, each once — the
    corpus-wide input of the inference (:mod:`workbench.scale` unions it over partitions).
    ``tags``: :func:`article_tags` of the corpus, if already at hand."""
    if tags is None:
        # every rule that gives an absolute date reads its year (and month, day) from digits, and
        # sentences are tagged one by one: sentences without a digit cannot add a year
        with_digits = corpus.sentences.filter(pl.col("text").str.contains(r"\d"))
        tags = article_tags(dataclasses.replace(corpus, sentences=with_digits))
    return sorted({y for ts in tags.values() for y in absolute_years(ts)})


def years_of_dates(dates: pl.DataFrame) -> list[int]:
    """:func:`mentioned_years` read off rows :func:`~workbench.temporal.extract_dates` gave — the
    years of its absolute dates — for a caller that has the rows already and need not tag the
    corpus again (a test compares the two)."""
    absolute = dates.filter((pl.col("type") == "DATE") & ~pl.col("is_relative") & pl.col("value").str.contains(r"^\d{4}"))
    return absolute.get_column("value").str.slice(0, 4).cast(pl.Int64).unique().sort().to_list()


def _overrides(corpus: Corpus, published_dates: Mapping[str, dt.date | str | None] | None) -> dict[str, dt.date | None]:
    overrides = {k: (v if isinstance(v, dt.date) else parse_date(v)) for k, v in (published_dates or {}).items()}
    unknown = sorted(set(overrides) - set(corpus.article_ids))
    if unknown:
        raise KeyError(f"published_dates names no article in this corpus: {', '.join(unknown)}")
    return overrides


def deciding_date_lines(corpus: Corpus, published_dates: Mapping[str, dt.date | str | None] | None = None) -> pl.Series:
    """Per article, its date line where that line decides the publication date (no override, no
    catalog date), else "": the texts :func:`given_dates` tags — which a caller tagging sentences
    anyway can tag in the same column (one pass of the rules' prefilter instead of two)."""
    overrides = _overrides(corpus, published_dates)
    overridden = pl.Series([k for k, v in overrides.items() if v], dtype=pl.String).implode()
    return corpus.articles.select(
        pl.when(pl.col("published_date").is_null() & ~pl.col("article_id").is_in(overridden)).then(pl.col("date_line")).fill_null("")
    ).to_series()


def given_dates(corpus: Corpus, published_dates: Mapping[str, dt.date | str | None] | None = None, *,
                line_tags: Sequence[Sequence[Timex]] | None = None) -> dict[str, dict]:
    """:func:`publication_dates`' row of each article from what is given — the override, the
    catalog, the date line; ``source`` None where the date must be inferred (:func:`settle`).
    ``line_tags``: the tags of :func:`deciding_date_lines`, article by article, if already at hand."""
    overrides = _overrides(corpus, published_dates)
    rows = {}
    articles = corpus.articles.select("article_id", "published_date", "date_line")
    if line_tags is None:  # the deciding lines tagged as one column (candidates_column), not line by line
        deciding = deciding_date_lines(corpus, published_dates)
        line_tags = [resolve(line, cands) if cands else [] for line, cands in zip(deciding.to_list(), candidates_column(deciding))]
    for a, tags in zip(articles.iter_rows(named=True), line_tags):
        aid = a["article_id"]
        row = {"article_id": aid, "published_date": None, "source": None, "window_start": None, "window_end": None, "anchor_date": None, "evidence": None}
        if overrides.get(aid):
            row.update(published_date=overrides[aid], source="override", evidence="set by the user")
        elif a["published_date"]:
            row.update(published_date=a["published_date"], source="catalog", evidence="catalog.csv or the file's own metadata")
        elif a["date_line"] and (found := [t for t in tags if t.type == "DATE" and not t.is_relative and len(t.value) == 10]):
            row.update(published_date=dt.date.fromisoformat(found[0].value), source="dateline", evidence=f"date line “{a['date_line']}”")
        if row["published_date"] is not None:
            row.update(window_start=row["published_date"], window_end=row["published_date"], anchor_date=row["published_date"])
        rows[aid] = row
    return rows


def settle(row: dict, text: str, tags: Sequence[Timex], corpus_years: Sequence[int]) -> dict:
    """An article's row without a given date: the inferred window, or the reason there is none."""
    got = infer_window(text, nearby_years=list(corpus_years), tags=tags)
    if got:
        lo, hi, why = got
        return {**row, "source": "inferred", "window_start": lo, "window_end": hi, "anchor_date": lo, "evidence": why}
    return {**row, "evidence": "no date given, no date line, nothing in the text fixes the date: relative dates stay unresolved"}


def publication_dates(corpus: Corpus, *, published_dates: Mapping[str, dt.date | str | None] | None = None,
                      corpus_years: Sequence[int] | None = None) -> pl.DataFrame:
    """One row per article: ``published_date``, ``source``, the window and the ``anchor_date`` used.

    ``published_date`` is set only when known (override, catalog, date line); an inferred window
    gives ``window_start``/``window_end`` and an ``anchor_date`` but leaves ``published_date`` null.
    ``corpus_years`` replaces the years the corpus mentions (see :func:`mentioned_years`).
    """
    rows = given_dates(corpus, published_dates)
    undated = [aid for aid, row in rows.items() if row["source"] is None]
    if undated:
        # the undated articles' tags, and the years from the sentences with a digit only (the same
        # years as tagging every article: a test compares) — not every sentence of the corpus
        tags = article_tags(corpus, undated)
        years = mentioned_years(corpus) if corpus_years is None else corpus_years
        texts = dict(corpus.articles.filter(pl.col("article_id").is_in(undated)).select("article_id", "text").iter_rows())
        for aid in undated:
            rows[aid] = settle(rows[aid], texts[aid], tags.get(aid, []), years)
    return pl.DataFrame(list(rows.values()), schema=PUBDATE_SCHEMA)
