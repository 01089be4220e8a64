"""cleaner.io: decoding, file errors, atomic writes, JSON lines."""
from __future__ import annotations

import io
import json
import os
import stat

import pytest

from cleaner import io as cio
from cleaner.io import (Decoded, InputError, OutputError, RecordError, atomic_writer, decode, dump_record,
                        iter_jsonl, read_text, record_page, write_atomic)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


# ----------------------------------------------------------------------------- decoding

@pytest.mark.parametrize("data, text, encoding", [
    (b"", "", "utf-8"),
    (b"  \n\t\n", "  \n\t\n", "utf-8"),
    ("Caf\u00e9 \u2014 na\u00efve\n".encode("utf-8"), "Caf\u00e9 \u2014 na\u00efve\n", "utf-8"),
    (b"\xef\xbb\xbfHeadline\r\nBody\r\n", "Headline\r\nBody\r\n", "utf-8"),
    ("\ufeffTitle\nLine\n".encode("utf-16-le"), "Title\nLine\n", "utf-16-le"),
    ("\ufeffTitle\nLine\n".encode("utf-16-be"), "Title\nLine\n", "utf-16-be"),
    ("\ufeffTitle\n".encode("utf-32-le"), "Title\n", "utf-32-le"),
    (b"Caf\xe9 \x93quoted\x94 \x80 5\n", "Caf\u00e9 \u201cquoted\u201d \u20ac 5\n", "cp1252"),
    (b"odd \x81\x8d\x8f\x90\x9d bytes", "odd \x81\x8d\x8f\x90\x9d bytes", "cp1252"),
])
def test_decode_and_round_trip(data, text, encoding):
    d = decode(data, "page.txt")
    assert (d.text, d.encoding) == (text, encoding)
    assert d.encode(d.text) == data          # --in-place writes back the very same bytes


def test_line_endings_survive_decoding():
    assert decode(b"a\r\nb\rc\nd").text == "a\r\nb\rc\nd"
    assert decode("a\r\nb\rc".encode("utf-16")).text == "a\r\nb\rc"


@pytest.mark.parametrize("data, words", [
    (b"Head\x00line\n", "NUL bytes"),
    ("no bom".encode("utf-16-le"), "byte-order mark"),
    (PNG, "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"%PDF-1.7\n", "PDF"),
    (b"\xff\xfeT\x00\x00\x00", "NUL characters"),
    (b"\xff\xfeT\x00\x00", "invalid UTF-16-LE"),
])
def test_binary_and_broken_input_is_refused(data, words):
    with pytest.raises(InputError) as e:
        decode(data, "x.bin")
    msg = str(e.value)
    assert msg.startswith("x.bin: ") and words in msg and "\n" not in msg


# ----------------------------------------------------------------------------- reading files

def test_read_text_keeps_crlf_and_cr(tmp_path):
    p = tmp_path / "p.txt"
    p.write_bytes(b"Title\r\n\r\nBody one\rBody two\n")
    assert read_text(p).text == "Title\r\n\r\nBody one\rBody two\n"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r": is a directory$"):
        read_text(tmp_path)


def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("text\n")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        with pytest.raises(InputError, match=r"secret\.txt: permission denied$"):
            read_text(p)
    finally:
        p.chmod(0o644)


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"a\r\nb\r\n")))
    assert read_text("-").text == "a\r\nb\r\n"


# ----------------------------------------------------------------------------- atomic writes

def _leftovers(directory):
    return [p.name for p in directory.iterdir() if p.name.endswith(".cleaner-tmp")]


def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes(b"old\n")
    p.chmod(0o640)
    write_atomic(p, b"new\n")
    assert p.read_bytes() == b"new\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert not _leftovers(tmp_path)


def test_atomic_write_new_file_honours_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_error_midway_leaves_the_original(tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes(b"original\n")
    with pytest.raises(RuntimeError):
        with atomic_writer(p) as f:
            f.write(b"half of the new cont")
            raise RuntimeError("disk on fire")
    assert p.read_bytes() == b"original\n"
    assert not _leftovers(tmp_path)


def test_failing_replace_is_an_output_error(tmp_path, monkeypatch):
    p = tmp_path / "page.txt"
    p.write_bytes(b"original\n")

    def boom(*a):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(cio.os, "replace", boom)
    with pytest.raises(OutputError, match="page.txt: cannot write: input/output error"):
        write_atomic(p, b"new\n")
    assert p.read_bytes() == b"original\n"
    assert not _leftovers(tmp_path)


def test_atomic_write_follows_symlinks(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_writing_into_a_missing_directory(tmp_path):
    with pytest.raises(OutputError, match="cannot write here"):
        write_atomic(tmp_path / "no" / "such" / "dir.txt", b"x")


# ----------------------------------------------------------------------------- JSON lines

def test_jsonl_records_and_malformed_lines():
    data = (b'\xef\xbb\xbf{"text": "a"}\r\n\n{"text": "b", "id": 2}\n{broken\n[1, 2]\n'
            b'{"text": "\xff"}\n{"text": "c"}')
    lines = list(iter_jsonl(io.BytesIO(data), "in.jsonl"))
    assert [(l.line_no, l.record) for l in lines if not l.error] == [
        (1, {"text": "a"}), (3, {"text": "b", "id": 2}), (7, {"text": "c"})]
    bad = {l.line_no: l.error for l in lines if l.error}
    assert set(bad) == {4, 5, 6}
    assert "malformed JSON" in bad[4] and "not a JSON object" in bad[5] and "UTF-8" in bad[6]
    assert lines[2].raw == b"{broken"


def test_jsonl_strict_names_the_line():
    with pytest.raises(InputError, match=r"^in\.jsonl:2: malformed JSON"):
        list(iter_jsonl(io.BytesIO(b'{"text": "a"}\n{oops}\n'), "in.jsonl", strict=True))


def test_jsonl_is_lazy():
    consumed = []

    def stream():
        for i in range(1000):
            consumed.append(i)
            yield json.dumps({"text": f"page {i}"}).encode() + b"\n"
    it = iter_jsonl(stream(), "gen")
    assert next(it).record == {"text": "page 0"}
    assert len(consumed) == 1


def test_record_page():
    assert record_page({"text": "t", "html": "<p>h</p>"}) == ("t", False)
    assert record_page({"html": "<p>h</p>"}) == ("<p>h</p>", True)
    assert record_page({"body": "b"}, "body") == ("b", False)
    with pytest.raises(RecordError, match="no 'text' field"):
        record_page({"title": "x"})
    with pytest.raises(RecordError, match="'text' is NoneType"):
        record_page({"text": None})


def test_dump_record_keeps_unicode_and_escapes_lone_surrogates():
    assert dump_record({"text": "caf\u00e9"}) == '{"text": "caf\u00e9"}\n'.encode("utf-8")
    rec = json.loads(b'{"text": "bad \\ud800 half"}')
    assert json.loads(dump_record(rec)) == rec


def test_decoded_encode_without_bom():
    d = Decoded("x", "utf-16-le", b"\xff\xfe")
    assert d.encode("ab") == b"\xff\xfea\x00b\x00"
    assert d.encode("ab", with_bom=False) == b"a\x00b\x00"
