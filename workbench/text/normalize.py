"""Normalization of one article's raw text, explained and replayable.

Each step is a small function ``str -> list[Edit]`` (local edits on the current text). They run
in a fixed order and an :class:`~workbench.text.edits.EditTrack` composes their edits into the
repairs log, in raw-text coordinates, so that

* ``replay(raw, repairs) == text`` — every change is accounted for, and
* every span of ``text`` maps back to the span of ``raw`` it came from (:class:`OffsetMap`).

Steps, in order (the ``kind`` each logs):

1. ``whitespace`` — line endings to ``\\n``; ``metadata`` — a scraper's or site export's metadata
   header (YAML front matter, a reader's ``Title:`` … ``Markdown Content:``) becomes the headline
   it names (:mod:`workbench.text.header`; the loader keeps its fields as metadata);
2. ``mojibake`` — UTF-8 read as Windows-874, then as the other codepages ftfy does not try
   (``mojibake.toml``), then ftfy (see :mod:`workbench.text.mojibake`);
3. ``escape`` — HTML entities (``&amp;``, ``&#8217;``) and Markdown backslash escapes
   (``s\\*\\*\\*`` -> ``s***``, ``\\$1 billion`` -> ``$1 billion``); ``markdown`` — Markdown
   heading markers (``#``, and setext underlines ``====``), emphasis markers (``**bold**``, ``*italic*``; never a censored ``s***``),
   links (``[words](address)`` -> ``words``) and images;
4. ``whitespace`` — invisible characters, odd spaces, indentation, trailing spaces, runs of blank
   lines collapsed to one blank line; then the line breaks a wrapper put inside paragraphs of a
   hard-wrapped text (wire feeds, database exports, e-mail) made spaces (:func:`hard_wraps`);
5. ``boilerplate`` — comment prompts, related-links and share lines, from
   ``resources/boilerplate.toml`` (a run of such lines is one repair, with the blank lines before it);
6. ``repeated-title`` — a headline printed twice (as copy-paste from many sites leaves it);
7. ``whitespace`` again.

When a pass repaired mojibake or escapes (or deleted an invisible character), the steps run again
(at most :data:`MAX_ROUNDS` passes) so that the result is a fixed point:
``normalize_text(t.text).text == t.text`` (``&amp;amp;`` becomes ``&``, not ``&amp;``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from workbench.lexicon import load_toml
from workbench.text.edits import Edit, EditTrack, OffsetMap, Repair
from workbench.text.header import find_header, headline_for
from workbench.text.mojibake import codepage_edits, fix_874_edits, ftfy_edits

__all__ = ["Normalized", "normalize_text", "STEPS"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """The result of normalizing one raw text."""

    raw: str
    text: str
    repairs: tuple[Repair, ...]
    offsets: OffsetMap
    offset_table: tuple[tuple[int, int, int, int, bool], ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span that ``text[start:end]`` came from."""
        return self.offsets.span(start, end)


# -- steps ------------------------------------------------------------------------------------

_LINE_ENDINGS = re.compile(r"\r\n?|[\u2028\u2029\x85](?=.)", re.S)


def line_endings(text: str) -> list[Edit]:
    """CR LF, lone CR and Unicode line separators become ``\\n``."""
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return []  # most texts: four substring tests instead of a regex scan
    return [Edit(m.start(), m.end(), "\n", "whitespace", "line-ending") for m in _LINE_ENDINGS.finditer(text) if m.group() != "\n"]


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_entities(text: str) -> list[Edit]:
    """``&amp;`` -> ``&``, ``&#8217;`` -> ``’`` (only well-formed entities that HTML defines)."""
    edits = []
    for m in _ENTITY.finditer(text):
        value = html.unescape(m.group())
        if value != m.group():
            edits.append(Edit(m.start(), m.end(), value, "escape", "html-entity"))
    return edits


# Markdown's escapable ASCII punctuation (CommonMark §2.4); a backslash before anything else is kept.
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def markdown_escapes(text: str) -> list[Edit]:
    """``\\*`` -> ``*`` etc.: escapes left behind when Markdown was pasted as plain text."""
    return [Edit(m.start(), m.end(), m.group(1), "escape", "markdown-escape") for m in _MD_ESCAPE.finditer(text)]


