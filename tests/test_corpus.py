"""The corpus frames: columns, provenance (every row traceable to raw offsets), catalog, MEANTIME."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest

import workbench as wb
from conftest import MEANTIME, SEEDS, seed_id
from workbench.text.edits import Repair, replay

ARTICLE_COLUMNS = ["article_id", "path", "sha256", "encoding", "raw_text", "text", "title", "dek", "kicker",
                   "dateline", "outlet", "url", "published_date", "word_count"]


def test_frames_have_the_contract_columns(seeds):
    assert set(ARTICLE_COLUMNS) <= set(seeds.articles.columns)
    assert {"article_id", "section_index", "heading", "start", "end", "raw_start", "raw_end"} <= set(seeds.sections.columns)
    for frame, index in ((seeds.paragraphs, "paragraph_index"), (seeds.sentences, "sentence_index")):
        assert {"article_id", index, "section_index", "text", "start", "end", "raw_start", "raw_end"} <= set(frame.columns)
    assert {"paragraph_index"} <= set(seeds.sentences.columns)
    assert {"article_id", "kind", "raw_start", "raw_end", "before", "after"} <= set(seeds.repairs.columns)
    assert set(seeds.problems.columns) == {"article_id", "path", "problem", "detail"}
    assert seeds.articles["published_date"].dtype == pl.Date


def test_seed_articles(seeds):
    assert seeds.articles.height == 5
    assert seeds.problems.height == 0
    for row in seeds.articles.iter_rows(named=True):
        raw_bytes = (SEEDS / f"{row['article_id']}.txt").read_bytes()
        assert row["sha256"] == hashlib.sha256(raw_bytes).hexdigest()
        assert row["raw_text"] == raw_bytes.decode("utf-8")
        assert row["encoding"] == "utf-8"
        assert row["word_count"] > 200
        assert row["text"].startswith(row["kicker"] or row["title"])


def _check_provenance(corpus):
    """text[start:end] is the row's text; raw_text[raw_start:raw_end] replays to it via the repairs inside."""
    texts = dict(corpus.articles.select("article_id", "text").iter_rows())
    raws = dict(corpus.articles.select("article_id", "raw_text").iter_rows())
    repairs = {}
    for r in corpus.repairs.iter_rows(named=True):
        repairs.setdefault(r["article_id"], []).append(Repair(r["kind"], r["raw_start"], r["raw_end"], r["before"], r["after"]))
    for aid in corpus.article_ids:
        assert replay(raws[aid], repairs.get(aid, [])) == texts[aid], aid
    checked = 0
    for frame in (corpus.paragraphs, corpus.sentences, corpus.sections.with_columns(pl.lit("").alias("text"))):
        for row in frame.iter_rows(named=True):
            aid = row["article_id"]
            text = texts[aid][row["start"] : row["end"]]
            if row["text"]:
                assert row["text"] == text
            rs, re_ = row["raw_start"], row["raw_end"]
            inside = [Repair(r.kind, r.raw_start - rs, r.raw_end - rs, r.before, r.after)
                      for r in repairs.get(aid, []) if rs <= r.raw_start and r.raw_end <= re_]
            assert replay(raws[aid][rs:re_], inside) == text, (aid, row.get("text", "")[:40])
            checked += 1
    return checked


def test_provenance_on_the_seeds(seeds):
    assert _check_provenance(seeds) > 300


def test_provenance_on_meantime(meantime):
    assert _check_provenance(meantime) > 2000


def test_mojibake_sentence_maps_to_its_raw_bytes(seeds):
    aid = seed_id("002")
    s = seeds.sentences.filter((pl.col("article_id") == aid) & pl.col("text").str.contains("no telephone conversations then")).row(0, named=True)
    raw = seeds.article(aid)["raw_text"][s["raw_start"] : s["raw_end"]]
    assert raw.startswith("โ€œThe fact is that there were no telephone conversations then,โ€")
    assert s["text"].startswith("“The fact is that there were no telephone conversations then,”")


def test_map_offsets_agrees_with_to_raw(seeds):
    frame = seeds.sentences.select("article_id", "start", "end")
    mapped = seeds.map_offsets(frame)
    for row in mapped.iter_rows(named=True):
        assert (row["raw_start"], row["raw_end"]) == seeds.to_raw(row["article_id"], row["start"], row["end"])
    assert mapped["raw_start"].to_list() == seeds.sentences["raw_start"].to_list()


def test_sentences_do_not_split_abbreviations(seeds):
    texts = seeds.sentences["text"].to_list()
    assert not any(t.endswith(("U.S.", "D.C.", "Lt.")) and len(t) < 12 for t in texts)
    assert any("U.S. President Donald Trump has reportedly urged" in t for t in texts)


