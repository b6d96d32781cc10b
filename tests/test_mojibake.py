"""Mojibake repair: ftfy's own cases, the Windows-874 kind ftfy misses, and text that must not change."""

from __future__ import annotations

import json
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ftfy.fixes import uncurl_quotes

from conftest import ROOT, SEEDS
from workbench import fix_mojibake
from workbench.text.mojibake import SLOPPY_874, fix_874

CASES = ROOT / "tests" / "data" / "ftfy-test-cases"


def _cases(names):
    out = []
    for name in names:
        for case in json.loads((CASES / name).read_text(encoding="utf-8")):
            out.append(pytest.param(case, id=f"{name}:{case['label'][:40]}"))
    return out


def _loose(s: str) -> str:
    # ftfy's expected output also straightens quotes and applies NFC; the workbench keeps curly
    # quotes and never normalizes correct text, so compare modulo exactly those two things
    return unicodedata.normalize("NFC", uncurl_quotes(s))


@pytest.mark.parametrize("case", _cases(["in-the-wild.json", "synthetic.json", "language-names.json", "negative.json"]))
def test_ftfy_pass_cases_are_repaired(case):
    assert case["expect"] == "pass"
    got = fix_mojibake(case["original"])
    expected = {_loose(case["fixed"]), _loose(case.get("fixed-encoding", case["fixed"]))}
    assert _loose(got) in expected


@pytest.mark.parametrize("case", _cases(["negative.json"]))
def test_ftfy_negative_inputs_are_unchanged(case):
    original = case["original"]
    if case.get("fixed-encoding", case["fixed"]) != original:
        # the one negative case that ftfy itself changes on purpose (a C1 control, not correct text)
        assert fix_mojibake(original) == case.get("fixed-encoding", case["fixed"])
    else:
        assert fix_mojibake(original) == original


def _as_874(text: str) -> str:
    """Simulate the damage: UTF-8 bytes decoded with a sloppy Windows-874 decoder."""
    return "".join(SLOPPY_874[b] for b in text.encode("utf-8"))


WINDOWS_874 = [
    ("Trumpโ€™s", "Trump’s"),
    ("โ€œquotedโ€", "“quoted”"),  # the bare โ€ lost its 0x9D byte: it is ”
    ("โ€˜singleโ€™", "‘single’"),
    ("and soโ€ฆ", "and so…"),
    ("a โ€” dash", "a — dash"),
    ("cafรฉ", "café"),
    ("RUSSIAโ€™S FORCEFUL DENIAL", "RUSSIA’S FORCEFUL DENIAL"),
]


@pytest.mark.parametrize("damaged,fixed", WINDOWS_874)
def test_windows_874_mojibake_is_repaired(damaged, fixed):
    assert fix_mojibake(damaged) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky’s “clear escalation of terror” — and so on…",
        "“Why haven’t you struck Moscow?” ‘bomb’",
        "Владимир Путин сказал: «Это фейк».",
        "ภาษาไทย โรงเรียน “โกง” การ” เป็น",
        "東京で会談した。北京と台北。",
        "Zürich, São Paulo, Kraków, Łódź, Ångström, naïve café, Ελληνικά",
        "Emoji 👍 and 🇺🇦 flags; math ∑ ≤ ≥; currency € £ ¥ ₴ ₽",
        "A decomposed e\u0301 stays decomposed",
        "C:\\Users\\path and a \\ backslash",
    ],
)
def test_correct_text_is_never_changed(text):
    assert fix_mojibake(text) == text


def test_round_trip_of_random_windows_874_damage():
    """Any text made of Latin letters and typographic punctuation survives the 874 round trip."""
    samples = ["It’s “fine” — really…", "Zelenskyy’s ‘pause’ – 10% ™", "naïve café résumé"]
    for s in samples:
        assert fix_mojibake(_as_874(s)) == s


