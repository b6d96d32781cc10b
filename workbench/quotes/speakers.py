"""Speakers: the people and organisations a corpus mentions, one canonical name per actor.

Mentions are reduced to a canonical name by :mod:`workbench.claims.actors` (titles stripped, a
person by surname: "Kremlin spokesman Dmitry Peskov" → Peskov, "President Trump" → Trump). Then
spellings of one name are merged by a general transliteration rule — accents dropped, the endings
-y/-i/-iy/-yy/-ij folded (Zelensky, Zelenskyy, Zelenskiy → one key) — and, for long names, by a
close string match (rapidfuzz ratio ≥ 92 with the same first three letters). The most frequent
spelling names the group. ``aliases`` in ``resources/actors.toml`` are applied before all this,
for what no rule can see ("the Kremlin" = Kremlin).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import polars as pl

from workbench.lexicon import load_toml

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["fold", "merge_names", "speakers", "SPEAKER_SCHEMA"]

SPEAKER_SCHEMA = {
    "speaker": pl.String, "is_person": pl.Boolean, "spellings": pl.List(pl.String), "aliases": pl.List(pl.String),
    "mentions": pl.Int64, "articles": pl.Int64,
}


@lru_cache(maxsize=1)
def _legal_suffixes() -> frozenset[str]:
    """``quotes.toml`` legal_suffixes: a body's legal form, which does not change who speaks."""
    return frozenset(w.lower().strip(".") for w in load_toml("quotes.toml").get("legal_suffixes", []))


def fold(name: str) -> str:
    """A transliteration-blind key: lower case, no accents, no -y/-i/-iy/-yy/-ij ending, no legal
    form at the end ("Harbor Point LLC" and "Harbor Point" share one).

    >>> fold("Zelenskyy") == fold("Zelensky") == fold("Zelenskiy") == fold("Zelenskij")
    True
    >>> fold("Peskov") == fold("Putin"), fold("Harbor Point LLC") == fold("Harbor Point")
    (False, True)
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"[^a-z0-9 ]+", "", s)
    words = s.split()
    while len(words) > 1 and words[-1] in _legal_suffixes():  # "Harbor Point LLC" is Harbor Point
        words.pop()
    if words and len(words[-1]) > 4:
        words[-1] = re.sub(r"(?:iy|yy|ij|yi|ii|y|i)$", "", words[-1])
    return " ".join(words)


def merge_names(counts: dict[str, int]) -> dict[str, str]:
    """Map every spelling to its group's name (the most frequent spelling, then the longest)."""
    from rapidfuzz import fuzz

    groups: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        groups[fold(name)].append(name)
    keys = sorted(groups, key=lambda k: (-sum(counts[n] for n in groups[k]), k))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # only spellings sharing their first three letters are compared: bucket them by those letters
    # (comparing every pair was quadratic in the number of distinct speakers of a corpus)
    buckets: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= 7 and " " not in k:
            buckets[k[:3]].append(k)
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if fuzz.ratio(a, b) >= 92:
                    parent[find(b)] = find(a)
    merged: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        merged[find(k)].extend(groups[k])
    out = {}
    for names in merged.values():
        best = sorted(names, key=lambda n: (-counts[n], -len(n), n))[0]
        for n in names:
            out[n] = best
    return out


def clean_mention(mention: str) -> str:
    """The words that name the actor: no leading "And"/"While", no possessive, no end punctuation.

    >>> clean_mention("While Trump’s"), clean_mention("Putin.")
    ('Trump', 'Putin')
    """
    from workbench.claims.lexicon import actor_lexicon

    words = mention.strip().split()
    not_names = actor_lexicon().not_names
    while len(words) > 1 and words[0].lower() in not_names:
        words = words[1:]
    out = " ".join(words).strip(".,;:!?")
    return re.sub(r"[’']s?$", "", out)


def _is_heading_run(mention: str) -> bool:
    words = mention.split()
    return len(words) > 1 and all(w.isupper() for w in words if w[:1].isalpha())


def _mentions(corpus: Corpus) -> Iterable[tuple[str, str, str, bool]]:
    from workbench.claims.actors import find_actors

    for aid, role, text in corpus.sentences.select("article_id", "role", "text").iter_rows():
        if role == "heading":
            continue
        for a in find_actors(text):
            if _is_heading_run(a.mention) or re.match(r"I[’'](?:m|d|ll|ve)\b", a.canonical):
                continue
            yield aid, clean_mention(a.mention), a.canonical, a.is_person


def speakers(corpus: Corpus) -> pl.DataFrame:
    """People and organisations mentioned in the corpus, with every spelling and mention.

    Columns: ``speaker`` (the merged canonical name), ``is_person``, ``spellings`` (canonical
    spellings merged into it: Zelensky, Zelenskyy, Zelenskiy), ``aliases`` (the distinct mentions:
    "Ukrainian President Volodymyr Zelenskiy", "Zelensky"), ``mentions``, ``articles``.
    """
    rows = list(_mentions(corpus))
    if not rows:
        return pl.DataFrame(schema=SPEAKER_SCHEMA)
    counts = Counter(r[2] for r in rows)
    to_group = merge_names(dict(counts))
    by: dict[str, dict] = {}
    for aid, mention, canonical, person in rows:
        name = to_group[canonical]
        g = by.setdefault(name, {"speaker": name, "person": Counter(), "spellings": set(), "aliases": set(), "mentions": 0, "articles": set()})
        g["person"][person] += 1
        g["spellings"].add(canonical)
        g["aliases"].add(mention)
        g["mentions"] += 1
        g["articles"].add(aid)
    out = [
        {"speaker": g["speaker"], "is_person": g["person"][True] >= g["person"][False], "spellings": sorted(g["spellings"]),
         "aliases": sorted(g["aliases"]), "mentions": g["mentions"], "articles": len(g["articles"])}
        for g in by.values()
    ]
    return pl.DataFrame(out, schema=SPEAKER_SCHEMA).sort(["mentions", "speaker"], descending=[True, False])
