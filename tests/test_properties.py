"""Property tests (hypothesis): loading never raises, normalization is a traceable fixed point.

Inputs: arbitrary Unicode text; text built from the characters that trip the normalizer (mojibake
fragments, entities, escapes, odd spaces, quotes, line separators); arbitrary bytes; and the seed
articles with random edits. Properties:

* loading never raises (a file with no text at all is reported, and only an all-bad folder raises
  ``ValueError``), and the normalizer never fails on an article (no ``normalize-failed`` problem);
* normalization is idempotent: ``normalize(normalize(x).text).text == normalize(x).text``;
* repairs replay to ``text``, and every paragraph, sentence and section row traces back to
  ``raw_text`` (:func:`helpers.assert_rows_trace_to_raw`);
* :func:`fix_mojibake` leaves correct text unchanged, on a class of text that cannot form mojibake
  (see :data:`NO_MOJIBAKE`).

Example counts come from the ``workbench`` profile in ``tests/conftest.py`` (300 per property, 1000
for the cheap string-level ones); ``HYPOTHESIS_PROFILE=quick`` runs 30 for a fast local loop.
"""

from __future__ import annotations

import re

import tempfile
import warnings
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench as wb
from conftest import SEEDS
from helpers import assert_repairs_replay, assert_rows_trace_to_raw
from workbench.corpus import CorpusWarning
from workbench.text.mojibake import fix_mojibake
from workbench.text.normalize import normalize_text

settings_for = settings.default  # the profile loaded in conftest.py
CHEAP = max(settings_for.max_examples, 1000) if settings_for.max_examples >= 300 else settings_for.max_examples

#: fragments the normalizer acts on: mojibake (Windows-1252 and Windows-874 flavours), entities,
#: Markdown escapes, invisible and odd spaces, CR/LF and Unicode line breaks, quotes, boilerplate
TRICKY = [
    "â€™", "â€œ", "â€", "Ã©", "Ã", "โ€™", "โ€œ", "โ€ฆ", "รฉ", "&amp;", "&#8217;", "&nbsp;", "&bogus;",
    "\\*", "\\$", "\\\\", "\u200b", "\u00ad", "\ufeff", "\u00a0", "\u2009", "\t", "\r\n", "\r", "\n",
    "\n\n", "\u2028", "\x85", "“", "”", "‘", "’", '"', "«", "»", "—", "–", "…", "U.S.", "Mr.",
    "WASHINGTON — ", "Leave a Reply", "Share this:", "# ", "**", "Published March 1, 2024", ". ", "ไทย",
    "\x00", "\x1b[31m", "\ud7ff", "\U0001f600", "e\u0301",
]
tricky_text = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(max_size=8), st.sampled_from(["The talks", "resumed", "on", "Monday", "said", "he"])),
    max_size=60,
).map(" ".join) | st.lists(st.sampled_from(TRICKY + [" ", "a", "Word"]), max_size=80).map("".join)

any_text = st.text(max_size=400) | tricky_text


