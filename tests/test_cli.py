"""The `cleaner` command, through click's CliRunner and as the installed console script."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from click.testing import CliRunner

from cleaner import cli
from cleaner import io as cio
from cleaner import runner
from cleaner import Cleaner, Options, PageTimeout
from conftest import BIN, EXAMPLE, is_line_subsequence, nonblank, one_line_error

CHROME = ("Share on Facebook", "Cookie Policy", "Read also:", "Sign up for our morning newsletter",
          "Photo: Jonas Feld", "\u00a9 2025 Harbourside Courier")
BODY = "The passenger ferry between Harbourside and Gullsand Island will run again from 1 April"
HEADLINE = "Ferry service to Gullsand Island to resume after eight-month pause"


def run(*args, input=None):
    return CliRunner().invoke(cli.main, [str(a) for a in args], input=input)


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_version_and_help_document_exit_codes():
    assert run("--version").output.startswith("cleaner, version ")
    for args in ([], ["clean"], ["explain"]):
        out = run(*args, "--help").output
        assert "Exit codes:" in out and all(f"  {c}  " in out for c in runner.EXIT_CODES)


def test_clean_to_stdout_keeps_lines_unchanged(example_text):
    r = run("clean", EXAMPLE)
    assert r.exit_code == 0
    assert nonblank(r.stdout) and is_line_subsequence(r.stdout, example_text)


def test_stdin_by_dash_and_by_default(example_text):
    a, b = run("clean", "-", input=example_text), run("clean", input=example_text)
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout == run("clean", EXAMPLE).stdout


def test_keyword_model_removes_chrome(keyword_model, example_text):
    r = run("clean", "--model", keyword_model, EXAMPLE)
    assert r.exit_code == 0 and is_line_subsequence(r.stdout, example_text)
    assert nonblank(r.stdout)[0] == HEADLINE and BODY in r.stdout
    assert not any(c in r.stdout for c in CHROME)
    assert nonblank(run("clean", "--model", keyword_model, "--no-headline", EXAMPLE).stdout)[0].startswith(BODY)


def test_output_file_and_out_dir(tmp_path, example_text):
    expected = run("clean", EXAMPLE).stdout
    assert run("clean", EXAMPLE, "-o", tmp_path / "out.txt").exit_code == 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == expected
    (tmp_path / "in").mkdir()
    other = write(tmp_path / "in" / "b.txt", example_text)
    r = run("clean", "--out-dir", tmp_path / "cleaned", EXAMPLE, other)
    assert r.exit_code == 0
    assert {p.name for p in (tmp_path / "cleaned").iterdir()} == {"news_page.txt", "b.txt"}
    assert (tmp_path / "cleaned" / "b.txt").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("args, words", [
    (["--in-place", "-"], "needs files"),
    (["-o", "x.txt", "--in-place", "{page}"], "cannot be combined"),
    (["--out-dir", "{dir}", "{page}"], "use --in-place"),
    (["--out-dir", "o", "{page}", "{dir}/sub/news_page.txt"], "would both write"),
    (["--field", "body", "{page}"], "only applies to --jsonl"),
    (["--explain", "--in-place", "{page}"], "--explain"),
    (["--threshold", "2", "{page}"], "--threshold"),
    (["--jobs", "0", "{page}"], "--jobs"),
])
def test_usage_errors_exit_2(tmp_path, args, words):
    page = write(tmp_path / "news_page.txt", "Title\n")
    args = [a.format(page=page, dir=tmp_path) for a in args]
    r = run("clean", *args)
    assert r.exit_code == 2 and words in r.stderr
    assert page.read_text() == "Title\n"


def test_in_place_keeps_encoding_bom_and_line_endings(tmp_path, keyword_model):
    original = ("Caf\u00e9 owners welcome the new ferry timetable\r\n\r\nShare on Facebook | Email\r\n\r\n"
                "The caf\u00e9 at the pier will open at six \u2013 an hour earlier than before.\r\n")
    expected = original.replace("Share on Facebook | Email\r\n\r\n", "")
    for encoding, nl in (("cp1252", "\r\n"), ("utf-8-sig", "\r\n"), ("utf-16", "\r")):
        p = write(tmp_path / f"{encoding}.txt", original.replace("\r\n", nl).encode(encoding))
        assert run("clean", "--in-place", "--model", keyword_model, p).exit_code == 0
        assert p.read_bytes() == expected.replace("\r\n", nl).encode(encoding), encoding


def test_in_place_failure_midway_leaves_the_original(tmp_path, keyword_model, monkeypatch):
    page = write(tmp_path / "page.txt", EXAMPLE.read_bytes())

    def disk_full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(cio.os, "fsync", disk_full)
    r = run("clean", "--in-place", "--model", keyword_model, page)
    assert r.exit_code == 2 and one_line_error(r.stderr, str(page), "no space left on device")
    assert page.read_bytes() == EXAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keyword-model.joblib", "keyword-model.json", "page.txt"]


def test_check_writes_nothing_and_exits_1_when_dirty(tmp_path, keyword_model):
    page = write(tmp_path / "page.txt", EXAMPLE.read_bytes())
    r = run("clean", "--check", "--model", keyword_model, page)
    assert (r.exit_code, r.stdout) == (1, "") and f"would clean {page}" in r.stderr
    assert page.read_bytes() == EXAMPLE.read_bytes()
    run("clean", "--in-place", "--model", keyword_model, page)
    assert run("clean", "--check", "--model", keyword_model, page).exit_code == 0


def test_explain_rows_and_jsonl_format(example_text):
    rows = [l.split("\t") for l in run("clean", "--explain", EXAMPLE).stdout.splitlines()]
    assert [int(r[0]) for r in rows] == list(range(1, example_text.count("\n") + 1))
    assert all(len(r) == 7 and r[1] in ("keep", "drop") and 0 <= float(r[3]) <= 1 for r in rows)
    assert [r[6] for r in rows] == example_text.splitlines()
    # why: where the score alone did not decide (here the title head's pick)
    assert [r[5] for r in rows if r[2] == "title"] == ["headline: the most title-like line above the article"]
    assert run("explain", EXAMPLE).stdout == run("clean", "--explain", EXAMPLE).stdout
    docs = [json.loads(l) for l in run("clean", "--format", "jsonl", "--explain", EXAMPLE, EXAMPLE).stdout.splitlines()]
    assert len(docs) == 2 and docs[0]["path"] == str(EXAMPLE) and docs[0]["text"] == run("clean", EXAMPLE).stdout
    assert {"line_no", "keep", "label", "score", "path", "text"} <= set(docs[0]["lines"][0])
    rep = json.loads(run("explain", "--report", "jsonl", EXAMPLE).stdout)
    assert rep["lines"] == docs[0]["lines"]


@pytest.mark.parametrize("data, code, out, err", [
    (b"", 0, b"", ""),
    (b"  \n\t\n \n", 0, b"", ""),
    (b"Title\x00 of a page\n", 2, b"", "NUL bytes"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, b"", "PNG image"),
])
def test_empty_and_binary_inputs(tmp_path, data, code, out, err):
    p = write(tmp_path / "in.txt", data)
    r = run("clean", p)
    assert (r.exit_code, r.stdout_bytes) == (code, out)
    assert one_line_error(r.stderr, str(p), err) if err else "error" not in r.stderr


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_legacy_and_bom_encodings_come_out_as_utf8(tmp_path, keyword_model, encoding):
    text = "Caf\u00e9 owners cheer\n\nThe caf\u00e9 \u201cHarbour Light\u201d opens at six.\n"
    r = run("clean", "--model", keyword_model, write(tmp_path / "p.txt", text.encode(encoding)))
    assert r.exit_code == 0 and r.stdout_bytes == text.encode("utf-8")


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_line_endings_preserved_on_stdout(tmp_path, keyword_model, nl):
    text = nl.join(["Ferry returns", "", "Share on X", "", "Body line one.", "Body line two.", ""])
    r = run("clean", "--model", keyword_model, write(tmp_path / "p.txt", text))
    assert r.stdout_bytes == nl.join(["Ferry returns", "", "Body line one.", "Body line two.", ""]).encode()


def test_missing_and_unreadable_inputs(tmp_path):
    good = write(tmp_path / "good.txt", "Title\n\nSome body text here.\n")
    locked = write(tmp_path / "locked.txt", "x\n")
    locked.chmod(0)
    try:
        for bad, words in ((tmp_path / "nope.txt", "no such file"), (locked, "permission denied")):
            if bad == locked and os.access(locked, os.R_OK):
                continue   # root reads anything
            r = run("clean", bad, good)
            assert r.exit_code == 2 and one_line_error(r.stderr, f"{bad}: {words}")
            assert r.stdout == run("clean", good).stdout     # the good file is still cleaned
    finally:
        locked.chmod(0o644)


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path, example_text):
    paths = [write(tmp_path / f"p{i}.txt", example_text.replace("Gullsand", f"Isle{i}") * (1 + i % 2))
             for i in range(6)]
    for extra in ([], ["--explain"], ["--format", "jsonl"]):
        one, two = run("clean", *extra, "--jobs", 1, *paths), run("clean", *extra, "--jobs", 2, *paths)
        assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout and one.stdout
    lines = "".join(json.dumps({"id": i, "text": example_text[i:]}) + "\n" for i in range(8))
    assert run("clean", "--jsonl", "-j", 2, input=lines).stdout == run("clean", "--jsonl", input=lines).stdout


def test_many_files_batched_give_what_each_file_gives_alone(tmp_path, example_text):
    """More files than one model call takes (runner.BATCH): each output is that file cleaned alone."""
    n = runner.BATCH + 3
    paths = [write(tmp_path / f"p{i}.txt", example_text.replace("Gullsand", f"Isle{i}")[i * 7:]) for i in range(n)]
    assert run("clean", "--out-dir", tmp_path / "out", *paths).exit_code == 0
    for p in paths:
        assert (tmp_path / "out" / p.name).read_text(encoding="utf-8") == run("clean", p).stdout


def test_a_page_that_fails_in_a_batch_fails_alone(monkeypatch):
    """A batch that raises is judged again page by page: the error lands on its page only."""
    from cleaner import api

    real = api.looks_like_html
    monkeypatch.setattr(api, "looks_like_html", lambda page: 1 / 0 if "BOOM" in page else real(page))
    pages = ["Harbour news\n\nThe ferry runs again from Monday, the council said.\n", "BOOM\n",
             "Second page\n\nThe bakery on Mill Street won the regional prize on Saturday.\n"]
    outcomes = runner.clean_pages(Options(), pages)
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert outcomes[1].internal and "ZeroDivisionError" in outcomes[1].error
    for page, out in zip(pages[::2], outcomes[::2]):
        assert out.cleaned == runner.clean_page(Options(), page).cleaned


def test_a_slow_page_in_a_batch_times_out_alone(monkeypatch):
    """With a time limit each page is judged alone, so the limit stays a page's: a page slower than
    the limit fails even among quick ones (a batch's budget must not carry it)."""
    import time

    from cleaner import api

    real = api.looks_like_html

    def slow_for_marked(page):
        if "SLOW" in page:
            time.sleep(0.6)
        return real(page)

    monkeypatch.setattr(api, "looks_like_html", slow_for_marked)
    quick = "Harbour news\n\nThe ferry runs again from Monday, the council said.\n"
    outcomes = runner.clean_pages(Options(time_limit=0.3), [quick, "SLOW\n" + quick, quick, quick])
    assert [o.error is None for o in outcomes] == [True, False, True, True]
    assert "took longer than 0.3s" in outcomes[1].error


def test_jsonl_mode(tmp_path, keyword_model, example_text):
    recs = [json.dumps({"id": 1, "text": example_text}), "{not json", json.dumps({"id": 3, "title": "x"}),
            json.dumps({"id": 4, "html": "<html><body><article><h1>Ferry back</h1><p>" + BODY
                        + " and more words to make a paragraph.</p></article></body></html>"}),
            json.dumps({"id": 5, "text": "Already clean line.\n"})]
    src = write(tmp_path / "in.jsonl", "\n".join(recs) + "\n")
    r = run("clean", "--jsonl", "--model", keyword_model, "--keep-removed", src)
    assert r.exit_code == 2
    errors = [l for l in r.stderr.splitlines() if "error" in l]
    assert errors[0].startswith(f"cleaner: error: {src}:2: malformed JSON")
    assert errors[1] == f"cleaner: error: {src}:3: no 'text' field (and no 'html' field)" and len(errors) == 2
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 4, 5]
    assert nonblank(out[0]["text"])[0] == HEADLINE and "Share on Facebook" not in out[0]["text"]
    assert any(l.startswith("Share on Facebook") for l in out[0]["text_removed"])
    assert BODY in out[1]["text"] and out[1]["html"].startswith("<html>")
    strict = run("clean", "--jsonl", "--strict", src)
    assert strict.exit_code == 2 and len(strict.stdout.splitlines()) == 1
    body = write(tmp_path / "b.jsonl", json.dumps({"body": example_text}) + "\n")
    assert json.loads(run("clean", "--jsonl", "--field", "body", body).stdout)["body"] == run("clean", EXAMPLE).stdout


