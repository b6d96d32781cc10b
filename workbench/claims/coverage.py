"""Claim coverage: which articles report a claim, which report its denial, and where.

A claim is given as a phrase ("Trump threatened to bomb Moscow") or as a quote cluster (an id plus
the clusters frame of the quotes module). A sentence *mentions* the phrase when it contains at least
``min_share`` of the phrase's content words (stop words in ``resources/claim_stopwords.txt`` are
ignored; words are compared by a crude stem, so "threat", "threatened" and "threatening" meet). A
cluster is mentioned by the sentences its quotes sit in.

A denial (a row of :func:`~workbench.claims.denials.extract_denials`) is *of this claim* when its
sentence mentions the claim too, or when it sits in an article that reports the claim and either
shares a content word with it or denies something by reference ("the leaked audio", "the report",
"such conversations", "wrongdoing", a negated event, a protest of innocence). Trade-off: a second, unrelated denial by reference in the
same article is linked too (an article about two stories); the table shows each denial's wording
so the reader can tell.

Positions: the paragraph index of the first mention and the share of the article's text before it
(0 = at the very top, 0.9 = nine tenths of the way down) — "is the denial buried at the end?".

>>> content_words("Trump threatened to bomb Moscow")
['trump', 'threat', 'bomb', 'moscow']
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

import polars as pl

from workbench.claims.hedges import HEDGING_CATEGORIES, find_hedges
from workbench.lexicon import load_lines

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["claim_coverage", "claim_mentions", "claim_positions", "claim_report", "POSITION_SCHEMA", "content_words", "COVERAGE_SCHEMA", "MENTION_SCHEMA"]

MENTION_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "paragraph_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "raw_start": pl.Int64,
    "raw_end": pl.Int64,
    "match_share": pl.Float64,
    "is_hedged": pl.Boolean,
    "hedges": pl.String,
    "text": pl.String,
}
COVERAGE_SCHEMA = {
    "article_id": pl.String,
    "label": pl.String,
    "reports_claim": pl.Boolean,
    "reports_denial": pl.Boolean,
    "hedged": pl.Boolean,
    "flagged": pl.Boolean,
    "claim_mentions": pl.Int64,
    "denials": pl.Int64,
    "claim_paragraph_index": pl.Int64,
    "claim_share_before": pl.Float64,
    "claim_wording": pl.String,
    "claim_hedges": pl.String,
    "denial_paragraph_index": pl.Int64,
    "denial_share_before": pl.Float64,
    "denial_wording": pl.String,
    "denier": pl.String,
    "denial_kind": pl.String,
    "denial_cue": pl.String,
    "paragraphs": pl.Int64,
}

_TOKEN = re.compile(r"[\w’'-]+")
_ANAPHORIC = re.compile(
    r"^(?:the|these|this|those|that|such|any|its|his|her|their|it|them)\b|\b(?:calls?|conversations?|talks|meetings?)\b"
    r"|^(?:wrongdoing|allegations?|accusations?|claims?|charges?|reports?)\b",  # "denies wrongdoing": the accusation
    re.IGNORECASE,
)
#: denials that name no claim but answer the article's accusation: a protest of innocence, a plea
_INNOCENCE_RULES = frozenset({"negated event", "no such event", "nothing wrong", "innocence", "not guilty"})


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("claim_stopwords.txt"))


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Past forms -> verb, from ``resources/irregular_verbs.txt`` ("took taken = take")."""
    out: dict[str, str] = {}
    for line in load_lines("irregular_verbs.txt"):
        forms, sep, verb = line.partition("=")
        if sep:
            out.update(dict.fromkeys(forms.lower().split(), verb.strip().lower()))
    return out


@lru_cache(maxsize=4096)
def _surfaces(stem: str) -> tuple[str, ...]:
    """What a sentence holding a word of ``stem`` contains: the stem itself (a prefix of the word),
    or an irregular past form of its verb ("took" for "tak")."""
    return (stem, *sorted({form for form, verb in _irregular().items() if _stem(verb) == stem}))


