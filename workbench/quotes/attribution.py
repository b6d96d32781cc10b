"""Attribution: who said a quotation, and with which reporting verb.

Looks at the sentence around the quotation (other quotations masked, so names inside them are not
taken for speakers) and tries, in order of trust:

1. after the quotation: “…,” *Peskov stated* / “…,” *said Bolton* / “…,” *according to Zelenskiy*;
2. before it: *Trump said*, “…” / *Syrskyi told NBC News that* forces are “…” — the speaker is the
   actor right before a finite cue verb, or the sentence's first actor before a participle
   ("…, *stating* that the leader is “…”": the subject of the sentence, not the nearest noun);
3. a colon lead-in: *Peskov’s statement continued …:* “…” — the first actor of the lead-in;
4. (a weak guess) a partial quotation in a sentence that names a person first: its subject.

Pronouns ("he said") are resolved by the caller against the article (the nearest person named
before the quotation). Cue words are data (``resources/quote_cues.txt``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.claims.actors import Actor, find_actors
from workbench.lexicon import load_lines

__all__ = ["Attribution", "attribute", "cue_pattern"]

_PRONOUNS = {"he", "she", "they", "we", "i", "it"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker mention at ``start:end`` of the context string (offsets relative to it)."""

    mention: str
    canonical: str | None
    start: int
    end: int
    cue: str | None
    rule: str
    is_pronoun: bool
    is_person: bool


@lru_cache(maxsize=1)
def cue_pattern() -> re.Pattern[str]:
    cues = sorted(set(load_lines("quote_cues.txt")), key=len, reverse=True)
    words = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _actors(text: str) -> list[Actor]:
    return [a for a in find_actors(text, pronouns=True, roles=True) if a.canonical not in ("i",) or a.mention == "I"]


def _from_actor(a: Actor, offset: int, cue: str | None, rule: str) -> Attribution:
    mention = a.mention.strip()
    return Attribution(mention, None if a.is_pronoun else a.canonical, a.start + offset, a.start + offset + len(mention), cue, rule, a.is_pronoun, a.is_person or a.is_pronoun)


def _only_titles(lead: str) -> bool:
    """Nothing but titles, descriptors and capitalized words before the speaker's name
    ("Kremlin spokesman", "Ukraine’s top military commander,") — not "with", "about"."""
    from workbench.claims.lexicon import actor_lexicon

    titles = actor_lexicon().titles
    for w in re.findall(r"[\w’'.-]+", lead):
        if w[:1].isupper() or w.lower().strip(".") in titles or w.lower() in ("the", "a", "an", "its", "his", "her", "their", "of"):
            continue
        return False
    return len(lead.split()) <= 6


def _name_cue(clause: str, offset: int, rule: str) -> Attribution | None:
    """``NAME CUE …`` or ``CUE NAME …`` or ``according to NAME`` at the start of ``clause``."""
    cue = cue_pattern().search(clause[:90])
    if cue is None:
        return None
    before, after = clause[: cue.start()], clause[cue.end():]
    cue_text = " ".join(cue.group(0).split()).lower()
    if cue_text == "according to":
        if before.strip(" ,—–-"):
            return None
        who = [a for a in _actors(after[:80]) if not a.is_pronoun]
        return _from_actor(who[0], offset + cue.end(), cue_text, "according-to") if who else None
    who = _actors(before)
    if who:  # “…,” Peskov stated / “…,” he said / “…,” Trump later said
        last = who[-1]
        lead = before[: last.start].strip(" ,—–-")
        tail = before[last.end :].split()
        if _only_titles(lead) and len(tail) <= 2 and not re.search(r"[.;!?]", before):
            # the actor run should start the clause (titles and descriptors allowed before it)
            return _from_actor(last, offset, cue_text, rule)
        return None
    if before.strip(" ,—–-") == "":  # “…,” said Bolton
        tail = re.split(r"[.;,]", after, maxsplit=1)[0]
        who = _actors(tail[:80])
        if who:
            return _from_actor(who[0], offset + cue.end(), cue_text, rule)
    return None


def _after(right: str, offset: int) -> Attribution | None:
    """Right after the quotation (“…,” Peskov stated), else the sentence's last clause
    (X “…” in the region, *Zelenskiy wrote in a post*)."""
    found = _name_cue(right, offset, "after-quote")
    if found:
        return found
    cut = max(right.rfind(", "), right.rfind(" — "))
    if cut > 0 and "“" not in right[cut:] and '"' not in right[cut:]:
        return _name_cue(right[cut + 2 :], offset + cut + 2, "sentence-attribution")
    return None


def _before(left: str) -> Attribution | None:
    """Trump said, “…” / he said he’s “…” / X, stating that Y is “…” — the last cue before the mark."""
    cues = list(cue_pattern().finditer(left))
    if not cues:
        return None
    cue = cues[-1]
    between = left[cue.end():]
    if len(between.split()) > 14 or re.search(r"[.!?]\s", between):
        return None
    cue_text = " ".join(cue.group(0).split()).lower()
    if cue_text == "according to":
        who = [a for a in _actors(between) if not a.is_pronoun]
        return _from_actor(who[0], cue.end(), cue_text, "according-to") if who else None
    clause_start = max(left.rfind(". ", 0, cue.start()) + 1, left.rfind("; ", 0, cue.start()) + 1, 0)
    clause = left[clause_start : cue.start()]
    who = _actors(clause)
    if not who:
        # "said Bolton, “…”"
        after = [a for a in _actors(between[:60])]
        return _from_actor(after[0], cue.end(), cue_text, "before-quote") if after and cue.start() - clause_start < 3 else None
    if cue_text.endswith("ing"):  # the sentence's subject, not a name after a preposition
        subjects = [a for a in who if not re.search(r"\b(?:to|of|with|about|for|by|from|in|on|at)\s*$", clause[: a.start], re.IGNORECASE)]
        return _from_actor((subjects or who)[0], clause_start, cue_text, "before-quote")
    near = [a for a in who if len(clause[a.end :].split()) <= 6]
    return _from_actor((near or who)[-1] if near else who[0], clause_start, cue_text, "before-quote")


def _colon(left: str) -> Attribution | None:
    if not left.rstrip().endswith(":"):
        return None
    who = [a for a in _actors(left) if not a.is_pronoun]
    if not who:
        who = _actors(left)
    if not who:
        return None
    cues = list(cue_pattern().finditer(left))
    cue = " ".join(cues[-1].group(0).split()).lower() if cues else ":"
    return _from_actor(who[0], 0, cue, "colon")


def _subject(left: str) -> Attribution | None:
    who = [a for a in _actors(left) if a.is_person and not a.is_pronoun]
    return _from_actor(who[0], 0, None, "sentence-subject") if who else None


def attribute(left: str, right: str, *, right_offset: int, partial: bool) -> Attribution | None:
    """The attribution of a quotation from its sentence: ``left`` is the text before the opening
    mark, ``right`` the text after the closing mark (starting at ``right_offset`` of the context).
    """
    return _after(right, right_offset) or _before(left) or _colon(left) or (_subject(left) if partial else None)
