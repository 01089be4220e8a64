"""The scrapinghub article-extraction benchmark's shingle metric, implemented from its description.

Per page, gold and prediction are split into ``\\w+`` tokens (case kept) and then into overlapping
4-token shingles (a text of 1-3 tokens is a single shingle; an empty text has none). The multiset
overlap of the two shingle bags gives tp, fp and fn. Over a corpus:

- precision = mean of tp/(tp+fp) over pages whose prediction has a shingle;
- recall    = mean of tp/(tp+fn) over pages whose gold has a shingle (every benchmark page);
- F1        = harmonic mean of those two means (not a mean of per-page F1s).

A page where prediction and gold are both empty counts as perfect where it counts at all (it does
not: it has neither a prediction nor a gold shingle). This reproduces the benchmark's published
figures for its ``reference-outputs`` to three decimals (see tests/test_metrics.py).
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Set, Tuple

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")

Counts = Tuple[int, int, int]   # tp, fp, fn


def tokens(text: Optional[str]) -> List[str]:
    """The ``\\w+`` tokens of a text, case kept (None counts as empty)."""
    return _TOKEN.findall(text or "")


def shingles(text: Optional[str], n: int = SHINGLE_SIZE) -> Counter:
    """Multiset of overlapping n-token shingles; a text of 1..n-1 tokens is one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)))


def page_counts(pred: Optional[str], gold: Optional[str], n: int = SHINGLE_SIZE) -> Counts:
    """(tp, fp, fn) of one page: shingles in both, only in the prediction, only in the gold."""
    p, g = shingles(pred, n), shingles(gold, n)
    tp = sum((p & g).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def page_f1(tp: float, fp: float, fn: float) -> float:
    """One page's F1 (for error analysis; the corpus F1 is *not* the mean of these)."""
    p, r = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    pages: int          # pages scored (all of them; precision uses those with a prediction)

    def __str__(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  ({self.pages} pages)"


def score_counts(counts: Sequence[Counts]) -> Score:
    """Corpus score from per-page (tp, fp, fn)."""
    precs = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recs = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, len(counts))


def score(pairs: Iterable[Tuple[Optional[str], Optional[str]]]) -> Score:
    """Corpus score from (prediction, gold) text pairs, one per page."""
    return score_counts([page_counts(pred, gold) for pred, gold in pairs])


def f1_difference(before: Sequence[Counts], after: Sequence[Counts], rounds: int = 2000,
                  seed: int = 0) -> Tuple[float, float, float]:
    """F1(after) - F1(before) on the same pages, with a 90% bootstrap interval over the pages.

    One corpus's test split is a few hundred pages at most and a few pages that collapse move its
    F1 by a point or two; resampling the pages (paired: both models on each drawn page) says
    whether a change is larger than that.
    """
    return mean_f1_difference([before], [after], rounds, seed)


def mean_f1_difference(befores: Sequence[Sequence[Counts]], afters: Sequence[Sequence[Counts]],
                       rounds: int = 2000, seed: int = 0) -> Tuple[float, float, float]:
    """``f1_difference`` of the mean F1 of several runs on each side, all on the same pages.

    A retrain is a draw (which pages share an out-of-fold group: ``train --seed``), and one draw
    moved scrapinghub's F1 by up to 0.03: runs of each side under several seeds average that out,
    and the pages drawn for the interval are drawn for every run alike.
    """
    import random

    runs = list(befores) + list(afters)
    n = len(runs[0]) if runs else 0
    if not befores or not afters or any(len(r) != n for r in runs):
        raise ValueError(f"runs of {sorted({len(r) for r in runs})} pages: not the same pages")

    def diff(idx) -> float:
        def mean(side):
            return sum(score_counts([r[i] for i in idx]).f1 for r in side) / len(side)
        return mean(afters) - mean(befores)

    rng = random.Random(seed)
    draws = sorted(diff([rng.randrange(n) for _ in range(n)]) for _ in range(rounds)) if n else [0.0]
    return diff(range(n)), draws[int(0.05 * (len(draws) - 1))], draws[int(0.95 * (len(draws) - 1))]


@dataclass(frozen=True)
class HeadlineTally:
    """How the lines labelled headline compare with the gold headline, over pages that have one."""
    pages: int
    exact: int          # the gold headline's lines, no more, no fewer
    partial: int        # some of them (and maybe other lines)
    wrong: int          # only other lines
    missing: int        # no headline found

    @property
    def exact_share(self) -> float:
        return self.exact / self.pages if self.pages else 0.0

    def __str__(self) -> str:
        return (f"{self.pages} pages with a gold headline: exact {self.exact} ({self.exact_share:.0%}), "
                f"in part {self.partial}, other lines {self.wrong}, none found {self.missing}")


def headline_tally(golds: Iterable[Set[int]], found: Iterable[Set[int]]) -> HeadlineTally:
    """Tally per page the gold headline's line numbers against those labelled headline; pages
    without a gold headline are left out (the headline metric the benchmark's text metric lacks)."""
    pairs = [(g, f) for g, f in zip(golds, found) if g]
    exact = sum(f == g for g, f in pairs)
    partial = sum(bool(f & g) and f != g for g, f in pairs)
    missing = sum(not f for g, f in pairs)
    return HeadlineTally(len(pairs), exact, partial, len(pairs) - exact - partial - missing, missing)


def headline_key(line: str) -> str:
    """A headline line as compared across views (HTML mode's lines are trafilatura's, not the text
    view's): entities decoded, spaces collapsed, lower case."""
    return " ".join(html.unescape(line).split()).lower()
