"""A two-stage line classifier: judge each line, then judge it again knowing its neighbours' verdicts.

A line's label depends on its neighbours' labels (a caption sits next to article text, a teaser
among teasers). Stage one is a gradient-boosted keep/chrome classifier over the features; its
probabilities, shifted and averaged over each page's neighbourhood, become columns for stage two,
which decides keep/chrome again and, among kept lines, headline or body. This module is the
inference side (plain arrays, see ``trees``); ``estimators.SequenceClassifier`` fits it.
Column 0 of X is the line's document index, never a feature.
"""
from __future__ import annotations

from functools import partial
from typing import Dict, Tuple

import numpy as np

from . import compiled_trees
from .features import OWN, WINDOWS, context_columns
from .trees import TreeEnsemble, members

CLASSES = ("body", "title", "chrome")
TITLE_CAP = 0.99    # a line is never so surely the headline that it could not be kept as body
# The headline is looked for among this many non-blank lines before the first body line; the
# title head is trained on the same windows, so it learns to pick among the lines it will judge.
HEADLINE_WINDOW = 12
# Kept lines with at most this many other lines between them form one run of article-like text.
RUN_GAP = 2
_LOG_WORDS = 1 + OWN.index("log_words")     # its column in X (column 0 is the document index)
STAGE_TWO_COLUMNS = 1 + 4 + len(WINDOWS) + 4 + 5      # what ``neighbourhood`` adds to the features


def neighbourhood(X: np.ndarray, p_keep: np.ndarray) -> np.ndarray:
    """The features plus each line's and its neighbours' first-stage keep-probabilities, where
    the line sits relative to the lines stage one keeps (before the first one: headline
    territory; after the last: comments and footers), and relative to the page's main run of
    kept text (a second run after a gap of chrome is often comments, deals or a related story)."""
    doc_of = X[:, 0].astype(np.int64)
    words = np.expm1(X[:, _LOG_WORDS])
    extra = np.zeros((len(X), STAGE_TWO_COLUMNS), np.float32)
    for d in np.unique(doc_of):
        rows = np.flatnonzero(doc_of == d)
        p = p_keep[rows]
        extra[rows] = np.hstack([p[:, None], context_columns(p[:, None]), _around_kept(p),
                                 _main_run(p, words[rows])])
    return np.hstack([X[:, 1:], extra])


def combine(p_keep: np.ndarray, p_title: np.ndarray) -> np.ndarray:
    """(body, title, chrome) columns: title is its own head (a headline rarely looks like body
    text); keep is split by it."""
    p_title = np.minimum(p_title, TITLE_CAP)
    return np.column_stack([(1 - p_title) * p_keep, p_title, (1 - p_title) * (1 - p_keep)]).astype(np.float32)


class SequenceModel:
    """The fitted two-stage classifier as tree tables: first (keep), then keep and title, each of
    those two a table or a bag of tables whose probabilities are averaged (``train --bag``).
    The trees run compiled (``compiled_trees``) when the tables come with their graphs and
    onnxruntime is there, else walked with NumPy: the same numbers either way. The title head
    runs apart from the keep head (``title_of``): it is asked only about the lines where a
    headline is looked for, a few per page, and it is a third of the trees."""

    def __init__(self, tables: Dict[str, dict]):
        self.first = TreeEnsemble(tables["first"])
        self.keep, self.title = ([TreeEnsemble(t) for t in members(tables[k])] for k in ("keep", "title"))
        self.compiled = None
        graphs = tables.get("compiled")
        if graphs and len(set(self.widths()[1:])) == 1:
            self.compiled = _compiled(graphs, self.first.n_features, self.keep[0].n_features,
                                      len(self.keep), len(self.title))

    def widths(self) -> tuple:
        """The feature columns each booster was trained on: stage one, stage two's keep and title."""
        bags = ({m.n_features for m in self.keep}, {m.n_features for m in self.title})
        return (self.first.n_features, *(widths.pop() if len(widths) == 1 else -1 for widths in bags))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n, 3) probabilities of body, title, chrome."""
        if not len(X):
            return np.zeros((0, 3), np.float32)
        Z, keep = self.stage_two(X)
        return combine(keep, self.title_of(Z))

    def stage_two(self, X: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Stage two's rows (the features with stage one's probabilities around each line) and
        the keep head's probability of each."""
        if self.compiled is None:
            Z = neighbourhood(X, self.first.predict_proba(X[:, 1:]).astype(np.float32))
            return Z, mean_of([m.predict_proba(Z) for m in self.keep])
        first, keep, _ = self.compiled
        Z = neighbourhood(X, first.predict_proba(X[:, 1:])[:, 0].astype(np.float32))
        return Z, keep(Z)

    def title_of(self, Z: np.ndarray) -> np.ndarray:
        """The title head's probability of each of these stage-two rows."""
        if self.compiled is None:
            return mean_of([m.predict_proba(Z) for m in self.title])
        return self.compiled[2](Z)


