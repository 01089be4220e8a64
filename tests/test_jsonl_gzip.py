"""`cleaner clean --jsonl` over gzip-compressed streams, as corpora are often stored: read
decompressed, written back compressed where the output stands in for the input, never a record
lost on broken data."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from cleaner.io import gunzipped
from conftest import one_line_error
from test_cli import run


@pytest.fixture
def records(example_text) -> bytes:
    recs = [{"id": 1, "text": example_text}, {"id": 2, "text": "Cookie Policy\n"}, {"id": 3, "html": "<p>Hi</p>"}]
    return "".join(json.dumps(r) + "\n" for r in recs).encode()


@pytest.fixture
def plain_output(tmp_path, records, keyword_model) -> bytes:
    """What the same records give uncompressed: the reference every compressed run must match."""
    src = tmp_path / "plain.jsonl"
    src.write_bytes(records)
    r = run("clean", "--jsonl", "--model", keyword_model, src)
    assert r.exit_code == 0 and r.stdout_bytes.count(b"\n") == 3
    return r.stdout_bytes


def test_a_gzip_file_and_gzip_stdin_read_as_their_records(tmp_path, records, plain_output, keyword_model):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(records))
    assert run("clean", "--jsonl", "--model", keyword_model, src).stdout_bytes == plain_output
    piped = run("clean", "--jsonl", "--model", keyword_model, "-", input=gzip.compress(records))
    assert piped.exit_code == 0 and piped.stdout_bytes == plain_output


def test_output_named_gz_is_compressed_and_the_same_every_time(tmp_path, records, plain_output, keyword_model):
    src = tmp_path / "in.jsonl"
    src.write_bytes(records)
    out = tmp_path / "out.jsonl.gz"
    assert run("clean", "--jsonl", "--model", keyword_model, src, "-o", out).exit_code == 0
    first = out.read_bytes()
    assert gzip.decompress(first) == plain_output
    assert run("clean", "--jsonl", "--model", keyword_model, src, "-o", out).exit_code == 0
    assert out.read_bytes() == first            # no time or file name in the gzip header
    plain = tmp_path / "out.jsonl"
    run("clean", "--jsonl", "--model", keyword_model, src, "-o", plain)
    assert plain.read_bytes() == plain_output


def test_in_place_and_out_dir_write_a_gzip_input_back_compressed(tmp_path, records, plain_output, keyword_model):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(gzip.compress(records))
    out_dir = tmp_path / "cleaned"
    out_dir.mkdir()
    assert run("clean", "--jsonl", "--model", keyword_model, src, "--out-dir", out_dir).exit_code == 0
    assert gzip.decompress((out_dir / "in.jsonl.gz").read_bytes()) == plain_output
    assert run("clean", "--jsonl", "--model", keyword_model, src, "--in-place").exit_code == 0
    assert gzip.decompress(src.read_bytes()) == plain_output
    cleaned = src.read_bytes()
    assert run("clean", "--jsonl", "--model", keyword_model, src, "--in-place").exit_code == 0
    assert src.read_bytes() == cleaned          # nothing to change: the file is not rewritten


@pytest.mark.parametrize("damage", [lambda gz: gz[:-30], lambda gz: gz[:20] + b"\xff" * 40 + gz[60:]],
                         ids=["cut short", "corrupt"])
def test_broken_gzip_is_one_line_exit_2_and_loses_nothing(tmp_path, records, keyword_model, damage):
    broken = damage(gzip.compress(records * 50))
    (tmp_path / "data").mkdir()
    src = tmp_path / "data" / "in.jsonl.gz"
    src.write_bytes(broken)
    r = run("clean", "--jsonl", "--model", keyword_model, src, "--in-place")
    assert r.exit_code == 2 and one_line_error(r.stderr, str(src), "gzip")
    assert src.read_bytes() == broken and [p.name for p in src.parent.iterdir()] == ["in.jsonl.gz"]


def test_gunzipped_reads_nothing_ahead_of_a_plain_stream():
    raw = io.BufferedReader(io.BytesIO(b'{"text": "a"}\n'))
    stream, was_gzip = gunzipped(raw)
    assert stream is raw and not was_gzip and raw.read() == b'{"text": "a"}\n'
    seekable = io.BytesIO(gzip.compress(b'{"text": "b"}\n'))     # no peek: looked at and put back
    stream, was_gzip = gunzipped(seekable)
    assert was_gzip and stream.read() == b'{"text": "b"}\n'
