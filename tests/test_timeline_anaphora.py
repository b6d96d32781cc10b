"""Anaphoric dates take their antecedent's date: "the same day", "the day", a bare time, "the entire year"."""

from __future__ import annotations

import datetime as dt

import polars as pl

import workbench as wb
from workbench.temporal.anaphora import link_anaphora
from workbench.temporal.tagger import tag

SATURDAY = dt.date(2009, 4, 4)


def _link(*sentences: str, anchor: dt.date = SATURDAY, dateline: int | None = None, lede: int = 2):
    """link_anaphora over sentences laid end to end; (text, value, antecedent text) per tag."""
    parts, start = [], 0
    whole = " ".join(sentences)
    for i, s in enumerate(sentences):
        parts.append((start, i != dateline, i < lede, tag(s, anchor=anchor)))
        start += len(s) + 1
    out = []
    for (_start, _m, _l, _tags), linked in zip(parts, link_anaphora(parts)):
        for t, at in linked:
            out.append((t.text, t.value, None if at is None else whole[at:at + 6]))
    return out


def test_the_same_day_is_the_day_mentioned_last():
    got = _link("Stocks rose on Friday.", "On Thursday, a report said jobs were lost; the same day, the Fed met.")
    assert ("the same day", "2009-04-02", "Thursd") in got


def test_the_day_is_the_storys_day_not_a_digression():
    # the story is Monday's; a comparison with Friday does not move "the day"
    got = _link("On Monday, Asian markets fell again.", "Losses were broad.",
                "On Friday, the yen had fallen to a low.", "The index ended the day down 12.7 percent.",
                anchor=dt.date(2008, 10, 27))
    assert ("the day", "2008-10-27", "Monday") in got


def test_the_day_prefers_a_day_of_its_own_sentence():
    got = _link("On Monday, markets fell.", "On Wednesday the index rose, to end the day up 2 percent.",
                anchor=dt.date(2008, 10, 31))
    assert ("the day", "2008-10-29", "Wednes") in got


def test_a_time_of_day_takes_its_sentences_day_on_either_side():
    got = _link("In a press conference at 16:15 UTC, June 1st, the chief executive spoke.", anchor=dt.date(2009, 6, 4))
    assert ("16:15 UTC", "2009-06-01T16:15Z", "June 1") in got
    got = _link("The jet made its first flight Tuesday at 18:00 UTC.", anchor=dt.date(2009, 12, 16))
    assert ("18:00 UTC", "2009-12-15T18:00Z", "Tuesda") in got


def test_a_time_that_names_its_day_is_left_alone():
    got = _link("On Monday, markets fell.", "The vote was held at 3 p.m. yesterday.", anchor=dt.date(2008, 10, 31))
    assert [g for g in got if g[0].startswith("3 p.m.")] == [("3 p.m. yesterday", "2008-10-30T15:00", None)]


def test_that_weekday_is_the_last_day_mentioned_that_is_one():
    # the Budget on 16 March 2009, a Monday; "that Monday" is it, not the Monday before the anchor
    got = _link("The Budget will be delivered on 16 March.", "It will be at 12:30 on that Monday, after questions.")
    (monday,) = [r for r in got if r[0] == "Monday"]
    assert monday[1] == "2009-03-16" and monday[2] is not None  # taken from a mention, not the anchor
    # no day mentioned that is a Monday: the weekday as the tagger dates it
    got = _link("The vote was on 1 April.", "Talks ended on that Monday.")
    assert ("Monday", "2009-03-30", None) in got


def test_the_entire_year_is_the_year_of_the_last_mention():
    got = _link("GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year.", anchor=dt.date(2006, 1, 27))
    assert ("the entire year", "2005", "the fo") in got


