"""A rule-based TIMEX3 tagger for news text, in pure Python.

Why rules: temporal expressions in news are a small, regular language ("Tuesday, July 8", "last
week", "the first quarter of 2009", "50 days"), and a rule-based tagger (the approach of HeidelTime
and SUTime) is fast, explainable and needs no model download. Every pattern below is general; the
words it knows (months, weekdays, number words, units, vague references, future markers) are data in
``resources/timex.toml``.

:func:`tag` finds expressions and gives each a TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and a
``value``; relative expressions ("Thursday", "in February", "last year", "now") are resolved against
an ``anchor`` date (the article's publication date), to the past or the future by the tense around
them. Without an anchor they keep an unresolved value (``XXXX-02``) and are marked relative: the
tagger never guesses a year it was not given.

Not dates, by rule: amounts (``$1 billion``, ``10%``, ``100 percent``, ``50,000``), a year in
quotation marks (a title such as the book “2024”), "may" and "march" in lower case (verbs), a
month name after a capitalised name ("Theresa May"), "now that".

>>> import datetime as dt
>>> [(t.text, t.type, t.value) for t in tag("On Tuesday, July 8, he said it would take another 50 days.", anchor=dt.date(2025, 7, 9))]
[('Tuesday, July 8', 'DATE', '2025-07-08'), ('another 50 days', 'DURATION', 'P50D')]
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from workbench.lexicon import load_toml
from workbench.text.alternation import phrase_alternation
from workbench.text.prefilter import guard
from workbench.text.sentences import abbreviations

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Timex", "tag", "value_range", "candidates", "candidates_column", "resolve"]


@dataclass(slots=True, unsafe_hash=True)
class Timex:
    """One temporal expression: ``text[start:end]`` of the input, its TIMEX3 type and value. A
    value: compare and hash it, do not change it (not frozen: a frozen dataclass is five times
    slower to make, and the tagger makes one for every date of a corpus)."""

    start: int
    end: int
    text: str
    type: str
    value: str
    is_relative: bool
    rule: str


@dataclass(frozen=True)
class _Lex:
    months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    before: frozenset[str]
    seasons: dict[str, str]
    numbers: dict[str, float | str]
    units: dict[str, str]
    sets: dict[str, str]
    refs: dict[str, str]
    future: tuple[str, ...]
    year_not_before: frozenset[str]
    year_not_after: frozenset[str]
    named_day_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_toml("timex.toml")
    months = {m: i + 1 for i, m in enumerate(d["months"])}
    for ab in d["month_abbreviations"]:
        months.setdefault(ab, next(i + 1 for i, m in enumerate(d["months"]) if m.startswith(ab)))
    return _Lex(
        months=months,
        weekdays={w: i for i, w in enumerate(d["weekdays"])},
        ambiguous=frozenset(d["ambiguous_months"]),
        before=frozenset(d["month_context_before"]),
        seasons=dict(d["seasons"]),
        numbers=dict(d["numbers"]),
        units=dict(d["units"]),
        sets=dict(d["sets"]),
        refs=dict(d["references"]),
        future=tuple(d["future_markers"]),
        year_not_before=frozenset(d.get("year_not_before", [])),
        year_not_after=frozenset(d.get("year_not_after", [])),
        named_day_words=frozenset(w.lower() for w in d.get("named_day_words", [])),
    )


def _alt(words) -> str:
    """The words as one alternation, longest first (as a trie, for case-insensitive patterns)."""
    return phrase_alternation(words, ignore_case=True, space=None)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = _lex()
    full_months = [m for m, _ in sorted(lx.months.items(), key=lambda kv: kv[1]) if len(m) > 4 or m in ("may", "june", "july")]
    MON = rf"(?P<mon>(?:{_alt(full_months)})|(?:{_alt(k for k in lx.months if len(k) <= 4)})\.)"
    MON_ANY = rf"(?P<mon>{_alt(lx.months)})\.?"
    WD = rf"(?P<wd>{_alt(lx.weekdays)})"
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    YEAR = r"(?P<year>(?:1[5-9]|20)\d{2})"
    NUM = rf"(?P<num>\d+(?:\.\d+)?|(?:{_alt(lx.numbers)})(?:(?:[- ](?:{_alt(lx.numbers)}))|\s+and\s+a\s+half)?)"
    UNIT = rf"(?P<unit>{_alt(lx.units)})(?:s|es|ies)?"
    UNIT_SG = rf"(?P<unit>{_alt(lx.units)})"
    I = re.I
    rules = {
        # "Tuesday, July 8, 2025", "July 8", "March 01, 2008"
        "month-day": re.compile(rf"\b(?:{WD},?\s+)?{MON_ANY}\s+{DAY}(?!\d|\s*%|\s*(?:percent|per cent)\b)(?:,?\s+{YEAR}(?!\d))?\b", I),
        # "8 July 2025", "the 8th of July"
        "day-month": re.compile(rf"\b(?:{WD},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MON_ANY}(?:,?\s+{YEAR}(?!\d))?\b", I),
        # "2024-04-16", also as the date of a timestamp ("2024-04-16T18:30:00Z")
        "iso-date": re.compile(r"\b(?P<year>(?:1[5-9]|20)\d{2})[-/](?P<m>[01]\d)[-/](?P<d>[0-3]\d)(?:(?=T\d)|(?![\w/-]))"),
        # "04/16/2024"; "16/04/2024" where the first number cannot be a month (else read as the US
        # order); with dashes a four-digit year ("16-06-2022 15:17 IST")
        "us-date": re.compile(r"(?<![\d/-])(?P<m>[0-3]?\d)(?:/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})|-(?P<d2>[0-3]?\d)-(?P<y2>(?:1[5-9]|20)\d{2}))(?![\d/-])"),
        # "16.04.2024": the day first, as everywhere dots separate a date's numbers
        "dot-date": re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:1[5-9]|20)\d{2})(?![\d.])"),
        "month-year": re.compile(rf"\b(?:(?P<mod>early|mid|late)[- ])?{MON_ANY},?\s+(?:of\s+)?{YEAR}(?!\d)\b", I),
        "month": re.compile(rf"\b(?:(?P<rel>last|next|this|early|late|mid|earlier|later)[- ](?:in\s+)?)?{MON}(?![\w-])", I),
        "quarter": re.compile(
            rf"\b(?:the\s+)?(?P<rel>(?:last|this|next|past|previous|current|same)\s+)?(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ])?(?P<fq>fiscal[- ])?quarter"
            rf"(?:\s+of\s+(?:{YEAR}|(?P<yrel>last|this|next)\s+year))?\b",
            I,
        ),
        "q-number": re.compile(rf"\bQ(?P<q>[1-4])(?:\s+{YEAR})?\b"),
        "season": re.compile(
            rf"\b(?:(?P<rel>this|last|next|early|late|the|past|coming)\s+)?(?P<season>{_alt(lx.seasons)})(?:\s+(?:of\s+)?{YEAR})?\b", I
        ),
        "decade": re.compile(r"(?:\bthe\s+)?(?<![\w'’])(?P<c>1[5-9]|20)?(?P<d>\d)0['’]?s\b|['’](?P<d2>\d)0s\b", I),
        "year": re.compile(rf"(?<![\w$£€¥.,/-])(?:(?P<mod>early|mid|late)[- ])?{YEAR}(?![\w%]|,\d|\.\d|-\d|\s*(?:%|percent|per cent)\b)", I),
        "apostrophe-year": re.compile(r"(?<![\w])['’](?P<yy>\d{2})(?![\w'’%])"),
        "fiscal-year": re.compile(rf"\b(?:fiscal(?:\s+year)?|FY)\s*{YEAR}\b", I),
        "ago": re.compile(rf"\b{NUM}\s+{UNIT}\s+ago\b", I),
        "rel-span": re.compile(
            rf"\b(?:(?P<pre>over|in|during|for|within|throughout)\s+)?the\s+(?P<rel>past|last|next|coming|previous|following)\s+{NUM}\s+{UNIT}\b", I
        ),
        "rel-unit-duration": re.compile(rf"\b(?P<pre>over|within|throughout)\s+the\s+(?P<rel>past|last|next|coming)\s+{UNIT_SG}\b", I),
        "the-rel-unit": re.compile(r"\bthe\s+(?P<rel>past|last|previous|coming|next|current|same|entire|whole|full)\s+(?P<unit>week|month|year|quarter|decade)\b", I),
        # "compared with the same period last year": a year before what the article last named
        # (workbench/temporal/anaphora.py); alone, last year
        "same-year-before": re.compile(
            r"\bthe\s+same\s+(?P<unit>period|time|day|week|month|quarter)\s+(?:(?:of\s+)?(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))\b", I
        ),
        "the-day": re.compile(r"\b(?:(?:end|ended|ending|finish|finished|finishing|close|closed|closing|for|on|during|in|of|start|opening)\s+|(?=the\s+same\s+day\b))(?P<span>the\s+(?:same\s+)?day)\b", I),
        "military-time": re.compile(r"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>UTC|GMT)\b"),
        "long-adj": re.compile(r"\b(?P<unit>decade|year|month|week|day|hour|minute)s-long\b", I),
        "edge-of": re.compile(
            r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle|rest|remainder)\s+of\s+(?:(?P<rel>this|last|next|the)\s+)?(?P<unit>year|month|week|decade|quarter)\b", I
        ),
        "rel-unit": re.compile(
            # "late last year": the modifier is part of the expression (TIMEX3 keeps it apart from the value)
            r"\b(?:(?P<mod>early|mid|late)[- ])?(?P<adv>earlier|later)?\s*(?P<rel>this|last|next|past|previous|coming|following)\s+(?P<unit>week|weekend|month|year|decade|century|quarter)\b", I
        ),
        "weekend": re.compile(r"\bthe\s+weekend\b", I),
        "day-word": re.compile(r"\b(?:the\s+day\s+(?P<beyond>before|after)\s+|(?P<adv>earlier|later)?\s*)(?P<w>today|tonight|yesterday|tomorrow)\b", I),
        # "on the 5th": a day of the month the article is in (or the one before or after, by tense)
        "ordinal-day": re.compile(
            r"\bon\s+(?P<span>the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th))(?=\s*(?:[,.;:!?)]|$|(?:and|or|but|at|when|after|before|as|,)\b))", I),
        "part-of-day": re.compile(r"\b(?P<rel>this|last|yesterday|tomorrow)\s+(?P<p>morning|afternoon|evening|night)\b", I),
        # "Monday last week", "Friday of next week": that week's day
        "weekday": re.compile(rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?{WD}(?:\s+(?P<p>morning|afternoon|evening|night))?"
                              rf"(?:\s+(?:of\s+)?(?P<wk>last|next|this)\s+week)?\b", I),
        "clock": re.compile(
            # a number followed by neither minutes nor am/pm is no time (_m_clock turns it down): the
            # lookahead skips it in the regex, at no cost to the matches that are times
            r"\b(?P<h>[0-2]?\d)(?=:[0-5]\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b))"
            r"(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)?(?:\s*(?P<tz>UTC|GMT|EST|EDT|ET|CST|CDT|PST|PDT|CET|CEST|BST))?"
            r"(?:\s+(?P<day>today|yesterday|tomorrow))?",
            I,
        ),
        "noon": re.compile(r"\b(?P<w>noon|midnight)\b", I),
        "adj-duration": re.compile(rf"\b(?P<num>\d+|(?:{_alt(lx.numbers)})(?:-(?:{_alt(lx.numbers)}))?)-{UNIT_SG}(?:-old)?\b", I),
        "duration": re.compile(
            rf"\b(?P<another>another\s+|more than\s+|nearly\s+|almost\s+|about\s+|over\s+|some\s+|the\s+)?{NUM}(?:\s+more)?\s+(?:(?:straight|consecutive|successive|full|whole|long|more|trading|business|working)\s+)?{UNIT}\b(?!\s+olds?\b)(?P<ago>\s+ago)?", I
        ),
        "vague-duration": re.compile(r"\b(?P<pre>for|over the|in recent|in the coming|over|in|within|just|within)\s+(?P<unit>minute|hour|day|week|month|year|decade)s\b", I),
        "set-per": re.compile(r"\b(?P<q>a|an|per|every|each)\s+(?P<unit>day|week|month|year|quarter)\b", I),
        # "between 60 and 90 days": the first number is a duration too
        "range-first": re.compile(rf"\b(?P<num>\d+)(?=\s*(?:and|to|or|-|–)\s*\d+\s+{UNIT}\b)", I),
        # "a four day rally", "a five year plan" (the hyphen left out)
        "adj-duration-space": re.compile(
            rf"\b(?P<num>\d+|(?:{_alt(n for n in lx.numbers if n not in ('a', 'an', 'one'))}))\s+{UNIT_SG}(?=\s+[a-z])(?!\s+(?:of|and|or|to|in|on|at|for|ago|before|after|later|earlier|olds?)\b)", I
        ),
        "set-weekday": re.compile(rf"\b(?:every|each)\s+{WD}\b", I),
        # "two days later", "a week earlier", "three days after," (no object: "after the vote" is an
        # event's; "three days later than planned" compares), "the following day", "the day
        # before," — counted from a date the article gave (workbench.temporal.anaphora); unknown
        # on their own
        "shift": re.compile(
            rf"\b(?:{NUM}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>(?:later|earlier)(?!\s+than\b)|afterwards?|(?:before|after)(?=\s*(?:[,.;:!?]|$)))"
            r"|the\s+(?P<rel>following|next|previous|prior)\s+(?P<unit2>day)\b"
            r"|the\s+(?P<unit3>day)\s+(?P<dir2>before|after)(?=\s*(?:[,.;:!?]|$)))", I
        ),
        "vague-after": re.compile(r"\b(?P<unit>minute|hour|day|week|month|year|decade)s(?=\s+(?:after|before|later|earlier)\b)", I),
        "set-word": re.compile(rf"\b(?P<w>{_alt(lx.sets)})\b", I),
        "ref": re.compile(rf"\b(?P<w>{_alt(lx.refs)})\b", I),
        "christmas": re.compile(r"\b(?P<w>Christmas(?: Day| Eve)?|New Year['’]s(?: Day| Eve)?)\b"),
    }
    # each rule's possible first letters checked first: same matches, fewer tries (prefilter.guard)
    return {name: guard(pattern) for name, pattern in rules.items()}


# -- calendar helpers -------------------------------------------------------------------------


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


_PAST_VERB = guard(re.compile(
    r"\b(?:said|says|told|was|were|had|did|came|went|made|took|gave|began|spoke|wrote|met|left|"
    r"announced|\w+ed)\b",
    re.I,
))


#: ", X said" / ", said X" closing a clause: up to four words of speaker around a reporting verb
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:(?:[\w.'’-]+\s+){0,4}(?:said|says|told|added|stated|noted|explained|wrote|announced)|(?:said|says|told|added)\s+[\w.'’ -]{1,60})[\s.,;:!?\"”’]*$")


@lru_cache(maxsize=1)
def _future_patterns() -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per future marker (compiled once, not per expression)."""
    return tuple(re.compile(rf"(?<![\w']){re.escape(marker)}(?!\w)") for marker in _lex().future)


