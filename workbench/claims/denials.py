"""Denials: which sentences say that someone denied, dismissed or doubted a claim, and who.

The heuristic, sentence by sentence (:func:`detect_denial` on a plain string, :func:`extract_denials`
over a corpus):

1. **Cues** from ``workbench/resources/denial_cues.toml`` — denial verbs (denied, refuted, rejected,
   disputed, pushed back on), dismissals (brushed off, dismissed; fake, fiction, hoax, baseless,
   nonsense), negated events ("there were no telephone conversations"), doubts ("cast doubt on",
   "questioned whether", skepticism) — each with a condition: a verb such as *rejected* counts only
   when a claim follows ("rejected the report", not "rejected the proposal"); a dismissal word or a
   negated event counts only when it is someone's words (inside a quotation or a clause governed by a
   reporting verb), so a narrator's "whether real or fabricated" or "no one was hurt" is not a
   denial. Exclusions ("denied entry", "was dismissed", "no doubt") and negators right before a cue
   ("did not deny", "declined to deny", "would deny") cancel it. A question is never a denial.
2. **Kind**: the strongest matching cue wins — dismissal > denial > doubt.
3. **Denier** (:mod:`workbench.claims.denier`): the quote's speaker when the cue is inside a
   quotation, else the agent of a passive, the owner of a nominal denial, or the subject of the cue
   verb (or of the reporting verb governing the cue); pronouns resolve to the last named actor.
4. **Denied**: the claim as text — the object or complement after the cue ("denied that …",
   "brushed off the leaked audio as …"), the subject of a predicate ("the report was pure fiction"),
   or the event a negated-event cue denies.

Trade-offs: rules, not a parser — precise on news-wire phrasing, blind to denials that use no cue
word ("Moscow said the call never took place" is caught; "Moscow said Trump was confused" is not).
``benchmarks/eval_denials.py`` measures it on a labelled set.

>>> d = detect_denial("Russia has brushed off the leaked audio as fake or exaggerated.")
>>> d.kind, d.denier, d.denied
('dismissal', 'Russia', 'the leaked audio')
>>> detect_denial("Trump hasn't decided how many will be sent.") is None
True
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

import polars as pl

from workbench.claims.actors import NO_ANTECEDENT_ROLES
from workbench.claims.denier import HEADLINE_SOURCE, ActorMemory, QuoteSpan, find_denier, office_holder, quote_spans
from workbench.claims.hedges import find_hedges
from workbench.claims.lexicon import KIND_RANK, Cue, actor_lexicon, denial_lexicon
from workbench.gctune import fewer_collections
from workbench.lexicon import load_toml
from workbench.progress import progress
from workbench.text.prefilter import could_match

if TYPE_CHECKING:
    from workbench.corpus import Corpus

__all__ = ["Denial", "QuoteSpan", "ActorMemory", "detect_denial", "extract_denials", "DENIAL_SCHEMA", "is_question"]

DENIAL_SCHEMA = {
    "article_id": pl.String,
    "sentence_index": pl.Int64,
    "paragraph_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "raw_start": pl.Int64,
    "raw_end": pl.Int64,
    "denier": pl.String,
    "denier_mention": pl.String,
    "cue": pl.String,
    "cue_start": pl.Int64,
    "cue_end": pl.Int64,
    "kind": pl.String,
    "rule": pl.String,
    "denied": pl.String,
    "quote_id": pl.String,
    "is_hedged": pl.Boolean,
    "sentence": pl.String,
}

_OPEN = "“‘\"«"
_CLOSE = "”’\"»"
_CLAUSE_STOP = re.compile(r"[,;:.!?()\u2014\u2013]|\s(?:as|and said|saying|adding|but|because|since|while|although)\s")
_ADVERBS = re.compile(r"^(?:\s*(?:\w+ly|also|again|all|even|both|then|later|once|strongly|had|has|have)\b)+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _when_first() -> re.Pattern[str]:
    """When the denial was made, between the verb and what it denies ("denied Tuesday that …",
    "rejected on Monday the claims"): not part of the claim. Day names from ``timex.toml``."""
    days = "|".join(load_toml("timex.toml").get("weekdays", []))
    return re.compile(rf"^\s*(?:on\s+)?(?:{days}|yesterday|today|tonight|(?:this|last)\s+(?:week|month))\b(?:\s+(?:morning|afternoon|evening|night))?,?",
                      re.IGNORECASE)
_COPULA_BEFORE = re.compile(
    r"(?:\b(?:is|was|are|were|be|been|being|as|called|calling|calls|call|branded|branding|labell?ed|"
    r"termed|terming|deemed)\W+(?:[\w’'-]+\W+){0,4}|[“\"‘]\s*(?:\w+\s+){0,2})$",
    re.IGNORECASE,
)
@dataclass(frozen=True)
class Denial:
    """One denial found in a sentence; offsets are local to the sentence."""

    kind: str
    rule: str
    cue: str
    cue_start: int
    cue_end: int
    denier: str | None = None
    denier_mention: str | None = None
    denied: str | None = None
    quote: QuoteSpan | None = None
    is_hedged: bool = False


# -- small predicates ----------------------------------------------------------------------------


def _uncap(sentence: str) -> str:
    """An ALL-CAPS heading in lower case, with known actors (countries, institutions, demonyms from
    ``actors.toml``) capitalized again. Same length, so offsets hold."""
    lex = actor_lexicon()
    known = set(lex.demonyms) | set(lex.aliases) | {v.lower() for v in lex.aliases.values()}
    known |= {v.lower() for v in lex.demonyms.values()} | set(lex.org_words)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        bare = re.sub(r"[’']s$", "", word)
        return word[:1].upper() + word[1:] if bare in known else word

    return re.sub(r"[^\W\d_][\w’'.\-]*", fix, sentence)


def is_question(sentence: str) -> bool:
    """A sentence that ends with a question mark (before any closing quote or bracket)."""
    return sentence.rstrip().rstrip(_CLOSE + ")]").rstrip().endswith("?")


_CONDITIONAL = re.compile(r"^\W*(?:if|unless|whether|should|once|when)\b", re.IGNORECASE)


def _cancelled(before: str) -> bool:
    """A negator or modal right before the cue, or a conditional clause the cue sits in."""
    lex = denial_lexicon()
    if lex.cancel_before.search(before[-40:]) or lex.intent_before.search(before[-80:]):
        return True
    clause = re.split(r"[,;:]", before)[-1]
    return bool(_CONDITIONAL.match(clause))


def _excluded(sentence: str, start: int, end: int) -> bool:
    for _, pattern in denial_lexicon().exclusions:
        for m in pattern.finditer(sentence):
            if m.start() < end and start < m.end():
                return True
    return False


#: the subject of a passive cue: up to six words, then "was/were/has been …" right before the cue
_PASSIVE_SUBJECT = re.compile(r"((?:[\w’'-]+\W+){1,6}?)(?:was|were|is|are|has been|have been|had been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


#: auxiliaries that make the words after a cue a clause (its subject before them)
_FINITE_AUX = frozenset({"had", "has", "have", "was", "were", "is", "are", "did", "would", "could", "will", "ever"})


#: "… sexual assault charges, which he “strenuously denies”": a claim, then a relative clause whose
#: verb is the cue (its subject and an adverb between)
_RELATIVE_BEFORE = re.compile(r"((?:[\w’'-]+\s+){0,3}?[\w’'-]+)(?:\s*,\s*(?:which|that)|\s+which)\s+(?:[\w’'-]+\s+){1,2}[“\"‘]?(?:\w+ly\s+)?$")
_NOT_IN_CLAIM = re.compile(r"^(?:.*\b(?:to|face|faces|facing|faced|over|on|for|against|about|with|by|from|in)\s+)", re.IGNORECASE)


def _claim_before_relative(sentence: str, start: int) -> str | None:
    """The claim a relative clause's cue denies ("charges, which he denies" → "charges"), if the
    words before the relative pronoun hold a claim noun."""
    m = _RELATIVE_BEFORE.search(sentence, max(0, start - 120), start)
    if m is None:
        return None
    claim = _NOT_IN_CLAIM.sub("", m.group(1))
    words = re.findall(r"[\w’'-]+", claim.lower())
    return claim if any(w in denial_lexicon().claim_words and w not in _NOT_A_NOUN for w in words) else None


#: claim words that name no claim of their own before a relative pronoun ("it was a good year,
#: which nobody denies")
_NOT_A_NOUN = frozenset({"it", "this", "that", "these", "those", "them", "everything", "anything", "such", "any", "ever",
                         "having", "reported", "alleged", "leaked", "purported"})


def _claim_follows(sentence: str, start: int, end: int) -> bool:
    """Whether the words right after the cue at ``start:end`` name a claim (see ``needs =
    "claim"``) — or, for a passive with an agent ("… was denied by the Kremlin"), whether its
    subject does: "the allegations were rejected by", not "the bill was rejected by"."""
    lex = denial_lexicon()
    after = sentence[end:]
    if _claim_before_relative(sentence, start) is not None:  # "the charges, which he denies"
        return True
    if re.match(r"^\s+by\b", after):  # passive with an agent
        head = sentence[max(0, start - 80) : start]
        subject = _PASSIVE_SUBJECT.search(head)
        words = re.findall(r"[\w’'-]+", (subject.group(1) if subject else head).lower())[-lex.claim_window :]
        return any(w in lex.claim_words for w in words)
    rest = _when_first().sub("", _ADVERBS.sub("", after))  # "disputed on Friday night a report"
    first = re.match(r"\W*([\w’'-]+)", rest)
    if not first:
        return False
    word = first.group(1).lower()
    if word in {"that", "whether", "as"} or (word.endswith("ing") and len(word) > 5):
        return True
    stop = _CLAUSE_STOP.search(rest)
    window = rest[: stop.start()] if stop else rest
    words = re.findall(r"[\w’'-]+", window.lower())[: lex.claim_window]
    if any(w in lex.claim_words for w in words) or _thatless_clause(sentence[start:end], words):
        return True
    # "brushed off X as fake", "dismissed X as nonsense"
    return bool(re.search(r"\bas\s+(?:\w+\s+){0,3}?(?:fake|false|untrue|fiction|nonsense|baseless|hoax|lies?|rubbish|absurd|fabricat\w*|exaggerat\w*|propaganda|speculation)\b", rest[:120], re.IGNORECASE))


#: nouns that name a claim someone made ("claims she had lied", "an accusation that …"): what a
#: clause without "that" may follow, and what opens a claim spelled out as a subject (_CLAIM_HEAD)
_REPORT_NOUNS = frozenset({"claims", "claim", "reports", "report", "allegations", "allegation", "suggestions", "suggestion",
                           "rumours", "rumors", "rumour", "rumor", "accusations", "accusation", "assertions", "assertion",
                           "charges", "charge", "story", "stories", "speculation"})


def _thatless_clause(cue: str, words: list[str]) -> bool:
    """"denied fathers' activists had forced the changes", "hit back at claims she had lied": a
    clause without "that" after a form of *deny* or after a claim noun — an auxiliary within its
    first five words, no relative pronoun before it."""
    if not (cue[:3].lower() == "den" or (words and words[0] in _REPORT_NOUNS)):
        return False
    for w in words[1:5]:
        if w in _FINITE_AUX:
            return True
        if w in ("which", "who", "whom", "whose", "where", "when"):
            return False
    return False


def _attributed(sentence: str, start: int, end: int, quotes: Sequence[QuoteSpan]) -> bool:
    """Whether a cue is someone's words: in a quotation, or with a reporting verb in the sentence."""
    if any(q.start <= start and end <= q.end for q in quotes):
        return True
    reporting = denial_lexicon().reporting
    if any(not (m.start() < end and start < m.end()) for m in reporting.finditer(sentence)):
        return True
    # a headline's attribution after a colon: "Claim that Spicer used slur is false: lawyer"
    return HEADLINE_SOURCE.search(sentence, end) is not None


