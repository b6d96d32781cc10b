"""extract_quotes: one row per quotation in the corpus, with its speaker, cue and kind.

Per article, paragraph by paragraph (:mod:`workbench.quotes.marks` finds the spans), each
quotation is attributed from its sentence (:mod:`workbench.quotes.attribution`); pronouns are
resolved to the nearest person named before the quotation outside quotation marks; a quotation
paragraph with no attribution of its own that follows a quotation continues its speaker (the
second paragraph of a long quote); names are merged across the corpus
(:mod:`workbench.quotes.speakers`). Then each quotation gets a kind:

* ``title`` — a short quotation right after a title word ("the book “2024”");
* ``scare`` — at most ``scare_max_words`` words and no reporting cue: the outlet's own marks
  around a word ("a temporary “pause”", "“strongman” diplomacy");
* ``speech`` — everything else: words someone said or wrote.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import polars as pl

from workbench.claims.actors import NO_ANTECEDENT_ROLES, first_names
from workbench.claims.actors import MOUTHPIECE_ROLES as _MOUTHPIECE_ROLES
from workbench.claims.actors import NAMED_ROLES as _NAMED_ROLES
from workbench.claims.actors import ORG_ROLES as _ORG_ROLES
from workbench.claims.actors import names_kind as _names_kind
from workbench.claims.actors import STATE_ROLES as _STATE_ROLES
from workbench.claims.actors import countries as _countries
from workbench.gctune import fewer_collections
from workbench.lexicon import load_toml
from workbench.progress import progress
from workbench.quotes.attribution import Attribution, attribute, cue_pattern
from workbench.quotes.marks import OPENERS, Span, find_spans
from workbench.quotes.speakers import clean_mention, merge_names
from workbench.text.alternation import phrase_alternation
from workbench.text.prefilter import guard
from workbench.text.sentences import sentence_stop

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["extract_quotes", "merge_speakers", "QUOTE_SCHEMA"]

QUOTE_SCHEMA = {
    "article_id": pl.String, "quote_id": pl.String, "text": pl.String, "start": pl.Int64, "end": pl.Int64,
    "raw_start": pl.Int64, "raw_end": pl.Int64, "paragraph_index": pl.Int64, "sentence_index": pl.Int64,
    "is_headline": pl.Boolean, "kind": pl.String, "is_partial": pl.Boolean, "speaker": pl.String,
    "speaker_mention": pl.String, "speaker_start": pl.Int64, "speaker_end": pl.Int64, "cue": pl.String,
    "confidence": pl.Float64, "rule": pl.String, "mark": pl.String, "continues": pl.String, "flags": pl.String,
    "word_count": pl.Int64,
}

_CONFIDENCE = {"after-quote": 0.9, "after-quote-apposition": 0.75, "sentence-attribution": 0.8, "previous-sentence": 0.5, "before-quote": 0.85, "according-to": 0.85, "colon": 0.7, "continued": 0.6, "continued-later": 0.6, "sentence-subject": 0.4}
_WORD = re.compile(r"[\w*’'\[\]-]+")


@lru_cache(maxsize=1)
def _lex() -> dict:
    return load_toml("quotes.toml")


_NOT_SPACE = re.compile(r"\S")  # \s is str.isspace() for str patterns
_OTHER_SPACE = re.compile(r"[^\S ]")


def _blank(text: str, ranges: Iterable[tuple[int, int]], *, spaces: bool = False) -> str:
    """``text`` with every character that is not white space in ``ranges`` made ``_`` (same
    length; ``spaces``: and white space made a plain space) — slices joined, not a list of the
    text's characters."""
    pieces: list[str] = []
    at = 0
    for lo, hi in sorted(ranges):
        lo = max(lo, at)
        if hi <= lo:
            continue
        piece = text[lo:hi]
        if _OTHER_SPACE.search(piece) is None:  # plain spaces only (most quotations): cut at them
            blanked = " ".join("_" * len(word) for word in piece.split(" "))
        else:
            blanked = _NOT_SPACE.sub("_", piece)
            if spaces:
                blanked = _OTHER_SPACE.sub(" ", blanked)
        pieces += (text[at:lo], blanked)
        at = hi
    if not pieces:
        return text
    pieces.append(text[at:])
    return "".join(pieces)


