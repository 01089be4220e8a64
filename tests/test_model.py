"""The shipped line model: it loads, its manifest checks out, its probabilities are sane, it is packaged."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

import cleaner.api as api
import cleaner.model as model_module
from cleaner import Cleaner, Options, classify, clean, clean_and_explain
from cleaner.document import Document
from cleaner.integrity import FORMAT, ModelError, manifest_path, verify, write_manifest
from cleaner.model import CLASSES, MODEL_NAME, LineModel, load, load_verified, shipped_model_path
from conftest import EXAMPLE, ROOT, is_line_subsequence, nonblank, save_model
from pages import GERMAN, HARBOUR, ONLY_ARTICLE, TECH, paragraphs

PAGES = [EXAMPLE.read_text(encoding="utf-8"), HARBOUR, GERMAN, ONLY_ARTICLE,
         "one line, no newline", "\n\n  \n", "a\r\n\r\nb\rc\n\n\n"]


@pytest.fixture(scope="module")
def model() -> LineModel:
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # the shipped model must load without a warning
        m = load()
    assert isinstance(m, LineModel)
    return m


def test_shipped_model_path_is_the_models_folder():
    path = shipped_model_path()
    assert path.name == MODEL_NAME and path.is_file()
    assert path.resolve() == (ROOT / "models" / MODEL_NAME).resolve()


def test_manifest_matches_the_file():
    path = shipped_model_path()
    manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    assert manifest["file"] == path.name
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert manifest["format"] == FORMAT
    assert verify(path) == manifest


def test_model_loads_with_its_manifest(model):
    assert model.manifest["sha256"] == json.loads(manifest_path(shipped_model_path()).read_text())["sha256"]
    assert model.params["format"] == FORMAT and tuple(model.params["classes"]) == CLASSES


def test_load_verified_refuses_a_copy_without_manifest(tmp_path):
    copy = tmp_path / MODEL_NAME
    shutil.copyfile(shipped_model_path(), copy)
    with pytest.raises(ModelError, match="manifest"):
        load_verified(copy)
    shutil.copyfile(manifest_path(shipped_model_path()), manifest_path(copy))
    assert isinstance(load_verified(copy), LineModel)
    with open(copy, "ab") as f:        # one byte more: the hash no longer matches
        f.write(b"\0")
    with pytest.raises(ModelError, match="SHA-256"):
        load_verified(copy)


@pytest.mark.parametrize("page", PAGES)
def test_predict_proba_one_row_per_line(model, page):
    doc = Document.from_text(page)
    p = model.predict_proba(doc)
    assert p.shape == (len(doc.lines), 3)
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-4)
    for i, line in enumerate(doc.lines):
        if not line.strip():
            assert p[i].tolist() == [0.0, 0.0, 1.0]


def test_article_lines_score_higher_than_chrome(model):
    doc = Document.from_text(HARBOUR)
    p = model.predict_proba(doc)
    article = [doc.lines.index(line) for line in paragraphs(HARBOUR)]
    chrome = [i for i, l in enumerate(doc.lines) if l.startswith(("Share on", "©", "Privacy Policy"))]
    assert len(article) == 4 and len(chrome) == 3
    assert min(p[article, 0]) > max(p[chrome, 0] + p[chrome, 1])


def test_predict_many_equals_one_by_one(model):
    docs = [Document.from_text(p) for p in PAGES]
    many = model.predict_many(docs)
    assert len(many) == len(docs)
    for doc, batch in zip(docs, many):
        np.testing.assert_allclose(batch, model.predict_proba(doc), atol=1e-5)


def test_predict_many_of_nothing(model):
    assert model.predict_many([]) == [] and model.scores_many([]) == []


def test_cleanings_scores_are_the_full_rows_and_the_title_head_runs_only_where_asked(model, monkeypatch):
    """``scores_many`` (what cleaning asks) gives each line the keep score and title probability
    ``predict_many``'s rows give it; the title head sees only the rows of the blocks asked about."""
    seen = []
    real = model._sequence.title_of
    monkeypatch.setattr(model._sequence, "title_of", lambda Z: seen.append(len(Z)) or real(Z))
    long_page = "\n".join([HARBOUR] * 3 + [TECH] * 3)
    docs = [Document.from_text(p) for p in PAGES + [long_page]]
    for doc, scores, rows in zip(docs, model.scores_many(docs), model.predict_many(docs)):
        np.testing.assert_allclose(scores.keep, rows[:, 0] / np.maximum(rows[:, 0] + rows[:, 2], 1e-9), atol=1e-6)
        seen.clear()
        assert scores.title[len(doc.lines) - 1] == rows[-1, 1]      # the last line (or blank: 0)
        assert sum(seen) <= scores.title.BLOCK
        assert [scores.title[i] for i in range(len(doc.lines))] == rows[:, 1].tolist()
    assert len(docs[-1].nonblank()) > 2 * scores.title.BLOCK and sum(seen) == len(docs[-1].nonblank())