# -- matching cues -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    cue: Cue
    start: int
    end: int
    text: str


def _cue_role(hit: _Hit) -> str:
    """How the denier hangs on this cue (see :func:`~workbench.claims.denier.find_denier`)."""
    if hit.cue.name == "denial noun":
        return "nominal"
    return "reported" if hit.cue.needs == "attribution" else "verb"


def _hits(sentence: str, quotes: Sequence[QuoteSpan], cues: Sequence[Cue] | None = None) -> list[_Hit]:
    hits = []
    for cue in denial_lexicon().cues if cues is None else cues:
        for m in cue.pattern.finditer(sentence):
            start, end = m.start(), m.end()
            if start == end or _excluded(sentence, start, end) or _cancelled(sentence[:start]):
                continue
            if cue.needs == "claim" and not _claim_follows(sentence, start, end):
                continue
            if cue.needs == "attribution":
                if not _attributed(sentence, start, end, quotes):
                    continue
                if cue.kind == "dismissal" and cue.copula and not _COPULA_BEFORE.search(sentence[max(0, start - 60) : start]):
                    continue
            hits.append(_Hit(cue, start, end, m.group(0)))
    return hits


# -- what was denied -----------------------------------------------------------------------------


def _clean(text: str) -> str | None:
    """Trim a claim: outer punctuation and a leading preposition off; a quote cut open is closed."""
    text = text.strip().strip(_OPEN + _CLOSE + " ,;:").strip()
    text = re.sub(r"^'(?=\w)", "", text)  # a straight single quote opening a British quotation
    text = re.sub(r"^(?:that|on|about|over|upon|of|off|aside|at|against)\s+", "", text, flags=re.IGNORECASE)
    if text.count('"') % 2:
        text += '"'
    if text.count("“") > text.count("”"):
        text += "”"
    return text or None