def _masked_range(s: Span) -> tuple[int, int]:
    """What of a quotation is blanked: its words — and the full stop too, unless another
    quotation opens right after it (``reopened``), where that stop is the only sentence break left."""
    if "reopened" in s.flags and s.text[-1:] in ".!?":
        return s.start, s.end - 1
    return s.start, s.end


def _mask_quotes(text: str, spans: list[Span]) -> str:
    """The paragraph with every quotation's words blanked (same length), marks kept."""
    return _blank(text, (_masked_range(s) for s in spans))


@lru_cache(maxsize=1)
def _sentence_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A sentence break and a sentence end — not after an initial or a name's title ("R. Kelly",
    "Del. Rick Morris": the sentence goes on)."""
    stop = sentence_stop()
    return re.compile(rf"{stop}[”\"’]?\s+(?=[A-Z“\"‘])"), re.compile(rf"{stop}[”\"’]?(?:\s+(?=[A-Z“\"‘])|\s*$)")


@lru_cache(maxsize=64)
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Where each sentence after the first starts (a paragraph is asked about once per quotation)."""
    return tuple(m.end() for m in _sentence_marks()[0].finditer(text))


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence of a paragraph around position ``at`` — on the masked text, so a quotation's
    own full stops do not cut it."""
    starts = _sentence_starts(text)
    i = bisect_right(starts, at) - 1
    lo = starts[i] if i >= 0 else 0
    # the end searched from ``at``: the look-behinds see the text before it, unlike a search of text[at:]
    m = _sentence_marks()[1].search(text, at)
    hi = m.end() if m else len(text)
    return lo, hi


def _is_partial(left: str, body: str) -> bool:
    lead = left.rstrip()
    if body[:1].islower():
        return True
    return not (lead == "" or lead.endswith((",", ":", "—", "–", "-")) or lead[-1:] in OPENERS)


_ASCII_WORD = re.compile(r"[A-Za-z]+")
_NAME_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _title_before(left: str) -> bool:
    """Does a work's noun stand right before the quotation ("his book “2024”", "the film called
    “Lion”") — not a clause of its own ("a newspaper said that the “time is ripe”")?"""
    tail = left[-40:]
    if _CLAUSE_PUNCT.search(tail.rstrip(" “‘\"'")):
        return False  # "According to the report, “more than half” …": a clause ended
    words = _ASCII_WORD.findall(tail.lower())[-3:]
    titles = _lex()["title_words"]
    for k in range(len(words) - 1, -1, -1):
        if words[k] in titles:
            return True
        if words[k] not in _BEFORE_A_TITLE:
            return False
    return False


_CLAUSE_PUNCT = re.compile(r"[,;:.!?]\s*$")


#: words that may stand between a work's noun and its title ("the film called “Lion”")
_BEFORE_A_TITLE = frozenset({"the", "a", "an", "called", "titled", "entitled", "named", "dubbed"})


def _is_name(text: str) -> bool:
    """Title Case words (small joiners aside): a name, not a sentence."""
    words = _NAME_WORD.findall(text)
    return bool(words) and all(w[:1].isupper() or w.lower() in ("the", "of", "to", "and", "a", "an", "in", "on", "for") for w in words) and words[0][:1].isupper()


def _words(text: str) -> int:
    return len(_WORD.findall(text))


_PREPOSITION = guard(re.compile(r"\b(?:to|of|with|about|for|by|from|in|on|at|against|between|than|like|toward|towards)\s*$", re.IGNORECASE))


_CONJUNCTION_END = re.compile(r"\b(?:and|but|while|as|when|that)$")


def _is_subject(text: str, start: int) -> bool:
    """Does the actor at ``start`` open its sentence or clause (a subject, not an object)?"""
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    prefix = text[lo:start].strip()
    if prefix == "":
        return True
    # both patterns are anchored at the end and their words are at most 7 and 5 letters long: the
    # last 8 and 6 characters decide (the boundary included), not a scan of the whole prefix
    if _PREPOSITION.search(prefix[-8:]):
        return False
    # after a quotation's closing mark: the speaker of an inverted attribution ("“…,” Musk wrote")
    return prefix.endswith((",", ";", "—", "–", "”", '"')) or bool(_CONJUNCTION_END.search(prefix[-6:])) or _describes(prefix)


