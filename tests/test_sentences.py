"""Sentence splitting: abbreviations, acronyms, initials, quotes."""

from __future__ import annotations

import pytest

from workbench.text.sentences import split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One. Two! Three? Four…", ["One.", "Two!", "Three?", "Four…"]),
        ("The U.S. President spoke. He left.", ["The U.S. President spoke.", "He left."]),
        ("They met in Washington, D.C. on Monday.", ["They met in Washington, D.C. on Monday."]),
        ("It happened in the U.S. The next day it spread.", ["It happened in the U.S.", "The next day it spread."]),
        ("Lt. Gen. Keith Kellogg and Dr. Jane Roe met Sen. Smith.", ["Lt. Gen. Keith Kellogg and Dr. Jane Roe met Sen. Smith."]),
        # a US state delegate, an attorney, a British councillor: titles before a name
        ("State Del. Rick Morris and Atty. Jo Bell met Cllr. Ann Lee.", ["State Del. Rick Morris and Atty. Jo Bell met Cllr. Ann Lee."]),
        ("J. Smith wrote it. Then he left.", ["J. Smith wrote it.", "Then he left."]),
        ("Acme Inc. said profits rose. Shares fell.", ["Acme Inc. said profits rose.", "Shares fell."]),
        ("On Jan. 5 it began.", ["On Jan. 5 it began."]),
        ("“There are losses; this is a fact,” he said. “We hold.”", ["“There are losses; this is a fact,” he said.", "“We hold.”"]),
        ("He asked: “Why not?” Nobody answered.", ["He asked: “Why not?”", "Nobody answered."]),
        ("Prices rose 3.5 percent. Wages did not.", ["Prices rose 3.5 percent.", "Wages did not."]),
        ("See e.g. the report. It is long.", ["See e.g. the report.", "It is long."]),
    ],
)
def test_split(text, expected):
    assert sents(text) == expected


def test_spans_are_offsets_into_the_text_within_bounds():
    text = "Intro.  First one.   Second one."
    spans = split_sentences(text, 7, len(text))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_no_text_no_sentences():
    assert split_sentences("   ") == []
