"""What the model keeps below the article's end goes: under a comment section's heading, under
the line that closes a blog post ("Tags", "Post navigation", "Share this:"), and from the first of
a comment thread's author lines ("Jess says:") on.

A comment thread reads as prose, so the line model keeps many of its comments (often with their
names and dates, in a few long runs), and a long thread can outweigh the article; below a post's
closing line come the blog's sidebar and its comments. Both lines are told by their words, kept
here as data. Below the article (enough kept words above the line, and a fair share of the
page's), the kept lines under the first such line that the model dropped go. A comment count
above the article (a byline's "124 Comments") has little or nothing kept above it and is passed
over. An author line is no byline: it may stand anywhere, kept or not, with or without kept
article above it, and only a thread of them counts.
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
HEADING_MAX_WORDS = 6
# ...or, of any length, a count of them on the article: "6 thoughts on “Title”", "2 responses to …"
# (blogs' comment sections), not ending as a sentence does ("12 comments on the plan came in.").
_COUNT_ON = re.compile(r"^\W*\d+\s+(?:thoughts?|responses?|comments?|replies|reply)\s+(?:on|to)\s+\S", re.IGNORECASE)
# A blog post's closing line, the whole line (the same punctuation allowed): its tags, its links to
# the previous and next post, a sharing prompt, a disclaimer's heading, the sidebar's recent posts.
# Found on the five folds' out-of-fold judgements as dropped lines below which the model kept
# chrome and no article (docs/experiments.md, twenty-sixth session); English only, as measured.
POST_END_WORDS = (r"tags?", r"tagged", r"post navigation", r"share this", r"disclaimer",
                  r"recent (?:posts|articles)")
# A comment's author line, as blogs and forums print it: "Jess says:" (not "said:", which news
# prints above a quote), "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", and
# Slashdot's "by martin ( 547041 ) writes:" (and the date after it). A name of up to 80 characters
# without a sentence's stop; the line ends at the verb's colon.
_NAME = r"[^.!?:]{1,80}?"
_AUTHOR = re.compile(r"^%s\s+says\s*:$|^by\s+%s\s*\(\s*\d+\s*\)\s+writes\s*:(?:\s+on\s+\S.*\d.*)?$|"
                     r"^%s\s+on\s+.{0,40}?\d.{0,40}?\s+(?:says|said|wrote)\s*:?$" % (_NAME, _NAME, _NAME),
                     re.IGNORECASE)
# A thread has at least this many author lines: one alone may be an article's "As Joel writes:".
THREAD_AUTHORS = 2
_OPENING = r"[\s\[(«»•·|:–—-]*"
_CLOSING = r"[\s\])»:!.…•·|*+→–—-]*"


def _whole_line(words) -> re.Pattern:
    return re.compile(r"^%s(?:\d+\s+)?(?:%s)%s(?:\((?:\d+|\+)\))?%s$"
                      % (_OPENING, "|".join(words), _CLOSING, _CLOSING), re.IGNORECASE)


_HEADING = _whole_line(HEADING_WORDS)
_POST_END = _whole_line(POST_END_WORDS)
# Kept words above a heading or a post's closing line for it to close an article, and their share
# of all kept words.
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


def ends_a_post(line: str) -> bool:
    return _POST_END.match(line.strip()) is not None


def is_comment_author(line: str) -> bool:
    text = line.strip()
    return _AUTHOR.match(text) is not None


def _why(line: str, n: int) -> str:
    what = "the comment section's heading" if is_comment_heading(line) else "the line that ends the post"
    return f"below {what} (line {n})"


def _thread(doc: Document, keep: Sequence[bool], authors: Sequence[int]) -> Dict[int, str]:
    """The kept lines from a comment thread's first author line on, however little is kept above
    it: an author line stands in no byline, and the model keeps comments where it drops a short
    article above them (an open thread's intro), which leaves the page to the fallback."""
    if len(authors) < THREAD_AUTHORS:
        return {}
    why = f"in the comment thread that starts at line {authors[0] + 1}"
    return {j: why for j in range(authors[0], len(doc.lines)) if keep[j]}


def below_article_end(doc: Document, keep: Sequence[bool]) -> Dict[int, str]:
    """The kept lines below the first dropped line that closes an article (a comment section's
    heading, a post's closing line), and those of a comment thread, with why. Most pages have no
    such line: the words are counted only where one is found."""
    ends = [i for i in doc.nonblank()
            if not keep[i] and (is_comment_heading(doc.lines[i]) or ends_a_post(doc.lines[i]))]
    authors = [i for i in doc.nonblank() if is_comment_author(doc.lines[i])]
    if not ends and len(authors) < THREAD_AUTHORS:
        return {}
    above = [0, *accumulate(len(line.split()) if k else 0 for line, k in zip(doc.lines, keep))]
    total = above[-1]   # (above[i]: the kept words of lines 0 .. i-1)
    below = next(({j: _why(doc.lines[i], i + 1) for j in range(i + 1, len(doc.lines)) if keep[j]} for i in ends
                  if ARTICLE_WORDS <= above[i] < total and above[i] >= ARTICLE_SHARE * total), {})
    return {**_thread(doc, keep, authors), **below}
