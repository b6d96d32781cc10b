"""extract_dates / publication_dates / timeline on real corpora: contract, anchors, overrides, offsets."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import polars as pl
import pytest

import workbench as wb
from conftest import MEANTIME, ROOT, SEEDS, seed_id
from helpers import assert_rows_trace_to_raw

DATE_COLUMNS = ["article_id", "sentence_index", "text", "start", "end", "raw_start", "raw_end", "type", "value",
                "range_start", "range_end", "anchor_date", "is_relative"]


def test_extract_dates_contract(seeds):
    dates = wb.extract_dates(seeds)
    assert set(DATE_COLUMNS) <= set(dates.columns)
    assert set(dates["type"].unique()) <= {"DATE", "TIME", "DURATION", "SET"}
    assert dates["range_start"].dtype == pl.Date and dates["anchor_date"].dtype == pl.Date
    assert dates.equals(dates.sort("article_id", "start"))
    assert_rows_trace_to_raw(seeds, dates)


def test_dates_trace_to_raw_on_meantime(meantime):
    dates = wb.extract_dates(meantime)
    assert dates.height > 500
    assert_rows_trace_to_raw(meantime, dates)


def test_seed_002_publication_window_inferred_from_weekday_and_date(seeds):
    pub = wb.publication_dates(seeds).filter(pl.col("article_id") == seed_id("002")).row(0, named=True)
    assert pub["source"] == "inferred" and pub["published_date"] is None
    assert pub["window_start"] == dt.date(2025, 7, 8) and pub["window_end"] == dt.date(2025, 7, 15)
    assert "Tuesday" in pub["evidence"]


def test_weekday_with_a_part_of_day_is_no_calendar_clue():
    """"Friday morning" is tagged XXXX-WXX-5 — ten characters, like XXXX-03-14, but no month and
    day: the inference must skip it (it used to crash the whole dates stage on such an article)."""
    from workbench.temporal.pubdate import infer_window

    text = "Officials met on Friday morning. The talks began in 2025 and resumed on Thursday night."
    assert infer_window(text, nearby_years=[]) is None
    lo, _, why = infer_window("The vote was held on Tuesday, July 8. " + text, nearby_years=[])
    assert lo == dt.date(2025, 7, 8) and "Tuesday" in why


def test_articles_without_any_date_keep_relative_dates_unresolved(seeds):
    pub = wb.publication_dates(seeds)
    unknown = pub.filter(pl.col("source").is_null())["article_id"].to_list()
    assert seed_id("004") in unknown
    dates = wb.extract_dates(seeds).filter((pl.col("article_id") == seed_id("004")) & pl.col("is_relative") & (pl.col("type") == "DATE"))
    assert dates.height > 0
    assert dates["range_start"].null_count() == dates.height  # nothing guessed
    assert dates.filter(pl.col("text") == "February")["value"].to_list() == ["XXXX-02"]


def test_setting_a_publication_date_resolves_everything_downstream(seeds):
    aid = seed_id("004")
    day = dt.date(2025, 7, 18)  # a Friday
    pub = wb.publication_dates(seeds, published_dates={aid: day}).filter(pl.col("article_id") == aid).row(0, named=True)
    assert (pub["source"], pub["published_date"], pub["anchor_date"]) == ("override", day, day)
    dates = wb.extract_dates(seeds, published_dates={aid: "2025-07-18"}).filter(pl.col("article_id") == aid)
    thursday = dates.filter(pl.col("text") == "Thursday").row(0, named=True)
    assert thursday["anchor_date"] == day
    assert dt.date.fromisoformat(thursday["value"]).weekday() == 3
    assert abs((dt.date.fromisoformat(thursday["value"]) - day).days) <= 7
    events = wb.timeline(seeds, published_dates={aid: day}).filter(pl.col("article_id") == aid)
    assert "Thursday" in events["text"].to_list()
    # a different date moves the same expression
    later = wb.extract_dates(seeds, published_dates={aid: dt.date(2025, 8, 1)}).filter((pl.col("article_id") == aid) & (pl.col("text") == "Thursday"))
    assert later["value"][0] != thursday["value"]


def test_override_naming_no_article_is_an_error(seeds):
    with pytest.raises(KeyError, match="no-such-article"):
        wb.publication_dates(seeds, published_dates={"no-such-article": "2025-01-01"})


def test_catalog_date_is_the_anchor(tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    name = next(SEEDS.glob("004_*.txt")).name
    (tmp_path / "catalog.csv").write_text(f"file,outlet,url,published_date\n{name},Outlet,,2025-07-18\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    pub = wb.publication_dates(corpus).filter(pl.col("article_id") == Path(name).stem).row(0, named=True)
    assert (pub["source"], pub["anchor_date"]) == ("catalog", dt.date(2025, 7, 18))


def test_meantime_date_lines_give_publication_dates(meantime):
    pub = wb.publication_dates(meantime)
    assert pub.filter(pl.col("source") == "dateline").height >= 110
    row = pub.filter(pl.col("article_id") == "8951").row(0, named=True)
    assert row["published_date"] == dt.date(2005, 4, 27)


def test_timeline_events(seeds, meantime):
    events = wb.timeline(meantime)
    for col in ("sentence", "label", "actors", "range_start", "range_end"):
        assert col in events.columns
    assert events["role"].to_list().count("dateline") == 0  # the date line is the publication date, not an event
    assert events["range_start"].null_count() == 0
    assert (events["range_end"] >= events["range_start"]).all()
    assert set(events["type"].unique()) <= {"DATE", "TIME"}
    assert events.filter(pl.col("actors").list.len() > 0).height > events.height // 3
    assert_rows_trace_to_raw(meantime, events)
    # every event's sentence contains its expression
    assert all(t in s for t, s in events.select("text", "sentence").iter_rows())


def test_extractors_never_mutate_the_corpus(seeds):
    before = seeds.articles.clone()
    wb.timeline(seeds, published_dates={seed_id("000"): "2025-07-10"})
    assert seeds.articles.equals(before)


def test_evaluation_floors_on_meantime_gold():
    """The figures benchmarks/eval_timex.py prints, with floors just under them (TempEval-3 style)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_timex

    gold, _dct, topic = eval_timex.load_gold()
    system, _seconds, _corpus = eval_timex.run_workbench()
    everything = eval_timex.score(gold, system, sorted(gold))
    held_out = eval_timex.score(gold, system, sorted(d for d in gold if topic[d] not in eval_timex.DEV_TOPICS))
    assert everything["relaxed_f1"] >= 0.90
    # value F1: 0.80 before anaphoric dates ("the same day") took their antecedents', 0.818 before
    # named days ("Black Monday") and aspect words ("ongoing") stopped being dated
    assert everything["value_f1"] >= 0.82
    assert held_out["relaxed_f1"] >= 0.91
    assert held_out["value_f1"] >= 0.84
    assert everything["strict_f1"] >= 0.81


