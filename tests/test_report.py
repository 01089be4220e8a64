"""`cleaner explain PAGE --html report.html`: the report's content, the command, and a real render.

The browser test renders the report in headless Chromium (Debian's `chromium`) and checks the
screenshot and the DOM. It is skipped when chromium is missing, unless CLEANER_REQUIRE_CHROMIUM=1
(CI sets it), which makes a missing browser a failure.
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib

import lxml.html
import numpy as np
import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Options, PageTimeout, cli
from cleaner.model import LineModel
from cleaner.report import html_report, summarize
from conftest import EXAMPLE, KeywordPipeline, one_line_error

HOSTILE = ['<script>document.body.dataset.pwned = "yes"</script>',
           '<img src=x onerror="document.body.dataset.pwned = \'yes\'"> & </td></tr> "quoted" \'single\'']


def run(*args, input=None):
    return CliRunner().invoke(cli.main, [str(a) for a in args], input=input)


def keyword_decisions(page: str):
    return Cleaner(Options(input_format="text"), model=LineModel(KeywordPipeline())).classify(page)


def rows(tree):
    """line number -> its table row."""
    return {int(tr.get("id")[1:]): tr for tr in tree.xpath("//table[@class='lines']/tbody/tr")}


def check_lines(tree, decisions) -> None:
    """Every line is there, in order, exactly; removed ones (only) inside the strike-through."""
    by_no = rows(tree)
    assert list(by_no) == [d["line_no"] for d in decisions]
    for d in decisions:
        cell = by_no[d["line_no"]].xpath("td[@class='text']")[0]
        assert cell.text_content() == d["text"], d["line_no"]
        assert not cell.xpath("ancestor::del")
        struck = cell.xpath(".//del[@class='removed'] | .//*[contains(@style, 'line-through')]")
        if d["label"] == "blank":
            assert not struck
        elif d["keep"]:
            assert not struck and cell.xpath("span[@class='kept']")[0].text_content() == d["text"]
        else:
            assert [e.text_content() for e in struck] == [d["text"]]
        if d["label"] != "blank":
            tr = by_no[d["line_no"]]
            assert tr.xpath("td[@class='label']")[0].text_content() == d["label"]
            assert tr.xpath("td[@class='path']")[0].text_content() == d["path"]
            assert f"score {d['score']:.3f}" in tr.get("title")


def expected_summary(decisions) -> dict:
    """The summary numbers, counted here from the decisions, independently of cleaner.report."""
    judged = [d for d in decisions if d["label"] != "blank"]
    return {
        "lines-kept": sum(d["keep"] for d in judged),
        "lines-removed": sum(not d["keep"] for d in judged),
        "words-kept": sum(len(d["text"].split()) for d in judged if d["keep"]),
        "words-removed": sum(len(d["text"].split()) for d in judged if not d["keep"]),
        "blank-lines": len(decisions) - len(judged),
    }


def shown_summary(tree) -> dict:
    return {k: int(tree.get_element_by_id(k).text_content()) for k in
            ("lines-kept", "lines-removed", "words-kept", "words-removed", "blank-lines")}


# ----------------------------------------------------------------------------- without a browser

def test_summary_counts_a_small_page():
    decisions = keyword_decisions("Headline here\n\nShare on Facebook\n\nBody one two three.\n")
    s = summarize(decisions)
    assert (s.lines_kept, s.lines_removed, s.words_kept, s.words_removed, s.blank_lines) == (2, 1, 6, 3, 2)
    assert s.paths == {"model": 3} and s.reasons == []


def test_report_html_escapes_and_marks_every_line(example_text):
    page = example_text + "\n" + "\n".join(HOSTILE) + "\n\t indented  line with  spaces \n"
    decisions = keyword_decisions(page)
    doc = html_report("<b>source</b>.txt", decisions, threshold=0.5)
    assert "<script" not in doc and "<img" not in doc and "<b>" not in doc
    tree = lxml.html.fromstring(doc)
    assert not tree.xpath("//script | //img | //b | //*[@onerror]")
    as_dicts = [d.__dict__ for d in decisions]
    check_lines(tree, as_dicts)
    assert shown_summary(tree) == expected_summary(as_dicts)
    assert tree.get_element_by_id("path").text_content() == "model"
    assert tree.get_element_by_id("threshold").text_content() == "0.5"
    assert tree.xpath("//title")[0].text_content() == "cleaner explain: <b>source</b>.txt"
    hue = {no: int(tr.get("style").split("hsl(")[1].split(",")[0]) for no, tr in rows(tree).items()
           if tr.get("style")}
    assert all(hue[d.line_no] == round(d.score * 130) for d in decisions if d.label != "blank")   # the score's tint
    assert all(hue[d.line_no] > 100 if d.keep else hue[d.line_no] < 15      # green kept, red removed
               for d in decisions if d.label != "blank" and not d.reason.startswith("in a box"))
    assert {d.text for d in decisions if d.reason.startswith("in a box")} >= set(HOSTILE)   # a rule's removal
    assert not tree.xpath("//link | //*[@src] | //*[@href]")     # self-contained


def test_fallback_reason_is_shown():
    decisions = Cleaner(Options(use_model=False, input_format="text")).classify(
        "Ferry back\n\nThe ferry will run again from April, the authority said on Thursday.\n")
    tree = lxml.html.fromstring(html_report("p.txt", decisions, threshold=0.5))
    assert tree.get_element_by_id("path").text_content() == "fallback"
    assert tree.get_element_by_id("threshold").text_content() == "–"        # not the model's call
    assert "model disabled" in tree.xpath("//p[contains(@class, 'reason')]")[0].text_content()


# ----------------------------------------------------------------------------- the command

def test_explain_html_writes_the_report(tmp_path, keyword_model):
    report = tmp_path / "report.html"
    r = run("explain", EXAMPLE, "--model", keyword_model, "--html", report)
    assert r.exit_code == 0 and r.stdout == ""
    both = run("explain", EXAMPLE, "--model", keyword_model, "--html", tmp_path / "again.html",
               "--report", "html")
    assert both.stdout_bytes == report.read_bytes() == (tmp_path / "again.html").read_bytes()
    decisions = json.loads(run("explain", EXAMPLE, "--model", keyword_model, "--report", "jsonl").stdout)["lines"]
    tree = lxml.html.fromstring(report.read_bytes())
    check_lines(tree, decisions)
    assert shown_summary(tree) == expected_summary(decisions)


def test_explain_html_input_flag(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>Ferry back</title></head><body><article><h1>Ferry back</h1>"
                    "<p>The passenger ferry will run again from 1 April, the authority confirmed on "
                    "Thursday, ending an eight-month suspension.</p></article></body></html>")
    r = run("explain", page, "--html-input", "--html", tmp_path / "r.html")
    assert r.exit_code == 0
    tree = lxml.html.fromstring((tmp_path / "r.html").read_bytes())
    assert tree.get_element_by_id("path").text_content().startswith("html+")
    assert "trafilatura" in tree.xpath("//p[@class='note']")[0].text_content()


@pytest.mark.parametrize("bad, words", [("missing.txt", "no such file"), ("", "is a directory"),
                                        ("image.txt", "PNG image")])
def test_bad_input_is_one_line_exit_2_and_no_report(tmp_path, bad, words):
    report = tmp_path / "report.html"
    report.write_text("old report")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    bad = tmp_path / bad
    r = run("explain", bad, "--html", report)
    assert r.exit_code == 2 and one_line_error(r.stderr, str(bad), words)
    assert report.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["image.txt", "report.html"]


def test_unwritable_report_and_usage_errors(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody text of the page.\n")
    r = run("explain", page, "--html", tmp_path / "no-such-dir" / "r.html")
    assert r.exit_code == 2 and one_line_error(r.stderr, "no-such-dir", "cannot write")
    r = run("explain", page, "--html", page)
    assert r.exit_code == 2 and "would overwrite" in r.stderr and page.read_text() == "Title\n\nBody text of the page.\n"
    r = run("explain", page, "--html", "-")
    assert r.exit_code == 2 and "--report html" in r.stderr


def test_a_page_that_fails_writes_no_report(tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nBody text of the page.\n")

    def slow(self, page):
        raise PageTimeout("page took longer than the time limit")
    monkeypatch.setattr(Cleaner, "classify", slow)
    r = run("explain", page, "--time-limit", "0.5", "--html", tmp_path / "r.html")
    assert r.exit_code == 2 and one_line_error(r.stderr, str(page), "took longer than 0.5s")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


# ----------------------------------------------------------------------------- in a real browser

def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe:
        return exe
    if os.environ.get("CLEANER_REQUIRE_CHROMIUM", "") not in ("", "0"):
        pytest.fail("chromium is not installed and CLEANER_REQUIRE_CHROMIUM is set")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def headless(exe, tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, timeout=180)


def read_png(data: bytes) -> np.ndarray:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into a (height, width, channels) array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + size:pos + 12 + size])[0]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int64)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 1:      # Sub: a running sum per channel
            cur = np.cumsum(line.reshape(width, bpp), axis=0).reshape(-1) & 0xFF
        elif kind == 2:      # Up
            cur = (line + prev) & 0xFF
        else:                # Average or Paeth: byte by byte
            cur, up = line.tolist(), prev.tolist()
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = up[i]
                if kind == 3:
                    pred = (a + b) // 2
                else:
                    c = up[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[i] = (cur[i] + pred) & 0xFF
            cur = np.array(cur, dtype=np.int64)
        out[y], prev = cur, cur
    return out.reshape(height, width, bpp)


def test_report_renders_in_headless_chromium(tmp_path, example_text):
    """The real shipped model (or its fallback) on the example page plus hostile lines."""
    exe = chromium()
    page = tmp_path / "page.txt"
    page.write_text(example_text + "\n" + "\n".join(HOSTILE) + "\n", encoding="utf-8")
    report = tmp_path / "report.html"
    r = run("explain", page, "--text", "--html", report, "--report", "jsonl")
    assert r.exit_code == 0, r.stderr
    decisions = json.loads(r.stdout)["lines"]
    assert any(d["keep"] for d in decisions) and any(d["label"] == "chrome" for d in decisions)

    dom = headless(exe, tmp_path, "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    tree = lxml.html.fromstring(dom.stdout)
    assert tree.xpath("//body")[0].get("data-pwned") is None          # no page text ran as script
    check_lines(tree, decisions)
    assert shown_summary(tree) == expected_summary(decisions)
    assert all(h in [d["text"] for d in decisions] for h in HOSTILE)

    png = tmp_path / "shot.png"
    shot = headless(exe, tmp_path, f"--screenshot={png}", "--window-size=1200,1600", report.as_uri())
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    pixels = read_png(png.read_bytes())
    assert pixels.shape[:2] == (1600, 1200)
    rgb = pixels[..., :3].astype(int).reshape(-1, 3)
    assert len(np.unique(rgb, axis=0)) > 50                             # not a blank single colour
    red, green = rgb[:, 0] - rgb[:, 1], rgb[:, 1] - rgb[:, 0]
    assert (red > 25).sum() > 20_000 and (green > 25).sum() > 20_000    # removed and kept rows tinted
