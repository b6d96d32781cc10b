"""Reading files: encodings recorded, bad files reported by name and skipped, the rest loads."""

from __future__ import annotations

import hashlib
import os

import pytest

import workbench as wb
from workbench.corpus import CorpusWarning
from workbench.io import decode_bytes, UnreadableFile

TEXT = "Headline with “quotes” — café\n\nBody paragraph, naïve résumé.\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_read_and_recorded(data, encoding):
    text, enc, notes = decode_bytes(data)
    assert text == TEXT and enc == encoding and notes == []


def test_latin1_fallback():
    data = bytes([0x81, 0xE9, 0x20]) * 10  # 0x81 is undefined in cp1252, and this is not UTF-8
    text, enc, _ = decode_bytes(data)
    assert enc == "latin-1" and text == "\x81é " * 10


def test_invalid_utf8_is_replaced_and_flagged():
    data = ("A long enough text " * 50).encode() + b"\xff" + " and more.".encode()
    text, enc, notes = decode_bytes(data)
    assert enc == "utf-8" and "\ufffd" in text and notes[0][0] == "invalid-utf8"


@pytest.mark.parametrize("data,what", [(b"%PDF-1.7\n...", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG")])
def test_binary_files_are_refused(data, what):
    with pytest.raises(UnreadableFile, match=what):
        decode_bytes(data)


def test_bad_files_do_not_take_the_corpus_down(tmp_path):
    (tmp_path / "good.txt").write_text("A good headline here\n\nA good body.", encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "utf16.txt").write_bytes("UTF-16 headline here\n\nBody.".encode("utf-16"))
    (tmp_path / "copy.txt").write_text("A good headline here\n\nA good body.", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.warns(CorpusWarning) as record:
        c = wb.load_corpus(tmp_path)
    assert set(c.article_ids) == {"copy", "empty", "good", "utf16"}
    problems = {(r["article_id"], r["problem"]) for r in c.problems.iter_rows(named=True)}
    assert ("scan", "binary") in problems
    assert ("empty", "empty") in problems
    assert ("good", "duplicate") in problems or ("copy", "duplicate") in problems
    assert any(aid == "loop" for aid, _ in problems)
    assert all(str(tmp_path) in str(w.message) for w in record)
    assert c.article("utf16")["encoding"] == "utf-16-le"
    # every file is accounted for: loaded, or a problem row
    names = {p.stem for p in tmp_path.iterdir()}
    assert names <= set(c.article_ids) | {aid for aid, _ in problems}


def test_nothing_loadable_raises_with_every_reason(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4")
    with pytest.raises(ValueError, match=r"a\.txt: binary"):
        wb.load_corpus(tmp_path, warn=False)


def test_missing_folder():
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        wb.load_corpus("no-such-folder")


def test_raw_bytes_are_hashed(tmp_path):
    data = "Headline here\r\n\r\nBody.".encode("utf-8")
    (tmp_path / "x.txt").write_bytes(data)
    c = wb.load_corpus(tmp_path)
    assert c.article("x")["sha256"] == hashlib.sha256(data).hexdigest()
    assert c.article("x")["raw_text"] == data.decode()


def test_a_file_is_read_to_its_end_whatever_size_it_claimed(tmp_path):
    """read_article reads a file's bytes in one read of the size fstat gave; a file that grew
    since, or one with no size (a pipe), is read on to its end."""
    from workbench.io import _read_all

    path = tmp_path / "a.txt"
    path.write_bytes(b"abcdefgh" * 10_000)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_all(fd, 5) == b"abcdefgh" * 10_000  # it grew after its size was taken
    finally:
        os.close(fd)
    r, w = os.pipe()
    os.write(w, b"from a pipe")
    os.close(w)
    try:
        assert _read_all(r, 0) == b"from a pipe"
    finally:
        os.close(r)