_NP_END = re.compile(
    r"\s\b(?:is|was|are|were|has|have|had|adds?|added|raises?|raised|comes?|came|appears?|appeared|remains?|"
    r"suggests?|suggested|shows?|represents?|creates?|created|highlights?|makes?|made|left|leaves)\b",
    re.IGNORECASE,
)
_PREDICATE_TAIL = re.compile(
    r"\s*(?:\b(?:is|was|are|were|be|been|being|as)\b\W*(?:(?:a|an|the|pure|complete|total|utter|simply|"
    r"completely|entirely|absolutely|just|all|merely)\b\W*){0,3}|\b(?:a|an)\W*)?$",  # or "called the memo a"
    re.IGNORECASE,
)
_PREDICATE_HEAD = re.compile(
    r".*(?:\b(?:that|said|says|saying|claiming|claimed|called|calling|calls|branded|branding|labell?ed|described|describing|termed"
    r"|slammed|slams|blasted|rejected|rejects|dismissed|dismisses|denounced|denounces)\b|[,;:“\"(])",
    re.IGNORECASE | re.DOTALL,
)


def _predicate_subject(left: str) -> str | None:
    """The subject of a predicate cue: "claiming that the report was “pure fiction" -> "the report"."""
    left = left.rstrip().rstrip(_OPEN).rstrip()
    left = _PREDICATE_TAIL.sub("", left)
    claims = list(_CLAIM_HEAD.finditer(left))
    if claims and len(left[claims[-1].start() :].split()) <= 30:
        # "says an accusation that the press secretary used a slur … is false": the whole claim,
        # not what follows its own "that"
        return _clean(left[claims[-1].start() :])
    head = _PREDICATE_HEAD.match(left)
    subject = left[head.end() :] if head else left
    subject = _clean(subject)
    if subject and len(subject.split()) <= 12:
        return subject
    return None


