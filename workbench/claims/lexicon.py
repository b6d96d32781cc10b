"""The claims lexicons, compiled: denial/dismissal/doubt cues, hedges, actor knowledge.

Why a module of its own: the knowledge lives in data files a researcher can read and extend
(``workbench/resources/denial_cues.toml``, ``hedges.txt``, ``actors.toml``; see their comment
headers); this module only turns them into compiled regular expressions, once per process.
Extend them without touching the package by putting files of the same name in a folder named by the
environment variable ``WORKBENCH_RESOURCES`` (see :mod:`workbench.lexicon`).

>>> lex = denial_lexicon()
>>> sorted({cue.kind for cue in lex.cues})
['denial', 'dismissal', 'doubt']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.lexicon import load_sections, load_toml
from workbench.text.alternation import phrase_alternation
from workbench.text.prefilter import guard, rust_superset

__all__ = [
    "Cue",
    "DenialLexicon",
    "HedgeLexicon",
    "ActorLexicon",
    "denial_lexicon",
    "hedge_lexicon",
    "actor_lexicon",
    "KIND_RANK",
]

#: when several cues match one sentence, the highest rank gives the row its kind
KIND_RANK = {"dismissal": 3, "denial": 2, "doubt": 1}
_NEEDS = {"none", "claim", "attribution"}


@dataclass(frozen=True)
class Cue:
    """One cue: a compiled pattern, the kind of statement it signals and what it needs to count."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    needs: str
    #: a Rust-regex superset of ``pattern`` for the vectorized prefilter (None: run everywhere)
    superset: str | None = None
    #: a dismissal word needs a copula or "called" before it ("the tape is fake"), unless the cue
    #: holds its claim itself ("the allegation is outrageous"): ``copula = false`` in the lexicon
    copula: bool = True


@dataclass(frozen=True)
class DenialLexicon:
    cues: tuple[Cue, ...]
    exclusions: tuple[tuple[str, re.Pattern[str]], ...]
    claim_words: frozenset[str]
    claim_window: int
    cancel_before: re.Pattern[str]
    intent_before: re.Pattern[str]
    reporting: re.Pattern[str]


@dataclass(frozen=True)
class HedgeLexicon:
    #: one alternation per category, longest phrases first
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class ActorLexicon:
    titles: frozenset[str]
    org_words: frozenset[str]
    not_names: frozenset[str]
    demonyms: dict[str, str]
    aliases: dict[str, str]
    roles: frozenset[str]
    #: places (countries, regions, states, cities), lower case: a run that is one is no person
    places: frozenset[str] = frozenset()
    #: words that end no name (weekdays, time zones), dropped from the end of a run
    never_last: frozenset[str] = frozenset()
    #: words that end a place's or a property's name ("Harbor Point", "Times Square"), lower case
    place_words: frozenset[str] = frozenset()
    #: names of days ("black monday", "super tuesday": ``timex.toml`` named_day_words × weekdays),
    #: lower case: an event, not a person called Black
    named_days: frozenset[str] = frozenset()


def _phrases(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of literal phrases (longest first), spaces matching any whitespace — as a
    trie (:func:`~workbench.text.alternation.phrase_alternation`), for case-insensitive use."""
    return phrase_alternation(words, ignore_case=True)


@lru_cache(maxsize=1)
def denial_lexicon() -> DenialLexicon:
    """Compile ``denial_cues.toml``. Raises ``ValueError`` naming the bad entry if one is malformed."""
    data = load_toml("denial_cues.toml")
    cues = []
    for entry in data.get("cue", []):
        name = entry.get("name", "?")
        kind, needs = entry.get("kind"), entry.get("needs", "none")
        if kind not in KIND_RANK or needs not in _NEEDS:
            raise ValueError(
                f"denial_cues.toml: cue {name!r} has kind={kind!r}, needs={needs!r}; "
                f"kind must be one of {sorted(KIND_RANK)}, needs one of {sorted(_NEEDS)}"
            )
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except (KeyError, re.error) as exc:
            raise ValueError(f"denial_cues.toml: cue {name!r} has a bad pattern: {exc}") from exc
        cues.append(Cue(name, kind, guard(pattern), needs, rust_superset(entry["pattern"]), bool(entry.get("copula", True))))
    exclusions = tuple(
        (e.get("name", "?"), guard(re.compile(e["pattern"], re.IGNORECASE))) for e in data.get("exclusion", [])
    )
    cancel = _phrases(data.get("cancel_before", []))
    reporting = _phrases(data.get("reporting_verbs", []))
    return DenialLexicon(
        cues=tuple(cues),
        exclusions=exclusions,
        claim_words=frozenset(w.lower() for w in data.get("claim_nouns", [])),
        claim_window=int(data.get("claim_window", 6)),
        # "did not deny", "didn’t deny", "refused to deny": a canceller within three words before a cue
        cancel_before=re.compile(rf"(?:\b(?:{cancel})\b|n[’']t\b)(?:\W+\w+){{0,2}}\W*$", re.IGNORECASE),
        intent_before=re.compile(rf"\b(?:{_phrases(data.get('intent_before', [])) or '(?!)'})\b(?:\W+[\w’'-]+){{0,4}}\W+to\W*$", re.IGNORECASE),
        reporting=guard(re.compile(rf"\b(?:{reporting})\b", re.IGNORECASE)),
    )


@lru_cache(maxsize=1)
def hedge_lexicon() -> HedgeLexicon:
    """Compile ``hedges.txt``: one case-insensitive whole-phrase alternation per category."""
    patterns = []
    for category, phrases in sorted(load_sections("hedges.txt").items()):
        if not category or not phrases:
            continue
        patterns.append((category, guard(re.compile(rf"(?<![\w-])(?:{_phrases(phrases)})(?![\w-])", re.IGNORECASE))))
    return HedgeLexicon(tuple(patterns))


def _pairs(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" in item:
            key, value = item.split("=", 1)
            out[key.strip().lower()] = value.strip()
    return out


@lru_cache(maxsize=1)
def actor_lexicon() -> ActorLexicon:
    """Compile ``actors.toml`` (titles, institution words, non-names, demonyms, aliases, roles, places)."""
    data = load_toml("actors.toml")
    low = lambda key: frozenset(w.lower() for w in data.get(key, []))  # noqa: E731
    return ActorLexicon(
        titles=low("titles"),
        org_words=low("org_words"),
        not_names=low("not_names"),
        demonyms=_pairs(data.get("demonyms", [])),
        aliases=_pairs(data.get("aliases", [])),
        roles=low("roles"),
        places=low("places"),
        never_last=low("never_last"),
        place_words=low("place_words"),
        named_days=_named_days(),
    )


def _named_days() -> frozenset[str]:
    timex = load_toml("timex.toml")
    return frozenset(f"{w.lower()} {d.lower()}" for w in timex.get("named_day_words", []) for d in timex.get("weekdays", []))
