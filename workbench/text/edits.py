"""An edit log that composes normalization steps and maps offsets back to the raw text.

Why: a researcher must be able to cite any finding from the original file. Every normalization
step (mojibake, escapes, whitespace, boilerplate, …) is written as *local edits* on the current
text; :class:`EditTrack` composes them into one list of non-overlapping edits in raw-text
coordinates. Replaying that list on ``raw_text`` gives ``text`` exactly, and any span of ``text``
maps back to the span of ``raw_text`` it came from.

Representation: the current text is a sequence of *pieces*, each either a kept run of the raw text
or an edited run (raw span -> replacement). A later edit that touches an earlier edited piece is
merged with it (the merged repair covers both raw spans and records both kinds), so edits in the
log never overlap and replay is a single left-to-right pass.

>>> t = EditTrack("a  b\\\\*")
>>> t.apply([Edit(1, 3, " ", "whitespace", "collapse-spaces")])
>>> t.text
'a b\\\\*'
>>> [(r.raw_start, r.raw_end, r.before, r.after) for r in t.repairs()]
[(1, 3, '  ', ' ')]
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, NamedTuple

__all__ = ["Edit", "Repair", "EditTrack", "OffsetMap", "replay"]


class Edit(NamedTuple):
    """A local edit on the *current* text: replace ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str
    kind: str
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Repair:
    """One change in raw-text coordinates: ``raw_text[raw_start:raw_end]`` (``before``) -> ``after``."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    rule: str = ""


@dataclass(slots=True)
class _Piece:
    raw_start: int
    raw_end: int
    after: str | None  # None: kept raw text
    kinds: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


class EditTrack:
    """The current text of one document plus the composed log of how it was derived from the raw text."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._pieces: list[_Piece] = [_Piece(0, len(raw), None)] if raw else []
        self._text = raw

    # -- reading -------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def _piece_text(self, p: _Piece) -> str:
        return self.raw[p.raw_start : p.raw_end] if p.after is None else p.after

    def repairs(self) -> list[Repair]:
        """The composed log, sorted by raw position; replaying it on ``raw`` gives ``text``."""
        out = []
        for p in self._pieces:
            if p.after is not None:
                out.append(
                    Repair(
                        "+".join(dict.fromkeys(p.kinds)),
                        p.raw_start,
                        p.raw_end,
                        self.raw[p.raw_start : p.raw_end],
                        p.after,
                        "; ".join(dict.fromkeys(r for r in p.rules if r)),
                    )
                )
        return out

    def offset_table(self) -> list[tuple[int, int, int, int, bool]]:
        """Rows ``(text_start, text_end, raw_start, raw_end, is_edit)`` covering the text and the raw text.

        Deleted raw runs appear as zero-length text pieces so that every raw character is accounted for.
        """
        rows = []
        pos = 0
        for p in self._pieces:
            n = len(self._piece_text(p))
            rows.append((pos, pos + n, p.raw_start, p.raw_end, p.after is not None))
            pos += n
        return rows

    # -- writing -------------------------------------------------------------------------
    def apply(self, edits: Iterable[Edit]) -> None:
        """Apply local edits (coordinates in the current text, non-overlapping) and compose the log."""
        edits = sorted((e for e in edits if not (e.start == e.end and not e.after)), key=lambda e: (e.start, e.end))
        if not edits:
            return
        total = len(self._text)
        for a, b in zip(edits, edits[1:]):
            if b.start < a.end or (b.start == a.end == a.start == b.end):
                raise ValueError(f"overlapping edits: {a} and {b}")
        for e in edits:
            if not (0 <= e.start <= e.end <= total):
                raise ValueError(f"edit out of range: {e} (text length {total})")
        pieces = self._split_at({e.start for e in edits} | {e.end for e in edits})
        text_of = self._piece_text
        spans = []
        for st, p in pieces:
            spans.append((st, st + len(text_of(p))))
        ends = [en for _, en in spans]
        groups = [_touched(spans, ends, e) for e in edits]
        edits, groups = _merge_sharing(edits, groups, self._text)
        out: list[_Piece] = []
        k = 0
        for e, (g0, g1) in zip(edits, groups):
            if g0 < g1:
                out.extend(p for _, p in pieces[k:g0])
                group = pieces[g0:g1]
                k = g1
                (first_st, first), (last_st, last) = group[0], group[-1]
                prefix = text_of(first)[: max(0, e.start - first_st)] if first.after is not None else ""
                suffix = text_of(last)[e.end - last_st :] if last.after is not None else ""
                raw_start, raw_end = first.raw_start, last.raw_end
                kinds: tuple[str, ...] = ()
                rules: tuple[str, ...] = ()
                for _, p in group:
                    kinds += p.kinds
                    rules += p.rules
            else:  # a pure insertion at a piece boundary
                while k < len(pieces) and spans[k][1] <= e.start:
                    out.append(pieces[k][1])
                    k += 1
                raw_start = raw_end = pieces[k][1].raw_start if k < len(pieces) else len(self.raw)
                prefix = suffix = ""
                kinds, rules = (), ()
            out.append(_Piece(raw_start, raw_end, prefix + e.after + suffix, kinds + (e.kind,), rules + (e.rule,)))
        out.extend(p for _, p in pieces[k:])
        self._pieces = _coalesce(out, self.raw)
        self._text = "".join(text_of(p) for p in self._pieces)

    def _split_at(self, cuts: set[int]) -> list[tuple[int, _Piece]]:
        """Pieces with their current-text start, kept pieces split at every cut point."""
        cut_list = sorted(cuts)
        out: list[tuple[int, _Piece]] = []
        pos = 0
        ci = 0
        for p in self._pieces:
            end = pos + len(self._piece_text(p))
            if p.after is None:
                while ci < len(cut_list) and cut_list[ci] <= pos:
                    ci += 1
                cur, rs = pos, p.raw_start
                while ci < len(cut_list) and cut_list[ci] < end:
                    c = cut_list[ci]
                    out.append((cur, _Piece(rs, rs + (c - cur), None)))
                    rs += c - cur
                    cur = c
                    ci += 1
                out.append((cur, _Piece(rs, p.raw_end, None)))
            else:
                out.append((pos, p))
            pos = end
        return out


