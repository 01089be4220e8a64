"""Per-line features: the line's own shape and words, its neighbours', and the page's.

Chrome is told from article mostly by context (a short line inside a run of long sentence-like
lines is a subheading; the same line among menu items is navigation), so most columns describe a
line's surroundings. ``feature_rows`` turns a list of ``Document``s into one row per non-blank
line, in page order; column 0 is the document's index in the batch so later steps can find page
boundaries. Plain functions: cleaning uses them directly, training wraps them as scikit-learn
transformers (``estimators``).
"""
from __future__ import annotations

import math
import operator
import pkgutil
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from .document import Document

# Words: runs of word characters; in scripts written without spaces (Chinese, Japanese) each
# character counts as a word, so length and stop-word signals mean the same across languages.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_TERMINAL = tuple('.!?"”’»。！？…)\'')
_SENTENCE_END = tuple('.!?"”。！？')
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

# A credit in parentheses closing a line: a label of one or two words, a colon and a short name or
# two ("... (Image: GETTY)", "(Credit: Agency/Name)", "(Photo credit: ...)").
_CREDIT_END = re.compile(r"\((?:[^\W\d_]+ ?){1,2}: ?[^():]{1,60}\)$")


def ends_with_credit(line: str) -> bool:
    """The line ends with a credit in parentheses: "... (Image: GETTY)". So do a few article lines
    ("(Note: limited to two plans)", "Xero (category: stand-alone)"): callers weigh the words too."""
    return _CREDIT_END.search(line.rstrip()) is not None


def labels_a_headline(line: str) -> bool:
    """A label of one to three words, a colon, and four words or more that do not end as a
    sentence ends, from the line's first character: "Read also: <a headline>", "Photo: <a
    credit>", "WATCH: <a video's title>". (A field of a fact list, "Date: June 8", has too few
    words; an indented or bulleted line is code or a list item.)"""
    text = line.rstrip()
    if not text[:1].isalpha() or text.endswith(_TERMINAL) or not starts_with_label(text):
        return False
    return sum(any(map(str.isalpha, w)) for w in text.split(":", 1)[1].split()) >= 4


def holds_year_or_time(line: str) -> bool:
    """A year (19xx, 20xx) or a clock time in the line, as the year and time columns find them: a
    dateline's marks."""
    return _YEAR.search(line) is not None or _TIME.search(line) is not None


def starts_with_label(line: str) -> bool:
    """One to three words and a colon before the rest of the line ("Date: ...", "Read also: ...")."""
    return _LABEL_COLON.match(line.strip()) is not None


def sentence_breaks(line: str) -> int:
    """How many times a sentence ends inside the line with more after it (the "sentences" column)."""
    return len(_SENTENCE_BREAK.findall(line))


def looks_like_sentence(line: str, min_words: int = 8) -> bool:
    """``min_words`` words or more, ending as a sentence ends (words as the columns count them:
    each Chinese or Japanese character is one, so a Japanese sentence counts too)."""
    text = line.rstrip()
    return text.endswith(_SENTENCE_END) and len(_WORD.findall(text)) >= min_words


@lru_cache(maxsize=1)
def _stoplist_names() -> Tuple[str, ...]:
    import justext

    return tuple(sorted(justext.get_stoplists()))


@lru_cache(maxsize=1)
def _stopword_index() -> Dict[str, Tuple[int, ...]]:
    """word -> languages whose jusText stoplist has it (jusText ships 100 stoplists)."""
    index: Dict[str, Tuple[int, ...]] = {}
    for n, lang in enumerate(_stoplist_names()):
        for w in _stoplist(lang):
            index[w] = index.get(w, ()) + (n,)
    return index


def _stoplist(lang: str) -> frozenset:
    """jusText's stoplist for ``lang``, as ``justext.get_stoplist`` gives it, decoded and lowered a
    file at a time rather than a word at a time (that took two thirds of the model's load time)."""
    lines = pkgutil.get_data("justext", f"stoplists/{lang}.txt").splitlines()
    return frozenset(b"\n".join(lines).decode("utf8").lower().split("\n")) if lines else frozenset()


def _vote(seen: Counter) -> Tuple[List[Tuple[int, ...]], Optional[int]]:
    """The stoplists of each seen token, and the one covering most tokens (None when none covers any).

    Counted with numpy rather than a Counter per (token, stoplist) pair: common words sit in dozens
    of stoplists. A tie goes to the stoplist that got a hit first in the order of ``seen``, as
    ``Counter.most_common`` broke it, so the guess stays the one the model was trained with.
    """
    index = _stopword_index()
    langs = [index.get(t, ()) for t in seen]
    sizes = np.fromiter(map(len, langs), np.int64, len(langs))
    if not sizes.any():
        return langs, None
    lang_of_hit = np.fromiter(chain.from_iterable(langs), np.int64, int(sizes.sum()))
    counts = np.fromiter(seen.values(), np.int64, len(seen))
    hits = np.bincount(lang_of_hit, weights=np.repeat(counts, sizes))
    tied = np.flatnonzero(hits == hits.max())
    if len(tied) == 1:      # (as on all 1,146 benchmark pages)
        return langs, int(tied[0])
    return langs, int(min(tied, key=lambda lang: int(np.argmax(lang_of_hit == lang))))


