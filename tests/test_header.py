"""Metadata headers at the top of text and Markdown files (workbench.text.header): YAML front
matter and a page reader's "Title: … Markdown Content:" lines become metadata and a headline."""

from __future__ import annotations

import datetime as dt

import workbench as wb
from workbench.text.header import find_header, header_meta

FRONT_MATTER = """---
title: "Minister denies bribery report"
author: Jane Doe
url: https://example.com/news/minister-denies-bribery
sitename: The Daily Ledger
date: 2024-05-14
tags:
  - politics
---

The transport minister on Tuesday denied a report that he had accepted bribes.

“These claims are completely false,” Minister Tom Hale told reporters.
"""

READER = """Title: Minister denies bribery report | The Daily Ledger

URL Source: https://example.com/news/minister-denies-bribery

Published Time: 2024-05-14T09:30:00+00:00

Markdown Content:
Minister denies bribery report
===============

By **Jane Doe**

The transport minister on Tuesday denied a report that he had accepted bribes.

Reaction
--------

“These claims are completely false,” Minister Tom Hale told reporters.
"""


def _load(tmp_path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return wb.load_corpus(tmp_path, warn=False)


def test_front_matter_becomes_metadata_and_a_headline(tmp_path):
    corpus = _load(tmp_path, "a.md", FRONT_MATTER)
    a = corpus.articles.row(0, named=True)
    assert (a["title"], a["outlet"], a["url"], a["published_date"], a["byline"]) == (
        "Minister denies bribery report", "The Daily Ledger", "https://example.com/news/minister-denies-bribery", dt.date(2024, 5, 14), "Jane Doe")
    assert "sitename" not in a["text"] and a["raw_text"] == FRONT_MATTER  # the raw file is kept whole
    repair = corpus.repairs.filter(corpus.repairs["rule"].str.contains("metadata-header")).row(0, named=True)
    assert FRONT_MATTER[repair["raw_start"] : repair["raw_end"]].startswith("---\ntitle:")
    title = corpus.paragraphs.row(0, named=True)
    assert title["role"] == "title" and 0 <= title["raw_start"] < title["raw_end"] <= FRONT_MATTER.index("The transport")  # in the header
    # the speaker and the denial are found in the story, not in the header's fields
    assert wb.extract_quotes(corpus)["speaker"].to_list() == ["Hale"]


def test_a_readers_header_and_setext_headings(tmp_path):
    corpus = _load(tmp_path, "b.md", READER)
    a = corpus.articles.row(0, named=True)
    # the body repeats the title as a heading: the header goes, the site's name is not the headline
    assert a["title"] == "Minister denies bribery report" and a["text"].count("Minister denies bribery report") == 1
    assert (a["url"], a["published_date"], a["byline"]) == ("https://example.com/news/minister-denies-bribery", dt.date(2024, 5, 14), "Jane Doe")
    roles = dict(corpus.paragraphs.select("text", "role").iter_rows())
    assert roles["Reaction"] == "heading" and "=" not in a["text"] and "-----" not in a["text"]


def test_normalized_text_is_a_fixed_point():
    for text in (FRONT_MATTER, READER):
        once = wb.normalize_text(text).text
        assert wb.normalize_text(once).text == once


def test_what_only_looks_like_a_header_is_left_alone():
    rule = "---\n\nThe minister denied the report on Tuesday.\n\n---\n"
    assert find_header(rule) is None and wb.normalize_text(rule).text.startswith("---")
    prose = "---\ntitle: ok\nThis line is a sentence, not a field.\n---\n"
    assert find_header(prose) is None
    # "Title:" without the reader's "URL Source:" field is a line of the story
    assert find_header("Title: The Remains of the Day\n\nMarkdown Content:\nA novel.") is None
    assert header_meta("A plain story.\n") == {}


def test_a_horizontal_rule_after_a_blank_line_is_no_heading():
    text = "Budget passes\n\nThe budget passed on Monday.\n\n---\n\nMore to follow."
    out = wb.normalize_text(text)
    assert not any("markdown-heading" in r.rule for r in out.repairs)