def _temporal_words() -> set[str]:
    """The words some rule starts from (besides digits): without one, a text has no expression."""
    lx = _lex()
    words = set(lx.months) | set(lx.weekdays) | set(lx.seasons) | set(lx.units) | set(lx.sets) | set(lx.refs)
    words |= {"today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "christmas", "new year", "weekend",
              "morning", "afternoon", "evening", "night", "ago", "decade", "century", "quarter", "season", "fiscal",
              "annual", "daily", "weekly", "monthly", "yearly", "recent", "recently", "currently", "now", "then", "soon",
              "later", "earlier", "past", "future", "former", "once", "long", "term", "period", "time"}
    return words


@lru_cache(maxsize=1)
def _maybe_temporal() -> re.Pattern[str]:
    """A quick test that a text can hold an expression at all: a digit or a word some rule starts
    from. Most sentences of news have one; those that do not skip forty rule patterns. (The
    tagger asks the same question through the token gates, which is faster: see :func:`_gates`.)"""
    alternation = _alt(_temporal_words())
    return re.compile(rf"\d|(?:{alternation})", re.IGNORECASE)


#: the words the fixed (non-lexicon) parts of the rules are built on: every unit a rule names
_UNIT_WORDS = ("week", "weekend", "month", "year", "decade", "century", "quarter", "minute", "hour", "day")


