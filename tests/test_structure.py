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
        ("SPRINGFIELD, Ill. (AP) — The mayor denied the claims on Tuesday.", "SPRINGFIELD"),
        ("CHICAGO, April 16 (Reuters) - The mayor rejected the allegations.", "CHICAGO"),
        ("PARIS, Jan. 5 (AFP) - France's president spoke on Monday.", "PARIS"),
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


@pytest.mark.parametrize("line", ["March 01, 2008", "Tuesday, July 8, 2025", "8 July 2025", "Published: 2025-07-08", "Updated July 8, 2025 at 10:15 a.m. EDT",
                                  "Published 08/07/2025", "2025-07-08T18:30:00Z", "Last modified on Tue 8 Jul 2025 19.12 BST", "08.07.2025",
                                  "July 8, 2025 | 6:30 PM", "Posted on July 8, 2025 by Jane Doe",
                                  # the time before a day-first date, and the last update after the first publication
                                  "PUBLISHED: 10:32 BST, 9 July 2025 | UPDATED: 14:05 BST, 9 July 2025", "10:32 BST, 9 July 2025",
                                  # an agency and a place before it, dashes between the numbers
                                  "Reuters | London | Updated: 16-06-2022 15:17 IST | Created: 16-06-2022 15:13 IST", "16-06-2022"])
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


@pytest.mark.parametrize("line,names", [
    ("By JANE DOE Associated Press", "JANE DOE Associated Press"), ("By Ana Lopez", "Ana Lopez"),
    ("By Jane Doe and John Smith", "Jane Doe and John Smith"), ("BY Mary-Jane O’Neil, CNN", "Mary-Jane O’Neil, CNN"),
    # a site's time stamp after the names
    ("By Jane Doe and Tom Roe | Published 3 hours ago", "Jane Doe and Tom Roe"), ("By Ana Lopez — Updated July 8, 2025", "Ana Lopez"),
])
def test_byline_under_the_headline(line, names):
    text = f"Mayor rejects bribery allegations\n\n{line}\n\nWASHINGTON — The mayor rejected the allegations on Tuesday, his office said.\n\nMore text."
    st = parse_structure(text)
    assert st.byline == names and st.dateline == "WASHINGTON"
    assert [b.role for b in st.blocks] == ["title", "byline", "dateline", "body", "body"]
    assert not any(b.role == "heading" for b in st.blocks)  # a byline is not a section heading


@pytest.mark.parametrize("line", ["By Tuesday the talks had failed.", "By the way, nobody asked."])
def test_a_sentence_starting_with_by_is_not_a_byline(line):
    text = f"Mayor rejects bribery allegations\n\n{line}\n\nThe second paragraph of the story, with a full sentence."
    assert parse_structure(text).byline is None


def test_wire_copy_summary_byline_then_dateline():
    """Wire layout: headline, a one-line summary, byline, then the dateline paragraph — the summary
    is the dek and the dateline is found although it is not in the first body block."""
    text = ("Mayor denies taking bribes as inquiry widens\n\nInvestigators are examining payments, officials said.\n\n"
            "By Jane Doe Associated Press\n\nSPRINGFIELD, Ill. (AP) — The mayor on Tuesday denied accepting bribes from a developer.\n\nMore.")
    st = parse_structure(text)
    assert (st.dek, st.byline, st.dateline) == ("Investigators are examining payments, officials said.", "Jane Doe Associated Press", "SPRINGFIELD")
    assert [b.role for b in st.blocks] == ["title", "dek", "byline", "dateline", "body", "body"]


def test_a_dash_deep_in_the_story_is_not_a_dateline():
    text = ("A headline for the story\n\n" + "The first paragraph is long enough to be the story's opening. " * 4 +
            "\n\nNATO — the alliance — met again on Friday to discuss the plan.\n\nMore.")
    assert parse_structure(text).dateline is None


