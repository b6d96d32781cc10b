"""Mojibake repair: ftfy for what it covers, plus UTF-8 that was decoded as Windows-874 (Thai) or
as another codepage ftfy does not try (``mojibake.toml``: DOS, Cyrillic, Greek, Hebrew …).

Why a second repairer: ftfy 6.3 tries ten single-byte codepages when it undoes a wrong decoding,
but never Windows-874. A page whose UTF-8 was read as Windows-874 turns every curly quote into a
Thai vowel plus a euro sign (``’`` -> ``โ€™``, ``“`` -> ``โ€œ``, ``…`` -> ``โ€ฆ``), and ftfy leaves it.

How: :data:`SLOPPY_874` is the byte table such a decoder uses — Windows-874 where it defines a byte,
Windows-1252 where it does not (that is where ``™``, ``œ`` and ``˜`` come from), and the Latin-1
control character otherwise (like ftfy's "sloppy" codecs). A run of characters that, encoded back
through that table, forms one well-formed UTF-8 sequence is a *candidate*. Because every UTF-8
continuation byte from 0xA1 upward is a Thai letter in Windows-874, genuine Thai text also forms
candidates, so a candidate is repaired only when the evidence says it is not Thai:

* a 3- or 4-byte sequence that contains a non-Thai character of the table (``€``, curly quotes,
  ``™`` …): Thai never puts a euro sign or a quote straight after a leading vowel such as ``โ``;
* otherwise, a sequence glued to an ASCII letter and to no genuine Thai letter (``cafรฉ`` -> café).

A lost byte is restored the way ftfy restores it for Windows-1252: ``โ€`` followed by anything
that is not a continuation is ``”`` whose last byte (0x9D, undefined in both codepages) was dropped.

The other codepages (:func:`codepage_edits`) are undone the same way, table by table, where the
evidence is decisive for English text: a three-byte run that is typographic punctuation, and, in a
text where such a run showed the codepage at work, two-byte runs that are Latin letters glued to
ASCII ones. A run ftfy's own codepages read (``â€™`` is Windows-1252's before it is Arabic's) is
left to ftfy, which weighs the whole line.

Then ftfy runs, line by line and only where its own badness test or a control character says
there is something to fix, with the options that never change correct text: quotes stay curly,
no NFC/NFKC, no ligature or width folding, no HTML unescaping (the normalizer logs entities itself).

>>> fix_mojibake("Trumpโ€™s โ€œdealโ€ โ€ฆ")
'Trump’s “deal” …'
>>> fix_mojibake("ภาษาไทย โรงเรียน")  # genuine Thai is left alone
'ภาษาไทย โรงเรียน'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

import ftfy
from ftfy.badness import is_bad
from rapidfuzz.distance import Levenshtein

from workbench.text.edits import Edit
from workbench.text.prefilter import guard

if TYPE_CHECKING:  # polars only for the column helper's annotations; imported by the caller anyway
    import polars as pl

__all__ = [
    "fix_mojibake", "fix_mojibake_column", "may_have_mojibake", "MAYBE_MOJIBAKE", "fix_874", "fix_with_ftfy",
    "fix_874_edits", "ftfy_edits", "SLOPPY_874", "FTFY_CONFIG", "fix_codepages", "codepage_edits", "codepages",
]

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)


_TYPOGRAPHIC = r"\u2018\u2019\u201c\u201d\u2013\u2014\u2026"  # ‘ ’ “ ” – — …
#: Where mojibake can be — the necessary condition of both repairers, as one regex. Either
#:
#: * a character the repair acts on by itself: C0/C1 controls (not tab and line breaks), ftfy's
#:   other control characters (U+206A–F, BOM, U+FFF9–C), the replacement character U+FFFD, and the
#:   four letters ftfy's badness rules flag next to plain ASCII (``Â``/``Ã`` before a space — a
#:   lost no-break space —, ``Œ``/``œ``); or
#: * two non-ASCII characters in a row, not both typographic punctuation (‘’“”–—…). UTF-8 read as
#:   any single-byte codepage turns one character into two or more non-ASCII characters, the
#:   first of them a lead byte (a Latin-1 letter, a Thai letter …), never a quote or a dash; every
#:   other badness rule of ftfy is likewise a pair or more of non-ASCII characters.
#:
#: So an accented name ("José"), "£5" or "20°C" between ASCII needs no look, and clean news text
#: almost never takes the slow path. A test checks every ftfy test case and seed, and every
#: character that ftfy's badness rules can flag next to ASCII. One pattern for both engines:
#: Python's ``re`` and polars' Rust ``regex`` read the same escapes (polars strings hold no lone
#: surrogates; the Python test adds them).
MAYBE_MOJIBAKE = (
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00c2\u00c3\u0152\u0153\u206a-\u206f\ufeff\ufff9-\ufffd]"
    rf"|[^\x00-\x7f{_TYPOGRAPHIC}][^\x00-\x7f]|[^\x00-\x7f][^\x00-\x7f{_TYPOGRAPHIC}]"
)
#: The same condition for Python's ``re`` (with lone surrogates, which polars strings cannot hold),
#: written to be scanned fast: every alternative starts with a character outside printable ASCII,
#: so the pattern opens with that one class — ``re`` then skips ahead by it — and checks the rest by
#: looking back at it. 4× faster than ``MAYBE_MOJIBAKE`` in ``re``; a test compares the two.
_MAYBE_MOJIBAKE = re.compile(
    r"[^\t\n\r\x20-\x7e]"
    r"(?:(?<=[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00c2\u00c3\u0152\u0153\u206a-\u206f\ufeff\ufff9-\ufffd\ud800-\udfff])"
    rf"|(?<=[^\x00-\x7f{_TYPOGRAPHIC}])[^\x00-\x7f]|(?<=[^\x00-\x7f])[^\x00-\x7f{_TYPOGRAPHIC}])"
)


def may_have_mojibake(text: str) -> bool:
    """Could ``text`` hold mojibake at all? False means the repair would return it unchanged.

    >>> may_have_mojibake("He said: “No comment” — twice…"), may_have_mojibake("Trumpโ€™s")
    (False, True)
    """
    global _last_asked
    last = _last_asked  # (read once: another thread may replace it)
    if last[0] is text:  # the three repair steps ask about the same text in a row
        return last[1]
    found = _MAYBE_MOJIBAKE.search(text) is not None
    _last_asked = (text, found)
    return found


_last_asked: tuple[str | None, bool] = (None, False)


def _build_sloppy_874() -> str:
    chars = []
    for b in range(256):
        byte = bytes([b])
        for codec in ("cp874", "cp1252"):
            try:
                chars.append(byte.decode(codec))
                break
            except UnicodeDecodeError:
                continue
        else:
            chars.append(chr(b))
    return "".join(chars)


#: byte -> character table of a Windows-874 decoder that falls back to Windows-1252, then Latin-1.
SLOPPY_874: str = _build_sloppy_874()
#: character -> byte, for encoding a candidate back. A decoder that falls back to Latin-1 rather
#: than Windows-1252 leaves a byte Windows-874 lacks as its C1 control (``“`` -> ``โ€\x9c``, not
#: ``โ€œ``): both spellings of such a byte are read back.
_ENCODE_874 = {ch: b for b, ch in enumerate(SLOPPY_874) if b >= 0x80} | {chr(b): b for b in range(0x80, 0xA0)}


def _chars_of(byte: int) -> str:
    return SLOPPY_874[byte] + (chr(byte) if 0x80 <= byte < 0xA0 and SLOPPY_874[byte] != chr(byte) else "")


def _cls(byte_lo: int, byte_hi: int) -> str:
    return "".join(re.escape(_chars_of(b)) for b in range(byte_lo, byte_hi + 1))


_CONT = f"[{_cls(0x80, 0xBF)}]"
_LEAD2 = f"[{_cls(0xC2, 0xDF)}]"
_LEAD3 = f"[{_cls(0xE0, 0xEF)}]"
_LEAD4 = f"[{_cls(0xF0, 0xF4)}]"
#: (guarded: its first character checked first, so that ``re`` skips ahead to a lead byte — half
#: the time of trying the four branches at every position of a suspect article)
_CANDIDATE_874 = guard(re.compile(
    f"{_LEAD4}{_CONT}{{3}}|{_LEAD3}{_CONT}{{2}}|{_LEAD3}{_CONT}(?!{_CONT})|{_LEAD2}{_CONT}"
))
#: characters of the table that are not Thai letters (bytes 0x80-0xA0): their presence is evidence
_NON_THAI_874 = frozenset("".join(_chars_of(b) for b in range(0x80, 0xA1)))
#: bytes undefined in both Windows-874 and Windows-1252; decoders drop them, so they go missing
_LEAD34 = frozenset(SLOPPY_874[b] for b in range(0xE0, 0xF5))
_LOST_BYTES = (0x9D, 0x81, 0x8D, 0x8F, 0x90)
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _decode_run(run: str) -> str | None:
    """Decode a candidate run back to UTF-8, restoring one lost trailing byte if needed."""
    data = bytes(_ENCODE_874[c] for c in run)
    try:
        out = data.decode("utf-8")
    except UnicodeDecodeError:
        out = None
        if len(data) == 2 and 0xE0 <= data[0] <= 0xEF:
            for lost in _LOST_BYTES:
                try:
                    cand = (data + bytes([lost])).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if unicodedata.category(cand)[0] in "PS":
                    out = cand
                    break
    if out is None:
        return None
    if any(_is_thai(c) or unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in out):
        return None
    return out


def _fix_874_edits(text: str) -> list[Edit]:
    if not may_have_mojibake(text):
        return []
    matches = list(_CANDIDATE_874.finditer(text))
    if not matches:
        return []
    covered = set()
    for m in matches:
        covered.update(range(m.start(), m.end()))
    edits = []
    for m in matches:
        run = m.group()
        decoded = _decode_run(run)
        if decoded is None:
            continue
        # a leading vowel or tone mark followed by a euro sign, a quote or a dash is never Thai
        evidence = run[0] in _LEAD34 and any(c in _NON_THAI_874 for c in run[1:])
        if not evidence:
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            neighbours = [(c, i) for c, i in ((before, m.start() - 1), (after, m.end())) if c]
            glued_latin = any(_ASCII_LETTER.match(c) for c, _ in neighbours)
            glued_thai = any(_is_thai(c) and i not in covered for c, i in neighbours)
            evidence = glued_latin and not glued_thai
        if evidence:
            edits.append(Edit(m.start(), m.end(), decoded, "mojibake", "utf8-as-windows-874"))
    return edits


# -- UTF-8 read as other codepages ftfy does not try ------------------------------------------------


@lru_cache(maxsize=1)
def codepages() -> tuple[str, ...]:
    """The codepages (Python codec names) whose mojibake :func:`codepage_edits` undoes: ``mojibake.toml``."""
    from workbench.lexicon import load_toml

    return tuple(load_toml("mojibake.toml")["codepages"])


class _Codepage:
    """A sloppy decoder's byte table for one codepage (the codepage where it defines a byte, the
    Latin-1 control character otherwise) and the runs of its characters that can be UTF-8."""

    def __init__(self, codec: str) -> None:
        chars = []
        for b in range(256):
            try:
                chars.append(bytes([b]).decode(codec))
            except UnicodeDecodeError:
                chars.append(chr(b))
        self.codec = codec
        self.table = "".join(chars)
        self.encode = {ch: b for b, ch in enumerate(self.table) if b >= 0x80} | {chr(b): b for b in range(0x80, 0xA0)}

        def cls(lo: int, hi: int) -> str:
            return "".join(re.escape(c) for b in range(lo, hi + 1) for c in {self.table[b], chr(b) if b < 0xA0 else self.table[b]})

        cont = f"[{cls(0x80, 0xBF)}]"
        self.candidate = guard(re.compile(f"[{cls(0xE0, 0xEF)}]{cont}{{2}}|[{cls(0xC2, 0xDF)}]{cont}"))


@lru_cache(maxsize=None)
def _codepage(codec: str) -> _Codepage:
    return _Codepage(codec)


@lru_cache(maxsize=1)
def _any_codepage() -> re.Pattern[str]:
    """A run that could be UTF-8 in one of the codepages (the union of their lead and continuation
    characters): one scan tells which codepages a text needs looked at closely, if any."""
    pages = [_codepage(c) for c in codepages()]

    def union(lo: int, hi: int) -> str:
        chars = {ch for page in pages for b in range(lo, hi + 1) for ch in (page.table[b], chr(b) if b < 0xA0 else page.table[b])}
        return "".join(re.escape(c) for c in sorted(chars))

    cont = f"[{union(0x80, 0xBF)}]"
    return guard(re.compile(f"[{union(0xE0, 0xEF)}]{cont}{{2}}|[{union(0xC2, 0xDF)}]{cont}"))


def _pages_at_work(text: str) -> list[_Codepage]:
    """The codepages whose characters form a three-byte run in ``text`` that ftfy's own codepages
    do not read — the only ones :func:`_codepage_edits` needs to scan."""
    runs = {m.group() for m in _any_codepage().finditer(text) if len(m.group()) == 3}
    runs = {r for r in runs if not _ftfy_reads(r)}
    if not runs:
        return []
    pages = [_codepage(c) for c in codepages()]
    return [p for p in pages if any(all(ch in p.encode for ch in r) for r in runs)]


def _punctuation(ch: str) -> bool:
    """What a three-byte sequence of English news text is: General Punctuation (‘ ’ “ ” – — … •;
    not its invisible format characters), the euro sign, the trade mark sign."""
    return ("\u2010" <= ch <= "\u205e" and unicodedata.category(ch)[0] in "PS") or ch in "\u20ac\u2122"


def _ftfy_takes(run: str, line: str) -> bool:
    """Does ftfy's repair of ``line`` change ``run`` (one occurrence of it at least)?"""
    return _needs_ftfy(line) and _ftfy_line(line).count(run) < line.count(run)


