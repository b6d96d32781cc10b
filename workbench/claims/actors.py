"""Actors: who is named in a stretch of text, and the canonical name to group them by.

The denier of a denial is an actor: a person ("Kremlin spokesman Dmitry Peskov" -> ``Peskov``) or
an institution ("the Kremlin" -> ``Kremlin``, "Russian officials" -> ``Russia``). This module finds
candidate actors as runs of capitalized words and reduces each to a canonical name with the rules
in ``workbench/resources/actors.toml``: titles and demonyms in front of a name are dropped, a
person is reduced to the surname (last word), an institution (a run containing an institution word
such as "House", "Ministry", "Corps") is kept whole, a lone demonym ("Russian", "the Russians")
becomes its country, aliases are applied last.

Trade-off: no named-entity model, so a capitalized non-actor ("Ukraine" as a place) is a candidate
too; callers pick the actor by position (the subject slot), which is where the heuristic earns its
keep. Once the quotes module is merged its speaker-name normaliser should replace
:func:`canonical_actor` so that quotes and denials share one canonical name per person.

>>> canonical_actor("Kremlin spokesman Dmitry Peskov")
'Peskov'
>>> canonical_actor("the Russian government")
'Russia'
>>> [a.canonical for a in find_actors("A spokesperson for the Kremlin, Dmitry Peskov, said")]
['Kremlin', 'Peskov']
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from workbench.claims.lexicon import actor_lexicon
from workbench.lexicon import load_lines
from workbench.text.alternation import phrase_alternation
from workbench.text.prefilter import guard

__all__ = ["Actor", "find_actors", "canonical_actor", "PRONOUNS", "is_sentence_opener", "opens_sentence", "opener_word", "capitalized_inside_sentence"]

#: subject pronouns, and which kind of antecedent they take
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "institution", "we": "any", "i": "person"}
#: paragraph roles whose names a pronoun of the body does not point back to: a headline or a
#: section label ("Storm hits coast" names no "Storm" for a later "he"); the body names its people again
NO_ANTECEDENT_ROLES = frozenset({"title", "kicker"})

#: a capitalized word: "Putin", "U.S.", "O’Brien", "Jean-Claude", "AT&T" (initials "U.S." are letters and dots)
_WORD = r"[A-Z][\w’'.\-&]*"
#: a run of capitalized words, "of"/"de"/… allowed between them, starting a word ("iPod" and
#: "eBay" name no "Pod" or "Bay"; "al-Assad" and "d’Estaing" still give "Assad", "Estaing"). It
#: opens with a plain class, so that ``re`` skips ahead to the next capital letter.
_RUN = re.compile(rf"[A-Z](?<!\w[A-Z])[\w’'.\-&]*(?:\s+(?:(?:of|de|van|von|bin|al|la|le|del|der|du|&)\s+){{0,2}}{_WORD})*")  # "Ursula von der Leyen": one run


@lru_cache(maxsize=1)
def _sentence_end() -> re.Pattern[str]:
    """A full stop that ends a sentence inside a run of capitalized words: after a lower-case
    word ("… with Putin. In a meeting"), or before a word that starts sentences — the sentence
    splitter's list (``sentence_starters.txt``) — after an acronym or an initial ("… at 14:58
    UTC. The US Treasury …"; "U.S. President" stays whole)."""
    starters = phrase_alternation(load_lines("sentence_starters.txt"), ignore_case=False)
    return re.compile(rf"\.(?:(?<=[a-z]{{2}}\.)\s+(?=[A-Z])|\s+(?=(?:{starters})\b))")  # the full stop first


