"""Which lines are the article's headline: the line the page's first line (a text view's
``<title>``) names near the article's top, else the title head's pick just above the first kept
body line, else the page's first line (or first lines, hard-wrapped) right above the article or
a line or two above it; one copy of it when it is printed twice.

The model scores lines; these rules choose among them, because a headline is one line (or a
hard-wrapped few) of a page and is found by where it stands as much as by how it reads.
"""
from __future__ import annotations

import re
from typing import List, NamedTuple, Sequence, Set

from .document import Document
from .features import holds_year_or_time, looks_like_sentence
from .html import same_headline
from .sequence import HEADLINE_WINDOW

# A line less title-like than this is no headline (the window looked in: sequence.HEADLINE_WINDOW).
HEADLINE_MIN = 0.2
# Lines that read as this many words ending like a sentence are article text, not a headline (2 of
# the benchmarks' 1,100 gold headlines are that long and end so).
HEADLINE_MAX_SENTENCE_WORDS = 20
# The line the page's first line names is looked for this many non-blank lines above the first kept
# body line at most (and HEADLINE_WINDOW below it): a page can put a table of contents, an author
# box or images between its headline and the article. Text headlines exact, 12 -> 25 lines: folds
# 3,4 scrapinghub 65 -> 65 of 72, wcxb 293 -> 300 of 367; held-out models, folds 0,1 57 -> 58 and
# 282 -> 288, fold 2 27 -> 28 and 147 -> 152 (50 lines: 285 on folds 0,1's wcxb).
NAMED_WINDOW = 25
# A headline printed twice has its copies this many non-blank lines away at most (``copy_below``,
# ``copies_above``): a breadcrumb's last item, a date, a reading time or a category list between
# them (2 until the nineteenth session; see copy_below).
COPY_REACH = 8

# In a hard-wrapped page (a print view) the first line is its headline with at most this many
# non-blank lines between it and the article (``_top_line``; none before the twenty-first session,
# and none in other pages, where such a line is a <title> above a menu).
TOP_GAP = 2
_RUNS_NOT_ON = tuple(".!?:;")
_H1 = re.compile(r"#[ \t]+\S")


class Headline(NamedTuple):
    """The headline's line numbers (0-based; none when the page has no headline) and which rule
    chose them, as ``LineDecision.reason`` tells it."""
    lines: List[int]
    why: str = ""


NAMED = "headline: the line the page's first line (its title) names"
TITLE_HEAD = "headline: the most title-like line above the article"
TOP_LINE = "headline: the page's first line, at the top of the article"
HTML_STAGE = "headline: the HTML page's own (title or h1)"
NEARER_COPY = "; printed twice, the copy nearer the article"
MARKDOWN_H1 = "headline: the Markdown page's heading (# ...) nearest the article's top"
ABOVE_HEADLINE = "above the headline, where no line reads as a sentence: not yet the article"
# A sentence above the headline says the article may start up there when the model keeps it at
# least this surely. Teasers that run a headline into its story's first sentence ("Headline NEW
# DELHI: The court ...") read as sentences too, and the model keeps them at 0.4-0.8. On the five
# folds' out-of-fold judgements, every page with a sentence above its headline kept under 0.8
# had chrome alone up there (405 words); at 0.9 a page's article (128 words) would have gone.
SUBHEAD_SENTENCE = 0.8


def find_headline(doc: Document, keep: Sequence[bool], p_title) -> Headline:
    """The headline's line(s): the line near the first kept body line that the page's first line,
    not kept itself, names (``_named_by_first_line``); else the most title-like line shortly
    before the first kept body line, plus the lines it runs on into (a hard-wrapped headline);
    else the page's first line where it reads as one right above the article (``_top_line``);
    or none. A one-line headline printed twice is the copy nearer the article (``copy_below``)."""
    return copy_below(doc, keep, _best_lines(doc, keep, p_title))


def _best_lines(doc: Document, keep: Sequence[bool], p_title) -> Headline:
    """``find_headline``'s choice before a copy below is looked for."""
    nonblank = doc.nonblank()
    first_body = next((n for n, i in enumerate(nonblank) if keep[i]), None)
    if first_body is None:      # no article, no headline
        return Headline([])
    candidates = nonblank[max(0, first_body - HEADLINE_WINDOW):first_body + 1]
    above = nonblank[max(0, first_body - NAMED_WINDOW):first_body + 1]
    near = above[::-1] + nonblank[first_body + 1:first_body + 1 + HEADLINE_WINDOW]   # nearest first, then below
    named = [] if keep[nonblank[0]] else _named_by_first_line(doc, nonblank[0], near)
    if named:
        return Headline(named, NAMED)
    heading = _markdown_heading(doc, near)
    if heading:
        return Headline(heading, MARKDOWN_H1)
    for best in sorted(candidates, key=lambda i: -p_title[i]):
        if p_title[best] < HEADLINE_MIN:
            break
        span = _headline_span(doc, best, p_title)
        if _whole_paragraphs(doc, span) and not _reads_as_paragraph(doc, span) and not _introduces(doc, span):
            return Headline(span, TITLE_HEAD)
    top = _top_line(doc, nonblank, keep)
    return Headline(top, TOP_LINE if top else "")


