"""cluster_quotes: variants of one utterance across articles, and what each outlet changed.

Matching is censor-aware: every censored or bleeped word ("s***", "sh*t", "s\\*\\*\\*", "[expletive]",
"(expletive deleted)", "bulls***", "f---", "s—t", "f-ck") and every profanity spelled out compares as
one token ``⁎``, while the rows keep each outlet's exact text; so do contractions whose long form is
certain ("we’re" / "we are"). Two speech quotations are variants when, after that normalization,

* they are the same words (two words or more), or
* the shorter one (three words or more) sits inside the longer (rapidfuzz ``partial_ratio`` ≥ 92:
  a trimmed or extended quotation), or
* both have five words or more and the same words mostly (``token_sort_ratio`` ≥ 85: wording
  changed).

Variants are grouped transitively (union–find). Candidate pairs come from shared rare words, so
the work grows with the number of quotations that could match, not with its square. Scare quotes
and titles are not utterances: each stays in a cluster of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import polars as pl

from workbench.gctune import fewer_collections
from workbench.lexicon import load_toml

__all__ = ["cluster_quotes", "cluster_columns", "normalize_for_matching", "CENSORED", "CLUSTER_COLUMNS", "CLUSTER_INPUT"]

CENSORED = "⁎"
_TOKEN = re.compile(r"\[[^\]]{1,30}\]|\([a-z ]{1,20}\)|[\w*’'\\-]+")


@lru_cache(maxsize=1)
def _lex() -> tuple[frozenset[str], frozenset[str]]:
    """(the placeholders' words without their brackets — "[expletive]" and "(expletive)" are one —,
    the profanities)."""
    d = load_toml("quotes.toml")
    return frozenset(p.lower().strip("[]() ") for p in d["expletive_placeholders"]), frozenset(d["profanities"])


def _dashed_profanity(prefix: str, suffix: str) -> bool:
    """Is "f" + dashes + "k" (or "s—t", "f---") a profanity with its middle dashed out? A
    profanity must start with the letters before the dashes and end with those after."""
    prefix, suffix = prefix.lower(), suffix.lower()
    return any(len(p) > len(prefix) + len(suffix) and p.startswith(prefix) and p.endswith(suffix) for p in _lex()[1])


_STARS = re.compile(r"\*+")


@lru_cache(maxsize=1 << 16)  # a corpus's quotations share most of their words
def _token(tok: str) -> tuple[str, bool]:
    """(normalized token, is_censored)."""
    placeholders, profanities = _lex()
    low = tok.lower().replace("\\", "").replace("’", "'")
    if (low[:1] in "[(" and low[1:-1].strip() in placeholders) or ((m := _DASHED.fullmatch(low)) and _dashed_profanity(*m.groups())):
        return CENSORED, True  # "(expletive deleted)", "f---", "s--t"
    t = low.strip("'-")
    if t in placeholders or ("*" in t and any(ch.isalpha() for ch in t)) or t in profanities or _STARS.fullmatch(t):
        return CENSORED, True
    return t, False


#: a word with its middle or end dashed out ("f---", "s--t", "f-ck"); an em or en dash is joined by
#: :func:`tokens`
_DASHED = re.compile(r"([a-z]{1,3})(?:-{2,}|-(?=[a-z])|[—–]+)([a-z]{0,3})")


def tokens(text: str) -> list[tuple[str, str, bool]]:
    """(surface, normalized, is_censored) per word of a quotation."""
    out = []
    for m in _TOKEN.finditer(text):
        norm, censored = _token(m.group(0))
        if not norm:
            continue
        if norm[-1] in _CONTRACTED_END and (full := _uncontracted(norm)):
            out.extend((m.group(0), part, False) for part in full)  # "we're" compares as "we are"
        else:
            out.append((m.group(0), norm, censored))
    if "—" in text or "–" in text:
        out = _join_dashed(text, out)
    return out


#: contractions whose long form is certain ("'s" and "'d" are not: is/has, would/had)
_CONTRACTIONS = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am"}
_IRREGULAR = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not"), "shan't": ("shall", "not"),
              "ain't": ("is", "not")}
_CONTRACTED_END = frozenset("telm")  # the last letters of the forms above: a cheap first test


def _uncontracted(word: str) -> tuple[str, ...] | None:
    """"we're" → ("we", "are"), "don't" → ("do", "not"), "won't" → ("will", "not"); None for a
    word that is no contraction (or an ambiguous one: "it's", "he'd")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for short, full in _CONTRACTIONS.items():
        if word.endswith(short) and len(word) > len(short):
            return (word[: -len(short)], full)
    return None


