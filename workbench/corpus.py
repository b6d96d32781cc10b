"""The corpus: a folder of articles as polars frames with provenance.

``load_corpus(path)`` reads every article (:mod:`workbench.io`), normalizes it
(:mod:`workbench.text.normalize`), finds its parts (:mod:`workbench.text.structure`) and
sentences (:mod:`workbench.text.sentences`), and returns a :class:`Corpus` of frames that share
one vocabulary of columns:

* ``article_id`` — the file name without extension, everywhere;
* ``start``/``end`` — offsets into the article's normalized ``text``;
* ``raw_start``/``raw_end`` — offsets into ``raw_text`` (the file as decoded), so that any row can
  be cited from the original file;
* ``*_index`` — 0-based positions (``paragraph_index``, ``sentence_index``, ``section_index``);
* ``role`` — what a block is: kicker, title, dek, dateline, heading, body.

Extractors (quotes, denials, dates) are functions of a ``Corpus``; they never re-read files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import polars as pl

from workbench.checks import article_problems
from workbench.formats import iter_documents
from workbench.io import (
    ARTICLE_SUFFIXES,
    CATALOG_NAME,
    Catalog,
    Problem,
    RawArticle,
    article_id_for,
    as_text,
    list_article_files,
    parse_date,
    read_catalog,
)
from workbench.gctune import fewer_collections
from workbench.progress import progress as _progress
from workbench.text.edits import OffsetMap
from workbench.text.normalize import Normalized, normalize_text
from workbench.text.sentences import split_sentences
from workbench.text.structure import parse_structure

__all__ = ["Corpus", "load_corpus", "CorpusWarning", "word_count", "build_article", "Admission", "Admitted", "build_corpus"]


class CorpusWarning(UserWarning):
    """A file or catalog row had a problem; see ``corpus.problems``."""


#: a word, as a Rust regex: letters, digits and ``_`` (what Python's ``\w`` is, a test checks
#: every code point), joined by an apostrophe, hyphen or full stop
WORD_PATTERN = r"[\p{L}\p{N}_]+(?:[’'\-.][\p{L}\p{N}_]+)*"


def word_count(text: str) -> int:
    """Words as a reader counts them: ``U.S.``, ``Trump’s`` and ``counter-narrative`` are one each.

    Counted by polars (the frames count a whole column of paragraphs at once, the same way)."""
    return int(pl.Series([text], dtype=pl.String).str.count_matches(WORD_PATTERN).item() or 0)


def _with_word_counts(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The sections' and articles' ``word_count``: the words of their body paragraphs, counted
    over the paragraph column in polars (a Python regex per paragraph was a tenth of a load)."""
    words = (frames["paragraphs"].filter(pl.col("role") == "body")
             .group_by("article_id", "section_index")
             .agg(pl.col("text").str.count_matches(WORD_PATTERN).sum().cast(pl.Int64).alias("_words")))
    sections = frames["sections"]
    counted = sections.join(words, on=["article_id", "section_index"], how="left", maintain_order="left")["_words"].fill_null(0)
    sections = sections.with_columns(counted.alias("word_count"))
    per_article = sections.group_by("article_id").agg(pl.col("word_count").sum().alias("_words"))
    articles = frames["articles"]
    counted = articles.join(per_article, on="article_id", how="left", maintain_order="left")["_words"].fill_null(0)
    return {**frames, "sections": sections, "articles": articles.with_columns(counted.alias("word_count"))}


# -- frame schemas ---------------------------------------------------------------------------

