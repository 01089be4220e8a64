"""The compiled trees (ONNX graphs run by onnxruntime) give the NumPy walk's numbers, bit for bit.

They only make the trees faster: on random data with missing values, on trees that never split,
on several boosters in one graph, and on the shipped model over real pages, the probabilities are
the ones the walk computes. Without onnxruntime, or with a graph it cannot load, the walk serves.
"""
from __future__ import annotations

import sys

import joblib
import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from cleaner import compiled_trees
from cleaner.document import Document
from cleaner.model import LineModel, shipped_model_path
from cleaner.trees import TreeEnsemble, from_hist_gradient_boosting, members
from conftest import EXAMPLE, ROOT
from pages import GERMAN, HARBOUR, TECH

SEEDS = ROOT.parent / "shared" / "seeds"
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"


def _boosters(seed: int):
    """Two boosters fit on data with missing values and one that never split, and test rows."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(600, 6)).astype(np.float32)
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0) ^ (rng.random(600) < 0.1)
    X[rng.random(X.shape) < 0.15] = np.nan            # missing values learn a direction per split
    fitted = [HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=seed).fit(X, y),
              HistGradientBoostingClassifier(max_iter=25, max_depth=3, random_state=seed).fit(X, ~y),
              HistGradientBoostingClassifier(max_iter=3).fit(np.zeros((50, 6), np.float32), np.arange(50) % 2 == 0)]
    test = rng.normal(size=(300, 6)).astype(np.float32)
    test[rng.random(test.shape) < 0.2] = np.nan
    test[:5] = X[:5]                                  # exact training values sit on thresholds' sides
    return fitted, test


@pytest.mark.parametrize("rows_per_run", [16384, 7], ids=["one-run", "runs-of-7-rows"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_graph_of_several_boosters_gives_each_its_walked_probabilities(seed, rows_per_run, monkeypatch):
    monkeypatch.setattr(compiled_trees, "ROWS_PER_RUN", rows_per_run)
    fitted, test = _boosters(seed)
    tables = [from_hist_gradient_boosting(est) for est in fitted]
    got = compiled_trees.load(compiled_trees.graph(tables), 6, len(tables)).predict_proba(test)
    assert got.shape == (len(test), 3)
    for column, table, est in zip(got.T, tables, fitted):
        np.testing.assert_array_equal(column, TreeEnsemble(table).predict_proba(test))
        np.testing.assert_allclose(column, est.predict_proba(test)[:, 1], rtol=0, atol=1e-15)


def test_compiled_trees_refuse_rows_of_another_width_and_take_no_rows():
    fitted, test = _boosters(0)
    trees = compiled_trees.load(compiled_trees.graph([from_hist_gradient_boosting(fitted[0])]), 6, 1)
    with pytest.raises(ValueError, match="7 features, the trees expect 6"):
        trees.predict_proba(np.zeros((2, 7), np.float32))
    assert trees.predict_proba(np.zeros((0, 6), np.float32)).shape == (0, 1)


def _pages(benchmark_pages: int = 0):
    """The example, the test pages and the seeds; and some benchmark text views, where present."""
    texts = [EXAMPLE.read_text(encoding="utf-8"), HARBOUR, GERMAN, TECH, "one line", "\n\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for corpus in ("scrapinghub", "wcxb"):
        views = sorted((BENCHMARKS / corpus / "text").glob("*.txt"))[:benchmark_pages]
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in views]
    return [Document.from_text(t) for t in texts]


@pytest.fixture(scope="module")
def shipped():
    return joblib.load(shipped_model_path())


def _walked(params: dict) -> LineModel:
    """The same model without its graphs: NumPy walks the trees."""
    sequence = {k: v for k, v in params["sequence"].items() if k != "compiled"}
    return LineModel({**params, "sequence": sequence})


def test_the_shipped_model_runs_compiled_with_the_walks_numbers(shipped):
    compiled = LineModel(shipped)
    assert compiled.runs_compiled      # graphs in the model file, onnxruntime installed
    walked = _walked(shipped)
    assert not walked.runs_compiled
    docs = _pages(benchmark_pages=40)
    for got, expected in zip(compiled.predict_many(docs), walked.predict_many(docs)):
        np.testing.assert_array_equal(got, expected)


def test_without_onnxruntime_the_trees_are_walked(shipped, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)      # import onnxruntime raises ImportError
    model = LineModel(shipped)
    assert not model.runs_compiled
    docs = _pages()[:4]
    for got, expected in zip(model.predict_many(docs), _walked(shipped).predict_many(docs)):
        np.testing.assert_array_equal(got, expected)


def test_a_graph_onnxruntime_cannot_load_is_warned_about_and_walked(shipped):
    sequence = {**shipped["sequence"], "compiled": {"first": b"not a graph", "keep": b"nor this", "title": b"nor"}}
    with pytest.warns(RuntimeWarning, match="compiled trees unusable"):
        model = LineModel({**shipped, "sequence": sequence})
    assert not model.runs_compiled
    docs = _pages()[:2]
    for got, expected in zip(model.predict_many(docs), _walked(shipped).predict_many(docs)):
        np.testing.assert_array_equal(got, expected)


def test_a_model_file_with_both_heads_in_one_graph_runs_them_alike(shipped):
    """Model files from before each head had its graph hold one "second" graph (the keep head's
    members, then the title head's): each head runs it and takes its own columns."""
    sequence = shipped["sequence"]
    both = compiled_trees.graph([t for head in ("keep", "title") for t in members(sequence[head])])
    older = LineModel({**shipped, "sequence": {**sequence, "compiled": {"first": sequence["compiled"]["first"],
                                                                       "second": both}}})
    assert older.runs_compiled
    docs = _pages()[:4]
    for got, expected in zip(older.predict_many(docs), LineModel(shipped).predict_many(docs)):
        np.testing.assert_array_equal(got, expected)