def _word_gates() -> dict[str, tuple[Iterable[str], bool]]:
    """The gates that look at words: name -> (its words, whether a word may start inside a token)."""
    lx = _lex()
    return {
        "mon": (lx.months, False), "wd": (lx.weekdays, False), "season": (lx.seasons, False),
        "unit": (set(lx.units) | set(_UNIT_WORDS), False), "part": (("morning", "afternoon", "evening", "night"), False),
        "noon": (("noon", "midnight"), False), "holiday": (("christmas", "new year"), False), "ago": (("ago",), False),
        "utc": (("utc", "gmt"), True),  # "1200UTC"
        "dayword": (("today", "tonight", "yesterday", "tomorrow"), True),  # "latertoday": no word boundary before
        "temporal": (_temporal_words(), True),  # the words of _maybe_temporal, which has no \b either
    }


@lru_cache(maxsize=1)
def _gates() -> tuple[dict[str, re.Pattern[str]], dict[str, tuple[str, ...]], dict[str, tuple[re.Pattern[str] | None, bool]]]:
    """Rule gates: what every match of a rule must contain, and which gates each rule needs.

    A sentence is checked for a digit, a four-digit year, a month, weekday, season or unit word
    (and a few more); a rule runs only if all its gates fire. Each gate is a necessary condition —
    a piece of the rule's own pattern, such as a word of its lexicon where a word starts, or its
    year — so a gated rule can never miss a match (tests/test_timeline_tagger.py compares against
    running every rule). Most sentences fire few gates, so most of the forty rule scans are
    skipped. Rules without a gate (set words, references) always run.

    Word gates look at the sentence's word tokens, each token's verdict cached: a gate word that
    follows a word boundary starts a token, so testing each distinct token (case-insensitively, the
    way the rules match) is the same test as searching the sentence, and far cheaper than a long
    case-insensitive alternation tried at every position. A phrase counts by its first word.
    """
    chars = {
        "digit": re.compile(r"\d"),
        "year": re.compile(r"(?:1[5-9]|20)\d\d"),  # the rules' YEAR
        "slash-date": re.compile(r"\d[/-]\d"),
        "q": re.compile(r"Q[1-4]"),
        "decade": re.compile(r"\d0['’]?s", re.I),
        "apostrophe": re.compile(r"['’]\d\d"),
    }
    words: dict[str, tuple[re.Pattern[str] | None, bool]] = {}
    for name, (ws, inside) in _word_gates().items():
        firsts = [re.match(r"\w+", w) for w in ws]
        if any(f is None for f in firsts):  # a phrase that does not start with a word character: always open
            words[name] = (None, inside)
        else:
            words[name] = (re.compile(f"(?:{_alt({f.group() for f in firsts if f})})", re.I), inside)
    unit_rules = ("shift", "quarter", "rel-span", "rel-unit-duration", "the-rel-unit", "same-year-before", "the-day", "long-adj", "edge-of", "rel-unit",
                  "weekend", "adj-duration", "duration", "vague-duration", "set-per", "adj-duration-space", "vague-after")
    needs: dict[str, tuple[str, ...]] = {
        "iso-date": ("year",), "us-date": ("slash-date",), "dot-date": ("year",), "q-number": ("q",), "fiscal-year": ("year",),
        "decade": ("decade",), "year": ("year",), "apostrophe-year": ("apostrophe",), "military-time": ("utc", "digit"),
        "clock": ("digit",), "ordinal-day": ("digit",), "range-first": ("digit", "unit"), "ago": ("ago", "unit"),
        "month-day": ("mon", "digit"), "day-month": ("mon", "digit"), "month-year": ("mon", "year"), "month": ("mon",),
        "weekday": ("wd",), "set-weekday": ("wd",), "season": ("season",), "day-word": ("dayword",),
        "part-of-day": ("part",), "noon": ("noon",), "christmas": ("holiday",),
    } | {rule: ("unit",) for rule in unit_rules}
    unknown = set(needs) - {name for name, _fn, _prio in _RULES}
    assert not unknown, f"gates name rules that do not exist: {unknown}"
    return chars, needs, words


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1 << 16)
def _token_gates(token: str) -> frozenset[str]:
    """The word gates one token opens (cached: a corpus has a bounded vocabulary)."""
    out = []
    for name, (pattern, inside) in _gates()[2].items():
        if pattern is None or (pattern.search(token) if inside else pattern.match(token)):
            out.append(name)
    return frozenset(out)


def _open_word_gates(text: str) -> set[str]:
    """The word gates ``text`` opens."""
    opened: set[str] = set()
    for token in set(_TOKEN.findall(text)):
        opened |= _token_gates(token)
    return opened


def _skipped_rules(text: str, words: set[str]) -> frozenset[str]:
    """The rules with a gate that does not fire on ``text`` (``words``: the word gates it opens)."""
    chars = _gates()[0]
    return _skipped_for(frozenset(words).union(name for name, p in chars.items() if p.search(text) is not None))


@lru_cache(maxsize=4096)
def _skipped_for(fired: frozenset[str]) -> frozenset[str]:
    return frozenset(rule for rule, required in _gates()[1].items() if not all(g in fired for g in required))