def _stem(word: str) -> str:
    """A crude stem, the same for a word's forms: "takes", "taking", "taken", "took" and "take" are
    all "tak" (an irregular past form through ``irregular_verbs.txt``, then the ending off, then a
    final e: "bribe"/"bribes" -> "brib"; "bribery" -> "brib" too)."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    word = _irregular().get(word, word)
    if len(word) > 6 and word.endswith("ery"):  # "bribery", "forgery": the act's noun, the verb's stem
        word = word[:-3]
    elif len(word) > 4:
        word = re.sub(r"(?:ing|ed|es|en|s)$", "", word)
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word[:6]


def content_words(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order, without repeats."""
    return list(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    """(cached: a view asks for the same denial sentences at every claim it shows)"""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token.lower() in _stopwords() or not any(ch.isalnum() for ch in token):
            continue
        stem = _stem(token)
        if stem and stem not in out:
            out.append(stem)
    return tuple(out)


def _share(claim: list[str], text: str) -> float:
    if not claim:
        return 0.0
    have = set(_content_words(text))
    return sum(1 for w in claim if w in have) / len(claim)


#: what is worked out once per corpus frame (by the frame's identity, held weakly): every claim a
#: view shows reads the same sentences and the same facts of the articles
_PER_FRAME: dict[tuple[str, int], tuple[weakref.ref, Any]] = {}


def _once_per_frame(name: str, frame: pl.DataFrame, build: Callable[[], Any]) -> Any:
    key = (name, id(frame))
    cached = _PER_FRAME.get(key)
    if cached is not None and cached[0]() is frame:
        return cached[1]
    value = build()
    _PER_FRAME[key] = (weakref.ref(frame, lambda _: _PER_FRAME.pop(key, None)), value)
    return value


def _lowered(texts: pl.Series) -> pl.Series:
    """Texts lowercased as stems are (Python's ``str.lower``, ’ read as ')."""
    return pl.Series([(t or "").lower().replace("’", "'") for t in texts.to_list()], dtype=pl.String)


def _mention_sentences(corpus: Corpus) -> tuple[pl.DataFrame, pl.Series]:
    """The sentences a claim can be mentioned in (datelines aside, in order) and their text lowercased."""

    def build() -> tuple[pl.DataFrame, pl.Series]:
        sentences = corpus.sentences.filter(pl.col("role") != "dateline").sort("article_id", "sentence_index")
        return sentences, _lowered(sentences["text"])

    return _once_per_frame("mention sentences", corpus.sentences, build)


def _could_share(low: pl.Series, words: list[str], min_share: float) -> pl.Series:
    """False where a sentence cannot hold ``min_share`` of the claim's stems ``words`` — decided for
    the whole column at once. A stem is a prefix of a token lowercased (’ read as ') or the stem
    of an irregular past form (:func:`_surfaces`), so a sentence holding it contains the stem or
    that form as a substring of the sentence lowercased the same way (``low``): counting
    the stems found as substrings (polars, literal search) over-counts, never under-counts, and only
    the sentences where that count reaches the share are weighed word by word."""
    found = pl.Series([0] * low.len(), dtype=pl.Int64)
    for w in words:
        forms = _surfaces(w)
        hit = low.str.contains(w, literal=True) if len(forms) == 1 else low.str.contains_any(list(forms))
        found = found + hit.cast(pl.Int64)
    return (found / len(words)) >= min_share


def _hedge_text(text: str) -> tuple[bool, str]:
    found = [h for h in find_hedges(text) if h.category in HEDGING_CATEGORIES]
    return bool(found), ", ".join(h.marker.lower() for h in found)


def _mentions_frame(rows: list[dict], corpus: Corpus) -> pl.DataFrame:
    schema = {k: v for k, v in MENTION_SCHEMA.items() if k not in {"raw_start", "raw_end"}}
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return corpus.map_offsets(frame).select(list(MENTION_SCHEMA)).sort("article_id", "sentence_index")


def _cluster_spans(cluster: object, clusters: pl.DataFrame, quotes: pl.DataFrame | None) -> pl.DataFrame:
    """(article_id, start, end, text) of the quotes in one cluster."""
    if "cluster_id" not in clusters.columns:
        raise ValueError("claim_coverage: the clusters frame has no 'cluster_id' column; pass wb.cluster_quotes(...) output")
    rows = clusters.filter(pl.col("cluster_id").cast(pl.String) == str(cluster))
    if not {"article_id", "start", "end"} <= set(rows.columns):
        if quotes is None or "quote_id" not in rows.columns:
            raise ValueError("claim_coverage: the clusters frame has no offsets; pass quotes=wb.extract_quotes(corpus) too")
        rows = rows.select("quote_id").join(quotes, on="quote_id", how="inner")
    text_col = next((c for c in ("text", "quote", "quote_text") if c in rows.columns), None)
    texts = rows[text_col] if text_col else pl.Series([None] * rows.height, dtype=pl.String)
    return rows.select("article_id", "start", "end").with_columns(texts.alias("quote_text"))


def claim_mentions(
    corpus: Corpus,
    claim: str | int,
    *,
    clusters: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
    min_share: float = 0.75,
) -> pl.DataFrame:
    """Sentences that mention the claim (schema :data:`MENTION_SCHEMA`), with their hedges.

    ``claim_mentions(corpus, "threatened to bomb Moscow")`` gives one row per sentence holding at
    least ``min_share`` of the phrase's content words; with ``clusters`` the sentences holding the
    cluster's quotes (``match_share`` 1.0).
    """
    sentences, low = _mention_sentences(corpus)
    rows = []
    if clusters is not None:
        spans = _cluster_spans(claim, clusters, quotes)
        for s in sentences.iter_rows(named=True):
            inside = spans.filter((pl.col("article_id") == s["article_id"]) & (pl.col("start") < s["end"]) & (pl.col("end") > s["start"]))
            if inside.height:
                hedged, markers = _hedge_text(s["text"])
                rows.append({**_pick(s), "match_share": 1.0, "is_hedged": hedged, "hedges": markers})
        return _mentions_frame(rows, corpus)
    words = content_words(str(claim))
    if not words:
        return _mentions_frame([], corpus)
    sentences = sentences.filter(_could_share(low, words, min_share))
    for s in sentences.iter_rows(named=True):
        share = _share(words, s["text"] or "")
        if share >= min_share:
            hedged, markers = _hedge_text(s["text"])
            rows.append({**_pick(s), "match_share": round(share, 3), "is_hedged": hedged, "hedges": markers})
    return _mentions_frame(rows, corpus)


def _pick(s: dict) -> dict:
    return {k: s[k] for k in ("article_id", "sentence_index", "paragraph_index", "start", "end", "text")}


def _claim_words(claim: str | int, clusters: pl.DataFrame | None, quotes: pl.DataFrame | None) -> list[str]:
    if clusters is None:
        return content_words(str(claim))
    spans = _cluster_spans(claim, clusters, quotes)
    words: list[str] = []
    for text in spans["quote_text"].drop_nulls().to_list():
        words += [w for w in content_words(text) if w not in words]
    return words


def _linked_denials(
    corpus: Corpus,
    claim: str | int,
    mentions: pl.DataFrame,
    *,
    clusters: pl.DataFrame | None,
    quotes: pl.DataFrame | None,
    denials: pl.DataFrame | None,
    min_share: float,
) -> list[dict]:
    """The denial rows that are about this claim (see the module docstring for the rule)."""
    from workbench.claims.denials import extract_denials

    denials = extract_denials(corpus, quotes=quotes) if denials is None else denials
    words = _claim_words(claim, clusters, quotes)
    reporting = set(mentions["article_id"].to_list())
    linked = []
    for d in denials.sort("article_id", "sentence_index").iter_rows(named=True):
        share = _share(words, d["sentence"] or "") if words else 0.0
        in_claim_article = d["article_id"] in reporting
        by_reference = bool(_ANAPHORIC.search(d["denied"] or "")) or d["rule"] in _INNOCENCE_RULES
        if share >= min_share or (in_claim_article and (share > 0 or by_reference)):
            linked.append(d)
    return linked


def _lengths(corpus: Corpus) -> dict[str, int]:
    """Each article's text length (at least 1), without pulling the texts into Python."""
    return dict(corpus.articles.select("article_id", pl.col("text").fill_null("").str.len_chars().clip(lower_bound=1)).iter_rows())


POSITION_SCHEMA = {
    "article_id": pl.String,
    "label": pl.String,
    "what": pl.String,
    "sentence_index": pl.Int64,
    "paragraph_index": pl.Int64,
    "share_before": pl.Float64,
    "wording": pl.String,
    "denier": pl.String,
    "is_hedged": pl.Boolean,
}


def claim_positions(
    corpus: Corpus,
    claim: str | int,
    *,
    clusters: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
    denials: pl.DataFrame | None = None,
    min_share: float = 0.75,
) -> pl.DataFrame:
    """Every mention of the claim and every denial of it, with its place in the article.

    One row per sentence; ``what`` is "claim" or "denial"; ``share_before`` is the share of the
    article's text before the sentence (0 = top). This is what the placement chart draws.
    """
    mentions = claim_mentions(corpus, claim, clusters=clusters, quotes=quotes, min_share=min_share)
    linked = _linked_denials(corpus, claim, mentions, clusters=clusters, quotes=quotes, denials=denials, min_share=min_share)
    return _positions(corpus, mentions, linked)


def _positions(corpus: Corpus, mentions: pl.DataFrame, linked: list[dict]) -> pl.DataFrame:
    _, lengths, labels = _article_facts(corpus)
    rows = [
        {
            "article_id": m["article_id"], "label": labels[m["article_id"]], "what": "claim",
            "sentence_index": m["sentence_index"], "paragraph_index": m["paragraph_index"],
            "share_before": round(m["start"] / lengths[m["article_id"]], 3), "wording": m["text"],
            "denier": None, "is_hedged": m["is_hedged"],
        }
        for m in mentions.iter_rows(named=True)
    ]
    rows += [
        {
            "article_id": d["article_id"], "label": labels[d["article_id"]], "what": "denial",
            "sentence_index": d["sentence_index"], "paragraph_index": d["paragraph_index"],
            "share_before": round(d["start"] / lengths[d["article_id"]], 3), "wording": d["sentence"],
            "denier": d["denier"], "is_hedged": d["is_hedged"],
        }
        for d in linked
    ]
    frame = pl.DataFrame(rows, schema=POSITION_SCHEMA, orient="row") if rows else pl.DataFrame(schema=POSITION_SCHEMA)
    return frame.sort("article_id", "sentence_index", "what")


def claim_coverage(
    corpus: Corpus,
    claim: str | int,
    *,
    clusters: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
    denials: pl.DataFrame | None = None,
    min_share: float = 0.75,
) -> pl.DataFrame:
    """One row per article: does it report ``claim``, its denial, does it hedge, and where.

    ``claim``: a phrase, or a cluster id when ``clusters`` (from ``wb.cluster_quotes``) is given
    (with ``quotes`` when the clusters frame carries no offsets). ``denials``: the frame from
    ``wb.extract_denials(corpus)`` (computed when not given). ``flagged`` is True for an article
    that reports the claim but no denial of it. Rows follow ``corpus.articles`` sorted by id.
    """
    mentions = claim_mentions(corpus, claim, clusters=clusters, quotes=quotes, min_share=min_share)
    linked = _linked_denials(corpus, claim, mentions, clusters=clusters, quotes=quotes, denials=denials, min_share=min_share)
    return _coverage(corpus, mentions, linked)


def claim_report(
    corpus: Corpus,
    claim: str | int,
    *,
    clusters: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
    denials: pl.DataFrame | None = None,
    min_share: float = 0.75,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(:func:`claim_coverage`, :func:`claim_positions`) of one claim, finding its mentions and
    denials once — what a view showing both (table and placement chart) needs."""
    mentions = claim_mentions(corpus, claim, clusters=clusters, quotes=quotes, min_share=min_share)
    linked = _linked_denials(corpus, claim, mentions, clusters=clusters, quotes=quotes, denials=denials, min_share=min_share)
    return _coverage(corpus, mentions, linked), _positions(corpus, mentions, linked)


def _article_facts(corpus: Corpus) -> tuple[pl.DataFrame, dict[str, int], dict[str, str]]:
    """(article_id, label, paragraphs) sorted by id; each article's text length (at least 1); its label."""

    def build() -> tuple[pl.DataFrame, dict[str, int], dict[str, str]]:
        counts = corpus.paragraphs.group_by("article_id").len("paragraphs")
        label = pl.when(pl.col("label").is_null() | (pl.col("label") == "")).then(pl.col("article_id")).otherwise(pl.col("label"))
        base = (
            corpus.articles.select("article_id", label.alias("label"))
            .join(counts, on="article_id", how="left", maintain_order="left")
            .with_columns(pl.col("paragraphs").fill_null(0).cast(pl.Int64))
            .sort("article_id")
        )
        return base, _lengths(corpus), dict(base.select("article_id", "label").iter_rows())

    return _once_per_frame("article facts", corpus.articles, build)


def _coverage(corpus: Corpus, mentions: pl.DataFrame, linked: list[dict]) -> pl.DataFrame:
    """One row per article; worked out in Python only for the articles that mention the claim or
    a denial of it (a few, however large the corpus), the others get the "reports neither" row."""
    base, lengths, labels = _article_facts(corpus)
    rows = []
    mentions_of = mentions.partition_by("article_id", as_dict=True, maintain_order=True)
    empty = mentions.clear()
    denials_of: dict[str, list[dict]] = {}
    for d in linked:
        denials_of.setdefault(d["article_id"], []).append(d)
    involved = sorted({key[0] for key in mentions_of} | set(denials_of))
    for aid in involved:
        art = {"article_id": aid, "label": labels.get(aid, aid)}
        mine = mentions_of.get((aid,), empty)
        denied = denials_of.get(aid, [])
        first = mine.row(0, named=True) if mine.height else None
        first_denial = denied[0] if denied else None
        hedge_list: list[str] = []
        for markers in mine["hedges"].to_list() if mine.height else ():
            hedge_list += [m for m in (markers or "").split(", ") if m and m not in hedge_list]
        rows.append(
            {
                "article_id": aid,
                "label": art.get("label") or aid,
                "reports_claim": first is not None,
                "reports_denial": first_denial is not None,
                "hedged": bool(mine["is_hedged"].any()) if mine.height else False,
                "flagged": first is not None and first_denial is None,
                "claim_mentions": mine.height,
                "denials": len(denied),
                "claim_paragraph_index": first["paragraph_index"] if first else None,
                "claim_share_before": round(first["start"] / lengths[aid], 3) if first else None,
                "claim_wording": first["text"] if first else None,
                "claim_hedges": ", ".join(hedge_list) or None,
                "denial_paragraph_index": first_denial["paragraph_index"] if first_denial else None,
                "denial_share_before": round(first_denial["start"] / lengths[aid], 3) if first_denial else None,
                "denial_wording": first_denial["sentence"] if first_denial else None,
                "denier": first_denial["denier"] if first_denial else None,
                "denial_kind": first_denial["kind"] if first_denial else None,
                "denial_cue": first_denial["cue"] if first_denial else None,
                "paragraphs": 0,  # from the articles' facts below
            }
        )
    found = pl.DataFrame(rows, schema=COVERAGE_SCHEMA, orient="row").drop("label", "paragraphs")
    neither = {"reports_claim": False, "reports_denial": False, "hedged": False, "flagged": False, "claim_mentions": 0, "denials": 0}
    return (
        base.join(found, on="article_id", how="left", maintain_order="left")
        .with_columns(pl.col(c).fill_null(v) for c, v in neither.items())
        .select([pl.col(c).cast(t) for c, t in COVERAGE_SCHEMA.items()])
    )
