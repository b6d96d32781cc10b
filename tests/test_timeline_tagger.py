"""The TIMEX3 tagger on plain sentences: what must be found, how it resolves, what is not a date."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.temporal import tag, value_range

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
    ],
)
def test_weekdays_resolved_by_tense(text, expected):
    (value,) = [v for _, typ, v in found(text) if typ == "DATE"]
    assert value == expected


def test_months_without_year_take_the_anchor_year_and_tense():
    assert ("February", "DATE", "2025-02") in found("The talks resumed in February.")
    assert ("February", "DATE", "2026-02") in found("The talks will resume in February.")


def test_ago_counts_back_from_the_anchor():
    assert ("two weeks ago", "DATE", "2025-06-26") in found("It began two weeks ago.")
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
