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
capitals and a dash alone ("WASHINGTON — ...", a newspaper's own dateline) looks like a
glossary's or a list's item ("HTML - Ideal for web help", "FYI – Bread Dad owns ..."); on the
benchmarks' pages those had article above them, with sentences, and the newspapers' datelines
only chrome (a caption, the agency's name, the time). So with such a dateline the lines above go
only when none of them reads as a sentence. "Hong Kong (CNN Business) ..." is passed over: a term
and its acronym look alike ("Search Engine Optimization (SEO) — SEO is ...").
"""
from __future__ import annotations

import re
from typing import Optional, Sequence, Set

from .document import Document
from .features import looks_like_sentence

# A place in capitals of one to four words ("ST. JOSEPH", "SANTA FE", "HANOI").
_PLACE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,3}"
# A region after a comma, in capitalised words ("Mich.", "N.M.", "United Arab Emirates"), one or two;
# not a title's small words ("HTML, Python And Java — Three ..." is a heading, not a dateline).
_REGION_WORD = r"(?!(?:And|Or|The|Of|For|With|To|In|On|At|Vs)\b)[A-Z][\w.]*"
_REGION = r"(?:,\s+%s(?: %s){0,2}){1,2}" % (_REGION_WORD, _REGION_WORD)
# An agency or station in parentheses, one word ("(AP)", "(Reuters)", "(HawaiiNewsNow)").
_AGENCY = r"\([A-Z][\w&.-]{1,24}\)"
# A date may stand before the agency ("LONDON, Nov 19 (Reuters) -").
_DATE = r"(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?"
_DASH_AND_CAPITAL = r"\s*(?:[—–]|--?)\s+[A-ZÀ-Þ0-9\"“‘']"
_DATELINE = re.compile(r"^(?:%s)(?:%s%s(?:\s+%s)?|%s\s+%s)%s"
                       % (_PLACE, _REGION, _DATE, _AGENCY, _DATE, _AGENCY, _DASH_AND_CAPITAL))
_BARE_DATELINE = re.compile(r"^(?:%s)%s" % (_PLACE, _DASH_AND_CAPITAL))
MIN_WORDS = 15

ABOVE_DATELINE = "above the story's dateline (\"CITY (AP) —\"), not its headline: not the article"


def is_dateline(paragraph: str, bare: bool = False) -> bool:
    """A story's first paragraph, opening with a dateline (``bare``: or a place and a dash alone)."""
    text = paragraph.strip()
    shaped = _DATELINE.match(text) or (bare and _BARE_DATELINE.match(text))
    return bool(shaped) and len(text.split()) >= MIN_WORDS and looks_like_sentence(text)


def above_dateline(doc: Document, keep: Sequence[bool], title: Set[int]) -> Set[int]:
    """The kept lines above the first kept dateline paragraph, less the headline's lines; above a
    bare dateline, only when none of them reads as a sentence."""
    start = _first_dateline(doc, keep)
    if start is None:
        return set()
    above = {i for i in range(start) if keep[i] and i not in title}
    if not is_dateline(doc.reading(start)) and any(looks_like_sentence(doc.reading(i)) for i in above):
        return set()
    return above


def _first_dateline(doc: Document, keep: Sequence[bool]) -> Optional[int]:
    """The first line of the first kept paragraph that opens with a dateline, bare or not."""
    return next((i for i in doc.nonblank() if keep[i] and (i == 0 or doc.paragraph[i - 1] != doc.paragraph[i])
                 and _opens(doc.lines[i].strip()) and is_dateline(doc.reading(i), bare=True)), None)


def _opens(line: str) -> bool:
    return _DATELINE.match(line) is not None or _BARE_DATELINE.match(line) is not None
