"""Boxes set into an article or under it. A box of teaser headlines goes: its heading ("Most read
in world news", "Related articles", "More from UK", "Weitere Beiträge zum Thema") and the
headline-like lines under it, up to the article's next sentence. So does an author's box: its
heading ("About the author", "Sobre Carlos Nadalim") and the short bio under it.

Each teaser is headline-like, and the line model, judging it among article paragraphs, often
keeps it. The heading names the box. What stands under it is bounded: it ends at the first line
that reads as a sentence (the article goes on) or a line too long for a headline. Dropping all that
stands below such a heading cost much article (docs/experiments.md, twenty-fifth session): boxes
stand inside articles. "Read more" and "Read next" are left out: they also open the rest of an
article.

Measured (text F1, ``scripts/compare.py``; folds 3,4 the shipped model, folds 0,1 and 2 held-out
models; docs/experiments.md, twenty-ninth session): scrapinghub +0.0037 (+0.0011 .. +0.0067) /
+0.0011 / +0.0001, wcxb +0.0002 / +0.0003 / +0.0004. Wrapped at 72, text nodes, Markdown wrapped
at 78 and HTML gain on scrapinghub too (+0.003 .. +0.007) and do not move wcxb.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple

from .document import Document
from .features import looks_like_sentence

# A box's heading, as the whole line (its punctuation around it allowed).
HEADING_WORDS = (
    r"most (?:read|popular|viewed|commented|shared)(?: .{1,40})?", r"popular(?: now)?", r"trending(?: now)?",
    r"related", r"related (?:articles?|stories|story|posts|news|content|coverage|links|reading|topics|videos)",
    r"more (?:from|on|in|about) .{1,60}", r"more (?:stories|news|articles|headlines)",
    r"you (?:may|might) (?:also )?(?:like|enjoy)(?: these(?: posts| stories| articles)?)?",
    r"recommended(?: for you| content| reading| articles| stories)?", r"see also", r"top stories",
    r"next up in .{1,40}", r"latest (?:headlines|news|stories)", r"popular (?:articles|posts|stories)",
    r"keep exploring(?: .{1,40})?",
    r"editor'?s picks", r"don'?t miss", r"also (?:read|on) .{1,40}",
    r"weitere beiträge.{0,40}", r"mehr zum thema", r"das könnte sie auch interessieren", r"lesen sie auch",
    r"à lire aussi", r"a lire aussi", r"sur le même sujet", r"leia também", r"veja também", r"mais lidas",
    r"(?:también )?te puede interesar", r"más leídas", r"noticias relacionadas", r"artículos relacionados",
)
HEADING_MAX_WORDS = 8
HEADING_MAX_CHARS = 100   # (a longer line is not asked: a wrapped paragraph reads as one line)
_HEADING = re.compile(r"^[\s\[(«»•·|–—-]*(?:%s)[\s\])»:!.…•·|*+→↓–—-]*$" % "|".join(HEADING_WORDS),
                      re.IGNORECASE)
# A teaser headline has at most this many words; a longer line is the article again.
TEASER_MAX_WORDS = 25
# The box's last line, right above the article's next sentence, is that paragraph's subhead when it
# is this short ("5. University of Chicago Booth") and the box has other lines.
SUBHEAD_MAX_WORDS = 8

WHY = "in a box of teaser headlines (its heading at line {})"
Paragraphs = List[List[int]]   # each paragraph's lines, in page order


def is_box_heading(line: str) -> bool:
    text = line.strip()
    return len(text) <= HEADING_MAX_CHARS and len(text.split()) <= HEADING_MAX_WORDS and \
        _HEADING.match(text) is not None


def boxed(doc: Document, keep: Sequence[bool]) -> Dict[int, str]:
    """The kept lines of the page's teaser and author boxes below the article's first kept
    sentence, with why; the page's paragraphs are read once for both."""
    paragraphs, texts, first = _read(doc, keep)
    if first is None:
        return {}
    read = paragraphs, texts, first, keep
    return {**_teaser_boxes(*read), **_author_boxes(*read)}