#: a subject that opens with a claim noun: "an accusation that …", "the report that …"
_CLAIM_HEAD = re.compile(rf"\b(?:a|an|the|this|that|these|those)\s+(?:\w+\s+)?(?:{'|'.join(sorted(_REPORT_NOUNS, key=len, reverse=True))})\s+(?:that|of)\b",
                         re.IGNORECASE)


#: a verdict put before its claim: "rejected as “absurd” claims that …"
_AS_BEFORE = re.compile(r"\bas\s*[“\"‘]?\s*$")
#: the verdict after the claim in "called the report “wholly inaccurate”"
_FALSITY_TAIL = re.compile(r"\s*[“\"‘]?(?:(?:simply|completely|entirely|absolutely|totally|utterly|categorically|patently|wholly)\s+)?"
                           r"(?:untrue|false|inaccurate|incorrect|erroneous|misleading)\b", re.IGNORECASE)


#: where or how the denial was made, between the verb and a clause ("denied in Delhi that he named
#: …", "denied in a statement that …"): not part of the claim
_WHERE_FIRST = re.compile(r"^\s*(?:in|at|from|on)\s+(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}|(?:a|an|the|his|her|its|their)(?:\s+[\w’'-]+){1,3}),?(?=\s+(?:that|whether)\b)")


