"""Vectorized prefilters: which texts of a column could a Python regex match at all?

A lexicon's patterns (denial cues, …) are Python regular expressions, run sentence by sentence.
Most sentences match none of them, and finding that out one Python ``re`` scan per pattern per
sentence is most of an extractor's time. polars runs Rust's ``regex`` over a whole column at once,
many times faster — but the two engines do not read every pattern alike (Rust has no lookaround or
backreference, and its ``\\w``, ``\\s`` and case folding differ at the edges).

:func:`rust_superset` rewrites a Python pattern into a Rust pattern that matches *at least* where
the Python one does: lookarounds and word boundaries are dropped (they only ever restrict a
match), letters match in any case, ``\\w``/``\\s`` are widened to cover both engines'
definitions, and a pattern it cannot rewrite safely (a backreference, a negated class of ``\\w``
…) gives None — that pattern then runs everywhere, as before. :func:`could_match` applies the
supersets to a column lowercased once (:func:`fold_case`), so that the supersets' ASCII letters
are plain lowercase literals: Rust's case-insensitive mode made their compiling and scanning
slower. A text where the superset does not match cannot match the pattern, so skipping it changes
no result (tests compare with and without).

:func:`guard` speeds up the Python side too. ``re`` scans for a match start position by position,
and a case-insensitive alternation of many words (``\\b(?:said|says|told|…)\\b``), or one that
opens with ``\\b``, makes it try every alternative at every position: ``re`` only skips ahead by a
pattern's possible first characters when they are case-sensitive and come first. ``guard`` works
out those first characters from the parsed pattern and puts them in front as a lookahead,
``(?=[st…])``, which fails at once wherever no match can start — the same matches, 1.5–3× faster.

>>> rust_superset(r"(?<!\\bthe )\\bDisput(?:e|ed)\\b(?= that)")
'disput(?:e|ed)(?: that)'
>>> rust_superset(r"(\\w+) \\1") is None  # a backreference: no superset
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    import polars as pl

__all__ = ["rust_superset", "superset_of", "could_match", "fold_case", "guard", "unguarded", "first_chars"]

_WORD = r"\w\p{N}"  # Python's \w is letters, numbers (all of them) and _; Rust's lacks No ("²")
_SPACE = r"\s\x1c-\x1f"  # Python's \s has the information separators, Rust's does not
_ANY = r"(?s:.)"


def _structure(p: str, j: int) -> Iterator[tuple[int, str]]:
    """(index, character) of ``p[j:]`` outside escapes and character classes — the characters that
    open and close groups and separate alternatives; ``(index, "")`` for a class left unclosed."""
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            end = _class_end(p, j)
            if end is None:
                yield j, ""
                return
            j = end
            continue
        yield j, c
        j += 1


def _group_end(p: str, i: int) -> int | None:
    """Index just past the group opening at ``p[i] == "("``, or None if unbalanced."""
    depth = 0
    for j, c in _structure(p, i):
        if c == "":
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


def _class_end(p: str, i: int) -> int | None:
    """Index just past the character class opening at ``p[i] == "["``."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":  # a leading ] is a literal in Python
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "]":
            return j + 1
        j += 1
    return None


def _escape(p: str, i: int, *, in_class: bool) -> tuple[str, int] | None:
    """The Rust form of the escape at ``p[i] == "\\"`` and the index after it, or None."""
    if i + 1 >= len(p):
        return None
    e = p[i + 1]
    if e == "w":
        return (_WORD if in_class else f"[{_WORD}]"), i + 2
    if e == "s":
        return (_SPACE if in_class else f"[{_SPACE}]"), i + 2
    if e == "d":
        return r"\d", i + 2  # Unicode decimal digits in both
    if e in "WSD":
        return (None if in_class else (_ANY, i + 2))  # widened to any character
    if e in "bB":
        return (r"\x08", i + 2) if in_class and e == "b" else (None if in_class else ("", i + 2))
    if e in "AZ" and not in_class:
        return "", i + 2
    coded = _coded_char(p, i)
    if coded is not None:
        return _folded(p[i : coded[1]], coded[0], in_class), coded[1]
    if e in "nrtfv":
        return p[i : i + 2], i + 2
    if e.isascii() and not e.isalnum():
        return p[i : i + 2], i + 2  # escaped punctuation means itself in both
    if not e.isascii() and not e.isalnum():
        return e, i + 2  # Python allows "\’"; Rust does not, and needs no escape
    return None  # backreference, \N{…}, \U, octal: no rewrite


