"""The exported model (plain arrays) predicts what the fitted scikit-learn estimators predict.

Cleaning reads the arrays with NumPy and mmh3 alone; these tests hold that reading equal to
scikit-learn's own on real pages, on random data with missing values, and on the shipped model.
"""
from __future__ import annotations

import subprocess
import sys

import joblib
import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from cleaner import trees
from cleaner.corpus import read_team_data
from cleaner.document import Document
from cleaner.estimators import LexicalScore, LineFeatures, SequenceClassifier, export
from cleaner.integrity import ModelError
from cleaner.lexical import N_FEATURES, WordModel, line_tokens
from cleaner.model import LineModel
from cleaner.sequence import headline_windows
from cleaner.train import training_arrays
from cleaner.trees import TreeEnsemble, from_hist_gradient_boosting
from conftest import EXAMPLE, ROOT
from pages import GERMAN, HARBOUR, TECH

TRICKY = ["", "   ", "Ab ab AB ab", "über Straße — «quoted»", "日本語のニュース", "a_b __init__ x1 2024",
          "word " * 300, "https://example.com/a?b=c&d", "© 2025 · All rights reserved"]


@pytest.fixture(scope="module")
def fitted():
    """A small pipeline fit on the team's pages (few boosting rounds: the shape is what matters)."""
    docs, y = training_arrays(read_team_data(ROOT / "training_data"))
    pipeline = Pipeline([
        ("features", FeatureUnion([("lines", LineFeatures()), ("words", LexicalScore())])),
        ("classifier", SequenceClassifier(max_iter=25, title_weight_power=1.7)),
    ])
    pipeline.fit(docs, y)
    return pipeline


def test_exported_model_predicts_as_the_pipeline(fitted):
    docs = [Document.from_text(t) for t in
            (EXAMPLE.read_text(encoding="utf-8"), HARBOUR, GERMAN, TECH, "one line", "\n\n", "\n".join(TRICKY))]
    expected = fitted.predict_proba(docs)
    model = LineModel(export(fitted))
    assert model.runs_compiled         # exported with its graphs, run compiled
    got = np.vstack([p[d.nonblank()] for p, d in zip(model.predict_many(docs), docs)])
    assert got.shape == expected.shape == (sum(len(d.nonblank()) for d in docs), 3)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def test_a_bagged_second_stage_exports_and_predicts_as_the_pipeline(fitted):
    """``bag``: stage two fit on several draws of stage one's out-of-fold groups, averaged. The
    exported bag predicts as the pipeline; a bag of one keeps the single-table layout (the shipped
    model's), and its members differ from the first draw's."""
    docs, y = training_arrays(read_team_data(ROOT / "training_data"))
    bagged = Pipeline([
        ("features", FeatureUnion([("lines", LineFeatures()), ("words", LexicalScore())])),
        ("classifier", SequenceClassifier(max_iter=25, title_weight_power=1.7, bag=3)),
    ]).fit(docs, y)
    params = export(bagged)
    assert [len(params["sequence"][head]) for head in ("keep", "title")] == [3, 3]
    assert all(isinstance(export(fitted)["sequence"][head], dict) for head in ("keep", "title"))
    one = export(fitted)["sequence"]["keep"]["value"]
    assert np.array_equal(params["sequence"]["keep"][0]["value"], one)         # draw 0 is the usual one
    assert not np.array_equal(params["sequence"]["keep"][1]["value"], one)      # another draw, other trees
    test = [Document.from_text(t) for t in (EXAMPLE.read_text(encoding="utf-8"), HARBOUR, GERMAN, TECH)]
    expected = bagged.predict_proba(test)
    got = np.vstack([p[d.nonblank()] for p, d in zip(LineModel(params).predict_many(test), test)])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)


def test_word_model_scores_as_the_linear_model(fitted):
    lexical = fitted.named_steps["features"].transformer_list[1][1]
    texts = TRICKY + HARBOUR.splitlines() + GERMAN.splitlines()
    words = WordModel(lexical.model_.coef_.ravel(), lexical.model_.intercept_[0])
    np.testing.assert_allclose(words.predict_proba(texts),
                               lexical.model_.predict_proba(lexical._hashed(texts))[:, 1], rtol=0, atol=1e-12)