def _denied(sentence: str, hit: _Hit) -> str | None:
    rule = hit.cue.name
    if hit.cue.needs == "attribution" and rule in {"negated event", "no such event"}:
        event = re.sub(r"^there\s+\w+(?:\s+been)?\s+(?:no|never any|not any|not a single)\s+(?:such\s+)?", "", hit.text, flags=re.IGNORECASE)
        event = re.sub(r"^no\s+(?:such\s+)?", "", event, flags=re.IGNORECASE)
        rest = sentence[hit.end :]
        stop = re.search(r"[,;:.!?\u2014\u2013”\"]|\s(?:especially|because|since|but)\s", rest)
        return _clean(event + rest[: stop.start() if stop else len(rest)])
    if rule == "nothing wrong":  # a protest of innocence names no claim ("… had done nothing wrong")
        return None
    if hit.cue.needs == "claim" and (antecedent := _claim_before_relative(sentence, hit.start)) is not None:
        return _clean(antecedent)  # "the charges, which he denies": the antecedent
    if rule == "verdict as":  # "blasted the story as “absolutely ridiculous”": the claim, its object
        return _clean(re.split(r"\s+as\s+[“\"‘]?", sentence[hit.end :], maxsplit=1)[0])
    if rule == "called false":  # "called the allegations “completely false”": the claim, not the verdict
        claim = _FALSITY_TAIL.split(sentence[hit.end :], maxsplit=1)[0]
        return _clean(_NP_END.split(claim)[0])
    if rule == "innocence":  # "pleaded not guilty to two counts of fraud": the charges
        m = re.match(r"\s+to\s+([^,;:.!?]+)", sentence[hit.end :])
        return _clean(m.group(1)) if m else None
    if rule == "not guilty":  # "not guilty of fraud", "innocent of the charges": the charge, if named
        m = re.match(r"\s+of\s+([^,;:.!?”\"]+)", sentence[hit.end :])
        return _clean(_NP_END.split(m.group(1))[0]) if m else None
    if rule == "never did":  # "said she had never met the donor": the deed denied
        deed = re.sub(r"^(?:had |has |have )?never (?:once |ever )?", "", hit.text, flags=re.IGNORECASE)
        rest = sentence[hit.end :]
        stop = re.search(r"[;:!?]|[,.](?:[\s”\"’]|$)|\s(?:and|but|because|since|while)\s", rest)
        return _clean(deed + (rest[: stop.start()] if stop else rest))
    if rule in ("no evidence", "wrong to suggest", "no truth"):  # "no evidence that …", "no basis to a report …": the claim
        rest = sentence[hit.end :]
        stop = re.search(r"[;:!?]|[,.](?:[\s”\"’]|$)", rest)
        return _clean(rest[: stop.start()] if stop else rest)
    if rule in ("claim verdict", "claim wrong"):  # "called the claim outrageous": the claim, its noun in the cue
        noun = re.match(r"[\w’']+", hit.text)
        return _predicate_subject(sentence[: hit.start] + (noun.group(0) if noun else ""))
    if rule == "not true" and (own := re.match(r"(that|it|this|he|she|they|we|you|what)[’']", hit.text, re.IGNORECASE)):
        return own.group(1)  # "that's not true": the pronoun is the subject
    if hit.cue.needs == "attribution":
        subject = _predicate_subject(sentence[: hit.start])
        if subject is None and _AS_BEFORE.search(sentence, 0, hit.start):
            # "Russia has rejected as “absurd” claims that it hacked the vote": the claim follows
            rest = sentence[hit.end :].lstrip("”\"’ ")
            stop = re.search(r"[;:!?]|[,.](?:\s|$)", rest)
            return _clean(rest[: stop.start()] if stop else rest)
        return subject
    if rule == "denial noun":
        m = re.match(r"\s+of\s+([^,;:.!?]+)", sentence[hit.end :])
        return _clean(_NP_END.split(m.group(1))[0]) if m else None
    rest = _ADVERBS.sub("", _when_first().sub("", _WHERE_FIRST.sub("", _ADVERBS.sub("", sentence[hit.end :]))))
    if re.match(r"^\s+by\b", sentence[hit.end :]):
        # passive: the claim is the subject before "was denied"
        m = re.search(r"([^,;:“\"]+?)\s+(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?$", sentence[: hit.start])
        return _clean(m.group(1)) if m else None
    clause = re.match(r"^\W*(?:that|whether)\b", rest) is not None
    if not clause:
        head = _CLAUSE_STOP.search(rest)
        clause = _thatless_clause(hit.text, re.findall(r"[\w’'-]+", (rest[: head.start()] if head else rest).lower()))
    stop = _CLAUSE_STOP.search(rest) if not clause else re.search(r"[;:!?]|[,.](?:\s|$)", rest)
    denied = rest[: stop.start()] if stop else rest
    if not clause:
        # cut a run-on verb off the object ("… conversations appears designed"), but keep a
        # complement clause of the object whole ("claims that its ships had entered …")
        head, sep, tail = denied.partition(" that ")
        denied = _NP_END.split(head)[0] + (sep + tail if sep and _NP_END.split(head)[0] == head else "")
    if _INFINITIVE_BEFORE.search(sentence, max(0, hit.start - 20), hit.start):
        # "went to X to deny the report and harshly criticize the WSJ": the second verb is not the claim
        denied = _AND_VERB.split(denied, maxsplit=1)[0]
    return _clean(denied)