_DASH_JOINED = re.compile(r"\b([A-Za-z]{1,3})[—–]+([A-Za-z]{0,3})\b")


def _join_dashed(text: str, out: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """"f—k", "s—t": a profanity whose middle an em or en dash stands for is one censored word,
    not two ("it—and" stays two)."""
    for m in _DASH_JOINED.finditer(text):
        if not _dashed_profanity(m.group(1), m.group(2)):
            continue
        parts = [w for w in (m.group(1), m.group(2)) if w]
        for i in range(len(out) - len(parts) + 1):
            if [t[0] for t in out[i : i + len(parts)]] == parts:
                out[i : i + len(parts)] = [(m.group(0), CENSORED, True)]
                break
    return out


def normalize_for_matching(text: str) -> str:
    """The words of a quotation as clustering compares them.

    >>> normalize_for_matching("bomb the s\\\\*\\\\*\\\\* out of Moscow") == normalize_for_matching("Bomb the [expletive] out of Moscow")
    True
    >>> normalize_for_matching("a lot of bulls***")
    'a lot of ⁎'
    """
    return " ".join(n for _, n, _ in tokens(text))


def _contains(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _linked(a: list[str], b: list[str]) -> tuple[bool, float]:
    from rapidfuzz import fuzz

    if len(a) > len(b):
        a, b = b, a
    sa, sb = " ".join(a), " ".join(b)
    if a == b:
        return len(a) >= 2, 100.0
    if len(a) >= 3:
        if _contains(a, b):
            return True, 100.0
        # a score under the cutoff comes back as 0 (rapidfuzz then stops early); one over it, exact
        pr = fuzz.partial_ratio(sa, sb, score_cutoff=92)
        if pr >= 92:
            return True, float(pr)
    if len(a) >= 5:
        ts = fuzz.token_sort_ratio(sa, sb, score_cutoff=85)
        if ts >= 85:
            return True, float(ts)
    return False, 0.0


def _variant(q: list[tuple[str, str, bool]], c: list[tuple[str, str, bool]], q_text: str, c_text: str) -> tuple[str, list[str]]:
    """How quotation ``q`` differs from the cluster's canonical ``c``: the main change and all."""
    qn, cn = [t[1] for t in q], [t[1] for t in c]
    changes: list[str] = []
    q_cens = [t[0] for t in q if t[2]]
    c_cens = [t[0] for t in c if t[2]]
    if q_cens and any(s not in c_cens for s in q_cens):
        changes.append("censored differently")
    if qn == cn:
        main = "censored differently" if changes else "identical"
        if main == "identical" and " ".join(q_text.split()) != " ".join(c_text.split()):
            # "We’re" for "We are" (as transcribed), else commas, dashes, marks
            changes.append("contraction" if len({t[0] for t in q}) != len({t[0] for t in c}) else "punctuation")
        return main, changes or ["identical"]
    if len(qn) < len(cn) and _contains(qn, cn):
        main = "trimmed"
    elif len(qn) > len(cn) and _contains(cn, qn):
        main = "extended"
    else:
        main = "wording changed"
    return main, [main, *changes]


CLUSTER_COLUMNS = {
    "cluster_id": pl.Int64, "cluster_size": pl.Int64, "n_articles": pl.Int64, "canonical_quote_id": pl.String,
    "canonical_text": pl.String, "variant": pl.String, "changes": pl.List(pl.String), "similarity": pl.Float64,
    "match_text": pl.String,
}


def _codes(column: pl.Series) -> tuple[list[int], list[str]]:
    """Each row's code and the distinct values (first-seen order): ``values[codes[i]] == column[i]``."""
    frame = column.rename("v").to_frame().with_row_index("i")
    firsts = frame.group_by("v", maintain_order=True).agg(pl.col("i"))
    codes = [0] * column.len()
    for code, rows in enumerate(firsts["i"].to_list()):
        for i in rows:
            codes[i] = code
    return codes, firsts["v"].to_list()


@fewer_collections
def cluster_quotes(quotes: pl.DataFrame, *, max_block: int = 500) -> pl.DataFrame:
    """The quotes frame plus ``cluster_id`` (1 = the cluster reported by most articles, then the
    largest), ``cluster_size``, ``n_articles``, ``canonical_quote_id``/``canonical_text`` (the
    fullest form: most words, then earliest), ``variant`` (identical, trimmed, extended, censored
    differently, wording changed — against the canonical form), ``changes`` (every difference
    found), ``similarity`` (to the canonical, 0–100) and ``match_text`` (the normalized words).

    ``max_block``: a word shared by more quotations than this is too common to propose pairs.
    """
    return pl.concat([quotes, cluster_columns(quotes, max_block=max_block)], how="horizontal")


#: the columns of the quotes frame that :func:`cluster_columns` reads
CLUSTER_INPUT = ("quote_id", "article_id", "text", "kind")


@fewer_collections
def cluster_columns(quotes: pl.DataFrame, *, max_block: int = 500) -> pl.DataFrame:
    """The columns :func:`cluster_quotes` adds (:data:`CLUSTER_COLUMNS`), one row per quotation in
    order, from the quotes' :data:`CLUSTER_INPUT` columns alone — so that :mod:`workbench.scale`
    clusters a corpus from four columns, while the speakers (which clustering does not read) are
    being merged, and adds them to each batch's quotes."""
    if quotes.height == 0:
        return pl.DataFrame(schema=CLUSTER_COLUMNS)
    # a quotation reported word for word (wire copies) is one wording: tokenized, keyed and joined
    # once; per quotation only integer codes are kept (a Python string per row was most of this
    # step's memory on large corpora)
    text_code, wordings = _codes(quotes["text"])
    art_code, _ = _codes(quotes["article_id"])
    speech = (quotes["kind"] == "speech").fill_null(False).to_list()
    toks_of = [tokens(w) for w in wordings]
    norms_of = [[n for _, n, _ in t] for t in toks_of]
    n = len(text_code)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # identical wordings are one utterance: join them at once and compare only one of each
    key_of = [tuple(words) for words in norms_of]
    first_of: dict[tuple[str, ...], int] = {}
    for i in range(n):
        if not speech[i]:
            continue
        code = text_code[i]
        key = key_of[code]
        if key in first_of:
            if len(key) >= 2:
                parent[find(i)] = find(first_of[key])
            continue
        first_of[key] = i
    index: dict[str, list[int]] = defaultdict(list)
    for i in first_of.values():
        for w in set(norms_of[text_code[i]]):
            if len(w) >= 3 or w == CENSORED:
                index[w].append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > max_block:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen or find(i) == find(j):
                    continue
                seen.add((i, j))
                ok, _ = _linked(norms_of[text_code[i]], norms_of[text_code[j]])
                if ok:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    ordered = sorted(groups.values(), key=lambda g: (-len({art_code[i] for i in g}), -len(g), min(g)))
    from rapidfuzz import fuzz

    match_of = [" ".join(words) for words in norms_of]
    # per quotation only integers: its cluster, the cluster's size and reach, its canonical row and
    # its comparison; the string and list columns are gathered by polars from one row per comparison
    cluster_id, size, reach, canon_row, compared_row = ([0] * n for _ in range(5))
    compared: dict[tuple[int, int, bool], int] = {}  # (wording, canonical wording, is canonical) -> row
    found: dict[str, list] = {"canonical_text": [], "variant": [], "changes": [], "similarity": [], "match_text": []}
    for cid, members in enumerate(ordered, start=1):
        canon = sorted(members, key=lambda i: (-len(norms_of[text_code[i]]), i))[0]
        c_code = text_code[canon]
        n_articles = len({art_code[i] for i in members})
        for i in members:
            # wire copies repeat a quotation word for word: each wording is compared once
            code = text_code[i]
            key = (code, c_code, i == canon)
            row = compared.get(key)
            if row is None:
                main, changes = _variant(toks_of[code], toks_of[c_code], wordings[code], wordings[c_code])
                sim = 100.0 if i == canon else float(fuzz.partial_ratio(match_of[code], match_of[c_code]))
                row = compared[key] = len(found["variant"])
                for column, value in (("canonical_text", wordings[c_code]), ("variant", main), ("changes", changes),
                                      ("similarity", sim), ("match_text", match_of[code])):
                    found[column].append(value)
            cluster_id[i], size[i], reach[i], canon_row[i], compared_row[i] = cid, len(members), n_articles, canon, row
    comparisons = pl.DataFrame(found, schema={c: CLUSTER_COLUMNS[c] for c in found})[pl.Series(compared_row, dtype=pl.Int64)]
    added = pl.DataFrame({
        "cluster_id": pl.Series(cluster_id, dtype=pl.Int64), "cluster_size": pl.Series(size, dtype=pl.Int64),
        "n_articles": pl.Series(reach, dtype=pl.Int64), "canonical_quote_id": quotes["quote_id"].gather(canon_row),
    }).hstack(comparisons)
    return added.select(list(CLUSTER_COLUMNS))