ARTICLE_SCHEMA = {
    "article_id": pl.String, "path": pl.String, "sha256": pl.String, "n_bytes": pl.Int64,
    "encoding": pl.String, "raw_text": pl.String, "text": pl.String, "title": pl.String,
    "dek": pl.String, "kicker": pl.String, "dateline": pl.String, "date_line": pl.String, "byline": pl.String,
    "outlet": pl.String, "url": pl.String, "published_date": pl.Date, "word_count": pl.Int64,
    "label": pl.String,
}
SECTION_SCHEMA = {
    "article_id": pl.String, "section_index": pl.Int64, "heading": pl.String, "start": pl.Int64,
    "end": pl.Int64, "raw_start": pl.Int64, "raw_end": pl.Int64, "paragraph_count": pl.Int64,
    "word_count": pl.Int64,
}
PARAGRAPH_SCHEMA = {
    "article_id": pl.String, "paragraph_index": pl.Int64, "section_index": pl.Int64, "role": pl.String,
    "text": pl.String, "start": pl.Int64, "end": pl.Int64, "raw_start": pl.Int64, "raw_end": pl.Int64,
}
SENTENCE_SCHEMA = {
    "article_id": pl.String, "sentence_index": pl.Int64, "paragraph_index": pl.Int64,
    "section_index": pl.Int64, "role": pl.String, "text": pl.String, "start": pl.Int64, "end": pl.Int64,
    "raw_start": pl.Int64, "raw_end": pl.Int64,
}
REPAIR_SCHEMA = {
    "article_id": pl.String, "repair_index": pl.Int64, "kind": pl.String, "rule": pl.String,
    "raw_start": pl.Int64, "raw_end": pl.Int64, "before": pl.String, "after": pl.String,
    "start": pl.Int64, "end": pl.Int64,
}
PROBLEM_SCHEMA = {"article_id": pl.String, "path": pl.String, "problem": pl.String, "detail": pl.String}
OFFSET_SCHEMA = {
    "article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "raw_start": pl.Int64,
    "raw_end": pl.Int64, "is_edit": pl.Boolean,
}


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """Everything derived from one article, as row dicts for the frames."""

    article: dict[str, Any]
    sections: list[dict[str, Any]]
    paragraphs: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    offsets: list[dict[str, Any]]
    offset_map: OffsetMap


def build_article(raw: RawArticle, meta: Mapping[str, Any] | None = None) -> ArticleParts:
    """Normalize and structure one read article. Pure: the same raw text gives the same rows.

    The ``word_count`` of the article and its sections is left None here: it is counted over a
    chunk's paragraph column when the rows become frames (``_with_word_counts``)."""
    meta = dict(meta or {})
    aid = raw.article_id
    norm: Normalized = normalize_text(raw.raw_text)
    text = norm.text
    # where each repair's replacement stands in the text
    edit_rows = [row for row in norm.offset_table if row[4]]
    # the Markdown markers normalization removed still say what a line was (a heading, a bold standfirst)
    marked = [(r.rule, row[0]) for r, row in zip(norm.repairs, edit_rows) if "markdown-" in r.rule]
    st = parse_structure(text, md_headings={at for rule, at in marked if "markdown-heading" in rule},
                         md_emphasis={at for rule, at in marked if "markdown-emphasis" in rule}) if marked else parse_structure(text)
    to_raw = norm.offsets.span

    paragraphs: list[dict[str, Any]] = []
    sentences: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    section_index = 0
    sec_start = 0
    sec_heading: str | None = None
    sec_paras = 0

    def close_section(end: int) -> None:
        rs, re_ = to_raw(sec_start, end)
        sections.append({
            "article_id": aid, "section_index": section_index, "heading": sec_heading,
            "start": sec_start, "end": end, "raw_start": rs, "raw_end": re_,
            "paragraph_count": sec_paras, "word_count": None,  # counted with the frames (_with_word_counts)
        })

    last_end = 0
    for p_index, block in enumerate(st.blocks):
        if block.role == "heading":
            close_section(last_end)
            section_index += 1
            sec_start, sec_heading, sec_paras = block.start, text[block.start : block.end].strip(), 0
        btext = text[block.start : block.end]
        rs, re_ = to_raw(block.start, block.end)
        paragraphs.append({
            "article_id": aid, "paragraph_index": p_index, "section_index": section_index, "role": block.role,
            "text": btext, "start": block.start, "end": block.end, "raw_start": rs, "raw_end": re_,
        })
        if block.role == "body":
            sec_paras += 1
        spans = split_sentences(text, block.start, block.end) if block.role in ("body", "dek") else [(block.start, block.end)]
        for s, e in spans:
            srs, sre = to_raw(s, e)
            sentences.append({
                "article_id": aid, "sentence_index": len(sentences), "paragraph_index": p_index,
                "section_index": section_index, "role": block.role, "text": text[s:e],
                "start": s, "end": e, "raw_start": srs, "raw_end": sre,
            })
        last_end = block.end
    if st.blocks:
        close_section(last_end)

    repairs = []
    for k, (r, row) in enumerate(zip(norm.repairs, edit_rows)):
        repairs.append({
            "article_id": aid, "repair_index": k, "kind": r.kind, "rule": r.rule,
            "raw_start": r.raw_start, "raw_end": r.raw_end, "before": r.before, "after": r.after,
            "start": row[0], "end": row[1],
        })
    offsets = [
        {"article_id": aid, "start": ts, "end": te, "raw_start": rs, "raw_end": re_, "is_edit": ed}
        for ts, te, rs, re_, ed in norm.offset_table
    ]
    published = meta.pop("published_date", None)
    outlet = meta.pop("outlet", None)
    article = {
        "article_id": aid, "path": raw.path, "sha256": raw.sha256, "n_bytes": raw.n_bytes,
        "encoding": raw.encoding, "raw_text": raw.raw_text, "text": text,
        "title": st.title, "dek": st.dek, "kicker": st.kicker, "dateline": st.dateline, "date_line": st.date_line,
        # a catalog's or a table's byline is the researcher's word; else the text's; else the page's author
        "byline": meta.pop("byline", None) or st.byline or meta.get("author"),
        "outlet": outlet, "url": meta.pop("url", None),
        "published_date": published if isinstance(published, dt.date) else parse_date(published),
        # every body paragraph is in one section, and a section's count is its body paragraphs':
        # counted with the frames (_with_word_counts)
        "word_count": None,
        "label": outlet or aid,
    }
    meta.pop("file", None)
    for key, value in meta.items():
        if key not in article:
            article[key] = value
    return ArticleParts(article, sections, paragraphs, sentences, repairs, offsets, norm.offsets)