_INFINITIVE_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_AND_VERB = re.compile(r"\s+and\s+(?:\w+ly\s+)?[a-z]+\s+(?=(?:the|a|an|his|her|its|their)\b)")


# -- the public functions ------------------------------------------------------------------------


def detect_denial(
    sentence: str,
    *,
    quotes: Sequence[QuoteSpan] | None = None,
    memory: ActorMemory | None = None,
    cues: Sequence[Cue] | None = None,
) -> Denial | None:
    """The denial, dismissal or doubt reported in ``sentence``, or None.

    ``quotes`` are quotations in the sentence (local offsets; found from the quote marks when not
    given); ``memory`` holds the last actors named before this sentence, for pronouns; ``cues``
    limits the lexicon's cues to those (a caller that has ruled the others out, see
    :func:`extract_denials`).

    >>> d = detect_denial("“The fact is that there were no telephone conversations then,” Peskov stated.")
    >>> d.kind, d.denier, d.denied
    ('denial', 'Peskov', 'telephone conversations then')
    >>> detect_denial("Was the report denied?") is None
    True
    """
    if not sentence or not sentence.strip() or is_question(sentence):
        return None
    original = sentence
    if sentence.isupper():
        # an ALL-CAPS heading: read it in title case (same length, so offsets hold)
        sentence = _uncap(sentence)
    spans = list(quotes) if quotes is not None else quote_spans(sentence)
    hits = _hits(sentence, spans, cues)
    if not hits:
        return None
    best = max(hits, key=lambda h: (KIND_RANK[h.cue.kind], -h.start))
    # the denier hangs on the first cue of the sentence when several kinds are present
    first = min(hits, key=lambda h: h.start)
    denier, mention, quote = find_denier(sentence, first.start, first.end, cue=_cue_role(first), quotes=spans, memory=memory)
    if denier is None and first is not best:
        denier, mention, quote = find_denier(sentence, best.start, best.end, cue=_cue_role(best), quotes=spans, memory=memory)
    denied = _denied(sentence, first) or _denied(sentence, best)
    hedged = any(h.category in {"hedge", "uncertainty"} for h in find_hedges(sentence))
    return Denial(
        kind=best.cue.kind,
        rule=best.cue.name,
        cue=original[best.start : best.end],
        cue_start=best.start,
        cue_end=best.end,
        denier=denier,
        denier_mention=mention,
        denied=denied,
        quote=quote,
        is_hedged=hedged,
    )


def _load_quotes(corpus: Corpus, quotes: pl.DataFrame | None) -> pl.DataFrame | None:
    """The quotes frame: given, or from ``workbench.quotes.extract_quotes`` when that module exists.

    Returns None (and quote_id stays null) when the quotes module is missing or fails: denial
    detection does not depend on it, only the linkage does.
    """
    if quotes is not None:
        return quotes
    try:
        from workbench.quotes import extract_quotes  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return extract_quotes(corpus)
    except Exception as exc:  # noqa: BLE001 - a failing optional dependency must not break denials
        warnings.warn(f"extract_denials: wb.extract_quotes failed ({exc!r}); quote_id is left empty", stacklevel=3)
        return None


