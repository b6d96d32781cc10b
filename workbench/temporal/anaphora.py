"""Anaphoric dates: "the same day", "the entire year", a bare "at 18:00 UTC" — dated by what the
article mentioned, not by its publication date.

The tagger resolves each sentence on its own against the article's anchor (its publication date),
which is right for deictic expressions ("yesterday", "last year") and wrong for anaphoric ones: in
"Stocks rose on Friday, although a report released the same day said …", published on a Saturday,
"the same day" is Friday, not Saturday. News states the day of its story in the lede and refers
back to it; the rules (after HeidelTime's for news):

* "that Wednesday" (rule ``that-weekday``) — the last day mentioned before it that is a Wednesday
  ("The Budget is on 16 March … at 12:30 on that Wednesday"); with none, the weekday as the tagger
  dated it;
* "the same day", "the same year", "the entire year", "the whole month" (rules ``the-day`` and
  ``the-rel-unit`` with a word of ``timex.toml``'s ``anaphoric``) — the day, or the year, quarter,
  month or week, of the last expression before it that names one;
* "the same period last year", "the same month a year ago" (rule ``same-year-before``) — the
  period of the last expression before it that names a day, week, month or quarter, a year earlier
  ("sales rose in February compared with the same period last year": February of the year before);
* "two days later", "a week earlier", "the following day", "the day before" (rule ``shift``) —
  the last expression before it precise enough, moved by that much ("The talks opened on March 3.
  Two days later …": March 5); with none, the date stays unknown (a shift from nothing);
* "the day" ("to end the day", "earlier in the day"; rule ``the-day``) and a time of day without a
  day of its own ("at 18:00 UTC", "at noon"; rules ``clock``, ``military-time``, ``noon``) — the
  day named in its own sentence, the nearest one if several (either side: "at 16:15 UTC, June
  1st"), else the story's day: the first day the lede names (its first :data:`LEDE_SENTENCES`
  body sentences). Not the last day mentioned: a story about Monday that compares with Friday
  ("On Friday, the yen fell to …") goes on about Monday ("the index ended the day down 12.7%").

With no such mention the tagger's value (from the anchor) stands. The date line is not a mention:
it is the anchor itself. :func:`link_anaphora` is pure: one article's tags in, re-dated tags and
the offset of the mention each took its date from out (``antecedent_start`` in
:func:`~workbench.temporal.extract_dates`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Sequence

from workbench.lexicon import load_toml
from workbench.temporal.tagger import Timex, _add_months, _lex, _unit_value, shift_of

__all__ = ["link_anaphora", "ANAPHORIC_RULES", "LEDE_SENTENCES"]

#: the tagger's rules whose expressions may refer back to a mention (see the module's docstring)
ANAPHORIC_RULES = frozenset({"the-day", "the-rel-unit", "same-year-before", "shift", "clock", "military-time", "noon",
                             "that-weekday"})
_TIME_RULES = frozenset({"clock", "military-time", "noon"})
#: body sentences that make the lede, where a news story names its day
LEDE_SENTENCES = 2
#: a time that names its day ("3 p.m. yesterday") is deictic, not anaphoric
_DAY_WORD = re.compile(r"\b(?:today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})(?!\d)")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"(\d{4})(?![\d])")


@lru_cache(maxsize=1)
def _anaphoric_words() -> frozenset[str]:
    """Words that make "the <word> year/month/…" refer back: ``timex.toml``'s ``anaphoric``."""
    return frozenset(w.lower() for w in load_toml("timex.toml").get("anaphoric", ()))


def _kind(t: Timex) -> str | None:
    """Which antecedent an anaphoric tag needs: "same-day", "day", "time", a unit ("year", "month",
    …), or None (not anaphoric)."""
    if t.rule not in ANAPHORIC_RULES:
        return None
    if t.rule == "the-day":
        return "same-day" if "same" in t.text.lower() else "day"
    if t.rule in _TIME_RULES:
        return None if _DAY_WORD.search(t.text) else "time"
    if t.rule == "same-year-before":
        return "year-before:" + t.text.lower().split()[2]
    if t.rule == "shift":
        return "shift"
    if t.rule == "that-weekday":
        return f"weekday:{_weekday_number(t.text)}"
    if t.rule == "the-rel-unit":
        words = t.text.lower().split()
        if len(words) >= 3 and words[1] in _anaphoric_words():
            return words[-1]
    return None


def _weekday_number(text: str) -> int:
    """Monday 0 … Sunday 6, of the weekday a "that-weekday" tag names."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return next(n for name, n in _lex().weekdays.items() if name in words)


def _day_of(value: str) -> str | None:
    m = _DAY.match(value)
    return m.group(0) if m and (len(value) == 10 or value[10] == "T") else None


def _unit_of(value: str, unit: str) -> str | None:
    """The ``unit`` ("year", "quarter", "month", "week") that a mention's value lies in, or None
    when the value is coarser than the unit or not a calendar value."""
    day = _day_of(value)
    if day is not None:
        d = dt.date.fromisoformat(day)
        return {"year": f"{d.year}", "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}", "month": day[:7],
                "week": "{}-W{:02d}".format(*d.isocalendar()[:2])}.get(unit)
    if (m := _MONTH.match(value)) and unit in ("year", "quarter", "month"):
        month = int(m.group(2))
        return {"year": m.group(1), "quarter": f"{m.group(1)}-Q{(month - 1) // 3 + 1}", "month": m.group(0)}[unit]
    if (m := _QUARTER.match(value)) and unit in ("year", "quarter"):
        return m.group(1) if unit == "year" else m.group(0)
    if (m := _YEAR.match(value)) and unit == "year":
        return m.group(1)
    return None


_WEEK = re.compile(r"\d{4}-W\d\d")


def _own_period(value: str) -> str | None:
    """The day, week, month or quarter a mention's value names exactly (None: a year, a vague value)."""
    day = _day_of(value)
    if day is not None:
        return day
    return value if _WEEK.fullmatch(value) or _MONTH.fullmatch(value) or _QUARTER.fullmatch(value) else None


