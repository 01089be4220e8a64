"""Gradient-boosted trees as plain arrays, evaluated with NumPy.

Training fits scikit-learn's HistGradientBoostingClassifier; the shipped model keeps only what a
prediction needs (each node's feature, threshold and children, each leaf's value), so cleaning
needs neither scikit-learn nor a pickle of its classes. That ends two costs at once: a model tied
to the scikit-learn version it was pickled with (dragnet's fate) and scikit-learn's 1-2 s import
at start-up.
"""
from __future__ import annotations

from typing import Dict

import numpy as np

# per node, over all trees
FIELDS = ("feature", "threshold", "left", "right", "value", "missing_left")
# From this many rows on, trees are walked one at a time over all rows (``TreeEnsemble._raw_by_tree``),
# below it all trees at once over a few rows (``_raw``): measured even at about 4,000 rows, 1.8x at 8,000.
BY_TREE_FROM_ROWS = 4096


def from_hist_gradient_boosting(est) -> Dict[str, np.ndarray]:
    """The arrays of a fitted binary HistGradientBoostingClassifier (numerical features only).

    All trees share one node table; a leaf's children point at the leaf itself, so a walk that
    reached it stays there. Reads the estimator's private ``_predictors`` (tested against its
    ``predict_proba``, so a scikit-learn that changes them fails the tests, not the users).
    """
    tables, roots, offset = [], [], 0
    for (tree,) in est._predictors:
        nodes = tree.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        here = np.arange(len(nodes))
        leaf = nodes["is_leaf"].astype(bool)
        tables.append((nodes["feature_idx"], nodes["num_threshold"],
                       np.where(leaf, here, nodes["left"]) + offset, np.where(leaf, here, nodes["right"]) + offset,
                       nodes["value"], nodes["missing_go_to_left"].astype(bool)))
        roots.append(offset)
        offset += len(nodes)
    columns = [np.concatenate(c) for c in zip(*tables)]
    dtypes = (np.int32, np.float64, np.int32, np.int32, np.float64, bool)
    out = {name: c.astype(t) for name, c, t in zip(FIELDS, columns, dtypes)}
    out["roots"] = np.array(roots, np.int32)
    out["baseline"] = float(np.ravel(est._baseline_prediction)[0])   # a float, not a NumPy scalar: loads under NumPy 1 too
    out["n_features"] = int(est.n_features_in_)
    return out