def test_meantime_titles_and_datelines(meantime):
    a = meantime.articles
    assert a.height == 120
    assert a["title"].null_count() == 0
    assert a["dateline"].null_count() == 0
    assert a["dateline"].str.contains(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$").all()
    # every file reads cleanly; the only flags are five articles whose “ and ” really do not pair up
    assert meantime.problems["problem"].unique().to_list() == ["unbalanced-quotes"]
    assert sorted(meantime.problems["article_id"]) == ["100911", "114904", "1173", "141483", "40986"]
    # the body is one paragraph per article in this corpus
    assert meantime.paragraphs.filter(pl.col("role") == "body").height == 120


def test_catalog_fills_metadata_and_reports_unknown_rows(tmp_path):
    (tmp_path / "a.txt").write_text("Headline A here\n\nBody text of article A.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Headline B here\n\nBody text of article B.", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text(
        "file,outlet,url,published_date,author\n"
        "a.txt,The Daily,https://example.org/a,2025-07-08,Jo Writer\n"
        "b.txt,,,not-a-date,\n"
        "ghost.txt,Nowhere,,2025-01-01,\n",
        encoding="utf-8",
    )
    with pytest.warns(wb.corpus.CorpusWarning):
        c = wb.load_corpus(tmp_path)
    a = c.article("a")
    assert (a["outlet"], a["url"], a["published_date"], a["author"], a["label"]) == (
        "The Daily", "https://example.org/a", dt.date(2025, 7, 8), "Jo Writer", "The Daily")
    assert c.article("b")["published_date"] is None and c.article("b")["label"] == "b"
    problems = dict(c.problems.select("problem", "detail").iter_rows())
    assert "ghost.txt" in problems["catalog-unknown-file"]
    assert "not-a-date" in problems["catalog-bad-date"]


def test_catalog_without_file_column_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Headline A here\n\nBody.", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("name,outlet\na.txt,X\n", encoding="utf-8")
    c = wb.load_corpus(tmp_path, warn=False)
    assert c.problems["problem"].to_list() == ["catalog-missing-column"]
    assert c.article("a")["outlet"] is None


def test_published_dates_override(seeds):
    aid = seed_id("004")
    c = seeds.with_published_dates({aid: "2024-11-11"})
    assert c.article(aid)["published_date"] == dt.date(2024, 11, 11)
    assert seeds.article(aid)["published_date"] is None  # the original is untouched
    with pytest.raises(KeyError, match="nope"):
        seeds.with_published_dates({"nope": "2024-01-01"})
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        seeds.with_published_dates({aid: "11/11/2024"})


def test_list_of_files_and_single_file():
    files = sorted(SEEDS.glob("00[01]_*.txt"))
    c = wb.load_corpus(files)
    assert c.article_ids == [p.stem for p in files]
    assert len(wb.load_corpus(files[0])) == 1


def test_meantime_loads_from_its_folder():
    c = wb.load_corpus(MEANTIME)
    assert len(c) == 120


def test_frames_gathered_in_chunks_equal_one_gathering(tmp_path, monkeypatch):
    """load_corpus turns row dicts into frames a chunk of articles at a time (to bound memory);
    chunk boundaries — with extra catalog columns only some chunks have — change no frame."""
    import shutil

    from workbench import corpus as corpus_module

    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, tmp_path / p.name)
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    (tmp_path / "catalog.csv").write_text(f"file,outlet,desk\n{names[0]},Outlet A,\n{names[-1]},Outlet B,politics\n", encoding="utf-8")
    whole = wb.load_corpus(tmp_path, warn=False)
    monkeypatch.setattr(corpus_module._Parts, "CHUNK", 2)
    chunked = wb.load_corpus(tmp_path, warn=False)
    assert "desk" in whole.articles.columns
    for name in ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "offsets"):
        assert getattr(chunked, name).equals(getattr(whole, name)), name
    aid = whole.article_ids[2]
    assert chunked.to_raw(aid, 0, 10) == whole.to_raw(aid, 0, 10)


def test_subset_keeps_only_the_articles_asked_for(seeds):
    ids = seeds.article_ids[1:3]
    part = seeds.subset(ids)
    assert part.article_ids == ids
    for name in ("articles", "sections", "paragraphs", "sentences", "repairs", "offsets"):
        assert getattr(part, name).equals(getattr(seeds, name).filter(pl.col("article_id").is_in(ids))), name
    assert part.to_raw(ids[0], 0, 5) == seeds.to_raw(ids[0], 0, 5)
    # an article with a known date: its events are its own business (an undated one's inference
    # reads the years the whole corpus mentions, so it may differ on a subset)
    whole = wb.timeline(seeds, published_dates={ids[0]: "2025-07-18"}).filter(pl.col("article_id") == ids[0])
    assert whole.height > 0 and wb.timeline(part, published_dates={ids[0]: "2025-07-18"}).filter(pl.col("article_id") == ids[0]).equals(whole)
    with pytest.raises(KeyError, match="no-such"):
        seeds.subset(["no-such"])


