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

from workbench.claims.actors import _WORD as _NAME_WORD
from workbench.claims.actors import DOCUMENT_NOUNS, MOUTHPIECE_ROLES, Actor, find_actors, first_names, state_after_city
from workbench.lexicon import load_lines
from workbench.text.alternation import phrase_alternation
from workbench.text.prefilter import guard
from workbench.text.sentences import sentence_stop

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
    words = phrase_alternation(load_lines("quote_cues.txt"), ignore_case=True)
    return guard(re.compile(rf"\b(?:{words})\b", re.IGNORECASE))


@lru_cache(maxsize=1)
def _cue_pattern_lower() -> re.Pattern[str]:
    """:func:`cue_pattern` for a lowercased text, matched case-sensitively (twice as fast in ``re``)."""
    words = phrase_alternation(load_lines("quote_cues.txt"), ignore_case=True)
    return guard(re.compile(rf"\b(?:{words})\b"))


def cue_matches(text: str, pos: int = 0) -> list[re.Match[str]]:
    """``cue_pattern().finditer(text, pos)``, found in the lowercased text when lowercasing keeps
    its length (almost always): the same spans; a match's text is lowercase (a cue's is read
    lowercased)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return list(_cue_pattern_lower().finditer(lowered, pos))
    return list(cue_pattern().finditer(text, pos))


_OPENER_WORD = re.compile(r"[A-Z][a-z]+(?:ing|ly)\W*")


@lru_cache(maxsize=1)
def sentence_break() -> re.Pattern[str]:
    """A sentence break: a mark not after a capital (an initial) nor a name's title ("Del. Rick
    Morris"), space, a capital or a quote — the mark first, so that re skips ahead to it."""
    return re.compile(rf"{sentence_stop()}(?<![A-Z][.!?])\s+[A-Z“]")


@lru_cache(maxsize=1)
def _cues_hold_a_stop() -> bool:
    """Does some cue hold a . ! or ? (then a cue could span a sentence break)?"""
    return any(ch in cue for cue in load_lines("quote_cues.txt") for ch in ".!?")


_LETTER = re.compile(r"[A-Za-z]")


def _actors(text: str) -> list[Actor]:
    """Actors of a stretch of text; a lone capitalized -ing or -ly word ("Addressing a conference,
    …", "Separately, …") opens a sentence, it names nobody."""
    return [
        a for a in find_actors(text, pronouns=True, roles=True)
        if (a.canonical not in ("i",) or a.mention == "I") and not _OPENER_WORD.fullmatch(a.mention.strip())
    ]


def person_in_run(mention: str) -> str | None:
    """The person named after an upper-case title inside a run kept whole as an organisation:
    "Apple CEO Steve Jobs" → Jobs, "Boeing Commercial Airplanes CEO Scott Carson" → Carson."""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    words = [w.strip(".,;:’'") for w in mention.split()]
    idx = [i for i, w in enumerate(words) if w.lower() in lex.titles]
    if not idx or idx[-1] >= len(words) - 1:
        return None
    rest = words[idx[-1] + 1 :]
    if rest[0].lower() in ("of", "at", "for") or any(w.lower() in lex.org_words for w in rest) or not all(w[:1].isupper() for w in rest):
        return None
    return rest[-1]


def _from_actor(a: Actor, offset: int, cue: str | None, rule: str) -> Attribution:
    mention = a.mention.strip()
    canonical = None if a.is_pronoun else a.canonical
    person = a.is_person or a.is_pronoun
    if not a.is_pronoun and not a.is_person and (inner := person_in_run(mention)):
        canonical, person = inner, True
    return Attribution(mention, canonical, a.start + offset, a.start + offset + len(mention), cue, rule, a.is_pronoun, person)


_GOVERNING = ("to", "of", "with", "about", "for", "by", "from", "in", "on", "at", "than", "against", "over")
_AFTER_PREPOSITION = guard(re.compile(rf"\b(?:{'|'.join(_GOVERNING)})\s+(?:the\s+)?$", re.IGNORECASE))
_LONGEST_GOVERNING = max(map(len, _GOVERNING))