#: ATX heading markers at a line's start ("# Title", "## Section"), several if stacked
_MD_HEADING = re.compile(r"(?m)^(?:#{1,6}[ \t]+)+(?=\S)")


#: a setext heading: a line of text underlined by a line of ``=`` or ``-`` ("Title" ¶ "=====")
_MD_SETEXT = re.compile(r"(?m)^(?![ \t]*(?:[-*+>#]|\d+[.)])[ \t])(?P<line>[^\n]*[^\s=-][^\n]*)\n[ \t]{0,3}(?:={3,}|-{3,})[ \t]*$")


def markdown_headings(text: str) -> list[Edit]:
    """``# Title`` -> ``Title``: the heading markers of a Markdown file (the line stays a line, so
    the structure parser sees a title or a heading). A setext heading's underline goes with its
    line replaced by the line alone (one edit from the line's start, which marks it a heading)."""
    edits = []
    if "#" in text:  # most texts: a substring test instead of trying ^ at every line
        edits = [Edit(m.start(), m.end(), "", "markdown", "markdown-heading") for m in _MD_HEADING.finditer(text)]
    if "\n==" in text or "\n---" in text:
        edits += [Edit(m.start(), m.end(), m.group("line"), "markdown", "markdown-heading") for m in _MD_SETEXT.finditer(text)
                  if not any(e.start < m.end() and m.start() < e.end for e in edits)]
        edits.sort(key=lambda e: e.start)
    return edits


def metadata_header(text: str) -> list[Edit]:
    """A scraper's or site export's metadata header (YAML front matter, a reader's ``Title:`` …
    ``Markdown Content:`` lines; :mod:`workbench.text.header`) -> the headline it names, unless the
    story opens with it already: the fields are the article's metadata, not its text."""
    if not text.startswith(("---", "Title:", "\ufeff")):
        return []
    header = find_header(text)
    if header is None:
        return []
    headline = headline_for(header, text[header.end :])
    return [Edit(0, header.end, f"{headline}\n\n" if headline else "", "metadata", "metadata-header")]


#: **strong** / __strong__ and *emphasis*: markers hugging a word at each end, on one line, at
#: most a few hundred characters apart. A censored word (``s***``, ``sh*t``) has a letter before
#: its asterisks, so it is never a marker. (Each pattern starts with its marker and looks behind
#: after it: a pattern starting with a look-behind is tried at every character of the text.)
_MD_STRONG = re.compile(r"(\*\*|__)(?<![\w*\\]..)(?=[^\s*_])[^\n]{0,300}?[^\s*_\\]\1(?![\w*])")
_MD_EM = re.compile(r"\*(?<![\w*\\].)(?=[^\s*])[^*\n]{0,200}?[^\s*\\]\*(?![\w*])")


def markdown_emphasis(text: str) -> list[Edit]:
    """``**Bold**`` -> ``Bold``, ``*italic*`` -> ``italic``: the markers go, the words stay (each
    marker is its own edit, so the words map to their raw characters one for one)."""
    if "*" not in text and "__" not in text:  # most texts: substring tests instead of a regex scan
        return []
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for m in _MD_STRONG.finditer(text):
        n = len(m.group(1))
        edits += [Edit(m.start(), m.start() + n, "", "markdown", "markdown-emphasis"),
                  Edit(m.end() - n, m.end(), "", "markdown", "markdown-emphasis")]
        taken.append((m.start(), m.end()))
    for m in _MD_EM.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            edits += [Edit(m.start(), m.start() + 1, "", "markdown", "markdown-emphasis"),
                      Edit(m.end() - 1, m.end(), "", "markdown", "markdown-emphasis")]
    return sorted(edits, key=lambda e: e.start)


#: ![alt](target) images and [words](target) links, with a target that is an address
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:https?://|/|\.\.?/|www\.)[^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\((?:https?://|/|#|\.\.?/|www\.|mailto:)[^)\s]*(?:\s+\"[^\"\n]*\")?\)")


