"""The parts of a news article: section label, headline, standfirst, dateline, headings, paragraphs.

Plain-text news arrives as copy-paste from web pages, so structure is read from layout and wording,
with rules that hold across outlets rather than any one site's template:

* **blocks** are the non-empty lines; a hard-wrapped text (most lines short and running on into the
  next) is read by blank-line-separated groups instead;
* **kicker** — a first block that is a known section label (``resources/section_labels.txt``), or
  a very short line (≤ 3 words, no sentence punctuation) followed by a longer headline-like line;
* **title** — the first block after the kicker, unless it is longer than any headline
  (:data:`MAX_TITLE_CHARS`): a text pasted without line breaks has no title, only body;
* **dateline** — a line that is only a date (``March 01, 2008``, ``Tuesday, July 8, 2025``,
  ``16/04/2024``, ``2024-04-16T18:30:00Z``, with an optional ``Published``/``Updated``/``Last
  modified on`` label, a time, a signature ``by Jane Doe``) among the first blocks, or a place prefix in capitals
  before a dash at the start of the story's first paragraph (``WASHINGTON D.C. / KYIV — …``,
  ``LONDON (Reuters) - …``, ``SPRINGFIELD, Ill. (AP) — …``, ``CHICAGO, April 16 (Reuters) - …``);
  the prefix becomes a block of its own and the paragraph starts after it. The story's first
  paragraph is the first body block, or a later one when only a short summary line and bylines
  stand before it (wire copy: headline, summary, byline, dateline) — that line is then the dek;
* **byline** — a short line ``By <names>`` (capitalized words, ``and``, commas, an agency) among
  the front blocks, before the first paragraph of the story (``By JANE DOE Associated Press``), or
  names alone right above a date line (``Sam Lee in Chicago``); else a date line's signature;
* **dek** (standfirst) — a single sentence of four words or more and at most ~250 characters right
  under the headline, set *without a blank line* (how a standfirst survives copy-paste), in
  Markdown emphasis, or with a byline or a date line after it; a lead paragraph is separated by a
  blank line and followed by the story;
* **heading** — between paragraphs, a short line (≤ 14 words) with no sentence-final punctuation,
  in capitals, Title Case, wholly bold or italic (≤ 10 words), or a Markdown ``#`` heading,
  followed by a paragraph;
* everything else is **body**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

from workbench.lexicon import load_lines

__all__ = ["Block", "Structure", "parse_structure", "DATE_LINE", "PLACE_DATELINE", "COLON_DATELINE"]


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the normalized text: ``text[start:end]`` with its role."""

    role: str  # kicker | title | dek | byline | dateline | heading | body
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Structure:
    blocks: tuple[Block, ...]
    kicker: str | None
    title: str | None
    dek: str | None
    dateline: str | None  # the place dateline, else the date line
    date_line: str | None  # a line that is only a date, if any
    byline: str | None = None  # the names of the first byline, without "By"