def _class(p: str, i: int) -> tuple[str, int] | None:
    end = _class_end(p, i)
    if end is None:
        return None
    j = i + 1
    negated = p[j : j + 1] == "^"
    out = ["[^" if negated else "["]
    j += negated
    if p[j] == "]":
        out.append(r"\]")
        j += 1
    while j < end - 1:
        c = p[j]
        if c == "\\":
            got = _escape(p, j, in_class=True)
            if got is None or (negated and p[j + 1] in "wsdWSD"):
                return None  # a negated class of widened sets would shrink, not widen
            out.append(got[0])
            j = got[1]
            continue
        if c == "[" or p[j : j + 2] in ("&&", "--", "~~"):
            return None  # nested classes and set operations mean something else in Rust
        out.append(c)
        j += 1
    out.append("]")
    body = "".join(out)
    return (f"(?i:{body})" if _has_case(p[i + 1 : end - 1]) else body), end


def _coded_char(p: str, i: int) -> tuple[str, int] | None:
    """The character a ``\\xHH`` or ``\\uHHHH`` escape at ``p[i]`` stands for, and the index after it."""
    width = {"x": 2, "u": 4}.get(p[i + 1 : i + 2])
    if width is None or len(p) < i + 2 + width:
        return None
    return chr(int(p[i + 2 : i + 2 + width], 16)), i + 2 + width


def _cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch


def _has_case(items: str) -> bool:
    """Can a class's items (its text between the brackets) hold a letter that has case? Escapes of
    sets (``\\w``, ``\\d`` …) hold every case of their letters, so they do not count; a range counts
    if a character in it has case."""
    chars: list[str] = []
    j = 0
    while j < len(items):
        if items[j] == "\\" and j + 1 < len(items):
            coded = _coded_char(items, j)
            if coded is not None:
                chars.append(coded[0])
                j = coded[1]
            else:  # an escaped punctuation mark is itself; a set (\\w, \\d …) counts as no letter
                chars.append(items[j + 1] if not items[j + 1].isalnum() else "")
                j += 2
        else:
            chars.append(items[j])
            j += 1
    for k, ch in enumerate(chars):
        if ch == "-" and 0 < k < len(chars) - 1 and chars[k - 1] and chars[k + 1]:
            lo, hi = ord(chars[k - 1]), ord(chars[k + 1])
            if hi - lo > 4096 or any(_cased(chr(x)) for x in range(lo, hi + 1)):
                return True
        elif ch and _cased(ch):
            return True
    return False


def _folded(literal: str, ch: str, in_class: bool) -> str:
    """The Rust form of one literal character ``ch`` (written ``literal``) for matching text that
    :func:`could_match` has lowercased: an ASCII letter lowercased, another letter with case matched
    case-insensitively (Unicode lowercasing and case folding part ways outside ASCII: "Σ" becomes
    "ς" at a word's end). In a class, as written (the class is wrapped whole, see :func:`_class`)."""
    if in_class or not _cased(ch):
        return literal
    if ch.isascii():
        return ch.lower()
    return f"(?i:{literal})"


@lru_cache(maxsize=1024)
def rust_superset(pattern: str) -> str | None:
    """A Rust ``regex`` (polars) pattern matching the text :func:`fold_case` makes wherever the
    Python ``pattern`` can match the text, or None.

    Letters match in any case, whatever the pattern's flags say (a superset may match more): ASCII
    letters are lowercased, like the text; a class or another letter with case is matched
    case-insensitively. Rust's case-insensitive matching of a whole pattern costs a third of its
    compile time and more than half of its scan on news text; lowercasing the column once does not.
    The first lookahead outside groups after some text (``\\d+(?= days)``) is kept as text to
    match, not dropped, and the pattern is cut there: a match of the pattern is followed by it, so
    the superset may ask for it — and rules out far more ("a number followed by minutes or am/pm", not "a number").
    """
    rust = _rewrite(pattern)
    if not rust:
        return None
    rust = _required_part(rust)
    return rust if _compiles(rust) else None


