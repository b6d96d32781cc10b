"""The TIMEX3 tagger on plain sentences: what must be found, how it resolves, what is not a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.temporal import tag, tagger, value_range

THU = dt.date(2025, 7, 10)  # a Thursday


def found(text: str, anchor: dt.date | None = THU) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, anchor=anchor)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It happened on July 8.", ("July 8", "DATE", "2025-07-08")),
        ("A cabinet meeting on Tuesday, July 8, went long.", ("Tuesday, July 8", "DATE", "2025-07-08")),
        ("Talks began in January.", ("January", "DATE", "2025-01")),
        ("The invasion of 2022 changed that.", ("2022", "DATE", "2022")),
        ("He won in November 2024.", ("November 2024", "DATE", "2024-11")),
        ("It was a 2024 event.", ("2024", "DATE", "2024")),
        ("Markets fell last week.", ("last week", "DATE", "2025-W27")),
        ("It has risen over the past week.", ("over the past week", "DURATION", "P1W")),
        ("He gave them another 50 days.", ("another 50 days", "DURATION", "P50D")),
        ("They met in the summer of 2023.", ("the summer of 2023", "DATE", "2023-SU")),
        ("Sales fell last year.", ("last year", "DATE", "2024")),
        ("It was March 01, 2008.", ("March 01, 2008", "DATE", "2008-03-01")),
        ("Prices soared in the 1990s.", ("the 1990s", "DATE", "199")),
        ("The market opens every Sunday.", ("every Sunday", "SET", "XXXX-WXX-7")),
        ("He reports weekly.", ("weekly", "SET", "P1W")),
        ("The process would take between 60 and 90 days.", ("60", "DURATION", "P60D")),
        ("The index ended a four day rally.", ("four day", "DURATION", "P4D")),
        ("Protests erupted days after the vote.", ("days", "DURATION", "PXD")),
        ("It closed at 3 p.m. on the day.", ("3 p.m.", "TIME", "2025-07-10T15:00")),
    ],
)
def test_must_handle(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # past tense: the weekday before the anchor (or the anchor itself)
        ("He said it on Monday.", "2025-07-07"),
        ("She spoke on Thursday.", "2025-07-10"),
        # future tense: the next such weekday
        ("He will meet them on Monday.", "2025-07-14"),
        ("Markets stay closed until Friday.", "2025-07-11"),
        ("The summit is set to open on Wednesday.", "2025-07-16"),
        ("A hearing is set for Friday.", "2025-07-11"),
        ("The verdict is due on Monday.", "2025-07-14"),
        ("A vote is slated for Tuesday.", "2025-07-15"),
        ("The summit is scheduled for Friday.", "2025-07-11"),  # a future marker ending in -ed is no past tense
        # a trailing attribution is the reporting's tense, not the event's
        ("The board will publish the report on Monday, a spokeswoman said.", "2025-07-14"),
        ("The vote will be held on Monday, said the mayor.", "2025-07-14"),
        ("The vote was held on Monday, said the mayor.", "2025-07-07"),
        ("Police arrested him on Monday, officials said.", "2025-07-07"),
    ],
)
def test_weekdays_resolved_by_tense(text, expected):
    (value,) = [v for _, typ, v in found(text) if typ == "DATE"]
    assert value == expected


def test_months_without_year_take_the_anchor_year_and_tense():
    assert ("February", "DATE", "2025-02") in found("The talks resumed in February.")
    assert ("February", "DATE", "2026-02") in found("The talks will resume in February.")


@pytest.mark.parametrize("text, expected", [
    # past tense: the last such day, even when the coming one is nearer (written in July)
    ("On Jan. 5 they met.", ("Jan. 5", "DATE", "2025-01-05")),
    ("On Sept. 12 they met.", ("Sept. 12", "DATE", "2024-09-12")),
    ("The deal was finalized on Sept. 12.", ("Sept. 12", "DATE", "2024-09-12")),
    ("In September they met.", ("September", "DATE", "2024-09")),
    # future, or a modal, or a passive after "be": not the past
    ("They will meet on Jan. 5.", ("Jan. 5", "DATE", "2026-01-05")),
    ("The product will be shipped in September.", ("September", "DATE", "2025-09")),
    ("The deal should be completed in October.", ("October", "DATE", "2025-10")),
    # no tense to go by: the nearest
    ("The talks on Sept. 12 are key.", ("Sept. 12", "DATE", "2025-09-12")),
    # a schedule set in the past tense names days ahead of the setting (written 10 July 2025)
    ("A judge set a trial date for May 6.", ("May 6", "DATE", "2026-05-06")),
    ("She had already set a deadline of noon Aug. 25 for the defendants.", ("Aug. 25", "DATE", "2025-08-25")),
    ("The prosecutor said she wants the trial to start on March 4.", ("March 4", "DATE", "2026-03-04")),
    # an abbreviation's full stop ends no clause: "beginning" still governs the second date
    ("The motion proposed hearings beginning Dec. 11 and a pretrial conference Feb. 20.", ("Feb. 20", "DATE", "2026-02-20")),
])
def test_a_day_or_month_without_year_by_tense(text, expected):
    assert expected in found(text)


def test_a_weekday_of_a_named_week_and_a_modified_relative_year():
    assert ("Monday last week", "DATE", "2025-06-30") in found("They met on Monday last week.")  # not this week's
    assert ("Tuesday of last week", "DATE", "2025-07-01") in found("They met Tuesday of last week.")
    assert ("Friday next week", "DATE", "2025-07-18") in found("They will meet on Friday next week.")
    assert ("late last year", "DATE", "2024") in found("It happened late last year.")  # "late" kept in the expression
    assert found("They met on Monday, last week they left.")[0][0] == "Monday"  # a comma: two expressions


def test_ago_counts_back_from_the_anchor():
    assert ("two weeks ago", "DATE", "2025-06-26") in found("It began two weeks ago.")
    assert ("a fortnight ago", "DATE", "2025-06-26") in found("It began a fortnight ago.")
    assert ("three years ago", "DATE", "2022") in found("It began three years ago.")


@pytest.mark.parametrize(
    "text",
    [
        "He offered $1 billion for it.",
        "They were 100 percent sure.",
        "Support rose 10% overnight.",
        "About 50,000 people marched.",
        "His book “2024” describes the campaign.",
        'The film "1917" won prizes.',
        "Trump said he may return.",
        "They will march on the capital.",
        "Now that the war is over, talks can start.",
        "He scored 2024 points in his career.",
        "Room 1999 was empty.",
        "The 747 landed.",
        "They spring into action.",
        "Prices fall when supply rises.",
    ],
)
def test_not_dates(text):
    dated = [(t.text, t.value) for t in tag(text, anchor=THU) if t.type in ("DATE", "TIME")]
    assert dated == []


@pytest.mark.parametrize("text", [
    "Otis Ferry, the 22 year old son of a rock star, was charged.",  # an age with its hyphens lost
    "Children 10 years old or younger were let in.",
    "A 22-year-old man was arrested.",
    "Adults read worse than 11 year olds.",
])
def test_an_age_is_no_duration(text):
    assert [(t.text, t.value) for t in tag(text, anchor=THU)] == []


@pytest.mark.parametrize("text, dated", [
    ("Lord Falconer told BBC Radio 4's Today programme he hoped for mediation.", []),  # a programme's name
    ("She told USA Today that she would run.", []),
    ("Today, the council meets.", ["Today"]),
    ("The council meets today.", ["today"]),
    ("Markets Rally Today On Hopes Of Rate Cut", ["Today"]),  # a title-case headline
])
def test_today_as_a_name_mid_sentence_is_no_date(text, dated):
    assert [t.text for t in tag(text, anchor=THU)] == dated


@pytest.mark.parametrize("text, dated", [
    ("Mantashe denied bribing Sunday World journalists.", []),  # a paper's name
    ("She told the Sunday Times that she would run.", []),
    ("He left on Monday Morning.", ["Monday Morning"]),  # a time of day
    ("On Monday January 5 he left.", ["Monday January 5"]),
    ("Protests Planned For Sunday Across The Country", ["Sunday"]),  # a title-case headline
    ("Mantashe told the Daily Mail that he had paid nothing.", []),  # a paper, not "every day"
    ("Daily briefings will resume, the minister said.", ["Daily"]),
    ("The report was published in a Mumbai daily on Saturday.", ["Saturday"]),  # a newspaper
    ("The daily briefing resumed.", ["daily"]),
])
def test_a_weekday_that_starts_a_name_is_no_date(text, dated):
    assert [t.text for t in tag(text, anchor=THU)] == dated


@pytest.mark.parametrize("text, value", [
    ("Updated: 16-06-2022 15:17 IST", "2022-06-16"),  # dashes, day first (16 is no month)
    ("filed on 06-16-2022", "2022-06-16"),
    ("filed on 2022/06/16", "2022-06-16"),  # year first with slashes
])
def test_numeric_dates_with_dashes_and_year_first_slashes(text, value):
    assert tag(text, anchor=THU)[0].value == value


def test_numbers_joined_by_dashes_are_no_date():
    assert [t.text for t in tag("a 30-to-60-day process, pages 12-13, a 3-2 win", anchor=THU)] == ["60-day"]


def test_the_name_of_a_day_is_no_relative_weekday():
    """"Black Monday", "Good Friday" name days of their own: not the Monday before the anchor."""
    anchor = dt.date(2007, 10, 20)
    assert tag("since the Black Monday crash", anchor=anchor) == [] and tag("on Good Friday", anchor=anchor) == []
    assert [(t.text, t.value) for t in tag("stocks fell on Monday", anchor=anchor)] == [("Monday", "2007-10-15")]
    assert [t.value for t in tag("Ms Lee met him last Monday", anchor=anchor)] == ["2007-10-15"]


def test_a_month_of_next_or_last_year_is_that_years():
    anchor = dt.date(2009, 5, 15)
    values = lambda text: [(t.text, t.value) for t in tag(text, anchor=anchor)]  # noqa: E731
    assert values("not renewed after October of next year") == [("October", "2010-10"), ("next year", "2010")]
    assert values("sales fell in March last year")[0] == ("March", "2008-03")  # not this March
    assert values("since November of the previous year")[0] == ("November", "2008-11")
    assert values("sales rose in October, this year's figures show")[0] == ("October", "2008-10")  # a comma: apart


def test_without_an_anchor_relative_dates_stay_unresolved():
    got = found("The talks resumed in February and ended on Thursday.", anchor=None)
    assert ("February", "DATE", "XXXX-02") in got
    assert ("Thursday", "DATE", "XXXX-WXX-4") in got
    assert all(t.is_relative for t in tag("in February", anchor=None))


def test_absolute_dates_do_not_need_an_anchor():
    assert found("On July 8, 2025 it rained.", anchor=None) == [("July 8, 2025", "DATE", "2025-07-08")]


def test_offsets_point_at_the_expression():
    text = "Officials said on Tuesday that the deal, signed in March 2024, holds."
    for t in tag(text, anchor=THU):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "value, lo, hi",
    [
        ("2025-07-08", dt.date(2025, 7, 8), dt.date(2025, 7, 8)),
        ("2024-11", dt.date(2024, 11, 1), dt.date(2024, 11, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2025-W28", dt.date(2025, 7, 7), dt.date(2025, 7, 13)),
        ("2025-Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("2025-07-08T15:00", dt.date(2025, 7, 8), dt.date(2025, 7, 8)),
        ("XXXX-02", None, None),
        ("PRESENT_REF", None, None),
        ("P50D", None, None),
    ],
)
def test_value_range(value, lo, hi):
    assert value_range(value) == (lo, hi)


def test_never_raises_on_odd_text():
    for text in ["", " ", "\n\n", "“", "2024-13-45", "99/99/9999", "Feb 30", "February 30, 2024", "0:99 p.m.", "x" * 5000]:
        for t in tag(text, anchor=THU):
            assert text[t.start : t.end] == t.text


# -- the rule gates skip rules, never matches ----------------------------------------------------


def _tag_both_ways(text: str, anchor=None):
    from workbench.temporal import tagger

    try:
        tagger.GATES = False
        every_rule = tagger.tag(text, anchor=anchor)
    finally:
        tagger.GATES = True
    return tagger.tag(text, anchor=anchor), every_rule


def test_gates_change_nothing_on_real_sentences():
    """On every sentence of the seeds and MEANTIME, gated tagging equals running every rule."""
    import datetime as dt

    import workbench as wb
    from conftest import MEANTIME, SEEDS

    texts = wb.load_corpus(SEEDS).sentences["text"].to_list() + wb.load_corpus(MEANTIME, warn=False).sentences["text"].to_list()
    differing = [t for t in texts if len(set(map(tuple, _tag_both_ways(t, anchor=dt.date(2020, 3, 4))))) != 1]
    assert len(texts) > 1000 and differing == []


_TEMPORAL_BITS = [
    "December", "Dec.", "decade", "decades", "Mon", "Thursday", "spring", "Q3", "2024", "'09", "’90s", "1990s", "12/3/09",
    "1200UTC", "GMT", "ago", "latertoday", "Today", "tonight", "noon", "Christmas", "New Year's", "week", "weekend",
    "years-long", "three", "the", "last", "next", "of", "in", "the past", "fiscal", "quarter", "morning", "every", "per",
    "ſ", "K", "İ", "5", "30", "-", "–", ",", ".", " ", "  ", "\n", "a", "an", "day", "days", "month", "for", "over",
]


@given(st.lists(st.sampled_from(_TEMPORAL_BITS), max_size=12).map(" ".join) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_gates_change_nothing_property(text):
    gated, every_rule = _tag_both_ways(text)
    assert gated == every_rule


# -- the column path: rules ruled out by the vectorized prefilter, never matches -----------------


def _column_both_ways(texts: list[str]):
    import polars as pl

    from workbench.temporal import tagger

    fast = [[c[:4] for c in found] for found in tagger.candidates_column(pl.Series(texts))]
    try:
        tagger.GATES = False
        every_rule = [[c[:4] for c in tagger.candidates(t)] for t in texts]
    finally:
        tagger.GATES = True
    return fast, every_rule


def test_column_prefilter_changes_nothing_on_real_sentences():
    """candidates_column (Rust supersets over the column) finds the same candidates as running
    every rule on every sentence of the seeds and MEANTIME; and it does rule most pairs out."""
    import polars as pl

    import workbench as wb
    from conftest import MEANTIME, SEEDS
    from workbench.temporal import tagger
    from workbench.text.prefilter import could_match

    texts = wb.load_corpus(SEEDS).sentences["text"].to_list() + wb.load_corpus(MEANTIME, warn=False).sentences["text"].to_list()
    fast, every_rule = _column_both_ways(texts)
    assert len(texts) > 1000 and sum(map(len, fast)) > 1000 and fast == every_rule
    possible = sum(int(p.sum()) for p in could_match(pl.Series(texts), tagger._supersets()))
    assert None not in tagger._supersets() and possible < 0.2 * len(texts) * len(tagger._supersets())


@given(st.lists(st.lists(st.sampled_from(_TEMPORAL_BITS), max_size=12).map(" ".join) | st.text(max_size=40), min_size=1, max_size=8))
@settings(max_examples=150, deadline=None)
def test_column_prefilter_changes_nothing_property(texts):
    fast, every_rule = _column_both_ways(texts)
    assert fast == every_rule


_CLOCK_TEXT = st.lists(st.sampled_from(["1", "12", "23", "7", "30", "45", "99", ":", ":30", " ", "  ", "am", "a.m.", "PM", "p.m.",
                                        "GMT", "UTC", "today", "yesterday", "at", "x", "-", ",", "2024"]), max_size=12).map("".join)


@given(_CLOCK_TEXT)
@settings(max_examples=300, deadline=None)
def test_clock_lookahead_changes_no_time(text):
    """The clock rule looks ahead for minutes or am/pm, so bare numbers are no candidates at all;
    tagging is what it was when the rule matched every number and _m_clock turned them down."""
    import re
    from unittest import mock

    from workbench.text.prefilter import unguarded

    pats = dict(tagger._patterns())
    lookahead = r"(?=:[0-5]\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b))"
    clock = unguarded(pats["clock"])
    assert lookahead in clock.pattern
    every_number = dict(pats, clock=re.compile(clock.pattern.replace(lookahead, ""), clock.flags))
    anchor = dt.date(2025, 7, 10)
    expected = tagger.tag(text, anchor=anchor)
    tagger._rules_to_run.cache_clear()  # it keeps the patterns' matchers: let it read the patched ones
    try:
        with mock.patch.object(tagger, "_patterns", lambda: every_number):
            assert tagger.tag(text, anchor=anchor) == expected
    finally:
        tagger._rules_to_run.cache_clear()


@pytest.mark.parametrize("text, times", [
    ("At 10:45 GMT yesterday the polls closed; 12 PM; 9am; 7 p.m. today.", ["10:45 GMT yesterday", "12 PM", "9am", "7 p.m. today"]),
    ("He scored 12 3 times in 23 games at 99:30.", []),
])
def test_clock_times_and_bare_numbers(text, times):
    assert [t.text for t in tagger.tag(text, anchor=dt.date(2025, 7, 10)) if t.type == "TIME"] == times


# -- a sentence resolved once when no rule reads the anchor ---------------------------------------


def _noting_anchor_holds(text: str) -> tuple[bool, bool]:
    """(did a rule read the anchor, do the tags differ between two anchors and none)."""
    found = tagger.candidates(text)
    tags, asked = tagger.resolve_noting_anchor(text, found, anchor=dt.date(2025, 7, 10))
    others = [tagger.resolve(text, found, anchor=a) for a in (None, dt.date(1999, 1, 31))]
    return asked, any(o != tags for o in others)


@pytest.mark.parametrize("text, asked", [
    ("The plant closed in March 2008 after the 1990s boom.", False),  # absolute: no anchor read
    ("He left on Thursday, two weeks ago.", True),
    ("The vote is in March.", True),
    ("No date here at all.", False),
])
def test_resolve_notes_whether_the_anchor_was_read(text, asked):
    noted, differ = _noting_anchor_holds(text)
    assert noted is asked
    assert differ is asked  # these relative ones do resolve differently against other anchors


def test_unread_anchor_means_the_same_tags_on_real_sentences():
    """Where no rule read the anchor, resolving against another anchor (or none) gives the same
    tags — what extract_dates relies on to resolve a dated sentence once for its rows and years."""
    import workbench as wb
    from conftest import MEANTIME, SEEDS

    texts = wb.load_corpus(SEEDS).sentences["text"].to_list() + wb.load_corpus(MEANTIME, warn=False).sentences["text"].to_list()
    noted = [_noting_anchor_holds(t) for t in texts]
    assert sum(a for a, _ in noted) > 100 and sum(not a for a, _ in noted) > 100
    assert [t for t, (asked, differ) in zip(texts, noted) if differ and not asked] == []


@given(st.lists(st.sampled_from(_TEMPORAL_BITS), max_size=12).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_unread_anchor_means_the_same_tags_property(text):
    asked, differ = _noting_anchor_holds(text)
    assert asked or not differ


def test_every_rules_column_gate_is_a_necessary_condition_on_real_sentences():
    """A rule's gate (scanned once for every rule sharing it) matches every sentence of the seeds
    and MEANTIME in which the rule's own pattern finds something."""
    import polars as pl

    import workbench as wb
    from conftest import MEANTIME, SEEDS
    from workbench.text.prefilter import fold_case, unguarded

    texts = wb.load_corpus(SEEDS).sentences["text"].to_list() + wb.load_corpus(MEANTIME, warn=False).sentences["text"].to_list()
    folded = fold_case(pl.Series(texts))
    patterns = tagger._patterns()
    checked = 0
    for (name, _fn, _prio), gate in zip(tagger._RULES, tagger._superset_gates()):
        if gate is None:
            continue
        opened = folded.str.contains(gate).to_list()
        matched = [unguarded(patterns[name]).search(t) is not None for t in texts]
        assert not any(m and not o for m, o in zip(matched, opened)), name
        checked += sum(matched)
    assert sum(g is not None for g in tagger._superset_gates()) >= 30 and checked > 1000