def test_jsonl_in_place_loses_no_line(tmp_path, keyword_model, example_text):
    src = write(tmp_path / "in.jsonl", json.dumps({"text": example_text}) + "\n{broken\n")
    r = run("clean", "--jsonl", "--in-place", "--model", keyword_model, src)
    assert r.exit_code == 2
    first, second = src.read_text().splitlines()
    assert "Cookie Policy" not in json.loads(first)["text"] and second == "{broken"


def test_internal_errors_are_one_line_exit_3(tmp_path, monkeypatch):
    page = write(tmp_path / "p.txt", "Title\n\nBody text.\n")
    monkeypatch.setattr(Cleaner, "classify", lambda self, page: 1 / 0)
    r = run("clean", page)
    assert r.exit_code == 3 and one_line_error(r.stderr, str(page), "internal error: ZeroDivisionError")
    monkeypatch.setenv("CLEANER_DEBUG", "1")
    assert "Traceback" in run("clean", page).stderr
    monkeypatch.setattr(cli, "_clean_files", lambda *a: {}["boom"])
    assert isinstance(run("clean", page).exception, KeyError)
    monkeypatch.delenv("CLEANER_DEBUG")
    r = run("clean", page)
    assert r.exit_code == 3 and one_line_error(r.stderr, "internal error: KeyError") and "CLEANER_DEBUG=1" in r.stderr


