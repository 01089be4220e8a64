"""Lone lines whose shape names a kind of chrome and whose words alone say chrome: they go however
their neighbours score.

Between two paragraphs a teaser or a caption takes the paragraphs' keep-probability (the line model
judges a line in context), while the word model, which reads the line alone, calls it chrome. The
shape alone is not enough ("Date: June 8" is a fact list's field, "(Note: ...)" closes an article's
sentence); the word score alone is not either (short article lines score low too). Both together
are. One shape is enough alone: a photo credit closing a short caption ("... Credit: Matt
Lighthart", "Name | Getty Images"), and a label that names a teaser ("Related: ...", "See also:
...") over a headline below the article's first sentence. Each rule takes a kept one-line
paragraph only: a hard-wrapped paragraph is never cut.
"""
from __future__ import annotations

import re
from typing import Dict, Optional, Sequence

import numpy as np

from .document import Document
from .features import ends_with_credit, labels_a_headline, looks_like_sentence, sentence_breaks, starts_with_label

# A lone line below the article's first sentence that labels a headline ("Read also: ...", "Photo:
# ...", ``features.labels_a_headline``) goes when its words alone score under this (the bundled
# example's "Read also" line scored 0.68 in context, its words 0.063; seed 003's alike). Worth
# about nothing on the benchmarks, measured with models that never saw the pages (text F1, folds
# 3,4 / 0,1 / 2): scrapinghub +0.0000 / +0.0005 / +0.0000, wcxb -0.0000 / -0.0001 / -0.0001; HTML
# within +-0.0006 (docs/experiments.md, twentieth session).
TEASER_WORDS_BELOW = 0.1
# A lone line ending in a credit in parentheses ("... (Image: GETTY)", "(Credit: Agency/Name)",
# ``features.ends_with_credit``) goes when its words alone score under this: a caption or a
# photo credit.
CREDIT_WORDS_BELOW = 0.2

# A photo credit closing a line, alone or after a caption of one sentence: "Photo: iFixit", "...
# stops fast. Credit: Matt Lighthart", "Name | Getty Images", "Studio / Shutterstock". Of the 221
# lines of this shape that the line model kept on the benchmarks' pages (out-of-fold judgements),
# none was article; longer lines of it were (in HTML mode trafilatura can join a card's paragraphs
# and its photo's credit into one block: "Most PHEVs cannot ... fast chargers. Photo: Consumer
# Reports"), so a line of more than one sentence, or of over 40 words, is passed over.
_PHOTO_CREDIT = re.compile(
    r"(?:^|[.!?”\"]\s+|[|–—-]\s*)(?:photo(?:graph)?|image|picture|credit|photo credit|image credit)(?: by)?\s*:"
    r"\s*[^.!?:]{1,60}\.?$"
    r"|(?:^|\|\s*|/\s*)(?:getty images|shutterstock|istock|ap photo|afp|reuters|alamy|epa|tass|xinhua|dpa"
    r"|anadolu agency|zuma press|pa images|pa wire)\s*$", re.IGNORECASE)
CAPTION_MAX_WORDS = 40

# Labels that name a teaser of another article ("Related: <a headline>", "See also: ..."): such a
# line goes whatever its words score. Not "Read more", which also links an article's own sources
# (wcxb's gold keeps as many "Read more:" words as it leaves out). Out of fold, the lines the model
# kept under these labels were 438 chrome words and 114 article words (wcxb's "Also read:" links
# inside two articles). Text F1 scrapinghub +0.0003 / +0.0005 / 0, wcxb +0.0001 / +0.0002 / 0
# (docs/experiments.md, thirtieth session).
TEASER_LABELS = ("related", "related article", "related story", "related stories", "see also", "read also",
                 "also read", "lire aussi", "à lire aussi", "a lire aussi", "leia também", "veja também",
                 "lesen sie auch", "lee también", "ver también", "leggi anche")
_TEASER_LABEL = re.compile(r"^(?:%s)\s*:" % "|".join(TEASER_LABELS), re.IGNORECASE)

PHOTO = "a photo credit"
NAMED_TEASER = "a teaser of another article (\"Related: ...\")"
TEASER = "a label and a headline, which its words call chrome"
CREDIT = "ends in a credit, and its words call it chrome"


def lone_chrome(doc: Document, keep: Sequence[bool], words: Optional[np.ndarray]) -> Dict[int, str]:
    """The kept lines either rule drops, each with why (``LineDecision.reason``); none without word
    scores."""
    if words is None:
        return {}
    lines = doc.nonblank()
    if not lines:
        return {}
    at = np.asarray(lines)
    pid = np.asarray(doc.paragraph)[at]
    lone_kept = (np.bincount(pid)[pid] == 1) & np.asarray(keep, bool)[at]
    out = {lines[k]: CREDIT for k in np.flatnonzero(lone_kept & (words[at] < CREDIT_WORDS_BELOW)).tolist()
           if ends_with_credit(doc.lines[lines[k]])}
    low = lone_kept & (words[at] < TEASER_WORDS_BELOW)
    named = [k for k in np.flatnonzero(lone_kept & ~low).tolist() if names_a_teaser(doc.lines[lines[k]])]
    candidates = np.union1d(np.flatnonzero(low), np.asarray(named, np.int64))
    out.update((i, TEASER if words[i] < TEASER_WORDS_BELOW else NAMED_TEASER)
               for i in _teasers(doc, lines, candidates, keep))
    out.update((lines[k], PHOTO) for k in np.flatnonzero(lone_kept).tolist()
               if lines[k] not in out and is_photo_credit(doc.lines[lines[k]])
               and not _in_fact_list(doc, lines, k))
    return out


def names_a_teaser(line: str) -> bool:
    return _TEASER_LABEL.match(line.strip()) is not None


def is_photo_credit(line: str) -> bool:
    """A photo credit, alone or closing a caption of one sentence (``_PHOTO_CREDIT``)."""
    text = line.strip()
    return len(text.split()) <= CAPTION_MAX_WORDS and sentence_breaks(text) <= 1 and \
        _PHOTO_CREDIT.search(text) is not None


def _teasers(doc: Document, lines: Sequence[int], candidates: np.ndarray, keep: Sequence[bool]):
    """Of the ``candidates`` (positions in ``lines``), those below the first kept sentence that label
    a headline (``labels_a_headline``) with no line starting with a label right above or below them
    (a run of "Label: value" lines is a list of facts). Above the article stands the headline,
    which can read "Review: ..." too."""
    if not len(candidates):        # most pages: no need to look for the first kept sentence
        return []
    first = next((k for k, i in enumerate(lines) if keep[i] and looks_like_sentence(doc.reading(i))), len(lines))
    return [lines[k] for k in candidates[candidates > first].tolist()
            if labels_a_headline(doc.lines[lines[k]]) and not _label_beside(doc, lines, k)]


def _label_beside(doc: Document, lines: Sequence[int], k: int) -> bool:
    """Whether a line right above or below ``lines[k]`` starts with a label: then a label-shaped line
    is a field of a list of facts ("Venue: ...", "Date: ...", "Credit: Excellent")."""
    return any(0 <= j < len(lines) and starts_with_label(doc.lines[lines[j]]) for j in (k - 1, k + 1))


def _in_fact_list(doc: Document, lines: Sequence[int], k: int) -> bool:
    return starts_with_label(doc.lines[lines[k]]) and _label_beside(doc, lines, k)
