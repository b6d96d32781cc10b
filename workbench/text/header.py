"""A metadata header at the top of a text or Markdown file: what scrapers and site exports write.

Two kinds are read:

* **YAML front matter** — ``---`` lines around ``key: value`` lines, as trafilatura's Markdown
  output (``title``, ``author``, ``url``, ``hostname``, ``sitename``, ``date``), static-site
  exports (Hugo, Jekyll) and pandoc write;
* **a reader header** — ``Title: …``, ``URL Source: …``, ``Published Time: …`` and then
  ``Markdown Content:``, as page-to-Markdown readers (r.jina.ai and its clones) write.

The header is not part of the story: normalization replaces it by the headline it names (a repair
``metadata-header`` in the log, so every row still traces to the raw file), and the loader keeps its
fields as the article's metadata (``url``, ``published_date``, ``outlet``, ``author``). A file
that only *looks* like it starts with one (``---`` as a section break, "Title:" in a sentence) is
left alone: every line of the block must be a field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Header", "find_header", "header_meta"]

#: the header is at the very top: a block longer than this is no header
MAX_HEADER_CHARS = 4000

_YAML_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_YAML_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w -]{0,40}):(?:[ \t]+(?P<value>.*))?$")
#: a YAML list item or a folded continuation under a field ("tags:" ¶ "  - politics")
_YAML_MORE = re.compile(r"^(?:[ \t]+\S.*|-[ \t]+.*)$")

_READER_FIELD = re.compile(r"^(?P<key>Title|URL Source|Published Time|Description|Author|Warning|Number of Pages|Markdown Content):[ \t]*(?P<value>.*)$")

#: a field's name -> the metadata it fills (what the loader's other readers call the same things)
FIELDS = {
    "title": "title", "headline": "title",
    "url": "url", "url source": "url", "link": "url", "source_url": "url", "canonical_url": "url",
    "date": "published_date", "published": "published_date", "published time": "published_date",
    "published_date": "published_date", "publication_date": "published_date", "pubdate": "published_date",
    "sitename": "outlet", "site_name": "outlet", "site": "outlet", "publisher": "outlet", "outlet": "outlet", "source": "outlet",
    "author": "author", "authors": "author", "byline": "author",
}


@dataclass(frozen=True)
class Header:
    """The header at ``text[:end]`` (``kind`` "yaml" or "reader") and its fields (names lowercased)."""

    kind: str
    end: int
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        return self.fields.get("title") or self.fields.get("headline") or None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value.strip()


def _yaml(text: str) -> Header | None:
    opened = _YAML_OPEN.match(text)
    if opened is None:
        return None
    close = _YAML_CLOSE.search(text, opened.end(), MAX_HEADER_CHARS)
    if close is None:
        return None
    fields: dict[str, str] = {}
    lines = text[opened.end() : close.start()].splitlines()
    for line in lines:
        if not line.strip() or _YAML_MORE.match(line):
            continue
        m = _YAML_FIELD.match(line)
        if m is None:
            return None  # a line that is no field: "---" was a rule, not front matter
        fields[m.group("key").strip().lower()] = _unquote(m.group("value") or "")
    if not fields:
        return None
    end = close.end() + 1 if text[close.end() : close.end() + 1] == "\n" else close.end()
    return Header("yaml", end, fields)


def _reader(text: str) -> Header | None:
    if not text.lstrip("\ufeff").startswith("Title:"):
        return None
    fields: dict[str, str] = {}
    pos = 0
    while pos < min(len(text), MAX_HEADER_CHARS):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].lstrip("\ufeff")
        if line.strip():
            m = _READER_FIELD.match(line)
            if m is None:
                return None
            key = m.group("key").lower()
            if key == "markdown content":
                return Header("reader", end + 1 if nl >= 0 else end, fields) if "url source" in fields else None
            fields[key] = m.group("value").strip()
        pos = end + 1
    return None


def find_header(text: str) -> Header | None:
    """The metadata header at the top of ``text``, or None."""
    if text.startswith(("---", "\ufeff---")):
        return _yaml(text)
    if text.startswith(("Title:", "\ufeffTitle:")):
        return _reader(text)
    return None


def header_meta(text: str) -> dict[str, str]:
    """The header's fields as article metadata (``url``, ``published_date``, ``outlet``,
    ``author``); empty without a header. The title is not among them: it stays in the text."""
    header = find_header(text)
    if header is None:
        return {}
    meta: dict[str, str] = {}
    for key, value in header.fields.items():
        name = FIELDS.get(key)
        if name and name != "title" and value and name not in meta:
            meta[name] = value
    return meta


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", line).casefold()).strip()


#: a site's name after the headline in a page title: "Minister denies report | The Daily Ledger"
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—]{1,60}$")


def headline_for(header: Header, body: str) -> str | None:
    """The line to stand in the header's place: its title — without a site's name after a bar or
    dash when the body's first line is the title without it — or None when the body opens with
    the title already (a reader's page repeats it as a heading)."""
    title = header.title
    if not title:
        return None
    first = next((line for line in body.splitlines() if line.strip()), "")
    first = re.sub(r"^#{1,6}[ \t]+", "", first.strip())
    if _key(first) == _key(title):
        return None
    bare = _SITE_SUFFIX.sub("", title)
    if bare != title and _key(first) == _key(bare):
        return None
    return title