def _teaser_boxes(paragraphs: Paragraphs, texts: List[str], first: int, keep: Sequence[bool]) -> Dict[int, str]:
    """Each teaser box's kept lines. A heading repeated on the page is a label down a listing
    ("most popular" over each company of a price table), not a box's heading."""
    headings = [n for n in range(first + 1, len(paragraphs)) if is_box_heading(texts[n])]
    if not headings:
        return {}
    seen = Counter(text.strip().lower() for text in texts if len(text) <= HEADING_MAX_CHARS)
    out: Dict[int, str] = {}
    end = 0
    for n in headings:
        if n < end or seen[texts[n].strip().lower()] > 1:
            continue
        end = n + 1
        while end < len(paragraphs) and _teaser(texts[end]):
            end += 1
        box = list(range(n + 1, end))
        if end < len(paragraphs) and len(box) >= 2 and len(texts[box[-1]].split()) <= SUBHEAD_MAX_WORDS:
            box = box[:-1]
        if box:
            why = WHY.format(paragraphs[n][0] + 1)
            out.update((i, why) for p in [n, *box] for i in paragraphs[p] if keep[i])
    return out


def _teaser(text: str) -> bool:
    return len(text.split()) <= TEASER_MAX_WORDS and not looks_like_sentence(text)


# An author box's heading: "About the author", "Sobre o autor", or "About <Name Surname>" whose
# bio names them in full (a book's "About The Everlasting" over its blurb does not).
_AUTHOR_HEADING = re.compile(
    r"^\W*(?:(?i:about (?:the )?(?:author|writer|contributor)s?|author bio"
    r"|sobre (?:o autor|a autora|el autor|la autora)|über (?:den autor|die autorin)|à propos de l'auteur"
    r"|over de auteur)|(?:About|Sobre|Über) (?P<name>[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){1,2}))\W*$")
AUTHOR_HEADING_MAX_WORDS = 6
# A bio is one paragraph of prose, this long at most.
BIO_MAX_WORDS = 120
AUTHOR_WHY = "the author's bio (its heading at line {})"


def _author_boxes(paragraphs: Paragraphs, texts: List[str], first: int, keep: Sequence[bool]) -> Dict[int, str]:
    """Each author box's kept lines: its heading and the one paragraph under it, a bio of prose.

    Measured (text F1, ``scripts/compare.py``, against the teaser rule alone; docs/experiments.md,
    twenty-ninth session): folds 3,4 scrapinghub +0.0040 (+0.0010 .. +0.0079), wcxb +0.0002;
    held-out folds 0,1 and 2 +0.0000. Chosen on folds 3,4's errors (two sites' bios)."""
    out: Dict[int, str] = {}
    for n in range(first + 1, len(paragraphs) - 1):
        head, bio = texts[n].strip(), texts[n + 1]
        heading = _AUTHOR_HEADING.match(head) if len(head) <= HEADING_MAX_CHARS and \
            len(head.split()) <= AUTHOR_HEADING_MAX_WORDS else None
        if heading is None:
            continue
        name = heading.group("name")
        if len(bio.split()) > BIO_MAX_WORDS or not looks_like_sentence(bio) or \
                (name and (name not in bio or name.startswith("The "))):
            continue
        why = AUTHOR_WHY.format(paragraphs[n][0] + 1)
        out.update((i, why) for p in (n, n + 1) for i in paragraphs[p] if keep[i])
    return out


def _read(doc: Document, keep: Sequence[bool]) -> Tuple[Paragraphs, List[str], Optional[int]]:
    """The page's paragraphs (their lines), each read once as the model reads it (a hard-wrapped
    paragraph whole, a Markdown line as its text), and the position of the first kept one that
    reads as a sentence: the article's start, above which no box stands yet (None: no article)."""
    paragraphs: Paragraphs = []
    for i in doc.nonblank():
        if paragraphs and doc.paragraph[i] == doc.paragraph[paragraphs[-1][0]]:
            paragraphs[-1].append(i)
        else:
            paragraphs.append([i])
    texts = [doc.reading(p[0]) for p in paragraphs]
    first = next((n for n, (p, text) in enumerate(zip(paragraphs, texts))
                  if any(keep[i] for i in p) and looks_like_sentence(text)), None)
    return paragraphs, texts, first