#: switch the rule gates off (a test compares both ways): the results are identical, only slower
GATES = True


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from the last full stop, semicolon or line break before
    it to the first after it."""
    stop = text.rfind(". ", 0, start)
    while stop > 0 and _abbreviation_before(text, stop):  # "hearings beginning Dec. 11 and … Feb. 20"
        stop = text.rfind(". ", 0, stop)
    lo = max(stop, text.rfind("\n", 0, start), text.rfind("; ", 0, start), 0)
    stop = text.find(". ", end)
    while stop > 0 and _abbreviation_before(text, stop):
        stop = text.find(". ", stop + 1)
    his = [i for i in (stop, text.find("\n", end), text.find("; ", end)) if i >= 0]
    return lo, (min(his) if his else len(text))


_WORD_END = re.compile(r"[A-Za-z]+$")


def _abbreviation_before(text: str, stop: int) -> bool:
    """Does the full stop at ``text[stop]`` close an abbreviation ("Dec.", "Sen.", "Inc.") or an
    initial, not a clause?"""
    m = _WORD_END.search(text, max(0, stop - 8), stop)
    if m is None:
        return False
    titles, others = abbreviations()
    word = m.group()
    return len(word) == 1 or word in titles or word in others


def _future(text: str, start: int, end: int) -> bool:
    """Does the expression at ``text[start:end]`` refer forward? The nearest tense marker decides.

    Within the clause around the expression, the closest future marker ("will", "is set to",
    "next") is weighed against the closest past-tense verb ("said", "-ed"); the nearer one wins and
    a tie is past, the commoner case in news.
    """
    lo, hi = _clause_around(text, start, end)
    clause = text[lo:hi].lower()
    s, e = start - lo, end - lo
    best_future = None
    markers = []  # where the future markers stand: "scheduled", "slated" are no past tense there
    for marker, pattern in zip(_lex().future, _future_patterns()):
        if marker not in clause:  # the pattern is the marker itself, with boundaries
            continue
        for m in pattern.finditer(clause):
            markers.append((m.start(), m.end()))
            d = s - m.end() if m.end() <= s else m.start() - e if m.start() >= e else 0
            best_future = d if best_future is None else min(best_future, d)
    if best_future is None:
        return False
    best_past = None
    # a trailing attribution (", Okafor said.", ", said a spokesman.") is the reporting's tense,
    # not the event's: "will publish the documents on Thursday, Okafor said" looks forward
    trailing = _TRAILING_ATTRIBUTION.search(clause, e)
    for m in _PAST_VERB.finditer(clause, 0, trailing.start() if trailing else len(clause)):
        if (m.start() >= s and m.end() <= e) or any(a <= m.start() and m.end() <= b for a, b in markers):
            continue
        d = s - m.end() if m.end() <= s else m.start() - e
        best_past = d if best_past is None else min(best_past, d)
    return best_past is None or best_future < best_past


def _past(text: str, start: int, end: int) -> bool:
    """Does the clause around ``text[start:end]`` tell of the past: a past-tense verb in it (outside
    the expression and any trailing attribution; not a participle after "be" — "will be shipped
    in July" —), and no modal ("might run out by March", "should be completed in October")?
    Asked only where :func:`_future` said no."""
    lo, hi = _clause_around(text, start, end)
    clause = text[lo:hi]
    s, e = start - lo, end - lo
    trailing = _TRAILING_ATTRIBUTION.search(clause.lower(), e)
    body = clause[: trailing.start()] if trailing else clause
    if _MODAL.search(body):
        return False
    for m in _PAST_VERB.finditer(body):
        word = m.group().lower()
        if (m.start() >= s and m.end() <= e) or word in _NOT_PAST:
            continue
        if word.endswith("ed") and _BE_BEFORE.search(body, max(0, m.start() - 12), m.start()):
            continue  # a passive participle: "is scheduled", "will be finalized"
        return True
    return False


#: words _PAST_VERB takes that tell no past ("says", "need", "indeed", "red", "bed", "speed")
_NOT_PAST = frozenset({"says", "need", "indeed", "red", "bed", "speed", "seed", "feed", "breed", "proceed",
                       "exceed", "succeed", "shed", "hundred", "embed", "wed"})
_MODAL = re.compile(r"\b(?:will|would|should|could|might|may|can|must|shall|won[’']t)\b|[’']ll\b", re.IGNORECASE)
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|get|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


#: days a past-tense date may lie after the anchor (a publication date a few days off, a time zone)
PAST_SLACK_DAYS = 7


def _resolve_month_day(month: int, day: int, anchor: dt.date, future: bool, past: bool = False) -> dt.date | None:
    """The year for "July 8" near ``anchor``: the coming occurrence if the context is future, the
    last one if it is past ("On Jan. 5 they met", written in July: this January), else the nearest."""
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if future:
        after = [c for c in candidates if c >= anchor]
        return min(after) if after else max(candidates)
    if past:
        before = [c for c in candidates if (c - anchor).days <= PAST_SLACK_DAYS]
        if before:
            return max(before)
    # news dates lie near the day they are written: the nearest occurrence, a tie going to the past
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def _num(word: str | None) -> float | str | None:
    if word is None:
        return None
    w = word.lower()
    try:
        return float(w)
    except ValueError:
        pass
    nums = _lex().numbers
    if w in nums:
        return nums[w]
    if m := re.fullmatch(r"(.+?)\s+and\s+a\s+half", w):
        base = _num(m.group(1))
        return base + 0.5 if isinstance(base, float | int) else "X"
    parts = re.split(r"[- ]", w)
    if parts and parts[0] in ("a", "an") and len(parts) > 1:
        return None
    if all(p in nums for p in parts):
        vals = [nums[p] for p in parts]
        if any(isinstance(v, str) for v in vals):
            return "X"
        if len(vals) == 2 and vals[1] == 100:
            return vals[0] * 100
        return sum(vals)  # "twenty-five"
    return None


def _fmt_num(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else str(n)


def _duration(n: float | str, unit: str) -> str:
    code = _lex().units[unit.lower()]
    if unit.lower() in ("second", "minute", "hour"):
        return f"PT{_fmt_num(n)}{code}"
    if code in ("DE", "CE") and not isinstance(n, str):
        return f"P{_fmt_num(n * (10 if code == 'DE' else 100))}Y"
    if code == "2W":
        return f"P{_fmt_num(n * 2) if not isinstance(n, str) else 'X'}W"
    return f"P{_fmt_num(n)}{code}"


def _unit_value(unit: str, d: dt.date) -> str:
    unit = unit.lower()
    if unit == "week":
        return _iso_week(d)
    if unit == "weekend":
        return _iso_week(d) + "-WE"
    if unit == "month":
        return f"{d.year}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return str(d.year)[:3]
    if unit == "century":
        return str(d.year)[:2]
    return str(d.year)


def _shift(unit: str, d: dt.date, n: int) -> dt.date:
    unit = unit.lower()
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "quarter":
        return _add_months(d, 3 * n)
    if unit == "decade":
        return dt.date(d.year + 10 * n, 1, 1)
    if unit == "century":
        return dt.date(d.year + 100 * n, 1, 1)
    return dt.date(d.year + n, 1, 1) if not (d.month == 2 and d.day == 29) else dt.date(d.year + n, 2, 28)


_REL_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "same": 0, "next": 1, "coming": 1, "following": 1}


# -- the matchers -----------------------------------------------------------------------------
# Each returns (type, value, is_relative) or None (not a date after all).

Result = tuple[str, str, bool] | None


def _month_of(m: re.Match[str]) -> int:
    return _lex().months[m.group("mon").lower().rstrip(".")]


def _m_month_day(m: re.Match[str], ctx: _Ctx) -> Result:
    month, day = _month_of(m), int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    if m.group("year"):
        try:
            return ("DATE", dt.date(int(m.group("year")), month, day).isoformat(), False)
        except ValueError:
            return None
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}-{day:02d}", True)
    if m.group("wd"):  # "Tuesday, July 8": the weekday picks the year near the anchor
        wd = _lex().weekdays[m.group("wd").lower()]
        fits = []
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            try:
                if dt.date(y, month, day).weekday() == wd:
                    fits.append(dt.date(y, month, day))
            except ValueError:
                pass
        if fits:
            return ("DATE", fits[0].isoformat(), True)
    future = ctx.future
    d = _resolve_month_day(month, day, ctx.anchor, future, not future and ctx.past)
    return ("DATE", d.isoformat(), True) if d else None


def _m_iso(m: re.Match[str], ctx: _Ctx) -> Result:
    try:
        return ("DATE", dt.date(int(m.group("year")), int(m.group("m")), int(m.group("d"))).isoformat(), False)
    except ValueError:
        return None


def _m_us(m: re.Match[str], ctx: _Ctx) -> Result:
    y = int(m.group("y") or m.group("y2"))
    if y < 100:
        y += 2000 if y <= (ctx.anchor.year % 100 + 5 if ctx.anchor else 30) else 1900
    month, day = int(m.group("m")), int(m.group("d") or m.group("d2"))
    if month > 12 >= day:  # "16/04/2024": only the day can come first
        month, day = day, month
    try:
        return ("DATE", dt.date(y, month, day).isoformat(), False)
    except ValueError:
        return None


_SLASH = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")


def day_first(tags: list[list[Timex]]) -> list[list[Timex]]:
    """One article's tags (per sentence) with its ambiguous slash dates read day first when the
    article writes them so: "04/05/2024" is 5 April in American copy and 4 May in British. An
    article that prints one date only day first can be read ("16/04/2024") and none only month
    first ("04/16/2024") gets its ambiguous ones ("04/05/2024") read its way; else they stay in
    the US order the tagger reads them in."""
    slashes = [(t, m) for sentence in tags for t in sentence if t.rule == "us-date" and (m := _SLASH.match(t.text))]
    if not any(int(m.group(1)) > 12 for _, m in slashes) or any(int(m.group(2)) > 12 for _, m in slashes):
        return tags
    out = []
    for sentence in tags:
        row = []
        for t in sentence:
            m = _SLASH.match(t.text) if t.rule == "us-date" else None
            if m is not None and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and len(t.value) == 10:
                try:
                    t = dataclasses.replace(t, value=dt.date(int(t.value[:4]), int(m.group(2)), int(m.group(1))).isoformat())
                except ValueError:
                    pass
            row.append(t)
        out.append(row)
    return out


def _m_dot(m: re.Match[str], ctx: _Ctx) -> Result:
    try:
        return ("DATE", dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat(), False)
    except ValueError:
        return None


def _m_month_year(m: re.Match[str], ctx: _Ctx) -> Result:
    return ("DATE", f"{m.group('year')}-{_month_of(m):02d}", False)


#: a relative year right after a month name: "October of next year", "March last year"
_OF_RELATIVE_YEAR = re.compile(r"\s+(?:of\s+)?(?:(next|the\s+following|the\s+coming)|(last|the\s+previous)|(this))\s+year\b", re.IGNORECASE)


def _m_month(m: re.Match[str], ctx: _Ctx) -> Result:
    month = _month_of(m)
    word = m.group("mon").lower()
    if word in _lex().ambiguous and not m.group("rel"):
        if not m.group("mon")[0].isupper():
            return None
        before = ctx.text[max(0, m.start() - 20) : m.start()].lower().split()
        prev = before[-1] if before else ""
        two = " ".join(before[-2:])
        if prev not in _lex().before and two not in _lex().before:
            return None
    if m.group("mon")[0].islower():
        return None
    # "Theresa May": a month name straight after a capitalised word that is not a sentence start
    prev_tok = re.search(r"(\S+)\s+$", ctx.text[max(0, m.start() - 30) : m.start()])
    if prev_tok and prev_tok.group(1)[:1].isupper() and not prev_tok.group(1).endswith((".", ":", "!", "?")) and prev_tok.group(1).lower() not in _lex().before and not m.group("rel"):
        return None
    rel = (m.group("rel") or "").lower()
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{month:02d}", True)
    year = ctx.anchor.year
    of_year = _OF_RELATIVE_YEAR.match(ctx.text, m.end()) if not rel else None
    if of_year:  # "October of next year", "in March last year": that year's month, whatever the tense
        return ("DATE", f"{year + (1 if of_year.group(1) else -1 if of_year.group(2) else 0):04d}-{month:02d}", True)
    if rel == "last":
        year = year - 1 if month >= ctx.anchor.month else year
    elif rel == "next":
        year = year + 1 if month <= ctx.anchor.month else year
    elif rel in ("this", "early", "late", "mid", "earlier", "later"):
        pass
    elif ctx.future:
        year = year + 1 if month < ctx.anchor.month else year
    elif ctx.past:  # "In September they met", written in July: last September
        year = year - 1 if month > ctx.anchor.month else year
    else:  # news looks back: this year's month up to four months ahead, else last year's
        year = year - 1 if month - ctx.anchor.month > 4 else year
    return ("DATE", f"{year}-{month:02d}", True)


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _m_quarter(m: re.Match[str], ctx: _Ctx) -> Result:
    ord_ = (m.group("ord") or "").lower()
    rel = (m.group("rel") or "").strip().lower()
    if not ord_ and not rel and not m.group("year"):
        return None
    year: int | None = int(m.group("year")) if m.group("year") else None
    if m.group("yrel") and ctx.anchor:
        year = ctx.anchor.year + _REL_STEP[m.group("yrel").lower()]
    if ord_ in _ORD:
        q = _ORD[ord_]
        if year is None:
            if ctx.anchor is None:
                return ("DATE", f"XXXX-Q{q}", True)
            aq = (ctx.anchor.month - 1) // 3 + 1
            year = ctx.anchor.year - 1 if (q - aq > 2 and not ctx.future) else ctx.anchor.year
            return ("DATE", f"{year}-Q{q}", True)
        return ("DATE", f"{year}-Q{q}", bool(m.group("yrel")))
    # "the last quarter", "this quarter", "next quarter"
    if ctx.anchor is None:
        return ("DATE", "XXXX-QX", True)
    step = _REL_STEP.get(ord_ or rel, 0) if (ord_ == "last" or rel) else 0
    return ("DATE", _unit_value("quarter", _shift("quarter", ctx.anchor, step)), True)


def _m_qnum(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("year"):
        return ("DATE", f"{m.group('year')}-Q{m.group('q')}", False)
    if ctx.anchor is None:
        return ("DATE", f"XXXX-Q{m.group('q')}", True)
    return ("DATE", f"{ctx.anchor.year}-Q{m.group('q')}", True)


def _m_season(m: re.Match[str], ctx: _Ctx) -> Result:
    code = _lex().seasons[m.group("season").lower()]
    rel = (m.group("rel") or "").lower()
    if m.group("season").lower() == "fall" and not rel and not m.group("year"):
        return None  # "prices fall"
    if not rel and not m.group("year"):
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        after = ctx.text[m.end() : m.end() + 10].lower()
        # a bare season word is a date unless it is used as a verb ("spring into action")
        if not re.search(r"\b(in|during|by|since|until|over|through)\s+$", before) and re.match(
            r"\s+(?:up|from|into|back|forward|out|to|a|the|surprise)\b", after
        ):
            return None
    if m.group("year"):
        return ("DATE", f"{m.group('year')}-{code}", False)
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{code}", True)
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    return ("DATE", f"{ctx.anchor.year + step}-{code}", True)


def _m_decade(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("d2"):
        return ("DATE", f"19{m.group('d2')}", False)
    c = m.group("c")
    d = m.group("d")
    if c is None:
        return ("DATE", f"19{d}", False) if d != "0" else None
    return ("DATE", f"{c}{d}", False)


def _m_year(m: re.Match[str], ctx: _Ctx) -> Result:
    before = ctx.text[max(0, m.start() - 1) : m.start()]
    after = ctx.text[m.end() : m.end() + 2]
    if before in ("“", '"', "‘") and after[:1] in ("”", '"', "’", ","):
        return None  # a title: the book “2024”
    lx = _lex()
    nxt = re.match(r"\s+([\w.]+)", ctx.text[m.end() : m.end() + 20])
    if nxt and nxt.group(1).lower().rstrip(".") in lx.year_not_before:
        return None  # "2024 points": a count
    prev = re.search(r"([\w.]+)\s+$", ctx.text[max(0, m.start() - 20) : m.start()])
    if prev and prev.group(1).lower() in lx.year_not_after:
        return None  # "Room 1999": a label
    return ("DATE", m.group("year"), False)


def _m_apostrophe_year(m: re.Match[str], ctx: _Ctx) -> Result:
    yy = int(m.group("yy"))
    pivot = (ctx.anchor.year % 100 + 1) if ctx.anchor else 30
    return ("DATE", str((2000 if yy <= pivot else 1900) + yy), False)


def _m_fiscal(m: re.Match[str], ctx: _Ctx) -> Result:
    return ("DATE", m.group("year"), False)


def _m_ago(m: re.Match[str], ctx: _Ctx) -> Result:
    n = _num(m.group("num"))
    unit = m.group("unit").lower()
    if ctx.anchor is None or isinstance(n, str) or n is None:
        return ("DATE", "PAST_REF", True)
    n = int(n)
    if unit in ("day", "week", "fortnight"):  # "a week ago" (on a Friday) is the Friday before: a day
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return ("DATE", (ctx.anchor - dt.timedelta(days=days)).isoformat(), True)
    if unit in ("month", "quarter", "year", "decade", "century"):
        return ("DATE", _unit_value(unit, _shift(unit, ctx.anchor, -n)), True)
    return ("DATE", "PAST_REF", True)


def _m_rel_span(m: re.Match[str], ctx: _Ctx) -> Result:
    n = _num(m.group("num"))
    if n is None:
        return None
    return ("DURATION", _duration(n, m.group("unit")), False)


def _m_rel_unit_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    return ("DURATION", _duration(1, m.group("unit")), False)


def _m_the_rel_unit(m: re.Match[str], ctx: _Ctx) -> Result:
    """"the past year", "the same month", "the entire year": the calendar unit itself."""
    unit, rel = m.group("unit").lower(), m.group("rel").lower()
    if unit == "decade" and rel in ("past", "last", "previous", "next", "coming"):
        return ("DURATION", _duration(1, unit), False)  # "the past decade": ten years up to now
    if ctx.anchor is None:
        return ("DATE", {"week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"), True)
    step = {"past": -1, "last": -1, "previous": -1, "coming": 1, "next": 1}.get(rel, 0)
    return ("DATE", _unit_value(unit, _shift(unit, ctx.anchor, step)), True)


def _m_same_year_before(m: re.Match[str], ctx: _Ctx) -> Result:
    """"the same period last year": last year, as a deictic expression; then
    :func:`~workbench.temporal.anaphora.link_anaphora` dates it by the period the article named
    before it, a year earlier."""
    if ctx.anchor is None:
        return ("DATE", "XXXX", True)
    return ("DATE", f"{ctx.anchor.year - 1:04d}", True)


def _m_the_day(m: re.Match[str], ctx: _Ctx) -> Result:
    """"ending the day", "for the day", "the same day": the day of the report."""
    if ctx.anchor is None:
        return ("DATE", "XXXX-XX-XX", True)
    return ("DATE", ctx.anchor.isoformat(), True)


def _m_military(m: re.Match[str], ctx: _Ctx) -> Result:
    base = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return ("TIME", f"{base}T{m.group('h')}:{m.group('mi')}Z", True)


def _m_long_adj(m: re.Match[str], ctx: _Ctx) -> Result:
    return ("DURATION", _duration("X", m.group("unit")), False)


def _m_edge_of(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = m.group("unit").lower()
    rel = (m.group("rel") or "the").lower()
    if ctx.anchor is None:
        return ("DATE", "XXXX", True)
    step = {"last": -1, "next": 1}.get(rel, 0)
    return ("DATE", _unit_value(unit, _shift(unit, ctx.anchor, step)), True)


def _m_rel_unit(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = m.group("unit").lower()
    rel = m.group("rel").lower()
    if ctx.anchor is None:
        return ("DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX"}.get(unit, "XXXX"), True)
    step = _REL_STEP.get(rel, 0)
    return ("DATE", _unit_value(unit, _shift(unit, ctx.anchor, step)), True)


def _m_weekend(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.anchor is None:
        return ("DATE", "XXXX-WXX-WE", True)
    d = ctx.anchor + dt.timedelta(weeks=0 if ctx.future or ctx.anchor.weekday() >= 5 else -1)
    return ("DATE", _iso_week(d) + "-WE", True)


def _title_today(text: str, at: int) -> bool:
    """Is the capitalized "Today" at ``at`` a name — mid-sentence, in a line that is not a
    title-case headline ("BBC Radio 4's Today programme", "told USA Today")?"""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at].rstrip()
    if not before or before[-1] in ".!?:;\"“‘'—–-(,":
        return False  # a sentence or clause may open with it ("Today, the council …")
    return not _title_case_line(text, at)


#: the capitalized word after a weekday ("Sunday World", "the Sunday Times")
_NEXT_CAPITAL = re.compile(r"\s+([A-Z][a-z]+)\b")


def _starts_a_name(text: str, end: int) -> bool:
    """Does a capitalized word that is no month, weekday or time of day follow the weekday (or
    "Daily", "Weekly") ending at ``end``, in a line that is not a title-case headline? Then it
    starts a name — a paper ("Sunday World journalists", "told the Daily Mail"), not a day."""
    m = _NEXT_CAPITAL.match(text, end)
    if m is None:
        return False
    word = m.group(1).lower()
    lx = _lex()
    if word in lx.months or word in lx.weekdays or word in _PARTS or word in ("and", "or", "to", "through", "the"):
        return False
    return not _title_case_line(text, end)


def _title_case_line(text: str, at: int) -> bool:
    """Is the line around ``at`` in title case (most of its longer words capitalized)?"""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    words = [w for w in text[line_start : line_end if line_end >= 0 else len(text)].split() if len(w) > 3 and w[:1].isalpha()]
    return sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _m_day_word(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("w") == "Today" and not m.group("beyond") and not m.group("adv") and _title_today(m.string, m.start("w")):
        return None
    w = m.group("w").lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
    if m.group("beyond"):  # "the day before yesterday", "the day after tomorrow"
        offset += -1 if m.group("beyond").lower() == "before" else 1
    typ = "TIME" if w == "tonight" else "DATE"
    if ctx.anchor is None:
        return (typ, "XXXX-XX-XX" + ("TNI" if w == "tonight" else ""), True)
    d = (ctx.anchor + dt.timedelta(days=offset)).isoformat()
    return (typ, d + ("TNI" if w == "tonight" else ""), True)


def _m_ordinal_day(m: re.Match[str], ctx: _Ctx) -> Result:
    """"on the 5th": that day of the anchor's month — of the month before when it is still to
    come and the sentence looks back, of the month after when it is past and the sentence looks
    forward."""
    day = int(m.group("day"))
    if ctx.anchor is None:
        return ("DATE", f"XXXX-XX-{day:02d}", True)
    future = ctx.future
    month_start = ctx.anchor.replace(day=1)
    if future and day < ctx.anchor.day:
        month_start = _add_months(month_start, 1)
    elif not future and day > ctx.anchor.day:
        month_start = _add_months(month_start, -1)
    if day > calendar.monthrange(month_start.year, month_start.month)[1]:
        return None
    return ("DATE", month_start.replace(day=day).isoformat(), True)


_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}


def shift_of(text: str) -> tuple[int, str] | None:
    """(signed count, unit) of a ``shift`` expression: "two days later" → (2, "day"), "the day
    before" → (-1, "day"); None for any other text (or a count that is no whole number)."""
    m = _patterns()["shift"].fullmatch(text)
    return _shift_parts(m) if m is not None else None


def _shift_parts(m: re.Match[str]) -> tuple[int, str] | None:
    if m.group("unit"):
        n = _num(m.group("num"))
        if not isinstance(n, (int, float)) or n != int(n):
            return None
        sign = -1 if m.group("dir").lower() in ("earlier", "before") else 1
        return sign * int(n), m.group("unit").lower()
    if m.group("unit2"):
        return (1 if m.group("rel").lower() in ("following", "next") else -1), "day"
    return (1 if m.group("dir2").lower() == "after" else -1), "day"


def _m_shift(m: re.Match[str], ctx: _Ctx) -> Result:
    got = _shift_parts(m)
    return ("DATE", _UNKNOWN[got[1]], True) if got else None


def _m_part_of_day(m: re.Match[str], ctx: _Ctx) -> Result:
    rel = m.group("rel").lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and m.group("p").lower() != "night":
        offset = -1
    if ctx.anchor is None:
        return ("TIME", f"XXXX-XX-XXT{_PARTS[m.group('p').lower()]}", True)
    return ("TIME", f"{(ctx.anchor + dt.timedelta(days=offset)).isoformat()}T{_PARTS[m.group('p').lower()]}", True)


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")


def names_a_day(text: str, weekday_at: int) -> bool:
    """Does the capitalized word before the weekday at ``weekday_at`` make it the name of a day —
    "Black Monday", "Super Tuesday", "Good Friday" (``timex.toml`` ``named_day_words``)?"""
    m = _WORD_BEFORE.search(text, max(0, weekday_at - 12), weekday_at)
    return m is not None and m.group(1).lower() in _lex().named_day_words


def _m_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
    if not m.group("wd")[0].isupper():
        return None
    if not m.group("rel") and names_a_day(m.string, m.start("wd")):
        return None  # "Black Monday": a day's name, not the last Monday
    if not m.group("rel") and not m.group("p") and _starts_a_name(m.string, m.end()):
        return None  # "Sunday World journalists": a paper's name
    wd = _lex().weekdays[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    if ctx.anchor is None:
        return ("DATE", f"XXXX-WXX-{wd + 1}", True)
    if m.group("wk") and not rel:  # "Monday last week": the day of the week named
        monday = ctx.anchor - dt.timedelta(days=ctx.anchor.weekday()) + dt.timedelta(weeks=_REL_STEP.get(m.group("wk").lower(), 0))
        d = monday + dt.timedelta(days=wd)
        return ("TIME", f"{d.isoformat()}T{_PARTS[m.group('p').lower()]}", True) if m.group("p") else ("DATE", d.isoformat(), True)
    delta = wd - ctx.anchor.weekday()
    if rel in ("next", "coming") or (not rel and ctx.future):  # "next Thursday": the coming one, within a week
        delta = delta if delta > 0 else delta + 7
    elif rel in ("last", "past"):
        delta = delta if delta < 0 else delta - 7
    elif rel == "this":
        pass
    else:
        delta = delta if delta <= 0 else delta - 7
    d = ctx.anchor + dt.timedelta(days=delta)
    if m.group("p"):
        return ("TIME", f"{d.isoformat()}T{_PARTS[m.group('p').lower()]}", True)
    return ("DATE", d.isoformat(), True)


def _m_clock(m: re.Match[str], ctx: _Ctx) -> Result:
    h = int(m.group("h"))
    if not (m.group("mi") or m.group("ap")):
        return None  # a bare number is not a time
    if m.group("mi") is None and m.group("ap") is None:
        return None
    if h > 23:
        return None
    ap = (m.group("ap") or "").lower().replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    mi = int(m.group("mi") or 0)
    tz = "Z" if (m.group("tz") or "").upper() in ("UTC", "GMT") else ""
    day = (m.group("day") or "").lower()
    base: str
    if ctx.anchor is None:
        base = "XXXX-XX-XX"
    else:
        base = (ctx.anchor + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day, 0))).isoformat()
    return ("TIME", f"{base}T{h:02d}:{mi:02d}{tz}", True)


