"""Sentence boundaries in news prose, as character spans.

A rule-based splitter in the spirit of Punkt and pySBD's "golden rules", kept small and explainable:
a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or brackets) followed by
white space and a capital letter, a digit or an opening quote — unless the word before the period is

* a title that always precedes a name (``Lt.``, ``Gen.``, ``Sen.``; ``resources/abbreviations.txt``),
* another listed abbreviation (``Inc.``, ``Jan.``, ``e.g.``) — these end a sentence only before a
  word that typically starts one,
* a single initial (``J. Smith``), or
* a dotted acronym (``U.S.``, ``D.C.``) that is followed by a word that does not typically start a
  sentence (``U.S. President`` stays whole, ``… in the U.S. The next day …`` splits;
  ``resources/sentence_starters.txt``).

>>> text = "Lt. Gen. Keith Kellogg met U.S. officials in Washington, D.C. on Monday. He left."
>>> [text[s:e] for s, e in split_sentences(text)]
['Lt. Gen. Keith Kellogg met U.S. officials in Washington, D.C. on Monday.', 'He left.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.lexicon import load_lines, load_sections

__all__ = ["split_sentences"]

# a run of . ! ? or one …, then closing quotes or brackets, before a capital, a digit or an opening
# quote. Written to open with one class ("[.!?…]", the rest checked by looking back at it), so
# that re skips ahead to the next mark rather than trying an alternation at every position.
_BOUNDARY = re.compile(r"[.!?…](?:(?<=[.!?])[.!?]*|(?<=…))[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_CHARS = re.compile(r"[\w.’'\-]+")  # the token before a full stop, read backwards from it
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([\w’'\-]+)")


@lru_cache(maxsize=1)
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(titles always followed by a name, other abbreviations) from ``abbreviations.txt``."""
    sections = load_sections("abbreviations.txt")
    return frozenset(sections.get("title", ())), frozenset(sections.get("other", ()))



@lru_cache(maxsize=1)
def _longest_title() -> int:
    return max(map(len, abbreviations()[0]), default=0) + 1  # "Messrs." with its dot


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return frozenset(load_lines("sentence_starters.txt"))


@lru_cache(maxsize=1)
def sentence_stop() -> str:
    """A regular expression for a mark that can end a sentence: ``!``, ``?`` or a full stop that
    does not close a title always followed by a name or a single initial ("state Del. Rick
    Morris", "R. Kelly") — :func:`closes_name_abbreviation` done by ``re`` itself, which checks
    these look-behinds only where it meets a full stop. Built from ``abbreviations.txt``."""
    by_length: dict[int, list[str]] = {1: ["[A-Z]"]}  # a look-behind's alternatives must be as long as each other
    for title in sorted(abbreviations()[0]):
        by_length.setdefault(len(title), []).append(re.escape(title))
    behind = "".join(rf"(?<![^\w.’'\-](?:{'|'.join(ts)})\.)(?<!^(?:{'|'.join(ts)})\.)" for _, ts in sorted(by_length.items()))
    # each look-behind ends with the full stop: after "!" or "?" none can match. The class comes
    # first, so that re skips ahead to the next mark
    return rf"[.!?]{behind}"


def closes_name_abbreviation(text: str, mark_start: int) -> bool:
    """Does the full stop at ``text[mark_start]`` end a title that always precedes a name ("state
    Del. Rick Morris") or a single initial ("R. Kelly")? Then no sentence ends there.

    The rule written out, one full stop at a time: :func:`sentence_stop` is the same rule as
    look-behinds for ``re`` (what the quotes module runs), and the property tests check the two
    agree."""
    # the token before the mark, read backwards: a token longer than the longest title is none
    titles = abbreviations()[0]
    longest = _longest_title()
    j = mark_start
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_.’'-"):
        j -= 1
        if mark_start - j > longest:
            return False
    if j == mark_start:
        return False
    token = text[j : mark_start + 1]
    word = token[:-1]
    return word in titles or (len(token) == 2 and token[0].isupper())


def _is_boundary(text: str, end_of_mark: int, mark_start: int) -> bool:
    if text[mark_start] != ".":
        return True
    m = _WORD_CHARS.match(text[max(0, mark_start - 40) : mark_start + 1][::-1])
    if not m:
        return True
    token = m.group()[::-1]
    word = token[:-1] if token.endswith(".") else token
    titles, others = abbreviations()
    if word in titles or word.rstrip(".") in titles:
        return False
    if _ACRONYM.match(token):
        if len(token) == 2 and token[0].isupper():  # a single initial: "J. Smith"
            return False
        return _next_word(text, end_of_mark) in _starters()
    if word in others or word.lower() in others:
        next_word = _next_word(text, end_of_mark)
        return next_word in _starters() and not next_word[:1].isdigit()
    return True


def _next_word(text: str, at: int) -> str:
    """The word after the mark (read only for an abbreviation: most full stops end a plain word)."""
    nxt = _NEXT_WORD.match(text, at)
    return nxt.group(1) if nxt else ""


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans ``(s, e)`` of the sentences of ``text[start:end]``, in ``text`` coordinates, trimmed."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, m.end(), m.start()):
            spans.append((pos, m.end()))
            pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