def _line_at(text: str, at: int) -> str:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return text[lo : hi if hi >= 0 else len(text)].rstrip("\r")


@lru_cache(maxsize=4096)
def _ftfy_reads(run: str) -> bool:
    """Would ftfy undo this run itself — does it encode to UTF-8 through one of ftfy's codepages?
    Then it is left to ftfy, which weighs the whole line."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)
    from ftfy.chardata import CHARMAP_ENCODINGS

    for codec in CHARMAP_ENCODINGS:
        try:
            decoded = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if not any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in decoded):
            return True  # (not a private-use character: Mac Roman reads "ÔÇ£" as U+F0A3)
    return False


def _codepage_edits(text: str) -> list[Edit]:
    """UTF-8 read as one of :func:`codepages` (DOS, Cyrillic, Greek, Hebrew, Arabic …:
    ``“`` → ``ÔÇ£`` in DOS Latin-1, ``тАЬ`` in DOS Cyrillic), undone where the evidence says it
    is not that script's own text: a run of three bytes that is typographic punctuation (``“``,
    ``—``, ``…``, ``€``), and — in a text where such a run showed the codepage at work — a run of
    two bytes that is a Latin letter or sign glued to an ASCII letter and to no letter of the
    script (``caf├⌐`` → café). A lone two-byte run proves nothing: "MARQUÉ…" is French, "├┤a"
    line art."""
    if not may_have_mojibake(text):
        return []
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for page in _pages_at_work(text):
        codec = page.codec
        matches = list(page.candidate.finditer(text))
        if not matches:
            continue
        covered = {i for m in matches for i in range(m.start(), m.end())}
        confirmed = False  # two-byte runs only once a three-byte one showed this codepage at work
        for m in sorted(matches, key=lambda m: -len(m.group())):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            try:
                decoded = bytes(page.encode[c] for c in m.group()).decode("utf-8")
            except (KeyError, UnicodeDecodeError):
                continue
            if _ftfy_reads(m.group()) and (len(m.group()) == 3 or _ftfy_takes(m.group(), _line_at(text, m.start()))):
                # ftfy's to weigh, with its own codepages and the whole line ("â€™" is Windows-1252's
                # before it is anyone's); a letter it leaves in a text this codepage mangled is ours
                continue
            if len(m.group()) == 3:
                evidence = _punctuation(decoded)
                confirmed = confirmed or evidence
            elif not confirmed:
                continue
            else:
                before = text[m.start() - 1] if m.start() > 0 else ""
                after = text[m.end()] if m.end() < len(text) else ""
                glued = [(c, i) for c, i in ((before, m.start() - 1), (after, m.end())) if c]
                evidence = ("\u00a0" <= decoded <= "\u024f" and any(_ASCII_LETTER.match(c) for c, _ in glued)
                            and not any(c.isalpha() and not c.isascii() and i not in covered for c, i in glued))
            if evidence:
                edits.append(Edit(m.start(), m.end(), decoded, "mojibake", f"utf8-as-{codec}"))
                taken.append((m.start(), m.end()))
    return sorted(edits, key=lambda e: e.start)


_FTFY_TRIGGER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\x1b\ud800-\udfff]")


@lru_cache(maxsize=4096)  # a repaired article is normalized again: its unchanged lines are asked twice
def _needs_ftfy(line: str) -> bool:
    if not may_have_mojibake(line):  # covers the control characters of _FTFY_TRIGGER too
        return False
    return bool(is_bad(line) or _FTFY_TRIGGER.search(line))


@lru_cache(maxsize=4096)
def _ftfy_line(line: str) -> str:
    return ftfy.fix_text(line, FTFY_CONFIG)


def _diff_edits(old: str, new: str, offset: int, kind: str, rule: str) -> list[Edit]:
    """Local edits turning ``old`` into ``new`` (character-level diff), shifted by ``offset``."""
    # rapidfuzz's Levenshtein alignment (C, bit-parallel): difflib's pure-Python matcher took 90 %
    # of normalization time on long mojibake paragraphs; adjacent ops are merged below either way
    edits = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(old, new):
        if tag != "equal":
            edits.append(Edit(offset + i1, offset + i2, new[j1:j2], kind, rule))
    return _merge_close(edits, old, offset)


def _merge_close(edits: list[Edit], old: str, offset: int) -> list[Edit]:
    """Join edits separated by at most one unchanged character: one mojibake sequence, one repair."""
    out: list[Edit] = []
    for e in edits:
        if out and e.start - out[-1].end <= 1:
            a = out[-1]
            gap = old[a.end - offset : e.start - offset]
            out[-1] = Edit(a.start, e.end, a.after + gap + e.after, a.kind, a.rule)
        else:
            out.append(e)
    return out


def _ftfy_edits(text: str) -> list[Edit]:
    if not may_have_mojibake(text):
        return []
    edits: list[Edit] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body and _needs_ftfy(body):
            fixed = _ftfy_line(body)
            if fixed != body:
                edits.extend(_diff_edits(body, fixed, pos, "mojibake", "ftfy"))
        pos += len(line)
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.after)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_874(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-874 (the repair ftfy lacks), nothing else."""
    return _apply(text, _fix_874_edits(text))