def _compiled(graphs: dict, first_width: int, width: int, n_keep: int, n_title: int):
    """(stage one, keep head, title head) run by onnxruntime, each head giving its members' mean;
    None when a graph cannot run. Model files before the heads had a graph each held both heads
    in one ("second"): there each head runs that graph and takes its own columns."""
    first = compiled_trees.load(graphs["first"], first_width, 1)
    if "keep" in graphs:
        heads = [(compiled_trees.load(graphs[k], width, n), slice(None))
                 for k, n in (("keep", n_keep), ("title", n_title))]
    else:
        both = compiled_trees.load(graphs["second"], width, n_keep + n_title)
        heads = [(both, slice(0, n_keep)), (both, slice(n_keep, None))]
    if first is None or any(graph is None for graph, _ in heads):
        return None
    return (first, *(partial(_head_mean, graph, columns) for graph, columns in heads))


def _head_mean(graph, columns: slice, Z: np.ndarray) -> np.ndarray:
    """A head's probability of each row: its members' (the graph's ``columns``) mean."""
    p = graph.predict_proba(Z)[:, columns]
    return mean_of([p[:, i] for i in range(p.shape[1])])


def mean_of(probabilities: list) -> np.ndarray:
    """The members' probabilities averaged, added in member order."""
    return sum(probabilities[1:], probabilities[0]) / len(probabilities)


def headline_windows(doc_of: np.ndarray, labels: np.ndarray, before: int = HEADLINE_WINDOW) -> np.ndarray:
    """Rows (non-blank lines, in page order) within ``before`` lines above each page's first body
    line, that line, and every title line: where the headline is looked for."""
    rows = labels == "title"
    if not len(labels):
        return rows
    starts = np.flatnonzero(np.r_[True, doc_of[1:] != doc_of[:-1]])
    for start, end in zip(starts, np.r_[starts[1:], len(labels)]):
        body = np.flatnonzero(labels[start:end] == "body")
        if len(body):
            rows[max(start, start + body[0] - before):start + body[0] + 1] = True
    return rows


def _main_run(p: np.ndarray, words: np.ndarray, at: float = 0.5, gap: int = RUN_GAP) -> np.ndarray:
    """Per line: inside the main run (the run of kept lines holding the most words), log lines
    after its end, log unkept lines between the line and it, the share of the page's kept words
    in the line's own run, and the main run's share."""
    n = len(p)
    kept = p >= at
    ks = np.flatnonzero(kept)
    if not len(ks):
        return np.zeros((n, 5), np.float32)
    run = np.cumsum(np.r_[True, np.diff(ks) > gap + 1]) - 1
    mass = np.bincount(run, weights=words[ks])
    total = max(mass.sum(), 1.0)
    main = int(np.argmax(mass))
    lo, hi = ks[run == main][[0, -1]]
    k = np.arange(n)
    unkept = np.r_[0, np.cumsum(~kept)]
    between = np.where(k < lo, unkept[lo] - unkept[k], np.where(k > hi, unkept[k + 1] - unkept[hi + 1], 0))
    share = np.zeros(n)
    share[ks] = mass[run] / total
    return np.column_stack([(k >= lo) & (k <= hi), np.log1p(np.maximum(k - hi, 0)),
                            np.log1p(between), share, np.full(n, mass[main] / total)]).astype(np.float32)


def _around_kept(p: np.ndarray, at: float = 0.5) -> np.ndarray:
    """Per line: log distance to the next and previous kept line, and the most-kept before/after."""
    n = len(p)
    kept = np.flatnonzero(p >= at)
    k = np.arange(n)
    if len(kept):
        nxt = kept[np.minimum(np.searchsorted(kept, k, side="right"), len(kept) - 1)]
        nxt = np.where(nxt > k, nxt - k, n)
        prv = kept[np.maximum(np.searchsorted(kept, k, side="left") - 1, 0)]
        prv = np.where(prv < k, k - prv, n)
    else:
        nxt = prv = np.full(n, n)
    before = np.concatenate([[0.0], np.maximum.accumulate(p)[:-1]]) if n else p
    after = np.concatenate([np.maximum.accumulate(p[::-1])[::-1][1:], [0.0]]) if n else p
    return np.column_stack([np.log1p(nxt), np.log1p(prv), before, after]).astype(np.float32)