def _describes(prefix: str) -> bool:
    """Is ``prefix`` (from the start of the sentence to a name) only a description of the name —
    "The US automobile manufacturer" Ford, "Kremlin spokesman" Peskov: a determiner, capitalized
    words, a title, role or kind of institution at the end, one other word before it ("automobile")
    — so that the name is the sentence's subject, not the words before it?"""
    words = prefix.split()
    nouns = _describing_nouns()
    if not 1 <= len(words) <= 6 or words[-1].lower() not in nouns:
        return False
    body = words[:-1]
    if body and body[-1][:1].islower() and body[-1].lower() not in nouns:
        body = body[:-1]  # a modifier of the noun: "automobile manufacturer", "bank chief"
    if body and body[0].lower() in ("the", "a", "an"):
        body = body[1:]
    return all(w[:1].isupper() or w.lower() in nouns for w in body)


@lru_cache(maxsize=1)
def _describing_nouns() -> frozenset[str]:
    """Titles and role nouns (``actors.toml``) and the institutions' kinds of :data:`_ORG_ROLES`,
    lower case, single words."""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    nouns = {w for phrase in (*lex.titles, *lex.roles) for w in phrase.lower().split()}
    return frozenset(nouns | _ORG_ROLES | _NAMED_ROLES)


_OF = re.compile(r"\s+(?:of|at|for|from)\s+")


_POSSESSIVE_S = re.compile(r"[’']s$")


@lru_cache(maxsize=1 << 16)  # an article's names recur, and the corpus's across articles
def _person_of_run(mention: str, canonical: str, is_person: bool) -> tuple[str, bool]:
    """A run whose first word is a given name names a person, by the run's last word ("Jim Press")."""
    head = _OF.split(mention, maxsplit=1)[0]  # "David Buik of BGC Partners"
    words = [_POSSESSIVE_S.sub("", w).strip(".,;:’'") for w in head.split()]  # "Elon Musk's": Musk
    words = [w for w in words if w]
    if len(words) >= 2 and words[-2].lower() in first_names() and words[-1][:1].isupper():
        return words[-1], True
    return canonical, is_person