_OPTIONAL = ("?", "*", "{0,", "{0}")


def _item_end(p: str, i: int) -> int | None:
    """Index just past the item (a group, a class, an escape or a character) starting at ``p[i]``;
    None for an escape longer than two characters (``\\x41``, ``\\p{N}``), which the trimming leaves alone."""
    if p[i] == "(":
        return _group_end(p, i)
    if p[i] == "[":
        return _class_end(p, i)
    if p[i] != "\\":
        return i + 1
    return i + 2 if i + 1 < len(p) and p[i + 1] not in "xpPu" else None


def _required_part(p: str) -> str:
    """``p`` without the optional items that open or close it (``(?:over\\s+)?the …``,
    ``… (?:\\s+of\\s+\\d{4})?``): a match of the whole holds a match of the rest, so the rest is
    still a superset — one that starts with what every match holds, which Rust's regex looks for
    with a literal search instead of trying the optional part at every position (the date rules'
    supersets scan 20% faster). Only a pattern without a top-level ``|``; items with a quantifier
    other than optional ones stop the trimming."""
    if not _no_alternative_from(p, 0):
        return p
    items: list[tuple[int, int, bool]] = []  # (start, end with its quantifier, optional)
    i = 0
    while i < len(p):
        end = _item_end(p, i)
        if end is None or p.startswith(("(?i)", "(?s)", "(?m)", "(?ms)"), i):
            return p  # a flag or an escape of several characters: leave the pattern as it is
        q = end
        if q < len(p) and p[q] in "?*+":
            q += 1
        elif q < len(p) and p[q] == "{":
            close = p.find("}", q)
            if close < 0:
                return p
            q = close + 1
        if q < len(p) and p[q] == "?":  # lazy
            q += 1
        items.append((i, q, p.startswith(_OPTIONAL, end)))
        i = q
    lo, hi = 0, len(items)
    while lo < hi and items[lo][2]:
        lo += 1
    while hi > lo and items[hi - 1][2]:
        hi -= 1
    if lo == hi:  # everything is optional: the pattern matches everywhere anyway
        return p
    return p[items[lo][0] : items[hi - 1][1]]


_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def _no_alternative_from(p: str, j: int) -> bool:
    """Does no ``|`` outside groups follow ``p[j:]`` (so that cutting the pattern at ``j`` drops
    no alternative of it)? Escapes and classes are skipped whole."""
    depth = 0
    for _, c in _structure(p, j):
        if c == "":
            return False
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth <= 0:
            return False
    return True


def _rewrite(pattern: str) -> str | None:
    """The body of :func:`rust_superset` (no flags), or None."""
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if c == "\\":
            got = _escape(pattern, i, in_class=False)
            if got is None:
                return None
            out.append(got[0])
            i = got[1]
        elif c == "[":
            got = _class(pattern, i)
            if got is None:
                return None
            out.append(got[0])
            i = got[1]
        elif c == "(" and pattern.startswith(_LOOKAROUND, i):
            end = _group_end(pattern, i)
            if end is None:
                return None
            if end < n and pattern[end] in "*+?{":
                return None  # a quantified assertion: leave it alone
            if pattern.startswith("(?=", i) and depth == 0 and out and _no_alternative_from(pattern, end):
                inner = _rewrite(pattern[i + 3 : end - 1])  # what must follow every match: ask for it
                if inner:
                    # and stop: the rest of the pattern matches where the lookahead's text also
                    # stands, so asking for both in turn could rule out a match; dropping the rest
                    # only widens (a match of the whole has a match of this part)
                    out.append(f"(?:{inner})")
                    return "".join(out)
            i = end
        elif c == "(" and pattern.startswith("(?-i:", i):
            out.append("(?:")
            depth += 1
            i += 5
        elif c == "(" and pattern.startswith(("(?P=", "(?(", "(?#", "(?x", "(?a", "(?L", "(?u"), i):
            return None
        elif c == "(" and pattern.startswith("(?", i):
            # a group's opening, its name or flags copied as they are: "(?:", "(?P<name>", "(?s:"
            close = pattern.find(">" if pattern.startswith("(?P<", i) else ":", i)
            flags = pattern.find(")", i)
            end = close if close >= 0 and (flags < 0 or close < flags) else flags
            if end < 0:
                return None
            out.append(pattern[i : end + 1])
            depth += pattern[end] != ")"  # "(?i)" opens no group
            i = end + 1
        else:
            depth += (c == "(") - (c == ")")
            out.append(_folded(c, c, False))
            i += 1
    return "".join(out) or None