def _governed(clause: str, at: int) -> bool:
    """Does a preposition (and "the") stand right before ``clause[at]``? — ``_AFTER_PREPOSITION``
    searched in the clause up to ``at``, from the earliest place a match can start: before the
    white space, "the", white space and the longest preposition (not the whole prefix)."""
    i = at
    while i > 0 and clause[i - 1].isspace():
        i -= 1
    i -= 3  # "the"
    while i > 0 and clause[i - 1].isspace():
        i -= 1
    return _AFTER_PREPOSITION.search(clause, max(0, i - _LONGEST_GOVERNING), at) is not None


def _starts_with_title(mention: str) -> bool:
    from workbench.claims.lexicon import actor_lexicon

    first = mention.split()[0].strip(".,").lower() if mention.split() else ""
    return first in actor_lexicon().titles


def _free(clause: str, actors: list[Actor]) -> list[Actor]:
    """Actors not governed by a preposition ("routes to the US", "CEO of Boeing"), nor the state
    after a governed city ("the mayor of Springfield, Illinois"): subjects."""
    return [a for a in actors if not _governed(clause, a.start) and not state_after_city(clause, a.start, a.mention)]


def _named_first(actors: list[Actor]) -> list[Actor]:
    """Named actors before role nouns ("analyst Maryann Keller": Keller, not "analyst")."""
    return [a for a in actors if a.canonical[:1].isupper()] + [a for a in actors if not a.canonical[:1].isupper()]


# compiled once (re's own cache costs a lookup per call, and these run per quotation)
_NON_SPACE_RUN = re.compile(r"\S+")
_POSSESSIVE_END = re.compile(r"[’']s$")
_INITIALS_OR_SHORT = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]?\.")
_LEAD_WORD = re.compile(r"[\w’'.-]+")
_SEGMENT_END = re.compile(r"(?<![A-Z])[.;!?](?:\s|$)")


@lru_cache(maxsize=1)
def _stop() -> re.Pattern[str]:
    """A mark that ends a clause: ; ! ? or a full stop that closes no name's title or initial
    ("“…,” Mr. Ramachandra Reddy said" goes on after "Mr.")."""
    return re.compile(rf";|{sentence_stop()}")


def _noun_phrase(text: str) -> str:
    """The name phrase at the start of ``text``: up to the first lower-case word that is not a
    title, a possessive or a joiner ("Uralsib analyst Chris Weafer commenting …" → "Uralsib
    analyst Chris Weafer"; "the firm's chief executive officer, Alan Mulally." → all of it)."""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    titles = lex.titles
    out = []
    for m in _NON_SPACE_RUN.finditer(text):
        w = m.group(0)
        bare = w.strip(".,;:").lower()
        if (w[:1].isupper() or bare in titles or bare in ("of", "the", "and", "a", "an", "at", "for") or _POSSESSIVE_END.search(bare)
                or (out and bare in lex.roles and _POSSESSIVE_END.search(out[-1].group(0)))):  # "Musk's lawyer Alex Spiro"
            out.append(m)
            if w.endswith((",", ";", ".")) and not _INITIALS_OR_SHORT.fullmatch(w):
                nxt = text[m.end():].lstrip()[:1]
                if w.endswith(",") and (bare in titles or w[:1].isupper()) and nxt.isupper():
                    continue  # "officer, Alan Mulally" / "Management, Tim Ghriskey": an apposition
                break
            continue
        break
    return text[: out[-1].end()] if out else ""


_IN_CHIEF = re.compile(r"\s+in[ -]chief\b", re.IGNORECASE)  # "editor in chief", "commander-in-chief"


def _only_titles(lead: str) -> bool:
    """Nothing but titles, role nouns, descriptors and capitalized words before the speaker's name
    ("Kremlin spokesman", "Ukraine’s top military commander,", "chairman and chief executive",
    "his lawyer") — not "with", "about"."""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    for w in _LEAD_WORD.findall(_IN_CHIEF.sub(" chief", lead)):
        bare = w.lower().strip(".")
        if w[:1].isupper() or bare in lex.titles or bare in lex.roles or w.lower() in ("the", "a", "an", "its", "his", "her", "their", "of", "and", "&"):
            continue
        return False
    return len(lead.split()) <= 6


