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
from cleaner.corpus import benchmark_folders, read_benchmark  # noqa: E402
from cleaner.metrics import headline_key, headline_tally  # noqa: E402


def verdicts(cleaner: Cleaner, pages: Sequence[str]) -> List[Set[int]]:
    """Per page, the line numbers cleaner labels as the headline."""
    return [{d.line_no for d in decisions if d.label == "title"} for decisions in cleaner.classify_many(pages)]


def html_verdicts(cleaner: Cleaner, pages: Sequence[str]) -> List[Set[str]]:
    """Per HTML page, the headline lines cleaner gives (their text: the lines are trafilatura's,
    not the text view's)."""
    return [{headline_key(d.text) for d in decisions if d.label == "title"} for decisions in cleaner.classify_many(pages)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", help="a model file (default: the shipped one)")
    ap.add_argument("--folds", default="3,4", help="benchmark folds to score (comma-separated)")
    ap.add_argument("--no-settle", action="store_true",
                    help="without settle's second looks (they drop a headline a second clean() would drop)")
    ap.add_argument("--html", action="store_true",
                    help="clean the pages' HTML; headlines compared by their text (the seeds have no HTML)")
    args = ap.parse_args(argv)
    folds = {int(f) for f in args.folds.split(",")}
    view = "html" if args.html else "text"
    cleaner = Cleaner(Options(input_format=view, model_path=args.model, settle=not args.no_settle))
    for folder in benchmark_folders(args.shared / "benchmarks"):
        pages = [p for p in read_benchmark(folder) if p.fold in folds]
        if args.html:
            golds = [{headline_key(line) for line, lab in zip(p.text.split("\n"), p.labels) if lab == "title"}
                     for p in pages]
            found = html_verdicts(cleaner, [p.html() or "" for p in pages])
        else:
            golds = [{i + 1 for i, lab in enumerate(p.labels) if lab == "title"} for p in pages]
            found = verdicts(cleaner, [p.text for p in pages])
        print(f"{folder.name} (folds {args.folds}, {view}):", headline_tally(golds, found))
    if args.html:
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
