"""News database exports: one text file, many articles (LexisNexis, Nexis Uni, Factiva).

Most newspaper research does not start from a folder of one article per file but from a
download of a news database: a ``.txt`` file holding up to a few hundred articles, each with the
database's header (outlet, date, byline, section, length) and footer (load date, language,
copyright, indexing). Loaded as one article, such a file is one long text whose quotes and dates
all belong to one "outlet". :func:`split_export` recognizes three layouts and cuts the file into
its articles:

* **LexisNexis** (the classic ``.TXT`` download): each article opens with ``N of M DOCUMENTS``,
  then the outlet, the date line (and edition lines), the headline, ``BYLINE:``, ``SECTION:``,
  ``LENGTH:`` lines and the body; ``LOAD-DATE:``, ``LANGUAGE:`` … and the copyright close it.
* **Nexis Uni** (its ``.docx`` download, read by :mod:`workbench.formats`, or saved as text): the
  headline, outlet and date line, ``Copyright …``, ``Section:``, ``Length:``, ``Byline:`` lines,
  ``Body``, the body, then ``Load-Date:`` … and ``End of Document``. A download's cover page and
  list of results come before the first article and are skipped.
* **Factiva** (articles saved as text): the headline, ``By …``, ``N words``, the date, the outlet,
  its source code, the language and the copyright line, the body, then ``Document <id>``.

Each article becomes one document (:class:`~workbench.io.RawArticle`): its ``raw_text`` is the
headline, a blank line and the body *as the file has it* (line breaks and all: the normalizer
unwraps hard-wrapped lines); the header's fields become metadata (``outlet``, ``published_date``
as an ISO date, ``byline``, ``section``, ``length``, ``edition``, ``language``, ``load_date``).
Nothing is lost and every row can be traced to the file: ``sha256`` hashes the article's whole
stretch of the file (header and footer too; the classic layout's ``N of M DOCUMENTS`` line aside,
so that an article the download holds twice is flagged a ``duplicate``, as a file loaded twice is), and the metadata gives its character span in the
decoded file (``source_start``/``source_end``) and where the headline and the body start in it
(``title_start``, ``body_start``): a row's ``raw_start`` past the headline is ``body_start +
raw_start - len(headline) - 2`` in the file. Ids are ``<file stem>-<N>`` and paths ``file#N``,
N the article's place in the file (as for the rows of a table file).

General layouts, not any database's full specification. An article of an export whose header
does not read as its layout's (a graphic with no ``LENGTH:``) is loaded as it stands, its whole
stretch of the file as its text, with an ``export-unparsed`` problem naming it; a file none of whose
articles reads (another language's field names, an indexing-only export) stays one article.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ExportArticle", "split_export", "parse_export_date"]


@dataclass(frozen=True, slots=True)
class ExportArticle:
    """One article of an export: its span in the file, its headline and body spans, its fields."""

    start: int
    end: int
    title: str
    title_start: int
    body_start: int
    body_end: int
    meta: dict[str, Any] = field(default_factory=dict)


#: a whole day's value of the date tagger ("2010-01-11"; not a month, a year or a weekday alone)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_export_date(line: str) -> str | None:
    """The ISO date a database's date line gives, read by the workbench's date tagger, or None.

    >>> parse_export_date("January 11, 2010 Monday"), parse_export_date("3 March 2020"), parse_export_date("Section: A")
    ('2010-01-11', '2020-03-03', None)
    """
    from workbench.temporal.tagger import tag

    return next((t.value for t in tag(line) if t.type == "DATE" and _ISO_DAY.fullmatch(t.value)), None)


def _unread(start: int, end: int, fmt: str, why: str) -> ExportArticle:
    """An article whose layout was not recognized: kept whole (nothing is lost), with the reason."""
    return ExportArticle(start, end, "", start, start, end, {"format": fmt, "unparsed": why})


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, line without its newline) of each line of ``text[start:end]``."""
    out, pos = [], start
    for line in text[start:end].split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _body_span(lines: list[tuple[int, str]], first: int, stop: re.Pattern[str] | None) -> tuple[int, int]:
    """From line ``first`` to the line before the first footer line (``stop``; None: to the last
    line), blank lines trimmed."""
    last = len(lines)
    if stop is not None:
        last = next((k for k in range(first, len(lines)) if stop.match(lines[k][1])), last)
    body = lines[first:last]
    while body and not body[0][1].strip():
        body.pop(0)
    while body and not body[-1][1].strip():
        body.pop()
    if not body:
        return (lines[first][0] if first < len(lines) else lines[-1][0],) * 2
    return body[0][0], body[-1][0] + len(body[-1][1])


def _field(lines: list[tuple[int, str]], pattern: re.Pattern[str]) -> dict[str, str]:
    """``KEY: value`` header lines → {key (lower case, ``-`` as ``_``): value}."""
    out: dict[str, str] = {}
    for _pos, line in lines:
        m = pattern.match(line)
        if m and m["value"].strip():
            out.setdefault(m["key"].lower().replace("-", "_"), m["value"].strip())
    return out


