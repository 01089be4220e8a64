#!/usr/bin/env python
"""Runs of scripts/benchmark.py on the same pages, side by side: is the change real?

Each run writes its pages' counts with ``--per-page``; run it once per model (or per code
version: a branch's model needs its branch's code). For every corpus and method in both sides,
prints F1 before and after, the difference with a 90% paired bootstrap interval over the pages
(a test split of 72 pages moves by about ±0.02 from a few pages alone), and the pages that moved
most. Prints figures; asserts nothing.

    python scripts/benchmark.py --shipped --folds 3,4 --no-baselines --per-page /tmp/before.json
    python scripts/benchmark.py --model /tmp/m/line-model.joblib --folds 3,4 --no-baselines --per-page /tmp/after.json
    python scripts/compare.py /tmp/before.json /tmp/after.json

A retrain is a draw (``scripts/train.py --seed N``: one draw moved scrapinghub by 0.03), so a
side may be several runs, comma-separated, one model per seed: the mean F1 of each side is
compared, and each run's F1 is printed beside it.

    python scripts/compare.py /tmp/a0.json,/tmp/a1.json,/tmp/a2.json /tmp/b0.json,/tmp/b1.json,/tmp/b2.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.metrics import mean_f1_difference, page_f1, score_counts  # noqa: E402


def _view(method: str) -> str:
    """'cleaner (line-model.joblib) no-settle/text' -> 'cleaner no-settle/text': runs name their
    model differently."""
    return re.sub(r"^cleaner \([^)]*\)", "cleaner", method)


def _side(arg: str) -> list:
    """One side: the --per-page files, comma-separated, each read as {corpus: {method: pages}}."""
    return [{corpus: {_view(m): pages for m, pages in methods.items()} for corpus, methods in
             json.loads(Path(f).read_text(encoding="utf-8")).items()} for f in arg.split(",") if f]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", help="--per-page JSON of the first run (or runs, comma-separated)")
    ap.add_argument("after", help="--per-page JSON of the second run (or runs, comma-separated)")
    ap.add_argument("--top", type=int, default=3, help="pages to show that gained and lost most")
    args = ap.parse_args(argv)
    sides = [_side(args.before), _side(args.after)]
    runs = sides[0] + sides[1]
    for corpus in sorted(set.intersection(*(set(r) for r in runs))):
        for method in sorted(set.intersection(*(set(r[corpus]) for r in runs))):
            keys = sorted(set.intersection(*(set(r[corpus][method]) for r in runs)))
            counts = [[[(r[corpus][method][k]["tp"], r[corpus][method][k]["fp"], r[corpus][method][k]["fn"])
                        for k in keys] for r in side] for side in sides]
            diff, lo, hi = mean_f1_difference(*counts)
            f1 = [[score_counts(c).f1 for c in side] for side in counts]
            mean = [sum(side) / len(side) for side in f1]
            each = "" if len(runs) == 2 else " (runs: " + " | ".join(
                " ".join(f"{x:.4f}" for x in side) for side in f1) + ")"
            print(f"{corpus} {method}: {len(keys)} pages, F1 {mean[0]:.4f} -> {mean[1]:.4f}: {diff:+.4f} "
                  f"(90% interval {lo:+.4f} .. {hi:+.4f}){each}")
            moved = sorted(zip((sum(page_f1(*c[i]) for c in counts[1]) / len(counts[1])
                                - sum(page_f1(*c[i]) for c in counts[0]) / len(counts[0])
                                for i in range(len(keys))), keys))
            for d, k in moved[:args.top] + moved[max(args.top, len(moved) - args.top):]:
                if d:
                    print(f"    {d:+.3f}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
