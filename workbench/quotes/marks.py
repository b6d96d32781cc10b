"""Quotation marks: where each quotation opens and closes in a paragraph.

The same character ’ is an apostrophe (Trump’s, haven’t, soldiers’) and a closing single quote
(‘bomb the s*** out of Moscow’); a straight " opens or closes depending on what is next to it. The
rules look at the neighbours of each mark:

* a mark *opens* when it follows the start of the text, a space, an opening bracket, a dash or
  another opening mark, and is followed by something that is not a space;
* a mark *closes* when it follows something that is not a space and is followed by the end, a
  space, punctuation, a dash or another closing mark;
* ’ or ' between two letters is an apostrophe (haven’t, O'Brien) and never closes; ’ after an "s"
  and before a space closes only when a single quote is open (soldiers’ lives).

Double quotes are the outer level; single quotes count as quotations only outside double quotes
(a headline's ‘…’), inside they are nested quotations and stay part of the outer one — unless a
single quotation opening on a capital letter holds a whole double one (British style: ‘We did
nothing wrong. The payments were “entirely proper”.’), which is then the nested one. A quotation
still open at the end of a paragraph is *continued* when the next paragraph opens with a mark (the
news convention for a quotation running over paragraphs); otherwise it is flagged ``unclosed`` and
runs to the paragraph's end. A straight quote that can only open (after a space, before a word)
while one is open opens a new quotation: the open one is flagged ``unclosed`` and ``reopened`` and
ends before it — the same convention in text whose paragraph breaks were lost (``… regrets. "We
have …``). A closing mark with no opening is flagged ``stray`` and skipped.

>>> [(s.text, s.flags) for s in find_spans("He said, “We will ‘win’ it,” and left.")]
[('We will ‘win’ it,', ())]
>>> [s.text for s in find_spans("Trump’s threat to ‘bomb the s*** out of Moscow’ in tapes")]
['bomb the s*** out of Moscow']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "find_spans", "OPENERS", "CLOSERS"]

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
OPENERS = DOUBLE_OPEN + SINGLE_OPEN + "\"'"
CLOSERS = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
# the scans below visit only the marks themselves (found by one regex), not every character
_DOUBLE_MARKS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + '"') + "]")
_SINGLE_MARKS = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + "'") + "]")
_SINGLE_OPENERS = re.compile("[" + re.escape(SINGLE_OPEN + "'") + "]")  # what can open a single quotation
#: a single mark that could open a quoted sentence (before a capital letter): the only kind that
#: can hold a double quotation (see :func:`_outside_outer_singles`)
_CAPITAL_SINGLE_OPEN = re.compile("[" + re.escape(SINGLE_OPEN) + "'](?=[A-Z])")  # the mark first: a scan for it is fast
_BEFORE_OPEN = set(" \t\n([{—–-/") | set(DOUBLE_OPEN + SINGLE_OPEN)
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-/…") | set(DOUBLE_CLOSE + SINGLE_CLOSE + "\"'")


@dataclass(frozen=True, slots=True)
class Span:
    """A quotation: ``text[start:end]`` is what is between the marks (``open_at``/``close_at``).

    ``close_at`` is None when the quotation is not closed in this paragraph; ``flags`` says why
    (``unclosed``: no closing mark; ``reopened``: another quotation opened before it closed, and it
    ends there; ``continued``: it runs on into the next paragraph).
    """

    start: int
    end: int
    text: str
    mark: str  # "double" or "single"
    open_at: int
    close_at: int | None
    flags: tuple[str, ...] = ()


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _BEFORE_OPEN or i == 0) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after in _AFTER_CLOSE or i + 1 == len(text))


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _doubles(text: str) -> tuple[list[tuple[int, int | None]], list[int]]:
    """(open, close) pairs of outer double quotes; and stray closing marks."""
    pairs: list[tuple[int, int | None]] = []
    stray: list[int] = []
    open_at: int | None = None
    depth = 0  # nested doubles inside a double (rare; “ … “ … ” … ”)
    for m in _DOUBLE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
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
                # a straight quote that can only open: the previous one was left unclosed
                pairs.append((open_at, None))
                open_at = i
                continue
            pairs.append((open_at, i))
            open_at = None
            depth = 0
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs, stray


def _singles(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Closed single-quote pairs in ``text[lo:hi]``."""
    first = _SINGLE_OPENERS.search(text, lo, hi)
    if first is None:  # no mark that can open: the apostrophes of most paragraphs close nothing
        return []
    pairs = []
    open_at: int | None = None
    for m in _SINGLE_MARKS.finditer(text, first.start(), hi):
        i, ch = m.start(), m.group()
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


def _outside_outer_singles(text: str, pairs: list[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """The double pairs that are not nested in a single quotation (British style: ‘We did
    nothing wrong. The payments were “entirely proper”.’ is one quotation). A single pair counts
    as outer only when it holds a whole double pair, is not inside one, and opens on a capital
    letter — a quoted sentence, not the apostrophe of ’90s before a plural’s."""
    ends = [(a, b if b is not None else len(text)) for a, b in pairs]
    outer = [(o, c) for o, c in _singles(text, 0, len(text))
             if text[o + 1 : o + 2].isupper()
             and not any(a < o < b for a, b in ends)
             and any(o < a and b < c for a, b in ends)]
    if not outer:
        return pairs
    return [p for p, (a, b) in zip(pairs, ends) if not any(o < a and b < c for o, c in outer)]


def find_spans(text: str, *, continues: bool = False) -> list[Span]:
    """The quotations of one paragraph, in order.

    ``continues=True`` says the previous paragraph left a quotation open: if this paragraph opens
    with a mark, that mark belongs to the continued quotation (it is found as usual).
    """
    pairs, _stray = _doubles(text)
    if pairs and any(_can_open(text, m.start()) for m in _CAPITAL_SINGLE_OPEN.finditer(text)):
        pairs = _outside_outer_singles(text, pairs)
    spans: list[Span] = []
    covered: list[tuple[int, int]] = []
    for k, (open_at, close_at) in enumerate(pairs):
        flags: tuple[str, ...] = ()
        if close_at is not None:
            end = close_at
        elif k + 1 < len(pairs):  # another quotation opened before this one closed
            end = len(text[:pairs[k + 1][0]].rstrip())
            flags = ("unclosed", "reopened")
        else:
            end = len(text.rstrip())
            flags = ("unclosed",)
        body = text[open_at + 1 : end]
        if not body.strip():
            continue
        spans.append(Span(open_at + 1, end, body, "double", open_at, close_at, flags))
        covered.append((open_at, end))
    # single quotes outside double quotes
    lo = 0
    for a, b in sorted(covered) + [(len(text), len(text))]:
        for o, c in _singles(text, lo, a):
            body = text[o + 1 : c]
            if body.strip():
                spans.append(Span(o + 1, c, body, "single", o, c))
        lo = b + 1
    return sorted(spans, key=lambda s: s.start)


def stray_closers(text: str) -> list[int]:
    """Positions of closing double marks with no opening mark (for flagging)."""
    return _doubles(text)[1]
