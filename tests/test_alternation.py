"""text.alternation: a lexicon's phrases as a trie-shaped regex find the matches of the plain
longest-first alternation — same spans, same groups, same preference — on random phrases and
texts, and on the workbench's own lexicons over real sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MEANTIME, SEEDS
from workbench.text.alternation import phrase_alternation


def flat_alternation(phrases, *, space=r"\s+"):
    """The plain alternation of the phrases, longest first: what the trie must equal."""
    kept = sorted({p.strip() if space is not None else p for p in phrases} - {""}, key=lambda p: (-len(p), p))
    if space is None:
        return "|".join(re.escape(p) for p in kept)
    return "|".join(space.join(re.escape(w) for w in p.split()) for p in kept)

#: a small alphabet, so that phrases share prefixes and texts hit them: letters in both cases, the
#: pair re folds beyond lower() ("s"/"ſ"), the Kelvin sign, white space, a hyphen and a dot
_ALPHABET = "abAB sſSK k-.\n"
_WRAPPERS = ("{}", r"\b(?:{})\b", r"({})x?", r"(?<![\w-])(?:{})(?![\w-])", r"(?:{})\s*$")


def _found(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(phrases=st.lists(st.text(_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=7),
       texts=st.lists(st.text(_ALPHABET + "xyz", max_size=24), min_size=1, max_size=4),
       ignore_case=st.booleans(), space=st.sampled_from([r"\s+", None]), wrapper=st.sampled_from(_WRAPPERS))
def test_the_trie_matches_what_the_flat_alternation_matches(phrases, texts, ignore_case, space, wrapper):
    flat = flat_alternation(phrases, space=space)
    if not flat:
        assert phrase_alternation(phrases, ignore_case=ignore_case, space=space) == ""
        return
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(wrapper.format(flat), flags)
    trie = re.compile(wrapper.format(phrase_alternation(phrases, ignore_case=ignore_case, space=space)), flags)
    for text in texts:
        assert _found(trie, text) == _found(plain, text)


def test_the_trie_shares_prefixes_and_prefers_the_longer_phrase():
    alternation = phrase_alternation(["say", "said", "saying", "says", "according to"], ignore_case=True)
    assert alternation == r"according\s+to|sa(?:id|y(?:ing|s)?)"
    pattern = re.compile(rf"\b(?:{alternation})", re.IGNORECASE)
    assert [m.group() for m in pattern.finditer("He SAYS, saying what she said; according\n to him")] == [
        "SAYS", "saying", "said", "according\n to"]


def test_case_variants_share_a_branch_only_under_ignore_case():
    assert phrase_alternation(["May", "may"], ignore_case=True) == "may"
    assert phrase_alternation(["May", "may"], ignore_case=False) == "May|may"
    assert phrase_alternation(["new year"], ignore_case=True, space=None) == r"new\ year"
    # re folds "ſ" (long s) with "s" though "ſ".lower() is itself: one branch too, else the trie
    # would try "sa" before "ſab" where the flat alternation finds "ſab" first
    assert phrase_alternation(["sa", "ſab"], ignore_case=True) == "sa(?:b)?"
    assert re.match(phrase_alternation(["sa", "ſab"], ignore_case=True), "SAB", re.I).group() == "SAB"


def _lexicon_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, the pattern as built, the same pattern with its lexicon written flat)."""
    from workbench.claims.actors import _role_pattern
    from workbench.claims.lexicon import actor_lexicon, hedge_lexicon
    from workbench.lexicon import load_lines, load_sections
    from workbench.quotes.attribution import cue_pattern
    from workbench.text.prefilter import unguarded

    out = [("cues", unguarded(cue_pattern()), re.compile(rf"\b(?:{flat_alternation(load_lines('quote_cues.txt'))})\b", re.I))]
    roles = flat_alternation(actor_lexicon().roles, space=None)
    out.append(("roles", unguarded(_role_pattern()),
                re.compile(rf"\b(?:(?:the|a|an|its|his|her|their)\s+(?:[\w-]+\s+)?)?({roles})\b(?!-)", re.I)))
    sections = {c: p for c, p in sorted(load_sections("hedges.txt").items()) if c and p}
    for (category, pattern), phrases in zip(hedge_lexicon().patterns, sections.values()):
        out.append((f"hedges:{category}", unguarded(pattern),
                    re.compile(rf"(?<![\w-])(?:{flat_alternation(phrases)})(?![\w-])", re.I)))
    return out


@pytest.mark.parametrize("source", [SEEDS, MEANTIME], ids=["seeds", "meantime"])
def test_the_lexicons_tries_find_what_their_flat_alternations_find(source):
    """The cue verbs, role nouns and hedges as built (tries) against the same lexicons written
    flat, on every paragraph of a real corpus: the same matches and groups."""
    import workbench as wb

    texts = wb.load_corpus(source, warn=False).paragraphs.get_column("text").to_list()
    checked = 0
    for name, built, flat in _lexicon_patterns():
        assert built.pattern != flat.pattern, name  # the lexicon really is a trie now
        for text in texts:
            assert _found(built, text) == _found(flat, text), (name, text[:80])
            checked += len(_found(flat, text))
    assert checked > 100