def superset_of(pattern: re.Pattern[str]) -> str | None:
    """:func:`rust_superset` of a compiled pattern, its flags read (None for verbose patterns) —
    of the pattern :func:`guard` was given, if ``pattern`` is guarded (the guard's lookahead of
    first characters says less than the pattern)."""
    pattern = unguarded(pattern)
    if pattern.flags & (re.VERBOSE | re.ASCII | re.LOCALE):
        return None
    body = rust_superset(pattern.pattern)
    if body is None:
        return None
    flags = ("m" if pattern.flags & re.MULTILINE else "") + ("s" if pattern.flags & re.DOTALL else "")
    return f"(?{flags}){body}" if flags else body


def fold_case(texts: "pl.Series") -> "pl.Series":
    """The column the supersets are matched against: lowercased (polars, Unicode), after the
    characters Python's case-insensitive matching takes for an ASCII letter and Rust's lowercasing
    does not make one (``İ``, ``ı``, ``ſ``: "i", "i", "s"; the Kelvin sign lowercases to "k").
    Nulls are empty strings."""
    return texts.fill_null("").str.replace_many(["İ", "ı", "ſ"], ["i", "i", "s"]).str.to_lowercase()


def _compiles(rust: str) -> bool:
    import polars as pl

    try:
        pl.Series([""]).str.contains(rust)
    except Exception:  # noqa: BLE001 - polars raises its own ComputeError on a bad pattern
        return False
    return True


def could_match(texts: "pl.Series", patterns: Sequence[str | None], *, gates: Sequence[str | None] | None = None) -> list["pl.Series"]:
    """For each Rust superset in ``patterns`` (None: no prefilter), a boolean column over ``texts``:
    False where the pattern cannot match (skip it there), True where it may. Nulls are False.

    ``gates``: for each pattern, a Rust regex every text it can match also matches (a necessary
    condition, cheaper to scan: "a unit word" for fifteen date rules), or None. The patterns that
    share a gate are run only on the texts the gate lets through — one scan of the gate instead of
    one scan of the whole column per pattern."""
    import polars as pl

    folded = pl.DataFrame({"text": fold_case(texts)})
    n = folded.height
    out: dict[int, pl.Series] = {}
    by_gate: dict[str | None, list[int]] = {}
    for i, p in enumerate(patterns):
        if p is None:
            out[i] = pl.repeat(True, n, dtype=pl.Boolean, eager=True).alias(texts.name)
        else:
            by_gate.setdefault(gates[i] if gates is not None else None, []).append(i)
    gated = {g: w for g, w in by_gate.items() if g is not None and len(w) >= 2}  # a gate of one pattern saves nothing
    ungated = [i for g, w in by_gate.items() if g not in gated for i in w]
    if ungated:
        # one select: polars runs the patterns side by side, on every core
        found = folded.select(pl.col("text").str.contains(patterns[i]).alias(str(i)) for i in ungated)
        out.update((i, found.get_column(str(i)).alias(texts.name)) for i in ungated)
    if gated:
        opened = folded.select(pl.col("text").str.contains(g).alias(str(k)) for k, g in enumerate(gated))
        closed = pl.repeat(False, n, dtype=pl.Boolean, eager=True).alias(texts.name)  # copied per pattern: scatter writes in place
        for k, wanted in enumerate(gated.values()):
            rows = opened.get_column(str(k)).arg_true()
            through = folded.select(pl.col("text").gather(rows))
            found = through.select(pl.col("text").str.contains(patterns[i]).alias(str(i)) for i in wanted)
            for i in wanted:
                out[i] = closed.clone().scatter(rows, found.get_column(str(i)))
    return [out[i] for i in range(len(patterns))]