# -- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: frames sharing ``article_id`` and offsets. Immutable; derive, don't mutate.

    Frames: ``articles``, ``sections``, ``paragraphs``, ``sentences``, ``repairs``, ``problems``,
    and ``offsets`` (the piece table that maps ``text`` offsets to ``raw_text`` offsets).
    """

    articles: pl.DataFrame
    sections: pl.DataFrame
    paragraphs: pl.DataFrame
    sentences: pl.DataFrame
    repairs: pl.DataFrame
    problems: pl.DataFrame
    offsets: pl.DataFrame
    root: str | None = None
    _maps: Mapping[str, OffsetMap] = field(default_factory=dict, repr=False, compare=False)

    # -- conveniences ------------------------------------------------------------------------
    @property
    def article_ids(self) -> list[str]:
        return self.articles["article_id"].to_list()

    def __len__(self) -> int:
        return self.articles.height

    def __repr__(self) -> str:
        return (
            f"Corpus({self.articles.height} articles, {self.paragraphs.height} paragraphs, "
            f"{self.sentences.height} sentences, {self.repairs.height} repairs, "
            f"{self.problems.height} problems{', root=' + repr(self.root) if self.root else ''})"
        )

    def article(self, article_id: str) -> dict[str, Any]:
        """One article's row as a dict (raises KeyError naming the id if absent)."""
        rows = self.articles.filter(pl.col("article_id") == article_id)
        if rows.height == 0:
            raise KeyError(f"no article {article_id!r} in this corpus (have: {', '.join(self.article_ids[:10])}…)")
        return rows.row(0, named=True)

    def to_raw(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        """The raw span that ``text[start:end]`` of one article came from."""
        found = self._maps.get(article_id)
        if found is None:
            found = self._offset_map(article_id)
        return found.span(start, end)

    def _offset_map(self, article_id: str) -> OffsetMap:
        """An article's offset map rebuilt from the ``offsets`` frame (for a corpus read back from
        Parquet, which has the frames but not the maps built while loading); kept once built."""
        raw = self.articles.filter(pl.col("article_id") == article_id)["raw_text"]
        if raw.len() == 0:
            raise KeyError(f"no article {article_id!r} in this corpus")
        rows = self.offsets.filter(pl.col("article_id") == article_id)  # in table order
        built = OffsetMap(list(rows.select("start", "end", "raw_start", "raw_end", "is_edit").iter_rows()), len(raw[0]))
        if isinstance(self._maps, dict):
            self._maps[article_id] = built
        return built

    def in_order(self, frame: pl.DataFrame, *by: str) -> pl.DataFrame:
        """``frame`` in corpus order: its articles as loaded (not sorted by id), then by ``by``
        (e.g. ``"start"``). The row order of every extractor frame — and one a corpus run in batches
        (:mod:`workbench.scale`) reproduces by putting the batches end to end."""
        order = self.articles.select("article_id").with_row_index("_order")
        return frame.join(order, on="article_id", how="left", maintain_order="left").sort("_order", *by, maintain_order=True).drop("_order")

    def map_offsets(self, frame: pl.DataFrame, *, start: str = "start", end: str = "end", prefix: str = "raw_") -> pl.DataFrame:
        """``frame`` with ``{prefix}start``/``{prefix}end`` added: its ``start``/``end`` mapped to raw offsets.

        Vectorised with an as-of join on the offsets piece table, so it scales to large frames.
        """
        out_s, out_e = f"{prefix}start", f"{prefix}end"
        if frame.height == 0:
            return frame.with_columns(pl.lit(None, pl.Int64).alias(out_s), pl.lit(None, pl.Int64).alias(out_e))
        pieces = (
            self.offsets.filter(pl.col("end") > pl.col("start"))
            .select("article_id", pl.col("start").alias("_ts"), pl.col("raw_start").alias("_rs"),
                    pl.col("raw_end").alias("_re"), pl.col("is_edit").alias("_ed"))
            .sort("_ts")
        )
        keyed = frame.with_row_index("_row").with_columns(
            pl.col(start).cast(pl.Int64).alias("_s"),
            (pl.max_horizontal(pl.col(end).cast(pl.Int64), pl.col(start).cast(pl.Int64) + 1) - 1).alias("_e1"),
        )
        left = keyed.select("_row", "article_id", "_s").sort("_s")
        m_s = left.join_asof(pieces, left_on="_s", right_on="_ts", by="article_id", strategy="backward", check_sortedness=False).select(
            "_row",
            pl.when(pl.col("_ed")).then(pl.col("_rs")).otherwise(pl.col("_rs") + pl.col("_s") - pl.col("_ts")).alias(out_s),
        )
        left = keyed.select("_row", "article_id", "_e1").sort("_e1")
        m_e = left.join_asof(pieces, left_on="_e1", right_on="_ts", by="article_id", strategy="backward", check_sortedness=False).select(
            "_row",
            pl.when(pl.col("_ed")).then(pl.col("_re")).otherwise(pl.col("_rs") + pl.col("_e1") + 1 - pl.col("_ts")).alias(out_e),
        )
        # a span starting at the very end of the text (or in an article with no text) starts at the end
        # of the raw text, as in ``to_raw``: trailing deleted raw text (spaces, boilerplate) comes before it
        lengths = self.offsets.group_by("article_id").agg(pl.col("end").max().alias("_tlen"), pl.col("raw_end").max().alias("_rlen"))
        out = keyed.join(m_s, on="_row", how="left").join(m_e, on="_row", how="left").join(lengths, on="article_id", how="left").sort("_row")
        out = out.with_columns(
            pl.when(pl.col("_s") >= pl.col("_tlen")).then(pl.col("_rlen")).otherwise(pl.col(out_s)).fill_null(0).alias(out_s),
        ).with_columns(
            pl.when(pl.col(end) <= pl.col(start)).then(pl.col(out_s)).otherwise(pl.col(out_e)).alias(out_e),
        )
        return out.drop("_row", "_s", "_e1", "_tlen", "_rlen")

    def with_published_dates(self, dates: Mapping[str, dt.date | str | None]) -> "Corpus":
        """A copy with some articles' ``published_date`` set (ISO strings or dates; None clears)."""
        unknown = sorted(set(dates) - set(self.article_ids))
        if unknown:
            raise KeyError(f"no article(s) {', '.join(map(repr, unknown))} in this corpus")
        values = {k: (v if isinstance(v, dt.date) or v is None else parse_date(v)) for k, v in dates.items()}
        bad = [k for k, v in dates.items() if v is not None and values[k] is None]
        if bad:
            raise ValueError(f"not ISO dates (YYYY-MM-DD): {', '.join(f'{k}={dates[k]!r}' for k in bad)}")
        col = [values.get(aid, old) if aid in values else old for aid, old in zip(self.article_ids, self.articles["published_date"].to_list())]
        articles = self.articles.with_columns(pl.Series("published_date", col, dtype=pl.Date))
        return dataclasses.replace(self, articles=articles)

    def subset(self, article_ids: Sequence[str]) -> "Corpus":
        """The corpus of these articles only (every frame filtered; problems of other files dropped).

        Article-local results on it (an article's dates against its publication date, its timeline
        events) equal the whole corpus's for those articles — what lets a view redo one article's
        work after a change. Corpus-wide steps (speaker spellings merged across articles, the
        years used to infer a date, duplicates) see only these articles."""
        unknown = sorted(set(article_ids) - set(self.article_ids))
        if unknown:
            raise KeyError(f"no article(s) {', '.join(map(repr, unknown))} in this corpus")
        keep = pl.Series(list(dict.fromkeys(article_ids)), dtype=pl.String).implode()

        def pick(frame: pl.DataFrame) -> pl.DataFrame:
            return frame.filter(pl.col("article_id").is_in(keep))

        return dataclasses.replace(
            self, articles=pick(self.articles), sections=pick(self.sections), paragraphs=pick(self.paragraphs),
            sentences=pick(self.sentences), repairs=pick(self.repairs), problems=pick(self.problems), offsets=pick(self.offsets),
            _maps={a: self._maps[a] for a in article_ids if a in self._maps},
        )

    def text_of(self, article_id: str, start: int, end: int) -> str:
        """``text[start:end]`` of one article."""
        return self.article(article_id)["text"][start:end]


def _frame(rows: list[dict[str, Any]], schema: Mapping[str, Any]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=dict(schema))
    # every row's keys in order of first appearance (read by C, not a Python loop over every key)
    extra = {k: pl.String for k in dict.fromkeys(itertools.chain.from_iterable(rows)) if k not in schema}
    return pl.DataFrame(rows, schema={**schema, **extra}, strict=False)


def _part(raw: RawArticle, meta: Mapping[str, Any], problems: list[Problem], *, build=None) -> ArticleParts | None:
    """One article's parts (``build`` defaults to :func:`build_article`; the cache passes itself),
    its content problems appended to ``problems``; None, with a problem row, if building failed."""
    try:
        part = build(raw, meta) if build is not None else build_article(raw, meta)
    except Exception as exc:  # a bug must not take the corpus down; it is reported, not hidden
        problems.append(Problem(raw.article_id, raw.path, "normalize-failed", f"{type(exc).__name__}: {exc}"))
        return None
    problems.extend(article_problems(
        raw.article_id, raw.path, part.article["text"],
        [(p["role"], p["start"], p["end"]) for p in part.paragraphs],
        sum(r["raw_end"] - r["raw_start"] for r in part.repairs if "mojibake" in r["kind"]),
        raw_length=len(raw.raw_text),
    ))
    return part


class _Parts:
    """Articles' parts gathered into frames a chunk at a time: the row dicts of at most ``CHUNK``
    articles live at once (Python dicts and strings take ~10x the memory of the Arrow columns they
    become, so gathering a whole corpus as dicts first set the peak memory of a load)."""

    CHUNK = 256

    def __init__(self) -> None:
        self.pending: list[ArticleParts] = []
        self.chunks: list[dict[str, pl.DataFrame]] = []
        self.maps: dict[str, OffsetMap] = {}
        self.ids: list[str] = []

    def add(self, part: ArticleParts) -> None:
        self.pending.append(part)
        self.maps[part.article["article_id"]] = part.offset_map
        self.ids.append(part.article["article_id"])
        if len(self.pending) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        parts, self.pending = self.pending, []
        self.chunks.append(_with_word_counts({
            "articles": _frame([p.article for p in parts], ARTICLE_SCHEMA),
            "sections": _frame([r for p in parts for r in p.sections], SECTION_SCHEMA),
            "paragraphs": _frame([r for p in parts for r in p.paragraphs], PARAGRAPH_SCHEMA),
            "sentences": _frame([r for p in parts for r in p.sentences], SENTENCE_SCHEMA),
            "repairs": _frame([r for p in parts for r in p.repairs], REPAIR_SCHEMA),
            "offsets": _frame([r for p in parts for r in p.offsets], OFFSET_SCHEMA),
        }))

    def frame(self, name: str, schema: Mapping[str, Any]) -> pl.DataFrame:
        self.flush()
        if not self.chunks:
            return _frame([], schema)
        frames = [c[name] for c in self.chunks]
        return frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed", rechunk=True)

    def __len__(self) -> int:
        return len(self.ids)


def _assemble(parts: Sequence[ArticleParts] | _Parts, problems: Sequence[Problem], *, root: str | None = None) -> Corpus:
    if not isinstance(parts, _Parts):
        gathered = _Parts()
        for p in parts:
            gathered.add(p)
        parts = gathered
    return Corpus(
        articles=parts.frame("articles", ARTICLE_SCHEMA),
        sections=parts.frame("sections", SECTION_SCHEMA),
        paragraphs=parts.frame("paragraphs", PARAGRAPH_SCHEMA),
        sentences=parts.frame("sentences", SENTENCE_SCHEMA),
        repairs=parts.frame("repairs", REPAIR_SCHEMA),
        problems=_frame([dataclasses.asdict(p) for p in problems], PROBLEM_SCHEMA),
        offsets=parts.frame("offsets", OFFSET_SCHEMA),
        root=root,
        _maps=parts.maps,
    )


def _resolve_sources(source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], recursive: bool | None = None) -> tuple[list[Path], list[Problem], Path | None]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            files, problems = list_article_files(path, recursive=recursive)
            return files, problems, path
        if path.is_file():
            return [path], [], path.parent
        raise FileNotFoundError(f"{path}: no such file or folder")
    paths = [Path(p) for p in source]
    missing = [Problem(article_id_for(p), as_text(str(p)), "missing", "no such file") for p in paths if not p.exists()]
    return [p for p in paths if p.exists()], missing, None


