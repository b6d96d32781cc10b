"""Quotation marks: quotes told apart from apostrophes, nesting, unbalanced marks."""

from __future__ import annotations

import pytest

from workbench.quotes.marks import find_spans


def texts(paragraph: str) -> list[str]:
    return [s.text for s in find_spans(paragraph)]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("He said, “We will win.”", ["We will win."]),
        ('He said, "We will win."', ["We will win."]),
        ("Trump’s threat to ‘bomb the s*** out of Moscow’ in tapes", ["bomb the s*** out of Moscow"]),
        ("Trump makes move after threatening to 'bomb Moscow' in audio", ["bomb Moscow"]),
        # nested: one quotation by the outer speaker, the inner marks stay inside it
        ("He told them: “With Putin I said, ‘If you go into Ukraine, I’m going to bomb.’” Then he left.",
         ["With Putin I said, ‘If you go into Ukraine, I’m going to bomb.’"]),
        ("a temporary “pause” and “strongman” diplomacy", ["pause", "strongman"]),
        ("« Nous gagnerons », a-t-il dit.", [" Nous gagnerons "]),
    ],
)
def test_spans(paragraph, expected):
    assert texts(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trump’s comments haven’t changed; the soldiers’ lives matter.",
        "It was rock ’n’ roll in the ’90s.",
        "He is 5'10\" tall.",
        "O'Brien's dog and the Joneses' house",
        "",
        "no marks at all",
    ],
)
def test_apostrophes_and_inch_marks_are_not_quotes(paragraph):
    assert texts(paragraph) == []


def test_offsets_point_between_the_marks():
    p = "Before “inside one” and ‘inside two’ after."
    for s in find_spans(p):
        assert p[s.start : s.end] == s.text
        assert p[s.open_at] in "“‘" and p[s.close_at] in "”’"


def test_unclosed_quote_is_flagged_and_runs_to_the_paragraph_end():
    (span,) = find_spans("“The importance of this area cannot be underestimated")
    assert span.flags == ("unclosed",) and span.close_at is None
    assert span.text.endswith("underestimated")


def test_a_quote_reopened_before_it_closed_ends_where_the_next_one_opens():
    """A multi-paragraph quotation whose paragraph breaks were lost: the reopening mark starts a
    new quotation, and the open one ends before it (it does not run over the next one)."""
    text = 'Ferry said: "I have no regrets. "We did nothing wrong." One of the men left.'
    first, second = find_spans(text)
    assert (first.text, first.close_at, first.flags) == ("I have no regrets.", None, ("unclosed", "reopened"))
    assert (second.text, second.flags) == ("We did nothing wrong.", ())
    assert first.end < second.open_at


def test_stray_closing_mark_never_raises_and_finds_nothing():
    assert texts("a stray” mark and another” one") == []


@pytest.mark.parametrize("paragraph", ["“", "”", "‘’", "“”", "“ ”", "\"\"\"", "“a “b “c", "’’’’", "“‘“‘”’”’", "x" * 3000 + "“"])
def test_odd_input_never_raises(paragraph):
    for s in find_spans(paragraph):
        assert paragraph[s.start : s.end] == s.text


# -- the scans visit only the marks: the same pairs as a walk over every character ---------------


def _doubles_every_char(text):
    from workbench.quotes.marks import DOUBLE_CLOSE, DOUBLE_OPEN, _can_close, _can_open

    pairs, stray, open_at, depth = [], [], None, 0
    for i, ch in enumerate(text):
        if ch in DOUBLE_OPEN or (ch == '"' and open_at is None and _can_open(text, i)):
            if open_at is None:
                open_at = i
            elif ch in DOUBLE_OPEN and _can_open(text, i):
                depth += 1
            continue
        if ch in DOUBLE_CLOSE or ch == '"':
            if open_at is None:
                if ch in DOUBLE_CLOSE or _can_close(text, i):
                    stray.append(i)
                continue
            if depth and ch in DOUBLE_CLOSE:
                depth -= 1
                continue
            if ch == '"' and not _can_close(text, i) and _can_open(text, i):
                pairs.append((open_at, None))
                open_at = i
                continue
            pairs.append((open_at, i))
            open_at, depth = None, 0
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs, stray


def _singles_every_char(text, lo, hi):
    from workbench.quotes.marks import SINGLE_CLOSE, SINGLE_OPEN, _can_close, _can_open, _is_apostrophe

    pairs, open_at = [], None
    for i in range(lo, hi):
        ch = text[i]
        if ch in SINGLE_OPEN or ch == "'":
            if open_at is None and _can_open(text, i) and not _is_apostrophe(text, i):
                open_at = i
                continue
        if (ch in SINGLE_CLOSE or ch == "'") and open_at is not None and i > open_at + 1:
            if _is_apostrophe(text, i) or not _can_close(text, i):
                continue
            pairs.append((open_at, i))
            open_at = None
    return pairs


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("“”«»„‘’‹›\"' ab.,\n—(") ), max_size=40), st.integers(0, 40), st.integers(0, 40))
@settings(max_examples=400, deadline=None)
def test_mark_scans_equal_the_walk_over_every_character(text, lo, hi):
    from workbench.quotes.marks import _doubles, _singles

    assert _doubles(text) == _doubles_every_char(text)
    lo, hi = min(lo, len(text)), min(hi, len(text))
    assert _singles(text, lo, hi) == _singles_every_char(text, lo, hi)


def _singles_every_mark(text, lo, hi):
    """_singles as it was written first: every single mark of the stretch visited."""
    from workbench.quotes import marks as M

    pairs, open_at = [], None
    for m in M._SINGLE_MARKS.finditer(text, lo, hi):
        i, ch = m.start(), m.group()
        if ch in M.SINGLE_OPEN or ch == "'":
            if open_at is None and M._can_open(text, i) and not M._is_apostrophe(text, i):
                open_at = i
                continue
        if (ch in M.SINGLE_CLOSE or ch == "'") and open_at is not None and i > open_at + 1:
            if M._is_apostrophe(text, i) or not M._can_close(text, i):
                continue
            pairs.append((open_at, i))
            open_at = None
    return pairs



@given(st.text(alphabet="ab ’‘'‹›“”\".,s", max_size=40).flatmap(
    lambda t: st.tuples(st.just(t), st.integers(0, len(t)), st.integers(0, len(t)))))
@settings(max_examples=500, deadline=None)
def test_single_quotes_start_at_the_first_opener(case):
    """Single quotations are looked for from the first mark that can open one: the same pairs."""
    from workbench.quotes.marks import _singles

    text, lo, hi = case
    assert _singles(text, lo, hi) == _singles_every_mark(text, lo, hi)


@pytest.mark.parametrize("text, expected", [
    ("She said: 'We did nothing wrong. The payments were \"entirely proper\" and declared.'",
     [('We did nothing wrong. The payments were "entirely proper" and declared.', "single")]),
    ("‘We did nothing wrong. The payments were “entirely proper”,’ he said.", [("We did nothing wrong. The payments were “entirely proper”,", "single")]),
    # an apostrophe that could open ('90s) and a plural's that could close do not swallow a quotation
    ("In the '90s, \"boom\" times, players' wages soared.", [("boom", "double")]),
    ("He said, “We will ‘win’ it,” and left.", [("We will ‘win’ it,", "double")]),
])
def test_single_quotes_outside_double_ones(text, expected):
    assert [(s.text, s.mark) for s in find_spans(text)] == expected