@lru_cache(maxsize=1)
def _resolver_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A reporting cue right after a name ("Constantin Stroe, said") and an apposition with a
    title (", the company's chief executive") — built once from the lexicons."""
    from workbench.claims.lexicon import actor_lexicon

    cue = re.compile(r"[\s,]*(?:\w+ly\s+)?(?:" + cue_pattern().pattern + ")", re.IGNORECASE)
    titles = phrase_alternation(actor_lexicon().titles, ignore_case=True, space=None)
    appos = re.compile(r",\s+(?:the|a|an|its|his|her)?\s*(?:[\w’'.-]+\s+){0,4}?(?:%s)\b" % titles, re.IGNORECASE)
    return cue, appos


@lru_cache(maxsize=1)
def _title_before_comma() -> re.Pattern[str]:
    """A title or role set off before a name ("The council leader, Jo Park, said"), or a title
    right before it ("press secretary Sarah Sanders"): read on the text up to the name, which it
    must end."""
    from workbench.claims.lexicon import actor_lexicon

    lex = actor_lexicon()
    nouns = phrase_alternation(lex.titles | lex.roles, ignore_case=True, space=None)
    titles = phrase_alternation(lex.titles, ignore_case=True, space=None)
    return re.compile(r"\b(?:(?:%s)\s*,|(?:%s))\s*$" % (nouns, titles), re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # an article's names recur, and the corpus's across articles
def _name_words(mention: str, titles: frozenset[str]) -> tuple[bool, str | None, bool]:
    """(several words, the given name before the last word or None, a title before the last
    word) of a name run ("President Vladimir Putin": True, "Vladimir", True)."""
    words = [w.strip(".,;:’'") for w in mention.split()]
    several = len(words) >= 2
    given = next((w for w in words[:-1] if w.lower() in first_names()), None) if several else None  # "Sarah Huckabee Sanders"
    return several, given, any(w.lower() in titles for w in words[:-1])


class _Resolver:
    """Who a pronoun, a role noun or a lone given name stands for, from the article's other names.

    A pronoun is the person named most recently in a subject position before it (else the
    nearest person) within a window, outside quotation marks — "Trump spoke about Putin. Later
    he said …" is Trump; people confirmed as people (named with a given name or a title, or
    quoted already) come before single capitalized words that may be products or places.
    """

    WINDOW = 400

    def __init__(self, masked_article: str) -> None:
        from workbench.claims.actors import find_actors
        from workbench.claims.lexicon import actor_lexicon

        titles = actor_lexicon().titles
        cue, appos_re = _resolver_patterns()
        self.text = masked_article
        self._lower: str | None = None  # the text lowercased, made when first needed
        self._portfolios: dict[str, bool] = {}  # office -> the text writes "<office> for/of …"
        self._subject: dict[int, bool] = {}  # is the name at this offset a subject? asked lazily
        self.people: list[tuple[int, str, str]] = []  # (start, canonical, mention)
        self.things: list[tuple[int, str, str]] = []
        self.confirmed: set[str] = set()
        self.by_first_name: dict[str, str] = {}
        for a in find_actors(masked_article):
            canonical, person = _person_of_run(a.mention, a.canonical, a.is_person)
            if person:
                # a person is confirmed by a given name, a title, a reporting cue right after the
                # name ("Constantin Stroe, said", "Musk wrote") or an apposition with a title —
                # cheapest test first
                several, given, titled = _name_words(a.mention, titles)
                if given or titled or (canonical not in self.confirmed and (
                        (cue.match(masked_article, a.end) and (several or a.mention.lower() not in first_names())) or (several and (
                        appos_re.match(masked_article[a.end : a.end + 80])
                        or _title_before_comma().search(masked_article, max(0, a.start - 60), a.start))))):
                    self.confirmed.add(canonical)
                    if given:
                        self.by_first_name.setdefault(given, canonical)
            (self.people if person else self.things).append((a.start, canonical, a.mention))
        self.people_at = [p[0] for p in self.people]
        self.person_names = {p[1] for p in self.people}  # "he" continues a person's quotation, not a body's
        self.things_at = [p[0] for p in self.things]

    def _pick(self, items, positions, at: int, *, confirmed: bool) -> str | None:
        i = bisect_right(positions, at) - 1
        if i < 0:
            return None
        window = []  # the names within WINDOW characters before, nearest first (positions ascend)
        for j in range(i, -1, -1):
            if at - items[j][0] > self.WINDOW:
                break
            window.append(items[j])
        window = window or [items[i]]
        if confirmed and self.confirmed:
            sure = [w for w in window if w[1] in self.confirmed]
            if not sure:  # the last confirmed person before, however far back
                sure = next(([items[j]] for j in range(i, -1, -1) if items[j][1] in self.confirmed), [])
            if sure:
                window = sure
        # the first subject of the window, else its first name
        return next((w[1] for w in window if self._subject_at(w[0])), window[0][1])

    def _subject_at(self, at: int) -> bool:
        """:func:`_is_subject` of the name at ``at``, worked out once."""
        known = self._subject.get(at)
        if known is None:
            known = self._subject[at] = _is_subject(self.text, at)
        return known

    def resolve(self, pronoun: str, at: int) -> str | None:
        """A pronoun's person or body; "his statement" is a person's, "the statement" a body's."""
        if pronoun.lower() in ("he", "she", "i") or pronoun.lower().startswith(("his ", "her ")):
            return self._pick(self.people, self.people_at, at, confirmed=True)
        return self._pick(self.things, self.things_at, at, confirmed=False)

    def named_between(self, lo: int, hi: int, *, besides: str | None = None) -> bool:
        """Is a confirmed person (given name, title, apposition) named between ``lo`` and ``hi``?"""
        return any(lo <= p[0] < hi and p[1] in self.confirmed and p[1] != besides for p in self.people)

    def titled(self, office: str, at: int) -> str | None:
        """The nearest person before ``at`` named with the whole ``office`` ("Information Minister
        Fawad Chaudhry" for "information minister"), else — a lead names the office before its
        holder ("The mayor said … Mayor Thomas Reed, 58, …") — the one person named with it after."""
        i = bisect_right(self.people_at, at) - 1
        titled = re.compile(rf"\b{re.escape(office)}\b", re.IGNORECASE).search  # once, not per name
        found = self._holder(i, lambda j: titled(self.people[j][2]) is not None)
        if found is not None or not self._has_portfolio(office):
            return found
        # a portfolio between the title and the name ("Minister for Forests and Energy P.
        # Ramachandra Reddy"): the title stands in the text right before the name's run — looked
        # for only when no name holds the title itself and the text has "<office> for/of <Capital>"
        portfolio = re.compile(rf"\b{re.escape(office)}\s+(?:for|of)(?:\s+(?:and|&|the|of|(?-i:[A-Z][\w’'.-]*)))+\s+$", re.IGNORECASE).search
        return self._holder(i, lambda j: portfolio(self.text, max(0, self.people[j][0] - 80), self.people[j][0]) is not None)

    def _has_portfolio(self, office: str) -> bool:
        """Does the article write "<office> for …" or "<office> of …" anywhere? (Asked once per office.)"""
        known = self._portfolios.get(office)
        if known is None:
            if self._lower is None:
                self._lower = self.text.lower()
            known = self._portfolios[office] = f"{office} for " in self._lower or f"{office} of " in self._lower
        return known

    def _holder(self, i: int, holds) -> str | None:
        """The nearest person at or before index ``i`` that ``holds``, else the one after."""
        for j in range(i, -1, -1):
            if holds(j):
                return self.people[j][1]
        later = {self.people[j][1] for j in range(i + 1, len(self.people)) if holds(j)}
        return later.pop() if len(later) == 1 else None

    def role(self, noun: str, at: int, *, definite: bool = True) -> str | None:
        """"the president" → the nearest person before ``at`` named with that title (else the one
        named with it after); "the spokesman" (``definite``) → the body the article last named a
        spokesman for; "the alliance" → the nearest body named with the noun before it;
        "the company" → else the nearest institution named before it (a subject if there is one);
        "the government" → the nearest country named before it."""
        holder = self.titled(noun, at)
        if holder is not None:
            return holder
        if noun in _MOUTHPIECE_ROLES:
            # "said the spokesman", after "a spokesman for the Home Office": the body he speaks
            # for (not "a spokeswoman", who may be anyone's)
            if not definite:
                return None
            of = re.compile(rf"\b{noun}\s+(?:for|of|at)\s+(?:the\s+)?$", re.IGNORECASE)
            j = bisect_right(self.things_at, at) - 1
            for k in range(j, -1, -1):
                lo = self.things[k][0]
                if of.search(self.text, max(0, lo - 40), lo):
                    return self.things[k][1]
            return None
        if noun in _STATE_ROLES:  # "the government": a country's, the nearest country named before
            return next((self.things[j][1] for j in range(bisect_right(self.things_at, at) - 1, -1, -1)
                         if self.things[j][1] in _countries()), None)
        if noun in _ORG_ROLES or noun in _NAMED_ROLES:  # a body named with the noun first ("the alliance")
            j = bisect_right(self.things_at, at) - 1
            named = next((self.things[k][1] for k in range(j, -1, -1) if _names_kind(self.things[k][1], noun)), None)
            if named or noun in _NAMED_ROLES:
                return named
            return self._pick(self.things, self.things_at, at, confirmed=False)
        return None

    def name(self, canonical: str) -> str:
        """A lone given name ("Steve") → the surname it goes with in this article; a run that
        starts with a given name → its last word."""
        return self.by_first_name.get(canonical, canonical)


