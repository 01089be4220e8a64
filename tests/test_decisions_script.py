"""scripts/decisions.py: every decision written down, and a change to any one of them found."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import decisions  # noqa: E402

HTML = ("<html><head><title>Ferry to resume</title></head><body><nav>Home | News</nav><article>"
        "<h1>Ferry to resume</h1><p>The passenger ferry between Harbourside and the island will run "
        "again from April, the council said on Monday after a long dispute over the contract.</p>"
        "</article></body></html>")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A benchmark folder in the shared format: one page with its text view and HTML."""
    folder = tmp_path / "benchmarks" / "mini"
    (folder / "text").mkdir(parents=True)
    (folder / "html").mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "text" / "p1.txt").write_text(text, encoding="utf-8")
    with gzip.open(folder / "html" / "p1.html.gz", "wt", encoding="utf-8") as f:
        f.write(HTML)
    (folder / "splits.json").write_text(json.dumps({"fold": {"p1": 3}}))
    (folder / "ground-truth.jsonl").write_text(json.dumps({"id": "p1", "article_body": "x"}) + "\n")
    rows = [{"doc_id": "p1", "line_no": n, "label": "chrome"} for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    (folder / "lines.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder.parent


def test_the_same_code_writes_the_same_decisions_and_a_changed_score_is_found(corpus, tmp_path, capsys):
    a, b, c = (tmp_path / f"{n}.jsonl.gz" for n in "abc")
    for out in (a, b):
        assert decisions.main(["write", str(out), "--benchmarks", str(corpus)]) == 0
    assert decisions.main(["compare", str(a), str(b)]) == 0
    assert "3 pages in both; 0 differ" in capsys.readouterr().out      # text, text without settling, HTML

    records = [json.loads(line) for line in gzip.open(a, "rt", encoding="utf-8")]
    assert {r["view"] for r in records} == {"text", "text-no-settle", "html"}
    records[0]["lines"][7][4] += 1e-12      # one line's score, in its last bits
    with gzip.open(c, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    assert decisions.main(["compare", str(a), str(c)]) == 1
    assert "text mini/p1: line 8:" in capsys.readouterr().out
