"""Reading a corpus folder: bytes -> decoded text with its encoding and hash, and the catalog file.

Nothing is lost: every file's raw bytes are hashed (SHA-256) before anything else happens, so a
researcher can prove which bytes an analysis saw. Nothing takes the corpus down: a file that cannot
be read becomes a row in ``problems`` (with the file and the reason) and the rest loads.

Decoding, in order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; NUL bytes in a
UTF-16-like pattern mean UTF-16 without a BOM; known binary signatures (PDF, PNG, JPEG, GIF, ZIP)
and other NUL-laden files are binary and skipped; strict UTF-8; UTF-8 with a few invalid bytes
(replaced, flagged); then Windows-1252, then Latin-1 (which decodes anything).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

__all__ = ["RawArticle", "Problem", "read_article", "decode_bytes", "read_catalog", "list_article_files", "CATALOG_NAME", "ARTICLE_SUFFIXES"]

CATALOG_NAME = "catalog.csv"
CATALOG_COLUMNS = ("file", "outlet", "url", "published_date")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".json", ".jsonl", ".ndjson", ".csv", ".parquet")
#: files with these names (any suffix, any case) document a folder; they are not articles
NOT_ARTICLES = ("readme", "notes", "license", "licence", "copying", "notice", "changelog", "catalog", "sha256sums",
                "source", "sources", "citation", "credits", "authors", "contributing")
#: a single article larger than this is refused (a problem row), not read: news articles are rarely
#: above 100 KB, and a 50 MB "article" (a dump, a concatenation) would take minutes and gigabytes to
#: normalize. Raise it (``workbench.io.MAX_BYTES = ...``) to load such a file anyway.
MAX_BYTES = 10 * 1024 * 1024

_BINARY_SIGNATURES = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input file (or catalog row): shown in ``corpus.problems``."""

    article_id: str | None
    path: str
    problem: str  # a short code: unreadable, binary, empty, invalid-utf8, …
    detail: str

    def message(self) -> str:
        return f"{self.path}: {self.problem}: {self.detail}"

    def __reduce__(self) -> tuple:
        return _by_fields(self)


@dataclass(frozen=True, slots=True)
class RawArticle:
    article_id: str
    path: str
    sha256: str
    n_bytes: int
    encoding: str
    raw_text: str
    problems: tuple[Problem, ...] = field(default=())
    meta: dict = field(default_factory=dict)  # metadata the file itself carries (HTML title, a CSV row's columns)

    def __reduce__(self) -> tuple:
        return _by_fields(self)


def _by_fields(obj: Any) -> tuple:
    """Pickle a slotted frozen dataclass as its class and field values: the dataclass default
    (``fields()`` read for every object) was a fifth of the CPU a Dask client spends sending a
    corpus's articles to the workers."""
    return type(obj), tuple(getattr(obj, name) for name in obj.__slots__)