def test_word_scores_remembered_by_text_are_the_scores_of_a_fresh_model(fitted, monkeypatch):
    """Scores come back from the memory exactly as scored afresh, in any batch, repeated or not,
    and across the memory starting afresh when full (a lost score once retired the model)."""
    lexical = fitted.named_steps["features"].transformer_list[1][1]
    coef, intercept = lexical.model_.coef_.ravel(), lexical.model_.intercept_[0]
    lines = TRICKY + HARBOUR.splitlines() + GERMAN.splitlines() + TECH.splitlines()
    monkeypatch.setattr(WordModel, "CACHE_SIZE", 7)
    words = WordModel(coef, intercept)
    for batch in (lines[:5], lines[3:12], lines[:5] + lines[:5], lines, lines[10:14], lines[::-1]):
        fresh = WordModel(coef, intercept)._score(batch)
        assert words.predict_proba(batch).tolist() == fresh.tolist()
        assert len(words._seen) <= max(7, len(set(batch)))


def test_hashing_is_scikit_learns():
    """The shipped word weights were fit on HashingVectorizer's output: the same bag must come out."""
    texts = TRICKY + HARBOUR.splitlines()
    vectorizer = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, binary=True, ngram_range=(1, 2),
                                   token_pattern=r"\S+", lowercase=False, norm="l2")
    expected = vectorizer.transform([" ".join(line_tokens(t)) for t in texts])
    got = LexicalScore()._hashed(texts)
    assert got.shape == expected.shape and abs(got - expected).max() < 1e-12
    assert (got != 0).sum() == expected.nnz


@pytest.mark.parametrize("by_tree_from", [10**9, 1], ids=["all-trees-a-few-rows", "tree-by-tree"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_trees_match_scikit_learn_with_missing_values(seed, by_tree_from, monkeypatch):
    monkeypatch.setattr(trees, "BY_TREE_FROM_ROWS", by_tree_from)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(600, 6)).astype(np.float32)
    y = (X[:, 0] + X[:, 1] * X[:, 2] > 0) ^ (rng.random(600) < 0.1)
    X[rng.random(X.shape) < 0.15] = np.nan            # missing values learn a direction per split
    est = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=seed).fit(X, y)
    test = rng.normal(size=(300, 6)).astype(np.float32)
    test[rng.random(test.shape) < 0.2] = np.nan
    test[:5] = X[:5]                                  # exact training values sit on thresholds' sides
    ensemble = TreeEnsemble(from_hist_gradient_boosting(est))
    raw = ensemble._raw_by_tree(test) if by_tree_from == 1 else ensemble._raw(test)
    np.testing.assert_array_equal(raw, est.decision_function(test))     # same sums, same order
    # the sigmoid may differ in the last bit: NumPy's exp is vectorised (AVX-512 on some machines),
    # scikit-learn's is scipy's expit
    np.testing.assert_allclose(ensemble.predict_proba(test, rows_at_once=64), est.predict_proba(test)[:, 1],
                               rtol=0, atol=1e-15)


def test_a_tree_that_never_split_is_its_leaf():
    X = np.zeros((50, 2), np.float32)
    y = np.arange(50) % 2 == 0
    est = HistGradientBoostingClassifier(max_iter=3).fit(X, y)          # nothing to split on
    got = TreeEnsemble(from_hist_gradient_boosting(est)).predict_proba(X)
    np.testing.assert_allclose(got, est.predict_proba(X)[:, 1], rtol=0, atol=1e-12)


def test_trees_refuse_rows_of_another_width():
    X = np.random.default_rng(0).normal(size=(40, 3)).astype(np.float32)
    trees = TreeEnsemble(from_hist_gradient_boosting(HistGradientBoostingClassifier(max_iter=3).fit(X, X[:, 0] > 0)))
    with pytest.raises(ValueError, match="4 features, the trees expect 3"):
        trees.predict_proba(np.zeros((2, 4), np.float32))