def test_time_limit_and_bad_model(tmp_path, monkeypatch):
    page = write(tmp_path / "p.txt", "Title\n")
    r = run("clean", "--model", tmp_path / "none.joblib", page)
    assert r.exit_code == 2 and one_line_error(r.stderr, "model file not found")

    def slow(self, page):
        raise PageTimeout("page took longer than the time limit")
    monkeypatch.setattr(Cleaner, "classify", slow)
    r = run("clean", "--time-limit", "0.5", page)
    assert r.exit_code == 2 and one_line_error(r.stderr, str(page), "took longer than 0.5s")


def test_progress_bar_only_on_stderr(tmp_path, monkeypatch):
    paths = [write(tmp_path / f"p{i:02}.txt", f"Headline {i}\n\nBody of page {i}.\n") for i in range(12)]
    plain = run("clean", *paths)
    monkeypatch.setattr(runner, "isatty", lambda stream: True)     # stderr, for the progress bar
    monkeypatch.setattr(cli, "isatty", lambda stream: True)        # stdin, for "no input"
    r = run("clean", *paths)
    assert r.stdout == plain.stdout and "cleaning" in r.stderr and "cleaning" not in plain.stderr
    r = run("clean")                   # no PATH and stdin is a terminal: say so, do not hang
    assert r.exit_code == 2 and "no input" in r.stderr