def _load_texts(texts: dict[str, str | bytes]):
    """Write the articles to a scratch folder and load it (warnings collected, not shown)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in texts.items():
            (Path(tmp) / f"{name}.txt").write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            return wb.load_corpus(tmp)


def _check_corpus(corpus) -> None:
    assert "normalize-failed" not in corpus.problems["problem"].to_list(), corpus.problems
    assert_repairs_replay(corpus)
    for frame in (corpus.paragraphs, corpus.sentences):
        assert_rows_trace_to_raw(corpus, frame)
    assert_rows_trace_to_raw(corpus, corpus.sections, text_column=None)
    # rows are ordered and indexed 0..n-1 per article
    for frame, index in ((corpus.paragraphs, "paragraph_index"), (corpus.sentences, "sentence_index")):
        for _, group in frame.group_by("article_id"):
            assert group[index].to_list() == list(range(group.height))
            assert group["start"].to_list() == sorted(group["start"].to_list())
    for aid, text in corpus.articles.select("article_id", "text").iter_rows():
        assert normalize_text(text).text == text, f"{aid}: the normalized text is not a fixed point"


@given(any_text)
@settings(max_examples=CHEAP)
def test_normalization_is_idempotent_and_replays(raw):
    n = normalize_text(raw)
    assert normalize_text(n.text).text == n.text
    from workbench.text.edits import replay

    assert replay(raw, n.repairs) == n.text
    # the repairs log is sorted, non-overlapping, and each repair changes something
    ends = 0
    for r in n.repairs:
        assert ends <= r.raw_start <= r.raw_end <= len(raw) and r.before != r.after
        ends = r.raw_end


@given(any_text)
def test_loading_any_text_never_raises_and_traces(raw):
    corpus = _load_texts({"fuzz": raw, "anchor": "A headline that always loads\n\nBody text here.\n"})
    assert "anchor" in corpus.article_ids
    assert "fuzz" in corpus.article_ids or "fuzz" in corpus.problems["article_id"].to_list()
    _check_corpus(corpus)


@given(st.binary(max_size=600))
def test_loading_any_bytes_never_raises(data):
    try:
        corpus = _load_texts({"blob": data})
    except ValueError as exc:  # only when nothing loaded, and then the file and the reason are named
        assert "nothing could be loaded" in str(exc) and "blob.txt" in str(exc)
        return
    assert corpus.article_ids == ["blob"]
    _check_corpus(corpus)


_SEED_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@st.composite
def edited_seed(draw):
    """A seed article with 1-8 random edits: a span deleted, replaced or duplicated, or text inserted."""
    name = draw(st.sampled_from(sorted(_SEED_TEXTS)))
    text = _SEED_TEXTS[name]
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        op = draw(st.sampled_from(["delete", "replace", "insert", "duplicate"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            piece = draw(tricky_text | st.text(max_size=20))
            text = text[:i] + piece + (text[i:] if op == "insert" else text[j:])
    return name, text


@given(edited_seed())
def test_edited_seeds_load_and_trace(case):
    name, text = case
    corpus = _load_texts({name: text})
    assert corpus.article_ids == [name]
    _check_corpus(corpus)
    art = corpus.article(name)
    if art["text"].strip():
        assert corpus.paragraphs.height >= 1 and corpus.sentences.height >= 1


#: Text that cannot form mojibake. Characters: ASCII letters, digits, punctuation and spaces, line
#: feeds, CJK Unified Ideographs (U+4E00-U+9FFF) and the typographic marks “ ” ‘ ’ – — ….
#: Why none of it can be mojibake: mojibake is UTF-8 bytes decoded with a single-byte code page, so
#: a mojibake run is a UTF-8 lead byte (0xC2-0xF4) followed by continuation bytes (0x80-0xBF) in
#: that code page. CJK ideographs exist in none of the code pages ftfy or the Windows-874 repair
#: try; ASCII is below 0x80; and the typographic marks are continuation bytes only in the Windows
#: code pages (0x85, 0x91-0x97), lead bytes only in Mac Roman (0xC9, 0xD0-0xD5) and absent from the
#: others — so no code page turns a run of these characters into a lead byte plus continuations.
NO_MOJIBAKE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(list("\n“”‘’–—…")),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    ),
    max_size=300,
)


@given(NO_MOJIBAKE)
@settings(max_examples=CHEAP)
def test_fix_mojibake_leaves_correct_text_unchanged(text):
    assert fix_mojibake(text) == text


@given(NO_MOJIBAKE)
def test_normalizer_logs_no_mojibake_repair_on_correct_text(text):
    assert not [r for r in normalize_text(text).repairs if "mojibake" in r.kind]


@given(st.text(max_size=300))
@settings(max_examples=CHEAP)
def test_fix_mojibake_is_idempotent(text):
    once = fix_mojibake(text)
    assert fix_mojibake(once) == once


def test_the_profile_runs_enough_examples():
    """Guard: CI must not silently run the property tests with a handful of examples."""
    import os

    if os.environ.get("HYPOTHESIS_PROFILE", "workbench") == "workbench":
        assert settings_for.max_examples >= 300 and CHEAP >= 1000 and settings_for.deadline is None


def test_helper_catches_a_broken_offset(seeds):
    """The tracing helper is not vacuous: one wrong raw offset, or a wrong text, fails it."""
    import pytest

    assert assert_rows_trace_to_raw(seeds, seeds.sentences) == seeds.sentences.height
    broken = seeds.sentences.with_columns(
        pl.when(pl.col("sentence_index") == 3).then(pl.col("raw_end") + 1).otherwise(pl.col("raw_end")).alias("raw_end")
    )
    with pytest.raises(AssertionError, match="to_raw"):
        assert_rows_trace_to_raw(seeds, broken)
    wrong_text = seeds.sentences.with_columns(pl.col("text").str.replace("^.", "X"))
    with pytest.raises(AssertionError, match="text is not"):
        assert_rows_trace_to_raw(seeds, wrong_text)


@given(any_text, st.data())
def test_arbitrary_spans_map_to_raw(raw, data):
    """What extractors (quotes, dates) rely on: any span of ``text``, mapped with ``map_offsets``,
    agrees with ``to_raw`` and replays from the raw text (widened to the repaired runs it cuts)."""
    corpus = _load_texts({"fuzz": raw, "anchor": "A headline that always loads\n\nBody text here.\n"})
    rows = []
    for aid, text in corpus.articles.select("article_id", "text").iter_rows():
        for _ in range(data.draw(st.integers(1, 6))):
            s = data.draw(st.integers(0, len(text)))
            e = data.draw(st.integers(s, len(text)))
            rows.append({"article_id": aid, "start": s, "end": e})
    frame = corpus.map_offsets(pl.DataFrame(rows, schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64}))
    assert_rows_trace_to_raw(corpus, frame, text_column=None)


@pytest.mark.parametrize(
    "raw,text",
    [
        ("Aยก฿\x80", "A¡฿€"),  # ftfy's € completed a Windows-874 sequence: a second pass is needed
        (" Â 0", "0"),  # ftfy's verdict on "Â 0" depended on the leading space: whitespace goes first
        ("&amp;amp; and \\&amp;", "& and &"),  # a decoded entity or escape revealing another one
        ("&am\u200bp;", "&"),  # deleting an invisible character completes an entity
    ],
)
def test_fixed_points_found_by_hypothesis(raw, text):
    n = normalize_text(raw)
    assert n.text == text and normalize_text(n.text).text == n.text


def test_fix_mojibake_repeats_until_nothing_changes():
    assert fix_mojibake("À\x0b\x86") == "ˠ" == fix_mojibake(fix_mojibake("À\x0b\x86"))


WHITESPACE_HEAVY = st.text(alphabet=st.sampled_from(list(" \t\n\r\u00a0\u2009\u3000\u200b\x0b\x0c\x1c\x85\u2028ab.")), max_size=40)


#: the whitespace rule written as one plain regex over the whole text: the definition that
#: ``normalize.whitespace`` (a prefilter, then a scan of candidate runs only) must agree with
_SP = "[ \\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_WS_REFERENCE = re.compile(
    rf"(?P<lead>\A\s+)|(?P<trail>\s+\Z)|(?P<blank>{_SP}*\n(?:{_SP}*\n)+{_SP}*)"
    rf"|(?P<eol>{_SP}+\n{_SP}*|\n{_SP}+)|(?P<space>{_SP}{{2,}}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])"
)


def _whitespace_reference(text: str) -> list[tuple[int, int, str, str]]:
    if re.search("[\u200b\u200c\u2060\ufeff\u00ad]", text):
        return [(m.start(), m.end(), "", "invisible-character") for m in re.finditer("[\u200b\u200c\u2060\ufeff\u00ad]", text)]
    out = []
    for m in _WS_REFERENCE.finditer(text):
        after = {"lead": "", "trail": "", "blank": "\n\n", "eol": "\n", "space": " "}[m.lastgroup]
        if m.lastgroup == "trail" and "\n" in m.group():
            after = "\n"
        if m.group() != after:
            rule = f"{m.lastgroup}-space" if m.lastgroup in ("lead", "trail") else m.lastgroup
            out.append((m.start(), m.end(), after, rule))
    return out


@given(WHITESPACE_HEAVY | any_text)
@settings(max_examples=CHEAP)
def test_whitespace_fast_scan_agrees_with_the_plain_rule(text):
    """``whitespace`` skips texts a quick test finds nothing in and scans only candidate runs: it
    must give exactly the edits of the rule applied by one regex over the whole text."""
    import workbench.text.normalize as norm

    assert [(e.start, e.end, e.after, e.rule) for e in norm.whitespace(text)] == _whitespace_reference(text)


#: every extractor whose rows carry offsets; each must run on any text and trace back to raw_text
EXTRACTORS = ["extract_quotes", "extract_dates", "timeline", "extract_denials", "hedges"]


def _check_extractors(corpus) -> None:
    for name in EXTRACTORS:
        frame = getattr(wb, name)(corpus)
        text_column = "text" if name != "extract_denials" else None
        assert_rows_trace_to_raw(corpus, frame, text_column=text_column if "text" in frame.columns else None)


@given(edited_seed())
@settings(max_examples=60)
def test_extractors_on_edited_seeds_never_raise_and_trace(case):
    name, text = case
    _check_extractors(_load_texts({name: text}))


@given(any_text)
@settings(max_examples=150)
def test_extractors_on_any_text_never_raise_and_trace(raw):
    _check_extractors(_load_texts({"a": raw}))


def _sentence_bounds_plain(text: str, at: int) -> tuple[int, int]:
    """The scan: every break but a full stop after an initial or a name's title ("R. Kelly")."""
    from workbench.text.sentences import closes_name_abbreviation

    def real(mark: int) -> bool:
        return text[mark] != "." or not closes_name_abbreviation(text, mark)

    lo = 0
    for m in re.finditer(r"[.!?][”\"’]?\s+(?=[A-Z“\"‘])", text):
        if m.end() > at:
            break
        if real(m.start()):
            lo = m.end()
    ends = re.finditer(r"[.!?][”\"’]?(?:\s+(?=[A-Z“\"‘])|\s*$)", text[at:])
    m = next((m for m in ends if at + m.end() >= len(text) or real(at + m.start())), None)
    return lo, (at + m.end() if m else len(text))


@given(st.text(alphabet=st.sampled_from(list("ab A.!?”\"’“‘\n ")), max_size=40), st.integers(0, 40))
@settings(max_examples=CHEAP)
def test_sentence_bounds_from_cached_starts_agree_with_the_scan(text, at):
    """Quotes ask for a paragraph's sentence bounds once per quotation: the sentence starts are
    found once per paragraph, and each answer must be the scan's."""
    from workbench.quotes.extract import _sentence_bounds

    at = min(at, len(text))
    assert _sentence_bounds(text, at) == _sentence_bounds_plain(text, at)
