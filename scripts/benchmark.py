#!/usr/bin/env python
"""Score cleaner and the baselines on the benchmark corpora: P, R, F1 and docs/s per method and input.

Every method runs in this one process on the same pages, on the page's plain-text view
(``text/<id>.txt``) and on its HTML, and is scored with the scrapinghub shingle metric
(cleaner/metrics.py) against the page's gold. Numbers are per corpus, never pooled.

cleaner is scored only on pages it was not trained on: for each fold k a model is trained on every
page of every corpus whose fold is not k (plus the team's training_data/) and cleans fold k, with
the shipped model's recipe (its stacking seed and stage-two bag, from models/line-model.json) unless
``--seed``/``--bag`` say otherwise.
Where a corpus's gold leaves the headline out (its pages label a ``title`` line), cleaner runs with
``keep_headline=False``.

    .venv/bin/python scripts/benchmark.py                      # everything (slow: 5 trainings)
    .venv/bin/python scripts/benchmark.py --corpus scrapinghub --limit 40 --skip-cleaner
    .venv/bin/python scripts/benchmark.py --folds 3,4 --markdown --per-page runs/pages.json
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Options  # noqa: E402
from cleaner.baselines import HTML_BASELINES, TEXT_BASELINES  # noqa: E402
from cleaner.document import markdown_plain  # noqa: E402
from cleaner.features import language_guess  # noqa: E402
from cleaner.corpus import (LabeledPage, benchmark_folders, hard_wrapped, has_html2text, read_benchmark,  # noqa: E402
                            markdown_of, read_team_data, run_together, text_nodes, without_blank_lines)
from cleaner.metrics import Counts, page_counts, page_f1, score_counts, tokens  # noqa: E402
from cleaner.model import LineModel, shipped_model_path  # noqa: E402
from cleaner.runner import BATCH  # noqa: E402

LOW_F1 = 0.5


@dataclass
class Corpus:
    name: str
    folder: Path
    pages: List[LabeledPage]                                 # the pages scored (after --folds/--limit)
    keep_headline: bool                                      # False when the gold leaves it out
    text: Dict[str, str] = field(default_factory=dict)       # doc_id -> text view
    html: Dict[str, str] = field(default_factory=dict)       # doc_id -> HTML
    read_s: Dict[str, float] = field(default_factory=dict)   # input -> seconds spent reading it
    read_text_output: Optional[Callable[[str], str]] = None  # what of a text view's output is scored


@dataclass
class Row:
    method: str
    input: str
    counts: Dict[str, Counts] = field(default_factory=dict)  # doc_id -> (tp, fp, fn)
    seconds: float = 0.0                                     # cleaning calls only
    errors: int = 0
    settle: bool = True                                      # False: cleaner with Options(settle=False)

    @property
    def key(self) -> str:
        return f"{self.method}/{self.input}"


@dataclass
class Job:
    """One method cleaning one set of pages (a corpus's, or one fold's when cross-validating).
    ``make`` gives each pass its (fn, many, batch), so a pass can start afresh (a new model); with
    ``many``, ``batch`` pages per call, as the CLI cleans many files (a failing batch: its pages
    one by one)."""
    row: Row
    make: Callable[[], tuple]
    pages: Sequence[LabeledPage]
    docs: Dict[str, str]
    times: List[float] = field(default_factory=list)
    read_output: Optional[Callable[[str], str]] = None      # the output's text to score, if not itself


def run_jobs(jobs: Sequence[Job], repeat: int = 1) -> None:
    """Clean every job's pages and score each page against the gold, then clean them ``repeat - 1``
    more times, only timed. Each round runs every job once, in turn, so that this machine's drift
    (up to 30% between minutes) falls on all methods alike and their ratios hold; each job keeps
    its fastest pass. Only the cleaning calls are timed."""
    for n in range(repeat):
        for job in jobs:
            fn, many, batch = job.make()
            job.times.append(_pass(job.row, fn, job.pages, job.docs, many, batch, score=n == 0,
                                   read=job.read_output))
    for job in jobs:
        job.row.seconds += min(job.times)


def _pass(row: Row, fn, pages, docs, many, batch: int, score: bool, read=None) -> float:
    """One pass over the pages: the seconds its cleaning calls took; with ``score``, each page's
    counts (and failures) go into the row. The first page is cleaned once untimed first, so
    one-off setup (stoplists, caches) is not timed."""
    for p in pages[:1]:
        try:
            fn(docs[p.doc_id])
        except Exception:
            pass
    sink = row if score else Row(row.method, row.input)     # a timing pass's failures are not counted again
    seconds = 0.0
    for start in range(0, len(pages), batch):
        chunk = pages[start:start + batch]
        t0 = time.perf_counter()
        try:
            outs = many([docs[p.doc_id] for p in chunk]) if many else None
        except Exception:
            outs = None
        if outs is None:
            outs = [_one(sink, fn, docs[p.doc_id], p.doc_id) for p in chunk]
        seconds += time.perf_counter() - t0
        if score:
            for p, out in zip(chunk, outs):
                row.counts[p.doc_id] = page_counts(read(out) if read and out else out, p.gold)
    return seconds


def _one(row: Row, fn: Callable[[str], str], page: str, doc_id: str) -> str:
    try:
        return fn(page)
    except Exception as e:  # a method failing on one page scores that page as empty
        row.errors += 1
        logging.debug("%s failed on %s: %s", row.key, doc_id, e)
        return ""


def load(args) -> tuple:
    """The corpora to score (restricted by --corpus/--folds/--limit) and every page to train on."""
    corpora, train_pool = [], []
    for folder in benchmark_folders(args.benchmarks):
        pages = read_benchmark(folder)
        train_pool += pages
        if args.corpus and folder.name not in args.corpus:
            continue
        if not (folder / args.text_view).is_dir():
            print(f"{folder.name}: no {args.text_view}/ view, not scored\n")
            continue
        keep_headline = not any("title" in p.labels for p in pages)
        scored = [p for p in pages if p.fold in args.folds and p.gold is not None][: args.limit]
        c = Corpus(folder.name, folder, scored, keep_headline)
        t0 = time.perf_counter()
        for p in scored:
            c.text[p.doc_id] = (folder / args.text_view / f"{p.doc_id}.txt").read_text(encoding="utf-8")
        c.read_s["text"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for p in scored:
            c.html[p.doc_id] = p.html() or ""
        c.read_s["html"] = time.perf_counter() - t0
        if args.markdown_view is not None:
            c.text = {doc_id: markdown_of(html, args.markdown_view) for doc_id, html in c.html.items()}
            c.read_text_output = markdown_text
        if args.text_nodes or args.run_together:
            view = text_nodes if args.text_nodes else run_together
            c.text = {doc_id: view(html) for doc_id, html in c.html.items()}
        if args.wrap:
            c.text = {doc_id: hard_wrapped(text, args.wrap) for doc_id, text in c.text.items()}
        if args.no_blank_lines:
            c.text = {doc_id: without_blank_lines(text) for doc_id, text in c.text.items()}
        corpora.append(c)
    team = read_team_data(ROOT / "training_data")
    return corpora, train_pool, team


# A link or image over several lines (Markdown wrapped as html2text wraps it: inside a link's
# words, and inside its target after a hyphen)
_SPLIT_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_SPLIT_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def markdown_text(markdown: str) -> str:
    """Markdown's text, as the gold would have it: links as their words and images as their alt
    text (a kept caption counts against a method), though they run over lines (a URL's pieces are
    no words); then each line as ``document.markdown_plain`` reads it."""
    text = _SPLIT_LINK.sub(r"\1", _SPLIT_IMAGE.sub(r"\1", markdown))
    return "\n".join(markdown_plain(line, images=True) for line in text.split("\n"))


def model_jobs(rows: List[Row], model, c: Corpus, pages: Sequence[LabeledPage]) -> List[Job]:
    """One model's cleaning of these pages, a job per row (input view, settled or not). Each pass
    gets a fresh copy of the model: the word scores one row's pass remembers would otherwise
    speed up the next row's (scrapinghub's test split fits in that memory whole)."""
    jobs = []
    for row in rows:
        opts = Options(input_format=row.input, keep_headline=c.keep_headline, settle=row.settle)

        def make(opts=opts):
            cleaner = Cleaner(opts, model=LineModel(model.params, model.manifest))
            return cleaner.clean, cleaner.clean_many, BATCH

        jobs.append(Job(row, make, pages, c.text if row.input == "text" else c.html,
                        read_output=c.read_text_output if row.input == "text" else None))
    return jobs


def model_rows(name: str, inputs, unsettled: bool) -> List[Row]:
    """One row per input view, and with ``unsettled`` one more per view cleaned with
    Options(settle=False) (no second looks: faster, not idempotent)."""
    return [Row(name, i) for i in inputs] + [Row(name + " no-settle", i, settle=False) for i in inputs if unsettled]


def cleaner_rows(corpora: List[Corpus], train_pool, team, folds, inputs=("text", "html"),
                 unsettled: bool = False, recipe=None) -> Tuple[Dict[str, List[Row]], List[Job]]:
    """cleaner cross-validated: one model per fold, trained on every other fold of every corpus;
    the rows per corpus, and the jobs that fill them."""
    try:
        from cleaner.train import Recipe, fit, with_article_only
    except ImportError as e:
        print(f"cleaner.train is not available ({e}); cleaner's cross-validated rows are skipped")
        return {}, []
    recipe = recipe or Recipe()
    rows = {c.name: model_rows("cleaner (CV)", inputs, unsettled) for c in corpora}
    jobs: List[Job] = []
    for k in folds:
        tests = {c.name: [p for p in c.pages if p.fold == k] for c in corpora}
        if not any(tests.values()):
            continue
        t0 = time.perf_counter()
        model = fit(with_article_only([p for p in train_pool if p.fold != k] + list(team)), recipe)
        print(f"fold {k}: trained in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        for c in corpora:
            jobs += model_jobs(rows[c.name], model, c, tests[c.name])
    return rows, jobs


def shipped_recipe(seed: Optional[int], bag: Optional[int]):
    """The recipe the shipped model was trained with (its manifest's), with ``seed``/``bag`` given
    overriding it: cross-validation measures what ships unless told otherwise."""
    from cleaner.integrity import verify
    from cleaner.train import Recipe

    manifest = verify(shipped_model_path())
    return Recipe(seed=manifest.get("stacking_seed", 0) if seed is None else seed,
                  bag=manifest.get("stage_two_bag", 1) if bag is None else bag)


def shipped_rows(corpora: List[Corpus], path: Optional[Path] = None, inputs=("text", "html"),
                 unsettled: bool = False, seen: bool = False) -> Tuple[Dict[str, List[Row]], List[Job]]:
    """A saved model (the shipped one by default), scored only on the folds its training held out;
    with ``seen``, only on the folds it was trained on (its training score, to compare); the rows
    per corpus, and the jobs that fill them."""
    from cleaner.model import load as load_model

    model = load_model(str(path or shipped_model_path()))
    held_out = set(model.manifest.get("held_out_folds", []))
    name = "cleaner (shipped)" if path is None else f"cleaner ({path.name})"
    name += ", trained on these pages" if seen else ""
    rows = {c.name: model_rows(name, inputs, unsettled) for c in corpora}
    jobs: List[Job] = []
    for c in corpora:
        if any((p.fold in held_out) == seen for p in c.pages):
            raise SystemExit(f"--shipped scores only held-out folds {sorted(held_out)} (with --seen only "
                             "the others): pass --folds accordingly")
        jobs += model_jobs(rows[c.name], model, c, c.pages)
    return rows, jobs


def _render(title: str, head: List[str], lines: List[List[str]], markdown: bool) -> str:
    if markdown:
        out = [f"**{title}**", "", "| " + " | ".join(head) + " |",
               "| --- | --- | " + " | ".join(["---:"] * (len(head) - 2)) + " |"]
        out += ["| " + " | ".join(l) + " |" for l in lines]
        return "\n".join(out) + "\n"
    widths = [max(len(x[i]) for x in [head] + lines) for i in range(len(head))]
    fmt = lambda l: "  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(l, widths)))
    return "\n".join([title, fmt(head)] + [fmt(l) for l in lines]) + "\n"


ENGLISH_STOP_SHARE = 0.2   # English prose is 40-50% stop words; other languages' text a few percent


def guess_language(text: str) -> str:
    """English when a fifth of the words are English stop words (jusText's Marathi stoplist holds
    English words, so the best-covering stoplist alone took English pages for Marathi); else the
    language whose stoplist covers most words."""
    import justext

    words = [w.lower() for w in tokens(text)]
    english = justext.get_stoplist("English")
    if words and sum(w in english for w in words) >= ENGLISH_STOP_SHARE * len(words):
        return "English"
    return language_guess(text) or "unknown"


def by_language(c: Corpus, rows: List[Row], markdown: bool) -> str:
    """F1 on English and on all other pages apart (issue 3: a stoplist-bound method can fail whole
    languages); the language is guessed from the gold's words (the golds carry no tag)."""
    lang = {p.doc_id: guess_language(p.gold or "") for p in c.pages}
    groups = {"English": [d for d, l in lang.items() if l == "English"],
              "other": [d for d, l in lang.items() if l != "English"]}
    others = Counter(l for l in lang.values() if l != "English")
    head = ["method", "input"] + [f"{g} ({len(ids)} pages) P/R/F1" for g, ids in groups.items()]
    lines = []
    for r in rows:
        cells = []
        for ids in groups.values():
            s = score_counts([r.counts[d] for d in ids]) if ids else None
            cells.append(f"{s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f}" if s else "-")
        lines.append([r.method, r.input] + cells)
    title = (f"{c.name} by language (guessed from the gold's stop words), other: "
             + (", ".join(f"{l} {n}" for l, n in others.most_common()) or "none"))
    return _render(title, head, lines, markdown)


def table(c: Corpus, rows: List[Row], markdown: bool) -> str:
    n = len(c.pages)
    head = ["method", "input", "P", "R", "F1", "docs/s", "docs/s incl. read"]
    lines = []
    for r in rows:
        s = score_counts([r.counts[p.doc_id] for p in c.pages])
        speed = n / r.seconds if r.seconds else float("inf")
        piped = n / (r.seconds + c.read_s[r.input]) if r.seconds else float("inf")
        err = f" ({r.errors} errors)" if r.errors else ""
        lines.append([r.method + err, r.input, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                      f"{speed:.0f}", f"{piped:.0f}"])
    title = f"{c.name}: {n} pages"
    if not c.keep_headline:
        title += "; the gold leaves the headline out, so cleaner runs with keep_headline=False"
    return _render(title, head, lines, markdown)


def parse_folds(s: str) -> List[int]:
    return sorted({int(x) for x in s.split(",") if x.strip()})


def tree_engine(path: Optional[Path] = None) -> str:
    """How the scored model's trees run here (compiled: 1.6-1.9 times the pages per second), asked
    of the model itself (a model file without graphs is walked even with onnxruntime installed);
    cross-validation's models are exported like the shipped one, so it answers for them."""
    from cleaner.model import load as load_model

    return "compiled (onnxruntime)" if load_model(str(path or shipped_model_path())).runs_compiled \
        else "walked with NumPy"


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--benchmarks", type=Path, default=ROOT.parent / "shared" / "benchmarks",
                    help="folder of corpus folders (default: ../shared/benchmarks)")
    ap.add_argument("--corpus", action="append", help="score only this corpus (repeatable)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N pages of each corpus")
    ap.add_argument("--folds", type=parse_folds, default=[0, 1, 2, 3, 4],
                    help="comma-separated folds to score (default 0,1,2,3,4; the fixed test split is 3,4)")
    ap.add_argument("--skip-cleaner", action="store_true", help="baselines only (no training)")
    ap.add_argument("--shipped", action="store_true",
                    help="score the shipped model instead of cross-validating (only on its held-out folds: --folds 3,4)")
    ap.add_argument("--seen", action="store_true",
                    help="with --shipped/--model: score the folds the model was trained on (its training "
                         "score, to set against the held-out one), e.g. --folds 0,1,2")
    ap.add_argument("--model", type=Path, help="like --shipped, for a model saved by scripts/train.py --out PATH")
    ap.add_argument("--input", choices=["text", "html", "both"], default="both", help="which view(s) to score")
    ap.add_argument("--no-baselines", action="store_true", help="score only cleaner (quick model comparisons)")
    ap.add_argument("--also-no-settle", dest="unsettled", action="store_true",
                    help="also score cleaner with Options(settle=False) (no second looks), same pages")
    ap.add_argument("--seed", type=int, help="cross-validation: stacking seed (default: the shipped model's)")
    ap.add_argument("--bag", type=int, help="cross-validation: stage-two bag (default: the shipped model's)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="time every method N times over the same pages, in rounds (each round runs every "
                         "method once, so drift falls on all alike), and report its fastest pass; scored once")
    ap.add_argument("--text-view", default="text", metavar="FOLDER",
                    help="the corpus folder whose <id>.txt files are the text views (default text; "
                         "scrapinghub also has inscriptis)")
    ap.add_argument("--markdown-view", type=int, nargs="?", const=0, metavar="WIDTH",
                    help="the text views made from each page's HTML as Markdown (html2text, installed "
                         "apart), lines wrapped at WIDTH as html2text wraps them (its default is 78; "
                         "none without WIDTH); outputs scored on their text (links as their words, no marks)")
    ap.add_argument("--wrap", type=int, metavar="WIDTH",
                    help="score hard-wrapped copies of the text views (lines broken at WIDTH characters)")
    ap.add_argument("--text-nodes", action="store_true",
                    help="the text views made from each page's HTML as its text nodes, a line each "
                         "(as BeautifulSoup's get_text(\"\\n\", strip=True))")
    ap.add_argument("--run-together", action="store_true",
                    help="the text views made from each page's HTML as its text nodes run together "
                         "(as BeautifulSoup's get_text(): lines break where the HTML source's do)")
    ap.add_argument("--no-blank-lines", action="store_true",
                    help="score copies of the text views without their blank lines (after --wrap)")
    ap.add_argument("--markdown", action="store_true", help="print README-ready tables")
    ap.add_argument("--per-page", type=Path, help="write per-page tp/fp/fn/F1 to this JSON file")
    args = ap.parse_args(argv)
    if (args.markdown_view is not None) + args.text_nodes + args.run_together > 1:
        ap.error("--markdown-view, --text-nodes and --run-together each make the text views: give one")
    if args.markdown_view is not None and not has_html2text():
        ap.error("--markdown-view needs html2text (pip install html2text)")
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    if not args.benchmarks.is_dir():
        ap.error(f"no benchmarks folder at {args.benchmarks}")

    corpora, train_pool, team = load(args)
    if not corpora:
        ap.error("no corpus selected")
    rows: Dict[str, List[Row]] = {c.name: [] for c in corpora}
    inputs = ("text", "html") if args.input == "both" else (args.input,)
    jobs: List[Job] = []
    for c in corpora if not args.no_baselines else []:
        for view, baselines in (("text", TEXT_BASELINES), ("html", HTML_BASELINES)):
            if view not in inputs:
                continue
            for name, fn in baselines.items():
                row = Row(name, view)
                rows[c.name].append(row)
                jobs.append(Job(row, lambda fn=fn: (fn, None, 1), c.pages, getattr(c, view),
                                read_output=c.read_text_output if view == "text" else None))
    cleaner_rows_of, cleaner_jobs = {}, []
    if args.shipped or args.model:
        cleaner_rows_of, cleaner_jobs = shipped_rows(corpora, args.model, inputs, args.unsettled, args.seen)
    elif not args.skip_cleaner:
        recipe = shipped_recipe(args.seed, args.bag)
        print(f"cross-validating with {recipe}", file=sys.stderr)
        cleaner_rows_of, cleaner_jobs = cleaner_rows(corpora, train_pool, team, args.folds, inputs,
                                                     args.unsettled, recipe)
    for name, extra in cleaner_rows_of.items():
        rows[name] += extra
    run_jobs(jobs + cleaner_jobs, args.repeat)

    wrapped = f"; text views hard-wrapped at {args.wrap} characters" if args.wrap else ""
    wrapped += "; text views without blank lines" if args.no_blank_lines else ""
    wrapped += "; text views as the HTML's text nodes, a line each" if args.text_nodes else ""
    wrapped += "; text views as the HTML's text nodes run together" if args.run_together else ""
    wrapped += f"; text views from {args.text_view}/" if args.text_view != "text" else ""
    if args.markdown_view is not None:
        wrapped += f"; text views as Markdown (html2text{f', wrapped at {args.markdown_view}' if args.markdown_view else ''}), " \
                   "outputs scored on their text"
    print(f"folds {','.join(map(str, args.folds))}; team pages in training: {len(team)}; "
          f"trees: {tree_engine(args.model)}{wrapped}\n")
    per_page = {}
    for c in corpora:
        print(table(c, rows[c.name], args.markdown))
        print(by_language(c, rows[c.name], args.markdown))
        for r in rows[c.name]:
            if r.method.startswith("cleaner"):
                low = [p.doc_id for p in c.pages if page_f1(*r.counts[p.doc_id]) < LOW_F1]
                print(f"{c.name} {r.key}: {len(low)} pages with F1 < {LOW_F1}: {' '.join(low) or '-'}")
        per_page[c.name] = {r.key: {d: {"tp": t, "fp": f, "fn": n, "f1": round(page_f1(t, f, n), 4)}
                                    for d, (t, f, n) in r.counts.items()} for r in rows[c.name]}
        print()
    if args.per_page:
        args.per_page.parent.mkdir(parents=True, exist_ok=True)
        args.per_page.write_text(json.dumps(per_page, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"per-page scores written to {args.per_page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
