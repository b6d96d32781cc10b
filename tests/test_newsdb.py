"""News database exports (LexisNexis, Nexis Uni, Factiva): one .txt file, many articles.

The three files in ``tests/data/exports`` hold the same two invented articles in each layout (the
classic LexisNexis one hard-wrapped at 78 characters, as its downloads are)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import workbench as wb
from conftest import SEEDS
from workbench.newsdb import split_export

EXPORTS = Path(__file__).parent / "data" / "exports"
LAYOUTS = ("lexisnexis", "nexis_uni", "factiva")


@pytest.fixture(scope="module", params=LAYOUTS)
def export(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    shutil.copy(EXPORTS / f"{request.param}.txt", folder)
    return request.param, folder / f"{request.param}.txt", wb.load_corpus(folder, warn=False)


def test_each_article_of_an_export_is_an_article_with_its_header_as_metadata(export):
    name, _path, corpus = export
    arts = corpus.articles
    assert arts["article_id"].to_list() == [f"{name}-1", f"{name}-2"]
    assert [p.rsplit("#", 1)[1] for p in arts["path"]] == ["1", "2"]
    assert arts["title"].to_list() == ["Port authority denies claims over dredging contract", "Dredging row: councillor stands by claims"]
    assert arts["outlet"].to_list() == ["Harbour Daily", "The Coastal Times"]
    assert [str(d) for d in arts["published_date"]] == ["2024-03-04", "2024-03-05"]
    assert arts["byline"].to_list() == ["Ellen Marsh", "Priya Nair"]
    assert corpus.problems.height == 0


def test_the_database_furniture_is_not_article_text(export):
    _name, _path, corpus = export
    text = "\n".join(corpus.articles["text"])
    for furniture in ("DOCUMENTS", "LOAD-DATE", "Load-Date", "LENGTH:", "Length:", "Copyright", "End of Document",
                      "Document HBRD", "89 words", "Classification", "Search Terms", "\nBody\n", "English\n"):
        assert furniture not in text
    first = corpus.articles["text"][0]
    assert first.startswith("Port authority denies claims over dredging contract\n\nThe Westport harbour authority on Sunday denied")
    # hard-wrapped lines (the classic layout) are one paragraph again
    assert "awarded a dredging contract without a tender, after a councillor" in first
    assert corpus.paragraphs.filter(corpus.paragraphs["role"] == "body").height == 7


def test_every_article_traces_back_to_the_file(export):
    _name, path, corpus = export
    whole = path.read_text(encoding="utf-8")
    for row in corpus.articles.iter_rows(named=True):
        start, end, body = int(row["source_start"]), int(row["source_end"]), int(row["body_start"])
        assert row["sha256"] == hashlib.sha256(whole[start:end].encode("utf-8")).hexdigest()
        assert whole[int(row["title_start"]):].startswith(row["title"].split()[0])
        # the raw text past the headline is the file's, character for character, from body_start
        raw_body = row["raw_text"][len(row["title"]) + 2 :]
        assert whole[body : body + len(raw_body) - 1] == raw_body[:-1]
    # a sentence's raw span, shifted by body_start, is that sentence in the file
    s = corpus.sentences.filter(corpus.sentences["role"] == "body").row(0, named=True)
    art = corpus.articles.row(0, named=True)
    at = int(art["body_start"]) + s["raw_start"] - len(art["title"]) - 2
    assert whole[at : at + s["raw_end"] - s["raw_start"]].replace("\n", " ") == s["text"]


def test_extractors_read_each_article_of_an_export_on_its_own(export):
    _name, _path, corpus = export
    quotes = wb.extract_quotes(corpus)
    assert quotes.filter(quotes["text"].str.starts_with("Every contract"))["speaker"].to_list() == ["Okafor"]
    assert quotes.filter(quotes["text"].str.starts_with("I have the papers"))["article_id"].to_list() == [corpus.article_ids[1]]
    dates = wb.extract_dates(corpus)
    got = {(r["article_id"][-1], r["text"]): r["value"] for r in dates.iter_rows(named=True)}
    # relative days against each article's own publication date; "will publish … on Thursday, Okafor said" ahead
    assert got[("1", "Sunday")] == "2024-03-03" and got[("1", "Thursday")] == "2024-03-07"
    assert got[("2", "Monday")] == "2024-03-04"
    denials = wb.extract_denials(corpus)
    assert "it had awarded a dredging contract without a tender" in denials["denied"].to_list()


def test_an_article_whose_header_does_not_read_is_kept_whole_and_named(tmp_path):
    text = (EXPORTS / "lexisnexis.txt").read_text(encoding="utf-8")
    broken = text.replace("LENGTH: 55 words", "")  # the second article loses its LENGTH: line
    (tmp_path / "dl.txt").write_text(broken, encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    assert corpus.articles.height == 2
    problem = corpus.problems.row(0, named=True)
    assert problem["problem"] == "export-unparsed" and problem["article_id"] == "dl-2" and "LENGTH" in problem["detail"]
    assert "I have the papers" in corpus.articles["raw_text"][1]  # nothing lost


def test_ordinary_articles_are_not_exports():
    for path in sorted(SEEDS.glob("*.txt")):
        assert split_export(path.read_text(encoding="utf-8")) is None
    for text in ("Title\n\nDocument shows the minister knew.\n\nThe 2 of 3 documents were leaked.\n",
                 "Title\n\nThe report ends: End of Document.\n",
                 "Title\n\nDocument A1B2C3D4E5F6G7H8I9 was filed.\n"):
        assert split_export(text) is None


def test_an_article_a_download_holds_twice_is_flagged(tmp_path):
    text = (EXPORTS / "lexisnexis.txt").read_text(encoding="utf-8")
    first = text[text.index("1 of 2 DOCUMENTS") : text.index("2 of 2 DOCUMENTS")]
    twice = text.replace("2 of 2 DOCUMENTS", "2 of 3 DOCUMENTS") + first.replace("1 of 2 DOCUMENTS", "3 of 3 DOCUMENTS")
    (tmp_path / "dl.txt").write_text(twice, encoding="utf-8")
    corpus = wb.load_corpus(tmp_path, warn=False)
    assert corpus.articles.height == 3
    assert corpus.problems.select("article_id", "problem").rows() == [("dl-3", "duplicate")]


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_download_with_windows_line_endings_reads_the_same(tmp_path, name):
    text = (EXPORTS / f"{name}.txt").read_text(encoding="utf-8")
    (tmp_path / "unix").mkdir()
    (tmp_path / "windows").mkdir()
    (tmp_path / "unix" / "dl.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "windows" / "dl.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    unix, windows = (wb.load_corpus(tmp_path / d, warn=False) for d in ("unix", "windows"))
    cols = ["article_id", "title", "text", "outlet", "published_date", "byline"]
    assert windows.articles.height == 2 and windows.articles.select(cols).equals(unix.articles.select(cols))