# -- guard: a Python pattern's possible first characters, as a lookahead ---------------------------


class _Open(Exception):
    """The first character of a match is not bounded by a class (``.``, a negated class, …)."""


def _first(items) -> tuple[list, bool]:
    """The class items a match of the parsed sequence ``items`` can start with, and whether the
    sequence can match the empty string (then what follows it can start the match too)."""
    from re import _constants as c

    out: list = []
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: \\b, ^, lookarounds only restrict where a match starts
        if op is c.LITERAL:
            return out + [(op, av)], False
        if op is c.IN:
            if any(o is c.NEGATE for o, _ in av):
                raise _Open
            return out + list(av), False
        if op is c.SUBPATTERN and not (av[1] or av[2]):  # a group without local flags
            found, empty = _first(av[3])
        elif op is c.ATOMIC_GROUP:
            found, empty = _first(av)
        elif op is c.BRANCH:
            found, empty = [], False
            for alternative in av[1]:
                more, can_be_empty = _first(alternative)
                found += more
                empty |= can_be_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, empty = _first(av[2])
            empty |= av[0] == 0
        else:
            raise _Open  # any character, a backreference, a conditional, local flags …
        out += found
        if not empty:
            return out, False
    return out, True


def _class_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "-]\\^[" else re.escape(ch)


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A character class holding every character a match of ``pattern`` can start with, read
    with the pattern's own flags; None when that is not bounded or the pattern can match empty.

    >>> first_chars(re.compile(r"\\b(?:said|told|(?:according) to)\\b", re.I))
    '[sta]'
    """
    from re import _constants as c
    from re import _parser

    if pattern.flags & re.VERBOSE:
        return None
    try:
        items, empty = _first(_parser.parse(pattern.pattern, pattern.flags))
    except (_Open, re.error, RecursionError):
        return None
    categories = {
        c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
        c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
    }
    parts: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            parts.append(_class_char(av))
        elif op is c.RANGE:
            parts.append(f"{_class_char(av[0])}-{_class_char(av[1])}")
        elif op is c.CATEGORY and av in categories:
            parts.append(categories[av])
        else:
            return None
    if empty or not parts:
        return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def _scans_by_itself(pattern: re.Pattern[str]) -> bool:
    """Does ``re`` already skip ahead by the pattern's literal prefix or first characters? (It
    does for a case-sensitive pattern opening with a literal or a class: a lookahead in front
    would only hide them from it.)"""
    from re import _compiler, _parser

    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        return bool(_compiler._get_literal_prefix(parsed, pattern.flags)[0] or _compiler._get_charset_prefix(parsed, pattern.flags))
    except Exception:  # noqa: BLE001 - private helpers of re: if they change, guard anyway
        return False


def guard(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with its possible first characters (:func:`first_chars`) checked first, as a
    lookahead: the same matches, found faster by Python's ``re``. ``pattern`` itself when there
    is nothing to gain (the first characters are unbounded, or ``re`` already scans by them)."""
    if isinstance(pattern, str):
        pattern = re.compile(pattern)
    cls = first_chars(pattern)
    if cls is None or _scans_by_itself(pattern):
        return pattern
    try:
        guarded = re.compile(f"(?={cls})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # a global inline flag such as (?i) must open the pattern: leave it
        return pattern
    _UNGUARDED[guarded] = pattern
    return guarded


#: guarded pattern -> the pattern it was made from (to show a researcher, and to test against)
_UNGUARDED: dict[re.Pattern[str], re.Pattern[str]] = {}


def unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern :func:`guard` made ``pattern`` from (``pattern`` itself if it is not guarded)."""
    return _UNGUARDED.get(pattern, pattern)