_PRONOUN = guard(re.compile(r"\b(he|she|they|it|we|i)\b", re.IGNORECASE))
_POSSESSIVE = re.compile(r"[’']s?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    """Lowercase role nouns from ``actors.toml`` ("the minister", "critics"), optional determiner."""
    roles = phrase_alternation(actor_lexicon().roles, ignore_case=True, space=None) or "(?!)"
    return guard(re.compile(
        rf"\b(?:(?:the|a|an|its|his|her|their)\s+(?:[\w-]+\s+)?)?({roles})\b(?!-)",
        re.IGNORECASE,
    ))


@lru_cache(maxsize=1)
def _bare_role() -> re.Pattern[str]:
    """A role noun alone: every match of :func:`_role_pattern` holds one (its group 1)."""
    roles = phrase_alternation(actor_lexicon().roles, ignore_case=True, space=None) or "(?!)"
    return guard(re.compile(rf"\b(?:{roles})\b", re.IGNORECASE))


@lru_cache(maxsize=1)
def _bare_role_lower() -> re.Pattern[str]:
    """:func:`_bare_role` for a lowercased text, matched case-sensitively: twice as fast in
    ``re`` (no case folding at every try), the same positions when lowercasing kept the length."""
    roles = phrase_alternation(actor_lexicon().roles, ignore_case=True, space=None) or "(?!)"
    return guard(re.compile(rf"\b(?:{roles})\b"))


def role_matches(text: str) -> Iterator[re.Match[str]]:
    """``_role_pattern().finditer(text)``, started where a match can first be: every match holds a
    role noun and starts at most two words before it ("the new chairman"), so the scan starts two
    words before the first role noun — and not at all in a text with none (two in three of the
    stretches a quotation's attribution reads). A test compares the two."""
    lowered = text.lower()
    first = _bare_role_lower().search(lowered) if len(lowered) == len(text) else _bare_role().search(text)
    if first is None:
        return iter(())
    at = first.start()
    for _ in range(2):  # back over the white space and the word before (a determiner, an adjective)
        while at > 0 and text[at - 1].isspace():
            at -= 1
        while at > 0 and not text[at - 1].isspace():
            at -= 1
    return _role_pattern().finditer(text, at)  # \b and lookbehinds still see the text before ``at``


@dataclass(slots=True, unsafe_hash=True)
class Actor:
    """An actor mentioned at ``start:end`` of the text searched. A value: compare and hash it, do
    not change it (not frozen only because a frozen dataclass is five times slower to make, and
    :func:`find_actors` makes one for every capitalized word of a corpus)."""

    mention: str
    canonical: str
    start: int
    end: int
    is_person: bool
    is_pronoun: bool = False


_NAME_PREFIX = re.compile(r"[A-Z][’']")  # the O' of O'Leary, the D' of D'Amato


def _split_words(mention: str) -> list[str]:
    words = mention.split()
    if "' " in mention or "’ " in mention:  # "O' Leary": a space typed after the apostrophe, one name
        joined: list[str] = []
        for w in words:
            if joined and _NAME_PREFIX.fullmatch(joined[-1]) and w[:1].isupper():
                joined[-1] += w
            else:
                joined.append(w)
        words = joined
    return [_POSSESSIVE.sub("", w) if w.endswith(("’s", "'s", "’S", "'S", "’", "'")) else w for w in words]


_ARTICLES = frozenset({"the", "a", "an"})
#: an article right before a one-word run: "the Beatles", "a Nasdaq" — a name, not a person's
_AFTER_ARTICLE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
#: "in Petaling Jaya", "near Kuala Lumpur": two or more capitalized words after a preposition of
#: place, the first no given name ("in Nancy Pelosi") nor title, are a place, not a Mr Jaya
_AFTER_IN = re.compile(r"\b(?:in|near|outside)\s+$")


def _place_after_in(text: str, start: int, run: str) -> bool:
    first = run.split(None, 1)[0].lower()
    return (text[start - 3 : start] in ("in ", "ar ", "de ") and _AFTER_IN.search(text, max(0, start - 8), start) is not None
            and first not in first_names() and first not in actor_lexicon().titles)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_ACRONYM = re.compile(r"[A-Z][A-Z&\d]+")  # GM, UAW, NASDAQ, AT&T
_ROMAN = re.compile(r"[IVXLC]+")  # Benedict XVI: a regnal number, not a body
_DOMAIN = re.compile(r"[A-Za-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}")  # CNNMoney.com, GovExec.com: a site, not a person


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common given names (``resources/first_names.txt``), lower case."""
    return frozenset(n.lower() for n in load_lines("first_names.txt"))


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    lex = actor_lexicon()
    return frozenset(lex.demonyms.values()) | frozenset(lex.aliases.values())


@lru_cache(maxsize=65536)
def _reduce_run(run: str) -> tuple[str, bool] | None:
    """:func:`_reduce` of a run's words — cached: the same names recur through a corpus."""
    return _reduce(_split_words(run))


def _holder_after_title(words: list[str], lex) -> str | None:
    """The surname of the person a run names after its last title, when a body or office comes
    first ("Union Home Minister Rajnath Singh" → Singh, "Bank of England Governor Mark Carney" →
    Carney): two or more capitalized words after the title, none a body's word, the first no
    preposition. None otherwise ("Ryanair CEO", "Prime Minister's Office")."""
    idx = [i for i, w in enumerate(words[:-1]) if w.lower() in lex.titles]
    if not idx or idx[-1] == 0:
        return None  # no title, or a title first: the usual title stripping below does it
    rest = words[idx[-1] + 1 :]
    if len(rest) < 2 or rest[0].lower() in ("of", "at", "for") or not all(w[:1].isupper() for w in rest):
        return None
    if any(w.lower() in lex.org_words or w.lower() in lex.titles for w in rest) or " ".join(rest).lower() in lex.places:
        return None
    return rest[-1]


def _reduce(words: list[str]) -> tuple[str, bool] | None:
    """(canonical, is_person) for a run of capitalized words, or None when it names no actor."""
    lex = actor_lexicon()
    words = [w.strip(".,;:") if not _INITIALS.fullmatch(w) else w for w in words]
    words = [w for w in words if w]
    determined = False  # "The Nasdaq", "the Beatles": a name after an article is no person's
    while words and words[0].lower() in lex.not_names:
        determined = determined or words[0].lower() in _ARTICLES
        words = words[1:]
    while words and words[-1].lower() in lex.never_last:  # "Asia Monday", "16:00 UTC"
        if len(words) >= 2 and f"{words[-2]} {words[-1]}".lower() in lex.named_days:
            words = words[:-1]  # "Black Monday": the day's name goes whole
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1 and len(words[0]) > 1 and words[0].lower() in lex.roles and not words[0].isupper():
        # "Residents said …", "Witnesses told …": a role noun capitalized at a sentence's start is
        # the role (found as one by role_matches), not a Mr Residents
        return None
    whole = " ".join(words).lower()
    if whole in lex.aliases:
        return lex.aliases[whole], False
    if whole in lex.places:  # "New York", "Wyoming": a place, not a Mr York
        return " ".join(words), False
    if (held := _holder_after_title(words, lex)) is not None:
        return held, True  # "Union Home Minister Rajnath Singh", "Apple CEO Steve Jobs": the person, not the body
    if "&" in words or any(w.lower() in lex.org_words for w in words):  # "Procter & Gamble": a firm
        name = " ".join(words)
        return lex.aliases.get(name.lower(), name), False
    if len(words) >= 2 and words[-1].lower() in lex.place_words and words[0].lower() not in first_names():
        return " ".join(words), False  # "Harbor Point", "Palm Beach County": a place or a property
    if len(words) >= 2 and words[-1].lower() in lex.places and words[0].lower() not in first_names() and words[0].lower() not in lex.titles:
        return " ".join(words), False  # "Bank Negara Malaysia", "Parti Pribumi Bersatu Malaysia": a body named for a place
    demonym = None
    original = list(words)
    while words and (words[0].lower() in lex.titles or words[0].lower() in lex.demonyms):
        if words[0].lower() in lex.demonyms and demonym is None:
            demonym = lex.demonyms[words[0].lower()]
        words = words[1:]
    if not words:
        if demonym:
            return demonym, False
        # a title alone stands for its holder: "The CEO denied …"
        last = original[-1] if original else None
        return (last, False) if last and last.isupper() and len(last) > 1 else None
    name = " ".join(words)
    known = _known_names()
    if name in known:
        return name, False
    if name.lower() in lex.aliases:
        return lex.aliases[name.lower()], False
    if len(words) == 1:
        # one word: a person's surname unless it is a known place or body, initials ("E.U.",
        # "U.K." name bodies and places, not people), an acronym ("GM", "UAW", "NASA"), a web
        # address ("CNNMoney.com"), or it follows an article ("The Nasdaq", "the Beatles") or a
        # demonym with no title ("the Japanese Nikkei", "German Dax": an index, a firm, a product)
        word = words[0]
        return word, (word not in known and not _INITIALS.fullmatch(word) and not _ACRONYM.fullmatch(word)
                      and not _DOMAIN.fullmatch(word) and not (determined and len(original) == 1) and not (demonym and len(original) == 2))
    if words[-1] in known:  # "Japan's Nikkei", "Tokyo's Nikkei": the body or place named last
        return words[-1], False
    if (_ACRONYM.fullmatch(words[-1]) and not _ROMAN.fullmatch(words[-1])) or len(words[-1]) == 1:
        # "New GM", "Chrysler LLC": a body — a surname is not written in capitals, nor is it one
        # letter ("Mac OS X")
        return name, False
    if words[-1].lower() in lex.titles and words[0].lower() not in first_names():
        # "Ryanair CEO", "Treasury Secretary": an office at a body, whose holder the run does not
        # name — not a person called "CEO" (but "Stephen King", "John Major": a given name first)
        return name, False
    return words[-1], True


_CITY_COMMA = re.compile(r"[A-Z][\w’'.\-]*,\s*$")


def state_after_city(text: str, start: int, name: str) -> bool:
    """Is ``name``, standing at ``text[start]``, a place right after a capitalized word and a
    comma — the state or country after a city ("the mayor of Springfield, Illinois, said"): part
    of that place, not an actor of its own."""
    i = start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    if i == 0 or text[i - 1] != ",":  # most names: no comma right before, nothing more to ask
        return False
    return name.strip(" ,").lower() in actor_lexicon().places and _CITY_COMMA.search(text, 0, start) is not None


def canonical_actor(mention: str) -> str | None:
    """The canonical name of an actor mention, or None if it names nobody.

    >>> canonical_actor("Russian President Vladimir Putin"), canonical_actor("Moscow")
    ('Putin', 'Russia')
    """
    actors = [a for a in find_actors(mention, roles=True) if not a.is_pronoun]
    if not actors:
        return None
    named = [a for a in actors if a.canonical[:1].isupper()]
    return (named or actors)[-1].canonical


_BY_START = operator.attrgetter("start")

#: role nouns that stand for an institution the article names ("the company" → the firm named before)
ORG_ROLES = frozenset({"company", "firm", "group", "government", "ministry", "agency", "bank", "airline", "carrier",
                       "automaker", "carmaker", "manufacturer", "maker", "union", "court", "board", "department", "administration"})
#: role nouns that stand for a state, not any institution: a company has no government
STATE_ROLES = frozenset({"government", "administration"})
#: roles that speak for a body: "a spokesman for the Home Office" says what the Home Office says
MOUTHPIECE_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
#: documents that "read", "said" or "deny" for whoever issued them ("“…,” the statement read", "The
#: statement categorically denies …"): quotes and denials find the issuer like "it"
DOCUMENT_NOUNS = ("statement", "release", "letter", "post", "tweet", "message", "memo", "email", "note", "filing")
#: role nouns for bodies whose names hold them ("the alliance" → Countryside Alliance, "the
#: party" → Labour Party): such a noun stands only for a body named with it
NAMED_ROLES = frozenset({"alliance", "coalition", "association", "federation", "foundation", "institute", "society",
                         "council", "committee", "commission", "party", "university", "charity", "organisation",
                         "organization"})


def names_kind(name: str, noun: str) -> bool:
    """Does the institution's name hold the role noun as a word ("Countryside Alliance", "alliance")?"""
    return noun in name.lower().split()


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The countries ``actors.toml`` knows (its demonyms' values: "Russian" → Russia)."""
    return frozenset(actor_lexicon().demonyms.values())


def institution_before(text: str, noun: str) -> str | None:
    """The institution a role noun at the end of ``text`` stands for — the last body named with
    the noun ("the union" → the Transport Workers Union), else "the company" → the last firm or
    body named before it, "the government" → the last country — or None. A place is no firm's
    name ("Westport" is where, not who); a noun of :data:`NAMED_ROLES` stands only for a body
    named with it."""
    lex = actor_lexicon()
    known = countries()
    actors = find_actors(text)
    # a body named with the noun first: "the alliance" is the Countryside Alliance, however near another
    named = next((a.canonical for a in reversed(actors) if not a.is_person and not a.is_pronoun and names_kind(a.canonical, noun)), None)
    if named or noun in NAMED_ROLES:
        return named
    for actor in reversed(actors):
        if actor.is_person or actor.is_pronoun:
            continue
        if noun in STATE_ROLES:
            if actor.canonical in known:
                return actor.canonical
            continue
        if actor.canonical in known or actor.canonical.lower() in lex.places or actor.mention.strip().lower() in lex.places:
            continue
        return actor.canonical
    return None


def _after_article(text: str, at: int) -> bool:
    """Does "the", "a" or "an" stand right before ``text[at]`` ("the Beatles")? Then a one-word
    name there is no person's. (The letter before the space is looked at first: most runs follow
    no article.)"""
    return at >= 2 and text[at - 2] in "eEaAnN" and _AFTER_ARTICLE.search(text, max(0, at - 5), at) is not None


def _pieces(at: int, whole: str) -> list[tuple[int, str]]:
    """A run of capitalized words at ``at``, cut where a name cannot go on: at a blank line (a
    paragraph ends: "… shares of GM" ¶ "March 3, 2009") and at a sentence's end inside it ("… with
    Putin. In a meeting …"); (start, piece) each."""
    paragraphs: list[tuple[int, str]] = [(0, whole)]
    if "\n" in whole:
        paragraphs, pos = [], 0
        for blank in _BLANK_LINE.finditer(whole):
            paragraphs.append((pos, whole[pos : blank.start()].rstrip()))
            pos = blank.end()
        rest = whole[pos:]
        paragraphs.append((pos + len(rest) - len(rest.lstrip()), rest.lstrip()))
    out = []
    for start, piece in paragraphs:
        pos = 0
        for cut in _sentence_end().finditer(piece):
            out.append((at + start + pos, piece[pos : cut.start() + 1]))
            pos = cut.end()
        out.append((at + start + pos, piece[pos:]))
    return [(start, piece) for start, piece in out if piece]


def find_actors(text: str, *, pronouns: bool = False, roles: bool = False) -> list[Actor]:
    """Actors mentioned in ``text``, in order of appearance.

    Capitalized runs are cut at a lowercase title word ("Kremlin spokesman Dmitry Peskov" gives
    "Kremlin" and "Dmitry Peskov"); with ``pronouns=True`` subject pronouns are returned too (for
    the caller to resolve), with ``roles=True`` lowercase role nouns ("the company").
    """
    found: list[Actor] = []
    for m in _RUN.finditer(text):
        whole = m.group()
        if "." not in whole and "\n" not in whole:  # most runs: one piece
            reduced = _reduce_run(whole)
            if reduced is not None:
                start = m.start()
                person = reduced[1]
                if person and start >= 2 and text[start - 2] in "eEaAnN" and " " not in whole:  # _after_article, inlined
                    person = _AFTER_ARTICLE.search(text, max(0, start - 5), start) is None
                elif person and " " in whole and start >= 3:
                    person = not _place_after_in(text, start, whole)
                found.append(Actor(whole, reduced[0], start, start + len(whole), person))
            continue
        for start, run in _pieces(m.start(), whole):
            reduced = _reduce_run(run)
            if reduced is not None:
                person = reduced[1] and not (" " not in run and _after_article(text, start)) and not (" " in run and _place_after_in(text, start, run))
                found.append(Actor(run, reduced[0], start, start + len(run), person))
    if pronouns:
        for m in _PRONOUN.finditer(text):
            if m.group(1) == "i" or (m.group(1).lower() == "i" and m.group(1) != "I"):
                continue
            found.append(Actor(m.group(0), m.group(1).lower(), m.start(), m.end(), False, True))
    if roles:  # from two words before the first role noun (role_matches)
        for m in role_matches(text):
            if not any(a.start < m.end(1) and m.start(1) < a.end for a in found):
                found.append(Actor(m.group(0), m.group(1).lower(), m.start(), m.end(), False))
    if pronouns or roles:  # runs come in order; pronouns and roles are added after them
        found.sort(key=_BY_START)
    return found


_OPENS = re.compile(r"[^\W\d_]")  # a letter: the sentence has begun before it
_SENTENCE_STOPS = frozenset(".!?:")


def capitalized_inside_sentence(word: str, text: str, start: int = 0) -> bool:
    """Does ``word`` stand capitalized after another word of its sentence somewhere in
    ``text[start:]`` — "shares of Apple rose", not "Apple shares rose" or "… fell. Stock …"?
    A common word is capitalized only where a sentence or a line begins; a name, anywhere."""
    at = text.find(word, start)
    while at >= 0:
        end = at + len(word)
        if at >= 2 and text[at - 1] == " " and text[at - 2] not in _SENTENCE_STOPS and not text[at - 2].isspace() \
                and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(word, end)
    return False


def opens_sentence(actor: Actor, sentence: str) -> bool:
    """Is ``actor`` a lone word taken for a person with nothing but marks before it in ``sentence``?"""
    return actor.is_person and not actor.is_pronoun and " " not in actor.mention.strip() and not _OPENS.search(sentence, 0, actor.start)


def opener_word(actor: Actor) -> str:
    """The word an opening actor is written as, without marks or a possessive ("Investors'" → Investors)."""
    return _POSSESSIVE.sub("", actor.mention.strip().strip(".,;:"))


def is_sentence_opener(actor: Actor, sentence: str, article_text: str, body_start: int = 0) -> bool:
    """Is ``actor`` only the capitalized first word of ``sentence`` — "Stock prices fell",
    "Formerly, …", "Investors said" — and no name? It is when a lone word taken for a person opens
    the sentence (nothing but marks before it) and the article (its body, from ``body_start``: a
    headline capitalizes every word) never writes it capitalized inside a sentence. "Apple"
    opening a sentence stays an actor where the body also says "shares of Apple"."""
    return opens_sentence(actor, sentence) and not capitalized_inside_sentence(opener_word(actor), article_text, body_start)
