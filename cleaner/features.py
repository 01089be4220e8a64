"""Per-line features: the line's own shape and words, its neighbours', and the page's.

Chrome is told from article mostly by context (a short line inside a run of long sentence-like
lines is a subheading; the same line among menu items is navigation), so most columns describe a
line's surroundings. Each step is a scikit-learn transformer over a list of ``Document``s that
returns one row per non-blank line, in page order; column 0 is the document's index in the batch
so later steps can find page boundaries.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .document import Document

# Words: runs of word characters; in scripts written without spaces (Chinese, Japanese) each
# character counts as a word, so length and stop-word signals mean the same across languages.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_TERMINAL = tuple('.!?"”’»。！？…)\'')
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,3}[.)])\s")
_SENTENCE_BREAK = re.compile(r"[.!?。！？][\"”’»)]?\s+\S")
_SEPARATORS = re.compile(r"[|•·›»/>]")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_URLISH = re.compile(r"https?://|www\.|\.com\b|@\w|\w@\w")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
# A label of one to three words and a colon before the rest ("Read also: ...", "Photo: ...",
# "WATCH: ...", "Lire aussi : ..."): teasers, credits and prompts; not a clock time.
_LABEL_COLON = re.compile(r"^\W*[^\W\d]\w*(?:[ \t]+\w+){0,2}[ \t]?:[ \t]+\S")


@lru_cache(maxsize=1)
def _stoplist_names() -> Tuple[str, ...]:
    import justext

    return tuple(sorted(justext.get_stoplists()))


@lru_cache(maxsize=1)
def _stopword_index() -> Dict[str, Tuple[int, ...]]:
    """word -> languages whose jusText stoplist has it (jusText ships 100 stoplists)."""
    import justext

    index: Dict[str, List[int]] = {}
    for n, lang in enumerate(_stoplist_names()):
        for w in justext.get_stoplist(lang):
            index.setdefault(w, []).append(n)
    return {w: tuple(v) for w, v in index.items()}


def _best_stoplist(seen: Counter) -> Optional[int]:
    """The stoplist that covers most of these (lower-cased) tokens, or None when none covers any."""
    index = _stopword_index()
    hits: Counter = Counter()
    for t, count in seen.items():
        for lang in index.get(t, ()):
            hits[lang] += count
    return hits.most_common(1)[0][0] if hits else None


def page_stopwords(tokens: Sequence[str]) -> frozenset:
    """The stoplist of the page's language, guessed by which stoplist covers most of its tokens."""
    seen = Counter(tokens)
    best = _best_stoplist(seen)
    if best is None:
        return frozenset()
    index = _stopword_index()
    return frozenset(w for w in seen if best in index.get(w, ()))


def language_guess(text: str) -> str:
    """The language whose jusText stoplist covers most of the text's words ("" when none does)."""
    best = _best_stoplist(Counter(w.lower() for w in _WORD.findall(text)))
    return "" if best is None else _stoplist_names()[best]


# Character classes as bit flags, looked up for a whole page at once instead of per character.
_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE = 1, 2, 4, 8, 16


