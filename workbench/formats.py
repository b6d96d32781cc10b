"""Article formats: a folder may hold .txt, .md, .html, .jsonl and .csv articles, mixed.

Every reader turns a file into *documents* — :class:`~workbench.io.RawArticle` (with ``meta``
read from the file: title, date, author, site, url) or :class:`~workbench.io.Problem` — and never
raises. What "raw" means per format (the offsets of every derived row point into ``raw_text``):

* ``.txt``, ``.md`` — the file as decoded; ``sha256`` of the file's bytes. A metadata header at
  its top (YAML front matter, a page reader's ``Title:`` … ``Markdown Content:``;
  :mod:`workbench.text.header`) gives ``url``, ``published_date``, ``outlet`` and ``author``. A ``.txt`` download
  of a news database (LexisNexis, Nexis Uni, Factiva: many articles in one file) is one document
  per article, as :mod:`workbench.newsdb` describes.
* ``.html``, ``.htm`` — a saved web page. The main text, title, date, author and site name are
  extracted by trafilatura (navigation, share buttons, cookie banners and comments dropped); the
  article's ``raw_text`` is that extraction (title line, blank line, paragraphs), because the
  markup is not text a reader sees. ``sha256`` is still that of the file's bytes, so the page the
  analysis saw can be proven; ``meta['extracted_from'] = 'html'`` says so.
* ``.docx`` — a Word document: its paragraphs, a blank line apart, are the raw text (headers,
  footers and comments left out); ``sha256`` of the file's bytes, ``meta['extracted_from'] =
  'docx'``. A Nexis Uni download (a .docx of many articles) is split like its text version.
* ``.jsonl`` (``.ndjson``) — one JSON object per line; ``.json`` — a list of objects, or an object
  holding one (a news API's ``{"articles": […]}``); ``.csv`` — one row per article (header required);
  ``.parquet`` — one row per article (what :mod:`workbench.scale` distributes). The
  text is the first of the columns ``text``, ``body``, ``content``, ``article`` (or the column
  named by ``text_column``); ``id``/``article_id`` names the article, else
  ``<file stem>-<row number>``; other columns (``title``, ``outlet``, ``url``,
  ``published_date``, anything else) become metadata. ``raw_text`` is the cell's text — after the
  row's headline (a ``title``, ``headline`` or ``heading`` column) and a blank line, unless the
  text opens with it (``meta['title_from']`` names the column) — and ``sha256`` the hash of its
  UTF-8 bytes; ``path`` is ``file#row``.

The catalog (``catalog.csv``) applies to every format: rows are matched by file name, then by
article id (for the rows of a .jsonl/.csv file, use the article id in the ``file`` column).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any, Iterator

from workbench.io import MAX_BYTES, Problem, RawArticle, UnreadableFile, article_id_for, as_text, decode_bytes, read_article
from workbench.newsdb import ExportArticle, split_export
from workbench.text.header import header_meta

__all__ = ["FORMATS", "read_documents", "iter_documents", "TEXT_COLUMNS"]

#: file suffix -> format name
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx", ".json": "json", ".jsonl": "jsonl",
           ".ndjson": "jsonl", ".csv": "csv",
           ".parquet": "parquet"}
#: columns that hold an article's text in .jsonl/.csv files, in order of preference
TEXT_COLUMNS = ("text", "body", "content", "article", "full_text")
_ID_COLUMNS = ("article_id", "id")
#: columns that hold an article's headline in .jsonl/.csv/.parquet files, in order of preference
TITLE_COLUMNS = ("title", "headline", "heading")
#: a page yielding fewer words than this has no article in it (a menu, an error page)
MIN_HTML_WORDS = 8
_META_RENAME = {"date": "published_date", "published": "published_date", "source": "outlet", "site": "outlet", "sitename": "outlet", "link": "url",
                # what news APIs and scrapers call the publication date
                "publishedAt": "published_date", "published_at": "published_date", "datePublished": "published_date",
                "date_published": "published_date", "publication_date": "published_date", "pub_date": "published_date"}


def _read_bytes(path: Path) -> bytes | Problem:
    aid, shown = article_id_for(path), as_text(str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES * (20 if path.suffix.lower() in (".json", ".jsonl", ".ndjson", ".csv") else 1):
            return Problem(aid, shown, "too-large", f"{size:,} bytes; over the limit (workbench.io.MAX_BYTES = {MAX_BYTES:,})")
        return path.read_bytes()
    except OSError as exc:
        return Problem(aid, shown, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")


def _decode(path: Path, data: bytes) -> tuple[str, str] | Problem:
    try:
        text, encoding, _notes = decode_bytes(data)
        return text, encoding
    except UnreadableFile as exc:
        return Problem(article_id_for(path), as_text(str(path)), exc.problem, exc.detail)


def _read_text(path: Path) -> tuple[bytes, str, str] | Problem:
    """(bytes, decoded text, encoding) of a file, or the problem that stopped it."""
    data = _read_bytes(path)
    if isinstance(data, Problem):
        return data
    decoded = _decode(path, data)
    return decoded if isinstance(decoded, Problem) else (data, *decoded)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(data: bytes) -> list[str]:
    """The paragraphs of a Word ``.docx`` file's body, in order (tables' cells included; headers,
    footers, comments and footnotes, which live in other parts of the file, left out): each
    paragraph's runs of text, a tab as a tab and a line break as a line break. Read with the
    standard library (a .docx is a zip of XML); raises ``zipfile.BadZipFile``/``KeyError``/
    ``xml.etree.ElementTree.ParseError`` on a file that is not one, ``ValueError`` on one whose
    text would unpack to more than ``MAX_BYTES × 20``."""
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        size = z.getinfo("word/document.xml").file_size
        if size > MAX_BYTES * 20:  # a zip's few kilobytes can unpack to gigabytes
            raise ValueError(f"its text part unpacks to {size:,} bytes, over the limit (workbench.io.MAX_BYTES × 20)")
        root = ElementTree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{_W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        out.append("".join(parts))
    return out


def _docx(path: Path) -> list[RawArticle | Problem]:
    """A Word document: its paragraphs, a blank line apart, are the raw text (as a page's
    extraction is); a news database download saved as .docx (Nexis Uni's default) is split into
    its articles (:mod:`workbench.newsdb`)."""
    aid, shown = article_id_for(path), as_text(str(path))
    data = _read_bytes(path)
    if isinstance(data, Problem):
        return [data]
    try:
        paragraphs = docx_paragraphs(data)
    except Exception as exc:  # noqa: BLE001 - a damaged or mislabelled file is a problem row
        return [Problem(aid, shown, "unreadable", f"not a readable .docx file ({type(exc).__name__}: {exc})")]
    text = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    if not text:
        return [Problem(aid, shown, "empty", "the document has no text")]
    whole = RawArticle(aid, shown, hashlib.sha256(data).hexdigest(), len(data), "docx", text + "\n", (), {"extracted_from": "docx", "format": "docx"})
    found = split_export(whole.raw_text)
    return list(_export_articles(whole, found)) if found else [whole]


def _html(path: Path) -> list[RawArticle | Problem]:
    aid, shown = article_id_for(path), as_text(str(path))
    got = _read_text(path)
    if isinstance(got, Problem):
        return [got]
    data, html_text, encoding = got
    try:
        import trafilatura

        extracted = trafilatura.bare_extraction(html_text, with_metadata=True, include_comments=False, include_tables=False)
        # trafilatura 2 returns a Document (``as_dict()``); older releases a plain dict.
        doc = extracted.as_dict() if hasattr(extracted, "as_dict") else extracted
    except Exception as exc:  # noqa: BLE001 - a parser failure is a problem row, never a crash
        return [Problem(aid, shown, "html-unparsable", f"{type(exc).__name__}: {exc}")]
    body = ((doc or {}).get("text") or "").strip()
    if len(body.split()) < MIN_HTML_WORDS:
        return [Problem(aid, shown, "html-no-text", f"no article text found in the page ({len(body.split())} words extracted); skipped")]
    title = ((doc or {}).get("title") or "").strip()
    paragraphs = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    first = paragraphs.split("\n", 1)[0].strip()
    raw_text = f"{title}\n\n{paragraphs}\n" if title and first != title else paragraphs + "\n"
    meta: dict[str, Any] = {"extracted_from": "html", "format": "html"}
    for key, name in (("date", "published_date"), ("author", "author"), ("sitename", "outlet"), ("url", "url"), ("title", "html_title")):
        value = (doc or {}).get(key)
        if value:
            meta[name] = str(value)
    return [RawArticle(aid, shown, hashlib.sha256(data).hexdigest(), len(data), encoding, raw_text, (), meta)]


def _rows_from_jsonl(text: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"line {n} is not JSON ({exc.msg})"
            continue
        yield (n, obj, None) if isinstance(obj, dict) else (n, None, f"line {n} is not a JSON object")


#: keys under which a JSON document keeps its list of articles (a news API's response), tried first
_JSON_LIST_KEYS = ("articles", "items", "results", "data", "documents", "docs", "entries", "records", "response", "hits")


def _article_list(obj: Any, depth: int = 0) -> list[Any] | None:
    """The articles in a parsed JSON document: a list of objects; one object with a text column;
    or the first list of such objects under an object's keys (``{"articles": […]}``, a search API's
    ``{"response": {"docs": […]}}``), looked for three levels down at most."""
    if isinstance(obj, list):
        return obj if any(isinstance(x, dict) for x in obj) else None
    if not isinstance(obj, dict) or depth > 3:
        return None
    if any(isinstance(obj.get(c), str) for c in TEXT_COLUMNS):
        return [obj]
    keys = sorted(obj, key=lambda k: (k.lower() not in _JSON_LIST_KEYS, _JSON_LIST_KEYS.index(k.lower()) if k.lower() in _JSON_LIST_KEYS else 0))
    for key in keys:
        found = _article_list(obj[key], depth + 1)
        if found is not None:
            return found
    return None


def _rows_from_json(text: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield 1, None, f"not JSON ({exc.msg}, line {exc.lineno} column {exc.colno})"
        return
    items = _article_list(obj)
    if items is None:
        yield 1, None, "no articles in this JSON document (a list of objects, or an object, with a " + "/".join(TEXT_COLUMNS) + " field)"
        return
    for n, item in enumerate(items, start=1):
        yield (n, item, None) if isinstance(item, dict) else (n, None, f"item {n} is not a JSON object")


def _rows_from_csv(text: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    reader = csv.DictReader(io.StringIO(text))
    for n, row in enumerate(reader, start=2):
        yield n, {(k or "").strip(): v for k, v in row.items() if k}, None


#: rows of a Parquet file read at a time: a large file streams (with ``row_group_size`` set when it
#: is written, only the row groups of a slice are decoded)
PARQUET_SLICE = 1000


def _parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """The rows of a Parquet file, a slice at a time. Opening the file happens before the first row
    is asked for (a file that is not Parquet raises here); a slice that cannot be read later is one
    bad row, and the rest of the file still loads."""
    import polars as pl

    scan = pl.scan_parquet(path)
    total = scan.select(pl.len()).collect().item()

    def rows() -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        for offset in range(0, total, PARQUET_SLICE):
            try:
                chunk = scan.slice(offset, PARQUET_SLICE).collect()
            except Exception as exc:  # noqa: BLE001 - a damaged row group is a problem row
                yield offset + 1, None, f"rows {offset + 1}-{min(total, offset + PARQUET_SLICE)} unreadable ({type(exc).__name__}: {exc})"
                continue
            for n, row in enumerate(chunk.iter_rows(named=True), start=offset + 1):
                yield n, {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}, None

    return rows()


def _table(path: Path, kind: str, *, text_column: str | None) -> Iterator[RawArticle | Problem]:
    stem, shown = article_id_for(path), as_text(str(path))
    if kind == "parquet":
        try:
            rows, encoding = _parquet_rows(path), "parquet"
        except Exception as exc:  # noqa: BLE001 - a damaged file is a problem row
            return iter([Problem(stem, shown, "unreadable", f"not a readable Parquet file ({type(exc).__name__}: {exc})")])
        return iter_table_rows(rows, stem=stem, shown=shown, kind=kind, encoding=encoding, text_column=text_column)
    got = _read_text(path)
    if isinstance(got, Problem):
        return iter([got])
    _data, text, encoding = got
    rows = _rows_from_jsonl(text) if kind == "jsonl" else _rows_from_json(text) if kind == "json" else _rows_from_csv(text)
    return iter_table_rows(rows, stem=stem, shown=shown, kind=kind, encoding=encoding, text_column=text_column)


#: column pairs that place a row's text inside another document (stand-off annotations)
_SPAN_COLUMNS = (("start", "end"), ("begin", "end"), ("start_char", "end_char"), ("char_start", "char_end"),
                 ("start_offset", "end_offset"))


def _as_offset(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def span_annotation(row: dict[str, Any], body: str) -> tuple[str, str] | None:
    """The offset columns of a row whose text is a span of another document — ``end - start`` is
    the text's length, as in a stand-off annotation file (entities, time expressions) shipped
    beside a corpus — or None for a row that is a document of its own."""
    for first, last in _SPAN_COLUMNS:
        start, end = _as_offset(row.get(first)), _as_offset(row.get(last))
        if start is not None and end is not None and end - start == len(body) > 0:
            return first, last
    return None


def iter_table_rows(rows, *, stem: str, shown: str, kind: str, encoding: str, text_column: str | None = None) -> Iterator[RawArticle | Problem]:
    """Articles from ``(row number, row dict or None, error)`` triples of one table file, one at a
    time (a large table streams) — the one place a row becomes an article (ids, text column,
    metadata), for every table format.

    A file whose first row is a span annotation (:func:`span_annotation`) is not a corpus: it is
    skipped with one ``annotations`` problem, unless ``text_column`` names the text explicitly."""
    any_row = False
    for n, row, error in rows:
        where = f"{shown}#{n}"
        if row is None:
            any_row = True
            yield Problem(f"{stem}-{n}", where, "bad-row", error or "unreadable row")
            continue
        column = text_column or next((c for c in TEXT_COLUMNS if c in row), None)
        body = row.get(column) if column else None
        if not any_row and text_column is None and isinstance(body, str) and (span := span_annotation(row, body)):
            yield Problem(stem, shown, "annotations",
                          f"row {n}'s {column!r} is {len(body)} characters between its {span[0]!r} and {span[1]!r} offsets: "
                          f"annotations of other documents, not articles; skipped (pass text_column={column!r} to read it anyway)")
            return
        any_row = True
        rid = next((str(row[c]) for c in _ID_COLUMNS if row.get(c) not in (None, "")), f"{stem}-{n}")
        if not isinstance(body, str) or not body.strip():
            yield Problem(rid, where, "no-text", f"no text in column {column!r}" if column else f"none of the columns {', '.join(TEXT_COLUMNS)} (or --text-column) is present")
            continue
        meta: dict[str, Any] = {"format": kind}
        for key, value in row.items():
            if key in (column, *_ID_COLUMNS) or value in (None, ""):
                continue
            name = _META_RENAME.get(key, key)
            if isinstance(value, dict) and isinstance(value.get("name"), str):
                value = value["name"]  # a news API's {"source": {"id": …, "name": "BBC News"}}: its name
            meta[name] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        # a headline column is the article's headline: put above the body, as a page's title is
        # (else the lede would be read as the headline); not twice when the body opens with it
        title = next((row[c].strip() for c in TITLE_COLUMNS if isinstance(row.get(c), str) and row[c].strip()), None)
        if title and "\n" not in title and not body.lstrip().startswith(title):
            body = f"{title}\n\n{body.lstrip()}"
            meta["title_from"] = next(c for c in TITLE_COLUMNS if isinstance(row.get(c), str) and row[c].strip())
        raw = body if body.endswith("\n") else body + "\n"
        digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
        yield RawArticle(rid, where, digest, len(body.encode("utf-8", "surrogatepass")), encoding, raw, (), meta)
    if not any_row:
        yield Problem(stem, shown, "empty", f"no rows in this {kind} file")


def _export_articles(whole: RawArticle, found: list[ExportArticle]) -> list[RawArticle]:
    """The articles of a news database export (:mod:`workbench.newsdb`) as documents: the headline
    and the body as raw text, the header's fields as metadata, the article's stretch of the file
    hashed and its offsets in the file kept."""
    text, out = whole.raw_text, []
    for n, art in enumerate(found, start=1):
        aid, where = f"{whole.article_id}-{n}", f"{whole.path}#{n}"
        stretch = text[art.start : art.end].encode("utf-8", "surrogatepass")
        body = text[art.body_start : art.body_end]
        meta = {**art.meta, "source_start": art.start, "source_end": art.end, "title_start": art.title_start, "body_start": art.body_start}
        # the file's own problems (an encoding guessed, NUL bytes) are each of its articles'
        problems = tuple(Problem(aid, where, p.problem, p.detail) for p in whole.problems)
        if "unparsed" in art.meta:
            problems += (Problem(aid, where, "export-unparsed", f"article {n} of this {art.meta['format']} export: {art.meta['unparsed']}; "
                                                                 f"loaded as it stands (characters {art.start}-{art.end} of the file)"),)
        raw_text = f"{art.title}\n\n{body}\n" if art.title else body + "\n"
        out.append(RawArticle(aid, where, hashlib.sha256(stretch).hexdigest(), len(stretch), whole.encoding, raw_text, problems, meta))
    return out


def read_documents(path: Path, *, text_column: str | None = None) -> list[RawArticle | Problem]:
    """The articles in one file (one for .txt/.md/.html, one per row for .jsonl/.csv/.parquet), never raising."""
    return list(iter_documents(path, text_column=text_column))


def iter_documents(path: Path, *, text_column: str | None = None) -> Iterator[RawArticle | Problem]:
    """:func:`read_documents` one document at a time: a Parquet file streams a slice of rows at a
    time (what lets :mod:`workbench.scale` hold a batch, not the file)."""
    kind = FORMATS.get(path.suffix.lower())
    if kind in ("text", "markdown"):
        got = read_article(path)
        if isinstance(got, RawArticle) and kind == "text" and (found := split_export(got.raw_text)):
            return iter(_export_articles(got, found))
        fields = header_meta(got.raw_text) if isinstance(got, RawArticle) else {}
        if isinstance(got, RawArticle) and (kind == "markdown" or fields):
            # a metadata header's fields (YAML front matter, a reader's "Title: … URL Source: …")
            meta = {**got.meta, **({"format": "markdown"} if kind == "markdown" else {}), **fields}
            got = RawArticle(got.article_id, got.path, got.sha256, got.n_bytes, got.encoding, got.raw_text, got.problems, meta)
        return iter([got])
    if kind == "html":
        return iter(_html(path))
    if kind == "docx":
        return iter(_docx(path))
    if kind in ("json", "jsonl", "csv", "parquet"):
        return _table(path, kind, text_column=text_column)
    return iter([Problem(article_id_for(path), as_text(str(path)), "unknown-format", f"no reader for {path.suffix!r} files")])
