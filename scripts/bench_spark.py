#!/usr/bin/env python
"""Docs/s of the Spark path (clean_column in local mode) against the single-process CLI
(``cleaner clean --jsonl``) on the same pages, and whether the two give the same text.

Pages are the benchmark corpora's plain-text views (``<corpus>/<name>/text/*.txt``), read where
they lie and written only to a temporary JSON-lines file outside the repository.

    .venv/bin/python scripts/bench_spark.py                       # ../shared/benchmarks, 400 pages
    .venv/bin/python scripts/bench_spark.py /path/to/benchmarks --limit 200 --master local[2]

Both timings are wall-clock and include loading the model (once for the CLI, once per Spark Python
worker); the Spark figure leaves out starting the session (printed separately), which a long job
pays once.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pick_pages(corpus: Path, limit: int):
    """``(id, text)`` pairs, taken in turn from each corpus (sorted by name) up to ``limit``."""
    folders = sorted(p / "text" for p in corpus.iterdir() if (p / "text").is_dir())
    if not folders:
        sys.exit(f"bench_spark: no <corpus>/text/ folders under {corpus}")
    per = [sorted(f.glob("*.txt")) for f in folders]
    out = []
    for group in zip_longest(*per):
        for path in group:
            if path is not None and len(out) < limit:
                out.append((f"{path.parent.parent.name}/{path.stem}", path.read_text(encoding="utf-8")))
    return out


def run_cli(jsonl: Path, out: Path) -> float:
    exe = Path(sys.executable).parent / "cleaner"
    cmd = [str(exe) if exe.exists() else "cleaner", "clean", "--jsonl", "--field", "text", str(jsonl)]
    start = time.perf_counter()
    with out.open("wb") as f:
        subprocess.run(cmd, stdout=f, check=True)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default="../shared/benchmarks", type=Path)
    ap.add_argument("--limit", type=int, default=400, help="pages to clean (default 400)")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None, help="default: 4 per local core")
    args = ap.parse_args(argv)

    pages = pick_pages(args.corpus, args.limit)
    os.environ["PYSPARK_PYTHON"] = sys.executable        # Spark's workers: this interpreter
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        jsonl, cli_out = Path(tmp) / "pages.jsonl", Path(tmp) / "cli.jsonl"
        with jsonl.open("w", encoding="utf-8") as f:
            for pid, text in pages:
                f.write(json.dumps({"id": pid, "text": text}, ensure_ascii=False) + "\n")

        cli_s = run_cli(jsonl, cli_out)
        cli_text = {}
        for line in cli_out.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            cli_text[rec["id"]] = rec["text"]

        from pyspark.sql import SparkSession

        from cleaner.integrations.spark import clean_column

        t0 = time.perf_counter()
        spark = (SparkSession.builder.master(args.master).appName("cleaner-bench")
                 .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                 .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        startup_s = time.perf_counter() - t0
        cores = spark.sparkContext.defaultParallelism
        parts = args.partitions or 4 * cores
        df = spark.createDataFrame(pages, "id string, text string").repartition(parts).cache()
        df.count()                                       # the input is in memory before the clock starts
        t1 = time.perf_counter()
        rows = clean_column(df, "text", output="clean").select("id", "clean").collect()
        spark_s = time.perf_counter() - t1
        spark.stop()

    same = sum(cli_text.get(r.id) == r.clean for r in rows)
    n = len(pages)
    print(f"pages: {n} from {args.corpus} (plain text, default options)")
    print(f"cli   cleaner clean --jsonl (1 process):  {cli_s:7.1f} s  {n / cli_s:6.1f} docs/s")
    print(f"spark clean_column, {args.master}, {parts} partitions: {spark_s:7.1f} s  {n / spark_s:6.1f} docs/s"
          f"  (session start-up {startup_s:.1f} s more)")
    print(f"same output: {same}/{n}")
    return 0 if same == n else 1


if __name__ == "__main__":
    sys.exit(main())