@fewer_collections
def load_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    catalog: str | os.PathLike[str] | None = None,
    published_dates: Mapping[str, dt.date | str | None] | None = None,
    warn: bool = True,
    text_column: str | None = None,
    progress: bool | None = None,
    cache: bool | str | os.PathLike[str] = False,
    recursive: bool | None = None,
) -> Corpus:
    """Load a folder (or a list) of ``.txt`` articles into a :class:`Corpus`.

    Args:
        source: a folder of articles, one article file, or a list of files.
        catalog: a ``catalog.csv`` to use instead of the folder's own (columns ``file``, ``outlet``,
            ``url``, ``published_date``; extra columns become extra article columns).
        published_dates: ``{article_id: date}`` overriding the catalog (a researcher's correction).
        warn: emit a :class:`CorpusWarning` per problem (the rows are in ``corpus.problems`` anyway).
        text_column: the column holding the text in .jsonl/.csv files (default: the first of
            ``text``, ``body``, ``content``, ``article``, ``full_text``).
        progress: show a progress bar (tqdm: a widget in JupyterLab, a bar in a terminal); by
            default only for more than 200 files and never under pytest or ``WORKBENCH_PROGRESS=0``.
        cache: ``True`` keeps each article's normalized frames in ``<folder>/.workbench-cache``
            (or the folder given), keyed by the sha256 of its bytes, its id, path, metadata and the
            normalizer's fingerprint; re-opening an unchanged corpus then skips normalization, and a
            changed file is processed again.
        recursive: read the subfolders' articles too (True), never (False: each subfolder holding
            articles is named in ``corpus.problems``), or only when the folder holds no article
            file of its own (None, the default: a corpus kept one folder per outlet). With two or
            more such subfolders an article's id starts with its folder (``bbc/001``) and the top
            subfolder's name is its ``outlet`` unless the catalog (whose ``file`` may be
            ``bbc/001.txt``) or the file says otherwise; every such article has a ``folder`` column.

    Formats: ``.txt``, ``.md``, ``.html`` (saved web pages), ``.jsonl`` and ``.csv`` (one article
    per row); see :mod:`workbench.formats`.

    Files that cannot be read are skipped with a row in ``corpus.problems``; the rest load. Raises
    only when nothing at all could be loaded, with every file's problem in the message.

    Example (from the project root)::

        corpus = load_corpus("seeds")
        corpus.articles.select("article_id", "title", "kicker", "dateline")
    """
    cached = None
    admission = Admission(source, catalog=catalog, text_column=text_column, progress=progress, recursive=recursive)
    if cache:
        from workbench.cache import ArticleCache

        cache_dir = Path(cache) if not isinstance(cache, bool) else (admission.root or Path.cwd()) / ".workbench-cache"
        cached = ArticleCache(cache_dir)
    parts = _Parts()
    problems: list[Problem] = []
    for item in admission:
        problems.extend(item.problems)
        if item.raw is not None:
            part = _part(item.raw, item.meta, problems, build=cached)
            if part is not None:
                parts.add(part)
    if not parts:
        detail = "; ".join(p.message() for p in problems) or f"no article files ({', '.join(ARTICLE_SUFFIXES)}) found"
        raise ValueError(f"{source}: nothing could be loaded: {detail}")
    if warn:
        for p in problems:
            warnings.warn(p.message(), CorpusWarning, stacklevel=2)
    corpus = _assemble(parts, problems, root=str(admission.root) if admission.root else None)
    if published_dates:
        corpus = corpus.with_published_dates(published_dates)
    return corpus