#: "a statement from …", "a spokesman for …": what names no one, then who it is from
_FROM_SOURCE = re.compile(r"\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:statement|release|post|letter|filing|spokesman|spokeswoman|spokesperson|source|sources)"
                          r"\s+(?:from|by|for|of|close to|at)\s+(?P<who>[^,;.“”\"]{2,80})")


#: ", the firm's vice president of media relations," between a name and its cue (the closing comma
#: may be missing: "…, chief of staff in the ministry said")
_DESCRIPTION_AFTER = re.compile(r"\s*,\s+([^,“”\"]{3,140}?),?\s*")


#: a document that "reads" or "said" (“…,” the statement read)
_DOCUMENT = re.compile(rf"[\s,]*((the|a|its|his|her|their)\s+(?:\w+\s+)?(?:{'|'.join(DOCUMENT_NOUNS)}))\s*", re.IGNORECASE)


def _name_cue(clause: str, offset: int, rule: str) -> Attribution | None:
    """``NAME CUE …`` or ``CUE NAME …`` or ``according to NAME`` at the start of ``clause``."""
    cue = cue_pattern().search(clause[:160])
    if cue is None:
        return None
    before, after = clause[: cue.start()], clause[cue.end():]
    cue_text = " ".join(cue.group(0).split()).lower()
    if cue_text == "according to":
        if before.strip(" ,—–-"):
            return None
        phrase = _noun_phrase(after.lstrip()[:100]) or after[:80]
        who = _named_first([a for a in _heads(phrase, _actors(phrase)) if not a.is_pronoun])
        lead = len(after) - len(after.lstrip()) if _noun_phrase(after.lstrip()[:100]) else 0
        if not who and (source := _FROM_SOURCE.match(after)):
            # "according to a statement from the mayor’s office": the document's source says it
            who = _named_first([a for a in _actors(source.group("who")) if not a.is_pronoun])
            lead = source.start("who")
        return _from_actor(who[0], offset + cue.end() + lead, cue_text, "according-to") if who else None
    who = _actors(before)
    if who:  # “…,” Peskov stated / “…,” he said / “…,” Trump later said
        last = who[-1]
        lead = before[: last.start].strip(" ,—–-")
        tail = before[last.end :].split()
        if _only_titles(lead) and len(tail) <= 2 and not _stop().search(before):
            # the actor run should start the clause (titles and descriptors allowed before it)
            return _from_actor(last, offset, cue_text, rule)
        first = who[0]
        if (not first.is_pronoun and first.canonical[:1].isupper() and _only_titles(before[: first.start].strip(" ,—–-"))
                and (desc := _DESCRIPTION_AFTER.fullmatch(before, first.end)) and not _stop().search(before)
                and (desc.group(1).startswith(("a ", "an ", "the ")) or _names_an_office(desc.group(1)))):
            # “…,” Ernie Knewitz, the firm's vice president of media relations, wrote: the name
            # before the description, not a name inside it
            return _from_actor(first, offset, cue_text, rule)
        if (first.canonical.lower() in MOUTHPIECE_ROLES and _only_titles(before[: first.start].strip(" ,—–-"))
                and not _stop().search(before) and (of := _OF_BODY.match(before, first.end))):
            # “…,” a spokesman for Dow Chemical in Zurich told Reuters: the body speaks through him
            body = [a for a in who if a.start == of.end() and not a.is_pronoun]
            return _from_actor(body[0] if body else first, offset, cue_text, rule)
        return None
    if (doc := _DOCUMENT.fullmatch(before)) is not None:
        # “…,” the statement read: whoever the article says issued it, found like "it" ("his
        # statement": like "he")
        return Attribution(doc.group(1), None, doc.start(1) + offset, doc.end(1) + offset, cue_text, rule, True, doc.group(2).lower() in ("his", "her"))
    if before.strip(" ,—–-") == "":  # “…,” said Bolton / said Uralsib analyst Chris Weafer
        lead = len(after) - len(after.lstrip())
        segment = _SEGMENT_END.split(after.lstrip()[:140], maxsplit=1)[0]
        phrase = _noun_phrase(after.lstrip()[:120])
        named = [a for a in _actors(phrase) if not a.is_pronoun]
        people = [a for a in named if a.is_person or person_in_run(a.mention)]
        if not people:  # “…,” said chief investment officer at X, Tim Y.: a full name, given name first
            full = [a for a in _actors(segment) if a.is_person and not a.is_pronoun and len(a.mention.split()) >= 2]
            given = [a for a in full if a.mention.split()[-2].strip(",.").lower() in first_names()]
            people = (given or full)[:1]
        proper = [a for a in named if a.canonical[:1].isupper()]
        who = people or proper or named
        if who:
            return _from_actor(who[-1] if (people or proper) else who[0], offset + cue.end() + lead, cue_text, rule)
    return None


