"""The line model: load the joblib Pipeline lazily (hash-checked), predict per-line probabilities."""
from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path
from typing import Optional

import joblib
import numpy as np
from threadpoolctl import ThreadpoolController

from .document import Document
from .features import warm_up
from .integrity import ModelError, verify

MODEL_NAME = "line-model.joblib"
CLASSES = ("body", "title", "chrome")   # column order of LineModel.predict_proba


class LineModel:
    """A fitted scikit-learn Pipeline over documents, returning one probability row per line."""

    def __init__(self, pipeline, manifest: Optional[dict] = None):
        self.pipeline = pipeline
        self.manifest = manifest or {}
        classes = list(pipeline.classes_)
        self._order = [classes.index(c) for c in CLASSES]
        self._threads = ThreadpoolController()   # after the load: sees the OpenMP runtime it brought
        warm_up()                                # tables the features need: the model's load time

    def predict_proba(self, doc: Document) -> np.ndarray:
        """(n_lines, 3) probabilities of body, title, chrome; blank lines get chrome 1.0."""
        return self.predict_many([doc])[0]

    def predict_many(self, docs) -> list:
        """One (n_lines, 3) array per document; the pipeline scores non-blank lines only."""
        p = None
        if docs:
            # One OpenMP thread: a page is a few hundred rows, too few to share out (threads cost more
            # than they save), and parallel pages (--jobs, Spark executors) would oversubscribe cores:
            # measured under load, 2 s per page instead of 25 ms.
            with self._threads.limit(limits=1, user_api="openmp"):
                p = self.pipeline.predict_proba(docs)[:, self._order]
        out, start = [], 0
        for d in docs:
            rows = np.tile(np.array([0.0, 0.0, 1.0], dtype=np.float32), (len(d.lines), 1))
            idx = d.nonblank()
            rows[idx] = p[start:start + len(idx)]
            out.append(rows)
            start += len(idx)
        return out


def shipped_model_path() -> Path:
    """The model inside the installed package, or models/ beside cleaner/ in a source checkout."""
    try:
        path = Path(str(resources.files("cleaner.models") / MODEL_NAME))
        if path.is_file():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "models" / MODEL_NAME


def load_verified(path: Path) -> LineModel:
    """Load a model file after its manifest checks out; ModelError otherwise."""
    manifest = verify(path)
    try:
        pipeline = joblib.load(path)
    except Exception as e:  # a corrupt pickle can fail in many ways
        raise ModelError(f"cannot load {path}: {type(e).__name__}: {e}") from None
    return LineModel(pipeline, manifest)


def load(path: Optional[str] = None) -> Optional[LineModel]:
    """The user's model (errors raise) or the shipped one (problems warn and return None: fallback)."""
    if path is not None:
        return load_verified(Path(path))
    try:
        return load_verified(shipped_model_path())
    except ModelError as e:
        warnings.warn(f"cleaner: {e}; using the trafilatura fallback", RuntimeWarning, stacklevel=3)
        return None