def _touched(spans: list[tuple[int, int]], ends: list[int], e: Edit) -> tuple[int, int]:
    """Index range of the pieces an edit touches (kept pieces are already split at edit bounds)."""
    lo = bisect_right(ends, e.start)  # first piece ending after e.start
    if e.start == e.end:
        if lo < len(spans) and spans[lo][0] < e.start:
            return (lo, lo + 1)
        return (0, 0)
    hi = lo
    while hi < len(spans) and spans[hi][0] < e.end:
        hi += 1
    return (lo, hi) if hi > lo else (0, 0)


def _merge_sharing(edits: list[Edit], groups: list[tuple[int, int]], text: str):
    """Merge consecutive edits that touch the same (edited, unsplittable) piece into one edit."""
    out_e: list[Edit] = []
    out_g: list[tuple[int, int]] = []
    for e, g in zip(edits, groups):
        if out_e and g[0] < g[1] and out_g[-1][0] < out_g[-1][1] and g[0] < out_g[-1][1]:
            a = out_e[-1]
            merged = Edit(a.start, e.end, a.after + text[a.end : e.start] + e.after, a.kind, "; ".join(x for x in (a.rule, e.rule) if x))
            out_e[-1] = merged
            out_g[-1] = (out_g[-1][0], max(out_g[-1][1], g[1]))
        else:
            out_e.append(e)
            out_g.append(g)
    return out_e, out_g


def _coalesce(pieces: list[_Piece], raw: str) -> list[_Piece]:
    """Merge adjacent kept pieces; drop edited pieces that turned back into the raw text."""
    out: list[_Piece] = []
    for p in pieces:
        if p.after is not None and p.after == raw[p.raw_start : p.raw_end]:
            p = _Piece(p.raw_start, p.raw_end, None)
        if p.raw_start == p.raw_end and p.after is None:
            continue
        if out and p.after is None and out[-1].after is None and out[-1].raw_end == p.raw_start:
            out[-1] = _Piece(out[-1].raw_start, p.raw_end, None)
        else:
            out.append(p)
    return out


def replay(raw: str, repairs: Iterable[Repair]) -> str:
    """Apply a repairs log (raw coordinates, non-overlapping) to ``raw``: the replay of a normalization."""
    out = []
    pos = 0
    for r in sorted(repairs, key=lambda r: (r.raw_start, r.raw_end)):
        if r.raw_start < pos:
            raise ValueError(f"overlapping repairs at raw offset {r.raw_start}")
        if raw[r.raw_start : r.raw_end] != r.before:
            raise ValueError(f"repair at {r.raw_start}:{r.raw_end} does not match the raw text")
        out.append(raw[pos : r.raw_start])
        out.append(r.after)
        pos = r.raw_end
    out.append(raw[pos:])
    return "".join(out)


class OffsetMap:
    """Maps spans of the normalized text back to spans of the raw text.

    Built from :meth:`EditTrack.offset_table`. A span start inside an edited run maps to the start of
    that run's raw span, a span end to its end, so the raw span always covers the source of the text.
    """

    __slots__ = ("_rows", "_ends", "_raw_len")

    def __init__(self, rows: list[tuple[int, int, int, int, bool]], raw_len: int) -> None:
        self._rows = rows
        self._ends = [r[1] for r in rows]
        self._raw_len = raw_len

    def start(self, pos: int) -> int:
        k = bisect_right(self._ends, pos)
        if k >= len(self._rows):
            return self._raw_len if not self._rows else self._rows[-1][3]
        ts, _te, rs, _re, is_edit = self._rows[k]
        return rs if is_edit else rs + (pos - ts)

    def end(self, pos: int) -> int:
        if pos <= 0:
            return self.start(0) if pos == 0 and self._rows else 0
        k = bisect_right(self._ends, pos - 1)
        if k >= len(self._rows):
            return self._raw_len if not self._rows else self._rows[-1][3]
        ts, _te, rs, re_, is_edit = self._rows[k]
        return re_ if is_edit else rs + (pos - ts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.start(start)
            return s, s
        return self.start(start), self.end(end)
