"""A news agency's dateline opens a story's first paragraph ("ST. JOSEPH, Mich. (AP) — ...",
"DUBAI, United Arab Emirates — ..."): the story starts there, so what the model kept above it,
bar the headline, is the site's: teasers of other stories, "Filed Under" tags, a promo, a
caption, the dek.

The model keeps such teasers when they read as sentences (a local news site's "Latest
Headlines", each a headline and its first sentence run together), and then the
above-the-headline rule (``headline.above_headline``) passes them over, or they stand between the
headline and the story, or no headline was found. A dateline needs no such guard: a story does
not start above its own dateline. The dek between the headline and the dateline goes too: the
benchmarks' golds leave it out on every such page (scrapinghub's 20 datelined pages, wcxb's one),
and the headline and the story are what the cleaner keeps.

A dateline is told by its shape, kept here as data: a place in capitals, then a region or state
("Mich.", "United Arab Emirates") or an agency in parentheses ("(AP)", "(Reuters)", "(WABC)"),
then a dash, and a sentence of at least ``MIN_WORDS`` words starting with a capital. A place in
capitals and a dash alone ("WASHINGTON — ...") is passed over: a glossary's or a list's items
look alike ("HTML - Ideal for web help", "KNIME — short for ..."); on the benchmarks' pages those
had article above them. So is "Hong Kong (CNN Business) ...": a term and its acronym look alike
("Search Engine Optimization (SEO) — SEO is ...").
"""
from __future__ import annotations

import re
from typing import Optional, Sequence, Set

from .document import Document
from .features import looks_like_sentence

# A place in capitals of one to four words ("ST. JOSEPH", "SANTA FE", "HANOI").
_PLACE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,3}"
# A region after a comma, in capitalised words ("Mich.", "N.M.", "United Arab Emirates"), one or two.
_REGION = r"(?:,\s+[A-Z][\w.]*(?: [A-Z][\w.]*){0,2}){1,2}"
# An agency or station in parentheses, one word ("(AP)", "(Reuters)", "(HawaiiNewsNow)").
_AGENCY = r"\([A-Z][\w&.-]{1,24}\)"
# A date may stand before the agency ("LONDON, Nov 19 (Reuters) -").
_DATE = r"(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?"
_DATELINE = re.compile(r"^(?:%s)(?:%s%s(?:\s+%s)?|%s\s+%s)\s*(?:[—–]|--?)\s+[A-ZÀ-Þ0-9\"“‘']"
                       % (_PLACE, _REGION, _DATE, _AGENCY, _DATE, _AGENCY))
MIN_WORDS = 15

ABOVE_DATELINE = "above the story's dateline (\"CITY (AP) —\"), not its headline: not the article"


def is_dateline(paragraph: str) -> bool:
    """A story's first paragraph, opening with a dateline."""
    text = paragraph.strip()
    return _DATELINE.match(text) is not None and len(text.split()) >= MIN_WORDS and looks_like_sentence(text)


def above_dateline(doc: Document, keep: Sequence[bool], title: Set[int]) -> Set[int]:
    """The kept lines above the first kept dateline paragraph, less the headline's lines."""
    start = _first_dateline(doc, keep)
    if start is None:
        return set()
    return {i for i in range(start) if keep[i] and i not in title}


def _first_dateline(doc: Document, keep: Sequence[bool]) -> Optional[int]:
    """The first line of the first kept paragraph that opens with a dateline."""
    return next((i for i in doc.nonblank() if keep[i] and _DATELINE.match(doc.lines[i].strip())
                 and (i == 0 or doc.paragraph[i - 1] != doc.paragraph[i]) and is_dateline(doc.reading(i))), None)