def _m_noon(m: re.Match[str], ctx: _Ctx) -> Result:
    base = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return ("TIME", f"{base}T{'12:00' if m.group('w').lower() == 'noon' else '24:00'}", True)


def _m_adj_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group(0).lower().endswith("-old"):
        return None
    n = _num(m.group("num"))
    if n is None:
        return None
    return ("DURATION", _duration(n, m.group("unit")), False)


def _m_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("ago"):
        return None
    n = _num(m.group("num"))
    if n is None:
        return None
    unit = m.group("unit").lower()
    if unit == "second" and m.group("num").lower() in ("a", "an", "one") and not m.group(0).lower().endswith("seconds"):
        return None  # "a second consecutive day": an ordinal
    if m.group("num").lower() in ("a", "an") and unit in ("day", "week", "month", "year", "quarter"):
        # "15 a year" is a frequency, handled as a SET
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if re.search(r"\d\s*$|\bonce\s*$|\btwice\s*$|\btimes\s*$", before):
            return None
    return ("DURATION", _duration(n, unit), False)


def _m_vague_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = m.group("unit").lower()
    pre = m.group("pre").lower()
    if pre in ("in recent",):
        return ("DATE", "PAST_REF", True)
    if pre == "in the coming":
        return ("DATE", "FUTURE_REF", True)
    return ("DURATION", _duration("X", unit), False)


