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
        # wire and desk credits, a closing rule, a related-links list under its header
        "(Reporting by Ana Lopez in Chicago; Editing by Bill Berkrot and Sam Holmes)",
        "Additional reporting by Sam Lee", "*Additional reporting by Sam Lee*",
        "Associated Press writer John Smith contributed to this report.",
        "___\n\nCompiled by Jo Bloggs", "Related Topics\n\n* Illinois\n* Corruption",
        "More on this story\n\nMayor faces inquiry\n\nWho is Linda Park?",
        "Explore more on these topics\n\nIllinois\nUS politics\nCorruption",
        "Media Contact:\nJane Smith\npress@example.org\n(555) 555-0100\n\n###",
        # an agency's standards line after its credits
        "(Reporting by Jane Roe; Editing by Will Dunham)\n\nOur Standards: The Thomson Reuters Trust Principles.",
    ],
)
def test_tail_boilerplate_is_removed_and_logged(tail):
    raw = f"Headline here\n\nFirst paragraph of the story.\n\nLast paragraph.\n\n{tail}\n"
    n = normalize_text(raw)
    assert tail not in n.text
    assert n.text.endswith("Last paragraph.\n")
    assert any("boilerplate" in k for k in kinds(n))
    assert replay(raw, n.repairs) == n.text


@pytest.mark.parametrize(
    "body",
    [
        "Comments from the minister were blunt.",  # a sentence, not a comment prompt
        "Related articles in the press suggested otherwise.",
        "Reporting by the Guardian showed that the mayor knew.",  # a sentence about reporting, not a credit
        "Reporting by Reuters showed that the mayor knew.",
        "He contributed to the report that the council published.",
    ],
)
def test_sentences_that_look_like_boilerplate_stay(body):
    raw = f"Headline here\n\nFirst paragraph.\n\n{body}"
    assert body in normalize_text(raw).text


def test_short_closing_lines_without_a_links_header_stay():
    raw = "Headline here\n\nFirst paragraph of the story.\n\nThe end of an era\n\n* a closing list item\n"
    assert normalize_text(raw).text == raw


@pytest.mark.parametrize(
    "raw,text",
    [
        ("**A bold standfirst.**\n\nBody.", "A bold standfirst.\n\nBody."),
        ("He said *never* in __public__.", "He said never in public."),
        # censored words and arithmetic keep their asterisks
        ("He vowed to bomb the s*** out of *Moscow*, sh*t.", "He vowed to bomb the s*** out of Moscow, sh*t."),
        ("f***ing *** 5 * 3 * 2 and snake_case_name", "f***ing *** 5 * 3 * 2 and snake_case_name"),
        ("See [the report](https://example.org/r \"Report\") here.", "See the report here."),
        ("A map: ![Map of the area](/img/map.png)\n\nBody.", "A map:\n\nBody."),
        ("Brackets [sic] and [expletive](not a link) stay.", "Brackets [sic] and [expletive](not a link) stay."),
    ],
)
def test_markdown_markers(raw, text):
    n = normalize_text(raw)
    assert n.text == text
    assert replay(raw, n.repairs) == n.text
    assert normalize_text(n.text).text == n.text  # a fixed point
    if raw != text:
        assert any("markdown" in r.kind for r in n.repairs)


def test_emphasised_words_map_to_their_raw_characters():
    raw = "He said **never** again."
    n = normalize_text(raw)
    start = n.text.index("never")
    assert n.offsets.span(start, start + 5) == (raw.index("never"), raw.index("never") + 5)


def test_a_comments_heading_in_the_middle_stays():
    raw = "Headline\n\nPara one.\n\nComments\n\nReaders wrote in with many views on the matter."
    assert "\nComments\n" in normalize_text(raw).text


@pytest.mark.parametrize(
    "line",
    [
        "Related: Illinois attorney general opens corruption inquiry",
        "Image caption: The mayor speaks to reporters outside City Hall",
        "The mayor speaks to reporters outside City Hall. Photograph: Jane Roe/AP",
        "Updated 3 hours ago · 5 min read", "Listen to this article",
        "Sign up to First Thing, our free daily newsletter",
        # a page's caption and credit copied with "," (as BBC pages paste), its buttons
        "Image source, Getty Images", "Image caption, The harbour at Westport", "Save", "Copy link",
    ],
)
def test_page_furniture_is_removed_mid_article(line):
    raw = f"Headline\n\nPara one of the story.\n\n{line}\n\nPara two of the story."
    n = normalize_text(raw)
    assert n.text == "Headline\n\nPara one of the story.\n\nPara two of the story."
    assert replay(raw, n.repairs) == n.text


def test_words_of_the_story_that_look_like_buttons_stay():
    raw = "Headline\n\nPara one.\n\nSave the date: the vote is on Friday.\n\nImage source, the council said, was a leak."
    assert normalize_text(raw).text == raw


def test_anywhere_boilerplate_is_removed_mid_article():
    raw = "Headline\n\nPara one.\n\nAdvertisement\n\nPara two."
    n = normalize_text(raw)
    assert n.text == "Headline\n\nPara one.\n\nPara two."