def markdown_links(text: str) -> list[Edit]:
    """``[the report](https://…)`` -> ``the report``; an image ``![…](…)`` goes whole (its
    address is kept in the repairs log)."""
    if "](" not in text:
        return []
    edits = [Edit(m.start(), m.end(), "", "markdown", "markdown-image") for m in _MD_IMAGE.finditer(text)]
    for m in _MD_LINK.finditer(text):
        if not any(e.start <= m.start() < e.end for e in edits):
            edits += [Edit(m.start(), m.start() + 1, "", "markdown", "markdown-link"),
                      Edit(m.end(1), m.end(), "", "markdown", "markdown-link")]
    return sorted(edits, key=lambda e: e.start)


#: a space other than " " (tab, no-break, typographic spaces); with " ", any space within a line
_ODD_SPACE = "[\\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SPACE = "[ " + _ODD_SPACE[1:]
_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad]")
#: what a whitespace run between the text's first and last visible character becomes
_WS = re.compile(
    rf"(?P<blank>{_SPACE}*\n(?:{_SPACE}*\n)+{_SPACE}*)"
    rf"|(?P<eol>{_SPACE}+\n{_SPACE}*|\n{_SPACE}+)"
    rf"|(?P<space>{_SPACE}{{2,}}|{_ODD_SPACE})"
)
_WS_REPLACEMENT = {"blank": "\n\n", "eol": "\n", "space": " "}
#: the runs ``_WS`` can change: two or more whitespace characters, or one that is not " " or "\n".
#: Both branches start with a character class, so the scan is fast (a pattern that tries five
#: alternatives at every position of the text took most of normalization's time)
_WS_RUN = re.compile(r"\s{2,}|[^\S \n]")


#: an invisible character or an odd space: one scan finds whether either kind is in a text
_SPECIAL = re.compile(f"{_INVISIBLE.pattern[:-1]}{_ODD_SPACE[1:]}")


def _needs_whitespace(text: str, special: bool) -> bool:
    """A quick test that :func:`whitespace` has something to change (most passes find nothing);
    ``special``: the text holds an invisible character or an odd space."""
    # a text that ends in one newline after its last visible character is as it should be: every
    # file does, so testing only ``text[-1]`` sent every pass of every article to the scan
    return bool(text) and (
        special or text[0].isspace()
        or (text[-1].isspace() and not (text[-1] == "\n" and len(text) > 1 and not text[-2].isspace()))
        or "  " in text or " \n" in text or "\n " in text or "\n\n\n" in text
    )


def whitespace(text: str) -> list[Edit]:
    """Invisible characters out; spaces collapsed; no indentation or trailing spaces; ≤ 1 blank line.

    >>> [(e.start, e.end, e.after, e.rule) for e in whitespace(" a  b \\n\\n\\n c\\t\\n\\n")]
    [(0, 1, '', 'lead-space'), (2, 4, ' ', 'space'), (5, 10, '\\n\\n', 'blank'), (11, 14, '\\n', 'trail-space')]
    """
    first = _SPECIAL.search(text)
    if first is not None:  # no invisible character comes before the first special one
        edits = [Edit(m.start(), m.end(), "", "whitespace", "invisible-character") for m in _INVISIBLE.finditer(text, first.start())]
        if edits:  # keep the two passes from overlapping: handle invisibles first, spaces next time round
            return edits
    if not _needs_whitespace(text, first is not None):
        return []
    n = len(text)
    # str.isspace and the regex's \s agree on what whitespace is
    lead, tail = n - len(text.lstrip()), len(text.rstrip())
    if lead == n:
        return [Edit(0, n, "", "whitespace", "lead-space")]
    out = [Edit(0, lead, "", "whitespace", "lead-space")] if lead else []
    for run in _WS_RUN.finditer(text, lead, tail):
        if run.group() == "\n\n":  # a paragraph break as it should be, the commonest run by far
            continue
        for m in _WS.finditer(text, run.start(), run.end()):
            after = _WS_REPLACEMENT[m.lastgroup]
            if m.group() != after:
                out.append(Edit(m.start(), m.end(), after, "whitespace", m.lastgroup or ""))
    if tail < n:
        after = "\n" if "\n" in text[tail:] else ""  # a text file ends with one newline, no more
        if text[tail:] != after:
            out.append(Edit(tail, n, after, "whitespace", "trail-space"))
    return out