def _year_before(value: str, word: str) -> str | None:
    """What "the same ``word`` last year" dates by the mention ``value``: the period the mention
    names ("period", "time") or its ``word`` (day, week, month, quarter), a year earlier; None when
    the mention is not that precise (a year alone)."""
    got = _own_period(value) if word in ("period", "time") else _day_of(value) if word == "day" else _unit_of(value, word)
    if got is None:
        return None
    if len(got) == 10:  # a day: 29 February a year earlier is the 28th
        d = dt.date.fromisoformat(got)
        return d.replace(year=d.year - 1, day=min(d.day, 28 if d.month == 2 else 31)).isoformat()
    return f"{int(got[:4]) - 1:04d}{got[4:]}"


def _shifted(value: str, n: int, unit: str) -> str | None:
    """What "``n`` ``unit`` s later" dates by the mention ``value``: moved by that much, at the
    unit's precision (a day stays a day for days and weeks); None when the mention is coarser."""
    day = _day_of(value)
    if day is not None:
        d = dt.date.fromisoformat(day)
        if unit in ("day", "week"):
            return (d + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        return _unit_value(unit, _add_months(d, n if unit == "month" else 12 * n))
    if (m := _MONTH.fullmatch(value)) and unit in ("month", "year"):
        return _unit_value(unit, _add_months(dt.date(int(m.group(1)), int(m.group(2)), 1), n if unit == "month" else 12 * n))
    if (m := _YEAR.fullmatch(value)) and unit == "year":
        return f"{int(m.group(1)) + n:04d}"
    return None


def link_anaphora(sentences: Sequence[tuple[int, bool, bool, Sequence[Timex]]]) -> list[list[tuple[Timex, int | None]]]:
    """One article's tags with anaphoric expressions dated by their antecedents.

    ``sentences``: the article's sentences in text order, each as (its start offset in the
    article; whether its dates are mentions an expression may refer back to — False for the date
    line —; whether it is in the lede; its tags, offsets in the sentence, in text order). Returns,
    per sentence, each tag (re-dated, or as it was) with the article offset of the mention it took
    its date from (None if it took none).

    >>> from workbench.temporal.tagger import tag
    >>> s = "Stocks rose on Friday, although a report released the same day said jobs were lost."
    >>> [(t.text, t.value, at) for t, at in link_anaphora([(0, True, True, tag(s, anchor=dt.date(2009, 4, 4)))])[0]]
    [('Friday', '2009-04-03', None), ('the same day', '2009-04-03', 15)]
    """
    # the story's day: the first day the lede names
    story = next(((start + t.start, d) for start, mention, lede, tags in sentences if mention and lede
                  for t in tags if _kind(t) is None and (d := _day_of(t.value)) is not None), None)
    mentions: list[tuple[int, str]] = []  # (article offset, value) of the dates mentioned so far
    out: list[list[tuple[Timex, int | None]]] = []
    for start, mention, _lede, tags in sentences:
        own_days = [(start + t.start, d) for t in tags if _kind(t) is None and (d := _day_of(t.value)) is not None]
        linked: list[tuple[Timex, int | None]] = []
        for t in tags:
            kind = _kind(t)
            found: tuple[int, str] | None = None
            if kind in ("day", "time"):  # the sentence's own day, else the story's
                at = start + t.start
                found = min(own_days, key=lambda m: abs(m[0] - at)) if own_days else story
            elif kind is not None:  # the last mention precise enough
                step = shift_of(t.text) if kind == "shift" else None
                for at, value in reversed(mentions):
                    if kind.startswith("year-before:"):
                        got = _year_before(value, kind.split(":", 1)[1])
                    elif kind.startswith("weekday:"):  # "that Wednesday": the last day mentioned that is one
                        day = _day_of(value)
                        got = day if day is not None and dt.date.fromisoformat(day).weekday() == int(kind[8:]) else None
                    elif step is not None:
                        got = _shifted(value, *step)
                    else:
                        got = _day_of(value) if kind == "same-day" else _unit_of(value, kind)
                    if got is not None:
                        found = (at, got)
                        break
            if found is not None:
                t = dataclasses.replace(t, value=found[1] + (t.value[10:] if kind == "time" else ""))
            linked.append((t, found[0] if found is not None else None))
            if mention and (kind is None or found is not None) and "X" not in t.value and t.type in ("DATE", "TIME"):
                mentions.append((start + t.start, t.value))
        out.append(linked)
    return out
