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


def test_stray_closing_mark_never_raises_and_finds_nothing():
    assert texts("a stray” mark and another” one") == []


@pytest.mark.parametrize("paragraph", ["“", "”", "‘’", "“”", "“ ”", "\"\"\"", "“a “b “c", "’’’’", "“‘“‘”’”’", "x" * 3000 + "“"])
def test_odd_input_never_raises(paragraph):
    for s in find_spans(paragraph):
        assert paragraph[s.start : s.end] == s.text