def _best_stoplist(seen: Counter) -> Optional[int]:
    """The stoplist that covers most of these (lower-cased) tokens, or None when none covers any."""
    return _vote(seen)[1]


def page_stopwords(tokens: Iterable[str]) -> frozenset:
    """The stoplist of the page's language, guessed by which stoplist covers most of its tokens."""
    seen = Counter(tokens)
    langs, best = _vote(seen)
    if best is None:
        return frozenset()
    return frozenset(w for w, ls in zip(seen, langs) if best in ls)


def language_guess(text: str) -> str:
    """The language whose jusText stoplist covers most of the text's words ("" when none does)."""
    best = _best_stoplist(Counter(w.lower() for w in _WORD.findall(text)))
    return "" if best is None else _stoplist_names()[best]


def warm_up() -> None:
    """Build the lookup tables a first page would otherwise build inside its time limit (jusText's
    100 stoplists take about 0.3 s; an alarm cutting that short left the cache empty, so every page
    of a process with a short limit timed out)."""
    _stopword_index()
    _bmp_classes()


# Character classes as bit flags, looked up for a whole page at once instead of per character.
_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE = 1, 2, 4, 8, 16
# Row b: which of char_class_counts' columns a character with class bits b adds to.
_COUNTED_BY_BITS = (np.arange(32)[:, None] & np.array([_ALPHA, _UPPER, _DIGIT, _ALNUM, _SPACE]) > 0).astype(int)


def _class_bits(ch: str) -> int:
    return (_ALPHA * ch.isalpha() | _UPPER * ch.isupper() | _DIGIT * ch.isdigit()
            | _ALNUM * ch.isalnum() | _SPACE * ch.isspace())


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """Class bits of every character of the Basic Multilingual Plane (computed once, 64 KiB)."""
    return np.array([_class_bits(chr(c)) for c in range(0x10000)], dtype=np.uint8)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _char_bits(codes: np.ndarray) -> np.ndarray:
    """Class bits of each code point."""
    bits = _bmp_classes()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    bits[astral] = [_class_bits(chr(c)) for c in codes[astral].tolist()]
    return bits


def char_class_counts(texts: Sequence[str]) -> np.ndarray:
    """Per text: counts of letters, upper-case, digits, alphanumerics and spaces (str.is* semantics).

    A block of texts at a time: each character costs some 20 bytes on the way (its code point,
    class bits, text number), which for a page of 100,000 lines was a few hundred MB at once."""
    return np.concatenate([_char_class_block(texts[k:k + CHAR_BLOCK]) for k in range(0, len(texts), CHAR_BLOCK)]
                          or [np.zeros((0, 5), np.int64)])


CHAR_BLOCK = 4096   # texts (lines) whose characters are classed at once


def _char_class_block(texts: Sequence[str]) -> np.ndarray:
    n = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    text_of = np.repeat(np.arange(n), lengths)
    bits = _char_bits(_code_points("".join(texts)))
    per_bits = np.bincount(text_of * 32 + bits, minlength=n * 32).reshape(n, 32)   # one histogram per text
    return per_bits @ _COUNTED_BY_BITS


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


@lru_cache(maxsize=None)
def _math_table(fn) -> np.ndarray:
    """fn(k) for k < 4096 as math computes it; 0 at k = 0 (log1p(0); log(0) is never asked for)."""
    return np.array([0.0] + [fn(k) for k in range(1, 4096)])


def _exactly(fn, counts: np.ndarray) -> np.ndarray:
    """fn (math.log or math.log1p) of each non-negative integer count, looked up in a table.

    math rather than numpy, whose SIMD log can differ in the last bit on some CPUs: the shipped model
    was trained on the values the per-line code computed with math.
    """
    counts = np.asarray(counts, dtype=np.int64)
    table = _math_table(fn)
    out = table[np.minimum(counts, len(table) - 1)]
    big = np.flatnonzero(counts >= len(table))
    out[big] = [fn(c) for c in counts[big].tolist()]
    return out


def _flags(values) -> np.ndarray:
    """A bool array from an iterable of truth values (one per line)."""
    return np.fromiter(values, dtype=bool)


