"""Content checks: flaws in an article that loaded, reported as ``corpus.problems`` rows.

Why: a file can decode cleanly and still be something a researcher must not trust blindly — a
headline with no story under it, a whole article on one line (so paragraphs and the headline cannot
be told apart), text that was mostly mojibake, quotation marks that do not pair up (so quotes found
in it may be cut short or run on). The article still loads; the problem row says what to check.

Each check is a small pure function of the normalized article; :func:`article_problems` runs them
all. The thresholds are deliberately loose so that ordinary news copy raises nothing (the seeds and
the MEANTIME corpus only trip the quote check, on articles whose quotation marks really do not pair).

>>> [p.problem for p in article_problems("a", "a.txt", "Only a headline here\\n", [("title", 0, 20)], 0)]
['no-body']
"""

from __future__ import annotations

import re
from typing import Sequence

from workbench.io import Problem

__all__ = ["article_problems", "quote_balance", "LONG_BLOCK"]

#: a single block longer than this (characters) means paragraph breaks were lost
LONG_BLOCK = 20_000
#: share of the raw text that mojibake repairs may rewrite before the article is flagged
HEAVY_MOJIBAKE = 0.2


_CURLY_DOUBLE = re.compile("[“”]")


def quote_balance(text: str) -> tuple[int, int, int, int]:
    """``(opening “, closing ”, straight ", deepest “…” nesting)`` of one text.

    Only curly double quotes and straight double quotes are counted: single quotes double as
    apostrophes (``Trump’s``), so their balance says nothing.

    >>> quote_balance('“a “b” c” and "d')
    (2, 2, 1, 2)
    """
    opening = text.count("“")
    # the depth reaches 2 only at a “ with no ” since the “ before it: in most texts it is at most
    # 1, and the marks are walked only when it is not
    deepest = min(opening, 1)
    at = text.find("“")
    while deepest == 1 and at >= 0:
        after = text.find("“", at + 1)
        if after >= 0 and text.find("”", at + 1, after) < 0:
            deepest = _deepest("".join(_CURLY_DOUBLE.findall(text)))
        at = after
    return opening, text.count("”"), text.count('"'), deepest


def _deepest(marks: str) -> int:
    """The deepest nesting of “…” in a string of curly double marks, walked mark by mark (a
    closing mark without an opening one does not go below 0)."""
    depth = deepest = 0
    for ch in marks:
        if ch == "“":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == "”":
            depth = max(0, depth - 1)
    return deepest


def article_problems(
    article_id: str,
    path: str,
    text: str,
    blocks: Sequence[tuple[str, int, int]],
    mojibake_chars: int,
    *,
    raw_length: int | None = None,
) -> list[Problem]:
    """Problems of one normalized article (``blocks``: ``(role, start, end)`` of its paragraphs).

    ``mojibake_chars`` is how many raw characters mojibake repairs rewrote.
    """
    out: list[Problem] = []

    def flag(code: str, detail: str) -> None:
        out.append(Problem(article_id, path, code, detail))

    if not text.strip():
        return out  # the reader already reports an empty file
    roles = [r for r, _, _ in blocks]
    if "body" not in roles:
        flag("no-body", f"only {', '.join(dict.fromkeys(roles)) or 'no'} block(s), no body paragraph: is the story missing?")
    longest = max((e - s for _, s, e in blocks), default=0)
    if longest > LONG_BLOCK:
        flag(
            "no-paragraph-breaks",
            f"one block of {longest:,} characters: paragraph breaks were lost, so the headline and paragraphs cannot be told apart",
        )
    raw_length = raw_length or len(text)
    if mojibake_chars and mojibake_chars > HEAVY_MOJIBAKE * raw_length:
        flag(
            "heavy-mojibake",
            f"mojibake repairs rewrote {mojibake_chars:,} of {raw_length:,} characters: the file was saved with the wrong encoding; check the repaired text",
        )
    opening, closing, straight, deepest = quote_balance(text)
    if opening != closing or straight % 2:
        parts = []
        if opening != closing:
            parts.append(f"{opening} opening “ but {closing} closing ”")
        if straight % 2:
            parts.append(f"an odd number ({straight}) of straight \" marks")
        flag("unbalanced-quotes", f"{' and '.join(parts)}: quotes found in this article may be cut short or run on")
    if deepest >= 3:
        flag("nested-quotes", f"quotation marks nested {deepest} deep: who says what may be unclear")
    return out