def test_installed_command(tmp_path, subprocess_env, example_text):
    exe = str(BIN / "cleaner")
    r = subprocess.run([exe, "clean", "-"], input=example_text.replace("\n", "\r\n").encode(),
                       capture_output=True, env=subprocess_env)
    assert r.returncode == 0 and b"\r\n" in r.stdout and b"\n" not in r.stdout.replace(b"\r\n", b"")
    assert is_line_subsequence(r.stdout.decode(), example_text)
    r = subprocess.run([exe, "clean", str(tmp_path / "missing.txt")], capture_output=True, text=True,
                       env=subprocess_env)
    assert r.returncode == 2 and r.stdout == ""
    assert one_line_error(r.stderr, f"{tmp_path / 'missing.txt'}: no such file")


def test_output_is_left_alone_by_a_second_run(tmp_path):
    """The cleaned page, cleaned again, comes back byte for byte (settle is the default)."""
    from pages import HARBOUR

    page = tmp_path / "page.txt"
    page.write_text(HARBOUR, encoding="utf-8")
    first = CliRunner().invoke(cli.main, ["clean", str(page)])
    assert first.exit_code == 0 and first.output.strip()
    again = tmp_path / "again.txt"
    again.write_text(first.output, encoding="utf-8")
    second = CliRunner().invoke(cli.main, ["clean", str(again)])
    assert second.exit_code == 0 and second.output == first.output
