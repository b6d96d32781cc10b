"""The denier: who is denying, found from where the cue sits in the sentence.

The rules, in order: a cue inside a quotation belongs to the quote's speaker (given by the quotes
module, else the attribution next to the quote: "“…,” Peskov stated"); a passive cue to its agent
("was denied by the White House"); a nominal cue to its owner ("Russia’s denial", "denials from
Russia"); otherwise the subject of the cue's verb — or, for a cue in someone's reported words, of
the reporting verb before it. The subject is found by walking back over the clause: segments are
cut at commas and dashes, relative clauses ("who serves as …") skipped, quoted fragments ignored, and
in the first segment naming someone the last actor before the verb is taken, a name before a role
noun, a possessor before its role ("the company's lawyers" -> company), a place after "in"/"at"
last. After a leading adverbial ("By flatly denying …, the Kremlin avoids") the main clause's
subject is taken. Pronouns resolve to the last named actor of the right kind (:class:`ActorMemory`).

>>> find_denier("Kremlin spokesman Dmitry Peskov, who serves as the voice of the government, denied it.", 73, 79)[:2]
('Peskov', 'Dmitry Peskov')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from workbench.claims.actors import DOCUMENT_NOUNS, PRONOUNS, Actor, canonical_actor, find_actors, first_names, state_after_city
from workbench.quotes.marks import find_spans
from workbench.claims.lexicon import denial_lexicon

__all__ = ["QuoteSpan", "ActorMemory", "quote_spans", "find_denier"]

_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it"}
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<source>[^,;:]{1,80}),", re.IGNORECASE)

_QUOTE_PAIR = re.compile(r"“[^“”]*”|\"[^\"]*\"|«[^«»]*»")
_SEGMENT = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
_RELATIVE = re.compile(r"^\W*(?:who|which|whose|whom|where|when)\b", re.IGNORECASE)
_PIECE_CUT = re.compile(r"\b(?:that|who|which)\b", re.IGNORECASE)
_SPEECH = (
    r"said|says|stated|states|told|tells|added|insisted|insists|declared|responded|replied|wrote|"
    r"writes|explained|noted|argued|countered|asserted|claimed|continued|recalled|warned"
)
_NAME = r"(?:[A-Z][\w’'.\-]*(?:\s+(?:of\s+)?[A-Z][\w’'.\-]*){0,4}|he|she|they|it|we)"
_AFTER_QUOTE = re.compile(
    rf"^\W{{0,3}}\s*(?:(?P<a>{_NAME})\s+(?:\w+ly\s+)?(?:{_SPEECH})\b|(?:{_SPEECH})\s+(?P<b>(?:the\s+)?(?:\w+\s+){{0,3}}?{_NAME}))"
)
_BEFORE_QUOTE = re.compile(rf"(?P<a>{_NAME})\s+(?:\w+ly\s+)?(?:{_SPEECH})\b[^“\"]{{0,60}}[:,]?\s*$")
_PASSIVE_BY = re.compile(r"^\s+by\s+(?P<agent>(?:the\s+)?[^,;.]{1,60})")



@dataclass(frozen=True)
class QuoteSpan:
    """A quotation inside a sentence: local offsets, its speaker if known, its id if known."""

    start: int
    end: int
    speaker: str | None = None
    quote_id: str | None = None


@dataclass
class ActorMemory:
    """The last person and the last institution named so far in an article (pronoun antecedents)."""

    person: Actor | None = None
    institution: Actor | None = None
    any: Actor | None = None

    def remember(self, text: str) -> None:
        for actor in find_actors(text):
            self.any = actor
            if actor.is_person:
                self.person = actor
            else:
                self.institution = actor

    def resolve(self, pronoun: str) -> Actor | None:
        want = PRONOUNS.get(pronoun.lower(), "any")
        if want == "person":
            return self.person
        if want == "institution":
            return self.institution or self.any
        return self.any


_OPENER, _CLOSER = re.compile("“"), re.compile("”")


def quote_spans(sentence: str) -> list[QuoteSpan]:
    """Quotations inside one sentence: paired quote marks, or an unpaired closing mark (a quote that
    began in an earlier sentence) from the sentence start, or an unpaired opening mark to the end;
    with no double marks, single ones (British style)."""
    spans = [QuoteSpan(m.start(), m.end()) for m in _QUOTE_PAIR.finditer(sentence)]
    covered = lambda i: any(s.start <= i < s.end for s in spans)  # noqa: E731
    closers = [m.start() for m in _CLOSER.finditer(sentence) if not covered(m.start())]
    openers = [m.start() for m in _OPENER.finditer(sentence) if not covered(m.start())]
    if closers:
        spans.append(QuoteSpan(0, closers[0] + 1))
    if openers and (not closers or openers[-1] > closers[0]):
        spans.append(QuoteSpan(openers[-1], len(sentence)))
    if not spans and ("‘" in sentence or "'" in sentence):
        # British style: ‘It is pure fiction,’ the source added (single marks told from apostrophes)
        spans = [QuoteSpan(q.open_at, q.close_at + 1) for q in find_spans(sentence) if q.mark == "single" and q.close_at is not None]
    return sorted(spans, key=lambda s: s.start)


# -- the denier ----------------------------------------------------------------------------------


def _speaker_near_quote(sentence: str, quote: QuoteSpan) -> str | None:
    after = _AFTER_QUOTE.match(sentence[quote.end :])
    if after:
        return after.group("a") or after.group("b")
    before = _BEFORE_QUOTE.search(sentence[: quote.start])
    if before:
        return before.group("a")
    return None


def _subject_before(sentence: str, pos: int, memory: ActorMemory | None) -> Actor | None:
    """The actor in the subject slot of the verb at ``pos``: walk back clause segment by segment,
    skip relative clauses, and in the first segment naming someone take the last actor before the
    last "that"/reporting verb boundary (so "He said Putin didn't believe" gives Putin)."""
    left = sentence[:pos]
    cuts = [0] + [m.end() for m in _SEGMENT.finditer(left)] + [len(left)]
    segments = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    reporting = denial_lexicon().reporting
    quoted = quote_spans(left)
    for seg_start, seg_end in reversed(segments):
        segment = left[seg_start:seg_end]
        if _RELATIVE.match(segment) or _inside_quote(left, seg_start):
            continue
        if seg_start > 0 and left[seg_start - 1] == "(" and segment.rstrip().endswith(")") and not segment.strip(" )").isupper():
            continue  # "Musk went to X (Twitter) to deny …": an aside in parentheses is no subject (an acronym, "(NPP)", names it)
        if seg_start > 0 and (_DESCRIPTION.match(segment) or state_after_city(left, seg_start + len(segment) - len(segment.lstrip()), segment)):
            # "Mayor Thomas Reed, a Democrat first elected in 2019, said": a description set off by
            # commas (the later segments named nobody), or the state after a city ("of
            # Springfield, Illinois,"): the subject stands before it
            continue
        verb_ends = {m.end() for m in reporting.finditer(segment)}
        boundaries = [0] + [m.end() for m in _PIECE_CUT.finditer(segment)] + list(verb_ends)
        for piece_start in sorted(set(boundaries), reverse=True):
            piece_end = min([m.start() for m in reporting.finditer(segment) if m.start() >= piece_start] + [len(segment)])
            piece = segment[piece_start:piece_end]
            offset = seg_start + piece_start
            if piece_start in verb_ends and _AND_END.search(piece):
                continue  # "the Pentagon told BBC News … and said": the first verb's subject says it
            # words inside a quoted fragment are not the subject ("that “a few users” were …")
            actors = [a for a in find_actors(piece, pronouns=True, roles=True) if not any(q.start <= a.start + offset < q.end for q in quoted)]
            if not actors:
                continue
            # a name beats a role noun ("Ukrainian officials" -> Ukraine, "Smith’s lawyer" -> Smith)
            named = [a for a in actors if not a.is_pronoun and a.canonical[:1].isupper()]
            # "The Chinese embassy in Washington": a place after in/at is not the actor
            # (nor one after "to", "from", "with": "Musk went to X to deny it")
            placed = [a for a in named if re.search(r"\b(?:in|at|near|outside|inside|to|from|with|against|about)\s+(?:the\s+)?$", piece[: a.start], re.IGNORECASE)]
            named = [a for a in named if a not in placed] or named
            roles = [a for a in actors if not a.is_pronoun and not a.canonical[:1].isupper()]
            # "the company's lawyers": the possessor is the principal
            owners = [a for a in roles if re.match(r"[’']s\b", piece[a.end :])]
            chosen = named[-1] if named else (owners or roles)[-1] if roles else actors[-1]
            if roles and roles[-1] is actors[-1] and chosen.end <= roles[-1].start and not _AND_WORD.search(piece, chosen.end, roles[-1].end) and (_POSSESSED.search(piece, max(0, roles[-1].start - 20), roles[-1].start) or _POSSESSED_HEAD.match(roles[-1].mention)):
                chosen = roles[-1]  # "tells UK court his client denies": the possessed role, not a name before it
            office = _office_of(piece, roles, chosen) if named else None
            if office is not None:  # "the mayor of Springfield", "Springfield mayor": the office holder, not the place
                lo, hi = min(office.start, chosen.start), max(office.end, chosen.end)
                chosen = Actor(piece[lo:hi], office.canonical, lo, hi, True, False)
            if actors[0].is_pronoun and actors[0].start < chosen.start and (
                    actors[0].mention[:1].isupper() or not piece[: actors[0].start].strip()):
                # "He told Reuters the report was false", "said he and the others would plead not
                # guilty": the subject pronoun leads
                chosen = actors[0]
            chosen = Actor(chosen.mention, chosen.canonical, chosen.start + offset, chosen.end + offset, chosen.is_person, chosen.is_pronoun)
            if chosen.is_pronoun:
                # "David Redvers, 34, from Hartpury, said he …": a person named earlier in the
                # sentence by a given name comes first (not a county read as a surname)
                resolved = _named_person_before(left[: chosen.start]) if PRONOUNS.get(chosen.mention.lower()) == "person" else None
                if resolved is None:
                    resolved = memory.resolve(chosen.mention) if memory else None
                if resolved is None:
                    return chosen
                return Actor(chosen.mention, resolved.canonical, chosen.start, chosen.end, resolved.is_person, True)
            return chosen
    return None


def _named_person_before(text: str) -> Actor | None:
    """The last person ``text`` names with a given name first ("David Redvers"), or None."""
    given = first_names()
    people = [a for a in find_actors(text) if a.is_person and not a.is_pronoun
              and len(a.mention.split()) >= 2 and a.mention.split()[0].lower() in given]
    return people[-1] if people else None


#: who a headline quotes, after a colon at its end: ": lawyer", ": Kremlin", ": PM"
HEADLINE_SOURCE = re.compile(r":\s+(?P<a>(?:[A-Z][\w’'.-]*|[a-z]+)(?:\s+[A-Z][\w’'.-]*){0,2})\s*$")
#: a piece between two reporting verbs that ends "… and": the second verb is coordinated with the first
_AND_END = re.compile(r"\band\s*$")
#: a description set off by commas: ", a Democrat first elected in 2019,", ", of the University of
#: Strathclyde," (whose name is where the person works, not who speaks)
_DESCRIPTION = re.compile(r"^\s*(?:(?:a|an|the)\s|(?:of|from|at)\s+(?:the\s+)?[A-Z])[^,]*,\s*$", re.IGNORECASE)
#: "Springfield mayor", "Apple chief executive" (not "Orban's spokesman": a possessor is the principal)
_NAME_THEN_OFFICE = re.compile(r"\s+(?:[a-z]+\s+){0,2}")
_OF_NAMES = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w’'.\-]*,?\s+)*")


def _office_of(piece: str, roles: list[Actor], named: Actor) -> Actor | None:
    """The office a name is governed by ("the mayor of Springfield", "the governor of the state of
    X"): a one-holder title (singular) right before "of" and the name, or None."""
    from workbench.claims.lexicon import actor_lexicon

    titles = actor_lexicon().titles
    for r in roles:
        noun = r.canonical.lower()
        if noun not in titles or noun.endswith("s"):
            continue
        if r.end <= named.start and _OF_NAMES.fullmatch(piece, r.end, named.start):
            return r
        if (named.end <= r.start and _NAME_THEN_OFFICE.fullmatch(piece, named.end, r.start)
                and not named.mention.endswith(("'s", "’s", "'", "’"))):  # "Springfield mayor", not "GM's chairman"
            return r
    return None


def office_holder(text: str, office: str) -> str | None:
    """The one person ``text`` names with the title ``office`` ("Mayor Thomas Reed",
    "Springfield mayor Thomas Reed" for "mayor"), or None if it names none or several."""
    found = set()
    for m in re.finditer(rf"\b(?i:{re.escape(office)})\s+((?:[A-Z][\w’'.\-]*\s+){{0,3}}[A-Z][\w’'.\-]*)", text):
        people = [a for a in find_actors(m.group(1)) if a.is_person and not a.is_pronoun]
        if people:
            found.add(people[-1].canonical)
    return found.pop() if len(found) == 1 else None


_LEADING_ADVERBIAL = re.compile(r"^\W*(?:by|after|while|when|in|since|despite|before)?\s*(?:\w+ly\s+)?$", re.IGNORECASE)


def _subject_after(sentence: str, pos: int, memory: ActorMemory | None) -> Actor | None:
    """The first actor of the clause starting at ``pos`` (the main clause after an adverbial)."""
    stop = _SEGMENT.search(sentence, pos)
    clause = sentence[pos : stop.start() if stop else len(sentence)]
    actors = find_actors(clause, pronouns=True, roles=True)
    if not actors:
        return None
    actor = actors[0]
    if actor.is_pronoun and memory is not None:
        resolved = memory.resolve(actor.mention)
        if resolved is not None:
            return Actor(actor.mention, resolved.canonical, actor.start + pos, actor.end + pos, resolved.is_person, True)
    return actor


def _inside_quote(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation opened earlier in ``text``."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


_POSSESSED = re.compile(r"\b(?:his|her|their|its)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_AND_WORD = re.compile(r"\band\b")
_POSSESSED_HEAD = re.compile(r"(?:his|her|their|its)\s", re.IGNORECASE)  # a role's mention holds the words before it
#: whose lawyer is speaking for "his client": "lawyer for Kevin Spacey", "Kevin Spacey's attorney"
_CLIENT_OF = re.compile(r"\b(?:[Ll]awyers?|[Aa]ttorneys?|[Ss]olicitors?|[Bb]arristers?|[Cc]ounsel)\s+(?:for|of|representing)\s+"
                        r"(?:[a-z][\w-]*\s+){0,2}?(?P<who>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
                        r"|(?P<owner>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})[’']s\s+(?:[a-z]+\s+)?(?:lawyers?|attorneys?|solicitors?|barristers?|counsel)\b")
_ADVERBS_ONLY = re.compile(r"(?:\s+\w+ly)?\s*")


def _subject_at_quoted_cue(sentence: str, quote_start: int, cue_start: int, memory: ActorMemory | None) -> Actor | None:
    """Who a verb cue inside a quotation is said of: a name right before it inside the quotation
    (an adverb between allowed) — the quoted speaker reports that one's denial — or, when the
    quotation opens at the cue ("which he “strenuously denies”"), the subject right before the
    mark: a name, or a third-person pronoun resolved (a given-named person earlier in the
    sentence first)."""
    inner = sentence[quote_start:cue_start]
    actors = [a for a in find_actors(inner) if not a.is_pronoun and a.canonical[:1].isupper()]
    if actors and _ADVERBS_ONLY.fullmatch(inner, actors[-1].end) is not None:
        return actors[-1]
    if _OPENING_ONLY.fullmatch(inner) is None:
        return None
    lo = max(0, quote_start - 80)
    before = sentence[lo:quote_start]
    actors = [a for a in find_actors(before, pronouns=True, roles=True)
              if a.canonical[:1].isupper() or PRONOUNS.get(a.mention.lower()) == "person" or a.canonical in _CLIENTS]
    if not actors or _OPENING_ONLY.fullmatch(before, actors[-1].end) is None or actors[-1].mention.lower() in ("i", "we"):
        return None
    last = actors[-1]
    if last.canonical in _CLIENTS:  # "said his client “strenuously denies …”"
        return _client_of(sentence)
    if not last.is_pronoun:
        return Actor(last.mention, last.canonical, last.start + lo, last.end + lo, last.is_person, False)
    resolved = _named_person_before(sentence[: last.start + lo]) or (memory.resolve(last.mention) if memory else None)
    return Actor(last.mention, resolved.canonical, last.start + lo, last.end + lo, resolved.is_person, True) if resolved else None


#: nothing but white space, an opening mark and an adverb (either side of the mark)
_OPENING_ONLY = re.compile(r"(?:\s+\w+ly)?\s*[“\"‘']?\s*(?:\w+ly\s+)?")


def find_denier(
    sentence: str,
    start: int,
    end: int,
    *,
    cue: str = "verb",
    quotes: Sequence[QuoteSpan] = (),
    memory: ActorMemory | None = None,
) -> tuple[str | None, str | None, QuoteSpan | None]:
    """(denier, denier_mention, quote) for the cue at ``start:end`` of ``sentence``.

    ``cue`` says what the cue is: "verb" (denied, cast doubt on: the denier is its subject),
    "reported" (a predicate in someone's words, "the report was pure fiction": the subject of the
    reporting verb before it) or "nominal" ("Russia’s denial", "denials from Russia").
    """
    quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
    if quote is not None and cue == "verb" and (named := _subject_at_quoted_cue(sentence, quote.start, start, memory)) is not None:
        # “Mr Spacey strenuously denies any criminality,” his lawyer said: Spacey denies, in his
        # lawyer's words; "charges, which he “strenuously denies”": he does
        return named.canonical, named.mention, quote
    if quote is not None:
        mention = quote.speaker or _speaker_near_quote(sentence, quote)
        if mention:
            if mention.lower() in PRONOUNS and memory is not None:
                resolved = memory.resolve(mention)
                return (resolved.canonical if resolved else mention.lower()), mention, quote
            return canonical_actor(mention) or mention, mention, quote
    if cue == "nominal":
        # "denials from Russia", "Russia’s denial"
        source = re.match(r"\s+(?:from|by)\s+([^,;:.]{1,60})", sentence[end :])
        owner = re.search(r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)[’']s\s+$", sentence[:start])
        pronoun = re.search(r"\b(his|her|their|its)\s+(?:\w+\s+)?$", sentence[:start], re.IGNORECASE)
        if pronoun and not owner:
            subject = _POSSESSIVE_PRONOUN[pronoun.group(1).lower()]
            resolved = memory.resolve(subject) if memory else None
            return (resolved.canonical if resolved else subject), pronoun.group(1), quote
        for text in (source.group(1) if source else None, owner.group(0) if owner else None, sentence[start:end]):
            actors = [a for a in find_actors(text or "", roles=True) if not a.is_pronoun]
            if actors:
                return actors[0].canonical, actors[0].mention, quote
    passive = _PASSIVE_BY.match(sentence[end :])
    if passive:
        actors = [a for a in find_actors(passive.group("agent"), roles=True) if not a.is_pronoun]
        if actors:
            return actors[0].canonical, actors[0].mention, quote
    according = _ACCORDING_TO.search(sentence[:start])
    if according and cue == "reported":
        # "According to the Kremlin, there were no such talks."
        actors = [a for a in find_actors(according.group("source"), roles=True) if not a.is_pronoun]
        if actors:
            return actors[-1].canonical, actors[-1].mention, quote
    if cue == "reported" and (quote is None or not quote.speaker):
        # (a verdict in quotation marks too: 'Mumbai Mirror report "untrue", "baseless": PMO')
        if (source := HEADLINE_SOURCE.search(sentence, end)) is not None:
            # a headline's "Trump tape is fake: Kremlin": the source after the colon, not a name in the claim
            return canonical_actor(source.group("a")) or source.group("a"), source.group("a"), quote
    anchor = start
    if cue == "reported" or quote is not None:
        # a cue in a reported clause: the denier is the subject of the last reporting verb before it
        verbs = [m for m in denial_lexicon().reporting.finditer(sentence[: start])]
        if verbs:
            anchor = verbs[-1].start()
        elif quote is not None:
            anchor = quote.start
    actor = _subject_before(sentence, anchor, memory)
    if actor is None and _LEADING_ADVERBIAL.match(sentence[:anchor]):
        # "By flatly denying that …, the Kremlin avoids …": the subject of the main clause
        comma = sentence.find(",", end)
        if comma != -1:
            main = _subject_after(sentence, comma + 1, memory)
            if main is not None:
                return main.canonical, main.mention, quote
    if actor is None and quote is None and cue == "reported":
        # "The report is false, the Kremlin said."
        after = re.search(rf",\s*(?P<a>{_NAME}|(?:the|his|her|their|its) \w+(?: \w+)?)\s+(?:{_SPEECH})\b", sentence[end :])
        if after:
            return canonical_actor(after.group("a")) or after.group("a"), after.group("a"), quote
    if actor is None and memory is not None and (doc := _DOCUMENT_SUBJECT.search(sentence, 0, start)) is not None:
        # "The statement categorically denies …": whoever the article says issued it, like "it"
        # ("his statement": like "he")
        resolved = memory.resolve("he" if doc.group(2).lower() in ("his", "her") else "it")
        if resolved is not None:
            return resolved.canonical, doc.group("np"), quote
    if actor is None:
        return None, None, quote
    if actor.canonical in _CLIENTS and (client := _client_of(sentence)) is not None:
        # "Lawyer for Kevin Spacey tells court his client denies …": the lawyer's client
        return client.canonical, client.mention, quote
    return actor.canonical, actor.mention, quote


_CLIENTS = frozenset({"client", "clients"})
#: a document as the subject of the cue: "The statement categorically denies …"
_DOCUMENT_SUBJECT = re.compile(rf"(?:^|[,;:]\s*)(?P<np>(the|a|its|their|his|her)\s+(?:\w+\s+)?(?:{'|'.join(DOCUMENT_NOUNS)}))\s+(?:\w+ly\s+)?$",
                               re.IGNORECASE)


def _client_of(sentence: str) -> Actor | None:
    """The person a lawyer in the sentence acts for ("lawyer for Kevin Spacey", "Spacey's
    attorney"), or None."""
    principal = _CLIENT_OF.search(sentence)
    if principal is None:
        return None
    named = [a for a in find_actors(principal.group("who") or principal.group("owner")) if not a.is_pronoun]
    return named[0] if named else None