def _quotes_by_article(quotes: pl.DataFrame | None) -> dict[str, list[tuple[int, int, str | None, str | None]]] | None:
    """(start, end, speaker, quote_id) of each article's quotes, grouped once (not filtered per sentence)."""
    if quotes is None or quotes.is_empty() or not {"article_id", "start", "end"} <= set(quotes.columns):
        return None
    cols = [c if c in quotes.columns else None for c in ("speaker", "quote_id")]
    out: dict[str, list[tuple[int, int, str | None, str | None]]] = {}
    frame = quotes.select("article_id", "start", "end", *[pl.col(c) if c else pl.lit(None).alias(f"_{i}") for i, c in enumerate(cols)])
    for aid, start, end, speaker, qid in frame.iter_rows():
        out.setdefault(aid, []).append((start, end, speaker, None if qid is None else str(qid)))
    return out


def _sentence_quotes(quotes: dict[str, list[tuple[int, int, str | None, str | None]]] | None, article_id: str, start: int, end: int) -> list[QuoteSpan] | None:
    if quotes is None:
        return None
    return [
        QuoteSpan(max(qs, start) - start, min(qe, end) - start, speaker, qid)
        for qs, qe, speaker, qid in quotes.get(article_id, ())
        if qs < end and qe > start
    ]


def _quote_id(found: Denial, spans: Sequence[QuoteSpan]) -> str | None:
    """The quote the denial is (partly) made of: the one holding the cue, else the first quote of
    the sentence known to the quotes module (“… cast doubt on the timeline: “After all, …””)."""
    if found.quote is not None and found.quote.quote_id is not None:
        return found.quote.quote_id
    return next((q.quote_id for q in spans if q.quote_id is not None), None)


#: switch the vectorized prefilter off (a test compares both ways): same rows, only slower
PREFILTER = True


def _cue_bits(texts: pl.Series) -> list[int]:
    """Per sentence, which cues can match it, as one integer (bit i: the lexicon's cue i) — the
    lexicon's patterns widened to Rust regexes and run over the whole column in polars
    (:mod:`workbench.text.prefilter`); a cue that cannot match a sentence is not tried there, in
    Python, and a sentence no cue can match is not visited at all."""
    cues = denial_lexicon().cues
    possible = could_match(texts, [c.superset if PREFILTER else None for c in cues])
    if not possible:
        return [0] * texts.len()
    if len(possible) > 63:  # past an Int64's bits: the same integers, made in Python
        return [sum(1 << i for i, can in enumerate(row) if can) for row in zip(*(p.to_list() for p in possible))]
    return pl.DataFrame(possible[:1]).select(pl.sum_horizontal(
        mask.cast(pl.Int64) * (1 << i) for i, mask in enumerate(possible)).alias("bits")).get_column("bits").to_list()


@lru_cache(maxsize=4096)
def _cues_of(bits: int) -> tuple[Cue, ...]:
    return tuple(c for i, c in enumerate(denial_lexicon().cues) if bits >> i & 1)