def copy_below(doc: Document, keep: Sequence[bool], headline: Headline) -> Headline:
    """The headline; or where the next ``COPY_REACH`` non-blank lines, before any kept one,
    repeat it (a breadcrumb's last item, then the page's own heading), the last such copy, nearest
    the article: the golds take it. Text headlines exact, folds 3,4: scrapinghub 63 -> 65 of 72,
    wcxb 287 -> 293 of 367 (the first copy within 2 lines); held-out models, folds 0,1 56 -> 57
    and 278 -> 282, fold 2 26 -> 27 and 146 -> 147. The last copy within 8 lines (nineteenth
    session): folds 3,4 65 -> 66 and 303 -> 304; folds 0,1 58 and 290 -> 297; fold 2 28 and
    154 -> 159 (within 4: 66, 303, 295, 156); F1 unchanged on every fold group; with
    ``copies_above`` reaching as far, folds 3,4 pages printing their one-line headline twice 13 ->
    11 of 421. A headline of several lines stays as it is."""
    if len(headline.lines) != 1:
        return headline
    line = headline.lines[0]
    nonblank = doc.nonblank()
    below = nonblank.index(line) + 1
    copies = []
    for i in nonblank[below:below + COPY_REACH]:
        if _same_text(doc, i, line) and _whole_paragraphs(doc, [i]):
            copies.append(i)
        if keep[i]:
            break
    return Headline(copies[-1:], headline.why + NEARER_COPY) if copies else headline


def copies_above(doc: Document, title: Set[int]) -> Set[int]:
    """Copies of a one-line headline among the ``COPY_REACH`` non-blank lines above it: chrome, so the
    article's headline is printed once (the model often keeps such a copy too: wcxb's folds 3,4,
    pages whose output repeated its headline next to it, 11 -> 4)."""
    if len(title) != 1:
        return set()
    (line,) = title
    nonblank = doc.nonblank()
    at = nonblank.index(line)
    return {i for i in nonblank[max(0, at - COPY_REACH):at] if _same_text(doc, i, line)}


def above_headline(doc: Document, keep: Sequence[bool], title: Set[int], scores: Sequence[float]) -> Set[int]:
    """The kept lines above the headline when none of them reads as a sentence the model is sure
    of (``scores``, the paragraphs' keep scores, at ``SUBHEAD_SENTENCE`` or more): teaser
    headlines ("Most read", "(214)" comment counts), promos and kickers the model took for
    article. An article starts at its headline. A sure sentence up there says the headline may be
    a subhead and the article may start above it, so then nothing goes (wcxb has such pages).

    Measured (docs/experiments.md, "Twenty-ninth session" and "Thirtieth session"): text F1,
    folds 3,4, scrapinghub 0.943 -> 0.946, no page lower on either corpus; held-out models on
    folds 0,1 and 2 no page lower either."""
    if not title:
        return set()
    above = [i for i in range(min(title)) if keep[i]]
    if any(scores[i] >= SUBHEAD_SENTENCE and looks_like_sentence(doc.reading(i)) for i in above):
        return set()
    return set(above)


def _same_text(doc: Document, i: int, j: int) -> bool:
    """Lines i and j read the same, leading and trailing spaces aside."""
    return doc.lines[i].strip() == doc.lines[j].strip()


def _named_by_first_line(doc: Document, top: int, near: Sequence[int]) -> List[int]:
    """The first of the ``near`` lines (the first kept body line and the lines above it, nearest
    first, then the lines below it) that the page's first line names: is it, or is it with the
    site's name ("Headline | Site", ``html.same_headline``); of those, the first that holds most
    of the title, where one does. A scraper's text view starts with the
    page's ``<title>``, and the article's own headline repeats it near the article's top, though
    the model may keep a promo or a lead above it or take the headline for chrome. (A first line
    the model keeps is article, not a ``<title>``: a line repeating it is no headline.)

    Measured (``scripts/headlines.py``, exact headlines before -> after): folds 3,4 scrapinghub
    53 -> 63 of 72, wcxb 272 -> 287 of 367; held-out models, folds 0,1 52 -> 56 and 260 -> 278;
    fold 2 25 -> 26 and 140 -> 146 (docs/experiments.md, "Eighteenth session").
    """
    title = doc.lines[top].strip()
    first: List[int] = []
    for i in near:
        if i == top or not same_headline(doc.lines[i].strip(), title) or not _whole_paragraphs(doc, [i]) \
                or _reads_as_paragraph(doc, [i]):
            continue
        # a line holding most of the title before one holding a small side of it, often the site's
        # name ("Learn web development | web.dev"): exact, folds 3,4 wcxb 300 -> 303; held-out
        # models 288 -> 290 and 152 -> 153; scrapinghub unchanged; F1 unchanged on every fold
        # group. (Passing over the small sides altogether was mixed on the held-out folds.)
        if 2 * len(doc.lines[i].strip()) > len(title):
            return [i]
        first = first or [i]
    return first


