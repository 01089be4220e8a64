"""`cleaner clean FOLDER`: a folder stands for the files below it; --out-dir keeps its tree."""
from __future__ import annotations

import gzip
import json
import os

import pytest

from cleaner import inputs
from conftest import one_line_error
from test_cli import run, write


def write_tree(root, example_text):
    files = {
        "site-a/index.txt": example_text,
        "site-b/index.txt": example_text.replace("Gullsand", "Marrow"),
        "top.txt": example_text.replace("ferry", "boat"),
    }
    skipped = {".git/config": "[core]\n", "site-a/.index.txt.x1.cleaner-tmp": "half", "top.txt.removed": "Share\n"}
    for name, text in {**files, **skipped}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        write(root / name, text)
    return sorted(files)


@pytest.fixture
def tree(tmp_path, example_text):
    root = tmp_path / "corpus"
    return root, write_tree(root, example_text)


def test_out_dir_keeps_the_tree_and_skips_what_is_not_a_page(tmp_path, tree, keyword_model):
    root, pages = tree
    out = tmp_path / "clean"
    r = run("clean", "--model", keyword_model, root, "--out-dir", out)
    assert r.exit_code == 0, r.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == pages           # same-named pages apart, nothing hidden or .removed cleaned
    for name in pages:
        alone = run("clean", "--model", keyword_model, root / name).stdout
        assert alone and (out / name).read_text(encoding="utf-8") == alone


def test_stdout_and_jsonl_take_the_files_in_sorted_order(tree, keyword_model):
    root, pages = tree
    alone = [run("clean", "--model", keyword_model, root / name).stdout for name in pages]
    assert run("clean", "--model", keyword_model, root).stdout == "".join(alone)
    records = [json.loads(line) for line in
               run("clean", "--model", keyword_model, "--format", "jsonl", root).stdout.splitlines()]
    assert [r["path"] for r in records] == [os.path.join(str(root), name) for name in pages]
    assert [r["text"] for r in records] == alone


def test_in_place_and_check_over_a_folder(tree, keyword_model):
    root, pages = tree
    before = {name: (root / name).read_bytes() for name in pages}
    removed = (root / "top.txt.removed").read_bytes()
    assert run("clean", "--model", keyword_model, "--check", root).exit_code == 1
    assert {name: (root / name).read_bytes() for name in pages} == before     # --check writes nothing
    expected = {name: run("clean", "--model", keyword_model, root / name).stdout for name in pages}
    assert run("clean", "--model", keyword_model, "--in-place", root).exit_code == 0
    assert {name: (root / name).read_text(encoding="utf-8") for name in pages} == expected
    assert (root / "top.txt.removed").read_bytes() == removed
    assert run("clean", "--model", keyword_model, "--check", root).exit_code == 0


def test_jsonl_folder_out_dir_keeps_tree_and_compression(tmp_path, example_text, keyword_model):
    root = tmp_path / "dumps"
    lines = "".join(json.dumps({"id": i, "text": example_text}) + "\n" for i in range(3)).encode()
    (root / "2026" / "11").mkdir(parents=True)
    write(root / "2026" / "11" / "day.jsonl.gz", gzip.compress(lines))
    write(root / "day.jsonl.gz", gzip.compress(lines))
    out = tmp_path / "clean"
    assert run("clean", "--jsonl", "--model", keyword_model, root, "--out-dir", out).exit_code == 0
    plain = run("clean", "--jsonl", "--model", keyword_model, input=lines.decode()).stdout_bytes
    for name in ("2026/11/day.jsonl.gz", "day.jsonl.gz"):
        assert gzip.decompress((out / name).read_bytes()) == plain


@pytest.mark.parametrize("where, words", [
    ("{root}", "use --in-place"),
    ("{root}/cleaned", "lies inside"),
])
def test_out_dir_on_or_inside_the_folder_is_refused(tree, where, words):
    root, _ = tree
    out = where.format(root=root)
    r = run("clean", root, "--out-dir", out)
    assert r.exit_code == 2 and words in r.stderr and "Traceback" not in r.stderr
    assert not os.path.exists(os.path.join(str(root), "cleaned"))


def test_empty_or_unreadable_folder_stops_before_cleaning(tmp_path, tree, monkeypatch):
    """Nothing is cleaned when a folder given holds no file or cannot be read: the user named the
    wrong folder, or would lose its pages without a word. (Root reads any folder, so the
    unreadable one is simulated where the walk reports it.)"""
    root, _ = tree
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    r = run("clean", root, empty)
    assert r.exit_code == 2 and one_line_error(r.stderr, f"{empty}: no files below this folder")
    assert r.stdout == ""

    def walk(top, onerror):
        onerror(PermissionError(13, "Permission denied", os.path.join(top, "private")))
        yield from ()

    monkeypatch.setattr(inputs.os, "walk", walk)
    r = run("clean", root)
    assert r.exit_code == 2 and r.stdout == ""
    assert one_line_error(r.stderr, f"{root}/private: cannot read folder: Permission denied")


def test_symlinked_folders_and_pipes_are_left_out_broken_links_reported(tmp_path, tree):
    root, pages = tree
    (root / "loop").symlink_to(root, target_is_directory=True)
    os.mkfifo(root / "site-a" / "pipe")           # reading it would wait forever
    assert [i.name for i in inputs.expand([str(root)])] == pages
    (root / "site-b" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    r = run("clean", root)
    assert r.exit_code == 2 and one_line_error(r.stderr, f"{root / 'site-b' / 'gone.txt'}: no such file")