def _m_set_per(m: re.Match[str], ctx: _Ctx) -> Result:
    q = m.group("q").lower()
    before = ctx.text[max(0, m.start() - 14) : m.start()]
    if q in ("a", "an") and not re.search(r"(\d|\bonce|\btwice|\btimes|\bhours|\bdays)\s*$", before):
        return None
    return ("SET", _duration(1, m.group("unit")), False)


def _m_range_first(m: re.Match[str], ctx: _Ctx) -> Result:
    return ("DURATION", _duration(int(m.group("num")), m.group("unit").lower()), False)


def _m_set_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
    """"every Sunday": a recurring day, not one date."""
    return ("SET", f"XXXX-WXX-{_lex().weekdays[m.group('wd').lower()] + 1}", False)


def _m_vague_after(m: re.Match[str], ctx: _Ctx) -> Result:
    """"days after the summit": an unspecified number of days, a duration (TIMEX3 ``PXD``)."""
    return ("DURATION", _duration("X", m.group("unit").lower()), False)


#: "a Mumbai daily", "the national weekly": a determiner before the set word …
_PAPER_BEFORE = re.compile(r"\b(?:a|an|the|another|local|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: … and no noun after it (a "daily briefing" is a set): the word is a newspaper
_PAPER_AFTER = re.compile(r"\s*(?:[,.;:)!?]|$|(?:on|in|of|that|which|said|says|reported|reports|published|has|had|is|was|and|quoted|cited)\b)")


def _m_set_word(m: re.Match[str], ctx: _Ctx) -> Result:
    if m.group("w")[:1].isupper() and _starts_a_name(m.string, m.end()):
        return None  # "the Daily Mail", "the Weekly Standard": a paper's name
    if (_PAPER_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) and _PAPER_AFTER.match(m.string, m.end())
            and m.group("w").lower() in ("daily", "weekly", "monthly")):
        return None  # "a report published in a Mumbai daily on Saturday": a newspaper
    return ("SET", _lex().sets[m.group("w").lower()], False)