_DETERMINER = re.compile(r"^(?:the|a|an|his|her|its|their|our)\s+", re.IGNORECASE)

#: one-holder titles that end an office's run ("US President", "Ryanair CEO", "the state governor")
_ONE_HOLDER_AT_END = re.compile(r"\b(president|chancellor|premier|ceo|governor|mayor|king|queen|pope|chairman|chairwoman)\s*$",
                                re.IGNORECASE)

_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
_NEXT_SENTENCE = re.compile(r"\s+[A-Z“\"‘]")


_NEXT_CLAUSE = re.compile(r"\s+([A-Z][^.!?“”\"]{0,60}?)[.!?](?:\s|$)")


def _bare_attribution(right: str) -> bool:
    """Is the sentence after a quotation only its attribution, “….” Mr MacFarlane said. (the full
    stop inside the marks a slip for a comma): two to six words ending with a reporting cue."""
    m = _NEXT_CLAUSE.match(right)
    if m is None or not 2 <= len(m.group(1).split()) <= 6:
        return False
    cue = cue_pattern().search(m.group(1))
    return cue is not None and cue.end() == len(m.group(1).rstrip())


def _article_quotes(aid: str, text: str, paragraphs: list[dict]) -> list[dict]:
    rows: list[dict] = []
    per_par = [(p, find_spans(p["text"])) for p in paragraphs]
    if not any(spans for _, spans in per_par):
        return rows  # no quotation marks: nothing to attribute
    masked_article = _blank(text, ((p["start"] + lo, p["start"] + hi) for p, spans in per_par for lo, hi in map(_masked_range, spans)), spaces=True)
    built: list[_Resolver] = []  # the resolver reads every name of the article: built on first use

    def resolver() -> _Resolver:
        if not built:
            # a headline's or section label's names are no antecedents ("Storm hits coast" ¶ “…,” he
            # said: not Storm); the body names its people again. Blanked, so offsets stay put.
            text, at = [], 0
            for p in paragraphs:  # in text order, apart
                if p["role"] in NO_ANTECEDENT_ROLES and p["start"] >= at:
                    text += (masked_article[at : p["start"]], " " * (p["end"] - p["start"]))
                    at = p["end"]
            built.append(_Resolver("".join(text) + masked_article[at:]))
        return built[0]

    prev: dict | None = None  # the last speech quotation, for continuation paragraphs
    prev_par = -2
    lead_in: tuple[str, int] | None = None  # the previous paragraph when it ends with a colon

    def _resolve(att: Attribution, base: int, prev: dict | None) -> tuple:
        """(speaker, mention, cue, rule, speaker_start, speaker_end) of an attribution whose
        offsets are relative to ``base``: pronouns, given names, runs and role nouns resolved."""
        sp_start, sp_end = base + att.start, base + att.end
        rule = att.rule
        if att.is_pronoun:
            speaker = resolver().resolve(att.mention, sp_start)
            if (att.mention.lower() in ("he", "she") and prev is not None and prev["speaker"] in resolver().person_names
                    and 0 <= sp_start - prev["end"] <= 300 and not resolver().named_between(prev["end"], sp_start, besides=prev["speaker"])):
                speaker = prev["speaker"]  # “…,” said Talavan. “…,” he said.
            if speaker is None:
                rule += "+unresolved-pronoun"
        else:
            name = _person_of_run(att.mention, att.canonical or "", att.is_person)[0]
            # only a lone given name needs the article's other names ("Steve" -> "Jobs")
            speaker = (resolver().name(name) if name and name.lower() in first_names() else name) or None
            if speaker and speaker[:1].islower():  # a role noun: "the president described as …"
                # "the information minister": the person titled so, before the one titled "minister"
                office = _DETERMINER.sub("", att.mention.strip()).lower()
                speaker = ((resolver().titled(office, sp_start) if " " in office and office.endswith(speaker.lower()) else None)
                           or resolver().role(speaker, sp_start, definite=att.mention.lower().startswith("the ")) or speaker)
            elif (office := _ONE_HOLDER_AT_END.search(att.mention)) and not att.is_person:
                # "the US President tells donors": the office's holder, if the article names one
                # with that title ("President Donald Trump"), else the office ("US President"), not
                # the country
                speaker = resolver().role(office.group(1).lower(), sp_start) or _DETERMINER.sub("", att.mention.strip())
        return speaker, att.mention, att.cue, rule, sp_start, sp_end

    for p, spans in per_par:
        ptext = p["text"]
        if not spans:
            masked = ptext
        elif _OTHER_SPACE.search(ptext) is None:  # only plain spaces: the article's mask says the same
            masked = masked_article[p["start"] : p["end"]]
        else:
            masked = _mask_quotes(ptext, spans)
        for k, s in enumerate(spans):
            lo, _ = _sentence_bounds(masked, s.open_at)
            close = s.close_at if s.close_at is not None else s.end
            _, hi = _sentence_bounds(masked, close + 1 if close + 1 <= len(masked) else close)
            left = masked[lo : s.open_at]
            right = masked[close + 1 : hi] if s.close_at is not None else ""
            if _ENDS_SENTENCE.search(s.text) and _NEXT_SENTENCE.match(right) and not _bare_attribution(right):
                right = ""  # the quotation ended its sentence: what follows is another one
            partial = _is_partial(left, s.text)
            att: Attribution | None = attribute(left, right, right_offset=close + 1 - lo, partial=partial)
            speaker, mention, cue, rule, sp_start, sp_end = _resolve(att, p["start"] + lo, prev) if att else (None,) * 6
            starts_paragraph = ptext[: s.open_at].strip() == ""
            plo = _sentence_bounds(masked, max(lo - 2, 0))[0] if lo > 0 else 0
            prev_next_door = prev is not None and prev_par == p["paragraph_index"] and prev["end"] >= p["start"] + plo
            if att is None and left.strip() == "" and lo > 0 and not partial and not prev_next_door:
                # an unattributed quotation sentence after "… Dieter Zetsche denied allegations."
                previous = masked[plo:lo].rstrip()
                if cue_pattern().search(previous):
                    att = attribute(previous, "", right_offset=len(previous), partial=False)
                    if att is not None:
                        att = dataclasses.replace(att, rule="previous-sentence")
                        speaker, mention, cue, rule, sp_start, sp_end = _resolve(att, p["start"] + plo, prev)
            if att is None and starts_paragraph and k == 0 and lead_in is not None:
                # "Trump directly asked Zelensky in a recent phone call:" ¶ “Why haven’t you …?”
                lead_text, lead_base = lead_in
                att = attribute(lead_text, "", right_offset=len(lead_text), partial=False)
                if att is not None:
                    speaker, mention, cue, rule, sp_start, sp_end = _resolve(att, lead_base, prev)
            follows = (starts_paragraph and p["paragraph_index"] == prev_par + 1) or (left.strip() == "" and prev_next_door)
            if (att is None or att.rule == "sentence-subject") and prev is not None and follows and s.mark == "double" and not partial:
                speaker, mention, cue, rule = prev["speaker"], None, prev["cue"], "continued"
            words = _words(s.text)
            # a short sentence of its own that goes on a speaker's words (“…,” Reed told CNN.
            # “Never.”) is speech, however few its words
            own_sentence = rule == "continued" and left.strip() == "" and s.text[:1].isupper() and s.text.rstrip()[-1:] in ".!?"
            if own_sentence:
                kind = "speech"
            elif _title_before(left) and words <= 8 and not s.text[:1].islower() and (att is None or att.rule == "sentence-subject"):
                # a work's title is capitalized ("the film “Lion”"); 'report "untrue"' is a verdict
                kind = "title"
            elif words <= _lex()["scare_max_words"] and (att is None or att.rule == "sentence-subject"):
                kind = "scare"
            elif words <= 4 and _is_name(s.text) and not starts_paragraph and not (att is not None and s.text.rstrip()[-1:] in ".!?"):
                kind = "scare"  # a name in quotation marks: the “Back to the Mac” event, “Lion” (not a reply: “No.”)
            else:
                kind = "speech"
            if kind != "speech":
                speaker = mention = cue = None
                sp_start = sp_end = None
                rule = None
            conf = _CONFIDENCE.get((rule or "").split("+")[0], 0.2 if kind == "speech" else 0.6)
            if rule and "unresolved" in rule:
                conf = 0.3
            flags = list(s.flags)
            row = {
                "article_id": aid, "text": s.text, "start": p["start"] + s.start, "end": p["start"] + s.end,
                "paragraph_index": p["paragraph_index"], "is_headline": p["role"] == "title", "kind": kind,
                "is_partial": partial, "speaker": speaker, "speaker_mention": mention, "speaker_start": sp_start,
                "speaker_end": sp_end, "cue": cue, "confidence": conf, "rule": rule, "mark": s.mark,
                "continues": prev["quote_id"] if rule == "continued" and prev else None, "flags": ",".join(flags) or None,
                "word_count": words,
            }
            row["quote_id"] = f"{aid}:q{len(rows)}"
            rows.append(row)
            if kind == "speech" and speaker is not None:
                prev, prev_par = row, p["paragraph_index"]
        lead_in = None
        if masked.rstrip().endswith(":"):
            lo, _ = _sentence_bounds(masked, len(masked.rstrip()) - 1)
            lead_in = (masked[lo:].rstrip(), p["start"] + lo)
    _name_back(rows)
    return rows