def _markdown_heading(doc: Document, near: Sequence[int]) -> List[int]:
    """In a Markdown page, the first of the ``near`` lines (as for ``_named_by_first_line``) that is
    a top-level heading ("# ...", a page's ``<h1>``), with the lines its paragraph wraps on to.
    html2text's Markdown has no ``<title>`` line to name the headline, and the title head, trained
    on text views, knows no "#"."""
    if not doc.markdown:
        return []
    for i in near:
        if _H1.match(doc.lines[i]):
            span = [i]
            while span[-1] + 1 < len(doc.lines) and doc.paragraph[span[-1] + 1] == doc.paragraph[i]:
                span.append(span[-1] + 1)
            return [] if _reads_as_paragraph(doc, span) else span
    return []


def _top_line(doc: Document, nonblank: Sequence[int], keep: Sequence[bool]) -> List[int]:
    """The page's first line (with the lines it runs on into, in a hard-wrapped page:
    ``_top_span``), as its headline, where the article starts right below it (in a print view,
    hard-wrapped, at most ``TOP_GAP`` lines below: a dateline, a caption), and the span reads as
    a headline (whole paragraphs, not ending as a sentence ends, not a long sentence): a cleaned
    page starts so, and so do print views, and the title head, which has seen few pages that
    start with their headline, can give it almost nothing. The span may be kept as body already: on settle's second
    look at a cleaned page, the first line of a wrapped headline is."""
    span = _top_span(doc, nonblank)
    gap = next((n for n, i in enumerate(nonblank[len(span):]) if keep[i]), None)
    text = " ".join(doc.lines[i].strip() for i in span)
    if gap is None or gap > (TOP_GAP if doc.hard_wrapped else 0) or not _whole_paragraphs(doc, span) or \
            text.endswith((".", "!", "?", ":")) or _reads_as_paragraph(doc, span) or len(text.split()) < 2:
        return []
    return span


def _top_span(doc: Document, nonblank: Sequence[int]) -> List[int]:
    """The page's first line and, in a hard-wrapped page, up to two more lines of its block that it
    runs on into: it does not end a clause, and the next line starts with a letter and holds no
    year or clock time (a dateline under the headline)."""
    span = [nonblank[0]]
    while doc.hard_wrapped and len(span) < 3 and span[-1] + 1 < len(doc.lines) and not doc.is_blank(span[-1] + 1):
        line, after = doc.lines[span[-1]].rstrip(), doc.lines[span[-1] + 1].strip()
        if line.endswith(_RUNS_NOT_ON) or not after[:1].isalpha() or holds_year_or_time(after):
            break
        span.append(span[-1] + 1)
    return span


def _headline_span(doc: Document, first: int, p_title) -> List[int]:
    """The line and the lines it runs on into while they still look like headline (hard wraps)."""
    span = [first]
    while (span[-1] + 1 < len(doc.lines) and not doc.is_blank(span[-1] + 1)
           and not doc.lines[span[-1]].rstrip().endswith((".", "!", "?"))
           and p_title[span[-1] + 1] >= HEADLINE_MIN):
        span.append(span[-1] + 1)
    return span


def _reads_as_paragraph(doc: Document, span: Sequence[int]) -> bool:
    """A long sentence (measured: a hard-wrapped first paragraph under its headline was taken for
    the headline, and ``keep_headline=False`` would have dropped it)."""
    text = " ".join(doc.lines[i].strip() for i in span)
    return looks_like_sentence(text, min_words=HEADLINE_MAX_SENTENCE_WORDS)


def _introduces(doc: Document, span: Sequence[int]) -> bool:
    """Ends with a colon: a line that introduces what follows ("Share this using the options
    below:"), not a headline (1 of the benchmarks' 1,099 gold headlines ends so). Passing such
    title-head picks over: text headlines exact, wcxb folds 3,4 303 (other lines 34 -> 33), held-out
    fold 2 153 -> 154 (18 -> 17), folds 0,1 290 (48); scrapinghub unchanged; with "." too, folds
    0,1 lost one."""
    return doc.lines[span[-1]].rstrip().endswith(":")


def _whole_paragraphs(doc: Document, span: Sequence[int]) -> bool:
    """A headline never takes the first line of a wrapped paragraph: dropping it would cut the
    paragraph in half."""
    paragraphs = {doc.paragraph[i] for i in span}
    return all(i in span for i, pid in enumerate(doc.paragraph) if pid in paragraphs)