def _search_lines(pattern: re.Pattern, texts: List[str], possible) -> np.ndarray:
    """Whether pattern.search finds something in each line, tried only where ``possible`` (a cheap
    test for characters the pattern needs): these patterns start with an anchor or an alternation
    the regex engine cannot skip ahead for, so it would try a match at every character."""
    hit = np.zeros(len(texts), dtype=bool)
    for k in np.flatnonzero(possible):
        hit[k] = pattern.search(texts[k]) is not None
    return hit


def _word_counts(toks: List[List[str]]) -> Tuple[np.ndarray, np.ndarray, np.ndarray, frozenset]:
    """Per line: words starting with a letter, of those the capitalised ones, and stop-words; and
    the page's stoplist.

    The page's words are joined by NUL (never inside a word) so that their first characters'
    classes come from one lookup over one string, not a call per word.
    """
    n = len(toks)
    flat = list(chain.from_iterable(toks))
    if not flat:
        zero = np.zeros(n)
        return zero, zero, zero, page_stopwords([])
    # the words are lower-cased twice rather than kept lower-cased: on a big page that list was the
    # biggest thing in memory (a 100,000-line page: peak RSS 512 -> 390 MB with CHAR_BLOCK), and a
    # second pass costs about 0.05 ms a page
    stops = page_stopwords(map(str.lower, flat))
    line_of = np.repeat(np.arange(n), np.fromiter(map(len, toks), np.int64, n))
    codes = _code_points("\0".join(flat))
    first = _char_bits(codes[np.concatenate([[0], np.flatnonzero(codes == 0) + 1])])
    alpha = (first & _ALPHA) > 0
    title = alpha & ((first & _UPPER) > 0)
    is_stop = _flags(map(stops.__contains__, map(str.lower, flat)))
    return (np.bincount(line_of, weights=alpha, minlength=n), np.bincount(line_of, weights=title, minlength=n),
            np.bincount(line_of, weights=is_stop, minlength=n), stops)


def _neighbour_text(norm: List[str], adjacent: np.ndarray) -> Tuple[np.ndarray, ...]:
    """same_as_prev, same_as_next, prefix_of_next, prev_is_prefix of each (normalised) line.

    Repeats count only between adjacent lines of the document; a line of 8+ characters that the next
    non-blank line starts with (a headline, then the headline with a teaser) counts across blanks.
    """
    n = len(norm)
    prev, nxt = norm[:-1], norm[1:]
    same = _flags(map(operator.eq, prev, nxt))
    long_enough = np.fromiter(map(len, prev), np.int64, n - 1) >= 8
    starts = _flags(map(str.startswith, nxt, prev)) & ~same & long_enough
    pair = same & adjacent
    no = np.zeros(1 if n else 0, dtype=bool)
    return (np.concatenate([no, pair]), np.concatenate([pair, no]),
            np.concatenate([starts, no]), np.concatenate([no, starts]))


def _inside_top(norm: List[str], nw: np.ndarray) -> np.ndarray:
    """Lines of 3+ words found inside a different one of the page's first 20 lines.

    A line that is not itself among those lines is looked for once in all of them joined by a
    line break (which no normalised line contains, so a hit lies within one of them).
    """
    top = set(norm[:20])
    together = "\n".join(top)
    out = np.zeros(len(norm), dtype=bool)
    for k in np.flatnonzero(nw >= 3):
        s = norm[k]
        out[k] = any(s != o and s in o for o in top) if s in top else s in together
    return out