class TreeEnsemble:
    """Probability of the positive class from a binary boosted-tree table (``from_hist_gradient_boosting``).

    Nodes are renumbered so that a node's right child directly follows its left one: a step of a
    walk is then ``left[node] + (x > threshold[node])``. Leaves point at themselves with an infinite
    threshold. Thresholds are stored as float32, rounded down: the features are float32, and for
    any float32 x, x <= t64 exactly when x <= t32, so the comparisons are scikit-learn's own.
    """

    def __init__(self, table: Dict[str, np.ndarray]):
        feature, threshold, left, right = (table[k] for k in ("feature", "threshold", "left", "right"))
        order = _siblings_adjacent(table["roots"], left, right)
        new_id = np.empty(len(order), np.intp)
        new_id[order] = np.arange(len(order))
        leaf = left[order] == order
        self.feature = np.where(leaf, 0, feature[order]).astype(np.intp)
        t32 = threshold[order].astype(np.float32)
        t32 = np.where(t32 > threshold[order], np.nextafter(t32, np.float32(-np.inf)), t32)
        self.threshold = np.where(leaf, np.float32(np.inf), t32).astype(np.float32)
        self.left = np.where(leaf, np.arange(len(order)), new_id[left[order]]).astype(np.intp)
        self.missing_right = ~table["missing_left"][order] & ~leaf
        self.is_leaf = leaf
        self.value = table["value"][order]
        self.roots = new_id[table["roots"]]
        self.baseline = float(table["baseline"])
        self.n_features = int(table["n_features"])

    def predict_proba(self, X: np.ndarray, rows_at_once: int = 256) -> np.ndarray:
        """P(positive) per row of X, as scikit-learn computes it: a NaN goes the way training sent
        missing values, any other value left when at most the threshold."""
        X = np.ascontiguousarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"X has {X.shape[-1]} features, the trees expect {self.n_features}")
        if len(X) >= BY_TREE_FROM_ROWS:
            raw = self._raw_by_tree(X)
        else:
            raw = np.empty(len(X))
            for start in range(0, len(X), rows_at_once):     # a chunk's walks stay in cache
                raw[start:start + rows_at_once] = self._raw(X[start:start + rows_at_once])
        return sigmoid(raw)

    def _raw_by_tree(self, X: np.ndarray) -> np.ndarray:
        """``_raw`` one tree at a time over all rows: a tree's few nodes stay in cache and its walks
        read X column by column; a few dozen NumPy calls per tree, which pay off over many rows."""
        n = len(X)
        columns = np.ascontiguousarray(X.T).ravel()      # feature f of row r at f * n + r
        has_nan = bool(np.isnan(columns).any())
        column_at = self.feature * n
        raw = np.full(n, self.baseline)
        rows = np.arange(n)
        for root in self.roots:        # added in scikit-learn's order: baseline, then tree by tree
            raw += np.take(self.value, self._leaves(np.full(n, root, np.intp), rows, columns, column_at, has_nan, 3))
        return raw

    def _raw(self, X: np.ndarray) -> np.ndarray:
        """Baseline plus leaf values per row, added in scikit-learn's order (baseline, then tree by
        tree): every (row, tree) walk at once."""
        n, n_trees = len(X), len(self.roots)
        flat = X.ravel()
        row_start = np.repeat(np.arange(n, dtype=np.intp) * X.shape[1], n_trees)
        leaves = self._leaves(np.tile(self.roots, n), row_start, flat, self.feature, bool(np.isnan(flat).any()), 4)
        values = np.column_stack([np.full(n, self.baseline), np.take(self.value, leaves).reshape(n, n_trees)])
        return np.cumsum(values, axis=1)[:, -1]

    def _leaves(self, node: np.ndarray, base: np.ndarray, data: np.ndarray, offset: np.ndarray,
                has_nan: bool, every: int) -> np.ndarray:
        """The leaf each walk ends in. Walk i starts at ``node[i]`` and reads a node's feature at
        ``data[base[i] + offset[node]]``; all walks advance one level per step, and walks that
        reached a leaf leave the working set every ``every`` steps."""
        leaf_of = np.empty(len(node), np.intp)
        walk = np.arange(len(node))
        take = np.take      # a quarter faster than fancy indexing for these 1-D gathers
        step = 0
        while len(node):
            x = take(data, base + take(offset, node))
            right = x > take(self.threshold, node)
            if has_nan:
                right |= np.isnan(x) & take(self.missing_right, node)
            node = take(self.left, node) + right
            step += 1
            if step % every == 0:
                done = take(self.is_leaf, node)
                leaf_of[walk[done]] = node[done]
                going = ~done
                node, base, walk = node[going], base[going], walk[going]
        return leaf_of


def sigmoid(raw: np.ndarray) -> np.ndarray:
    """P(positive) from raw scores as both tree paths compute it (so they agree to the last bit)."""
    with np.errstate(over="ignore"):     # a sure verdict: exp overflows, the sigmoid is 0.0
        return 1.0 / (1.0 + np.exp(-raw))


def members(head) -> list:
    """A head's tables: one table, or a bag's list of them (``train --bag``)."""
    return head if isinstance(head, list) else [head]


def _siblings_adjacent(roots: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Old node ids in an order where every right child comes right after its left sibling."""
    order = []
    for root in roots:
        order.append(root)
        pending = [root]
        while pending:
            node = pending.pop()
            if left[node] != node:          # not a leaf
                order += [left[node], right[node]]
                pending += [right[node], left[node]]
    return np.array(order, np.intp)