def test_a_model_for_other_feature_columns_is_refused(fitted):
    """Arrays do not check their input the way scikit-learn did: the loader compares the columns
    the model was trained on with those this code computes (a model from other feature code would
    otherwise read the wrong columns and answer wrongly without a word)."""
    params = export(fitted)
    params["sequence"]["first"]["n_features"] += 1
    with pytest.raises(ModelError, match="retrain"):
        LineModel(params)


def test_the_headline_head_learns_on_the_lines_it_chooses_among():
    """Rows near each page's first body line (where api.headline looks) and every title line."""
    doc_of = np.array([0] * 7 + [1] * 3)
    labels = np.array(["title", "chrome", "chrome", "chrome", "body", "chrome", "body",
                       "chrome", "title", "chrome"])      # page 1 has no body: only its title
    rows = headline_windows(doc_of, labels, before=2)
    assert np.flatnonzero(rows).tolist() == [0, 2, 3, 4, 8]


def test_cleaning_imports_no_scikit_learn(subprocess_env):
    """The point of the arrays: start-up without scikit-learn's 1-2 s import (and its version lock),
    nor onnx's (graphs are built at export; onnxruntime runs them)."""
    code = ("import sys, cleaner; out = cleaner.clean(open(sys.argv[1], encoding='utf-8').read()); "
            "assert out.strip(); print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'onnx')))")
    r = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, env=subprocess_env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


@pytest.mark.filterwarnings("error::RuntimeWarning")     # its few, steep rounds give sure verdicts: no overflow noise
def test_cleaner_train_writes_a_model_that_loads_and_cleans(tmp_path, monkeypatch):
    """`cleaner train` end to end (team pages only, few boosting rounds): model, manifest and card
    written; the model loads through the hash-checked loader and cleans the example."""
    from click.testing import CliRunner

    from cleaner import Options, clean, cli, train
    from cleaner.integrity import FORMAT, verify

    def small(recipe):
        return Pipeline([("features", FeatureUnion([("lines", LineFeatures()), ("words", LexicalScore())])),
                         ("classifier", SequenceClassifier(max_iter=10, learning_rate=0.5, bag=recipe.bag))])

    monkeypatch.setattr(train, "build_pipeline", small)
    out = tmp_path / "m" / "line-model.joblib"
    r = CliRunner().invoke(cli.main, ["train", "--team", str(ROOT / "training_data"), "--out", str(out),
                                      "--seed", "2", "--bag", "2"])
    assert r.exit_code == 0, r.output
    manifest = verify(out)
    assert manifest["format"] == FORMAT and manifest["training_pages"]["team"]["pages"] > 50
    assert manifest["stacking_seed"] == 2 and manifest["stage_two_bag"] == 2
    assert [len(joblib.load(out)["sequence"][head]) for head in ("keep", "title")] == [2, 2]
    card = (out.parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card.count(FORMAT) == 1 and "Stacking seed (which pages\nshare an out-of-fold group while the stacked " \
        "steps train): 2; stage two\naveraged over 2 draw(s) of those groups." in card
    page = EXAMPLE.read_text(encoding="utf-8")
    kept = [line for line in clean(page, Options(model_path=str(out))).splitlines() if line.strip()]
    assert kept and set(kept) <= set(page.splitlines()) and len(kept) < len([l for l in page.splitlines() if l.strip()])


def test_a_stacking_seed_draws_other_out_of_fold_groups_from_the_same_pages():
    """Seed 0 is the shipped model's order; another seed puts most pages in another stacking group
    (``page_groups``: index mod 4), the same way on every run."""
    from cleaner import train

    pages = read_team_data(ROOT / "training_data")
    ids = {seed: [p.doc_id for p in train.stacking_order(pages, seed)] for seed in (0, 1)}
    assert [p.doc_id for p in train.stacking_order(pages)] == ids[0]
    assert sorted(ids[0]) == sorted(ids[1]) == sorted(p.doc_id for p in pages)
    assert [p.doc_id for p in train.stacking_order(pages, 1)] == ids[1]
    group = {seed: {d: i % 4 for i, d in enumerate(order)} for seed, order in ids.items()}
    moved = sum(group[0][d] != group[1][d] for d in ids[0])
    assert moved > len(pages) / 2
