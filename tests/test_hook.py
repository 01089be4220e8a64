"""The pre-commit hook: in place, idempotent, nothing lost, refuses to gut a page; and real pre-commit."""
from __future__ import annotations

import shutil
import subprocess
from collections import Counter

import yaml

from cleaner import hook
from cleaner.api import Cleaner
from conftest import BIN, EXAMPLE, ROOT, is_line_subsequence, nonblank

CHROME = ("Share on Facebook", "Cookie Policy", "Read also:", "Photo: Jonas Feld", "\u00a9 2025")


def page_copy(tmp_path, name="news.txt"):
    p = tmp_path / name
    shutil.copy(EXAMPLE, p)
    return p


def test_cleans_in_place_moves_removed_lines_to_sidecar_and_is_idempotent(tmp_path, keyword_model, capsys):
    page = page_copy(tmp_path)
    original = page.read_text(encoding="utf-8")
    assert hook.main([str(page), "--model", keyword_model]) == 1
    cleaned = page.read_text(encoding="utf-8")
    sidecar = tmp_path / "news.txt.removed"
    removed = sidecar.read_text(encoding="utf-8")
    assert is_line_subsequence(cleaned, original) and is_line_subsequence(removed, original)
    assert not any(c in cleaned for c in CHROME) and all(c in removed for c in CHROME)
    assert Counter(nonblank(cleaned) + nonblank(removed)) == Counter(nonblank(original))   # nothing lost
    assert f"cleaned {page}" in capsys.readouterr().out
    before = (page.read_bytes(), sidecar.read_bytes())
    assert hook.main([str(page), str(sidecar), "--model", keyword_model]) == 0
    assert (page.read_bytes(), sidecar.read_bytes()) == before


def test_sidecar_grows_and_is_never_cleaned_itself(tmp_path, keyword_model):
    page = tmp_path / "p.txt"
    page.write_text("Ferry is back\n\nShare on X\n\nThe ferry runs again from April.\n")
    assert hook.main([str(page), "--model", keyword_model]) == 1
    page.write_text(page.read_text() + "\nFollow us on Instagram\n")
    sidecar = tmp_path / "p.txt.removed"
    assert hook.main([str(page), str(sidecar), "--model", keyword_model]) == 1
    assert sidecar.read_text() == "Share on X\n\nFollow us on Instagram\n"
    assert page.read_text() == "Ferry is back\n\nThe ferry runs again from April.\n"


def test_leaves_files_alone_when_no_line_would_go(tmp_path, keyword_model):
    page = tmp_path / "p.txt"
    page.write_text("Ferry is back\n\n\n\nThe ferry runs again from April.")   # odd blanks, no final newline
    assert hook.main([str(page), "--model", keyword_model]) == 0
    assert page.read_text() == "Ferry is back\n\n\n\nThe ferry runs again from April."
    assert not (tmp_path / "p.txt.removed").exists()


def test_more_files_than_a_batch_each_as_if_alone(tmp_path, keyword_model):
    """Files go through the model runner.BATCH at a time; each comes out as it does on its own,
    and an unreadable one in the middle fails alone."""
    from cleaner import runner

    pages = [page_copy(tmp_path, f"p{i}.txt") for i in range(runner.BATCH + 2)]
    (tmp_path / "alone").mkdir()
    alone = page_copy(tmp_path / "alone", "p.txt")
    assert hook.main([str(alone), "--model", keyword_model]) == 1
    missing = tmp_path / "missing.txt"
    assert hook.main([str(p) for p in pages[:5]] + [str(missing)] + [str(p) for p in pages[5:]]
                     + ["--model", keyword_model]) == 2
    for p in pages:
        assert p.read_bytes() == alone.read_bytes()
        assert (tmp_path / f"{p.name}.removed").read_bytes() == (tmp_path / "alone" / "p.txt.removed").read_bytes()


def test_a_file_named_twice_is_cleaned_once(tmp_path, keyword_model):
    page = page_copy(tmp_path)
    (tmp_path / "alone").mkdir()
    alone = page_copy(tmp_path / "alone")
    assert hook.main([str(alone), "--model", keyword_model]) == 1
    assert hook.main([str(page), str(tmp_path / "." / "news.txt"), "--model", keyword_model]) == 1
    assert (tmp_path / "news.txt.removed").read_bytes() == (tmp_path / "alone" / "news.txt.removed").read_bytes()


def test_internal_errors_are_one_line_exit_3(tmp_path, monkeypatch, capsys):
    page = page_copy(tmp_path)
    monkeypatch.setattr(Cleaner, "classify", lambda self, page: 1 / 0)
    assert hook.main([str(page)]) == 3
    err = capsys.readouterr().err
    assert f"cleaner-hook: error: {page}: internal error: ZeroDivisionError" in err and "Traceback" not in err
    assert page.read_bytes() == EXAMPLE.read_bytes()


