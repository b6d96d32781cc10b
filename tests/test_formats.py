"""A researcher's own folder: .txt, .md, .html, .jsonl and .csv articles, mixed, with a catalog."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

import workbench as wb
from conftest import ROOT
from helpers import assert_repairs_replay, assert_rows_trace_to_raw
from workbench.formats import read_documents

FORMATS = ROOT / "tests" / "data" / "formats"


@pytest.fixture(scope="module")
def mixed():
    return wb.load_corpus(FORMATS, warn=False)


def test_every_format_loads_from_one_folder(mixed):
    assert sorted(mixed.article_ids) == ["desk-1", "desk-2", "notes_article", "plain", "saved_page", "wire-001", "wire-002"]
    fmt = dict(mixed.articles.select("article_id", "format").iter_rows())
    assert fmt["saved_page"] == "html" and fmt["wire-001"] == "jsonl" and fmt["desk-1"] == "csv" and fmt["notes_article"] == "markdown"
    assert_rows_trace_to_raw(mixed, mixed.paragraphs)
    assert_rows_trace_to_raw(mixed, mixed.sentences)
    assert_repairs_replay(mixed)


def test_saved_web_page_keeps_the_article_and_drops_the_clutter(mixed):
    page = mixed.article("saved_page")
    text = page["text"]
    assert page["title"] == "Harbour bridge to reopen after repairs"
    assert "Mayor Anna Kowalski told reporters" in text and "It has been a hard winter" in text
    for clutter in ("cookies", "Accept all", "Share on Facebook", "Subscribe", "Related articles", "Council approves new budget",
                    "Finally! I have been driving", "Leave a reply", "Post comment", "All rights reserved", "Privacy policy"):
        assert clutter not in text, clutter
    assert page["outlet"] == "The Coastal Gazette" and page["author"] == "Mira Okafor"
    assert str(page["published_date"]) == "2024-03-14"
    assert page["url"] == "https://gazette.example.org/news/harbour-bridge-reopen"
    # the hash is of the page's bytes, so the page the analysis saw can be proven
    import hashlib

    assert page["sha256"] == hashlib.sha256((FORMATS / "saved_page.html").read_bytes()).hexdigest()
    assert page["extracted_from"] == "html"
    assert page["raw_text"].count("Harbour bridge to reopen after repairs") == 1


def test_html_quotes_and_dates_work_like_any_article(mixed):
    quotes = wb.extract_quotes(mixed).filter(pl.col("article_id") == "saved_page")
    assert ("We will rebuild the bridge by spring,", "Kowalski") in quotes.select("text", "speaker").rows()
    dates = wb.extract_dates(mixed).filter(pl.col("article_id") == "saved_page")
    friday = dates.filter(pl.col("text") == "Friday").row(0, named=True)
    assert friday["value"] == "2024-03-15"  # "will reopen … on Friday", published Thursday 2024-03-14


def test_table_rows_are_articles_with_their_columns(mixed):
    row = mixed.article("wire-002")
    assert row["path"].endswith("wire.jsonl#2") and row["outlet"] == "Wire Service" and str(row["published_date"]) == "2024-03-13"
    assert row["section"] == "Local" and row["title"] == "Council approves budget"
    assert row["notes"] == "checked by hand"  # the catalog applies to rows, by article id
    desk = mixed.article("desk-1")
    assert desk["url"] == "https://nsn.example.org/1" and "“" not in desk["raw_text"] and '"It has been a hard winter,"' in desk["raw_text"]
    assert wb.extract_quotes(mixed).filter(pl.col("article_id") == "desk-1")["speaker"].to_list() == ["Lis"]


def test_bad_rows_are_problems_and_the_rest_loads(mixed):
    problems = {(r["article_id"], r["problem"]) for r in mixed.problems.iter_rows(named=True)}
    assert ("wire-3", "bad-row") in problems and ("wire-004", "no-text") in problems
    assert all("#" in p for p in mixed.problems["path"].to_list())


def test_catalog_applies_to_plain_files_too(mixed):
    plain = mixed.article("plain")
    assert plain["outlet"] == "The Daily Plain" and str(plain["published_date"]) == "2024-03-15"


def test_markdown_heading_markers_are_repaired_and_logged(mixed):
    md = mixed.article("notes_article")
    assert md["title"] == "Ferry timetable changes from April" and md["raw_text"].startswith("# ")
    rules = mixed.repairs.filter(pl.col("article_id") == "notes_article")["rule"].to_list()
    assert "markdown-heading" in rules


def test_text_column_option(tmp_path):
    (tmp_path / "a.csv").write_text("id,story\nx1,\"A headline\n\nA body line.\"\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no-text"):
        wb.load_corpus(tmp_path, warn=False)
    corpus = wb.load_corpus(tmp_path, warn=False, text_column="story")
    assert corpus.article_ids == ["x1"] and corpus.article("x1")["title"] == "A headline"


def test_page_without_article_text_is_a_problem(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    shutil.copy(FORMATS / "plain.txt", tmp_path / "plain.txt")
    corpus = wb.load_corpus(tmp_path, warn=False)
    assert corpus.article_ids == ["plain"]
    assert corpus.problems.filter(pl.col("problem") == "html-no-text").height == 1


def test_documentation_files_are_not_articles(tmp_path):
    for name in ("README.md", "NOTES.md", "LICENSE.txt", "SOURCE.md", "CITATION.txt", "catalog.csv"):
        (tmp_path / name).write_text("file,outlet\n" if name == "catalog.csv" else "Docs\n\nNot an article.\n", encoding="utf-8")
    shutil.copy(FORMATS / "plain.txt", tmp_path / "story.txt")
    assert wb.load_corpus(tmp_path, warn=False).article_ids == ["story"]


def test_a_dataset_folder_points_to_its_articles_and_skips_its_annotations(tmp_path):
    """A downloaded dataset: docs, a stand-off annotation file (each row's text a span of another
    document) and the articles one folder down. Loading the top names the subfolder and skips the
    annotations with one problem, instead of loading every annotation as an "article"."""
    import json

    top = tmp_path / "dataset"
    (top / "articles").mkdir(parents=True)
    (top / "images").mkdir()
    (top / "images" / "map.png").write_bytes(b"\x89PNG")
    for name in ("a.txt", "b.txt"):
        shutil.copy(FORMATS / "plain.txt", top / "articles" / name)
    (top / "README.md").write_text("About this dataset\n", encoding="utf-8")
    rows = [{"doc_id": "a", "start": 10, "end": 24, "text": "March 01, 2008", "type": "DATE"},
            {"doc_id": "a", "start": 30, "end": 36, "text": "a year", "type": "DURATION"}]
    (top / "timex.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(ValueError) as err:
        wb.load_corpus(top, warn=False)
    msg = str(err.value)
    assert f"{top / 'articles'}: subfolder-not-loaded: a folder of 2 article files" in msg
    assert "images" not in msg  # a folder with no article files is no news
    assert f"{top / 'timex.jsonl'}: annotations:" in msg and "'start' and 'end'" in msg
    assert msg.count("annotations:") == 1  # one problem for the file, not one per row
    # the annotations are still readable on purpose, and the subfolder loads
    assert wb.load_corpus(top / "timex.jsonl", warn=False, text_column="text").articles.height == 2
    assert wb.load_corpus(top / "articles", warn=False).article_ids == ["a", "b"]
    # beside real articles, the subfolder is a problem row (no article id), the rest loads
    shutil.copy(FORMATS / "plain.txt", top / "story.txt")
    corpus = wb.load_corpus(top, warn=False)
    assert corpus.article_ids == ["story"]
    hint = corpus.problems.filter(pl.col("problem") == "subfolder-not-loaded")
    assert hint.height == 1 and hint["article_id"].to_list() == [None]


def test_rows_with_offsets_that_are_not_spans_are_articles(tmp_path):
    """Offset-like columns alone do not make an annotation: the text must be exactly end - start long."""
    body = "A headline here\n\nA body paragraph of the story, with enough words in it.\n"
    (tmp_path / "t.csv").write_text(f'id,start,end,text\nx1,1,5,"{body}"\n', encoding="utf-8")
    assert wb.load_corpus(tmp_path, warn=False).article_ids == ["x1"]


def test_read_documents_never_raises(tmp_path):
    for name, data in {"bin.html": b"%PDF-1.4 binary", "x.jsonl": b"\xff\xfe\x00", "y.csv": b"", "z.md": b"\x00" * 100}.items():
        (tmp_path / name).write_bytes(data)
        for doc in read_documents(tmp_path / name):
            assert doc.path.startswith(str(tmp_path))


def test_parquet_streams_a_slice_at_a_time(tmp_path, monkeypatch):
    """A Parquet file is read a slice of rows at a time (a 100,000-row file is not held whole): the
    documents are those of reading it at once, row numbers run on across slices, and a row without
    text in a later slice is a problem row while the rest loads."""
    import workbench.formats as formats

    rows = [{"id": f"r{i}", "text": f"Row {i} says \u201chello\u201d.\n", "outlet": "Wire"} for i in range(11)]
    rows[8]["text"] = ""
    pl.DataFrame(rows).write_parquet(tmp_path / "big.parquet", row_group_size=4)
    whole = read_documents(tmp_path / "big.parquet")
    monkeypatch.setattr(formats, "PARQUET_SLICE", 3)
    seen = []
    real = formats._parquet_rows

    def spy(path):
        it = real(path)  # opens the file now, as the real one does

        def rows():
            for triple in it:
                seen.append(triple[0])
                yield triple

        return rows()

    monkeypatch.setattr(formats, "_parquet_rows", spy)
    streamed = list(formats.iter_documents(tmp_path / "big.parquet"))
    assert streamed == whole
    assert seen == list(range(1, 12))
    from workbench.io import Problem

    assert [d.article_id for d in streamed if not isinstance(d, Problem)] == [f"r{i}" for i in range(11) if i != 8]
    problems = [d for d in streamed if isinstance(d, Problem)]
    assert [(p.article_id, p.problem, p.path.endswith("#9")) for p in problems] == [("r8", "no-text", True)]
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 this is not parquet")
    [bad] = read_documents(tmp_path / "bad.parquet")
    assert bad.problem == "unreadable" and "Parquet" in bad.detail


def test_byline_from_the_text_the_page_or_the_table(tmp_path):
    """``byline``: a table's own byline column wins, then the text's "By …" line, then the page's
    author (trafilatura's metadata, also kept as ``author``)."""
    (tmp_path / "a.html").write_text(
        '<html><head><title>Mayor denies claims</title><meta name="author" content="Jane Doe"></head><body><article>'
        "<h1>Mayor denies claims</h1><p>The mayor of Springfield denied on Tuesday all the claims made against him by a former aide.</p>"
        "<p>The inquiry continues, officials said, and a grand jury will hear evidence next month.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "t.csv").write_text('id,text,byline\nx1,"Headline here\n\nBy Ana Lopez\n\nBody paragraph of the story, with words.",Staff Reporter\n'
                                    'x2,"Headline here\n\nBy Ana Lopez\n\nBody paragraph of the story, with words.",\n', encoding="utf-8")
    arts = {r["article_id"]: r for r in wb.load_corpus(tmp_path, warn=False).articles.iter_rows(named=True)}
    assert (arts["a"]["byline"], arts["a"]["author"]) == ("Jane Doe", "Jane Doe")
    assert (arts["x1"]["byline"], arts["x2"]["byline"]) == ("Staff Reporter", "Ana Lopez")


def test_a_rows_headline_column_is_its_headline_not_its_lede(tmp_path):
    """Scraper and database exports keep the headline in a column of its own: it goes above the
    text (as a page's title does), so the lede is the first body paragraph — its quotes and
    denials are the body's — and is not read as the headline."""
    import csv
    import json

    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text"])
        w.writerow(["a", "Port denies dredging claims", "The harbour authority on Sunday denied that it had skipped a tender.\n\nMore text follows here."])
        w.writerow(["b", "Already in the text", "Already in the text\n\nThe body starts here, after its headline."])
    (tmp_path / "rows.jsonl").write_text(json.dumps({"id": "c", "headline": "Storm shuts port", "body": "Officials said the port would reopen on Friday."}) + "\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    arts = {r["article_id"]: r for r in corpus.articles.iter_rows(named=True)}
    assert arts["a"]["title"] == "Port denies dredging claims" and arts["a"]["title_from"] == "title"
    assert arts["a"]["raw_text"].startswith("Port denies dredging claims\n\nThe harbour authority")
    assert arts["b"]["raw_text"].count("Already in the text") == 1 and arts["b"]["title"] == "Already in the text"
    assert arts["c"]["title"] == "Storm shuts port" and arts["c"]["title_from"] == "headline"
    lede = corpus.paragraphs.filter((pl.col("article_id") == "a") & (pl.col("paragraph_index") == 1)).row(0, named=True)
    assert lede["role"] == "body" and lede["text"].startswith("The harbour authority on Sunday denied")
    denials = wb.extract_denials(corpus)
    assert "it had skipped a tender" in denials.filter(pl.col("article_id") == "a")["denied"].to_list()
    assert_rows_trace_to_raw(corpus, corpus.sentences)


def test_json_documents_a_list_or_a_news_apis_response(tmp_path):
    import json

    api = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Harbour Daily"}, "author": "Ellen Marsh", "title": "Port denies dredging claims",
         "url": "https://example.org/a", "publishedAt": "2024-03-04T08:30:00Z",
         "content": "The harbour authority on Sunday denied that it had skipped a tender."},
        {"source": {"id": "ct", "name": "The Coastal Times"}, "title": "Councillor stands by claims", "publishedAt": "2024-03-05T10:00:00Z",
         "content": "\u201cI have the papers,\u201d Councillor Tom Reyes said on Monday."},
    ]}
    (tmp_path / "search.json").write_text(json.dumps(api), encoding="utf-8")
    (tmp_path / "scraped.json").write_text(json.dumps([{"id": "s1", "text": "A plain article body.", "date": "2024-03-06"}]), encoding="utf-8")
    (tmp_path / "settings.json").write_text(json.dumps({"theme": "dark", "fontSize": 12}), encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"text": "cut off', encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    arts = {r["article_id"]: r for r in corpus.articles.iter_rows(named=True)}
    assert set(arts) == {"search-1", "search-2", "s1"}
    assert arts["search-1"]["outlet"] == "Harbour Daily" and str(arts["search-1"]["published_date"]) == "2024-03-04"
    assert arts["search-1"]["title"] == "Port denies dredging claims" and arts["search-1"]["byline"] == "Ellen Marsh"
    assert arts["search-2"]["outlet"] == "The Coastal Times" and arts["search-1"]["path"].endswith("search.json#1")
    assert str(arts["s1"]["published_date"]) == "2024-03-06"
    problems = {r["path"].rsplit("/", 1)[-1]: r for r in corpus.problems.iter_rows(named=True)}
    assert "no articles in this JSON document" in problems["settings.json#1"]["detail"]
    assert "not JSON" in problems["broken.json#1"]["detail"] and "line 1" in problems["broken.json#1"]["detail"]
    quotes = wb.extract_quotes(corpus)
    assert quotes.filter(pl.col("article_id") == "search-2")["speaker"].to_list() == ["Reyes"]


def _docx(path, paragraphs):
    """A minimal Word file: ``paragraphs`` (a "\\t" a tab, a "\\n" a line break) in word/document.xml."""
    import zipfile
    from xml.sax.saxutils import escape

    def para(text):
        runs = []
        for k, line in enumerate(text.split("\n")):
            if k:
                runs.append("<w:r><w:br/></w:r>")
            cells = line.split("\t")
            runs.append("<w:r>" + "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(c)}</w:t>' for c in cells) + "</w:r>")
        return "<w:p>" + "".join(runs) + "</w:p>"

    body = "".join(para(p) for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", xml)


def test_word_documents_and_a_nexis_uni_download_saved_as_docx(tmp_path):
    import hashlib

    _docx(tmp_path / "story.docx", ["Port denies dredging claims", "",
                                    "The harbour authority on Sunday denied that it had skipped a tender.",
                                    "“Every contract goes through an open tender,” said Maria Okafor."])
    export = (ROOT / "tests" / "data" / "exports" / "nexis_uni.txt").read_text(encoding="utf-8")
    _docx(tmp_path / "download.docx", export.split("\n"))  # Word keeps each line a paragraph
    (tmp_path / "damaged.docx").write_bytes(b"PK\x03\x04 not really a zip")
    corpus = wb.load_corpus(tmp_path, warn=False)
    arts = {r["article_id"]: r for r in corpus.articles.iter_rows(named=True)}
    assert set(arts) == {"story", "download-1", "download-2"}
    story = arts["story"]
    assert story["title"] == "Port denies dredging claims" and story["extracted_from"] == "docx"
    assert story["raw_text"] == ("Port denies dredging claims\n\nThe harbour authority on Sunday denied that it had skipped a tender.\n\n"
                                 "“Every contract goes through an open tender,” said Maria Okafor.\n")
    assert story["sha256"] == hashlib.sha256((tmp_path / "story.docx").read_bytes()).hexdigest()
    assert arts["download-2"]["outlet"] == "The Coastal Times" and str(arts["download-2"]["published_date"]) == "2024-03-05"
    assert "End of Document" not in arts["download-1"]["text"] and "Load-Date" not in arts["download-1"]["text"]
    (problem,) = corpus.problems.iter_rows(named=True)
    assert problem["problem"] == "unreadable" and "docx" in problem["detail"] and problem["path"].endswith("damaged.docx")
    q = wb.extract_quotes(corpus).filter(pl.col("article_id") == "story").row(0, named=True)
    assert q["speaker"] == "Okafor"


def test_docx_paragraph_text_keeps_tabs_and_line_breaks(tmp_path):
    from workbench.formats import docx_paragraphs

    _docx(tmp_path / "a.docx", ["one\ttwo", "line\nbreak"])
    assert docx_paragraphs((tmp_path / "a.docx").read_bytes()) == ["one\ttwo", "line\nbreak"]


def test_a_docx_that_would_unpack_to_too_much_is_a_problem(tmp_path, monkeypatch):
    import workbench.formats as formats

    _docx(tmp_path / "big.docx", ["word " * 20000])  # 100 KB of text in a zip of about 1 KB
    monkeypatch.setattr(formats, "MAX_BYTES", 2000)
    (problem,) = formats.read_documents(tmp_path / "big.docx")
    assert problem.problem == "unreadable" and "unpacks to" in problem.detail