def _as_874_latin1(text: str) -> str:
    """The same damage by a decoder that leaves the bytes Windows-874 lacks as Latin-1 (C1 controls)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp874"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def test_round_trip_of_windows_874_damage_with_latin_1_fallback():
    """“ is E2 80 9C; 0x9C is undefined in Windows-874, so this decoder gives ``โ€\\x9c`` — it used to
    come out as ``”œ`` (a lost-byte guess plus ftfy's C1 repair)."""
    samples = ["It’s “fine” — really…", "Zelenskyy’s ‘pause’ – 10% ™", "a “special flight” from", "naïve café résumé"]
    for s in samples:
        damaged = _as_874_latin1(s)
        assert damaged != s and fix_mojibake(damaged) == s


def test_seed_002_has_no_mojibake_left():
    raw = (SEEDS / "002_d8c9a91bb1925eed.txt").read_text(encoding="utf-8")
    assert "โ€" in raw
    fixed = fix_mojibake(raw)
    assert "โ" not in fixed and "€" not in fixed
    assert "“With Putin I said, ‘If you go into Ukraine, I’m going to bomb the sh*t out of Moscow." in fixed
    assert "titled “2024,”" in fixed


def test_fix_874_alone_leaves_other_mojibake_to_ftfy():
    assert fix_874("cafÃ©") == "cafÃ©"
    assert fix_mojibake("cafÃ©") == "café"


def test_fix_mojibake_is_idempotent_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        once = fix_mojibake(path.read_text(encoding="utf-8"))
        assert fix_mojibake(once) == once


# -- the fast path: texts that cannot hold mojibake are skipped ---------------------------------


def _slow_path_would_change(text: str) -> bool:
    """The repairers without the fast path: ftfy itself, or a Windows-874 candidate sequence."""
    import ftfy

    from workbench.text.mojibake import _CANDIDATE_874, FTFY_CONFIG

    return ftfy.fix_text(text, FTFY_CONFIG) != text or _CANDIDATE_874.search(text) is not None


def test_fast_path_skips_nothing_the_repairers_would_change():
    """Every text of ftfy's cases (damaged and fixed) and of the seeds that ftfy or the Windows-874
    rule would touch is flagged by the fast-path test, so skipping the others loses nothing."""
    from workbench.text.mojibake import may_have_mojibake

    texts = [c[k] for name in sorted(p.name for p in CASES.glob("*.json")) for c in json.loads((CASES / name).read_text(encoding="utf-8"))
             for k in ("original", "fixed") if k in c]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    touched = [t for t in texts if _slow_path_would_change(t)]
    assert len(touched) > 100
    assert [t for t in touched if not may_have_mojibake(t)] == []


def test_fast_path_flags_every_character_ftfy_flags_next_to_ascii():
    """The pair rule of MAYBE_MOJIBAKE needs two non-ASCII characters in a row; a character that
    ftfy's badness rules flag with plain ASCII around it must be in its list of single characters.
    Checked for every character of ftfy's badness categories and pattern, in ASCII contexts."""
    from ftfy.badness import BADNESS_RE

    from workbench.text.mojibake import may_have_mojibake

    chars = {c for c in BADNESS_RE.pattern if ord(c) >= 0x80} | {chr(c) for c in range(0x80, 0x2600)}
    contexts = ["", " ", "a", "A", "1", ".", "_", "\n"]
    flagged = []
    for ch in sorted(chars):
        texts = [left + ch + right for left in contexts for right in contexts]
        if BADNESS_RE.search("\x00".join(texts)):
            flagged.append(ch)
            assert all(may_have_mojibake(t) for t in texts if BADNESS_RE.search(t)), repr(ch)
    assert {"Ã", "Â", "œ", "\x85"} <= set(flagged)  # the check sees what it should


@given(st.text(alphabet=st.sampled_from(list(string.printable) + list("‘’“”–—…€™œŒ˜âÃÂโ\x85\x9d·é£°×²ü\ufeff\u2028\xa0ØÙ√≈‚Äв")), max_size=30))
@settings(max_examples=300, deadline=None)
def test_fast_path_property(text):
    from workbench.text.mojibake import may_have_mojibake

    if not may_have_mojibake(text):
        assert not _slow_path_would_change(text)


def test_fast_path_passes_clean_news_punctuation():
    from workbench.text.mojibake import may_have_mojibake

    assert not may_have_mojibake("“We won’t,” she said — twice… (AP) 50% of $3\tmillion\r\n")
    # one non-ASCII letter or sign between ASCII is no mojibake: the slow path is not taken
    assert not may_have_mojibake("José Mourinho paid £5m in Zürich at 20°C; “Café,” he said…”’")
    for dirty in ("Trumpโ€™s", "cafÃ©", "x\x85y", "\ufffd", "bell\x07", "Київ", "Ã ", "œ ", "\ufeffBOM", "\ud800", "Ã©"):
        assert may_have_mojibake(dirty), dirty


def test_fix_mojibake_column_matches_the_scalar_repair():
    import polars as pl

    texts = ["clean “text” — fine", "Trumpโ€™s โ€œdealโ€", "cafÃ©", None, "ภาษาไทย", ""]
    import workbench as wb

    out = wb.fix_mojibake_column(pl.Series("text", texts))
    assert out.name == "text" and out.to_list() == [None if t is None else fix_mojibake(t) for t in texts]
    assert out.to_list()[1] == "Trump’s “deal”"


def test_python_form_of_the_condition_is_the_documented_one():
    """may_have_mojibake uses a form of MAYBE_MOJIBAKE written for re's fast scan (a single class
    first, the rest by lookbehind). It must say yes exactly where MAYBE_MOJIBAKE (plus lone
    surrogates) matches: every pair of characters from each class the condition tells apart, in
    ASCII contexts, and every character of the first 12,288 code points alone."""
    import re

    from workbench.text.mojibake import MAYBE_MOJIBAKE, may_have_mojibake

    reference = re.compile(MAYBE_MOJIBAKE + r"|[\ud800-\udfff]")
    kinds = "aZ0 \t\n\r~\x00\x07\x0b\x1f\x7f\x80\x85\x9f\xa0£éÂÃŒœ‘’“”–—…€™โ€\u206a\u206f\ufeff\ufff9\ufffd\ud800\udfff\u2028Ж中😀"
    for a in kinds:
        for b in kinds:
            for text in (a + b, "x" + a + b + "y", a, a + " " + b):
                assert may_have_mojibake(text) == (reference.search(text) is not None), repr(text)
    for code in range(0x3000):
        text = f"a{chr(code)}b"
        assert may_have_mojibake(text) == (reference.search(text) is not None), hex(code)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_python_form_of_the_condition_property(text):
    import re

    from workbench.text.mojibake import MAYBE_MOJIBAKE, may_have_mojibake

    assert may_have_mojibake(text) == (re.search(MAYBE_MOJIBAKE + r"|[\ud800-\udfff]", text) is not None)


# -- UTF-8 read as codepages ftfy does not try (mojibake.toml) -------------------------------------

ENGLISH = "He said: “We’ll win — and it’s over…” ‘quoted’ café naïve"


def _sloppy(text: str, codec: str) -> str:
    """``text``'s UTF-8 read as ``codec``, a byte it lacks as its Latin-1 control character (the
    benchmark corpus generator's misreading)."""
    from benchmarks.generate import _misread

    return _misread(text, codec)


@pytest.mark.parametrize("codec", ["cp850", "cp852", "cp866", "koi8_r", "cp1255", "iso8859_7"])
def test_codepages_ftfy_misses_are_repaired(codec):
    from workbench.text.mojibake import codepages
    from workbench.text.normalize import normalize_text

    assert codec in codepages()
    bad = _sloppy(ENGLISH, codec)
    assert bad != ENGLISH and ftfy_alone(bad) != ENGLISH  # ftfy leaves it
    n = normalize_text(bad)
    assert n.text == ENGLISH
    assert any(r.rule == f"utf8-as-{codec}" for r in n.repairs)
    assert fix_mojibake(bad) == ENGLISH


def ftfy_alone(text: str) -> str:
    import ftfy

    from workbench.text.mojibake import FTFY_CONFIG

    return ftfy.fix_text(text, FTFY_CONFIG)


@pytest.mark.parametrize("codec", ["cp1252", "cp1251", "cp1250", "mac_roman", "cp437", "latin-1"])
def test_ftfys_own_codepages_stay_ftfys(codec):
    from workbench.text.normalize import normalize_text

    n = normalize_text(_sloppy(ENGLISH, codec))
    assert n.text == ENGLISH
    assert not any(r.rule.startswith("utf8-as-") for r in n.repairs)


@pytest.mark.parametrize("text", [
    "Москва — столица России. «Это так», — сказал он.",
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "ירושלים היא עיר הבירה של ישראל.",
    "القاهرة هي عاصمة مصر.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Þórður og Guðrún fóru í bæinn.",
    "тАк так",  # a Cyrillic run that is UTF-8 for an invisible format character, not punctuation
    "├──┼──┤ table │ x │ ├┤a┼┐a",  # line art: two-byte runs with no three-byte one to vouch for them
    "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
])
def test_genuine_text_in_those_scripts_is_left_alone(text):
    assert fix_mojibake(text) == text