@dataclass(frozen=True)
class Admitted:
    """One document as the loader admits it, before normalization: the article with its metadata
    (the file's own, overlaid by its catalog row) and the problems found on the way, in load order.
    ``raw`` is None for a document that could not be read, and for corpus-wide problems (the
    catalog's). :func:`load_corpus` and :mod:`workbench.scale`'s batches build from the same items,
    so a corpus loaded in batches has the rows, ids and problems of one loaded at once."""

    raw: RawArticle | None
    meta: Mapping[str, Any]
    problems: tuple[Problem, ...]


class Admission:
    """The documents of a source, read one file at a time (:meth:`__iter__` yields
    :class:`Admitted` items): the corpus-wide bookkeeping of a load — ids made unique, byte-identical
    files flagged, catalog rows applied, catalog rows naming no file reported at the end — without
    normalizing anything. Memory holds one file's documents plus a hash per article."""

    def __init__(self, source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
                 catalog: str | os.PathLike[str] | None = None, text_column: str | None = None,
                 progress: bool | None = None, recursive: bool | None = None) -> None:
        self.source = source
        self.files, self._problems, self.root = _resolve_sources(source, recursive)
        # files from subfolders: with two or more such folders (one per outlet, say) an article's
        # id starts with its folder ("bbc/001": file names repeat across outlets) and the top
        # folder's name is its outlet unless the catalog or the file says otherwise
        self.folders = {f: f.parent.relative_to(self.root).as_posix() for f in self.files
                        if self.root is not None and f.parent != self.root}
        self.per_folder = len({rel.split("/")[0] for rel in self.folders.values()}) >= 2
        if catalog is not None and not Path(catalog).is_file():
            raise FileNotFoundError(f"{catalog}: no such catalog file")
        self.catalog_given = catalog is not None
        catalog_path = Path(catalog) if catalog is not None else (self.root / CATALOG_NAME if self.root else None)
        self.catalog = read_catalog(catalog_path) if catalog_path else Catalog(None, {}, (), ())
        self.text_column = text_column
        self.progress = progress

    def __iter__(self) -> Iterator[Admitted]:
        cat = self.catalog
        if self._problems or cat.problems:
            yield Admitted(None, {}, (*self._problems, *cat.problems))
        seen_ids: dict[str, str] = {}
        seen_hash: dict[str, str] = {}
        documents = ((path, doc) for path in self.files for doc in iter_documents(path, text_column=self.text_column))
        for path, got in _progress(documents, total=len(self.files), enabled=self.progress, what="articles"):
            if isinstance(got, Problem):
                yield Admitted(None, {}, (got,))
                continue
            raw, found = got, []
            # a Path hashes by its parts, worked out on first use (2 µs a file): none to look up
            # in a flat folder
            folder = self.folders.get(path) if self.folders else None
            if folder is not None:
                raw = dataclasses.replace(raw, article_id=f"{folder}/{raw.article_id}" if self.per_folder else raw.article_id,
                                          meta={**raw.meta, "folder": folder, **({"outlet": folder.split("/")[0]} if self.per_folder and "outlet" not in raw.meta else {})})
            if raw.article_id in seen_ids:
                new_id = f"{raw.article_id}~{len(seen_ids)}"
                found.append(Problem(new_id, raw.path, "duplicate-id", f"another file ({seen_ids[raw.article_id]}) has the id {raw.article_id!r}; this one is {new_id!r}"))
                raw = dataclasses.replace(raw, article_id=new_id)
            seen_ids[raw.article_id] = raw.path
            if raw.sha256 in seen_hash and raw.raw_text.strip():
                found.append(Problem(raw.article_id, raw.path, "duplicate", f"same bytes as {seen_hash[raw.sha256]} (sha256 {raw.sha256[:12]}…); loaded twice"))
            seen_hash.setdefault(raw.sha256, raw.path)
            found.extend(raw.problems)
            row = None
            if cat.rows:
                if "#" in raw.path:
                    row = cat.rows.get(raw.article_id)
                elif folder is not None and self.per_folder:  # a bare name repeats across the folders
                    row = cat.rows.get(f"{folder}/{path.name}") or cat.rows.get(raw.article_id)
                else:
                    row = ((cat.rows.get(f"{folder}/{path.name}") if folder is not None else None)
                           or cat.rows.get(Path(raw.path).name) or cat.rows.get(raw.article_id))
            meta = {**raw.meta, **{k: v for k, v in row.items() if v is not None}} if row else dict(raw.meta)
            yield Admitted(raw, meta, tuple(found))
        if not cat.rows:
            return
        bare = [p for p in self.files if not (self.per_folder and p in self.folders)]  # a bare name repeats across folders
        names = ({p.name for p in bare} | {p.stem for p in bare} | set(seen_ids)
                 | {f"{rel}/{p.name}" for p, rel in self.folders.items()})
        # a catalog row naming no file is worth a word only when the whole folder was loaded
        whole_folder = isinstance(self.source, (str, os.PathLike)) and Path(self.source).is_dir()
        unknown = tuple(
            Problem(Path(name).stem, cat.path or CATALOG_NAME, "catalog-unknown-file", f"catalog row names {name!r}, which is not in the corpus")
            for name in (cat.rows if (whole_folder or self.catalog_given) else ())
            if name not in names and Path(name).stem not in names
        )
        if unknown:
            yield Admitted(None, {}, unknown)


@fewer_collections
def build_corpus(items: Iterable[Admitted], *, root: str | None = None) -> Corpus:
    """A :class:`Corpus` of admitted documents (a batch of :class:`Admission`): each normalized and
    split, problems in load order. Unlike :func:`load_corpus` it does not raise on an empty batch."""
    parts = _Parts()
    problems: list[Problem] = []
    for item in items:
        problems.extend(item.problems)
        if item.raw is not None:
            part = _part(item.raw, item.meta, problems)
            if part is not None:
                parts.add(part)
    return _assemble(parts, problems, root=root)