_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAYS = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
#: a line that is nothing but a date (optionally labelled, timed, and signed "by Jane Doe")
DATE_LINE = re.compile(
    # an agency and a place before it, set off by bars: "Reuters | London | Updated: 16-06-2022 15:17 IST"
    r"^(?:[A-Z][\w.&'’]*(?:\s+[A-Z][\w.&'’]*){0,3}\s*\|\s*){0,2}"
    rf"(?:(?:Published|Updated|Posted|Last updated|Last modified|Modified|First published|Created|Date)\s*(?:on)?\s*:?\s*)?"
    # the time first, as some sites print it: "Updated 10:32 AM EDT, Tue April 16, 2024", "10:32 BST, 9 July 2025"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\s*,?\s+(?=\D|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]))?"
    rf"(?:{_DAYS},?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
    rf"(?:\s*(?:,|\||·|•|-|–|—)?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\.?"
    # the last update after the first publication: "PUBLISHED: 10:32 BST, 9 July 2025 | UPDATED: 14:05 BST, 9 July 2025"
    r"(?:\s*(?:\||·|•|–|—)\s*(?:Updated|Last updated|Modified|Last modified|Created|Published|First published)\s*(?:on)?\s*:?\s*[^\n|]{1,60})?"
    r"(?:\s+by\s+(?P<by>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}))?$",
    re.I,
)
#: a place dateline at the start of a paragraph: capitals, optional agency, then a dash
PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:(?: +| */ *)[A-Z][A-Z.'’\-]*){0,6})"
    r"(?:,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\.?)?"
    rf"(?:,?\s*(?P<date>{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"(?:\s*(?:\((?P<agency>[A-Za-z .&/]{2,30})\)|/(?P<wire>[A-Za-z .&\-]{2,30})/))?"
    r"\s*(?:—|–|--|-)\s+(?=\S)"
)
#: a dateline in the South Asian wire style: a place in title case, a date and a colon ("New
#: Delhi, Sept 15 (ANI): …", "Bhubaneswar, Nov 22: …") — the date is what tells it from a label
COLON_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}),\s*(?P<date>{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?)"
    r"\s*(?:\((?P<agency>[A-Za-z .&/]{2,30})\))?\s*:\s+(?=\S)"
)
#: a byline: "By" and up to ten names, initials, "and", an agency; no sentence after it
BYLINE = re.compile(
    r"^(?:(?:Story|Written|Words|Text|Article)\s+)?[Bb][Yy]:?\s+(?P<who>[A-Z][\w'’.\-]*(?:(?:\s*[,&/|]\s*|\s+(?:and\s+|de\s+|van\s+|von\s+|der\s+|da\s+|al-?\s*|bin\s+)?)"
    r"[A-Z][\w'’.\-]*){0,9})"
    # an aggregator's age of the story after a dot: "Story by Jane Doe • 2h"
    r"(?:\s*[•·]\s*\d+\s*(?:h|m|d|hrs?|mins?|hours?|minutes?|days?)(?:\s+ago)?)?"
    # a site's time stamp after a bar or a dash: "By Jane Doe | Published 3 hours ago", "— Updated July 8"
    r"(?:\s*[|•·—–-]\s*(?:Published|Updated|Posted|Last updated)\b[^\n]{0,60})?\s*$"
)
#: a line under a byline that belongs to it: where the reporter filed from, or the reporter's
#: agency, title or desk ("Reporting from Chicago", "Associated Press", "Political Correspondent")
_BYLINE_MORE = re.compile(r"^(?:(?:Reporting|Reported|Writing) from\s+[A-Z][\w'’.\-]*(?:,?\s+[A-Z][\w'’.\-]*){0,3}"
                          r"|(?:The\s+)?[A-Z][\w'’.&\-]*(?:\s+(?:of\s+)?[A-Z][\w'’.&\-]*){0,3})\s*$")
#: a byline without "By": two or three names, "and", "in" a place (checked only above a date line)
_BARE_BYLINE = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){1,2}(?:\s*(?:,|and|&)\s*[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){1,2})*"
                          r"(?:\s+in\s+[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+)?)?$")
#: a story paragraph is at least this long in words; shorter body blocks before the dateline are front matter
_FRONT_MAX_WORDS = 40
#: the longest block that can be a headline; a longer first block is body (its line breaks were lost)
MAX_TITLE_CHARS = 400
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_WORD = re.compile(r"[\w’'\-]+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})[^*_].*\1$")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over per the to up via vs with after before about against".split()
)


@lru_cache(maxsize=1)
def _section_labels() -> frozenset[str]:
    return frozenset(label.casefold() for label in load_lines("section_labels.txt"))


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _is_title_case(s: str) -> bool:
    words = [w for w in _words(s) if w[0].isalpha()]
    content = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) / len(content) >= 0.75


def _one_sentence(s: str) -> bool:
    inner = s.rstrip(".!?\"'”’ ")
    return not re.search(r"[.!?][\"'”’]?\s+[A-Z“\"]", inner)


