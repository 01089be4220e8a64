"""The line model: load the shipped arrays lazily (hash-checked), predict per-line probabilities.

The model file holds plain arrays and numbers (``estimators.export``): no scikit-learn object, so
it loads under any scikit-learn version, or none, and in a fraction of scikit-learn's import time.
"""
from __future__ import annotations

import warnings
from importlib import resources
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import joblib
import numpy as np

from .document import Document
from .features import feature_rows, n_line_features, warm_up
from .integrity import FORMAT, ModelError, verify
from .lexical import LEXICAL_COLUMNS, WordModel, nonblank_texts, with_context
from .sequence import CLASSES, STAGE_TWO_COLUMNS, TITLE_CAP, SequenceModel

MODEL_NAME = "line-model.joblib"


class LineModel:
    """The model's probabilities, one (body, title, chrome) row per line.

    A model file holds the exported arrays (``estimators.export``: words, then the two-stage
    trees), or any scorer object with ``classes_`` and ``predict_proba(documents)`` giving one row
    per non-blank line: how rule-based stand-ins (the tests') and experiments plug in.
    """

    def __init__(self, params, manifest: Optional[dict] = None):
        self.params = params
        self.manifest = manifest or {}
        self._scorer = None
        if isinstance(params, dict):
            if params.get("format") != FORMAT or tuple(params.get("classes", ())) != CLASSES:
                raise ModelError(f"not a {FORMAT} model")
            self._words = WordModel(params["words"]["coef"], params["words"]["intercept"])
            self._sequence = SequenceModel(params["sequence"])
            columns = n_line_features() + LEXICAL_COLUMNS
            expected = (columns, columns + STAGE_TWO_COLUMNS, columns + STAGE_TWO_COLUMNS)
            if self._sequence.widths() != expected:     # a model from other feature code
                raise ModelError(f"trained on {self._sequence.widths()} feature columns, this cleaner "
                                 f"computes {expected}: retrain it with `cleaner train`")
        elif hasattr(params, "predict_proba") and hasattr(params, "classes_"):
            self._scorer = params
            self._order = [list(params.classes_).index(c) for c in CLASSES]
        else:
            raise ModelError(f"neither a {FORMAT} model nor a scorer: {type(params).__name__}")
        warm_up()                                # tables the features need: the model's load time

    @property
    def runs_compiled(self) -> bool:
        """Whether the trees run compiled (onnxruntime) rather than walked with NumPy."""
        return self._scorer is None and self._sequence.compiled is not None

    def predict_proba(self, doc: Document) -> np.ndarray:
        """(n_lines, 3) probabilities of body, title, chrome; blank lines get chrome 1.0."""
        return self.predict_many([doc])[0]

    def _arrays(self, docs) -> np.ndarray:
        """The exported model over the documents' non-blank lines: features, word score, two stages."""
        return self._sequence.predict_proba(self._inputs(docs)[0])

    def _inputs(self, docs) -> Tuple[np.ndarray, np.ndarray]:
        """Stage one's rows (each non-blank line's features and the word model's scores around it),
        and the word model's score of each non-blank line."""
        texts, doc_of = nonblank_texts(docs)
        p_words = self._words.predict_proba(texts).astype(np.float32) if texts else np.zeros(0, np.float32)
        return np.hstack([feature_rows(docs), with_context(p_words, doc_of)]), p_words

    def scores_many(self, docs) -> List["LineScores"]:
        """Per document, what cleaning asks of the model (``LineScores``): every line's
        keep-probability, and the title head's only for the lines asked about. A hard-wrapped,
        unspaced or Markdown page is scored as the model reads pages (``Document.model_view``), and each line
        gets its line's scores there."""
        views = [d.model_view() for d in docs]
        scores = self._scores_many([view or d for d, (view, _) in zip(docs, views)])
        return [s if view is None else s.spread(d, line_of) for s, d, (view, line_of) in zip(scores, docs, views)]

    def _scores_many(self, docs) -> List["LineScores"]:
        if self._scorer is not None or not docs:
            return [LineScores.of_rows(rows, d) for rows, d in zip(self.predict_many(docs), docs)]
        X, p_words = self._inputs(docs)
        Z, keep = self._sequence.stage_two(X) if len(X) else (X, np.zeros(0))
        out, start = [], 0
        for d in docs:
            end = start + len(d.nonblank())
            out.append(LineScores(d, keep[start:end], Z[start:end], self._sequence.title_of, p_words[start:end]))
            start = end
        return out

    def predict_many(self, docs) -> list:
        """One (n_lines, 3) array per document; the model scores non-blank lines only."""
        p = None
        if docs:
            p = self._arrays(docs) if self._scorer is None else self._scorer.predict_proba(docs)[:, self._order]
        out, start = [], 0
        for d in docs:
            rows = np.tile(np.array([0.0, 0.0, 1.0], dtype=np.float32), (len(d.lines), 1))
            idx = d.nonblank()
            rows[idx] = p[start:start + len(idx)]
            out.append(rows)
            start += len(idx)
        return out