def test_a_word_is_what_pythons_word_characters_make():
    """WORD_PATTERN (a Rust regex, counted over whole columns by polars) takes the same characters
    for word characters as Python's ``\\w`` — every code point Python's Unicode database has
    assigned (those assigned later are letters to polars' newer tables, unknown to Python)."""
    import re
    import unicodedata

    from workbench.corpus import WORD_PATTERN

    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF and unicodedata.category(chr(i)) != "Cn"]
    word_char = WORD_PATTERN[: WORD_PATTERN.index("]") + 1]
    rust = pl.Series(chars).str.contains(f"^{word_char}$").to_list()
    differing = [c for c, r in zip(chars, rust) if r != bool(re.match(r"\w", c))]
    assert len(chars) > 140_000 and differing == []


@pytest.mark.parametrize("text, words", [
    ("U.S. officials said Trump’s counter-narrative failed.", 6),
    ("Ceci n'est pas ½ — 2,5 % — café naïve façade", 9),
    ("", 0), ("— … —", 0), ("snake_case x-", 2),
])
def test_word_count(text, words):
    from workbench.corpus import word_count

    assert word_count(text) == words


def test_word_counts_are_the_body_paragraphs_words():
    """Sections and articles count the words of their body paragraphs — as a Python regex of the
    same words counts them, paragraph by paragraph, on the seeds and MEANTIME."""
    import re

    words = re.compile(r"\w+(?:[’'\-.]\w+)*")
    for corpus in (wb.load_corpus(SEEDS), wb.load_corpus(MEANTIME, warn=False)):
        body = corpus.paragraphs.filter(pl.col("role") == "body")
        per_section: dict[tuple[str, int], int] = {}
        for aid, section, text in body.select("article_id", "section_index", "text").iter_rows():
            per_section[(aid, section)] = per_section.get((aid, section), 0) + len(words.findall(text))
        sections = {(a, s): n for a, s, n in corpus.sections.select("article_id", "section_index", "word_count").iter_rows()}
        assert sections == {key: per_section.get(key, 0) for key in sections} and set(per_section) <= set(sections)
        articles = dict(corpus.articles.select("article_id", "word_count").iter_rows())
        for aid, n in articles.items():
            assert n == sum(v for (a, _), v in per_section.items() if a == aid)
        assert min(articles.values()) > 50


def _outlet_tree(root):
    """A corpus kept one folder per outlet, file names repeating across them, a catalog keyed by path."""
    import shutil

    from conftest import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))
    for outlet, picks in (("bbc", seeds[:2]), ("reuters", seeds[2:4]), ("ap/wire", seeds[4:])):
        (root / outlet).mkdir(parents=True)
        for k, src in enumerate(picks):
            shutil.copy(src, root / outlet / f"{k:03d}.txt")
    (root / "catalog.csv").write_text("file,outlet,url,published_date\nreuters/000.txt,Reuters,,2025-07-10\n000.txt,Wrong,,\n", encoding="utf-8")
    return root


def test_a_folder_per_outlet_loads_as_one_corpus(tmp_path):
    import polars as pl

    root = _outlet_tree(tmp_path / "story")
    corpus = wb.load_corpus(root, warn=False)
    arts = corpus.articles
    assert arts["article_id"].to_list() == ["ap/wire/000", "bbc/000", "bbc/001", "reuters/000", "reuters/001"]
    assert arts["folder"].to_list() == ["ap/wire", "bbc", "bbc", "reuters", "reuters"]
    # the top subfolder names the outlet; the catalog, keyed by the file's path, says otherwise
    assert arts["outlet"].to_list() == ["ap", "bbc", "bbc", "Reuters", "reuters"]
    assert arts.filter(pl.col("article_id") == "reuters/000")["published_date"].to_list() == [dt.date(2025, 7, 10)]
    assert "catalog-unknown-file" in corpus.problems["problem"].to_list()  # "000.txt" names no file of the tree
    assert wb.catalog_template(corpus)["file"].to_list() == ["ap/wire/000.txt", "bbc/000.txt", "bbc/001.txt", "reuters/000.txt", "reuters/001.txt"]
    # never read the subfolders: each is named, with its count, and nothing loads
    with pytest.raises(ValueError, match=r"bbc: subfolder-not-loaded: a folder of 2 article files"):
        wb.load_corpus(root, warn=False, recursive=False)


def test_a_file_of_its_own_keeps_the_folder_flat_unless_asked(tmp_path):
    import shutil

    from conftest import SEEDS

    root = _outlet_tree(tmp_path / "story")
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], root / "lead.txt")
    flat = wb.load_corpus(root, warn=False)
    assert flat.article_ids == ["lead"] and flat.problems["problem"].to_list().count("subfolder-not-loaded") == 2  # bbc, reuters (ap holds only a folder)
    assert len(wb.load_corpus(root, warn=False, recursive=True).article_ids) == 6
