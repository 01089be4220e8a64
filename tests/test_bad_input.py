"""Issue 5's bad-input list as one table, each case run through ``clean()`` and through the CLI.

Each row says what should happen, written down: for the library (the bytes are decoded by
``cleaner.io.decode``, as the CLI does, then cleaned), and for ``cleaner clean`` (exit code, the
one-line error, or the stdout it must write). The CLI must agree with the library byte for byte
whenever it cleans. Nothing here may raise a traceback or hang.

The two big inputs (a 50 MB line, a million lines) run with a time limit (``--time-limit``,
``Options(time_limit=...)``): cleaned by then, or stopped mid-stage with a clear time-limit error
(without one, ``clean()`` spends minutes and gigabytes on each). Through the CLI the 50 MB line
runs in a subprocess of the installed command.
"""
from __future__ import annotations

import builtins
import re
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Options, PageTimeout, UnreadableHTML, clean
from cleaner import cli
from cleaner import io as cio
from cleaner.io import InputError, decode, read_text
from conftest import BIN, EXAMPLE, is_line_subsequence, nonblank, one_line_error

NEWS = EXAMPLE.read_text(encoding="utf-8").replace("Gullsand", "G\u00fclsand \u2013 \u201c\u00cele\u201d")
BIG_LIMIT = "5"     # seconds for the big inputs: cleaned by then, or a time-limit error


def _png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _bmp() -> bytes:
    """A 1x1 BMP: no magic number cleaner knows, caught by its NUL bytes."""
    pixels = b"\x00\x00\xff\x00"
    return (b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 54)
            + struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0) + pixels)


ARTICLE = "".join(
    f"<p>Paragraph {i}: the passenger ferry between Harbourside and the island will run again from "
    f"April, the council said on Monday after a dispute over the contract.</p>" for i in range(5))


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Ferry to resume</title></head><body>{body}</body></html>"


def _nested(depth: int) -> bytes:
    return _html("<div>" * depth + "<article><h1>Ferry to resume</h1>" + ARTICLE + "</article>"
                 + "</div>" * depth).encode()


SOURCE_CODE = Path(cli.__file__).read_bytes()
CSV = "".join(f"{i},2026-11-{i % 28 + 1:02},station {i % 7},{i * 0.37:.2f}\n" for i in range(400)).encode()
NUMBERS = "".join("\t".join(f"{(i * j) % 997:>5}" for j in range(12)) + "\n" for i in range(300)).encode()


# ----------------------------------------------------------------------------- expected outcomes
# For the library: (decoded text, clean()'s output) -> assertions.

def empty(text, out):
    """Nothing to keep: the output is empty."""
    assert out == ""


def subsequence(text, out):
    """Text that is not news (or not ours to judge): whatever is kept is input lines, unchanged, in order."""
    assert is_line_subsequence(out, text)


def news(text, out):
    """A news page: its body survives, its chrome goes, kept lines unchanged."""
    assert is_line_subsequence(out, text)
    assert "The passenger ferry between Harbourside and G\u00fclsand" in out and "Cookie Policy" not in out


def endings(nl):
    def check(text, out):
        """The page's own line ending on every output line; no other line break appears."""
        assert is_line_subsequence(out, text) and nonblank(out)
        assert out.endswith(nl) and set(re.findall(r"\r\n|\r|\n", out)) == {nl}
    check.__doc__ = f"{nl!r} line endings preserved"
    return check


def html_article(text, out):
    """HTML: the article's paragraphs come out as text lines, no markup."""
    assert all(f"Paragraph {i}:" in out for i in range(5)) and "<" not in out


def truncated_html(text, out):
    """Truncated HTML: the paragraphs before the cut come out whole; the torn tag does not."""
    html_article(text, out)
    assert "a hr" not in out


def unreadable(text, out):
    """Never called: clean() must raise UnreadableHTML (``test_library``), nothing silently lost."""
    raise AssertionError("clean() returned instead of refusing the page")


def refused(words):
    """``decode`` refuses the bytes with an InputError naming why (clean() never sees them)."""
    return words


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    api: object                # a check above, refused("why"), or None (CLI only; see the docstring)
    code: int                  # the CLI's exit code
    err: str = ""              # the CLI's one-line error must contain this ("" = no error at all)
    encoding: Optional[str] = None   # the encoding decode() must detect
    args: tuple = ()


