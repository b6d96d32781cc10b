"""Normalization: each step on generic cases, the seeds' real defects, replay and idempotence."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from workbench.text.edits import replay
from workbench.text.normalize import normalize_text


def kinds(n):
    return [r.kind for r in n.repairs]


@pytest.mark.parametrize(
    "raw,text",
    [
        ("He said s\\*\\*\\* twice.", "He said s*** twice."),
        ("It costs \\$1 billion.", "It costs $1 billion."),
        ("A \\[bracket\\] and \\_under\\_", "A [bracket] and _under_"),
        ("AT&amp;T said &#8220;no&#8221;", "AT&T said “no”"),
        ("Keep C:\\Users and \\n as they are", "Keep C:\\Users and \\n as they are"),
        ("Keep AT&T and &nonsense; alone", "Keep AT&T and &nonsense; alone"),
    ],
)
def test_escapes(raw, text):
    n = normalize_text(raw)
    assert n.text == text
    assert replay(raw, n.repairs) == n.text


@pytest.mark.parametrize(
    "raw,text",
    [
        ("Title\r\n\r\nBody one.\r\nBody two.", "Title\n\nBody one.\nBody two."),
        ("Title\n\n\n\n\nBody", "Title\n\nBody"),
        ("  Title  \n\n  Body   with  spaces \n", "Title\n\nBody with spaces\n"),
        ("Zero\u200bwidth and\u00a0nbsp", "Zerowidth and nbsp"),
        ("\n\n\nTitle\n\nBody\n\n\n", "Title\n\nBody\n"),
    ],
)
def test_whitespace(raw, text):
    n = normalize_text(raw)
    assert n.text == text
    assert replay(raw, n.repairs) == n.text


@pytest.mark.parametrize(
    "tail",
    [
        "Leave a Reply", "Leave a Response", "Post Comments", "Comments", "3 Comments", "Comments (12)",
        "Related Articles", "Related Stories:", "Share this article", "Share on Facebook | Twitter | Email",
        "Follow us on Twitter for more", "© 2025 Some Media Ltd. All rights reserved.",
    ],
)
def test_tail_boilerplate_is_removed_and_logged(tail):
    raw = f"Headline here\n\nFirst paragraph of the story.\n\nLast paragraph.\n\n{tail}\n"
    n = normalize_text(raw)
    assert tail not in n.text
    assert n.text.endswith("Last paragraph.\n")
    assert "boilerplate" in kinds(n)
    assert replay(raw, n.repairs) == n.text


@pytest.mark.parametrize(
    "body",
    [
        "Comments from the minister were blunt.",  # a sentence, not a comment prompt
        "Related articles in the press suggested otherwise.",
    ],
)
def test_sentences_that_look_like_boilerplate_stay(body):
    raw = f"Headline here\n\nFirst paragraph.\n\n{body}"
    assert body in normalize_text(raw).text


def test_a_comments_heading_in_the_middle_stays():
    raw = "Headline\n\nPara one.\n\nComments\n\nReaders wrote in with many views on the matter."
    assert "\nComments\n" in normalize_text(raw).text


def test_anywhere_boilerplate_is_removed_mid_article():
    raw = "Headline\n\nPara one.\n\nAdvertisement\n\nPara two."
    n = normalize_text(raw)
    assert n.text == "Headline\n\nPara one.\n\nPara two."


def test_repeated_headline_is_removed_once():
    raw = "Big News Today\n\nBig News Today\n\nThe story."
    n = normalize_text(raw)
    assert n.text == "Big News Today\n\nThe story."
    assert kinds(n) == ["repeated-title"]


def test_repeated_headline_under_a_kicker():
    raw = "Politics\nBig News Today\nBig news today\nThe story."
    assert normalize_text(raw).text == "Politics\nBig News Today\nThe story."


SEED_DEFECTS = [
    ("000", "s\\*\\*\\*", "s***", "escape"),
    ("000", "\\$1 billion", "$1 billion", "escape"),
    ("000", "Leave a Response", None, "boilerplate"),
    ("001", "Related Articles", None, "boilerplate"),
    ("001", "Post Comments", None, "boilerplate"),
    ("001", "Leave a Reply", None, "boilerplate"),
    ("002", "TRUMPโ€™S", "TRUMP’S", "mojibake"),
    ("002", "โ€œ2024,โ€", "“2024,”", "mojibake"),
    ("003", "\n\n\n\n", None, "whitespace"),
    ("003", "\n\nComments", None, "boilerplate"),
]


@pytest.mark.parametrize("prefix,bad,good,kind", SEED_DEFECTS)
def test_seed_defects_are_repaired(prefix, bad, good, kind):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    assert bad in raw
    n = normalize_text(raw)
    assert bad not in n.text
    if good:
        assert good in n.text
    assert kind in kinds(n)


def test_seed_001_headline_appears_once():
    raw = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    title = raw.split("\n", 1)[0]
    assert raw.count(title) == 2
    n = normalize_text(raw)
    assert n.text.count(title) == 1
    assert "repeated-title" in kinds(n)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_replay_and_idempotence_on_seeds(path):
    raw = path.read_text(encoding="utf-8")
    n = normalize_text(raw)
    assert replay(raw, n.repairs) == n.text
    assert normalize_text(n.text).text == n.text
    assert normalize_text(n.text).repairs == ()


def test_clean_text_gets_no_repairs():
    raw = "A clean headline\n\nA clean paragraph with “curly quotes” and an em dash — fine.\n"
    n = normalize_text(raw)
    assert n.text == raw and n.repairs == ()


def test_offsets_map_back_to_the_source():
    raw = "Head\n\n\n\nIt cost \\$5 and โ€œmoreโ€.\n\nLeave a Reply"
    n = normalize_text(raw)
    i = n.text.index("cost $5")
    rs, re_ = n.to_raw(i, i + len("cost $5"))
    assert raw[rs:re_] == "cost \\$5"
    j = n.text.index("“more”")
    rs, re_ = n.to_raw(j, j + len("“more”"))
    assert raw[rs:re_] == "โ€œmoreโ€"