_FIELD_NAMES = {"byline": "byline", "section": "section", "length": "length", "dateline": "dateline_field", "highlight": "highlight",
                "load_date": "load_date", "language": "language", "publication_type": "publication_type"}


def _meta_of(fields: dict[str, str], fmt: str, outlet: str | None, date_line: str | None, edition: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"format": fmt}
    if outlet:
        meta["outlet"] = outlet
    if date_line and (iso := parse_export_date(date_line)):
        meta["published_date"] = iso
    if edition:
        meta["edition"] = edition
    for key, name in _FIELD_NAMES.items():
        if fields.get(key):
            meta[name] = fields[key]
    if "byline" in meta:
        meta["byline"] = re.sub(r"^(?:by\s+)", "", meta["byline"], flags=re.I)
    return meta


# -- LexisNexis (classic) ---------------------------------------------------------------------------

_NEXIS_START = re.compile(r"^[ \t]*(?P<n>\d+) of (?P<of>\d+) DOCUMENTS[ \t\r]*$", re.M)
_NEXIS_FIELD = re.compile(r"^(?P<key>[A-Z][A-Z-]+):[ \t]*(?P<value>.*)$")
#: the footer's first line: a trailing field, or the copyright notice
_NEXIS_FOOTER = re.compile(r"^(?:(?:LOAD-DATE|LANGUAGE|PUBLICATION-TYPE|JOURNAL-CODE|GRAPHIC|NOTES|URL|CORRECTION-DATE|DOCUMENT-TYPE|"
                           r"SUBJECT|ORGANIZATION|PERSON|GEOGRAPHIC|INDUSTRY|CITY|STATE|COUNTRY|TICKER|DISTRIBUTION):|[ \t]*Copyright\b)")
_NEXIS_HEADER_FIELDS = ("BYLINE", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "BODY")


def _nexis(text: str) -> list[ExportArticle]:
    starts = list(_NEXIS_START.finditer(text))
    out = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        lines = _lines(text, m.end() + 1, end)
        # the header: outlet, date line (edition lines right under it), headline, then KEY: lines
        # up to LENGTH (the last of them in this layout; BYLINE/SECTION may come before it)
        field_at = [i for i, (_, line) in enumerate(lines) if _NEXIS_FIELD.match(line) and line.split(":")[0] in _NEXIS_HEADER_FIELDS]
        length_at = next((i for i in field_at if lines[i][1].startswith("LENGTH:")), None)
        if length_at is None:
            out.append(_unread(m.end(), end, "lexisnexis", "no LENGTH: line"))
            continue
        blocks: list[list[tuple[int, str]]] = [[]]
        for pos, line in lines[: field_at[0]]:
            if line.strip():
                blocks[-1].append((pos, line))
            elif blocks[-1]:
                blocks.append([])
        blocks = [b for b in blocks if b]
        if len(blocks) < 2:
            out.append(_unread(m.end(), end, "lexisnexis", "no outlet and headline before the fields"))
            continue
        outlet = blocks[0][0][1].strip()
        date_block = next((b for b in blocks[1:] if parse_export_date(b[0][1])), None)
        title_blocks = blocks[blocks.index(date_block) + 1 :] if date_block else blocks[1:]
        if not title_blocks:
            out.append(_unread(m.end(), end, "lexisnexis", "no headline before the fields"))
            continue
        title_lines = [line for b in title_blocks for line in b]
        edition = "; ".join(line.strip().rstrip(";").strip() for _, line in date_block[1:]) if date_block and len(date_block) > 1 else None
        body_start, body_end = _body_span(lines, length_at + 1, _NEXIS_FOOTER)
        meta = _meta_of(_field(lines, _NEXIS_FIELD), "lexisnexis", outlet, date_block[0][1] if date_block else None, edition)
        out.append(ExportArticle(m.end(), end, " ".join(line.strip() for _, line in title_lines), title_lines[0][0] + len(title_lines[0][1]) - len(title_lines[0][1].lstrip()),
                                 body_start, body_end, meta))
    return out


# -- Nexis Uni --------------------------------------------------------------------------------------

_UNI_END = re.compile(r"^[ \t]*End of Document[ \t\r]*$", re.M)
_UNI_FIELD = re.compile(r"^(?P<key>Section|Length|Byline|Highlight|Dateline|Load-Date|Language|Publication-Type|Edition):[ \t]*(?P<value>.*)$")
_UNI_BODY = re.compile(r"^[ \t]*Body[ \t\r]*$")
_UNI_FOOTER = re.compile(r"^(?:Load-Date:|Classification[ \t\r]*$|Graphic[ \t\r]*$|Notes[ \t\r]*$|Language:|Publication-Type:|Subject:|Correction-Date:)")