@dataclass(frozen=True)
class BoilerplatePattern:
    name: str
    regex: re.Pattern[str]
    where: str  # "tail" or "anywhere"
    takes_list: bool = False  # a header: in the tail, the short lines under it go with it


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[BoilerplatePattern, ...]:
    """The patterns of ``resources/boilerplate.toml`` (plus any user file, see :mod:`workbench.lexicon`)."""
    data = load_toml("boilerplate.toml")
    out = []
    for entry in data.get("pattern", []):
        where = entry.get("where", "tail")
        if where not in ("tail", "anywhere"):
            raise ValueError(f"boilerplate.toml: pattern {entry.get('name')!r} has where={where!r}; use 'tail' or 'anywhere'")
        out.append(BoilerplatePattern(entry["name"], re.compile(rf"(?:{entry['regex']})", re.I), where, bool(entry.get("takes_list", False))))
    return tuple(out)


@lru_cache(maxsize=2)
def _boilerplate_regex(tail: bool) -> re.Pattern[str]:
    """Every pattern (``tail``) or the "anywhere" ones, as one alternation whose group names the
    pattern: one match per line instead of one per pattern (the first pattern that fits wins,
    as in the file's order)."""
    chosen = [(k, p) for k, p in enumerate(boilerplate_patterns()) if tail or p.where == "anywhere"]
    return re.compile("|".join(f"(?P<p{k}>{p.regex.pattern})" for k, p in chosen), re.I)


def _match_boilerplate(line: str, *, tail: bool) -> str | None:
    whole = line.strip()
    stripped = whole.strip("|•·-–—:").strip()
    if len(stripped) > 200 or not whole:
        return None
    m = _boilerplate_regex(tail).fullmatch(stripped or whole)
    return boilerplate_patterns()[int(m.lastgroup[1:])].name if m and m.lastgroup else None


@lru_cache(maxsize=1)
def _list_headers() -> frozenset[str]:
    """The patterns that are headers taking the short lines under them (``takes_list``)."""
    return frozenset(p.name for p in boilerplate_patterns() if p.takes_list)


#: a list item under such a header: a bullet and a few words
_LIST_ITEM = re.compile(r"[*•·\-–]\s+\S.{0,120}")