def _class_bits(ch: str) -> int:
    return (_ALPHA * ch.isalpha() | _UPPER * ch.isupper() | _DIGIT * ch.isdigit()
            | _ALNUM * ch.isalnum() | _SPACE * ch.isspace())


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """Class bits of every character of the Basic Multilingual Plane (computed once, 64 KiB)."""
    return np.array([_class_bits(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def char_class_counts(texts: Sequence[str]) -> np.ndarray:
    """Per text: counts of letters, upper-case, digits, alphanumerics and spaces (str.is* semantics)."""
    out = np.zeros((len(texts), 5), dtype=np.int64)
    joined = "".join(texts)
    if not joined:
        return out
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bits = _bmp_classes()[np.minimum(codes, 0xFFFF)]
    astral = np.nonzero(codes > 0xFFFF)[0]
    bits[astral] = [_class_bits(joined[i]) for i in astral]
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    line_of = np.repeat(np.arange(len(texts)), lengths)
    for j, flag in enumerate((_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE)):
        out[:, j] = np.bincount(line_of, weights=(bits & flag) > 0, minlength=len(texts))
    return out


# Names of the per-line ("own") columns, in order.
OWN = [
    "log_chars", "log_words", "mean_word_len", "upper_share", "digit_share", "punct_share",
    "ends_terminal", "ends_colon", "starts_bullet", "starts_lower", "starts_digit", "titlecase_share",
    "stop_share", "log_stops", "sentences", "separators", "time", "year", "urlish", "copyright",
    "dup_count", "same_as_prev", "same_as_next", "prefix_of_next", "prev_is_prefix",
    "in_top_line", "blank_before", "blank_after", "log_block_size", "block_pos", "para_lines",
    "width_share", "sentlike", "label_colon",
]
# Columns whose neighbourhood is described too.
CONTEXT_OF = ["log_words", "stop_share", "ends_terminal", "sentlike", "titlecase_share",
              "digit_share", "separators", "log_chars"]
WINDOWS = (1, 3, 10)


def _own(doc: Document) -> Tuple[np.ndarray, List[int]]:
    """Own-line features of the non-blank lines; also their indices in doc.lines."""
    idx = doc.nonblank()
    texts = [doc.lines[i].strip() for i in idx]
    toks = [_WORD.findall(t) for t in texts]
    lower = [[w.lower() for w in ts] for ts in toks]
    stops = page_stopwords([w for ts in lower for w in ts])
    norm = [" ".join(t.lower().split()) for t in texts]
    counts = Counter(norm)
    n = len(idx)
    widths = sorted(len(t) for t in texts) or [1]
    width = max(widths[int(0.95 * (len(widths) - 1))], 1)
    top = set(norm[:20])
    # blocks: runs of non-blank lines
    block_id, b = [], -1
    for k, i in enumerate(idx):
        if k == 0 or idx[k - 1] != i - 1:
            b += 1
        block_id.append(b)
    block_size = Counter(block_id)
    block_start = {}
    for k, bid in enumerate(block_id):
        block_start.setdefault(bid, k)
    para_size = Counter(doc.paragraph[i] for i in idx)

    classes = char_class_counts(texts).tolist()
    rows = []
    for k, (t, ts, lw) in enumerate(zip(texts, toks, lower)):
        nch = len(t)
        nw = len(ts)
        letters, upper, digits, alnum, spaces = classes[k]
        letters = letters or 1
        punct = nch - alnum - spaces
        alpha_words = [w for w in ts if w[:1].isalpha()]
        title = sum(w[:1].isupper() for w in alpha_words)
        nstop = sum(w in stops for w in lw)
        i = idx[k]
        same_prev = k > 0 and idx[k - 1] == i - 1 and norm[k - 1] == norm[k]
        same_next = k + 1 < n and idx[k + 1] == i + 1 and norm[k + 1] == norm[k]
        prefix_next = k + 1 < n and len(norm[k]) >= 8 and norm[k + 1] != norm[k] and norm[k + 1].startswith(norm[k])
        prev_prefix = k > 0 and len(norm[k - 1]) >= 8 and norm[k - 1] != norm[k] and norm[k].startswith(norm[k - 1])
        in_top = nw >= 3 and any(norm[k] != o and norm[k] in o for o in top)
        sentlike = nw >= 8 and t.endswith(_TERMINAL) and (nstop >= 0.15 * nw or not stops)
        rows.append((
            math.log1p(nch), math.log1p(nw), nch / max(nw, 1), upper / letters, digits / max(nch, 1),
            punct / max(nch, 1), t.endswith(_TERMINAL), t.endswith(":"), _BULLET.match(t) is not None,
            t[:1].islower(), t[:1].isdigit(), title / max(len(alpha_words), 1),
            nstop / max(nw, 1), math.log1p(nstop), math.log1p(len(_SENTENCE_BREAK.findall(t))),
            math.log1p(len(_SEPARATORS.findall(t))), _TIME.search(t) is not None, _YEAR.search(t) is not None,
            _URLISH.search(t) is not None, _COPYRIGHT.search(t) is not None,
            math.log(counts[norm[k]]), same_prev, same_next, prefix_next, prev_prefix,
            in_top, i > 0 and not doc.lines[i - 1].strip(),
            i + 1 < len(doc.lines) and not doc.lines[i + 1].strip(),
            math.log(block_size[block_id[k]]), (k - block_start[block_id[k]]) / block_size[block_id[k]],
            math.log(para_size[doc.paragraph[i]]), min(nch / width, 2.0), sentlike,
            _LABEL_COLON.match(t) is not None,
        ))
    return np.array(rows, dtype=np.float32).reshape(n, len(OWN)), idx


def _shifted(col: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    out = np.full_like(col, fill)
    if by > 0:
        out[by:] = col[:-by]
    elif by < 0:
        out[:by] = col[-by:]
    return out


def _window_mean(col: np.ndarray, radius: int) -> np.ndarray:
    """Mean of the neighbours within ±radius, the line itself left out."""
    n = len(col)
    c = np.concatenate([[0.0], np.cumsum(col, dtype=np.float64)])
    k = np.arange(n)
    lo = np.maximum(k - radius, 0)
    hi = np.minimum(k + radius + 1, n)
    total = c[hi] - c[lo] - col
    count = np.maximum(hi - lo - 1, 1)
    return (total / count).astype(np.float32)


def context_columns(cols: np.ndarray) -> np.ndarray:
    """Neighbour values and windowed means of each column of a page's (n_lines, k) array."""
    parts = []
    for j in range(cols.shape[1]):
        c = cols[:, j]
        parts += [_shifted(c, 1), _shifted(c, -1), _shifted(c, 2), _shifted(c, -2)]
        parts += [_window_mean(c, r) for r in WINDOWS]
    return np.column_stack(parts).astype(np.float32) if parts else np.zeros((len(cols), 0), np.float32)


def _page(own: np.ndarray) -> np.ndarray:
    """Where the line sits relative to the page's article-like text, and page-level signals."""
    n = len(own)
    sent = own[:, OWN.index("sentlike")]
    words = np.expm1(own[:, OWN.index("log_words")])
    sw = sent * words
    total = max(sw.sum(), 1.0)
    before = (np.cumsum(sw) - sw) / total
    density = _window_mean(sent, 5) if n > 1 else sent
    centre = int(np.argmax(density)) if n else 0
    k = np.arange(n, dtype=np.float32)
    return np.column_stack([
        k / max(n - 1, 1), np.log1p(k), np.log1p(n - 1 - k), np.full(n, np.log1p(n)),
        before, 1.0 - before - sw / total, np.full(n, sent.mean() if n else 0.0),
        np.full(n, np.log1p(total)), (k - centre) / max(n, 1), np.log1p(np.abs(k - centre)),
        np.full(n, own[:, OWN.index("stop_share")].mean() if n else 0.0),
    ]).astype(np.float32)


def line_features(doc: Document) -> np.ndarray:
    """All hand-made columns for one document's non-blank lines."""
    own, _ = _own(doc)
    if not len(own):
        return np.zeros((0, n_line_features()), np.float32)
    ctx = context_columns(own[:, [OWN.index(c) for c in CONTEXT_OF]])
    return np.hstack([own, ctx, _page(own)])


def n_line_features() -> int:
    return len(OWN) + len(CONTEXT_OF) * (4 + len(WINDOWS)) + 11


class LineFeatures(TransformerMixin, BaseEstimator):
    """Documents → one row per non-blank line: [doc index, hand-made features...]."""

    def fit(self, docs, y=None, sample_weight=None):
        return self

    def transform(self, docs):
        blocks = []
        for d, doc in enumerate(docs):
            f = line_features(doc)
            blocks.append(np.hstack([np.full((len(f), 1), d, np.float32), f]))
        return np.vstack(blocks) if blocks else np.zeros((0, 1 + n_line_features()), np.float32)


def _line_text_tokens(text: str) -> str:
    """The words of a line plus markers for its first and last word and its length."""
    words = _WORD.findall(text.lower())
    marks = [f"_n{min(len(words), 12)}"]
    if words:
        marks += [f"_first_{words[0]}", f"_last_{words[-1]}"]
    return " ".join(words + marks)


LEXICAL_COLUMNS = 1 + 4 + len(WINDOWS) + 2


def page_groups(doc_ids: np.ndarray, k: int) -> np.ndarray:
    """Fold number per row such that a document's lines share a fold (for out-of-fold stacking)."""
    return doc_ids.astype(np.int64) % k


class LexicalScore(TransformerMixin, BaseEstimator):
    """What the words say: a hashed bag-of-words linear model's keep-probability, and its neighbours'.

    ``fit_transform`` returns out-of-fold scores (by page), so the next step learns how far to trust
    them on pages the lexical model has not seen; ``transform`` uses the model fit on everything.
    """

    def __init__(self, n_features: int = 2 ** 18, folds: int = 5, alpha: float = 2e-6):
        self.n_features = n_features
        self.folds = folds
        self.alpha = alpha

    def _vectorizer(self):
        from sklearn.feature_extraction.text import HashingVectorizer
        return HashingVectorizer(n_features=self.n_features, alternate_sign=False, binary=True,
                                 ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, norm="l2")

    def _lines(self, docs):
        texts, doc_of = [], []
        for d, doc in enumerate(docs):
            for i in doc.nonblank():
                texts.append(_line_text_tokens(doc.lines[i]))
                doc_of.append(d)
        return texts, np.array(doc_of, dtype=np.int64)

    def _new_model(self):
        from sklearn.linear_model import SGDClassifier
        return SGDClassifier(loss="log_loss", alpha=self.alpha, max_iter=20, tol=None, random_state=0)

    def fit(self, docs, y, sample_weight=None):
        self.fit_transform(docs, y, sample_weight)
        return self

    def fit_transform(self, docs, y, sample_weight=None):
        """Rows weigh as the classifier's do (the team's pages more), so the words learn the
        project's convention where a benchmark's gold disagrees."""
        texts, doc_of = self._lines(docs)
        X = self._vectorizer().transform(texts)
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
        return self._with_context(oof, doc_of)

    def transform(self, docs):
        texts, doc_of = self._lines(docs)
        if not texts:
            return np.zeros((0, LEXICAL_COLUMNS), np.float32)
        p = self.model_.predict_proba(self._vectorizer().transform(texts))[:, 1].astype(np.float32)
        return self._with_context(p, doc_of)

    @staticmethod
    def _with_context(p, doc_of):
        """The score, its neighbours', and how far it falls below its surroundings (a teaser or a
        caption among article paragraphs reads unlike them)."""
        out = np.zeros((len(p), LEXICAL_COLUMNS), np.float32)
        for d in np.unique(doc_of):
            rows = doc_of == d
            q = p[rows]
            ctx = context_columns(q[:, None])       # 4 shifts, then the window means of WINDOWS
            below = [q - ctx[:, 4 + WINDOWS.index(r)] for r in (1, 3)]
            out[rows] = np.column_stack([q, ctx] + below)
        return out