def _name_back(rows: list[dict]) -> None:
    """A quotation left open at a paragraph's end with no speaker of its own is said by whoever the
    next paragraph, which carries it on, names (“… the story. ¶ “Mr X believes …,” Y said in a
    statement.): rule ``continued-later``. Last to first, so a three-paragraph quotation is named
    throughout."""
    for row, nxt in zip(reversed(rows[:-1]), reversed(rows[1:])):
        if (row["speaker"] is None and row["kind"] == "speech" and ("unclosed" in (row["flags"] or "") or "continued" in (row["flags"] or ""))
                and nxt["speaker"] is not None and nxt["kind"] == "speech" and nxt["mark"] == row["mark"]
                and nxt["paragraph_index"] == row["paragraph_index"] + 1 and nxt["continues"] is None
                and nxt["start"] - row["end"] <= 4):
            row.update(speaker=nxt["speaker"], speaker_mention=nxt["speaker_mention"], speaker_start=nxt["speaker_start"],
                       speaker_end=nxt["speaker_end"], cue=nxt["cue"], rule="continued-later", confidence=_CONFIDENCE["continued"])


def speaker_counts(quotes: pl.DataFrame) -> pl.DataFrame:
    """How many quotes each speaker name has (``speaker``, ``len``): what :func:`merge_speakers`
    decides on. Counts of batches add up (:mod:`workbench.scale` sums them over all batches)."""
    return quotes.filter(pl.col("speaker").is_not_null()).group_by("speaker").len()


