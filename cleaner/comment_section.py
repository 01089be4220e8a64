"""Reader comments below the article: what the model keeps under the comment section's heading goes.

A comment thread reads as prose, so the line model keeps many of its comments (often with their
names and dates, in a few long runs), and a long thread can outweigh the article. Its heading ("42 Comments", "Leave a reply", "Reply") is told by its words, kept here as
data. Below the article (enough kept words above the heading, and a fair share of the page's), the
kept lines under it go. A comment count above the article (a byline's "124 Comments") has little or
nothing kept above it and is passed over.
"""
from __future__ import annotations

import re
from itertools import accumulate
from typing import Dict, Sequence

from .document import Document

# Headings of a comment section, or its first "Reply" button, as a whole line of up to six words,
# a count and a heading's or a button's punctuation around them allowed ("[ 167 comments ]",
# "Comments (3)", "Leave a Reply", "Comment *", "Post a Comment →"), but not code's: a line of
# code such as "comments = {" or "tags: [" is no heading.
HEADING_WORDS = (
    r"comments?", r"repl(?:y|ies)", r"reader comments",
    r"(?:leave|post|add|write|show|view|load|read) (?:a |your |all |the )?(?:comments?|reply)",
    r"join the (?:discussion|conversation)", r"discussion about this post",
    r"kommentare?", r"leserkommentare", r"commentaires?", r"laisser un commentaire",
    r"comentarios?", r"deja un comentario", r"commenti", r"lascia un commento", r"comentários",
    r"deixe um comentário", r"reacties", r"plaats een reactie",
)
_OPENING = r"[\s\[(«»•·|:–—-]*"
_CLOSING = r"[\s\])»:!.…•·|*+→–—-]*"
_HEADING = re.compile(r"^%s(?:\d+\s+)?(?:%s)%s(?:\((?:\d+|\+)\))?%s$"
                      % (_OPENING, "|".join(HEADING_WORDS), _CLOSING, _CLOSING), re.IGNORECASE)
HEADING_MAX_WORDS = 6
# ...or, of any length, a count of them on the article: "6 thoughts on “Title”", "2 responses to …"
# (blogs' comment sections), not ending as a sentence does ("12 comments on the plan came in.").
_COUNT_ON = re.compile(r"^\W*\d+\s+(?:thoughts?|responses?|comments?|replies|reply)\s+(?:on|to)\s+\S", re.IGNORECASE)
# Kept words above the heading for it to close an article, and their share of all kept words.
# Chosen on the five folds' out-of-fold judgements (models that never saw the pages): of the 20
# pages with kept lines on both sides of a dropped heading, the one with a comment count above
# its article had 52 kept words above it (3.5% of the page's), and the one page with article text
# below its first heading (wcxb dev-2976, app reviews with readers' comments between them) 14%;
# that page still loses some of its text below a later heading (F1 -0.016). Measured
# (text F1, scripts/compare.py; folds 3,4 the shipped model, folds 0,1 and 2 held-out models):
# scrapinghub +0.0120 (+0.0023 .. +0.0251) / +0.0002 / +0.0034, wcxb +0.0014 (+0.0002 .. +0.0029)
# / +0.0003 / +0.0020; HTML +0.0000 but wcxb folds 0,1 +0.0002 (docs/experiments.md, twenty-fifth
# session).
ARTICLE_WORDS = 100
ARTICLE_SHARE = 0.15


def is_comment_heading(line: str) -> bool:
    text = line.strip()
    return (_HEADING.match(text) is not None and len(text.split()) <= HEADING_MAX_WORDS) or \
        (_COUNT_ON.match(text) is not None and not text.endswith("."))


def comment_section(doc: Document, keep: Sequence[bool]) -> Dict[int, str]:
    """The kept lines below the first dropped comment heading that closes an article, with why.
    Most pages have no such heading: the words are counted only where one is dropped."""
    headings = [i for i in doc.nonblank() if not keep[i] and is_comment_heading(doc.lines[i])]
    if not headings:
        return {}
    above = [0, *accumulate(len(line.split()) if k else 0 for line, k in zip(doc.lines, keep))]
    total = above[-1]
    for i in headings:      # (above[i]: the kept words of lines 0 .. i-1)
        if ARTICLE_WORDS <= above[i] < total and above[i] >= ARTICLE_SHARE * total:
            why = f"below the comment section's heading (line {i + 1})"
            return {j: why for j in range(i + 1, len(doc.lines)) if keep[j]}
    return {}
