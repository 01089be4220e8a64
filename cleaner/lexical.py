"""What the words say: each line's words hashed into a bag, scored by a linear model fit at training.

Hashing is scikit-learn's (FeatureHasher: MurmurHash3, seed 0, index |h| mod n, binary counts,
rows scaled to unit length), done here with ``mmh3`` so that cleaning needs no scikit-learn; a
test holds the two equal.
"""
from __future__ import annotations

from itertools import chain
from typing import Dict, List, Sequence, Tuple

import mmh3
import numpy as np

from .features import _WORD, WINDOWS, context_columns

N_FEATURES = 2 ** 18
# the score, its 4 neighbours and WINDOWS means, and how far it falls below the 1- and 3-line means
LEXICAL_COLUMNS = 1 + 4 + len(WINDOWS) + 2


def line_tokens(text: str) -> List[str]:
    """The words of a line plus markers for its first and last word and its length."""
    words = _WORD.findall(text.lower())
    marks = [f"_n{min(len(words), 12)}"]
    if words:
        marks += [f"_first_{words[0]}", f"_last_{words[-1]}"]
    return words + marks


def with_bigrams(tokens: List[str]) -> List[str]:
    r"""The tokens, then each adjacent pair joined by a space: the features, in order, that
    HashingVectorizer(ngram_range=(1, 2), token_pattern=r"\S+") takes from " ".join(tokens) (no
    token holds whitespace), built here without re-splitting the joined line."""
    return tokens + list(map(" ".join, zip(tokens, tokens[1:])))


def nonblank_texts(docs) -> Tuple[List[str], np.ndarray]:
    """Each non-blank line's text, and its document's index: the rows the word model scores."""
    texts, doc_of = [], []
    for d, doc in enumerate(docs):
        idx = doc.nonblank()
        texts += [doc.lines[i] for i in idx]
        doc_of += [d] * len(idx)
    return texts, np.array(doc_of, dtype=np.int64)


def line_bags(texts: Sequence[str]) -> List[List[str]]:
    return [with_bigrams(line_tokens(t)) for t in texts]


def hashed(bags: Sequence[Sequence[str]], n_features: int = N_FEATURES) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of the bags' hashed, binary, unit-length rows, each (row, column) once."""
    sizes = np.fromiter(map(len, bags), np.intp, len(bags))
    # seed 0, signed. mmh3 5.3 crashes on a lone surrogate (scikit-learn raised UnicodeEncodeError):
    # tokens are word characters and markers built from them, which never hold one.
    h = np.fromiter(map(mmh3.hash, chain.from_iterable(bags)), np.int64, int(sizes.sum()))
    key = np.repeat(np.arange(len(bags), dtype=np.int64), sizes) * n_features + np.abs(h) % n_features
    key.sort()                      # np.unique does the same, 40x slower under NumPy 2.4 (it hashes)
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    rows, cols = np.divmod(key, n_features)
    per_row = np.bincount(rows, minlength=len(bags))
    return rows, cols, 1.0 / np.sqrt(per_row[rows])


class WordModel:
    """P(article) of each line from its words: a logistic model over the hashed bag.

    A line's score depends on its text alone, so scores are remembered by text: settle's second
    looks score lines the first look scored, and a site's menus and footers recur page after page.
    """

    CACHE_SIZE = 20_000     # lines remembered (about a batch of pages); then the memory starts afresh

    def __init__(self, coef: np.ndarray, intercept: float):
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self._seen: Dict[str, float] = {}

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        seen = self._seen
        new = list(dict.fromkeys(t for t in texts if t not in seen))
        if len(seen) + len(new) > self.CACHE_SIZE:     # start afresh, with all of these texts
            seen = self._seen = {}
            new = list(dict.fromkeys(texts))
        if new:
            seen.update(zip(new, self._score(new).tolist()))
        return np.fromiter(map(seen.__getitem__, texts), np.float64, len(texts))

    # Lines scored per block: a line's bag of words and pairs is some fifty strings, so a page of
    # 100,000 lines built all its bags at once and peaked at about 300 MB for them alone.
    BLOCK = 4096

    def _score(self, texts: Sequence[str]) -> np.ndarray:
        return np.concatenate([self._score_block(texts[k:k + self.BLOCK]) for k in range(0, len(texts), self.BLOCK)]
                              or [np.zeros(0)])

    def _score_block(self, texts: Sequence[str]) -> np.ndarray:
        rows, cols, value = hashed(line_bags(texts), len(self.coef))
        z = self.intercept + np.bincount(rows, weights=self.coef[cols] * value, minlength=len(texts))
        with np.errstate(over="ignore"):     # a sure verdict: exp overflows, the sigmoid is 0.0
            return 1.0 / (1.0 + np.exp(-z))


def with_context(p: np.ndarray, doc_of: np.ndarray) -> np.ndarray:
    """The score, its neighbours', and how far it falls below its surroundings (a teaser or a
    caption among article paragraphs reads unlike them); ``doc_of`` marks each row's page."""
    out = np.zeros((len(p), LEXICAL_COLUMNS), np.float32)
    for d in np.unique(doc_of):
        rows = doc_of == d
        q = p[rows]
        ctx = context_columns(q[:, None])       # 4 shifts, then the window means of WINDOWS
        below = [q - ctx[:, 4 + WINDOWS.index(r)] for r in (1, 3)]
        out[rows] = np.column_stack([q, ctx] + below)
    return out