# -- broken models, through the API -------------------------------------------------------------

def garbage(tmp_path, manifest):
    path = tmp_path / "line-model.joblib"
    path.write_bytes(b"\x80\x04this is not a pickle at all" * 10)
    if manifest == "wrong-hash":
        manifest_path(path).write_text(json.dumps({"sha256": "0" * 64, "format": FORMAT}))
    elif manifest == "right-hash":
        write_manifest(path)
    return path


BROKEN = [("wrong-hash", "SHA-256"), ("no-manifest", "no manifest"), ("right-hash", "cannot load"),
          ("missing", "not found")]


@pytest.mark.parametrize("manifest, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_shipped_model_warns_and_falls_back(tmp_path, monkeypatch, manifest, message):
    path = garbage(tmp_path, manifest) if manifest != "missing" else tmp_path / "nothing.joblib"
    monkeypatch.setattr(model_module, "shipped_model_path", lambda: path)
    monkeypatch.setattr(api, "_default", None)
    with pytest.warns(RuntimeWarning, match=message):
        text, decisions = clean_and_explain(HARBOUR)
    assert {d.path for d in decisions} == {"fallback"}
    assert all(d.reason == "no usable model" for d in decisions if d.label != "blank")
    assert nonblank(text) and is_line_subsequence(text, HARBOUR)
    with pytest.warns(RuntimeWarning):
        assert {d.path for d in Cleaner(Options()).classify(TECH)} == {"fallback"}


@pytest.mark.parametrize("manifest, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_user_model_is_an_error(tmp_path, manifest, message):
    path = garbage(tmp_path, manifest) if manifest != "missing" else tmp_path / "nothing.joblib"
    with pytest.raises(ModelError, match=message) as err:
        clean(HARBOUR, Options(model_path=str(path)))
    assert path.name in str(err.value) or "manifest" in str(err.value)


def edit_manifest(path, **changes):
    m = json.loads(manifest_path(path).read_text())
    m.update(changes)
    manifest_path(path).write_text(json.dumps({k: v for k, v in m.items() if v is not None}))


def test_model_from_before_the_array_format_is_refused_with_a_note_to_retrain(keyword_model, monkeypatch):
    """A format-1 model (a pickled scikit-learn Pipeline, manifest without a format) is not unpickled."""
    edit_manifest(Path(keyword_model), format=None, scikit_learn="1.9.1")
    with pytest.raises(ModelError, match="retrain"):
        clean(HARBOUR, Options(model_path=keyword_model))
    monkeypatch.setattr(model_module, "shipped_model_path", lambda: Path(keyword_model))
    with pytest.warns(RuntimeWarning, match="format"):
        assert {d.path for d in Cleaner(Options()).classify(HARBOUR)} == {"fallback"}


def test_arrays_trained_with_another_scikit_learn_load(tmp_path):
    """The shipped format holds no scikit-learn object: the version it was trained with is a note."""
    path = tmp_path / MODEL_NAME
    shutil.copy(shipped_model_path(), path)
    shutil.copy(manifest_path(shipped_model_path()), manifest_path(path))
    edit_manifest(path, scikit_learn="0.24.2")
    assert {d.path for d in classify(HARBOUR, Options(model_path=str(path)))} == {"model"}


def test_a_dict_that_is_not_the_format_is_refused(tmp_path):
    path = save_model(tmp_path / MODEL_NAME, {"format": "something-else", "classes": list(CLASSES)})
    with pytest.raises(ModelError, match="not a cleaner-line-model"):
        clean(HARBOUR, Options(model_path=str(path)))


class IncompatiblePipeline:
    """Loads fine but cannot score this code's features: a model left over from older code."""

    classes_ = np.array(["body", "title", "chrome"])

    def predict_proba(self, docs):
        raise ValueError("X has 120 features, but HistGradientBoostingClassifier is expecting 116 features")


def test_shipped_model_that_cannot_score_falls_back(tmp_path, monkeypatch):

    path = save_model(tmp_path / MODEL_NAME, IncompatiblePipeline())
    monkeypatch.setattr(model_module, "shipped_model_path", lambda: path)
    monkeypatch.setattr(api, "_default", None)
    with pytest.warns(RuntimeWarning):
        assert {d.path for d in classify(HARBOUR)} == {"fallback"}


def test_wheel_ships_the_model(tmp_path):
    """Slow-ish (builds a wheel, ~5-30 s): the installed package finds its model in the wheel."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("cleaner", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(dist)],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    wheels = list(dist.glob("cleaner-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as z:
        names = set(z.namelist())
        assert {"cleaner/models/line-model.joblib", "cleaner/models/line-model.json"} <= names
        shipped = json.loads(z.read("cleaner/models/line-model.json"))
        assert shipped["sha256"] == hashlib.sha256(z.read("cleaner/models/line-model.joblib")).hexdigest()
        assert not any(n.startswith(("tests/", "training_data/", "models/")) for n in names)
        site = tmp_path / "site"
        z.extractall(site)
    # import the unpacked wheel (it comes before the editable install on sys.path)
    probe = ("import cleaner, cleaner.model as m; from cleaner import clean;"
             "print(cleaner.__file__); print(m.shipped_model_path());"
             "print(m.load() is not None); print(repr(clean('a\\n')))")
    env = dict(os.environ, PYTHONPATH=str(site), OMP_NUM_THREADS="1")
    run = subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-c", probe], capture_output=True,
                         text=True, cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    module_file, model_path, loaded = run.stdout.splitlines()[:3]
    assert Path(module_file).is_relative_to(site)
    assert Path(model_path) == site / "cleaner" / "models" / MODEL_NAME
    assert loaded == "True"


def test_loading_the_model_builds_the_feature_tables(subprocess_env):
    """The stoplist index (about 0.3 s) is built with the model, not inside the first page's time
    limit (an alarm cutting it short left the cache empty: every page of the process timed out)."""
    code = ("from cleaner import features, model\n"
            "assert features._stopword_index.cache_info().currsize == 0\n"
            "assert model.load() is not None\n"
            "print(features._stopword_index.cache_info().currsize, features._bmp_classes.cache_info().currsize)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["1", "1"]


def test_stage_two_sees_where_the_main_run_of_kept_text_lies():
    """Three kept lines, four of chrome, then a smaller kept run (comments, deals): the second run
    is outside the main one, four unkept lines away, with its own small share of the words."""
    from cleaner.sequence import _main_run

    p = np.array([0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.8, 0.8])
    words = np.array([20, 20, 20, 1, 1, 1, 1, 5, 5], dtype=float)
    inside, after, between, share, main_share = _main_run(p, words).T
    assert inside.tolist() == [1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert np.expm1(after).round().tolist() == [0, 0, 0, 1, 2, 3, 4, 5, 6]
    assert np.expm1(between).round().tolist() == [0, 0, 0, 1, 2, 3, 4, 4, 4]
    assert np.allclose(share[[0, 1, 2, 7, 8]], [60 / 70] * 3 + [10 / 70] * 2)
    assert np.allclose(main_share, 60 / 70)
    assert not _main_run(np.zeros(3), np.ones(3)).any()     # nothing kept: no run


def test_kept_lines_close_together_are_one_run():
    """Up to RUN_GAP unkept lines inside a run do not split it: the smaller kept part after the
    gap is part of the main run, not a second one."""
    from cleaner.sequence import RUN_GAP, _main_run

    p = np.array([0.9] * 3 + [0.1] * RUN_GAP + [0.9])
    words = np.array([20.0] * 3 + [1.0] * RUN_GAP + [5.0])
    inside, _, between, share, _ = _main_run(p, words).T
    assert inside.all() and not between.any()
    assert np.allclose(share[[0, -1]], 1.0)