def test_markdown_marks_survive_normalization(tmp_path):
    """A Markdown ``##`` heading ending in "?" stays a heading and a bold line under the headline
    is the dek, although normalization removed the markers the parser would have read."""
    import workbench as wb

    (tmp_path / "a.md").write_text("# Mayor denies bribery claims\n\n**The mayor rejected claims he took cash.**\n\n"
                                   "Thomas Reed said the allegations were false, and vowed to fight them.\n\n"
                                   "## What happens next?\n\nThe mayor is due before a grand jury next month.\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    art = corpus.article("a")
    assert (art["title"], art["dek"]) == ("Mayor denies bribery claims", "The mayor rejected claims he took cash.")
    assert corpus.sections["heading"].to_list() == [None, "What happens next?"]
    assert "*" not in art["text"] and "#" not in art["text"]


def test_newspaper_front_matter_standfirst_byline_and_date():
    """Kicker, headline, standfirst, a byline without "By" and a date line, each on its own line
    after a blank one (as a newspaper site's text copies out)."""
    text = ("US news\n\nMayor faces grand jury over 'cash in envelopes' claims\n\n"
            "Thomas Reed insists he is innocent as former aide's testimony emerges\n\nSam Lee in Chicago\n\n"
            "Tue 16 Apr 2024 19.02 BST\n\nThe mayor of Springfield has insisted he is the victim of a smear campaign.\n\nMore.")
    st = parse_structure(text)
    assert [b.role for b in st.blocks] == ["kicker", "title", "dek", "byline", "dateline", "body", "body"]
    assert (st.byline, st.date_line) == ("Sam Lee in Chicago", "Tue 16 Apr 2024 19.02 BST")


def test_names_not_above_a_date_are_a_heading_not_a_byline():
    text = "A headline for the story\n\nThe first paragraph of the story, long enough to be one.\n\nGrand Jury Hearing\n\nThe second paragraph follows."
    st = parse_structure(text)
    assert st.byline is None and "heading" in [b.role for b in st.blocks]


def test_a_label_is_not_a_standfirst():
    text = "Inquiry live updates\n\n**Key points**\n\n- The mayor denies wrongdoing\n\nThe story."
    assert parse_structure(text).dek is None


def test_press_release_dateline_gives_the_date():
    text = ("FOR IMMEDIATE RELEASE\n\nHarbor Point LLC Statement on Allegations\n\n"
            "SPRINGFIELD, Ill., April 17, 2024 /PRNewswire/ -- Harbor Point LLC today issued the following statement.\n\nMore.")
    st = parse_structure(text)
    assert (st.dateline, st.date_line) == ("SPRINGFIELD", "April 17, 2024")
    body = next(b for b in st.blocks if b.role == "body")
    assert text[body.start : body.end].startswith("Harbor Point LLC today")


def test_a_wire_dateline_with_two_agencies_gives_the_date():
    text = ("Dutch police arrest suspect\n\n"
            "UTRECHT, Netherlands, March 18, 2019 (BSS/AFP) – Dutch police on Monday arrested the suspect.\n\nMore.")
    st = parse_structure(text)
    assert (st.dateline, st.date_line) == ("UTRECHT", "March 18, 2019")


@pytest.mark.parametrize("first, place", [
    ("New Delhi, Sept 15 (ANI): The Prime Minister's Office has rubbished the news report.", "New Delhi"),
    ("Bhubaneswar, Nov 22: Chief Minister Naveen Patnaik today termed the reports baseless.", "Bhubaneswar"),
])
def test_a_title_case_place_a_date_and_a_colon_is_a_dateline(first, place):
    st = parse_structure(f"Report untrue: PMO\n\n{first}\n\nMore.")
    assert st.dateline == place
    body = next(b for b in st.blocks if b.role == "body")
    assert not first[body.start - len("Report untrue: PMO") - 2 :].startswith(place)  # the body starts after the colon


def test_a_label_with_a_colon_is_no_dateline():
    st = parse_structure("Budget row\n\nKey points: the budget passed on Monday after a long debate in the house.\n\nMore.")
    assert st.dateline is None


def test_a_signed_date_line_gives_the_byline():
    st = parse_structure("A headline for the story\n\nPosted on July 8, 2025 by Jane Doe\n\nThe body of the story goes here.")
    assert (st.date_line, st.byline) == ("Posted on July 8, 2025 by Jane Doe", "Jane Doe")


@pytest.mark.parametrize("front, byline, date_line", [
    # the time before the date
    ("By Jane Doe, CNN\n\nUpdated 10:32 AM EDT, Tue April 16, 2024", "Jane Doe, CNN", "Updated 10:32 AM EDT, Tue April 16, 2024"),
    # where the reporter filed from, under the byline
    ("By Jane Doe\nReporting from Chicago\n\nApril 16, 2024, 6:30 p.m. ET", "Jane Doe", "April 16, 2024, 6:30 p.m. ET"),
    # the reporter's agency under the byline
    ("By JANE DOE\nAssociated Press\n\nApril 16, 2024", "JANE DOE", "April 16, 2024"),
    # an aggregator's "Story by", and the story's age after a dot
    ("Story by Jane Doe • 2h", "Jane Doe", None),
])
def test_front_matter_as_news_sites_print_it(front, byline, date_line):
    text = f"Port denies tender claims\n\n{front}\n\nThe harbour authority denied on Monday that it had skipped a tender.\n\nMore text."
    st = parse_structure(text)
    assert (st.byline, st.date_line) == (byline, date_line)
    body = [text[b.start : b.end] for b in st.blocks if b.role == "body"]
    assert body == ["The harbour authority denied on Monday that it had skipped a tender.", "More text."]


def test_a_wire_dateline_under_an_agency_line():
    text = "PORT DENIES TENDER CLAIMS\n\nBy JANE DOE\nAssociated Press\n\nWESTPORT, Maine (AP) — The harbour authority denied it on Monday, a spokeswoman said.\n\nMore."
    st = parse_structure(text)
    assert st.dateline == "WESTPORT" and [b.role for b in st.blocks][:4] == ["title", "byline", "byline", "dateline"]


def test_a_short_first_paragraph_under_a_byline_stays_the_story():
    text = "Port denies tender claims\n\nBy Jane Doe\nIt was a quiet day in Westport until the letter came.\n\nMore text follows."
    st = parse_structure(text)
    assert [b.role for b in st.blocks] == ["title", "byline", "body", "body"]


def test_a_wholly_bold_short_line_between_paragraphs_is_a_heading(tmp_path):
    import workbench as wb

    (tmp_path / "a.md").write_text(
        "Headline here for a story\n\nLead paragraph with words in it.\n\n**What happens next**\n\n"
        "The ethics committee meets on Thursday to decide.\n\n**This bold line is a whole sentence of its own.**\n\n"
        "A last paragraph with several words.\n", encoding="utf-8")
    c = wb.load_corpus(tmp_path, warn=False)
    got = c.paragraphs.select("role", "text").rows()
    assert ("heading", "What happens next") in got
    assert ("body", "This bold line is a whole sentence of its own.") in got  # a sentence, not a heading