#: “Never,” was Reed's answer / “…” — that was how Tom Reed put it / “…,” as Reed put it
_ANSWER_AFTER = re.compile(r"\s*,?\s*(?:was|came)\s+(?P<who>[^\s,.;:“”\"]+(?:\s+[^\s,.;:“”\"]+){0,3}?)[’']s\s+(?P<cue>answer|reply|response|retort|verdict|assessment)\b"
                           r"|\s*[,—–-]*\s*(?:that\s+(?:was|is)\s+how|this\s+(?:was|is)\s+how|as|how)\s+(?P<who2>[^,.;:“”\"]{2,60}?)\s+(?P<cue2>put\s+it|puts\s+it|described\s+it)\b")


def _answer(right: str, offset: int) -> Attribution | None:
    m = _ANSWER_AFTER.match(right)
    if m is None:
        return None
    group = "who" if m.group("who") else "who2"
    who = [a for a in _actors(m.group(group)) if not a.is_pronoun] or _actors(m.group(group))
    if not who:
        return None
    cue = " ".join((m.group("cue") or m.group("cue2")).split()).lower()
    return _from_actor(who[-1], offset + m.start(group), cue, "after-quote")


def _after(right: str, offset: int) -> Attribution | None:
    """Right after the quotation (“…,” Peskov stated), else the sentence's last clause
    (X “…” in the region, *Zelenskiy wrote in a post*)."""
    found = _name_cue(right, offset, "after-quote") or _answer(right, offset)
    if found:
        return found
    cut = max(right.rfind(", "), right.rfind(" — "))
    if cut > 0 and "“" not in right[cut:] and '"' not in right[cut:]:
        return _name_cue(right[cut + 2 :], offset + cut + 2, "sentence-attribution")
    return None


def _has_break(text: str) -> bool:
    """Does a sentence break stand in ``text`` — not a full stop after an initial or a name's
    title ("R. Kelly", "Del. Rick Morris")?"""
    return sentence_break().search(text) is not None


def _last_break(text: str) -> int:
    """Where the last match of :func:`sentence_break` in ``text`` starts (0 if none) — looked for
    from the end, mark by mark. Its matches cannot overlap (one holds a single mark, at its start),
    so the last one ``finditer`` gives is the last place the pattern matches."""
    end = len(text)
    while True:
        at = max(text.rfind(".", 0, end), text.rfind("!", 0, end), text.rfind("?", 0, end))
        if at < 0:
            return 0
        if sentence_break().match(text, at):
            return at
        end = at


#: cue words that, after a form of "be", are a passive: nobody is quoted saying it
_PASSIVE_CUES = frozenset({"said", "told", "asked", "described", "called", "urged", "warned", "reported", "quoted", "noted",
                           "revealed", "disclosed", "observed", "maintained", "blasted", "slammed", "dismissed", "branded",
                           "labelled", "labeled", "decried", "derided", "lambasted", "hailed", "praised", "criticized",
                           "criticised", "condemned", "termed"})