def _link_item(line: str) -> bool:
    """A list item or a linked headline (a few words, no final full stop: a headline, not a sentence)."""
    stripped = line.strip()
    return len(stripped) <= 150 and stripped.count(" ") < 12 and (_LIST_ITEM.fullmatch(stripped) is not None or not stripped.endswith("."))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def boilerplate(text: str) -> list[Edit]:
    """Remove boilerplate lines; each run of them goes with the blank lines before it, as one repair."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    if len(lines) < 2:
        return []
    marked: dict[int, str] = {}
    # the tail: walk back from the last line while lines are boilerplate; short lines (list items,
    # link titles, a contact's name and number) count only if a header that takes a list
    # (``takes_list``: related links, a media contact) stands above them
    items: list[int] = []
    for k in range(len(lines) - 1, 0, -1):
        line = text[lines[k][0] : lines[k][1]]
        rule = _match_boilerplate(line, tail=True)
        if rule is None:
            if _link_item(line) and len(items) < 12:
                items.append(k)
                continue
            break
        if rule in _list_headers():
            marked.update(dict.fromkeys(items, rule))
            items = []
        elif items:  # list items not under a header: not furniture after all
            break
        marked[k] = rule
    for k in range(1, len(lines)):  # never the first line: that is the headline or the kicker
        if k not in marked:
            rule = _match_boilerplate(text[lines[k][0] : lines[k][1]], tail=False)
            if rule is not None:
                marked[k] = rule
    edits = []
    k = 1
    while k < len(lines):
        if k not in marked:
            k += 1
            continue
        j = k
        rules = []
        while j < len(lines) and j in marked:
            rules.append(marked[j])
            j += 1
        # from the end of the last kept line before the run to the end of the run: the separator
        # before the next kept line stays, so paragraphs stay apart
        start, end = lines[k - 1][1], lines[j - 1][1]
        edits.append(Edit(start, end, "", "boilerplate", "; ".join(dict.fromkeys(rules))))
        k = j
    return edits


#: a text is read as hard-wrapped (a line break inside each paragraph, every so many characters)
#: only when its lines break at a width no wider than this — wire feeds, database exports and
#: e-mails wrap at 65–80 characters; an article whose paragraphs are one line each has lines of
#: every length up to hundreds of characters
WRAP_WIDTH_MAX = 110
#: … and no narrower than this: a block of short lines (a contact's name, e-mail and number; an
#: address) is a writer's layout, not a wrapper's
WRAP_WIDTH_MIN = 40
#: … and when at least this share of its line breaks inside paragraphs fall where the next word
#: would not have fitted on the line (a wrapper's breaks); fewer, and the breaks are the writer's
WRAP_SHARE = 0.7
#: … and at least this many of them (a short text proves nothing)
WRAP_MIN_BREAKS = 3
#: characters a wrapped line may have lost since it was wrapped: the wrapper counted the raw
#: characters, and a repaired mojibake sequence ("โ€™" → "’") is two fewer
WRAP_SLACK = 8


def hard_wraps(text: str) -> list[Edit]:
    """Line breaks a wrapper put inside paragraphs, made spaces again ("… said the\\nminister" →
    "… said the minister"); a word broken at its own hyphen ("well-\\nknown") is joined.

    A break is a wrapper's when the next line's first word would not have fitted on the line at
    the text's wrap width (the longest such line): a writer's break (a list, an address, a
    poem) comes early. The text must be hard-wrapped as a whole (:data:`WRAP_SHARE` of its breaks
    inside paragraphs are the wrapper's, the width between :data:`WRAP_WIDTH_MIN` and
    :data:`WRAP_WIDTH_MAX`); else nothing changes. Each joined break is its own edit, one
    character for one, so offsets stay exact.

    >>> t = ("The harbour master said on Monday that the port\\nwould stay closed until the storm had passed,\\n"
    ...      "and that ships already at anchor should stay\\nwhere they were until further notice.\\n")
    >>> [(e.start, e.after) for e in hard_wraps(t)]
    [(47, ' '), (93, ' '), (138, ' ')]
    """
    # breaks inside paragraphs: the newlines not next to another one (whitespace has collapsed
    # runs of blank lines to one); most articles have none, found without a Python loop
    if text.count("\n") - 2 * text.count("\n\n") < WRAP_MIN_BREAKS:
        return []
    spans = _lines(text)
    lines = [text[s:e] for s, e in spans]
    inner = [i for i in range(len(lines) - 1) if lines[i].strip() and lines[i + 1].strip()]
    if len(inner) < WRAP_MIN_BREAKS:
        return []
    width = max(len(lines[i]) for i in inner)
    if not WRAP_WIDTH_MIN <= width <= WRAP_WIDTH_MAX:
        return []

    def full(i: int) -> bool:  # the next word would not have fitted on line i
        nxt = lines[i + 1].lstrip()
        return len(lines[i].rstrip()) + 1 + len(nxt.split(" ", 1)[0]) > width - WRAP_SLACK

    wrapped = [i for i in inner if full(i)]
    if len(wrapped) < WRAP_MIN_BREAKS or len(wrapped) < WRAP_SHARE * len(inner):
        return []
    edits = []
    for i in wrapped:
        at = spans[i][1]  # the newline
        line, nxt = lines[i], lines[i + 1]
        joined_word = len(line) >= 2 and line[-1] == "-" and line[-2].isalpha() and nxt[:1].islower()
        edits.append(Edit(at, at + 1, "" if joined_word else " ", "whitespace", "hard-wrap"))
    return edits


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _title_key(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).translate(_QUOTES).casefold()
    return re.sub(r"\W+", " ", line).strip()


#: longer lines are paragraphs, never a headline (and comparing them costs most of this step)
_TITLE_MAX = 400


def repeated_title(text: str) -> list[Edit]:
    """A headline printed twice in a row (possibly under a section label) loses its second copy
    (and any further copies right after it)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    while len(lines) < 3 and pos <= len(text):  # the first three non-blank lines, not all of them
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            lines.append((pos, end))
        pos = end + 1
    for k in range(len(lines) - 1):
        a, b = lines[k], lines[k + 1]
        if a[1] - a[0] > _TITLE_MAX or b[1] - b[0] > _TITLE_MAX:  # a paragraph, not a headline
            continue
        key = _title_key(text[a[0] : a[1]])
        if key and len(key) >= 8 and key == _title_key(text[b[0] : b[1]]):
            end = pos = b[1]
            while pos < len(text):  # every copy in a row goes at once, so that the step finds nothing the next time
                nxt = text.find("\n", pos + 1)
                nxt = len(text) if nxt < 0 else nxt
                line = text[pos + 1 : nxt]
                if line.strip():
                    if len(line) > _TITLE_MAX or _title_key(line) != key:
                        break
                    end = nxt
                pos = nxt
            return [Edit(a[1], end, "", "repeated-title", "headline-repeated")]
    return []


