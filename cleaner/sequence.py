"""A two-stage line classifier: judge each line, then judge it again knowing its neighbours' verdicts.

A line's label depends on its neighbours' labels (a caption sits next to article text, a teaser
among teasers). Stage one is a gradient-boosted keep/chrome classifier over the features; its
out-of-fold probabilities, shifted and averaged over each page's neighbourhood, become columns for
stage two, which decides keep/chrome again and, among kept lines, headline or body.
Column 0 of X is the line's document index (from ``LineFeatures``), never a feature.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier

from .features import context_columns, page_groups

CLASSES = np.array(["body", "title", "chrome"])


class SequenceClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, max_iter: int = 200, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
                 folds: int = 4, random_state: int = 0, title_weight_power: float = 1.0):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.folds = folds
        self.random_state = random_state
        self.title_weight_power = title_weight_power   # >1: the headline head leans harder on heavy (team) rows

    def _booster(self, max_iter=None):
        return HistGradientBoostingClassifier(
            max_iter=max_iter or self.max_iter, learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes, early_stopping=False, random_state=self.random_state)

    @staticmethod
    def _neighbourhood(X, p_keep):
        """The features plus each line's and its neighbours' first-stage keep-probabilities, and
        where the line sits relative to the lines stage one keeps (before the first one: headline
        territory; after the last: comments and footers)."""
        doc_of = X[:, 0].astype(np.int64)
        extra = np.zeros((len(X), 8 + 4), np.float32)
        for d in np.unique(doc_of):
            rows = np.flatnonzero(doc_of == d)
            p = p_keep[rows]
            extra[rows] = np.hstack([p[:, None], context_columns(p[:, None]), _around_kept(p)])
        return np.hstack([X[:, 1:], extra])

    def fit(self, X, y, sample_weight=None):
        y = np.asarray(y)
        w = sample_weight
        keep = y != "chrome"
        self.classes_ = CLASSES
        groups = page_groups(X[:, 0], self.folds)
        oof = np.zeros(len(X), np.float32)
        for g in range(self.folds):
            test = groups == g
            if test.all() or not test.any():
                continue
            oof[test] = self._booster().fit(X[~test, 1:], keep[~test], sample_weight=None if w is None else w[~test]).predict_proba(X[test, 1:])[:, 1]
        self.first_ = self._booster().fit(X[:, 1:], keep, sample_weight=w)
        Z = self._neighbourhood(X, oof)
        self.keep_ = self._booster().fit(Z, keep, sample_weight=w)
        tw = None if w is None else w ** self.title_weight_power
        self.title_ = self._booster(max_iter=100).fit(Z, y == "title", sample_weight=tw)
        return self

    def predict_proba(self, X):
        if not len(X):
            return np.zeros((0, 3), np.float32)
        Z = self._neighbourhood(X, self.first_.predict_proba(X[:, 1:])[:, 1].astype(np.float32))
        p_keep = self.keep_.predict_proba(Z)[:, 1]
        p_title = np.minimum(self.title_.predict_proba(Z)[:, 1], 0.99)   # keep stays recoverable
        # title is its own head (a headline rarely looks like body text); keep is split by it
        return np.column_stack([(1 - p_title) * p_keep, p_title, (1 - p_title) * (1 - p_keep)]).astype(np.float32)

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


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
