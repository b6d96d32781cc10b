"""The vectorized prefilter: a Rust superset of each Python pattern never rules out a real match."""

from __future__ import annotations

import re

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.claims.lexicon import denial_lexicon
from workbench.text.prefilter import could_match, fold_case, rust_superset

# generic patterns with what the rewrite must handle: lookarounds, boundaries, classes, flags
GENERIC = [
    r"(?<!\bthe )\bdisput(?:e|es|ed)\b(?= (?:that|the))",
    r"(?-i:\b[A-Z][\w’\x27-]+) denials?\b",
    r"\b(?:is|was)\s+[“\"‘]?(?:not true|false)\b",
    r"(?<=’s )(?:\w+ )?denials?\b",
    r"\bno\W+comment\b",
    r"[^a-z]\d{4}\b",
    r"[]x]y",
    r"\bcaf\S\b",
    r"\bx\w+y\b",
    r"\b(?P<h>[0-2]?\d)(?=:[0-5]\d|\s*(?:a\.m\.|pm\b))(?::(?P<mi>[0-5]\d))?\s*(?:am|pm)?",
    r"a(?=b)\w|\bdeny(?=ing)",
    r"\bcaf\u00e9\b|\bODOΣ\b",  # letters outside ASCII: lowercasing and case folding part ways ("Σ" -> "ς")
    r"(?-i:[A-Z]\x51)\d",
]


@pytest.mark.parametrize("pattern", GENERIC + [c.pattern.pattern for c in denial_lexicon().cues])
def test_every_pattern_here_has_a_superset(pattern):
    assert rust_superset(pattern) is not None


@pytest.mark.parametrize("pattern", [r"(\w+) \1", r"(?P<a>x)(?P=a)", r"[^\w]x", r"\N{EM DASH}", r"[[:alpha:]]", r"(?=a)?b", r"a[b--c]"])
def test_what_cannot_be_rewritten_safely_gives_none(pattern):
    assert rust_superset(pattern) is None


def test_supersets_match_lowercased_text_without_case_insensitive_mode():
    """ASCII letters become lowercase literals (the column is lowercased once, fold_case); only a
    class or a letter outside ASCII keeps case-insensitive matching, locally."""
    assert rust_superset(r"\bDENIED\b") == "denied"
    assert rust_superset(r"[A-Z]x\x41") == "(?i:[A-Z])xa"
    assert rust_superset(r"Caf\u00c9") == r"caf(?i:\u00c9)"
    assert rust_superset(r"(?P<Name>S)(?:T)") == "(?P<Name>s)(?:t)"  # a group's name is kept as written
    assert fold_case(pl.Series(["DENİED", "Strıke", "ſo", "\u212a", None])).to_list() == ["denied", "strike", "so", "k", ""]
    for cue in denial_lexicon().cues:
        assert cue.superset is None or not cue.superset.startswith("(?i)"), cue.name


def test_superset_drops_the_optional_parts_at_its_ends():
    """A match of "X? Y Z?" holds a match of Y: the superset is Y, which Rust finds by its literal
    start. Not with a top-level alternative, nor when nothing would be left."""
    assert rust_superset(r"\b(?:(?:over|in)\s+)?the\s+past\s+week(?:\s+or\s+so)?\b") == r"the[\s\x1c-\x1f]+past[\s\x1c-\x1f]+week"
    assert rust_superset(r"\s*(?P<w>today|tonight)s?") == "(?P<w>today|tonight)"
    assert rust_superset(r"(?:a\s+)?b|c") == r"(?:a[\s\x1c-\x1f]+)?b|c"
    assert rust_superset(r"(?:ab)?c*") == "(?:ab)?c*"
    assert rust_superset(r"x{0,2}y+?z{2}w??") == "y+?z{2}"


def test_superset_drops_what_only_restricts():
    assert rust_superset(r"(?<!\bthe )\bdisput(?:e|ed)\b(?= that)") == "disput(?:e|ed)(?: that)"
    # the first lookahead outside groups is asked for and the pattern cut there; one inside a
    # group, or before an alternative the cut would drop, is dropped itself
    assert rust_superset(r"\b(\d+)(?=\s*(?:to|-)\s*\d+\s+days?\b)(?!-)") == r"(\d+)(?:[\s\x1c-\x1f]*(?:to|-)[\s\x1c-\x1f]*\d+[\s\x1c-\x1f]+days?)"
    assert rust_superset(r"a(?=b)c") == "a(?:b)"
    assert rust_superset(r"\b(\d+)(?=:\d\d|\s*pm)(?::(\d\d))?\s*(pm)?") == r"(\d+)(?::\d\d|[\s\x1c-\x1f]*pm)"
    assert rust_superset(r"(?:a(?=b))") == "(?:a)"
    assert rust_superset(r"a(?=b)(?=c)") == "a(?:b)"
    assert rust_superset(r"a(?=b)c|d") == "ac|d"
    assert rust_superset(r"x|a(?=b)[|]c") == "x|a(?:b)"
    assert rust_superset(r"(?-i:[A-Z]x)") == "(?:(?i:[A-Z])x)"