def _uni(text: str) -> list[ExportArticle]:
    out = []
    start = 0
    for m in _UNI_END.finditer(text):
        lines = _lines(text, start, m.start())
        body_at = next((i for i, (_, line) in enumerate(lines) if _UNI_BODY.match(line)), None)
        if body_at is None:
            out.append(_unread(start, m.end(), "nexis-uni", "no Body line"))
            start = m.end()
            continue
        # the header ends at the first field or copyright line; before it, the date line, the
        # outlet right above it and the headline above that (a download's cover page and list
        # of results, before the first article, stay out)
        head_end = next((i for i, (_, line) in enumerate(lines[:body_at]) if _UNI_FIELD.match(line) or line.lstrip().startswith(("Copyright", "©"))), body_at)
        filled = [(i, pos, line) for i, (pos, line) in enumerate(lines[:head_end]) if line.strip()]
        date_k = next((k for k in range(len(filled) - 1, -1, -1) if parse_export_date(filled[k][2])), None)
        if date_k is None or date_k < 2:
            out.append(_unread(start, m.end(), "nexis-uni", "no headline, outlet and date line before the fields"))
            start = m.end()
            continue
        _, title_pos, title_line = filled[date_k - 2]
        body_start, body_end = _body_span(lines, body_at + 1, _UNI_FOOTER)
        meta = _meta_of(_field(lines, _UNI_FIELD), "nexis-uni", filled[date_k - 1][2].strip(), filled[date_k][2], None)
        out.append(ExportArticle(title_pos, m.end(), title_line.strip(), title_pos + len(title_line) - len(title_line.lstrip()), body_start, body_end, meta))
        start = m.end()
    return out


# -- Factiva ----------------------------------------------------------------------------------------

_FACTIVA_END = re.compile(r"^[ \t]*Document [A-Za-z0-9]{16,40}[ \t\r]*$", re.M)
_FACTIVA_WORDS = re.compile(r"^[ \t]*(?P<n>\d[\d,]*) words[ \t\r]*$")
_FACTIVA_BY = re.compile(r"^[ \t]*By[ \t]+(?P<value>\S.*)$")
_LANGUAGES = frozenset({"english", "french", "german", "spanish", "italian", "dutch", "portuguese", "russian", "chinese", "japanese", "arabic"})


def _factiva(text: str) -> list[ExportArticle]:
    out = []
    start = 0
    for m in _FACTIVA_END.finditer(text):
        lines = _lines(text, start, m.start())
        filled = [(i, pos, line) for i, (pos, line) in enumerate(lines) if line.strip()]
        words_k = next((k for k, (_, _, line) in enumerate(filled[:12]) if _FACTIVA_WORDS.match(line)), None)
        if words_k is None or words_k == 0:
            out.append(_unread(start, m.end(), "factiva", "no headline and word count line"))
            start = m.end()
            continue
        by_k = next((k for k in range(words_k) if _FACTIVA_BY.match(filled[k][2])), None)
        title_rows = filled[: by_k if by_k is not None else words_k]
        # after "N words": the date, the outlet, its code, edition or page lines, the language,
        # the copyright; the body starts after the copyright line (else after the language)
        after = filled[words_k + 1 : words_k + 10]
        date_k = next((k for k, (_, _, line) in enumerate(after) if parse_export_date(line)), None)
        outlet = after[date_k + 1][2].strip() if date_k is not None and date_k + 1 < len(after) else None
        lang_k = next((k for k, (_, _, line) in enumerate(after) if line.strip().lower() in _LANGUAGES), None)
        copy_k = next((k for k, (_, _, line) in enumerate(after) if line.lstrip().startswith(("Copyright", "(c)", "©", "(C)"))), None)
        last_head = copy_k if copy_k is not None else lang_k
        if not title_rows or last_head is None:
            out.append(_unread(start, m.end(), "factiva", "no language or copyright line before the body"))
            start = m.end()
            continue
        body_start, body_end = _body_span(lines, after[last_head][0] + 1, None)
        fields = {"length": filled[words_k][2].strip()}
        if by_k is not None:
            fields["byline"] = _FACTIVA_BY.match(filled[by_k][2])["value"].strip()
        if lang_k is not None:
            fields["language"] = after[lang_k][2].strip()
        meta = _meta_of(fields, "factiva", outlet, after[date_k][2] if date_k is not None else None, None)
        first = title_rows[0]
        out.append(ExportArticle(first[1], m.end(), " ".join(r[2].strip() for r in title_rows), first[1] + len(first[2]) - len(first[2].lstrip()),
                                 body_start, body_end, meta))
        start = m.end()
    return out


def _trimmed(text: str, art: ExportArticle) -> ExportArticle:
    """``art`` with its stretch of the file cut to its first and last visible characters (the same
    article twice in a download hashes the same, whatever the spacing around it)."""
    start, end = art.start, art.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return dataclasses.replace(art, start=start, end=end)


def split_export(text: str) -> list[ExportArticle] | None:
    """The articles of a news database export (see the module's docstring), in file order — or
    None when ``text`` is not one (an ordinary article: the common case, told by a substring test
    before any regex runs)."""
    for marker, split in (("DOCUMENTS", _nexis), ("End of Document", _uni), ("Document ", _factiva)):
        if marker in text:
            found = split(text)
            if any("unparsed" not in a.meta for a in found):  # the layout holds for one article at least
                return [_trimmed(text, a) for a in found]
    return None
