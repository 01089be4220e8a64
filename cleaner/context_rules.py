"""Lines the model doubts that are kept for their place on the page.

A line's keep-probability from stage two already reads its neighbourhood, but a subhead, a list
item or a closing credit still scores low beside a long paragraph. Two rules keep such a doubted
line where its place says article: between kept lines (jusText's context rule), and right after
the article's last kept sentence where the word model, reading the line alone, calls it article.
Neither applies where only sure chrome goes (HTML text, settle's second looks: a threshold at or
below the floor).
"""
from __future__ import annotations

from typing import Optional, Sequence, Set

import numpy as np

from .document import Document
from .features import looks_like_sentence

# A line the model doubts (keep-probability from this up to the threshold) is kept when the nearest
# lines it does not doubt, above and below, are both kept: jusText's context rule for short and
# near-good paragraphs. Subheads, list items and short lines inside an article are such lines.
DOUBT_FLOOR = 0.2
# At the article's end no kept line stands below: the line right after the last kept one, when that
# one is a sentence, is kept if the model only doubts it (from sure chrome up to the threshold) and
# the word model, reading the line alone, calls it article (from this score up): a closing credit
# ("With reporting by ...") or a last short paragraph above the page's notices. Measured with
# models that never saw the pages (text F1, folds 3,4 / 0,1 / 2): scrapinghub +0.0004 / -0.0003 /
# +0.0003, wcxb +0.0002 / +0.0000 / -0.0003; HTML unchanged (docs/experiments.md, twenty-third
# session).
CLOSING_WORDS_FROM = 0.5


def doubted_between_kept(doc: Document, scores: Sequence[float], threshold: float) -> Set[int]:
    """Lines scored from DOUBT_FLOOR up to the threshold whose nearest undoubted lines above and
    below (past other doubted lines; blank lines do not count) are kept. None when the threshold
    is at or below the floor (HTML text and settle's looks remove only sure chrome)."""
    if threshold <= DOUBT_FLOOR:
        return set()
    lines = doc.nonblank()
    doubted = [DOUBT_FLOOR <= scores[i] < threshold for i in lines]
    out: Set[int] = set()
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and doubted[end]:
            end += 1
        if end > k and k > 0 and end < len(lines) and scores[lines[k - 1]] >= threshold \
                and scores[lines[end]] >= threshold:
            out.update(lines[k:end])
        k = end + 1
    return out


def closing_line(doc: Document, scores: Sequence[float], keep: Sequence[bool],
                 words: Optional[np.ndarray], threshold: float, sure: float) -> Set[int]:
    """The line right after the last kept line, if it is to be kept as the article's last (see
    ``CLOSING_WORDS_FROM``; below ``sure`` a line is surely chrome and stays out). Only where the
    last kept line is a sentence and the line a paragraph of its own. The caller runs it after the
    model's "cannot judge" check, so a page whose article the model lost still goes to the
    fallback."""
    if threshold <= DOUBT_FLOOR or words is None:
        return set()
    lines = doc.nonblank()
    last = next((k for k in range(len(lines) - 1, -1, -1) if keep[lines[k]]), None)
    if last is None or last + 1 == len(lines) or not looks_like_sentence(doc.reading(lines[last])):
        return set()
    line = lines[last + 1]
    one_line = last + 2 == len(lines) or doc.paragraph[lines[last + 2]] != doc.paragraph[line]
    if one_line and sure <= scores[line] < threshold and words[line] >= CLOSING_WORDS_FROM:
        return {line}
    return set()