Step = Callable[[str], list[Edit]]

#: the normalization steps, in order; each is ``str -> list[Edit]`` on the current text
STEPS: tuple[tuple[str, Step], ...] = (
    ("line-endings", line_endings),
    # whitespace first too, so that the mojibake repair sees each line as it will finally stand
    # (ftfy's verdict on a line can depend on a leading space)
    ("invisible-early", whitespace),
    ("whitespace-early", whitespace),
    ("metadata-header", metadata_header),
    ("mojibake-874", fix_874_edits),
    ("mojibake-codepages", codepage_edits),
    ("mojibake-ftfy", ftfy_edits),
    ("html-entities", html_entities),
    ("markdown-escapes", markdown_escapes),
    ("markdown-headings", markdown_headings),
    ("markdown-emphasis", markdown_emphasis),
    ("markdown-links", markdown_links),
    ("invisible", whitespace),
    ("whitespace", whitespace),
    ("hard-wraps", hard_wraps),
    ("boilerplate", boilerplate),
    ("repeated-title", repeated_title),
    ("whitespace-final", whitespace),
)


#: at most this many passes of the steps (a pass that changes nothing ends it)
MAX_ROUNDS = 4
#: repair kinds that introduce characters, after which another pass may find more to do
_CREATIVE_KINDS = frozenset({"mojibake", "escape"})


def normalize_text(raw: str, *, steps: tuple[tuple[str, Step], ...] = STEPS) -> Normalized:
    """Normalize one article's raw text; returns the text, the repairs log and the offset map.

    >>> n = normalize_text("Politics\\n\\nHeadline\\n\\nHe said \\\\$1 billion.\\n\\nLeave a Reply\\n")
    >>> n.text
    'Politics\\n\\nHeadline\\n\\nHe said $1 billion.\\n'
    >>> [(r.kind, r.before) for r in n.repairs]
    [('escape', '\\\\$'), ('boilerplate', '\\n\\nLeave a Reply')]
    """
    track = EditTrack(raw)
    # steps are pure: one that found nothing to do finds nothing again until the text changes, so
    # it is not run again on the same text (the whitespace step stands five times in a pass)
    version = 0
    idle_at: dict[Step, int] = {}
    for _round in range(MAX_ROUNDS):
        before = track.text
        creative = False
        for _name, step in steps:
            if idle_at.get(step) == version:
                continue
            edits = step(track.text)
            if not edits:
                idle_at[step] = version
                continue
            track.apply(edits)
            version += 1
            creative = creative or any(e.kind in _CREATIVE_KINDS or e.rule == "invisible-character" for e in edits)
        # a repair that put new characters in (or joined two runs by deleting an invisible one) can
        # make work for an earlier step: "&amp;amp;" -> "&amp;", or "\x80" -> "€" completing a
        # Windows-874 sequence. Run again until nothing changes, so the result is a fixed point.
        if not creative or track.text == before:
            break
    table = track.offset_table()
    return Normalized(raw, track.text, tuple(track.repairs()), OffsetMap(table, len(raw)), tuple(table))
