"""The content checks behind ``corpus.problems``: the quotation-mark balance of a text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks import _deepest, quote_balance


@given(st.text(alphabet="“”\"ab ", max_size=30))
@settings(max_examples=500, deadline=None)
def test_balance_equals_walking_every_mark(text):
    """The shortcut (a depth of 2 needs a “ with no ” since the “ before it) gives what walking the marks gives."""
    opening, closing, straight, deepest = quote_balance(text)
    assert (opening, closing, straight) == (text.count("“"), text.count("”"), text.count('"'))
    assert deepest == _deepest("".join(ch for ch in text if ch in "“”"))


def test_balance_of_nested_and_stray_marks():
    assert quote_balance("“a “b “c” d” e”") == (3, 3, 0, 3)
    assert quote_balance("” ” “a” “b") == (2, 3, 0, 1)
    assert quote_balance("no marks") == (0, 0, 0, 0)