def test_the_same_period_last_year_is_the_mentioned_period_a_year_earlier():
    anchor = dt.date(2010, 3, 3)
    got = _link("Ford said its sales rose 43% in February, compared to the same period last year.", anchor=anchor)
    assert ("the same period last year", "2009-02", "Februa") in got
    assert ("the same month a year ago", "2009-01", "Januar") in _link("In January sales fell from the same month a year ago.", anchor=anchor)
    assert ("the same day last year", "2007-02-28", "Feb. 2") in _link("On Feb. 29, 2008 it rose, as on the same day last year.", anchor=anchor)
    # a year alone names no period: "last year" from the anchor, as with no mention at all
    assert ("the same period a year earlier", "2009", None) in _link("In 2007 it fell from the same period a year earlier.", anchor=anchor)
    assert _link("Sales fell from the same period last year.", anchor=anchor) == [("the same period last year", "2009", None)]


def test_deictic_units_and_lone_anaphors_keep_the_anchor():
    # "the past year" points from the publication date; with nothing mentioned, "the same day" is the anchor's
    got = _link("In 2003 sales fell.", "They rose in the previous year.", anchor=dt.date(2006, 1, 27))
    assert ("the previous year", "2005", None) in got
    assert _link("Shares fell 3% on the same day.") == [("the same day", "2009-04-04", None)]


def test_the_date_line_is_no_antecedent():
    # the date line is the anchor; with no day of the story, "the day" stays the anchor's
    got = _link("April 1, 2009", "Markets ended the day lower.", dateline=0)
    assert ("the day", "2009-04-04", None) in got


def test_extract_dates_links_rows_to_their_antecedent(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Stocks log gains\n\nApril 04, 2009\n\nUnited States stock indexes posted gains on Friday, despite a report "
        "released the same day. The index rose 2 percent to end the day at 800.\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    dates = wb.extract_dates(corpus)
    friday = dates.filter(pl.col("text") == "Friday").row(0, named=True)
    linked = dates.filter(pl.col("rule") == "the-day")
    assert linked["text"].to_list() == ["the same day", "the day"]
    assert linked["value"].to_list() == ["2009-04-03", "2009-04-03"]
    assert linked["antecedent_start"].to_list() == [friday["start"], friday["start"]]
    assert dates.filter(pl.col("rule") != "the-day")["antecedent_start"].null_count() == dates.height - 2
    # the timeline draws them on Friday too
    events = wb.timeline(corpus, dates=dates).filter(pl.col("rule") == "the-day")
    assert events["range_start"].to_list() == [dt.date(2009, 4, 3)] * 2


def test_timeline_actors_leave_out_a_sentences_capitalized_first_word(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Stock Markets Fall\n\nApril 04, 2009\n\nStock prices fell on Friday, while Apple shares rose. "
        "Investors sold shares of Ford on Thursday. Analysts said the stock of Apple would recover by May 2009.\n",
        encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    events = wb.timeline(corpus)
    actors = dict(zip(events["text"].to_list(), events["actors"].to_list()))
    assert actors["Friday"] == ["Apple"]  # not "Stock": the body never writes it capitalized inside a sentence
    assert actors["Thursday"] == ["Ford"]  # not "Investors"


def test_a_shift_counts_from_the_last_date_mentioned():
    """"Two days later", "the following day", "a month earlier": moved from the last date the
    article gave, at that date's precision; on their own they stay unknown, not anchored on the
    publication date (later than what?)."""
    got = _link("The mayor met investigators on March 3, 2009.", "Two days later he resigned.",
                "The following day his deputy took office.", "A month earlier, the aide had spoken.")
    assert ("Two days later", "2009-03-05", "March ") in got
    assert ("The following day", "2009-03-06", "Two da") in got
    assert ("A month earlier", "2009-02", "The fo") in got
    assert _link("Two days later he resigned.") == [("Two days later", "XXXX-XX-XX", None)]
    # "after" with an object dates by an event, not by a mention: a duration, as before
    assert ("two days", "P2D", None) in _link("On March 3, 2009 he met them.", "He resigned two days after the vote.")
    assert ("three days", "P3D", None) in _link("It came on March 3, 2009, three days later than planned.")  # a comparison
    # "the day before," with nothing after it is a shift; the weeks and years of a vaguer mention too
    assert ("The day before", "2009-03-02", "March ") in _link("He spoke on March 3, 2009.", "The day before, he denied it.")
    assert ("two years later", "2011", "2009. ") in _link("He was elected in 2009.", "He resigned two years later.")