def test_repeated_headline_is_removed_once():
    raw = "Big News Today\n\nBig News Today\n\nThe story."
    n = normalize_text(raw)
    assert n.text == "Big News Today\n\nThe story."
    assert kinds(n) == ["repeated-title"]


@pytest.mark.parametrize("raw", [
    "Big News Today\nBig News Today\nBig News Today\nThe story.",
    "Big News Today\n\nBig News Today\n\nBig news today\n\nThe story.",
    "0000000000\r0000000000\r0000000000",  # hypothesis found it: three copies, one removed a pass
])
def test_every_copy_of_a_repeated_headline_goes_at_once(raw):
    n = normalize_text(raw)
    assert sum("repeated-title" in k for k in kinds(n)) == 1
    assert normalize_text(n.text).text == n.text  # a fixed point
    assert n.text.count("\n") <= 2


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


# -- hard-wrapped text: line breaks a wrapper put inside paragraphs -------------------------------

_WRAPPED = (
    "Storm closes harbour\n\n"
    "The harbour master said on Tuesday that the port\n"
    "would stay closed until the storm had passed, and that\n"
    "ships already at anchor should remain where they\n"
    "were until further notice from the authorities.\n\n"
    "Fishermen, who called the closure a “long-\n"
    "awaited” step, welcomed the decision.\n"
)


def test_hard_wrapped_paragraph_is_joined_one_character_for_one():
    n = normalize_text(_WRAPPED)
    assert "the port would stay closed until the storm had passed, and that ships" in n.text
    assert "“long-awaited”" in n.text  # a compound broken at its own hyphen is joined, hyphen kept
    assert "Storm closes harbour\n\n" in n.text and n.text.count("\n\n") == 2  # paragraphs stay apart
    wraps = [r for r in n.repairs if r.rule == "hard-wrap"]
    assert len(wraps) == 4 and all(r.before == "\n" and len(r.after) <= 1 for r in wraps)
    assert replay(_WRAPPED, n.repairs) == n.text
    at = n.text.index("would stay")  # offsets still point at the raw characters
    assert _WRAPPED[slice(*n.to_raw(at, at + 10))] == "would stay"


@pytest.mark.parametrize(
    "raw",
    [
        # a writer's line breaks: a list, an address — short lines, the next word would have fitted
        "Title\n\nWhat the council agreed:\n- a new bridge\n- two more buses\n- a later curfew\n- free parking\n",
        "Title\n\nCity Hall\n1 Main Street\nSpringfield\nIllinois\n\nThe office opens at nine.\n",
        # one paragraph per line, separated by single line breaks: lines of every length
        "Title\n" + "\n".join(f"Paragraph {i} " + "is a long sentence of news copy that goes on " * (i % 4 + 2) for i in range(8)) + "\n",
        # too few breaks to tell a wrapper's from a writer's
        "Title\n\nThe harbour master said on Tuesday that the port\nwould stay closed until the storm had passed.\n",
    ],
)
def test_writers_line_breaks_stay(raw):
    n = normalize_text(raw)
    assert not [r for r in n.repairs if r.rule == "hard-wrap"]


@pytest.mark.parametrize("width", [60, 72, 80])
def test_seeds_hard_wrapped_give_the_same_frames(tmp_path, width):
    """A seed saved hard-wrapped (as a wire feed, a database export or an e-mail is) gives the same
    paragraphs, sentences, quotes with speakers, denials and dates as the seed itself — the seeds'
    mojibake (a few characters fewer after repair than the wrapper counted) included."""
    import textwrap

    import workbench as wb

    for path in sorted(SEEDS.glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        # a block laid out in lines already (one paragraph per line) is left as it is
        wrapped = "\n\n".join(b if "\n" in b.strip() else "\n".join(textwrap.wrap(b, width, break_long_words=False, break_on_hyphens=False))
                              for b in blocks)
        (tmp_path / path.name).write_text(wrapped + "\n", encoding="utf-8")
    plain, wrapped = wb.load_corpus(SEEDS, warn=False), wb.load_corpus(tmp_path, warn=False)
    assert wrapped.repairs.filter(wrapped.repairs["rule"] == "hard-wrap").height > 300

    def same(frame_a, frame_b, cols):
        assert frame_a.select(cols).equals(frame_b.select(cols))

    same(plain.paragraphs, wrapped.paragraphs, ["article_id", "role", "text"])
    same(plain.sentences, wrapped.sentences, ["article_id", "role", "text"])
    same(plain.articles, wrapped.articles, ["article_id", "title", "dek", "kicker", "dateline"])
    same(wb.extract_quotes(plain), wb.extract_quotes(wrapped), ["article_id", "text", "speaker", "kind"])
    same(wb.extract_denials(plain), wb.extract_denials(wrapped), ["article_id", "denier", "denied"])
    same(wb.extract_dates(plain), wb.extract_dates(wrapped), ["article_id", "text", "value"])
    # every sentence still points at its raw characters: the raw span, its line breaks read as spaces
    row = wrapped.sentences.row(40, named=True)
    raw = wrapped.article(row["article_id"])["raw_text"][row["raw_start"] : row["raw_end"]]
    assert "\n" in raw and raw.replace("\n", " ").replace("-\n", "-") == row["text"]
