"""The boosted trees compiled: tree tables as one ONNX graph, evaluated by onnxruntime.

The NumPy walk (``trees.TreeEnsemble``) costs a few NumPy calls per tree level over a page's rows;
onnxruntime's tree ensemble is compiled code, about four times faster there. Export builds the
graph from the tables (``graph``, with the ``onnx`` package, as training has it) and stores it in
the model file beside them; cleaning needs only onnxruntime (``load``). Without onnxruntime, or
for a model file without a graph, the NumPy walk computes the same numbers.

The numbers are scikit-learn's to the last bit: rows go in as float64 (float32 features widen
exactly) against the float64 thresholds, leaf values are float64, and each output's sum starts
from its baseline (a first stump whose two leaves hold it) and adds its trees in scikit-learn's
order, on one thread.
"""
from __future__ import annotations

import warnings
from typing import Optional, Sequence

import numpy as np

from .trees import members, sigmoid

_OPSETS = (("", 21), ("ai.onnx.ml", 5))    # the ai.onnx.ml domain's TreeEnsemble operator (version 5)
# Rows per onnxruntime call: its float64 copy of a huge page (a million short lines) stays small.
ROWS_PER_RUN = 16384


class _Nodes:
    """The split nodes and leaves of a growing TreeEnsemble operator (its attribute lists)."""

    def __init__(self):
        self.feature, self.split, self.missing_left = [], [], []
        self.true_id, self.true_leaf, self.false_id, self.false_leaf = [], [], [], []
        self.weight, self.target, self.roots = [], [], []

    def stump(self, weight: float, target: int) -> None:
        """A tree that ends in ``weight`` whatever the row (both leaves hold it): a baseline, or a
        tree that never split (the operator's trees start at a split node)."""
        self.roots.append(len(self.feature))
        self.feature.append(0)
        self.split.append(0.0)
        self.missing_left.append(False)
        leaf = len(self.weight)
        self.true_id.append(leaf)
        self.false_id.append(leaf + 1)
        self.true_leaf.append(True)
        self.false_leaf.append(True)
        self.weight += [weight, weight]
        self.target += [target, target]

    def table(self, t: dict, target: int) -> None:
        """One booster's table (``trees.from_hist_gradient_boosting``): its baseline, then its trees."""
        feature, threshold, left, right, value, missing_left, roots = (np.asarray(t[k]) for k in (
            "feature", "threshold", "left", "right", "value", "missing_left", "roots"))
        self.stump(float(t["baseline"]), target)
        leaf = left == np.arange(len(feature))
        split = np.flatnonzero(~leaf)
        ends = leaf.copy()
        ends[roots] = False                 # a tree that never split becomes a stump of its own
        node_id = np.full(len(feature), -1)
        node_id[split] = len(self.feature) + np.arange(len(split))
        node_id[ends] = len(self.weight) + np.arange(int(ends.sum()))
        self.feature += feature[split].tolist()
        self.split += threshold[split].astype(np.float64).tolist()
        self.missing_left += missing_left[split].astype(bool).tolist()
        for child, ids, leaves in ((left, self.true_id, self.true_leaf), (right, self.false_id, self.false_leaf)):
            ids += node_id[child[split]].tolist()
            leaves += leaf[child[split]].tolist()
        self.weight += value[ends].astype(np.float64).tolist()
        self.target += [target] * int(ends.sum())
        for root in roots:
            if leaf[root]:
                self.stump(float(value[root]), target)
            else:
                self.roots.append(int(node_id[root]))


def graph(tables: Sequence[dict]) -> bytes:
    """The serialized ONNX model computing each table's raw score (before the sigmoid) as its own
    output column. Needs the ``onnx`` package."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = _Nodes()
    for target, t in enumerate(tables):
        nodes.table(t, target)
    widths = {int(t["n_features"]) for t in tables}
    if len(widths) != 1:
        raise ValueError(f"tables of different widths cannot share a graph: {sorted(widths)}")
    ensemble = helper.make_node(
        "TreeEnsemble", ["X"], ["Y"], domain="ai.onnx.ml",
        n_targets=len(tables), aggregate_function=1, post_transform=0,    # sum, raw scores
        tree_roots=nodes.roots, nodes_featureids=nodes.feature,
        nodes_splits=numpy_helper.from_array(np.array(nodes.split, np.float64), "splits"),
        nodes_modes=numpy_helper.from_array(np.zeros(len(nodes.feature), np.uint8), "modes"),   # x <= split: true
        nodes_truenodeids=nodes.true_id, nodes_trueleafs=[int(b) for b in nodes.true_leaf],
        nodes_falsenodeids=nodes.false_id, nodes_falseleafs=[int(b) for b in nodes.false_leaf],
        nodes_missing_value_tracks_true=[int(b) for b in nodes.missing_left],
        leaf_targetids=nodes.target,
        leaf_weights=numpy_helper.from_array(np.array(nodes.weight, np.float64), "weights"))
    width = widths.pop()
    model = helper.make_model(
        helper.make_graph([ensemble], "boosted_trees",
                          [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, width])],
                          [helper.make_tensor_value_info("Y", TensorProto.DOUBLE, [None, len(tables)])]),
        opset_imports=[helper.make_opsetid(domain, version) for domain, version in _OPSETS],
        producer_name="cleaner")
    return model.SerializeToString()


class CompiledTrees:
    """Probabilities of the positive class, one column per table, from a ``graph``."""

    def __init__(self, session, n_features: int, n_outputs: int):
        self._session = session
        self.n_features = n_features
        self.n_outputs = n_outputs

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n, outputs) float64, as ``trees.TreeEnsemble.predict_proba`` gives for each table."""
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ValueError(f"X has {X.shape[-1]} features, the trees expect {self.n_features}")
        raw = np.zeros((len(X), self.n_outputs))
        for start in range(0, len(X), ROWS_PER_RUN):
            rows = np.asarray(X[start:start + ROWS_PER_RUN], dtype=np.float32).astype(np.float64)  # as the walk reads them
            raw[start:start + len(rows)] = self._session.run(None, {"X": rows})[0]
        return sigmoid(raw)


def load(blob: bytes, n_features: int, n_outputs: int) -> Optional[CompiledTrees]:
    """The graph ready to run on one thread, or None without onnxruntime (the NumPy walk serves)
    or for a graph it cannot load (warned: a slower model, not a different one)."""
    try:
        import onnxruntime
    except ImportError:
        return None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1   # one core, sums in tree order
    options.log_severity_level = 3                                     # errors only, no chatter on stderr
    try:
        session = onnxruntime.InferenceSession(blob, options, providers=["CPUExecutionProvider"])
    except Exception as e:     # onnxruntime raises its own kinds for a graph it cannot take
        warnings.warn(f"cleaner: compiled trees unusable ({type(e).__name__}); walking them with NumPy",
                      RuntimeWarning, stacklevel=2)
        return None
    return CompiledTrees(session, n_features, n_outputs)


def graphs(sequence: dict) -> dict:
    """The graphs a two-stage model runs: stage one, and each of stage two's heads (keep, title),
    a bag's members as one graph's columns."""
    return {"first": graph([sequence["first"]]),
            **{head: graph(list(members(sequence[head]))) for head in ("keep", "title")}}