def _m_ref(m: re.Match[str], ctx: _Ctx) -> Result:
    w = m.group("w").lower()
    if w == "now":
        after = ctx.text[m.end() : m.end() + 6].lower()
        if re.match(r"\s*that\b|-", after):
            return None
        if ctx.anchor is not None:
            return ("DATE", ctx.anchor.isoformat(), True)
    value = _lex().refs[w]
    return ("DATE", value, True)


def _m_christmas(m: re.Match[str], ctx: _Ctx) -> Result:
    w = m.group("w").lower()
    md = "12-25" if w.startswith("christmas") and "eve" not in w else "12-24" if "christmas" in w else "12-31" if "eve" in w else "01-01"
    if ctx.anchor is None:
        return ("DATE", f"XXXX-{md}", True)
    return ("DATE", f"{ctx.anchor.year}-{md}", True)


class _Ctx:
    """What a rule may consult besides its match: the text, the anchor date and the tense around
    the expression. The tense is worked out only if the rule asks (most rules never do, and
    weighing tense markers was a fifth of the tagger's time)."""

    __slots__ = ("text", "_anchor", "_span", "_future", "_past", "asked")

    def __init__(self, text: str, anchor: dt.date | None, span: tuple[int, int]) -> None:
        self.text, self._anchor, self._span = text, anchor, span
        self._future: bool | None = None
        self._past: bool | None = None
        self.asked = False  # did the rule read the anchor? (if no rule did, the tags hold for any anchor)

    @property
    def anchor(self) -> dt.date | None:
        self.asked = True
        return self._anchor

    @property
    def future(self) -> bool:
        if self._future is None:
            self._future = _future(self.text, *self._span)
        return self._future

    @property
    def past(self) -> bool:
        if self._past is None:
            self._past = _past(self.text, *self._span)
        return self._past


# (pattern name, matcher, priority: higher wins among equally long overlapping matches)
_RULES: tuple[tuple[str, Callable[[re.Match[str], _Ctx], Result], int], ...] = (
    ("month-day", _m_month_day, 9),
    ("day-month", _m_month_day, 8),
    ("iso-date", _m_iso, 9),
    ("us-date", _m_us, 9),
    ("dot-date", _m_dot, 9),
    ("month-year", _m_month_year, 9),
    ("quarter", _m_quarter, 7),
    ("q-number", _m_qnum, 7),
    ("fiscal-year", _m_fiscal, 8),
    ("season", _m_season, 6),
    ("month", _m_month, 5),
    ("decade", _m_decade, 6),
    ("year", _m_year, 4),
    ("apostrophe-year", _m_apostrophe_year, 3),
    ("ago", _m_ago, 8),
    ("rel-span", _m_rel_span, 8),
    ("rel-unit-duration", _m_rel_unit_duration, 8),
    ("the-rel-unit", _m_the_rel_unit, 7),
    ("shift", _m_shift, 8),
    ("same-year-before", _m_same_year_before, 8),
    ("the-day", _m_the_day, 4),
    ("military-time", _m_military, 6),
    ("long-adj", _m_long_adj, 6),
    ("edge-of", _m_edge_of, 7),
    ("rel-unit", _m_rel_unit, 7),
    ("weekend", _m_weekend, 5),
    ("day-word", _m_day_word, 6),
    ("ordinal-day", _m_ordinal_day, 5),
    ("part-of-day", _m_part_of_day, 7),
    ("weekday", _m_weekday, 5),
    ("clock", _m_clock, 6),
    ("noon", _m_noon, 5),
    ("adj-duration", _m_adj_duration, 6),
    ("duration", _m_duration, 5),
    ("vague-duration", _m_vague_duration, 4),
    ("set-per", _m_set_per, 5),
    ("set-word", _m_set_word, 4),
    ("set-weekday", _m_set_weekday, 6),
    ("range-first", _m_range_first, 4),
    ("adj-duration-space", _m_adj_duration, 5),
    ("vague-after", _m_vague_after, 4),
    ("ref", _m_ref, 3),
    ("christmas", _m_christmas, 5),
)

def tag(text: str, *, anchor: dt.date | None = None) -> list[Timex]:
    """Temporal expressions in ``text``, resolved against ``anchor`` (None: leave relative ones open).

    Overlapping candidates are settled longest first, then by rule priority; results are sorted by
    position and never overlap.
    """
    return resolve(text, candidates(text), anchor=anchor)


