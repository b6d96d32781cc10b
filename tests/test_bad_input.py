"""Bad input, one fixture per case: the rest of the corpus loads, the bad file gets a named problem.

For every case the folder also holds a good article. The contract checked each time:
* the good article loads, untouched;
* a ``corpus.problems`` row names the bad file (``article_id`` and ``path``) and the problem;
* a :class:`CorpusWarning` carries the same message;
* no file is dropped silently: every ``.txt`` in the folder is loaded or has a problem row;
* a readable file with flaws still loads (flagged), an unreadable one is skipped (flagged);
* the sha256 of every loaded file is the hash of its bytes on disk.
An exception is raised only when nothing at all could load.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import workbench as wb
import workbench.io
from helpers import assert_rows_trace_to_raw
from workbench.corpus import CorpusWarning

GOOD = "A good headline for the test corpus\n\nThe body of the good article is here. It has two sentences.\n"
BODY = "Officials met on Monday in the capital. They said talks would resume next week.\n"


def _folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def _load(folder: Path, **kw):
    with pytest.warns(CorpusWarning) as record:
        corpus = wb.load_corpus(folder, **kw)
    return corpus, [str(w.message) for w in record if issubclass(w.category, CorpusWarning)]


def _check_contract(folder: Path, corpus, messages: list[str], bad: str, problem: str, *, loaded: bool) -> dict:
    """The common contract; returns the problem row of ``bad``."""
    assert "good" in corpus.article_ids
    good = corpus.article("good")
    assert good["text"] == GOOD and good["raw_text"] == GOOD
    rows = corpus.problems.filter(corpus.problems["article_id"] == bad).to_dicts()
    codes = [r["problem"] for r in rows]
    assert problem in codes, (bad, corpus.problems.to_dicts())
    row = next(r for r in rows if r["problem"] == problem)
    assert row["path"] == str(folder / f"{bad}.txt") and row["detail"]
    assert any(m.startswith(f"{row['path']}: {problem}: ") for m in messages), messages
    assert (bad in corpus.article_ids) is loaded
    # no file dropped silently
    names = {p.stem for p in folder.iterdir() if p.suffix == ".txt"}
    assert names <= set(corpus.article_ids) | set(corpus.problems["article_id"].drop_nulls())
    for a in corpus.articles.iter_rows(named=True):
        assert a["sha256"] == hashlib.sha256(Path(a["path"]).read_bytes()).hexdigest()
    # whatever loaded is traceable
    assert_rows_trace_to_raw(corpus, corpus.paragraphs)
    assert_rows_trace_to_raw(corpus, corpus.sentences)
    return row


def test_empty_file_loads_flagged(tmp_path):
    folder = _folder(tmp_path, {"empty.txt": b""})
    corpus, msgs = _load(folder)
    _check_contract(folder, corpus, msgs, "empty", "empty", loaded=True)
    assert corpus.article("empty")["text"] == "" and corpus.article("empty")["word_count"] == 0


def test_whitespace_only_file_loads_flagged(tmp_path):
    folder = _folder(tmp_path, {"blank.txt": " \n\t\r\n \u00a0\n"})
    corpus, msgs = _load(folder)
    _check_contract(folder, corpus, msgs, "blank", "empty", loaded=True)


@pytest.mark.parametrize(
    "data,what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4, "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(200), "PNG"),
    ],
)
def test_binary_files_are_skipped_flagged(tmp_path, data, what):
    folder = _folder(tmp_path, {"scan.txt": data})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "scan", "binary", loaded=False)
    assert what in row["detail"] and hashlib.sha256(data).hexdigest()[:12] in row["detail"]


def test_invalid_utf8_loads_with_replacement_characters(tmp_path):
    data = ("Headline about the summit talks\n\n" + BODY * 20).encode() + b"caf\xe9 \xff\xfe" + BODY.encode()
    folder = _folder(tmp_path, {"latin.txt": data})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "latin", "invalid-utf8", loaded=True)
    assert "byte" in row["detail"]
    art = corpus.article("latin")
    assert "\ufffd" in art["raw_text"] and art["encoding"] == "utf-8"


def test_mostly_non_utf8_file_is_decoded_as_windows_1252_flagged(tmp_path):
    text = "Café talks “resume” — naïve résumé\n\n" + "Déjà vu à Genève, l’été. " * 40 + "\n"
    folder = _folder(tmp_path, {"cp.txt": text.encode("cp1252")})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "cp", "not-utf8", loaded=True)
    assert "cp1252" in row["detail"] and "guess" in row["detail"]
    assert corpus.article("cp")["raw_text"] == text


@pytest.mark.parametrize("bom", [True, False], ids=["with-bom", "without-bom"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_loads_with_its_encoding(tmp_path, bom, codec):
    text = "Headline about the “summit” talks\n\n" + BODY * 3
    data = (("\ufeff" + text) if bom else text).encode(codec)
    folder = _folder(tmp_path, {"wide.txt": data})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "wide", "not-utf8", loaded=True)
    assert ("byte-order mark" in row["detail"]) is bom
    art = corpus.article("wide")
    assert art["raw_text"] == text and art["encoding"] == codec
    assert art["title"] == "Headline about the “summit” talks"


def test_a_few_nul_bytes_are_removed_flagged(tmp_path):
    data = ("Headline about the summit talks\n\n" + BODY * 30).encode()
    data = data[:100] + b"\x00" + data[100:200] + b"\x00\x00" + data[200:]
    folder = _folder(tmp_path, {"nul.txt": data})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "nul", "nul-bytes", loaded=True)
    assert row["detail"].startswith("3 NUL")
    assert "\x00" not in corpus.article("nul")["text"]
    assert corpus.article("nul")["sha256"] == hashlib.sha256(data).hexdigest()  # the bytes on disk, NULs and all


def test_nul_laden_file_is_binary(tmp_path):
    data = bytes(range(1, 50)) + b"\x00" * 500 + b"some text"
    folder = _folder(tmp_path, {"blob.txt": data})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "blob", "binary", loaded=False)
    assert "NUL" in row["detail"]


def test_50_mb_article_is_refused_without_reading_it(tmp_path, monkeypatch):
    folder = _folder(tmp_path, {})
    chunk = (BODY * 1000).encode()  # ~80 KB, written repeatedly: the test never holds 50 MB
    with open(folder / "huge.txt", "wb") as f:
        f.write(b"A headline over a huge file\n\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    read = []  # the sizes of the files whose bytes were read
    real_read_all = workbench.io._read_all

    def recorded(fd, size):
        read.append(size)
        return real_read_all(fd, size)

    monkeypatch.setattr(workbench.io, "_read_all", recorded)  # the reader's one read of a file's bytes
    corpus, msgs = _load(folder)
    assert read  # the other files were read through it
    row = _check_contract(folder, corpus, msgs, "huge", "too-large", loaded=False)
    assert max(read) < workbench.io.MAX_BYTES  # the huge file refused from its size alone, unread
    assert f"{workbench.io.MAX_BYTES:,}" in row["detail"] and "MAX_BYTES" in row["detail"]


def test_the_size_limit_can_be_raised(tmp_path, monkeypatch):
    folder = _folder(tmp_path, {"big.txt": "A headline over a big file\n\n" + BODY * 200})
    monkeypatch.setattr(workbench.io, "MAX_BYTES", 1000)
    corpus, msgs = _load(folder, warn=True)
    _check_contract(folder, corpus, msgs, "big", "too-large", loaded=False)
    monkeypatch.setattr(workbench.io, "MAX_BYTES", 10**6)
    assert "big" in wb.load_corpus(folder, warn=False).article_ids


def test_one_giant_line_loads_flagged(tmp_path):
    line = ("The minister said the talks would resume on Monday, officials said. " * 4000).strip()
    folder = _folder(tmp_path, {"wall.txt": line + "\n"})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "wall", "no-paragraph-breaks", loaded=True)
    assert f"{len(line):,}" in row["detail"]
    # a wall of text is not a headline: no title, one body paragraph split into its sentences
    assert corpus.article("wall")["title"] is None
    assert corpus.paragraphs.filter(corpus.paragraphs["article_id"] == "wall")["role"].to_list() == ["body"]
    assert corpus.sentences.filter(corpus.sentences["article_id"] == "wall").height == 4000


@pytest.mark.parametrize("n,title", [(399, True), (401, False)])
def test_title_length_limit(n, title):
    from workbench.text.structure import MAX_TITLE_CHARS, parse_structure

    first = ("Word " * 100)[: n - 1] + "x"
    st = parse_structure(first + "\n\nA body paragraph follows here, with a full sentence.\n")
    assert MAX_TITLE_CHARS == 400 and len(first) == n
    assert (st.title == first) is title
    assert [b.role for b in st.blocks] == (["title", "body"] if title else ["body", "body"])


def test_only_a_headline_loads_flagged(tmp_path):
    folder = _folder(tmp_path, {"head.txt": "Summit talks collapse after late-night row\n"})
    corpus, msgs = _load(folder)
    _check_contract(folder, corpus, msgs, "head", "no-body", loaded=True)
    art = corpus.article("head")
    assert art["title"] == "Summit talks collapse after late-night row" and art["word_count"] == 0


@pytest.mark.parametrize(
    "body,detail",
    [
        ("“We will not sign, the minister said. Talks ended.\n", "1 opening “ but 0 closing ”"),
        ('The deal is "dead, he said. Nobody answered.\n', 'odd number (1) of straight "'),
        ("” ” ” Stray closing marks everywhere ” here.\n", "0 opening “ but 4 closing ”"),
        ("He said “no” and “never and “not now”.\n", "3 opening “ but 2 closing ”"),
    ],
)
def test_unbalanced_and_stray_quotes_load_flagged(tmp_path, body, detail):
    folder = _folder(tmp_path, {"quotes.txt": "Headline about the summit talks\n\n" + body + "\n" + BODY})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "quotes", "unbalanced-quotes", loaded=True)
    assert detail in row["detail"]


def test_reversed_quote_marks_with_equal_counts_load_quietly(tmp_path):
    """Counting cannot see ” … “ (equal numbers, wrong order): it loads, traceable, with no flag."""
    folder = _folder(tmp_path, {"quotes.txt": "Headline about the summit talks\n\nHe called it ” a mistake“ today.\n\n" + BODY})
    corpus = wb.load_corpus(folder, warn=False)
    assert "quotes" in corpus.article_ids and corpus.problems.height == 0
    assert_rows_trace_to_raw(corpus, corpus.sentences)


def test_deeply_nested_quotes_load_flagged(tmp_path):
    nested = "“" * 12 + "innermost" + "”" * 12
    body = f"She said {nested} and left. Then “‘“‘deep’”’” again.\n"
    folder = _folder(tmp_path, {"nest.txt": "Headline about the summit talks\n\n" + body + "\n" + BODY})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "nest", "nested-quotes", loaded=True)
    assert "12 deep" in row["detail"]
    assert not corpus.problems.filter(corpus.problems["problem"] == "unbalanced-quotes").height


def test_all_mojibake_text_is_repaired_flagged(tmp_path):
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": cp1252 that keeps 0x81, 0x9D …)

    clean = "Café talks: “No deal,” says the naïve envoy — again…\n\n" + ("The résumé of the Zürich talks “stalled” on Monday – officials’ words. " * 20).strip() + "\n"
    mojibake = clean.encode("utf-8").decode("sloppy-windows-1252")  # every non-ASCII character garbled
    assert mojibake != clean and "â€" in mojibake
    folder = _folder(tmp_path, {"garbled.txt": mojibake})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "garbled", "heavy-mojibake", loaded=True)
    assert "wrong encoding" in row["detail"]
    assert corpus.article("garbled")["text"] == clean


def test_symlink_loop_is_flagged(tmp_path):
    folder = _folder(tmp_path, {})
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    corpus, msgs = _load(folder)
    for name in ("loop", "a", "b"):
        _check_contract(folder, corpus, msgs, name, "broken-link", loaded=False)


def test_folder_named_like_an_article_is_flagged(tmp_path):
    folder = _folder(tmp_path, {})
    (folder / "x.txt").mkdir()
    corpus, msgs = _load(folder)
    _check_contract(folder, corpus, msgs, "x", "not-a-file", loaded=False)


def test_unreadable_file_is_flagged(tmp_path, monkeypatch):
    """chmod 000; as root (CI) that does not stop a read, so the failing read is simulated there."""
    folder = _folder(tmp_path, {"locked.txt": "Headline about the summit talks\n\n" + BODY})
    (folder / "locked.txt").chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        real_open = os.open

        def locked_open(file, *args, **kwargs):
            if Path(os.fsdecode(file)).name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", locked_open)  # the reader's open (a file descriptor)
    try:
        corpus, msgs = _load(folder)
    finally:
        (folder / "locked.txt").chmod(0o644)
    row = _check_contract(folder, corpus, msgs, "locked", "unreadable", loaded=False)
    assert "Permission denied" in row["detail"]


def test_file_name_that_is_not_utf8_loads(tmp_path):
    folder = _folder(tmp_path, {})
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(("Headline about the summit talks\n\n" + BODY).encode())
    corpus = wb.load_corpus(folder, warn=False)
    assert sorted(corpus.article_ids) == ["caf\ufffd", "good"]
    assert corpus.article("caf\ufffd")["path"].endswith("caf\ufffd.txt")


def test_duplicate_articles_load_flagged(tmp_path):
    folder = _folder(tmp_path, {"copy.txt": GOOD})
    corpus, msgs = _load(folder)
    row = _check_contract(folder, corpus, msgs, "good", "duplicate", loaded=True)
    assert "copy.txt" in row["detail"] or "good.txt" in row["detail"]
    assert {"copy", "good"} <= set(corpus.article_ids)
    shas = corpus.articles["sha256"].to_list()
    assert shas[0] == shas[1]


CATALOG_HEAD = "file,outlet,url,published_date\n"


def test_catalog_with_unknown_file_is_flagged(tmp_path):
    folder = _folder(tmp_path, {"catalog.csv": CATALOG_HEAD + "good.txt,Daily,,2025-07-08\nghost.txt,Weekly,,2025-07-09\n"})
    corpus, msgs = _load(folder)
    row = corpus.problems.filter(corpus.problems["problem"] == "catalog-unknown-file").row(0, named=True)
    assert row["article_id"] == "ghost" and row["path"] == str(folder / "catalog.csv") and "ghost.txt" in row["detail"]
    assert any("ghost.txt" in m for m in msgs)
    assert corpus.article("good")["outlet"] == "Daily"


def test_catalog_with_malformed_date_is_flagged(tmp_path):
    folder = _folder(tmp_path, {"catalog.csv": CATALOG_HEAD + "good.txt,Daily,,8 July 2025\n"})
    corpus, msgs = _load(folder)
    row = corpus.problems.filter(corpus.problems["problem"] == "catalog-bad-date").row(0, named=True)
    assert row["article_id"] == "good" and "8 July 2025" in row["detail"] and "line 2" in row["detail"]
    assert corpus.article("good")["published_date"] is None and corpus.article("good")["outlet"] == "Daily"
    assert any("catalog-bad-date" in m for m in msgs)


@pytest.mark.parametrize(
    "catalog,missing",
    [("file,outlet\ngood.txt,Daily\n", "url, published_date"), ("name,outlet\ngood.txt,Daily\n", "'file'")],
)
def test_catalog_with_missing_column_is_flagged(tmp_path, catalog, missing):
    folder = _folder(tmp_path, {"catalog.csv": catalog})
    corpus, msgs = _load(folder)
    row = corpus.problems.filter(corpus.problems["problem"] == "catalog-missing-column").row(0, named=True)
    assert missing in row["detail"] and row["path"] == str(folder / "catalog.csv")
    assert any("catalog-missing-column" in m for m in msgs)
    assert corpus.article("good")["outlet"] == ("Daily" if missing != "'file'" else None)


def test_binary_catalog_is_flagged(tmp_path):
    folder = _folder(tmp_path, {"catalog.csv": b"\x89PNG\r\n\x1a\n" + bytes(100)})
    corpus, msgs = _load(folder)
    assert corpus.problems["problem"].to_list() == ["catalog-unreadable"]
    assert corpus.article_ids == ["good"]


def test_everything_bad_at_once(tmp_path):
    """All the cases in one folder: the good article still loads and every file is accounted for."""
    folder = _folder(tmp_path, {
        "empty.txt": b"", "scan.txt": b"%PDF-1.4 x", "png.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "wide.txt": ("Headline about the summit\n\n" + BODY).encode("utf-16"),
        "head.txt": "Only a headline here, nothing else\n", "copy.txt": GOOD,
        "quotes.txt": "Headline about the summit\n\n“Unclosed quote here.\n",
        "catalog.csv": "file,outlet,published_date\nghost.txt,X,2025-13-45\n",
    })
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir.txt").mkdir()
    corpus, msgs = _load(folder)
    assert set(corpus.article_ids) == {"good", "empty", "wide", "head", "copy", "quotes"}
    names = {p.stem for p in folder.iterdir() if p.suffix == ".txt"}
    assert names <= set(corpus.article_ids) | set(corpus.problems["article_id"].drop_nulls())
    assert len(msgs) == corpus.problems.height
    assert set(corpus.problems["problem"]) >= {
        "empty", "binary", "not-utf8", "no-body", "duplicate", "unbalanced-quotes", "broken-link",
        "not-a-file", "catalog-unknown-file", "catalog-bad-date", "catalog-missing-column",
    }


def test_nothing_loadable_raises_naming_every_file(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"%PDF-1.4")
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "c.txt").symlink_to(folder / "c.txt")
    with pytest.raises(ValueError) as err:
        wb.load_corpus(folder, warn=False)
    msg = str(err.value)
    assert "nothing could be loaded" in msg
    for name, code in (("a.txt", "binary"), ("b.txt", "binary"), ("c.txt", "broken-link")):
        assert f"{name}: {code}" in msg


def test_empty_folder_raises(tmp_path):
    with pytest.raises(ValueError, match="no article files"):
        wb.load_corpus(tmp_path, warn=False)


def test_map_offsets_at_the_end_of_text_and_on_empty_articles(tmp_path):
    """Found by hypothesis: an empty span at the end of the text (after trailing spaces were cut)
    and any span of an empty article map like ``to_raw`` (they gave a different offset / null)."""
    import polars as pl

    folder = _folder(tmp_path, {"trail.txt": "Headline about the talks\n\nBody.   \n\n\n", "empty.txt": " \n "})
    corpus = wb.load_corpus(folder, warn=False)
    rows = [{"article_id": aid, "start": p, "end": p} for aid in corpus.article_ids
            for p in {0, len(corpus.article(aid)["text"])}]
    rows.append({"article_id": "trail", "start": 0, "end": len(corpus.article("trail")["text"])})
    mapped = corpus.map_offsets(pl.DataFrame(rows))
    for r in mapped.iter_rows(named=True):
        assert (r["raw_start"], r["raw_end"]) == corpus.to_raw(r["article_id"], r["start"], r["end"]), r
    assert assert_rows_trace_to_raw(corpus, mapped, text_column=None) >= 1
    end = mapped.filter((pl.col("article_id") == "empty")).row(0, named=True)
    assert end["raw_start"] == end["raw_end"] == len(" \n ")