class UnreadableFile(Exception):
    """Raised by :func:`decode_bytes` for a file with no text in it (binary, unreadable)."""

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position (ASCII-range UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str, list[tuple[str, str]]]:
    """Decode one file's bytes: ``(text, encoding, [(problem, detail), …])``.

    Raises :class:`UnreadableFile` for binary content. The returned text has no BOM.
    """
    notes: list[tuple[str, str]] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff"), codec, notes
            except UnicodeDecodeError as exc:
                text = data.decode(codec, errors="replace").lstrip("\ufeff")
                notes.append(("invalid-encoding", f"{codec} byte-order mark but undecodable bytes at {exc.start}; replaced with U+FFFD"))
                return text, codec, notes
    for sig, what in _BINARY_SIGNATURES.items():
        if data.startswith(sig):
            raise UnreadableFile("binary", f"this is a {what}, not text; convert it to text first")
    if b"\x00" in data:
        codec = _looks_utf16(data)
        if codec:
            try:
                return data.decode(codec), codec, notes
            except UnicodeDecodeError:
                pass
        n_nul = data.count(0)
        if n_nul > max(8, len(data) // 100):
            raise UnreadableFile("binary", f"{n_nul} NUL bytes in {len(data)} bytes: not a text file")
        notes.append(("nul-bytes", f"{n_nul} NUL byte(s) removed from the text"))
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd")
    if n_bad <= max(3, len(data) // 200):
        notes.append(("invalid-utf8", f"{n_bad} invalid UTF-8 byte sequence(s), first at byte {first_bad}; replaced with U+FFFD"))
        return text, "utf-8", notes
    try:
        return data.decode("cp1252"), "cp1252", notes
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", notes


def as_text(name: str) -> str:
    """A file name as valid Unicode: bytes that are not UTF-8 (kept by Python as lone surrogates,
    which polars cannot store) become U+FFFD. For ids and paths shown to the researcher."""
    if name.isascii() or _ESCAPED_BYTE.search(name) is None:
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


#: the lone surrogates Python keeps a file name's non-UTF-8 bytes as (``surrogateescape``)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def article_id_for(path: Path) -> str:
    return as_text(path.stem)


def _read_all(fd: int, size: int) -> bytes:
    """Every byte of an open file whose size ``fstat`` gave: one read when the size held (almost
    always), else read on to the end (a file that grew, a short read, a file with no size)."""
    data = os.read(fd, size + 1)
    if len(data) == size:
        return data
    chunks = [data]
    while chunk := os.read(fd, max(size, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def read_article(path: str | os.PathLike[str], *, article_id: str | None = None) -> RawArticle | Problem:
    """Read one article file, never raising: a :class:`RawArticle`, or a :class:`Problem` if unreadable."""
    p = path if isinstance(path, Path) else Path(path)
    aid = article_id or article_id_for(p)
    shown = as_text(str(p))
    try:
        # a file descriptor, not a file object: half the cost of open() (a buffered reader made and
        # dropped per file), which is felt when a Dask client reads 100,000 articles for its workers
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size  # one open: its size from the open file, then its bytes
            if size > MAX_BYTES:
                return Problem(aid, shown, "too-large", f"{size:,} bytes; the limit for one article is {MAX_BYTES:,} (workbench.io.MAX_BYTES); split the file or raise the limit")
            data = _read_all(fd, size)
        finally:
            os.close(fd)
    except OSError as exc:
        return Problem(aid, shown, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, notes = decode_bytes(data)
    except UnreadableFile as exc:
        return Problem(aid, shown, exc.problem, f"{exc.detail} (sha256 {digest[:12]}…)")
    problems = [Problem(aid, shown, code, detail) for code, detail in notes]
    if encoding not in ("utf-8", "utf-8-sig"):
        how = "by its byte-order mark" if data.startswith(tuple(bom for bom, _ in _BOMS)) else "by guessing (not valid UTF-8)"
        problems.append(Problem(aid, shown, "not-utf8", f"decoded as {encoding}, {how}; offsets index the decoded text, not the bytes"))
    if not text.strip():
        problems.append(Problem(aid, shown, "empty", "the file has no text (loaded as an empty article)"))
    return RawArticle(aid, shown, digest, len(data), encoding, text, tuple(problems))


def list_article_files(folder: Path, *, recursive: bool | None = False) -> tuple[list[Path], list[Problem]]:
    """Article files in ``folder`` (sorted by name), and problems met while listing.

    ``recursive``: False reads the files directly in the folder, naming each subfolder that holds
    articles in a ``subfolder-not-loaded`` problem; True also reads every subfolder's (at any
    depth; hidden ones and ``_``-prefixed ones aside), each folder's files after its parent's, in
    name order; None (automatic) does so only when the folder holds no article file of its own —
    a corpus laid out one folder per outlet.

    Listed with ``os.scandir``: the file type comes with the folder's entries, so a folder of
    100,000 articles costs no ``stat`` per file (only a symbolic link is followed to see what it
    names) — 0.7 s of a Dask client's 5 s of reading such a corpus."""
    files, problems, subfolders = _list_one(folder)
    if recursive is False or (recursive is None and files):
        for sub in subfolders:
            if n := _count_article_files(sub):
                problems.append(Problem(None, as_text(str(sub)), "subfolder-not-loaded",
                                        f"a folder of {n:,} article file{'s' * (n != 1)}; only the files directly in {as_text(str(folder))} are read: "
                                        "load this folder to read them, or the whole tree with recursive=True (--recursive)"))
        return files, problems
    pending = list(reversed(subfolders))  # depth first, in name order
    while pending:
        sub = pending.pop()
        try:
            more, more_problems, deeper = _list_one(sub)
        except FileNotFoundError as exc:
            problems.append(Problem(None, as_text(str(sub)), "unreadable", str(exc)))
            continue
        files += more
        problems += more_problems
        pending.extend(reversed(deeper))
    return files, problems


def _list_one(folder: Path) -> tuple[list[Path], list[Problem], list[Path]]:
    """The article files directly in ``folder``, the problems met, and its subfolders (not hidden)."""
    files: list[Path] = []
    problems: list[Problem] = []
    subfolders: list[Path] = []
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise FileNotFoundError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from exc
    for entry in entries:
        name = entry.name
        stem, dot, suffix = name.rpartition(".")
        is_article_name = bool(dot) and f".{suffix.lower()}" in ARTICLE_SUFFIXES
        if not is_article_name and not name.startswith((".", "_")) and _is_folder(entry):
            # a dataset's articles often sit one folder down (README, annotations, articles/), or
            # in a folder per outlet: the caller reads them or says where they are
            subfolders.append(folder / name)
            continue
        if name.startswith(".") or not is_article_name or stem.lower() in NOT_ARTICLES:
            continue
        path = folder / name
        try:
            if entry.is_symlink() and not path.exists():
                problems.append(Problem(article_id_for(path), as_text(str(path)), "broken-link", "symbolic link to nothing (or a loop)"))
                continue
            if not entry.is_file():  # a folder or a device named like an article: say so, never drop silently
                problems.append(Problem(article_id_for(path), as_text(str(path)), "not-a-file", "named like an article but is a folder or special file; skipped"))
                continue
        except OSError as exc:  # e.g. a symlink loop
            problems.append(Problem(article_id_for(path), as_text(str(path)), "unreadable", f"{type(exc).__name__}: {exc}"))
            continue
        files.append(path)
    return files, problems, subfolders


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _count_article_files(folder: Path) -> int:
    """How many files directly in ``folder`` :func:`list_article_files` would read (0 if unlistable)."""
    try:
        return len(_list_one(folder)[0])
    except FileNotFoundError:
        return 0


@dataclass(frozen=True, slots=True)
class Catalog:
    """The metadata file of a corpus folder: one row per file, columns as strings."""

    path: str | None
    rows: dict[str, dict[str, str | None]]  # file name -> {column: value}
    columns: tuple[str, ...]
    problems: tuple[Problem, ...]


def _parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value.strip()[:10]) if len(value.strip()) >= 10 else dt.date.fromisoformat(value.strip())


def read_catalog(path: Path) -> Catalog:
    """Read a catalog file (usually ``<folder>/catalog.csv``) if present; bad rows become problems.

    A missing file is no problem (the catalog is optional); malformed rows and cells are reported and
    skipped or emptied, never raised.
    """
    if not path.is_file():
        return Catalog(None, {}, CATALOG_COLUMNS, ())
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
        text, _encoding, _notes = decode_bytes(raw)
    except (OSError, UnreadableFile) as exc:
        return Catalog(str(path), {}, CATALOG_COLUMNS, (Problem(None, str(path), "catalog-unreadable", str(exc)),))
    reader = csv.DictReader(io.StringIO(text))
    header = tuple((h or "").strip() for h in (reader.fieldnames or ()))
    if "file" not in header:
        return Catalog(
            str(path), {}, CATALOG_COLUMNS,
            (Problem(None, str(path), "catalog-missing-column", f"no 'file' column (columns: {', '.join(header) or 'none'}); the catalog is ignored"),),
        )
    missing = [c for c in CATALOG_COLUMNS if c not in header]
    if missing:
        problems.append(Problem(None, str(path), "catalog-missing-column", f"missing column(s) {', '.join(missing)}; treated as empty"))
    rows: dict[str, dict[str, str | None]] = {}
    for line_no, row in enumerate(reader, start=2):
        clean = {(k or "").strip(): (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in row.items() if k}
        name = clean.get("file")
        if not name:
            problems.append(Problem(None, str(path), "catalog-row-without-file", f"line {line_no} names no file"))
            continue
        date = clean.get("published_date")
        if date:
            try:
                _parse_date(date)
            except ValueError:
                problems.append(Problem(Path(name).stem, str(path), "catalog-bad-date", f"line {line_no}: published_date {date!r} is not an ISO date (YYYY-MM-DD); left empty"))
                clean["published_date"] = None
        if name in rows:
            problems.append(Problem(Path(name).stem, str(path), "catalog-duplicate-row", f"line {line_no}: {name} is listed again; the later row wins"))
        rows[name] = clean
    columns = tuple(dict.fromkeys(CATALOG_COLUMNS + header))
    return Catalog(str(path), rows, columns, tuple(problems))


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date string (``YYYY-MM-DD``, a longer ISO timestamp is cut to its date) or None."""
    if not value:
        return None
    try:
        return _parse_date(value)
    except ValueError:
        return None


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    return [Path(p) for p in paths]