Candidate = tuple  # (start, end, priority, rule name, matcher, match)


def candidates(text: str, *, rules: tuple[str, ...] | None = None) -> list[Candidate]:
    """Every rule's matches in ``text``, longest first, then by priority and position — the
    regex work of :func:`tag`, which does not depend on the anchor: tag a text against several
    anchors (or none, then one) by resolving the same candidates again.

    ``rules``: only these rules (the caller has ruled out the others, see :func:`candidates_column`).
    """
    if rules is not None:
        run = _rules_to_run(rules)
    elif GATES:
        words = _open_word_gates(text)
        if "temporal" not in words and _gates()[0]["digit"].search(text) is None:
            return []  # neither a digit nor a word some rule starts from
        skip = _skipped_rules(text, words)
        run = _rules_to_run(tuple(name for name, _, _ in _RULES if name not in skip))
    else:
        if not _maybe_temporal().search(text):
            return []
        run = _rules_to_run(None)
    return _find(text, run)


def _find(text: str, run: tuple) -> list[Candidate]:
    """The matches of the rules in ``run`` (:func:`_rules_to_run`) in ``text``, sorted as
    :func:`candidates` sorts them."""
    found = []
    for name, fn, prio, finditer, span_group in run:
        for m in finditer(text):
            s, e = m.span()
            if e <= s:
                continue
            if span_group:
                s, e = m.span(span_group)
            if text[s : s + 1].isspace() or text[e - 1 : e].isspace():
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
            found.append((s, e, prio, name, fn, m))
    found.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    return found


@lru_cache(maxsize=1)
def _supersets() -> tuple[str | None, ...]:
    from workbench.text.prefilter import superset_of

    pats = _patterns()
    return tuple(superset_of(pats[name]) for name, _, _ in _RULES)


@lru_cache(maxsize=1)
def _superset_gates() -> tuple[str | None, ...]:
    """Per rule, a Rust regex of its first gate (see :func:`_gates`: a word of its lexicon, or a
    character pattern such as a digit) — a necessary condition of the rule, which
    :func:`~workbench.text.prefilter.could_match` scans once for all the rules that share it."""
    from workbench.text.prefilter import superset_of

    chars, needs, words = _gates()
    out = []
    for name, _fn, _prio in _RULES:
        gate = needs.get(name, (None,))[0]
        pattern = chars[gate] if gate in chars else words[gate][0] if gate in words else None
        out.append(superset_of(pattern) if pattern is not None else None)
    return tuple(out)


@lru_cache(maxsize=4096)
def _rules_to_run(rules: tuple[str, ...] | None) -> tuple[tuple[str, Callable, int, Callable, int | str], ...]:
    """(name, matcher, priority, the pattern's finditer, the group that is the span) of ``rules``
    (None: all), in :data:`_RULES` order — looked up once per set of rules, not per sentence."""
    pats = _patterns()
    return tuple((name, fn, prio, pats[name].finditer, "span" if "span" in pats[name].groupindex else 0)
                 for name, fn, prio in _RULES if rules is None or name in rules)


@lru_cache(maxsize=4096)
def _run_of_bits(bits: int) -> tuple:
    """:func:`_rules_to_run` of the rules whose bit is set (bit i: ``_RULES[i]``)."""
    return _rules_to_run(tuple(name for i, (name, _, _) in enumerate(_RULES) if bits >> i & 1))


def candidates_column(texts: "pl.Series") -> Iterable[list[Candidate]]:
    """:func:`candidates` of every text of a polars column, in order — the rules that can match
    each text found first, for the whole column at once, by Rust regexes in polars
    (:mod:`workbench.text.prefilter`: each rule's pattern widened so that it matches at least where
    the rule does); then only those rules run, in Python, on that text. Same candidates as
    :func:`candidates` text by text (a test compares), several times faster on a corpus."""
    rows, found = candidate_rows(texts)
    at = iter(rows)
    nxt = next(at, None)
    for i in range(texts.len()):
        if i == nxt:
            yield next(found)
            nxt = next(at, None)
        else:
            yield []


def candidate_rows(texts: "pl.Series") -> tuple[list[int], Iterator[list[Candidate]]]:
    """The rows of ``texts`` some rule may match (ascending), and an iterator of their
    :func:`candidates` (computed as it is read, so a corpus's matches are never all in memory):
    :func:`candidates_column` without the rows no rule can match, which a caller need not visit."""
    if not GATES:
        return list(range(texts.len())), (candidates(t or "") for t in texts.to_list())
    bits = _rule_bits(texts)
    rows = [i for i, b in enumerate(bits) if b]
    picked = texts.gather(rows).to_list() if rows else []
    return rows, (_find(t or "", _run_of_bits(bits[i])) for i, t in zip(rows, picked))


def _rule_bits(texts: "pl.Series") -> list[int]:
    """Which rules can match each text, as one integer per text (bit i: rule i), made by polars."""
    import polars as pl

    from workbench.text.prefilter import could_match

    assert len(_RULES) < 64  # one bit per rule in a UInt64
    masks = could_match(texts, _supersets(), gates=_superset_gates())
    return pl.DataFrame(masks[:1]).select(pl.sum_horizontal(
        mask.cast(pl.UInt64) * (1 << i) for i, mask in enumerate(masks)).alias("bits")).get_column("bits").to_list()


_START = operator.attrgetter("start")


def resolve(text: str, found: list[Candidate], *, anchor: dt.date | None = None) -> list[Timex]:
    """:func:`tag`'s second half: settle overlaps among ``candidates(text)`` and give values."""
    return resolve_noting_anchor(text, found, anchor=anchor)[0]


def resolve_noting_anchor(text: str, found: list[Candidate], *, anchor: dt.date | None = None) -> tuple[list[Timex], bool]:
    """:func:`resolve`, and whether any rule read the anchor: if none did, the same tags come
    with any other anchor, or none — a caller that needs a sentence's tags both ways (the
    unanchored ones give the years a corpus mentions) resolves it once."""
    taken: list[tuple[int, int]] = []
    out: list[Timex] = []
    asked = False
    for s, e, _prio, name, fn, m in found:
        for ts, te in taken:  # a plain loop: a generator per candidate was a tenth of the tagger's time
            if s < te and ts < e:
                break
        else:
            ctx = _Ctx(text, anchor, (s, e))
            res = fn(m, ctx)
            asked = asked or ctx.asked
            if res is not None:
                typ, value, rel = res
                taken.append((s, e))
                if name == "weekday" and text.endswith(("that ", "That "), 0, s):
                    name = "that-weekday"  # "on that Wednesday": the one just mentioned (workbench.temporal.anaphora)
                out.append(Timex(s, e, text[s:e], typ, value, rel, name))
    return (sorted(out, key=_START) if len(out) > 1 else out), asked


# -- value -> calendar interval ---------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@lru_cache(maxsize=1 << 14)  # a corpus's expressions share a few thousand values
def value_range(value: str) -> tuple[dt.date | None, dt.date | None]:
    """The calendar interval a TIMEX3 DATE/TIME value covers (inclusive), or (None, None).

    >>> value_range("2024-11")
    (datetime.date(2024, 11, 1), datetime.date(2024, 11, 30))
    >>> value_range("2025-W28-WE")
    (datetime.date(2025, 7, 12), datetime.date(2025, 7, 13))
    """
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = dt.date.fromisoformat(v)
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            if m.group(3):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m.group(1)), int(m.group(2))
            last = 3 * q
            return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m.group(1))
            a, b = _SEASON_MONTHS[m.group(2)]
            if m.group(2) == "WI":
                return dt.date(y, 12, 1), dt.date(y + 1, 2, calendar.monthrange(y + 1, 2)[1])
            return dt.date(y, a, 1), dt.date(y, b, calendar.monthrange(y, b)[1])
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if re.fullmatch(r"\d{3}", v):
            y = int(v) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
        if re.fullmatch(r"\d{2}", v):
            y = int(v) * 100
            return dt.date(y, 1, 1), dt.date(y + 99, 12, 31)
    except ValueError:
        return None, None
    return None, None