CASES = [
    Case("empty", lambda: b"", empty, 0),
    Case("whitespace only", lambda: " \n\t\r\n\u00a0 \n   ".encode(), empty, 0),
    Case("NUL bytes", lambda: NEWS.encode()[:200] + b"\x00" + NEWS.encode()[200:], refused("NUL bytes"), 2,
         "binary data (NUL bytes), not a text page"),
    Case("PNG image", _png, refused("PNG image"), 2, "binary data (a PNG image)"),
    Case("BMP image", _bmp, refused("NUL bytes"), 2, "binary data (NUL bytes)"),
    Case("UTF-16 without BOM", lambda: NEWS.encode("utf-16-le"), refused("byte-order mark"), 2,
         "binary data (NUL bytes), not a text page (UTF-16 needs a byte-order mark)"),
    Case("invalid UTF-8", lambda: NEWS.encode()[:300] + b"\xff\xfe" + NEWS.encode()[300:], subsequence, 0,
         encoding="cp1252"),
    Case("cp1252", lambda: NEWS.encode("cp1252"), news, 0, encoding="cp1252"),
    Case("UTF-16 LE with BOM", lambda: NEWS.encode("utf-16"), news, 0, encoding="utf-16-le"),
    Case("UTF-16 BE with BOM", lambda: b"\xfe\xff" + NEWS.encode("utf-16-be"), news, 0, encoding="utf-16-be"),
    Case("UTF-8 with BOM", lambda: NEWS.encode("utf-8-sig"), news, 0, encoding="utf-8"),
    Case("CRLF", lambda: NEWS.replace("\n", "\r\n").encode(), endings("\r\n"), 0),
    Case("lone CR", lambda: NEWS.replace("\n", "\r").encode(), endings("\r"), 0),
    Case("deeply nested HTML (1000 divs)", lambda: _nested(1000), html_article, 0),
    # beyond lxml's hard cap (2048 levels even with huge_tree) the article cannot be read: refused,
    # not an empty output that looks like a page without an article
    Case("absurdly nested HTML (100,000 divs)", lambda: _nested(100_000), unreadable, 2,
         "lxml cannot read this HTML whole (Excessive depth in document: 2048)"),
    Case("unclosed tags nest 1000 deep", lambda: _html("<div><font>" * 500 + ARTICLE).encode(), html_article, 0),
    # lxml's usual cap (256 levels) used to cut the tree there: the paragraph above came out alone
    Case("unclosed tags nest 300 deep below the first paragraph",
         lambda: _html(ARTICLE[:ARTICLE.index("<p>Paragraph 1")] + "<font>" * 300
                       + ARTICLE[ARTICLE.index("<p>Paragraph 1"):]).encode(), html_article, 0),
    Case("truncated HTML", lambda: _html("<article><h1>Ferry to resume</h1>" + ARTICLE
                                         + "<p>Paragraph 5: and then the page is cut off mid-sen<a hr").encode(),
         truncated_html, 0),
    Case("HTML of scripts and styles only",
         lambda: _html("<script>var user = {id: 1};</script><style>p {color: red}</style>"
                       "<script>document.write('Breaking: ' + user.id);</script>").encode(), empty, 0),
    Case("source code", lambda: SOURCE_CODE, subsequence, 0),
    Case("CSV", lambda: CSV, subsequence, 0),
    Case("table of numbers", lambda: NUMBERS, subsequence, 0),
    Case("a 50 MB line", lambda: b"word " * 10_000_000, None, -1, args=("--time-limit", BIG_LIMIT)),
    Case("a million short lines", lambda: b"".join(b"line %d\n" % i for i in range(1_000_000)), None, -1,
         args=("--time-limit", BIG_LIMIT)),
]
BY_NAME = {c.name: c for c in CASES}


# ----------------------------------------------------------------------------- the library

@pytest.mark.parametrize("case", [c for c in CASES if c.api is not None], ids=lambda c: c.name)
def test_library(case):
    """decode() then clean(): refused with a reason, or cleaned as the row says."""
    data = case.build()
    if isinstance(case.api, str):
        with pytest.raises(InputError) as e:
            decode(data, "page")
        assert case.api in str(e.value) and "\n" not in str(e.value)
        return
    decoded = decode(data, "page")
    assert decoded.encode(decoded.text) == data        # --in-place could write back exactly these bytes
    if case.encoding:
        assert decoded.encoding == case.encoding
    if case.api is unreadable:
        with pytest.raises(UnreadableHTML, match=re.escape(case.err)):
            clean(decoded.text)
        return
    case.api(decoded.text, clean(decoded.text))


@pytest.mark.parametrize("case", [c for c in CASES if c.code == -1], ids=lambda c: c.name)
def test_library_time_limit_stops_a_big_page(case):
    """clean() with Options(time_limit=...): the page is cleaned in time or raises PageTimeout,
    and the same Cleaner (the model not retired) then cleans the next page as ever."""
    page = case.build().decode("utf-8")
    c = Cleaner(Options(time_limit=float(BIG_LIMIT)))
    try:
        out = c.clean(page)
    except PageTimeout:
        pass
    else:
        assert is_line_subsequence(out, page)
    del page
    assert c.clean(NEWS) == clean(NEWS)


