"""prefilter.guard: a Python pattern with its possible first characters checked first finds the
same matches as the pattern — for every pattern the workbench guards, on real and generated text."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MEANTIME, SEEDS
from workbench.text.prefilter import first_chars, guard, unguarded


def _all_guarded() -> list[re.Pattern[str]]:
    """Every pattern the extractors guard (their lexicons compiled), as guarded patterns."""
    import workbench as wb
    from workbench.claims import actors, lexicon
    from workbench.quotes import attribution, extract
    from workbench.temporal import tagger

    wb.hedges(wb.load_corpus(SEEDS, warn=False))  # hedge lexicon compiled
    found = list(tagger._patterns().values()) + [tagger._PAST_VERB, attribution.cue_pattern(), attribution._AFTER_PREPOSITION,
                                                 extract._PREPOSITION, actors._PRONOUN, actors._role_pattern()]
    dl = lexicon.denial_lexicon()
    found += [c.pattern for c in dl.cues] + [p for _, p in dl.exclusions] + [dl.reporting]
    found += [p for _, p in lexicon.hedge_lexicon().patterns]
    return found


GUARDED = _all_guarded()


def test_the_hot_patterns_are_guarded():
    """Every pattern listed above whose first characters are bounded is guarded; nearly all are."""
    assert [p.pattern[:60] for p in GUARDED if unguarded(p) is p and first_chars(p) is not None] == []
    assert sum(unguarded(p) is not p for p in GUARDED) >= 0.9 * len(GUARDED)


# characters Python's case-insensitive matching folds onto ASCII letters, and other edge cases
SPECIAL = "\u017f\u212a\u0130\u0131\u00df\u00b5\u03bc\u1e9e\u2126K’'“”-–— \t\n.,;:0123456789²"


def _alphabet(pattern: re.Pattern[str]) -> str:
    letters = {ch for ch in re.sub(r"\\.", "", pattern.pattern) if ch.isalpha()}
    return "".join(sorted(letters | {ch.upper() for ch in letters})) + SPECIAL


def _spans(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("folder", [SEEDS, MEANTIME], ids=["seeds", "meantime"])
def test_same_matches_on_real_sentences(folder):
    import workbench as wb

    texts = wb.load_corpus(folder, warn=False).sentences["text"].to_list()
    for p in GUARDED:
        original = unguarded(p)
        assert [_spans(p, t) for t in texts] == [_spans(original, t) for t in texts], original.pattern[:80]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_same_matches_on_generated_text(data):
    p = data.draw(st.sampled_from(GUARDED))
    original = unguarded(p)
    words = re.findall(r"[a-z]+", original.pattern.lower())[:200] or ["x"]
    pieces = st.one_of(st.sampled_from(words), st.sampled_from(words).map(str.title), st.sampled_from(words).map(str.upper),
                       st.text(alphabet=_alphabet(original), max_size=4))
    text = "".join(data.draw(st.lists(pieces, max_size=25)))
    assert _spans(p, text) == _spans(original, text)


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_class_folds_a_character_as_the_literal_does(flags):
    """The guard turns a pattern's first literals into a class: under each flag set, a literal and a
    one-character class match the same characters, over all of Unicode — checked for every letter
    the guarded patterns start with and for the characters that fold specially."""
    starts = set()
    for p in GUARDED:
        cls = first_chars(unguarded(p)) or "[]"
        starts |= {ch for ch in cls[1:-1] if ch.isalpha()}
    starts |= {"s", "k", "i", "S", "K", "I", "µ", "ß"}
    every = "".join(map(chr, range(sys.maxunicode + 1))).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    for ch in sorted(starts):
        as_literal = set(re.findall(re.escape(ch), every, flags))
        as_class = set(re.findall(f"[{re.escape(ch)}]", every, flags))
        assert as_literal == as_class, ch


def test_first_chars():
    assert first_chars(re.compile(r"\b(?:(?P<wd>mon|tue),?\s+)?(?:jan|feb)\.?", re.I)) == "[mtjf]"
    assert first_chars(re.compile(r"(?<![\w-])(?:\d+|x)y")) == r"[\dx]"
    assert first_chars(re.compile(r"a?b*c")) == "[abc]"
    assert first_chars(re.compile(r"[-\]^]z")) == r"[\-\]\^]"


@pytest.mark.parametrize("pattern", [r"a*", r"(?:x|)", r".b", r"[^a]b", r"(?-i:a)b", r"(a)?\1x", r"(a)?(?(1)a|b)", r"\W?."])
def test_no_first_chars_when_a_match_can_start_anywhere(pattern):
    assert first_chars(re.compile(pattern, re.I)) is None
    assert guard(re.compile(pattern, re.I)).pattern == pattern


def test_guard_leaves_what_re_already_scans_fast():
    """A case-sensitive literal or class in front: re skips ahead by it already."""
    for pattern in [r"abc", r"[ab]c", r"(?:said|told) x"]:
        assert guard(re.compile(pattern)).pattern == pattern
    assert guard(re.compile(r"\bsaid", re.I)).pattern == r"(?=[s])(?:\bsaid)"
    assert guard(re.compile(r"(?i)said")).pattern == "(?i)said"  # a global inline flag must stay first
    assert guard(re.compile("# x\nsaid", re.X)).pattern == "# x\nsaid"  # verbose: left alone


def test_unguarded_gives_the_original_pattern():
    original = re.compile(r"\b(?:held|kept)\b", re.I)
    assert unguarded(guard(original)) is original
    assert unguarded(original) is original


def test_a_guarded_patterns_superset_is_its_originals():
    """The guard's lookahead of first characters opens the pattern; the Rust superset is made from
    the pattern it guards (a superset cut at the guard would ask for one letter)."""
    from workbench.claims.lexicon import hedge_lexicon
    from workbench.text.prefilter import superset_of

    for _, pattern in hedge_lexicon().patterns:
        original = unguarded(pattern)
        assert original is not pattern and superset_of(pattern) == superset_of(original)
        assert len(superset_of(pattern)) > 40