_PATTERNS = GENERIC + [c.pattern.pattern for c in denial_lexicon().cues]
_BITS = ["deny", "denying", "ab", "12:30", "9 pm", "7 a.m.", "99:99", "3", ":", "DENIED", "denİed", "den\u0131ed", "ſ", "K", "²", "\x1c", "\u0301", "’s", "'s", "the", "a", "denial", "denials", "of",
         "disputed", "that", "is", "was", "not true", "false", "no", "comment", "Peskov", "Kremlin", "ODOΣ", "odoσ", "odoς", "CAFÉ", "Café", "Q", "q", "—", "“", "\"", "1999", "caf\u00e9",
         " ", "  ", "\n", ",", ".", "x", "y", "]", "never", "happened", "cast", "doubt", "on", "dismissed", "as", "nonsense"]


def _python_matches(texts: list[str]) -> list[list[bool]]:
    compiled = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]
    return [[c.search(t) is not None for t in texts] for c in compiled]


@given(st.lists(st.lists(st.sampled_from(_BITS), max_size=10).map(" ".join) | st.lists(st.sampled_from(_BITS), max_size=10).map("".join)
                | st.text(max_size=30), min_size=1, max_size=20))
@settings(max_examples=200, deadline=None)
@example(["it is\x1cnot true", "it was\x1cfalse", "x²y", "they denİed it", "DEN\u0131ED"])  # each engine's edge
def test_superset_never_rules_out_a_match(texts):
    column = pl.Series("text", texts)
    possible = could_match(column, [rust_superset(p) for p in _PATTERNS])
    for pattern, python, rust in zip(_PATTERNS, _python_matches(texts), possible):
        missed = [t for t, p, r in zip(texts, python, rust.to_list()) if p and not r]
        assert missed == [], pattern


def test_superset_rules_out_most_sentences(seeds):
    """What it is for: on real sentences most cues are ruled out (else it would be no use)."""
    texts = seeds.sentences["text"]
    possible = could_match(texts, [c.superset for c in denial_lexicon().cues])
    tried = sum(int(p.sum()) for p in possible)
    assert tried < 0.1 * texts.len() * len(possible)


@pytest.mark.parametrize("module, extract, at_least", [("workbench.claims.denials", "extract_denials", 1),
                                                      ("workbench.claims.hedges", "hedges", 50)])
def test_extractors_with_and_without_the_prefilter_are_identical(seeds, meantime, module, extract, at_least):
    """Denial cues and hedge markers looked for only where the column prefilter lets them through
    give exactly the rows of looking everywhere."""
    import importlib

    mod = importlib.import_module(module)
    for corpus in (seeds, meantime):
        fast = getattr(mod, extract)(corpus)
        try:
            mod.PREFILTER = False
            slow = getattr(mod, extract)(corpus)
        finally:
            mod.PREFILTER = True
        assert fast.height >= at_least and fast.equals(slow)


# -- hedges: the prefilter never rules out a marker -------------------------------------------------

_HEDGE_BITS = ["allegedly", "ALLEGEDLY", "reportedly", "it is unclear", "according to", "confirmed", "claimed", "unconfirmed",
               "non-alleged", "alleged-", "-", "\u0130t is unclear", "\u0131t", "\u017fupposedly", "_", "é", " ", ",", "He", "said"]


@given(st.lists(st.sampled_from(_HEDGE_BITS), max_size=10).map(" ".join) | st.lists(st.sampled_from(_HEDGE_BITS), max_size=6).map("".join))
@settings(max_examples=300, deadline=None)
@example("\u017fupposedly he did")  # long s: Python's re takes it for s when ignoring case
def test_hedge_prefilter_never_rules_out_a_marker(text):
    """Every category that finds a marker in a text is one the prefilter lets through."""
    from workbench.claims.lexicon import hedge_lexicon
    from workbench.text.prefilter import superset_of

    patterns = hedge_lexicon().patterns
    possible = could_match(pl.Series([text]), [superset_of(p) for _, p in patterns])
    for (category, pattern), can in zip(patterns, possible):
        if pattern.search(text):
            assert can[0], (category, text)


def test_patterns_sharing_a_gate_run_only_where_it_opens():
    """A gate shared by two or more patterns is scanned once; they are looked for only in the
    texts it lets through. A gate of one pattern is not worth a scan and is not used."""
    texts = pl.Series("text", ["ab", "b", "a", None, "cb"])
    got = [m.to_list() for m in could_match(texts, ["b", "c", "b", None], gates=["a", "a", "x", "a"])]
    assert got == [
        [True, False, False, False, False],  # "b" where "a" opens
        [False, False, False, False, False],  # "c" only in "cb", which "a" keeps shut
        [True, True, False, False, True],  # the lone gate "x" is not used
        [True, True, True, True, True],  # no pattern: may match anywhere
    ]
    assert [m.to_list() for m in could_match(texts, ["b", "c"])] == [[True, True, False, False, True], [False, False, False, False, True]]