def merge_speakers(quotes: pl.DataFrame, *, counts: pl.DataFrame | None = None) -> pl.DataFrame:
    """One name per speaker across the quotes (Zelensky / Zelenskyy / Zelenskiy → the commonest).

    The only corpus-wide step of :func:`extract_quotes`. ``counts``: :func:`speaker_counts` of the
    whole corpus, when ``quotes`` is one batch of it (:mod:`workbench.scale` merges each batch's
    quotes with every batch's counts, never holding all quotes twice).
    """
    counts = speaker_counts(quotes) if counts is None else counts
    if not counts.height:
        return quotes
    mapping = merge_names(dict(counts.sort("speaker").iter_rows()))
    return quotes.with_columns(pl.col("speaker").replace(mapping))


#: articles whose quotes are found at a time (bounds the Python objects alive at once)
_CHUNK = 2048


@fewer_collections
def extract_quotes(corpus: Corpus, *, merge: bool = True) -> pl.DataFrame:
    """One row per quotation (schema :data:`QUOTE_SCHEMA`), in article and text order.

    ``text`` is what stands between the outermost marks, as printed; ``start``/``end`` point at
    it in the article's ``text`` and ``raw_start``/``raw_end`` in ``raw_text``. ``speaker`` is
    the canonical name (merged across spellings in the corpus), ``speaker_mention`` the words
    that name or refer to the speaker (a pronoun stays a pronoun there), ``rule`` how the
    attribution was made, ``continues`` the quote a continuation paragraph carries on, ``flags``
    ``unclosed`` when the closing mark is missing. ``merge=False`` leaves spellings unmerged (for
    a caller that merges across batches with :func:`merge_speakers`).
    """
    cols = [c for c in QUOTE_SCHEMA if c not in ("raw_start", "raw_end", "sentence_index")]
    schema = {c: QUOTE_SCHEMA[c] for c in cols}
    ids = corpus.article_ids
    bar = progress(ids, total=len(ids), what="articles")
    chunks = []
    # a chunk of articles at a time: their texts, paragraphs and quote rows as Python objects take
    # ~10x the memory of the frames they come from and go to, so the whole corpus never is at once
    for i in range(0, len(ids), _CHUNK):
        chunk = pl.Series(ids[i : i + _CHUNK], dtype=pl.String).implode()
        texts = dict(corpus.articles.filter(pl.col("article_id").is_in(chunk)).select("article_id", "text").iter_rows())
        pars: dict[str, list[dict]] = {}
        for p in (corpus.paragraphs.filter(pl.col("article_id").is_in(chunk) & (pl.col("role") != "dateline"))
                  .select("article_id", "paragraph_index", "role", "text", "start", "end").iter_rows(named=True)):
            pars.setdefault(p["article_id"], []).append(p)
        rows: list[dict] = []
        for aid in ids[i : i + _CHUNK]:
            rows.extend(_article_quotes(aid, texts[aid], pars.get(aid, [])))
            next(bar, None)
        chunks.append(pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema))
    for _ in bar:  # let the bar close
        pass
    frame = pl.concat(chunks) if chunks else pl.DataFrame(schema=schema)
    if merge:  # one name per speaker across the corpus (Zelensky / Zelenskyy / Zelenskiy)
        frame = merge_speakers(frame)
    frame = frame.with_columns(pl.col("speaker_mention").map_elements(clean_mention, return_dtype=pl.String))
    # the sentence each quotation starts in
    sents = corpus.sentences.select("article_id", "sentence_index", pl.col("start").alias("_s")).sort("article_id", "_s")
    frame = frame.sort("article_id", "start").join_asof(sents, left_on="start", right_on="_s", by="article_id", strategy="backward", check_sortedness=False).drop("_s")
    frame = corpus.map_offsets(frame)
    return corpus.in_order(frame, "start").select(list(QUOTE_SCHEMA))