def _blocks(idx: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Size of each line's block (run of non-blank lines) and the line's position in it."""
    new = np.ones(len(idx), dtype=bool)
    new[1:] = np.diff(idx) != 1
    block = np.cumsum(new) - 1
    size = np.bincount(block)[block]
    start = np.flatnonzero(new)[block]
    return size, (np.arange(len(idx)) - start) / size


def _own(doc: Document) -> Tuple[np.ndarray, List[int]]:
    """Own-line features of the non-blank lines; also their indices in doc.lines.

    Computed a column at a time over the page's lines (numpy arrays of counts, a few C-level calls
    per column); each value is the one the per-line formula gave, bit for bit, since the shipped
    model was fit on those.
    """
    idx = doc.nonblank()
    n = len(idx)
    if not n:
        return np.zeros((0, len(OWN)), np.float32), idx
    texts = [doc.lines[i].strip() for i in idx]
    at = np.array(idx)
    toks = [_WORD.findall(t) for t in texts]
    nch = np.fromiter(map(len, texts), np.int64, n)
    nw = np.fromiter(map(len, toks), np.int64, n)
    alpha_words, title, nstop, stops = _word_counts(toks)
    del toks        # a big page's token lists are its biggest part: free them before the next columns
    norm = [" ".join(t.lower().split()) for t in texts]
    counts = Counter(norm)
    widths = np.sort(nch)
    width = max(int(widths[int(0.95 * (n - 1))]), 1)

    letters, upper, digits, alnum, spaces = char_class_counts(texts).T
    same_prev, same_next, prefix_next, prev_prefix = _neighbour_text(norm, np.diff(at) == 1)
    nonblank = np.zeros(len(doc.lines) + 1, dtype=bool)     # [-1] and [len]: before the first, after the last
    nonblank[at] = True
    block_size, block_pos = _blocks(at)
    _, para_of, para_lines = np.unique(np.array(doc.paragraph)[at], return_inverse=True, return_counts=True)
    terminal = _flags(t.endswith(_TERMINAL) for t in texts)
    words = np.maximum(nw, 1)       # (nch >= 1 already: the lines are non-blank)
    columns = [     # in OWN's order
        _exactly(math.log1p, nch), _exactly(math.log1p, nw), nch / words, upper / np.maximum(letters, 1),
        digits / nch, (nch - alnum - spaces) / nch, terminal, _flags(t.endswith(":") for t in texts),
        _flags(_BULLET.match(t) is not None for t in texts),
        _flags(t[:1].islower() for t in texts), _flags(t[:1].isdigit() for t in texts),
        title / np.maximum(alpha_words, 1), nstop / words, _exactly(math.log1p, nstop),
        _exactly(math.log1p, np.fromiter((len(_SENTENCE_BREAK.findall(t)) for t in texts), np.int64, n)),
        _exactly(math.log1p, np.fromiter((len(_SEPARATORS.findall(t)) for t in texts), np.int64, n)),
        _search_lines(_TIME, texts, _flags(":" in t for t in texts)),
        _search_lines(_YEAR, texts, digits >= 4),      # \d (Unicode decimals) is a subset of str.isdigit
        _search_lines(_URLISH, texts, _flags("@" in t or "://" in t or "www." in t or ".com" in t
                                             for t in texts)),
        # under re.IGNORECASE only ASCII O/o, P/p, Y/y, R/r match those letters of "copyright", so a
        # match leaves "opyr" in the lower-cased line
        _search_lines(_COPYRIGHT, texts, _flags("©" in t or "(" in t or "opyr" in s
                                                for t, s in zip(texts, norm))),
        _exactly(math.log, np.fromiter(map(counts.__getitem__, norm), np.int64, n)),
        same_prev, same_next, prefix_next, prev_prefix, _inside_top(norm, nw),
        (at > 0) & ~nonblank[at - 1], (at + 1 < len(doc.lines)) & ~nonblank[at + 1],
        _exactly(math.log, block_size), block_pos, _exactly(math.log, para_lines[para_of.reshape(-1)]),
        np.minimum(nch / width, 2.0),
        (nw >= 8) & terminal & ((nstop >= 0.15 * nw) | (not stops)),
        _flags(_LABEL_COLON.match(t) is not None for t in texts),
    ]
    return np.column_stack(columns).astype(np.float32), idx


def _shifted(col: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    """col moved down (by > 0) or up by rows; a 2-d array moves all its columns."""
    out = np.full_like(col, fill)
    if by > 0:
        out[by:] = col[:-by]
    elif by < 0:
        out[:by] = col[-by:]
    return out


def _window_mean(col: np.ndarray, radius: int) -> np.ndarray:
    """Mean of the neighbours within ±radius, the line itself left out (of each column, if 2-d)."""
    n = len(col)
    c = np.zeros((n + 1,) + col.shape[1:])
    np.cumsum(col, axis=0, dtype=np.float64, out=c[1:])
    k = np.arange(n)
    lo = np.maximum(k - radius, 0)
    hi = np.minimum(k + radius + 1, n)
    total = c[hi] - c[lo] - col
    count = np.maximum(hi - lo - 1, 1).reshape((n,) + (1,) * (col.ndim - 1))
    return (total / count).astype(np.float32)


def context_columns(cols: np.ndarray) -> np.ndarray:
    """Neighbour values and windowed means of each column of a page's (n_lines, k) array: for
    each column in turn, its values 1 line before, after, 2 before, after, then its WINDOWS means."""
    parts = [_shifted(cols, 1), _shifted(cols, -1), _shifted(cols, 2), _shifted(cols, -2)]
    parts += [_window_mean(cols, r) for r in WINDOWS]
    return np.stack(parts, axis=2).reshape(len(cols), cols.shape[1] * len(parts)).astype(np.float32)


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


def feature_rows(docs: Sequence[Document]) -> np.ndarray:
    """Documents → one row per non-blank line: [doc index, hand-made features...]."""
    blocks = []
    for d, doc in enumerate(docs):
        f = line_features(doc)
        blocks.append(np.hstack([np.full((len(f), 1), d, np.float32), f]))
    return np.vstack(blocks) if blocks else np.zeros((0, 1 + n_line_features()), np.float32)
