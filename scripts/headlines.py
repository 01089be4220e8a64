#!/usr/bin/env python
"""How often cleaner finds the headline: the lines it labels `title` against the gold `title` lines.

The benchmark metric cannot see this (both golds leave the headline out, so cleaner is scored with
``keep_headline=False``), yet the headline is half of what ``clean()`` promises to keep. Scores
the shipped model (or ``--model``) on the benchmarks' held-out folds (3, 4 by default: the shipped
model never saw them) and on the seeds. Prints figures; asserts nothing.

    .venv/bin/python scripts/headlines.py                  # ../shared by default
    .venv/bin/python scripts/headlines.py --model /tmp/m/line-model.joblib
    .venv/bin/python scripts/headlines.py --no-settle      # what settle's second looks cost
    .venv/bin/python scripts/headlines.py --html           # from the pages' HTML
    .venv/bin/python scripts/headlines.py --markdown-view 78   # html2text's Markdown (installed apart)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Sequence, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Options  # noqa: E402
from cleaner.corpus import benchmark_folders, has_html2text, markdown_of, read_benchmark  # noqa: E402
from cleaner.document import markdown_plain  # noqa: E402
from cleaner.metrics import headline_key, headline_tally  # noqa: E402


def verdicts(cleaner: Cleaner, pages: Sequence[str]) -> List[Set[int]]:
    """Per page, the line numbers cleaner labels as the headline."""
    return [{d.line_no for d in decisions if d.label == "title"} for decisions in cleaner.classify_many(pages)]


def html_verdicts(cleaner: Cleaner, pages: Sequence[str]) -> List[Set[str]]:
    """Per HTML page, the headline lines cleaner gives (their text: the lines are trafilatura's,
    not the text view's)."""
    return [{headline_key(d.text) for d in decisions if d.label == "title"} for decisions in cleaner.classify_many(pages)]


def markdown_verdicts(cleaner: Cleaner, pages: Sequence[str]) -> List[Set[str]]:
    """Per Markdown page, the headline cleaner gives, as its text (a wrapped headline's lines
    joined, read as ``document.markdown_plain`` reads them)."""
    return [{headline_key(markdown_plain(" ".join(d.text.strip() for d in decisions if d.label == "title")))} - {""}
            for decisions in cleaner.classify_many(pages)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", help="a model file (default: the shipped one)")
    ap.add_argument("--folds", default="3,4", help="benchmark folds to score (comma-separated)")
    ap.add_argument("--no-settle", action="store_true",
                    help="without settle's second looks (they drop a headline a second clean() would drop)")
    ap.add_argument("--html", action="store_true",
                    help="clean the pages' HTML; headlines compared by their text (the seeds have no HTML)")
    ap.add_argument("--markdown-view", type=int, nargs="?", const=0, metavar="WIDTH",
                    help="clean the pages' HTML made Markdown by html2text (installed apart), wrapped at "
                         "WIDTH; headlines compared by their text")
    args = ap.parse_args(argv)
    if args.markdown_view is not None and (args.html or not has_html2text()):
        ap.error("--markdown-view needs html2text (pip install html2text), and goes without --html")
    folds = {int(f) for f in args.folds.split(",")}
    view = "html" if args.html else "text"
    cleaner = Cleaner(Options(input_format=view, model_path=args.model, settle=not args.no_settle))
    for folder in benchmark_folders(args.shared / "benchmarks"):
        pages = [p for p in read_benchmark(folder) if p.fold in folds]
        if args.markdown_view is not None:
            golds = [{headline_key(" ".join(line for line, lab in zip(p.text.split("\n"), p.labels) if lab == "title"))}
                     - {""} for p in pages]
            found = markdown_verdicts(cleaner, [markdown_of(p.html() or "", args.markdown_view) for p in pages])
        elif args.html:
            golds = [{headline_key(line) for line, lab in zip(p.text.split("\n"), p.labels) if lab == "title"}
                     for p in pages]
            found = html_verdicts(cleaner, [p.html() or "" for p in pages])
        else:
            golds = [{i + 1 for i, lab in enumerate(p.labels) if lab == "title"} for p in pages]
            found = verdicts(cleaner, [p.text for p in pages])
        shown = view if args.markdown_view is None else \
            f"Markdown wrapped at {args.markdown_view}" if args.markdown_view else "Markdown"
        print(f"{folder.name} (folds {args.folds}, {shown}):", headline_tally(golds, found))
    if args.html or args.markdown_view is not None:
        return 0
    seeds = args.shared / "seeds"
    labels: dict = {}
    for row in map(json.loads, (seeds / "labels.jsonl").read_text(encoding="utf-8").splitlines()):
        if row["label"] == "title":
            labels.setdefault(row["file"], set()).add(row["line"])
    files = sorted(seeds.glob("*.txt"))
    found = verdicts(cleaner, [f.read_text(encoding="utf-8") for f in files])
    print("seeds:", headline_tally([labels.get(f.name, set()) for f in files], found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