def _headline_like(s: str) -> bool:
    return 2 <= len(_words(s)) <= 30 and len(s) <= 250


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, follows_blank_line) of each block."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    nonempty = [(s, e) for s, e in lines if e > s]
    # hard-wrapped prose: most lines short and continued by a non-empty next line
    runs = sum(1 for (s1, e1), (s2, e2) in zip(lines, lines[1:]) if e1 > s1 and e2 > s2)
    long_lines = [e - s for s, e in nonempty if e - s > 0]
    wrapped = (
        len(nonempty) >= 6
        and runs >= 0.5 * len(nonempty)
        and sorted(long_lines)[len(long_lines) // 2] <= 100
        and max(long_lines) <= 120
    )
    out: list[tuple[int, int, bool]] = []
    prev_blank = True
    group_start = None
    group_end = 0
    blank_before = False  # did the current group of wrapped lines follow a blank line
    for s, e in lines:
        if e == s:
            if wrapped and group_start is not None:
                out.append((group_start, group_end, bool(out) and blank_before))
                group_start = None
            prev_blank = True
            continue
        if wrapped:
            if group_start is None:
                group_start, blank_before = s, prev_blank
            group_end = e
        else:
            out.append((s, e, prev_blank and bool(out)))
        prev_blank = False
    if wrapped and group_start is not None:
        out.append((group_start, group_end, bool(out) and blank_before))
    return out


def parse_structure(text: str, *, md_headings: Collection[int] = (), md_emphasis: Collection[int] = ()) -> Structure:
    """Find the parts of a normalized article. Pure; offsets index ``text``.

    Normalization removes Markdown markers, so it says where they stood: ``md_headings``, the
    offsets of lines that were ``#`` headings; ``md_emphasis``, the offsets where emphasis markers
    were (a line with one at each end was wholly bold or italic: a standfirst's layout)."""
    raw_blocks = _blocks(text)
    if not raw_blocks:
        return Structure((), None, None, None, None, None)
    roles: list[str] = ["body"] * len(raw_blocks)
    spans = [(s, e) for s, e, _ in raw_blocks]
    after_blank = [b for _, _, b in raw_blocks]

    def t(i: int) -> str:
        s, e = spans[i]
        return text[s:e]

    def md_heading(i: int, line: str | None = None) -> bool:
        return spans[i][0] in md_headings or _MD_HEADING.match(t(i) if line is None else line) is not None

    def emphasized(i: int) -> bool:
        s, e = spans[i]
        return (s in md_emphasis and e in md_emphasis) or _MD_EMPHASIS.match(t(i).strip()) is not None

    i = 0
    # kicker
    if len(spans) >= 3:
        first = t(0).strip()
        short = len(_words(first)) <= 3 and len(first) <= 30 and not _SENTENCE_END.search(first)
        if first.casefold().rstrip(":") in _section_labels() or (
            short
            and _headline_like(t(1))
            and not re.search(r"[.;,:][\"'”’]?$", t(1).strip())  # a headline, not a sentence
            and len(_words(t(1))) >= 2 * max(1, len(_words(first)))
            and not DATE_LINE.match(first)
        ):
            roles[0] = "kicker"
            i = 1
    # a block far longer than any headline (a text whose line breaks were lost) is body, not title
    has_title = len(t(i)) <= MAX_TITLE_CHARS
    if has_title:
        roles[i] = "title"
    title_index = i
    i += 1 if has_title else 0
    # date line, byline and dek among the next blocks

    def bare_byline(k: int) -> bool:
        # "Sam Lee in Chicago", "Jane Doe and John Smith" right above a date line: a byline without "By"
        return k + 1 < len(spans) and _BARE_BYLINE.match(t(k).strip()) is not None and DATE_LINE.match(t(k + 1).strip()) is not None

    def front_matter(k: int) -> bool:
        # a byline or a date line: what follows a standfirst, not a story's paragraph
        return k < len(spans) and (BYLINE.match(t(k).strip()) is not None or DATE_LINE.match(t(k).strip()) is not None or bare_byline(k))

    front_end = min(len(spans), title_index + 4)
    j = i
    while j < front_end:
        line = t(j).strip()
        if roles[j] == "body" and (BYLINE.match(line) or bare_byline(j)):
            roles[j] = "byline"
            j += 1
            front_end = min(len(spans), front_end + 1)
            if j < len(spans) - 1 and _BYLINE_MORE.match(t(j).strip()) and not DATE_LINE.match(t(j).strip()):
                roles[j] = "byline"  # "Reporting from Chicago", "Associated Press" under the byline
                j += 1
                front_end = min(len(spans), front_end + 1)
            continue
        if DATE_LINE.match(line) and roles[j] == "body":
            roles[j] = "dateline"
            j += 1
            continue
        if (
            has_title
            and j == title_index + 1
            and j + 1 < len(spans)
            and len(line) <= 250
            and len(_words(line)) >= 4  # a standfirst says something; "Key points" labels a list
            and _one_sentence(line)
            and not PLACE_DATELINE.match(line)
            and (not after_blank[j] or emphasized(j) or front_matter(j + 1))
            and not md_heading(j)
        ):
            roles[j] = "dek"
            j += 1
            continue
        break
    body_start = j
    # a byline further down the front matter (under a summary line: wire copy)
    for k in range(body_start, min(len(spans), body_start + 3)):
        if roles[k] == "body" and BYLINE.match(t(k).strip()):
            roles[k] = "byline"
    # headings between paragraphs
    for k in range(body_start, len(spans) - 1):
        line = t(k).strip()
        if roles[k] != "body":
            continue
        if md_heading(k, line):
            roles[k] = "heading"
            continue
        if len(line) > 120:  # a paragraph, not a heading (words are not counted for it)
            continue
        words = _words(line)
        if (
            1 <= len(words) <= 14
            and not _SENTENCE_END.search(line)
            and not line.startswith(("“", '"', "‘", "'"))
            and (_is_caps(line) or (_is_title_case(line) and len(words) >= 2) or (emphasized(k) and len(words) <= 10))
            and len(_words(t(k + 1))) > len(words)
        ):
            roles[k] = "heading"  # (a line wholly in bold or italics too: "**What happens next**")
    if roles[-1] == "body" and len(spans) > 1 and md_heading(len(spans) - 1):
        roles[-1] = "heading"
    # a place dateline at the start of the story's first paragraph
    story = _story_start(text, spans, roles, body_start)
    if story is not None and story[0] > body_start:  # the short line before the dateline is the dek
        front = [k for k in range(body_start, story[0]) if roles[k] == "body"]
        if len(front) == 1 and not any(r == "dek" for r in roles) and _one_sentence(t(front[0]).strip()):
            roles[front[0]] = "dek"
    blocks: list[Block] = []
    place = None
    for k, (s, e) in enumerate(spans):
        if story is not None and k == story[0]:
            m = story[1]
            place = m.group("place").strip(" ,/")
            blocks.append(Block("dateline", s, s + len(m.group(0).rstrip())))
            s = s + m.end()
        if roles[k] == "heading" and _MD_HEADING.match(text[s:e]):
            s += _MD_HEADING.match(text[s:e]).end()
        blocks.append(Block(roles[k], s, e))

    firsts: dict[str, Block] = {}
    for b in blocks:
        firsts.setdefault(b.role, b)

    def first(role: str) -> str | None:
        b = firsts.get(role)
        return text[b.start : b.end].strip() if b else None

    date_line = next((text[b.start : b.end].strip() for b in blocks if b.role == "dateline" and DATE_LINE.match(text[b.start : b.end].strip())), None)
    if date_line is None and story is not None and (dated := story[1].group("date")) and DATE_LINE.match(dated):
        date_line = dated  # "SPRINGFIELD, Ill., April 17, 2024 /PRNewswire/ --": the date of a wire dateline, with its year
    by = first("byline")
    return Structure(
        blocks=tuple(blocks),
        kicker=first("kicker"),
        title=first("title"),
        dek=first("dek"),
        dateline=place or date_line,
        date_line=date_line,
        byline=(m.group("who") if (m := BYLINE.match(by)) else by) if by else _signed(date_line),
    )


def _signed(date_line: str | None) -> str | None:
    """The names a date line is signed with ("Posted on April 16, 2024 by Jane Doe")."""
    m = DATE_LINE.match(date_line) if date_line else None
    return m.group("by") if m else None


def _story_start(text: str, spans: list[tuple[int, int]], roles: list[str], body_start: int) -> tuple[int, re.Match] | None:
    """The block that opens with a place dateline, and the match: the first body block, or a later
    one when only short front matter (a summary line, bylines) stands before it."""
    seen = 0
    for k in range(body_start, len(spans)):
        if roles[k] == "heading":
            return None
        if roles[k] != "body":
            continue
        s, e = spans[k]
        m = PLACE_DATELINE.match(text[s:e])
        if m and _is_caps(m.group("place")) and len(_words(m.group("place"))) <= 8 and e - (s + m.end()) > 20:
            return k, m
        m = COLON_DATELINE.match(text[s:e])
        if m and e - (s + m.end()) > 20:
            return k, m
        seen += 1
        # words counted by their spaces, in the first few hundred characters (a paragraph can be long)
        if seen >= 2 or text.count(" ", s, min(e, s + 12 * _FRONT_MAX_WORDS)) >= _FRONT_MAX_WORDS:
            return None
    return None