class LineScores:
    """One page's scores: each line's keep-probability (``keep``; blank lines 0), the word model's
    (``words``), and the title head's (``title[line]``), computed on first ask for a block of rows
    around the line asked about: the headline is looked for in a window near the article's top, so
    most lines are never asked, and the title head is a third of the trees."""

    def __init__(self, doc: Document, keep: np.ndarray, rows: np.ndarray, title_of,
                 words: Optional[np.ndarray] = None):
        idx = doc.nonblank()
        self.keep = np.zeros(len(doc.lines), np.float32)
        self.keep[idx] = keep
        self.words = None               # the word model's score of each line (blank lines 0); None
        if words is not None:           # for a scorer object, which has no word model
            self.words = np.zeros(len(doc.lines), np.float32)
            self.words[idx] = words
        self.title = TitleColumn(idx, len(doc.lines), rows, title_of)

    def spread(self, doc: Document, line_of: Sequence[int]) -> "LineScores":
        """These scores of a model view (``Document.model_view``) given to ``doc``'s lines."""
        at = np.asarray(line_of)
        scores = LineScores.__new__(LineScores)
        scores.keep = np.where(at >= 0, self.keep[at], 0).astype(np.float32)
        scores.words = None if self.words is None else np.where(at >= 0, self.words[at], 0).astype(np.float32)
        scores.title = _SpreadColumn(self.title, line_of)
        return scores

    @classmethod
    def of_rows(cls, rows: np.ndarray, doc: Document) -> "LineScores":
        """From a full (n_lines, 3) array of (body, title, chrome) probabilities."""
        keep = rows[:, 0] / np.maximum(rows[:, 0] + rows[:, 2], 1e-9)
        idx = doc.nonblank()
        scores = cls(doc, keep[idx], None, None)
        scores.title.known[:] = rows[idx, 1]        # all known: nothing left to compute
        return scores


class TitleColumn:
    """The title head's probability of each line, as ``column[line]`` (blank lines 0), computed
    BLOCK rows at a time on first ask."""

    BLOCK = 32      # a headline window (13 lines) spans at most two blocks

    def __init__(self, idx, n_lines: int, rows: Optional[np.ndarray], title_of):
        self._row_of = np.full(n_lines, -1)
        self._row_of[idx] = np.arange(len(idx))
        self._rows = rows               # stage two's rows, what the title head reads
        self._title_of = title_of
        self.known = np.full(len(idx), np.nan)

    def __getitem__(self, line: int) -> float:
        row = self._row_of[line]
        if row < 0:
            return 0.0
        if np.isnan(self.known[row]):
            lo = row - row % self.BLOCK
            p = self._title_of(self._rows[lo:lo + self.BLOCK])
            self.known[lo:lo + self.BLOCK] = np.minimum(p, TITLE_CAP).astype(np.float32)   # as ``combine`` gives it
        return float(self.known[row])


class _SpreadColumn:
    """A model view's title column, read by the lines of the page it was made from."""

    def __init__(self, column: TitleColumn, line_of: Sequence[int]):
        self._column = column
        self._line_of = line_of

    def __getitem__(self, line: int) -> float:
        at = self._line_of[line]
        return 0.0 if at < 0 else self._column[at]


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
        params = joblib.load(path)
        return LineModel(params, manifest)
    except ModelError as e:
        raise ModelError(f"cannot load {path}: {e}") from None
    except Exception as e:  # a corrupt file can fail in many ways
        raise ModelError(f"cannot load {path}: {type(e).__name__}: {e}") from None


def load(path: Optional[str] = None) -> Optional[LineModel]:
    """The user's model (errors raise) or the shipped one (problems warn and return None: fallback)."""
    if path is not None:
        return load_verified(Path(path))
    try:
        return load_verified(shipped_model_path())
    except ModelError as e:
        warnings.warn(f"cleaner: {e}; using the trafilatura fallback", RuntimeWarning, stacklevel=3)
        return None
