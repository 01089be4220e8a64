#!/usr/bin/env python
"""How cleaner's time and memory grow on this machine (issue 3 goals 4-5, issue 5 "time stays linear").

Prints figures; asserts nothing (speed has no place in the test suite). Four measurements:

(a) model load: a fresh ``python`` process imports cleaner and cleans a one-line page (the model
    is loaded lazily on first use); import time and first-clean time are reported apart.
(b) linear growth: one page concatenated 1x, 10x, 100x, cleaned in-process (model already loaded);
    seconds and microseconds per line, so a quadratic step would show as a growing per-line cost.
(c) memory: peak RSS of ``cleaner clean --jsonl`` over a generated JSONL stream of N pages (default
    10,000, and a tenth of that for comparison: constant memory means the two peaks match), taken
    from ``os.wait4``'s rusage of that very child process.
(d) ``--jobs 1`` vs ``--jobs 2``: wall time over the same stream prefix, and whether the outputs
    are byte-identical.
(e) a page the model cannot judge: N lines "line 0", "line 1", ... (10,000, 40,000, 100,000), the
    kind that lost a few lines to each of settle's looks and took four minutes at 40,000 lines
    before settle's looks were bounded (``api.LOOK_LINES``); the cost per line should stay flat.

Pages come from the benchmark text views (``<benchmarks>/<corpus>/text/*.txt``), read where they
are; generated files go to a temporary directory that is removed at the end.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/scaling.py                      # everything
    OMP_NUM_THREADS=1 .venv/bin/python scripts/scaling.py --pages 2000 --skip-growth
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLEANER = str(Path(PY).parent / "cleaner")


def text_views(benchmarks: Path) -> List[Path]:
    files = sorted(benchmarks.glob("*/text/*.txt"))
    if not files:
        sys.exit(f"no benchmark text views under {benchmarks}/*/text/ (see its README)")
    return files


def child_env() -> dict:
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    return env


def run_measured(args: List[str], stdin=None, stdout=subprocess.DEVNULL):
    """(seconds, peak RSS in MB, exit code) of one child process, from its own rusage."""
    t = time.perf_counter()
    p = subprocess.Popen(args, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=child_env())
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t
    if p.returncode not in (0, 1):
        print(f"    (exit {p.returncode}: {err.decode(errors='replace').strip()[:300]})")
    return secs, usage.ru_maxrss / 1024, p.returncode   # ru_maxrss is in KB on Linux


def model_load(repeats: int) -> None:
    print("(a) model load in a fresh process (median of %d)" % repeats)
    code = ("import time; t0 = time.perf_counter(); import cleaner; t1 = time.perf_counter(); "
            "cleaner.clean('x'); t2 = time.perf_counter(); print(t1 - t0, t2 - t1)")
    imports, loads = [], []
    for _ in range(repeats):
        out = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=child_env(), check=True)
        a, b = map(float, out.stdout.split())
        imports.append(a)
        loads.append(b)
    med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    print(f"    import cleaner: {med(imports):.2f} s; first clean() (loads the model): {med(loads):.2f} s; "
          f"total {med(imports) + med(loads):.2f} s")


def growth(page_path: Path, factors=(1, 10, 100)) -> None:
    from cleaner import Cleaner

    page = page_path.read_text(encoding="utf-8")
    if not page.endswith("\n"):
        page += "\n"
    c = Cleaner()
    c.clean(page)                            # load the model outside the timings
    print(f"(b) one page ({page_path.name}, {page.count(chr(10))} lines) repeated N times, in-process")
    _per_line(c, [(f"{n:>4}x", page * n, 3 if n < 100 else 1) for n in factors])


def uniform(sizes=(10_000, 40_000, 100_000)) -> None:
    from cleaner import Cleaner

    c = Cleaner()
    c.clean("A line to load the model.\n")
    print('(e) a page the model cannot judge: N lines "line 0", "line 1", ..., in-process')
    _per_line(c, [(f"{n:>7,}", "".join(f"line {i}\n" for i in range(n)), 1) for n in sizes])


def _per_line(c, pages) -> None:
    """Best time of ``repeats`` clean()s of each (label, text, repeats), and its cost per line
    against the first page's."""
    base = None
    for label, text, repeats in pages:
        lines = text.count("\n")
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            c.clean(text)
            best = min(best, time.perf_counter() - t)
        per_line = best / lines * 1e6
        base = base or per_line
        print(f"    {label}: {lines:>7} lines, {best:7.2f} s, {per_line:6.1f} us/line "
              f"({per_line / base:.2f}x the first page's cost per line)")


def build_stream(views: List[Path], n: int, path: Path) -> int:
    """n records {"id", "text"} cycling through the text views; returns the file size in bytes."""
    texts = [v.read_text(encoding="utf-8", errors="replace") for v in views]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n")
    return path.stat().st_size


def memory(views: List[Path], pages: int, tmp: Path) -> None:
    print("(c) peak RSS of `cleaner clean --jsonl` (stdout to /dev/null)")
    for n in sorted({max(pages // 10, 1), pages}):
        stream = tmp / f"stream-{n}.jsonl"
        size = build_stream(views, n, stream)
        secs, rss, code = run_measured([CLEANER, "clean", "--jsonl", str(stream)])
        print(f"    {n:>6} pages ({size / 1e6:.0f} MB): peak RSS {rss:6.0f} MB, {secs:6.1f} s "
              f"({n / secs:.1f} pages/s), exit {code}")
        stream.unlink()


def jobs(views: List[Path], pages: int, tmp: Path) -> None:
    print(f"(d) --jobs 1 vs --jobs 2 over {pages} pages")
    stream = tmp / "jobs.jsonl"
    build_stream(views, pages, stream)
    outs = {}
    for j in (1, 2):
        out = tmp / f"out-{j}.jsonl"
        with open(out, "wb") as f:
            secs, rss, code = run_measured([CLEANER, "clean", "--jsonl", "--jobs", str(j), str(stream)],
                                           stdout=f)
        outs[j] = out.read_bytes()
        print(f"    --jobs {j}: {secs:6.1f} s ({pages / secs:.1f} pages/s), peak RSS of the parent "
              f"{rss:.0f} MB, exit {code}")
    print(f"    outputs identical: {outs[1] == outs[2]} ({len(outs[1])} bytes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("benchmarks", nargs="?", default=str(ROOT.parent / "shared" / "benchmarks"),
                    help="the shared benchmarks folder (default: ../shared/benchmarks)")
    ap.add_argument("--pages", type=int, default=10_000, help="pages in the JSONL stream of (c)")
    ap.add_argument("--jobs-pages", type=int, default=800, help="pages in the stream of (d)")
    ap.add_argument("--page", default=str(ROOT / "examples" / "news_page.txt"), help="the page of (b)")
    ap.add_argument("--load-repeats", type=int, default=3)
    for part in ("load", "growth", "memory", "jobs", "uniform"):
        ap.add_argument(f"--skip-{part}", action="store_true")
    args = ap.parse_args()
    views = text_views(Path(args.benchmarks))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="cleaner-scaling-") as tmp:
        if not args.skip_load:
            model_load(args.load_repeats)
        if not args.skip_growth:
            growth(Path(args.page))
        if not args.skip_memory:
            memory(views, args.pages, Path(tmp))
        if not args.skip_jobs:
            jobs(views, args.jobs_pages, Path(tmp))
        if not args.skip_uniform:
            uniform()
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