def fix_codepages(text: str) -> str:
    """Undo UTF-8 that was decoded as one of :func:`codepages` (which ftfy does not try)."""
    return _apply(text, _codepage_edits(text))


def fix_with_ftfy(text: str) -> str:
    """ftfy's repair with the workbench's never-change-correct-text options, line by line."""
    return _apply(text, _ftfy_edits(text))


def fix_mojibake(text: str) -> str:
    """Repair mojibake in ``text`` and change nothing else.

    Windows-874 mojibake is undone first (ftfy cannot), then ftfy's own repair runs with options that
    keep curly quotes curly and never normalize correct text. Idempotent: one repair can complete
    another mojibake sequence (``"À\\x0b\\x86"`` -> ``"À†"``, which is Mac Roman for ``"ˠ"``), so the
    two passes repeat until nothing changes (at most four times).
    """
    for _ in range(4):
        fixed = fix_with_ftfy(fix_codepages(fix_874(text)))
        if fixed == text:
            break
        text = fixed
    return text


def fix_mojibake_column(texts: "pl.Series") -> "pl.Series":
    """:func:`fix_mojibake` over a polars column of texts: the detection is vectorized.

    One regex pass in polars (:data:`MAYBE_MOJIBAKE`, compiled Rust, over the whole column) finds
    the texts that could hold mojibake; only those take the slow path. On clean news text that is
    almost none, which is what makes a corpus-wide repair cheap. Nulls stay null.

    >>> import polars as pl
    >>> fix_mojibake_column(pl.Series(["fine “text”", "Trumpโ€™s", None])).to_list()
    ['fine “text”', 'Trump’s', None]
    """
    maybe = texts.str.contains(MAYBE_MOJIBAKE).fill_null(False)
    rows = maybe.arg_true()
    if rows.len() == 0:
        return texts
    fixed = [fix_mojibake(t) for t in texts.gather(rows).to_list()]
    return texts.clone().scatter(rows, fixed)


#: the two passes as local edits, for the normalizer's log (874 first, then ftfy on the result)
fix_874_edits = _fix_874_edits
codepage_edits = _codepage_edits
ftfy_edits = _ftfy_edits
