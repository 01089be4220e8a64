"""The line model's training side: scikit-learn transformers and the two-stage classifier.

Each step is a scikit-learn estimator (dragnet's design) so training, stacking and cross-validation
compose as a Pipeline. Cleaning never runs this module: ``export`` reduces a fitted pipeline to
plain arrays (``trees``, ``lexical``) that the inference side reads without scikit-learn.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.ensemble import HistGradientBoostingClassifier

from .compiled_trees import graphs
from .features import feature_rows
from .integrity import FORMAT
from .lexical import LEXICAL_COLUMNS, N_FEATURES, hashed, line_bags, nonblank_texts, with_context
from .sequence import CLASSES, combine, headline_windows, mean_of, neighbourhood
from .trees import from_hist_gradient_boosting


def page_groups(doc_ids: np.ndarray, k: int) -> np.ndarray:
    """Fold number per row such that a document's lines share a fold (for out-of-fold stacking)."""
    return doc_ids.astype(np.int64) % k


class LineFeatures(TransformerMixin, BaseEstimator):
    """Documents → one row per non-blank line: [doc index, hand-made features...]."""

    def fit(self, docs, y=None, sample_weight=None):
        return self

    def transform(self, docs):
        return feature_rows(docs)


class LexicalScore(TransformerMixin, BaseEstimator):
    """What the words say: a hashed bag-of-words linear model's keep-probability, and its neighbours'.

    ``fit_transform`` returns out-of-fold scores (by page), so the next step learns how far to trust
    them on pages the lexical model has not seen; ``transform`` uses the model fit on everything.
    """

    def __init__(self, n_features: int = N_FEATURES, folds: int = 5, alpha: float = 2e-6):
        self.n_features = n_features
        self.folds = folds
        self.alpha = alpha

    def _hashed(self, texts):
        from scipy.sparse import csr_matrix
        rows, cols, value = hashed(line_bags(texts), self.n_features)
        return csr_matrix((value, (rows, cols)), shape=(len(texts), self.n_features))

    def _new_model(self):
        from sklearn.linear_model import SGDClassifier
        return SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=20, tol=None, random_state=0)

    def fit(self, docs, y, sample_weight=None):
        self.fit_transform(docs, y, sample_weight)
        return self

    def fit_transform(self, docs, y, sample_weight=None):
        """Rows weigh as the classifier's do (the team's pages more), so the words learn the
        project's convention where a benchmark's gold disagrees."""
        texts, doc_of = nonblank_texts(docs)
        X = self._hashed(texts)
        keep = np.asarray(y) != "chrome"
        w = np.ones(len(texts)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        oof = np.zeros(len(texts), np.float32)
        groups = page_groups(doc_of, self.folds)
        for g in range(self.folds):
            test = groups == g
            if test.all() or not test.any() or len(set(keep[~test])) < 2:
                continue
            oof[test] = self._new_model().fit(X[~test], keep[~test], sample_weight=w[~test]).predict_proba(X[test])[:, 1]
        self.model_ = self._new_model().fit(X, keep, sample_weight=w)
        return with_context(oof, doc_of)

    def transform(self, docs):
        texts, doc_of = nonblank_texts(docs)
        if not texts:
            return np.zeros((0, LEXICAL_COLUMNS), np.float32)
        p = self.model_.predict_proba(self._hashed(texts))[:, 1].astype(np.float32)
        return with_context(p, doc_of)


class SequenceClassifier(ClassifierMixin, BaseEstimator):
    """Fits ``sequence.SequenceModel``: stage one, then stage two's keep and title heads on stage
    one's out-of-fold probabilities (by page), once per draw of the groups (``bag``)."""

    def __init__(self, max_iter: int = 200, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
                 folds: int = 4, random_state: int = 0, title_weight_power: float = 1.0, bag: int = 1):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.folds = folds
        self.random_state = random_state
        self.title_weight_power = title_weight_power   # >1: the headline head leans harder on heavy (team) rows
        self.bag = bag      # stage two fit on this many draws of stage one's out-of-fold groups, averaged

    def _booster(self, max_iter=None):
        return HistGradientBoostingClassifier(
            max_iter=max_iter or self.max_iter, learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes, early_stopping=False, random_state=self.random_state)

    def fit(self, X, y, sample_weight=None):
        """Stage one on all rows; stage two (keep and title heads) on stage one's out-of-fold
        probabilities, once per draw of the out-of-fold groups (``bag``; draw 0 groups pages by
        their place, as ``page_groups`` does)."""
        y = np.asarray(y)
        w = sample_weight
        keep = y != "chrome"
        self.classes_ = np.array(CLASSES)
        self.first_ = self._booster().fit(X[:, 1:], keep, sample_weight=w)
        # the headline head learns on the lines it will choose among (headline.find_headline's window)
        near = headline_windows(X[:, 0].astype(np.int64), y)
        tw = None if w is None else w[near] ** self.title_weight_power
        self.keep_, self.title_ = [], []
        for draw in range(self.bag):
            Z = neighbourhood(X, self._out_of_fold(X, keep, w, draw))
            self.keep_.append(self._booster().fit(Z, keep, sample_weight=w))
            self.title_.append(self._booster(max_iter=100).fit(Z[near], y[near] == "title", sample_weight=tw))
        return self

    def _out_of_fold(self, X, keep, w, draw: int) -> np.ndarray:
        """Stage one's keep-probability of each row from boosters that did not see its page."""
        doc = X[:, 0].astype(np.int64)
        if draw:        # another partition of the same pages into groups
            doc = np.random.default_rng(draw).permutation(int(doc.max()) + 1)[doc]
        groups = page_groups(doc, self.folds)
        oof = np.zeros(len(X), np.float32)
        for g in range(self.folds):
            test = groups == g
            if test.all() or not test.any():
                continue
            oof[test] = self._booster().fit(X[~test, 1:], keep[~test], sample_weight=None if w is None else w[~test]).predict_proba(X[test, 1:])[:, 1]
        return oof

    def predict_proba(self, X):
        if not len(X):
            return np.zeros((0, 3), np.float32)
        Z = neighbourhood(X, self.first_.predict_proba(X[:, 1:])[:, 1].astype(np.float32))
        return combine(mean_of([m.predict_proba(Z)[:, 1] for m in self.keep_]),
                       mean_of([m.predict_proba(Z)[:, 1] for m in self.title_]))

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def export(pipeline, info: Optional[dict] = None) -> dict:
    """A fitted pipeline (``train.build_pipeline``) as the plain arrays ``model.LineModel`` reads."""
    words = pipeline.named_steps["features"].transformer_list[1][1].model_
    clf = pipeline.named_steps["classifier"]
    return {
        "format": FORMAT,
        "classes": list(CLASSES),
        "words": {"coef": words.coef_.ravel().astype(np.float64), "intercept": float(words.intercept_[0])},
        "sequence": with_graphs({"first": from_hist_gradient_boosting(clf.first_),
                                 **{name: _one_or_list([from_hist_gradient_boosting(m) for m in getattr(clf, name + "_")])
                                    for name in ("keep", "title")}}),
        **(info or {}),
    }


def with_graphs(sequence: dict) -> dict:
    """The two stages' tables and, under "compiled", the same trees as ONNX graphs (what
    ``compiled_trees`` runs; a model file without them is walked with NumPy)."""
    return {**sequence, "compiled": graphs(sequence)}


def _one_or_list(tables: list):
    """A head's table, or its bag's list of tables: a model of one draw keeps the older layout."""
    return tables[0] if len(tables) == 1 else tables
