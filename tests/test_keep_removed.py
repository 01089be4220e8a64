"""`cleaner clean --keep-removed` on pages: the removed lines kept, so cleaning in place loses nothing."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import nonblank
from test_cli import CHROME, run, write


def lines_of(data: bytes, encoding: str = "utf-8"):
    return [l for l in data.decode(encoding).splitlines() if l.strip()]


def test_in_place_keeps_the_removed_lines_beside_the_page(tmp_path, example_text, keyword_model):
    """The sidecar holds exactly the lines the page lost, in the page's own encoding and line
    endings; a second run changes nothing; a later run appends after a blank line."""
    original = example_text.replace("\n", "\r\n").encode("cp1252")
    page = write(tmp_path / "page.txt", original)
    assert run("clean", "--model", keyword_model, "--in-place", "--keep-removed", page).exit_code == 0
    sidecar = tmp_path / "page.txt.removed"
    kept, removed = lines_of(page.read_bytes(), "cp1252"), lines_of(sidecar.read_bytes(), "cp1252")
    assert all(any(c in line for line in removed) for c in CHROME)     # the chrome went there
    assert Counter(kept) + Counter(removed) == Counter(lines_of(original, "cp1252"))     # nothing lost
    assert b"\r\n" in sidecar.read_bytes() and b"\n" not in sidecar.read_bytes().replace(b"\r\n", b"")

    first = sidecar.read_bytes()
    assert run("clean", "--model", keyword_model, "--in-place", "--keep-removed", page).exit_code == 0
    assert sidecar.read_bytes() == first            # cleaned already: nothing more removed

    page.write_bytes(page.read_bytes() + "Share on Facebook\r\n".encode("cp1252"))
    assert run("clean", "--model", keyword_model, "--in-place", "--keep-removed", page).exit_code == 0
    assert sidecar.read_bytes() == first + b"\r\nShare on Facebook\r\n"


def test_out_dir_writes_the_removed_lines_beside_each_output(tmp_path, example_text, keyword_model):
    root = tmp_path / "corpus"
    for sub in ("a", "b"):
        (root / sub).mkdir(parents=True)
    write(root / "a" / "p.txt", example_text)
    write(root / "b" / "p.txt", "".join(l for l in example_text.splitlines(True) if "Photo: Jonas Feld" not in l))
    out = tmp_path / "clean"
    assert run("clean", "--model", keyword_model, "--keep-removed", root, "--out-dir", out).exit_code == 0
    for name in ("a/p.txt", "b/p.txt"):
        original = (root / name).read_bytes()
        kept, removed = lines_of((out / name).read_bytes()), lines_of((out / f"{name}.removed").read_bytes())
        assert Counter(kept) + Counter(removed) == Counter(lines_of(original))
    assert "Photo: Jonas Feld" not in (out / "b/p.txt.removed").read_text(encoding="utf-8")
    # the sidecars are not pages: cleaning the output folder again reads only the outputs
    again = run("clean", "--model", keyword_model, "--format", "jsonl", out)
    assert sorted(json.loads(r)["path"] for r in again.stdout.splitlines()) == [str(out / "a/p.txt"), str(out / "b/p.txt")]


def test_jsonl_output_carries_the_removed_lines(example_text, keyword_model, tmp_path):
    page = write(tmp_path / "p.txt", example_text)
    record = json.loads(run("clean", "--model", keyword_model, "--format", "jsonl", "--keep-removed", page).stdout)
    assert Counter(nonblank(record["text"])) + Counter(record["text_removed"]) == Counter(nonblank(example_text))
    assert "text_removed" not in json.loads(run("clean", "--model", keyword_model, "--format", "jsonl", page).stdout)


@pytest.mark.parametrize("args", [[], ["--check"], ["-o", "{tmp}/out.txt"]])
def test_keep_removed_needs_somewhere_to_keep_them(tmp_path, args):
    r = run("clean", "--keep-removed", *[a.format(tmp=tmp_path) for a in args], write(tmp_path / "p.txt", "x\n"))
    assert r.exit_code == 2 and "--keep-removed needs --in-place, --out-dir or JSON output" in r.stderr
    assert not (tmp_path / "out.txt").exists()
