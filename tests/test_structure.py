"""Article structure: kicker, headline, dek, dateline, headings, paragraphs — generic and seed cases."""

from __future__ import annotations

import pytest

from conftest import seed_id
from workbench.text.structure import parse_structure


def roles(text):
    st = parse_structure(text)
    return [(b.role, text[b.start : b.end]) for b in st.blocks]


def test_kicker_title_body():
    text = "World\n\nLeaders meet in Geneva to discuss the ceasefire plan\n\nThe talks began on Monday. They ended late."
    st = parse_structure(text)
    assert (st.kicker, st.title) == ("World", "Leaders meet in Geneva to discuss the ceasefire plan")
    assert [b.role for b in st.blocks] == ["kicker", "title", "body"]


def test_short_headline_is_not_a_kicker():
    text = "Markets slump\n\nStocks fell sharply on Tuesday as investors fled risk. The index lost 3%.\n\nMore text follows here."
    st = parse_structure(text)
    assert st.kicker is None and st.title == "Markets slump"


def test_dek_directly_under_the_headline():
    text = "Headline Of The Day\nA one-sentence standfirst that sums it up.\nThe first paragraph. It has two sentences.\nAnother paragraph."
    st = parse_structure(text)
    assert st.dek == "A one-sentence standfirst that sums it up."


def test_lead_after_a_blank_line_is_not_a_dek():
    text = "Headline Of The Day\n\nThe lead paragraph is a single sentence.\n\nAnother paragraph here."
    assert parse_structure(text).dek is None


@pytest.mark.parametrize(
    "para,place",
    [
        ("WASHINGTON — The Senate voted on Tuesday to approve the bill.", "WASHINGTON"),
        ("LONDON (Reuters) - Britain's economy grew faster than expected.", "LONDON"),
        ("WASHINGTON D.C. / KYIV — The ongoing conflict continued this week.", "WASHINGTON D.C. / KYIV"),
        ("KYIV, Ukraine — Drones struck the capital overnight, officials said.", "KYIV"),
    ],
)
def test_place_dateline(para, place):
    text = f"A headline for the story\n\n{para}\n\nSecond paragraph."
    st = parse_structure(text)
    assert st.dateline == place
    body = [b for b in st.blocks if b.role == "body"][0]
    assert not text[body.start : body.end].startswith(place)
    assert [b.role for b in st.blocks][:3] == ["title", "dateline", "body"]


@pytest.mark.parametrize(
    "para", ["The U.S. — and its allies — disagreed.", "NATO allies met today - briefly.", "I — for one — agree with it."]
)
def test_sentence_with_dash_is_not_a_dateline(para):
    text = f"A headline for the story\n\n{para}\n\nSecond paragraph."
    assert parse_structure(text).dateline is None


@pytest.mark.parametrize("line", ["March 01, 2008", "Tuesday, July 8, 2025", "8 July 2025", "Published: 2025-07-08", "Updated July 8, 2025 at 10:15 a.m. EDT"])
def test_date_line(line):
    text = f"A headline for the story\n\n{line}\n\nThe body of the story goes here."
    st = parse_structure(text)
    assert st.date_line == line and st.dateline == line


def test_caps_and_title_case_and_markdown_headings():
    text = (
        "Headline here for a story\n\nLead paragraph with words in it.\n\nWHAT HAPPENED NEXT\n\n"
        "A paragraph under the first heading.\n\nThe Road To Geneva\n\nAnother paragraph of text here.\n\n"
        "## A markdown heading\n\nFinal paragraph with several words."
    )
    heads = [t for r, t in roles(text) if r == "heading"]
    assert heads == ["WHAT HAPPENED NEXT", "The Road To Geneva", "A markdown heading"]


@pytest.mark.parametrize(
    "line",
    ["“Why haven’t you struck Moscow?”", "He said so.", "According to the report, officials met:", "Trump Said He Would Act."],
)
def test_not_headings(line):
    text = f"Headline here for a story\n\nLead paragraph with words in it.\n\n{line}\n\nA paragraph after it with several more words."
    assert all(r != "heading" for r, _ in roles(text))


def test_hard_wrapped_text_is_read_by_paragraph():
    para1 = "This paragraph was wrapped at a fixed width by an\nemail client, so its lines run on into the next\none without any blank line between them at all."
    para2 = "A second paragraph, also wrapped at the same width\nso that it spans two lines of the file."
    text = f"Headline for a wrapped story\n\n{para1}\n\n{para2}\n\n{para1}"
    body = [t for r, t in roles(text) if r == "body"]
    assert body[0] == para1 and body[1] == para2


def test_empty_text():
    st = parse_structure("")
    assert st.blocks == () and st.title is None


def test_seed_structure(seeds):
    a = {r["article_id"]: r for r in seeds.articles.iter_rows(named=True)}
    assert a[seed_id("000")]["kicker"] == "Politics"
    assert a[seed_id("000")]["title"].startswith("Trump makes major move against Putin")
    assert a[seed_id("001")]["dateline"] == "WASHINGTON D.C. / KYIV"
    assert a[seed_id("004")]["dek"].startswith("The Russian leader is making it clear")
    for k in ("001", "002", "003"):
        assert a[seed_id(k)]["kicker"] is None and a[seed_id(k)]["dek"] is None
    heads = seeds.sections.filter(seeds.sections["article_id"] == seed_id("002"))["heading"].to_list()
    assert heads[0] is None and len(heads) == 13
    assert "RUSSIA’S FORCEFUL DENIAL AND COUNTER-NARRATIVE" in heads
    assert all(h is None for h in seeds.sections.filter(seeds.sections["article_id"] != seed_id("002"))["heading"])
