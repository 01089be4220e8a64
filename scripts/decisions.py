#!/usr/bin/env python
"""Every line decision cleaner makes on the benchmark pages, written down and compared: the proof
that a change meant to alter no decision (a speed-up, a refactor) alters none.

Each line's text, label, keep, score, path and reason, on every benchmark page's text view
(settled and not) and on the HTML of the folds given (HTML is slower); about a minute in all.
Run ``write`` on the code before (``--code``: a copy of the old tree) and after, then
``compare``: it lists the pages whose decisions differ and exits 1 if any do.

    mkdir /tmp/old && git archive HEAD | tar -x -C /tmp/old
    python scripts/decisions.py write /tmp/before.jsonl.gz --code /tmp/old
    python scripts/decisions.py write /tmp/after.jsonl.gz
    python scripts/decisions.py compare /tmp/before.jsonl.gz /tmp/after.jsonl.gz
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent


def judged(benchmarks: Path, html_folds: Sequence[int], model: Optional[str],
           limit: Optional[int] = None) -> Iterator[dict]:
    """One record per view and page: its id and every line's decision as a list (cleaner is
    imported from the first folder on ``sys.path`` that holds it: see ``--code``)."""
    from cleaner import Cleaner, Options
    from cleaner.corpus import benchmark_folders, read_benchmark
    from cleaner.runner import BATCH

    views = (("text", Options(), False), ("text-no-settle", Options(settle=False), False),
             ("html", Options(input_format="html"), True))
    for view, options, html in views:
        cleaner = Cleaner(options.but(model_path=model))
        for folder in benchmark_folders(benchmarks):
            pages = [p for p in read_benchmark(folder) if not html or (p.html_path and p.fold in html_folds)]
            pages = pages[:limit]
            for start in range(0, len(pages), BATCH):       # as many pages a call as the CLI cleans
                chunk = pages[start:start + BATCH]
                inputs = [p.html() if html else p.text for p in chunk]
                for page, decisions in zip(chunk, cleaner.classify_many(inputs)):
                    yield {"view": view, "page": f"{folder.name}/{page.doc_id}",
                           "lines": [[d.line_no, d.text, d.label, d.keep, d.score, d.path, d.reason]
                                     for d in decisions]}


def read(path: Path) -> Dict[Tuple[str, str], List[list]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {(r["view"], r["page"]): r["lines"] for r in map(json.loads, f)}


def differences(before: Dict[Tuple[str, str], List[list]], after: Dict[Tuple[str, str], List[list]]) -> List[str]:
    """What differs, a line of text each: pages on one side only, and each page's first differing line."""
    out = [f"{view} {page}: only in the {side}" for side, (a, b) in (("first", (before, after)), ("second", (after, before)))
           for view, page in sorted(set(a) - set(b))]
    for key in sorted(set(before) & set(after)):
        old, new = before[key], after[key]
        if old == new:
            continue
        at = next((k for k, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
        first = old[at] if at < len(old) else "(none)"
        second = new[at] if at < len(new) else "(none)"
        out.append(f"{key[0]} {key[1]}: line {at + 1}: {first} -> {second}")
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write every decision to a .jsonl.gz file")
    w.add_argument("out", type=Path)
    w.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    w.add_argument("--html-folds", default="3,4", help="folds whose HTML is cleaned too (comma-separated)")
    w.add_argument("--model", help="a model file (default: the shipped one)")
    w.add_argument("--limit", type=int, help="only the first N pages of each corpus and view")
    w.add_argument("--code", type=Path, default=ROOT, help="the project folder whose cleaner runs (default: this one)")
    c = sub.add_parser("compare", help="list the pages whose decisions differ; exit 1 if any do")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if args.command == "write":
        sys.path.insert(0, str(args.code.resolve()))
        folds = [int(f) for f in args.html_folds.split(",") if f]
        n = 0
        with gzip.open(args.out, "wt", encoding="utf-8") as f:
            for record in judged(args.benchmarks, folds, args.model, args.limit):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        print(f"{n} pages' decisions written to {args.out}")
        return 0
    before, after = read(args.before), read(args.after)
    found = differences(before, after)
    print("\n".join(found[:20] + ([f"... and {len(found) - 20} more"] if len(found) > 20 else [])))
    print(f"{len(set(before) & set(after))} pages in both; {len(found)} differ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