_BE_BEFORE = re.compile(r"\b(?:is|was|are|were|been|be|being|get|gets|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|these|those|his|her|its|their|our|your|my|such|any|no)\s+$", re.IGNORECASE)
#: a description set off by commas right before the cue (", a Democrat first elected in 2019,",
#: ", from the campaign group Fathers 4 Justice,"):
#: a name in it describes the speaker, it is not the speaker
_TRAILING_APPOSITIVE = re.compile(r",\s+(?:(?:a|an|the|who|whose|which)\s|(?:of|from|at)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z])[^,“”\"]{1,200},\s*$")


#: ", the Journal " right before a cue that a comma follows: an attribution set off as an aside
_ASIDE_SOURCE = re.compile(r"\S\s*,\s+((?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3})\s*$")
#: "a bill which critics claim would …": the relative clause's subject says it, not the sentence's
_RELATIVE_SUBJECT = re.compile(r"\b(?:which|that|whom)\s+((?:[\w'’.-]+\s+){1,3})$")
#: "with many saying", "with one resident telling": a participle with a subject of its own
_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[\w'’.-]+\s+){1,5})$", re.IGNORECASE)


_OF_BODY = re.compile(r"\s+(?:for|of|at)\s+(?:the\s+)?")
#: a description set off by commas with no article ("…, Tory leader in the Lords, said"; "…, MP
#: for Henley, Oxfordshire, said": one comma inside it). It and the two patterns below end the
#: clause: they are searched in its last characters only (a match cannot be longer).
_BARE_APPOSITIVE = re.compile(r",\s+([^,“”\"]{3,120}(?:,\s+[^,“”\"]{2,40})?),\s*$")


def _names_an_office(description: str) -> bool:
    """Does a description hold a title or role noun, in lower case or an acronym ("Tory leader in
    the Lords", "MP for Henley, Oxfordshire")?"""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    words = (w.lower() for w in re.findall(r"\b(?:[a-z]+|[A-Z]{2,4}s?)\b", description))
    return any(w in lex.titles or w in lex.roles for w in words)


def _heads(clause: str, actors: list[Actor]) -> list[Actor]:
    """Actors less those that only qualify the person named next ("*BuzzFeed* editor in chief Ben
    Smith", "*Uralsib* analyst Chris Weafer", "*Musk*'s attorney, Alex Spiro,"): a name, title or
    role words — after a possessive, set off by a comma — then a person's name."""
    kept = []
    for i, a in enumerate(actors):
        nxt = next((b for b in actors[i + 1 :] if b.is_person and not b.is_pronoun and b.canonical[:1].isupper()), None)
        between = clause[a.end : nxt.start] if nxt is not None else ""
        if nxt is not None and (owned := _OWNED_ROLE.fullmatch(between)):
            between = owned.group(1)  # "’s attorney, ": the role the possessor has, apposed to the name
        elif nxt is not None and a.mention.endswith(("’s", "'s")):
            between = between.strip().rstrip(",")  # the mention holds the "’s"
        if (nxt is not None and not a.is_pronoun and not any(ch in between for ch in ",;:&") and _only_titles(between)
                and not _AND.search(between) and _names_an_office(between)):
            continue
        kept.append(a)
    return kept


#: "’s attorney, " between a possessor and a name: the role, apposed
_OWNED_ROLE = re.compile(r"[’']s\s+([^,;:]{2,60}?),?\s*")


_AND = re.compile(r"\band\b", re.IGNORECASE)


def _body_before_role(clause: str, who: list[Actor], pick: Actor) -> Actor:
    """"A Kremlin spokesman said", "a Ford executive said": the body named right before a role
    noun speaks (the role alone would merge every firm's executives into one speaker)."""
    if not pick.canonical[:1].islower() or pick.is_pronoun:
        return pick
    # a role's mention holds the two words before its noun ("A Kremlin spokesman")
    noun_at = pick.end - len(pick.canonical)
    body = [a for a in who if a.end <= noun_at and not a.is_person and not a.is_pronoun and a.canonical[:1].isupper()
            and clause[a.end : noun_at].strip() == ""]
    return body[-1] if body else pick


def _before(left: str) -> Attribution | None:
    """Trump said, “…” / he said he’s “…” / X, stating that Y is “…” — the last cue before the mark."""
    # a cue before the last sentence break is followed by that break, which rules it out below: so
    # look for cues after the break only (no cue spans one: cues hold no full stop)
    start = _last_break(left) if not _cues_hold_a_stop() else 0
    # a cue word after a determiner is a noun ("the claims were “baseless”"), not the verb; after
    # "was" it is a passive ("Putin was said to be ‘furious’", "he was told"): no one's speech
    cues = [c for c in cue_matches(left, start) if not _DETERMINER_BEFORE.search(left, max(0, c.start() - 8), c.start())
            and not (c.group(0).lower() in _PASSIVE_CUES and _BE_BEFORE.search(left, max(0, c.start() - 20), c.start()))]
    if not cues:
        return None
    cue = cues[-1]
    between = left[cue.end():]
    if len([w for w in between.split() if w.strip("“”\"‘’_,.")]) > 20 or _has_break(between):
        return None
    cue_text = " ".join(cue.group(0).split()).lower()
    if cue_text == "according to":
        phrase = _noun_phrase(between.lstrip()[:100])
        who = _named_first([a for a in _actors(phrase or between) if not a.is_pronoun])
        lead = len(between) - len(between.lstrip()) if phrase else 0
        if not who and (comma := between.find(",")) > 0:
            # "According to the statement, the firm “rejects …”": a document names no one; the
            # clause's subject says the words
            subject = [a for a in _actors(between[comma + 1 :]) if not a.is_pronoun]
            if subject:
                return _from_actor(subject[0], cue.end() + comma + 1, cue_text, "according-to")
        return _from_actor(who[0], cue.end() + lead, cue_text, "according-to") if who else None
    clause_start = max(left.rfind(". ", 0, cue.start()) + 1, left.rfind("; ", 0, cue.start()) + 1, 0)
    clause = left[clause_start : cue.start()]
    who = _actors(clause)
    if not who:
        # "said Bolton, “…”" — also after a first quotation: “…,” said Obama, “…”
        after = [a for a in _actors(_noun_phrase(between.lstrip()[:100]) or between[:60]) if not a.is_pronoun]
        only_quote = not _LETTER.search(clause.replace("_", ""))
        if after and (cue.start() - clause_start < 3 or only_quote):
            lead = len(between) - len(between.lstrip()) if _noun_phrase(between.lstrip()[:100]) else 0
            people = [a for a in after if a.is_person] or after
            return _from_actor(people[-1], cue.end() + lead, cue_text, "before-quote")
        return None
    if between.startswith(",") and (aside := _ASIDE_SOURCE.search(clause)) and (source := [a for a in who if a.start >= aside.start(1)]):
        # "Musk, the Journal said, has used …": the attribution set off by commas is the source's
        return _from_actor(source[-1], clause_start, cue_text, "before-quote")
    free = _free(clause, who) or who
    if (apposed := _TRAILING_APPOSITIVE.search(clause)) and (outside := [a for a in free if a.end <= apposed.start()]):
        free = outside  # "Mayor Thomas Reed, a Democrat first elected in 2019, said": Reed
    elif ((titled := _BARE_APPOSITIVE.search(clause, max(0, len(clause) - 180))) and _names_an_office(titled.group(1))
          and (outside := [a for a in free if a.end <= titled.start() and (a.is_person or person_in_run(a.mention))])):
        free = outside  # "Lord Strathclyde, Tory leader in the Lords, said": Strathclyde
    if cue_text.endswith("ing") and (absolute := _WITH_SUBJECT.search(clause, max(0, len(clause) - 120))):
        # "…, with many saying it was “unjustified”": the participle's own subject, not the sentence's
        own = [a for a in who if a.start >= absolute.start(1)]
        return _from_actor(own[-1], clause_start, cue_text, "before-quote") if own else None
    if cue_text.endswith("ing"):  # the sentence's subject, a person if one is named
        people = [a for a in _heads(clause, free) if a.is_person or a.is_pronoun or person_in_run(a.mention)]
        return _from_actor((people or free)[0], clause_start, cue_text, "before-quote")
    if (rel := _RELATIVE_SUBJECT.search(clause, max(0, len(clause) - 80))) and (own := [a for a in free if a.start >= rel.start(1)]):
        return _from_actor(own[-1], clause_start, cue_text, "before-quote")  # "a bill which critics claim …"
    near = [a for a in free if len(clause[a.end :].split()) <= 6]
    people = [a for a in (near or free) if a.is_person or a.is_pronoun or person_in_run(a.mention)]
    if not people and near and _starts_with_title(near[-1].mention):
        # "Scott Carson, president and CEO of Boeing said": the person the title belongs to
        people = [a for a in free if a.is_person and a.end <= near[-1].start]
    pick = people[-1] if people else (near[-1] if near else free[0])
    pick = _body_before_role(clause, who, pick)
    if pick.canonical.lower() in MOUTHPIECE_ROLES and (of := _OF_BODY.match(clause, pick.end)):
        # "A spokesman for the Home Office said": the body speaks through its spokesman
        body = [a for a in who if a.start == of.end() and not a.is_person and not a.is_pronoun]
        if body:
            pick = body[0]
    return _from_actor(pick, clause_start, cue_text, "before-quote")


def _colon(left: str) -> Attribution | None:
    if not left.rstrip().endswith(":"):
        return None
    who = [a for a in _actors(left) if not a.is_pronoun]
    if not who:
        who = _actors(left)
    if not who:
        return None
    cues = cue_matches(left)
    cue = " ".join(cues[-1].group(0).split()).lower() if cues else ":"
    return _from_actor(who[0], 0, cue, "colon")


def _subject(left: str) -> Attribution | None:
    """The person a partial quotation's sentence is about: its subject — or, when the quotation
    stands in a clause of its own ("… after Donald Trump was heard threatening to ‘…’"), that
    clause's."""
    who = [a for a in _actors(left) if a.is_person and not a.is_pronoun]
    if not who:
        return None
    last = None
    for last in _SUBORDINATE.finditer(left):
        pass
    if last is not None and (own := [a for a in who if a.start >= last.end()]):
        return _from_actor(own[0], 0, None, "sentence-subject")
    return _from_actor(who[0], 0, None, "sentence-subject")


_SUBORDINATE = re.compile(r"\b(?:after|before|when|while|as|because|since|although|though|until|once|whereas)\s", re.IGNORECASE)


#: “…,” Jesse Toprak, an analyst for Edmunds. — a name and a description after the quotation, no verb
_APPOSITION_AFTER = re.compile(rf"\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?:a|an|the)\s+[^“”\"]{{3,100}}$")


def _apposition(right: str, offset: int) -> Attribution | None:
    """A person's full name, then ", a/an/the …" to the end of the sentence, right after the
    quotation: the caption style of attribution, without a reporting verb."""
    m = _APPOSITION_AFTER.match(right)
    if m is None:
        return None
    who = [a for a in _actors(m.group(1)) if not a.is_pronoun]
    if len(who) != 1 or not who[0].is_person or len(who[0].mention.split()) < 2:
        return None
    return _from_actor(who[0], offset + m.start(1), None, "after-quote-apposition")


#: verbs of saying whose subject's words a quotation is, even with a source named after it
_SPEECH_VERBS = frozenset({"said", "says", "told", "tells", "wrote", "writes", "added", "adds", "stated", "states"})


def attribute(left: str, right: str, *, right_offset: int, partial: bool) -> Attribution | None:
    """The attribution of a quotation from its sentence: ``left`` is the text before the opening
    mark, ``right`` the text after the closing mark (starting at ``right_offset`` of the context).
    """
    after = _after(right, right_offset)
    if after is not None and after.cue == "according to" and (before := _before(left)) is not None and before.cue in _SPEECH_VERBS:
        return before  # his lawyer said his client “denies …,” according to the AP: the lawyer's words, the AP's report
    return (after or _before(left) or _colon(left) or _apposition(right, right_offset)
            or (_subject(left) if partial else None))