# ----------------------------------------------------------------------------- the CLI

def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def _cli_expectation(case, path: Path, r):
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.stderr
    if case.code == -1:   # the big inputs: cleaned in time, or a clear time-limit error
        after = clean(NEWS).encode("utf-8")     # the news page given after it: the model's output
        if r.exit_code == 0:
            assert r.stderr == "" and r.stdout_bytes.endswith(after)
            assert is_line_subsequence(r.stdout_bytes[:-len(after)].decode(), path.read_text())
        else:
            assert r.exit_code == 2 and r.stdout_bytes == after
            assert one_line_error(r.stderr, f"{path}: took longer than {BIG_LIMIT}s (--time-limit)")
        return
    assert r.exit_code == case.code, r.stderr
    if case.err:
        assert one_line_error(r.stderr, f"{path}: {case.err}") and r.stdout_bytes == b""
    else:
        assert "error" not in r.stderr
        decoded = decode(path.read_bytes())
        assert r.stdout_bytes == clean(decoded.text).encode("utf-8")   # the CLI agrees with clean()


@pytest.mark.parametrize("case", [c for c in CASES if c.name != "a 50 MB line"], ids=lambda c: c.name)
def test_cli(case, tmp_path):
    """`cleaner clean FILE` in-process: the row's exit code and error line, or clean()'s very output."""
    path, news = tmp_path / "page.txt", tmp_path / "news.txt"
    path.write_bytes(case.build())
    news.write_text(NEWS, encoding="utf-8")
    more = [news] if case.code == -1 else []   # a timeout must not spoil the pages after it
    _cli_expectation(case, path, run("clean", *case.args, path, *more))


def test_cli_50mb_line_installed_command(tmp_path, subprocess_env):
    """The 50 MB line through the installed command: the time limit answers, the process ends."""
    case = BY_NAME["a 50 MB line"]
    path, news = tmp_path / "page.txt", tmp_path / "news.txt"
    path.write_bytes(case.build())
    news.write_text(NEWS, encoding="utf-8")
    p = subprocess.run([str(BIN / "cleaner"), "clean", *case.args, str(path), str(news)],
                       capture_output=True, env=subprocess_env)

    @dataclass
    class Result:   # CliRunner's names, for the shared expectation
        exit_code: int
        stdout_bytes: bytes
        stderr: str
        exception: object = None
    _cli_expectation(case, path, Result(p.returncode, p.stdout, p.stderr.decode()))


# ----------------------------------------------------------------------------- paths that are not pages

def test_directory_and_missing_path(tmp_path, subprocess_env):
    """A directory or a missing path: read_text refuses it (the CLI takes a folder for the files
    below it: tests/test_cli_folders.py). The CLI says a path is missing in one line, exit 2, and
    still cleans the good file given with it (here through the installed command)."""
    good = tmp_path / "good.txt"
    good.write_text(NEWS, encoding="utf-8")
    for bad, why in ((tmp_path, "is a directory"), (tmp_path / "nope.txt", "no such file")):
        with pytest.raises(InputError, match=f"{re.escape(str(bad))}: {why}$"):
            read_text(bad)
    for bad, why in ((tmp_path / "nope.txt", "no such file"),):
        p = subprocess.run([str(BIN / "cleaner"), "clean", str(bad), str(good)], capture_output=True,
                           env=subprocess_env)
        assert p.returncode == 2 and one_line_error(p.stderr.decode(), f"{bad}: {why}")
        assert p.stdout == clean(NEWS).encode("utf-8")


def test_file_without_read_permission(tmp_path, monkeypatch):
    """An unreadable file. We run as root, where chmod 000 does not stop a read, so ``open`` in
    cleaner.io raises PermissionError for that one path, as the OS would for another user."""
    locked, good = tmp_path / "locked.txt", tmp_path / "good.txt"
    locked.write_text(NEWS, encoding="utf-8")
    good.write_text(NEWS, encoding="utf-8")

    def guarded_open(file, *args, **kwargs):
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)
    monkeypatch.setattr(cio, "open", guarded_open, raising=False)
    with pytest.raises(InputError, match=f"{re.escape(str(locked))}: permission denied$"):
        read_text(locked)
    r = run("clean", locked, good)
    assert r.exit_code == 2 and one_line_error(r.stderr, f"{locked}: permission denied")
    assert r.stdout_bytes == clean(NEWS).encode("utf-8")
