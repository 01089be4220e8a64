#!/usr/bin/env python
"""Two runs of scripts/benchmark.py on the same pages, side by side: is the change real?

Each run writes its pages' counts with ``--per-page``; run it once per model (or per code
version: a branch's model needs its branch's code). For every corpus and method in both files,
prints F1 before and after, the difference with a 90% paired bootstrap interval over the pages
(a test split of 72 pages moves by about ±0.02 from a few pages alone), and the pages that moved
most. Prints figures; asserts nothing.

    python scripts/benchmark.py --shipped --folds 3,4 --no-baselines --per-page /tmp/before.json
    python scripts/benchmark.py --model /tmp/m/line-model.joblib --folds 3,4 --no-baselines --per-page /tmp/after.json
    python scripts/compare.py /tmp/before.json /tmp/after.json
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.metrics import f1_difference, page_f1, score_counts  # noqa: E402


def _view(method: str) -> str:
    """'cleaner (line-model.joblib) no-settle/text' -> 'cleaner no-settle/text': runs name their
    model differently."""
    return re.sub(r"^cleaner \([^)]*\)", "cleaner", method)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", type=Path, help="--per-page JSON of the first run")
    ap.add_argument("after", type=Path, help="--per-page JSON of the second run")
    ap.add_argument("--top", type=int, default=3, help="pages to show that gained and lost most")
    args = ap.parse_args(argv)
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after)]
    for corpus in sorted(set(runs[0]) & set(runs[1])):
        methods = [{_view(m): pages for m, pages in run[corpus].items()} for run in runs]
        for method in sorted(set(methods[0]) & set(methods[1])):
            a, b = methods[0][method], methods[1][method]
            keys = sorted(set(a) & set(b))
            counts = [[(r[k]["tp"], r[k]["fp"], r[k]["fn"]) for k in keys] for r in (a, b)]
            diff, lo, hi = f1_difference(*counts)
            f1 = [score_counts(c).f1 for c in counts]
            print(f"{corpus} {method}: {len(keys)} pages, F1 {f1[0]:.4f} -> {f1[1]:.4f}: {diff:+.4f} "
                  f"(90% interval {lo:+.4f} .. {hi:+.4f})")
            moved = sorted(zip((page_f1(*y) - page_f1(*x) for x, y in zip(*counts)), keys))
            for d, k in moved[:args.top] + moved[max(args.top, len(moved) - args.top):]:
                if d:
                    print(f"    {d:+.3f}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