def test_extract_dates_anchors_agree_with_publication_dates(tmp_path):
    """extract_dates settles publication dates in its own single pass over the sentences; the
    anchors it uses must be those wb.publication_dates reports, inferred windows included."""
    (tmp_path / "a.txt").write_text("Talks resume\n\nThe talks resumed on Tuesday, July 8, the ministry said. "
                                    "They had stalled in 2025. A vote will be held on Thursday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Vote delayed\n\nMarch 3, 2025\n\nThe vote was delayed on Monday, officials said.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("No date\n\nThe committee met on Friday morning and again last week.\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    pub = wb.publication_dates(corpus)
    assert dict(pub.select("article_id", "source").iter_rows()) == {"a": "inferred", "b": "dateline", "c": None}
    anchors = dict(pub.select("article_id", "anchor_date").iter_rows())
    dates = wb.extract_dates(corpus).filter(pl.col("is_relative"))
    used = {aid: set(d) for aid, d in dates.group_by("article_id").agg("anchor_date").iter_rows()}
    assert used == {aid: {anchor} for aid, anchor in anchors.items()}
    thursday = dates.filter((pl.col("article_id") == "a") & (pl.col("text") == "Thursday")).row(0, named=True)
    assert thursday["range_start"] == dt.date(2025, 7, 10)  # resolved against the inferred July 8
    assert dates.filter(pl.col("article_id") == "c")["range_start"].null_count() == dates.filter(pl.col("article_id") == "c").height


def test_mentioned_years_read_only_sentences_with_digits_lose_nothing(seeds, meantime):
    """mentioned_years tags only sentences holding a digit (absolute dates are read from digits);
    the years equal those of every sentence's tags."""
    from workbench.temporal.pubdate import absolute_years, article_tags, mentioned_years

    for corpus in (seeds, meantime):
        every = sorted({y for ts in article_tags(corpus).values() for y in absolute_years(ts)})
        assert len(every) >= 2 and mentioned_years(corpus) == every


def test_an_undated_article_without_sentences_does_not_stop_the_dates(tmp_path):
    (tmp_path / "a.txt").write_text("Talks resume\n\nThe talks resumed on Tuesday, July 8, 2025.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("   \n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    dates = wb.extract_dates(corpus)
    assert dates.height > 0 and set(dates["article_id"]) <= set(corpus.article_ids)


def test_settled_dates_and_the_pending_rest_make_extract_dates(seeds, meantime, tmp_path):
    """settled_dates is a batch's extract_dates, and names the articles whose rows read the batch's
    years; their rows again with the corpus's years replace them — the whole corpus's extract_dates.
    Checked on MEANTIME with its date lines removed too, where many articles are undated."""
    import re

    import workbench as wb
    from workbench.temporal import extract_dates, settled_dates
    from workbench.temporal.pubdate import mentioned_years

    def replaced(corpus, settled, pending, years):
        rest = extract_dates(corpus.subset(pending), corpus_years=years)
        return corpus.in_order(pl.concat([settled.filter(~pl.col("article_id").is_in(pending)), rest]))

    undated = tmp_path / "undated"
    undated.mkdir()
    for p in sorted(MEANTIME.glob("*.txt"))[:60]:
        text = p.read_text(encoding="utf-8")
        (undated / p.name).write_text(re.sub(r"(?m)^[A-Z][a-z]+ \d{1,2}, \d{4}\s*$", "", text), encoding="utf-8")
    stripped = wb.load_corpus(undated, warn=False)
    for corpus in (seeds, meantime, stripped):
        settled, years, pending = settled_dates(corpus)
        assert years == mentioned_years(corpus)
        assert settled.equals(extract_dates(corpus))  # the batch is the whole corpus here
        assert replaced(corpus, settled, pending, years).equals(extract_dates(corpus))
    # pending: only an undated article whose inference reads the corpus's years — one naming a
    # weekday with a date and no year ("Tuesday, July 8"); alone, its batch cannot date it
    clue, dated = tmp_path / "clue", tmp_path / "dated"
    (clue / "a.txt").parent.mkdir()
    (clue / "a.txt").write_text("Council votes\n\nThe council met on Tuesday, July 8, and voted on Thursday.\n", encoding="utf-8")
    (clue / "b.txt").write_text("Council plans\n\nThe council met on Thursday and will meet again next week.\n", encoding="utf-8")
    alone = wb.load_corpus(clue, warn=False)
    settled, years, pending = settled_dates(alone)
    assert pending == ["a"] and years == []
    assert settled.filter(pl.col("article_id") == "a")["anchor_date"].drop_nulls().len() == 0  # no window without years
    whole = wb.load_corpus([clue / "a.txt", clue / "b.txt", _write(dated, "c.txt", "Budget\n\nThe budget for 2008 passed.\n")], warn=False)
    rest = extract_dates(whole.subset(["a"]), corpus_years=[2008])
    # Tuesday, July 8 falls in 2008 among the corpus's 2008–2010: the relative dates are read against it
    assert rest.filter(pl.col("is_relative"))["anchor_date"].unique().to_list() == [dt.date(2008, 7, 8)]
    parts = pl.concat([settled.filter(pl.col("article_id") != "a"), rest, settled_dates(whole.subset(["c"]))[0]])
    assert whole.in_order(parts).equals(extract_dates(whole))


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_years_read_off_the_dates_are_the_mentioned_years(seeds, meantime, tmp_path):
    from workbench.temporal.pubdate import mentioned_years, years_of_dates

    undated = tmp_path / "undated"
    undated.mkdir()
    for p in sorted(MEANTIME.glob("*.txt"))[:40]:  # date lines removed: undated articles, unanchored rows
        (undated / p.name).write_text("\n".join(line for line in p.read_text(encoding="utf-8").splitlines()[1:]), encoding="utf-8")
    for corpus in (seeds, meantime, wb.load_corpus(undated, warn=False)):
        years = mentioned_years(corpus)
        assert years and years_of_dates(wb.extract_dates(corpus)) == years


def test_dates_and_years_are_extract_dates_and_mentioned_years(seeds, meantime):
    """The timeline explorer's one pass gives what the two separate passes it replaced gave."""
    from workbench.temporal import dates_and_years, extract_dates
    from workbench.temporal.pubdate import mentioned_years

    for corpus in (seeds, meantime, meantime.subset(meantime.article_ids[:1])):
        frame, years = dates_and_years(corpus)
        assert frame.equals(extract_dates(corpus))
        assert years == mentioned_years(corpus) and years