@fewer_collections
def extract_denials(corpus: Corpus, *, quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per sentence reporting a denial, dismissal or doubt (schema :data:`DENIAL_SCHEMA`).

    ``quotes``: a frame from ``wb.extract_quotes(corpus)`` (``article_id``, ``quote_id``, ``start``,
    ``end``, ``speaker``); when None the quotes module is tried and, if absent, quotation marks in
    the sentence stand in (``quote_id`` is then null). A denial inside a quotation takes the quote's
    speaker as its denier. ``start``/``end`` are the sentence's offsets into ``text``; ``cue_start``/
    ``cue_end`` the cue's. Rows are in corpus order: articles as loaded, then sentences.
    """
    quotes_frame = _quotes_by_article(_load_quotes(corpus, quotes))
    rows = []
    sentences = corpus.sentences.sort("article_id", "sentence_index")
    bits = _cue_bits(sentences["text"])
    # only the sentences a cue can match are visited (a few in a hundred); the memory of the actors
    # named before one is brought up to date from the sentences in between, in order, when needed
    at = [i for i, b in enumerate(bits) if b]
    texts = sentences.get_column("text").to_list()
    roles = sentences.get_column("role").to_list()
    ids = sentences.get_column("article_id").to_list()
    first = sentences.with_row_index("_r").select(pl.col("_r").min().over("article_id")).to_series().to_list()  # article's first row
    picked = sentences[at].select("sentence_index", "paragraph_index", "start", "end").iter_rows()
    memory = ActorMemory()
    current = None
    caught = 0  # the current article's sentences before this one are in the memory
    for r, (sentence_index, paragraph_index, start, end) in progress(
            zip(at, picked), total=len(at), enabled=None if corpus.articles.height > 200 else False, what="sentences with a cue"):
        aid, role, text = ids[r], roles[r], texts[r] or ""
        if aid != current:
            current, memory, caught = aid, ActorMemory(), first[r]
        for j in range(caught, r):
            if roles[j] not in NO_ANTECEDENT_ROLES:
                memory.remember(texts[j] or "")
        caught = r  # remembered in turn when a later sentence needs it
        cues = _cues_of(bits[r])
        linked = _sentence_quotes(quotes_frame, aid, start, end)
        local = quote_spans(text)
        if linked:
            # the quotes module's spans (with speakers and ids) first, quote marks for the rest
            spans = linked + [q for q in local if not any(q.start < l.end and l.start < q.end for l in linked)]
        else:
            spans = local
        found = detect_denial(text, quotes=spans, memory=memory, cues=cues) if role != "dateline" else None
        if found is not None:
            rows.append(
                {
                    "article_id": aid,
                    "sentence_index": sentence_index,
                    "paragraph_index": paragraph_index,
                    "start": start,
                    "end": end,
                    "denier": found.denier,
                    "denier_mention": found.denier_mention,
                    "cue": found.cue,
                    "cue_start": start + found.cue_start,
                    "cue_end": start + found.cue_end,
                    "kind": found.kind,
                    "rule": found.rule,
                    "denied": found.denied,
                    "quote_id": _quote_id(found, spans),
                    "is_hedged": found.is_hedged,
                    "sentence": text,
                }
            )
    _name_office_holders(corpus, rows)
    _name_institutions(corpus, rows)
    schema = {k: v for k, v in DENIAL_SCHEMA.items() if k not in {"raw_start", "raw_end"}}
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    frame = corpus.map_offsets(frame)
    return corpus.in_order(frame.select(list(DENIAL_SCHEMA)), "sentence_index")


def _texts_of(corpus: Corpus, rows: list[dict]) -> dict[str, str]:
    """The texts of the rows' articles, in one filter (one lookup per row scanned the whole
    articles frame)."""
    ids = pl.Series(list(dict.fromkeys(row["article_id"] for row in rows)), dtype=pl.String).implode()
    return dict(corpus.articles.filter(pl.col("article_id").is_in(ids)).select("article_id", "text").iter_rows())


def _name_office_holders(corpus: Corpus, rows: list[dict]) -> None:
    """A denier that is an office ("Mayor denies …", "the mayor of Springfield rejected …") becomes
    the one person the article names with that title ("Springfield Mayor Thomas Reed" → Reed); an
    office the article gives no single holder is the body or place it is of ("the mayor of
    Springfield" → Springfield, as before), else stays the office."""
    from workbench.claims.actors import canonical_actor
    from workbench.claims.lexicon import actor_lexicon

    titles = actor_lexicon().titles
    offices = [row for row in rows if (o := row["denier"]) and o[:1].islower() and o in titles and not o.endswith("s")]
    if not offices:
        return
    texts = _texts_of(corpus, offices)
    for row in offices:
        # else the body or place the office is of ("the mayor of Springfield", "Springfield mayor")
        holder = office_holder(texts[row["article_id"]], row["denier"]) or canonical_actor(row["denier_mention"] or "")
        if holder and holder[:1].isupper():
            row["denier"] = holder


def _name_institutions(corpus: Corpus, rows: list[dict]) -> None:
    """A denier that is an institution's role noun ("The company denied …", "the government
    rejected …") becomes the institution the article named last before the denial ("General
    Motors"; for "the government", the country), as a quotation's speaker does; with none named,
    it stays the role."""
    from workbench.claims.actors import NAMED_ROLES, ORG_ROLES, institution_before

    roles = [row for row in rows if row["denier"] in ORG_ROLES or row["denier"] in NAMED_ROLES]
    if not roles:
        return
    texts = _texts_of(corpus, roles)
    for row in roles:
        named = institution_before(texts[row["article_id"]][: row["start"]], row["denier"])
        if named:
            row["denier"] = named


def denials_of(sentences: Iterable[str]) -> list[Denial | None]:
    """:func:`detect_denial` over consecutive sentences of one text, remembering actors (for pronouns)."""
    memory = ActorMemory()
    out = []
    for sentence in sentences:
        out.append(detect_denial(sentence, memory=memory))
        memory.remember(sentence)
    return out