@pytest.mark.parametrize("text, value", [
    ("Published 16/04/2024", "2024-04-16"),  # the day first: 16 cannot be a month
    ("On 04/05/2024 he said", "2024-04-05"),  # both could be: the US order, as before
    ("Dated 16.04.2024", "2024-04-16"),  # dots: the day first
    ("2024-04-16T18:30:00Z", "2024-04-16"),  # a timestamp's date
])
def test_numeric_dates(text, value):
    from workbench.temporal.tagger import tag

    assert [t.value for t in tag(text) if t.type == "DATE"] == [value]


def test_numbers_that_are_no_date():
    from workbench.temporal.tagger import tag

    assert not [t for t in tag("on 2024-04-16-x and 31.13.2024 and 45/12/2024") if t.type == "DATE"]


def test_ambiguous_slash_dates_follow_the_articles_own_order(tmp_path):
    """"04/05/2024" is 4 May in an article that also writes "16/04/2024" (only day first can be
    read), 5 April in one that writes "04/16/2024" or nothing unambiguous (the US order)."""
    import workbench as wb
    from workbench.temporal.tagger import day_first, tag

    british = [tag("Published 16/04/2024"), tag("The council met on 04/05/2024.")]
    assert [t.value for s in day_first(british) for t in s] == ["2024-04-16", "2024-05-04"]
    mixed = british + [tag("and on 04/16/2024")]  # both orders: leave it as read
    assert [t.value for s in day_first(mixed) for t in s] == ["2024-04-16", "2024-04-05", "2024-04-16"]
    (tmp_path / "uk.txt").write_text("Vote delayed\n\nPublished 16/04/2024\n\nThe council met on 04/05/2024.\n", encoding="utf-8")
    (tmp_path / "us.txt").write_text("Vote delayed\n\nThe council met on 04/05/2024.\n", encoding="utf-8")
    dates = wb.extract_dates(wb.load_corpus(tmp_path, warn=False))
    got = {(a, t): v for a, t, v in dates.select("article_id", "text", "value").iter_rows()}
    assert got[("uk", "04/05/2024")] == "2024-05-04" and got[("us", "04/05/2024")] == "2024-04-05"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It opened the day before yesterday.", ("the day before yesterday", "DATE", "2025-07-08")),
        ("It opens the day after tomorrow.", ("the day after tomorrow", "DATE", "2025-07-12")),
        # a bare day of the month: this month's, or the one before or after by tense
        ("The strike began on the 5th, officials said.", ("the 5th", "DATE", "2025-07-05")),
        ("The strike began on the 20th.", ("the 20th", "DATE", "2025-06-20")),
        ("The vote will be held on the 5th.", ("the 5th", "DATE", "2025-08-05")),
        ("The vote will be held on the 25th.", ("the 25th", "DATE", "2025-07-25")),
    ],
)
def test_days_counted_from_the_anchor(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", ["He lives on the 5th floor.", "It happened on the 3rd day of the siege.", "She won on the 2nd attempt."])
def test_an_ordinal_that_counts_something_else_is_no_date(text):
    assert not [t for t in found(text) if t[1] == "DATE"]