def test_keeps_encoding_and_line_endings(tmp_path, keyword_model):
    page = tmp_path / "p.txt"
    text = "Caf\u00e9 reopens\r\n\r\nShare on X\r\n\r\nThe caf\u00e9 opens at six \u2013 early.\r\n"
    page.write_bytes(text.encode("cp1252"))
    assert hook.main([str(page), "--model", keyword_model]) == 1
    assert page.read_bytes() == text.replace("Share on X\r\n\r\n", "").encode("cp1252")
    assert (tmp_path / "p.txt.removed").read_bytes() == b"Share on X\r\n"


def test_refuses_to_empty_a_file(tmp_path, keyword_model, capsys):
    page = tmp_path / "chrome.txt"
    page.write_text("Share on Facebook\n\nAccept cookies\n")
    assert hook.main([str(page), "--model", keyword_model]) == 1
    assert page.read_text() == "Share on Facebook\n\nAccept cookies\n"
    assert not (tmp_path / "chrome.txt.removed").exists()
    assert "would remove every line; left untouched" in capsys.readouterr().out


def test_refuses_to_drop_most_of_a_long_document(tmp_path, keyword_model, capsys):
    body = [f"Paragraph {i} of the ferry story has several plain words." for i in range(5)]
    long_page = tmp_path / "long.txt"
    long_page.write_text("\n\n".join(["Ferry is back"] + [f"Share on X {i}" for i in range(50)] + body) + "\n")
    before = long_page.read_bytes()
    assert hook.main([str(long_page), "--model", keyword_model]) == 1
    assert long_page.read_bytes() == before and not (tmp_path / "long.txt.removed").exists()
    assert "would remove 50 of 56 lines (89%); left untouched" in capsys.readouterr().out
    short = tmp_path / "short.txt"     # fewer than 50 lines: dropping most of it is allowed
    short.write_text("\n\n".join(["Ferry is back"] + [f"Share on X {i}" for i in range(9)] + body[:1]) + "\n")
    assert hook.main([str(short), "--model", keyword_model]) == 1
    assert nonblank(short.read_text()) == ["Ferry is back", body[0]]


def test_default_model_or_fallback_is_safe_and_idempotent(tmp_path):
    page = page_copy(tmp_path)
    original = page.read_text(encoding="utf-8")
    first = hook.main([str(page)])
    assert first in (0, 1)
    cleaned = page.read_text(encoding="utf-8")
    sidecar = tmp_path / "news.txt.removed"
    removed = sidecar.read_text(encoding="utf-8") if sidecar.exists() else ""
    assert Counter(nonblank(cleaned) + nonblank(removed)) == Counter(nonblank(original))
    assert hook.main([str(page)]) == 0 and page.read_text(encoding="utf-8") == cleaned


def test_bad_files_are_reported_and_others_still_cleaned(tmp_path, keyword_model, capsys):
    page = page_copy(tmp_path)
    png = tmp_path / "img.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n")
    code = hook.main([str(tmp_path / "gone.txt"), str(png), str(empty), str(page), "--model", keyword_model])
    assert code == 2
    err = capsys.readouterr().err
    assert f"cleaner-hook: error: {tmp_path / 'gone.txt'}: no such file" in err and "PNG image" in err
    assert "Traceback" not in err and empty.read_text() == "\n  \n"
    assert "Cookie Policy" not in page.read_text(encoding="utf-8")
    assert hook.main([str(page), "--model", str(tmp_path / "nope.joblib")]) == 2


def test_hooks_manifest():
    (spec,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (spec["id"], spec["entry"], spec["language"], spec["types"]) == ("cleaner", "cleaner-hook", "python", ["text"])


def test_real_pre_commit(tmp_path, keyword_model, subprocess_env):
    repo = tmp_path / "repo"
    repo.mkdir()
    env = dict(subprocess_env, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]

    def sh(*cmd):
        return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)

    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: cleaner\n    name: cleaner\n"
        f"    entry: {BIN / 'cleaner-hook'}\n    language: system\n    types: [text]\n"
        f"    files: ^pages/\n    args: [--model, '{keyword_model}']\n")
    assert sh("git", "init", "-q").returncode == 0
    assert sh(str(BIN / "pre-commit"), "install").returncode == 0
    sh("git", "add", ".pre-commit-config.yaml")
    assert sh(*git, "commit", "-q", "-m", "config").returncode == 0
    (repo / "pages").mkdir()
    page = repo / "pages" / "news.txt"
    shutil.copy(EXAMPLE, page)
    sh("git", "add", "pages/news.txt")
    first = sh(*git, "commit", "-m", "add a page")
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert "Cookie Policy" not in page.read_text(encoding="utf-8")
    assert "Cookie Policy" in (repo / "pages" / "news.txt.removed").read_text(encoding="utf-8")
    sh("git", "add", "pages")
    second = sh(*git, "commit", "-m", "add a cleaned page")
    assert second.returncode == 0, second.stdout + second.stderr
    assert sh("git", "status", "--porcelain").stdout == ""
