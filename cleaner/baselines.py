"""Baselines cleaner is measured against, each a function page → kept text.

Plain-text baselines (``TEXT_BASELINES``) decide per input line and return the kept lines unchanged
(rendered like cleaner's own output: blank lines between kept blocks):

- ``keep_all``: every line; the recall ceiling and precision floor.
- ``c4_filter``: the C4 corpus's line heuristics (Raffel et al. 2020, TFDS ``c4_utils.clean_page``).
- ``justext_lines``: jusText with each non-blank line as one ``<p>``, stoplist by a language guess.
- ``trafilatura_lines``: trafilatura with each non-blank line as one ``<p>``, output mapped back to lines.

HTML baselines (``HTML_BASELINES``) run the tools as designed, on the page's HTML; their output is
the tool's own text:

- ``justext_html``: jusText on the HTML, stoplist guessed from the page's visible text.
- ``trafilatura_html``: ``trafilatura.extract(html, include_comments=False)``.
- ``trafilatura_html_precision``: the same with ``favor_precision=True``.
"""
from __future__ import annotations

import re

from collections import Counter
from functools import lru_cache

from typing import Callable, Dict, FrozenSet, List, Optional

import justext
import trafilatura

from .document import Document
from .fallback import lines_as_html, map_back

# --------------------------------------------------------------------------------------------
# helpers: lines as <p>, tool output mapped back to lines


# --------------------------------------------------------------------------------------------
# keep everything


def keep_all(text: str) -> str:
    doc = Document.from_text(text)
    return doc.render([True] * len(doc.lines))


# --------------------------------------------------------------------------------------------
# C4's line filter

# C4 (TFDS c4_utils): keep lines ending in . ? ! or " but not "...", with >= 5 words; drop lines
# with "javascript" or a policy phrase; drop the page for "lorem ipsum" or for fewer than 3
# sentences left. Two changes for scraped news: the typographic closing quote counts as an end
# mark (news text uses ” where C4's web text had "), and a curly brace drops only its line (C4
# drops the whole page, which on a text view with one inline script line would lose the article).
C4_END_MARKS = (".", "?", "!", '"', "\u201d")
C4_ELLIPSIS = "..."
C4_MIN_WORDS_PER_LINE = 5
C4_MIN_SENTENCES = 3
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
             "use cookies")
_SENTENCE_END = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*(?=\s|$)")


def _sentences(line: str) -> int:
    """Sentence count of a line ending in an end mark (C4 uses nltk's punkt; this counts end marks)."""
    return max(1, len(_SENTENCE_END.findall(line)))


def c4_keep(doc: Document, min_words: int = C4_MIN_WORDS_PER_LINE,
            min_sentences: int = C4_MIN_SENTENCES) -> List[bool]:
    keep = [False] * len(doc.lines)
    sentences = 0
    for i in doc.nonblank():
        line = doc.lines[i].strip()
        if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS):
            continue
        if len(line.split()) < min_words:
            continue
        low = line.lower()
        if "lorem ipsum" in low:
            return [False] * len(doc.lines)
        if "javascript" in low or "{" in line or "}" in line:
            continue
        if any(p in low for p in C4_POLICY):
            continue
        sentences += _sentences(line)
        keep[i] = True
    if sentences < min_sentences:
        return [False] * len(doc.lines)
    return keep


def c4_filter(text: str, min_words: int = C4_MIN_WORDS_PER_LINE,
              min_sentences: int = C4_MIN_SENTENCES) -> str:
    doc = Document.from_text(text)
    return doc.render(c4_keep(doc, min_words, min_sentences))


# --------------------------------------------------------------------------------------------
# jusText

_TOKEN = re.compile(r"\w+")
DEFAULT_STOPLIST = "English"
MIN_LANGUAGE_HITS = 3


@lru_cache(maxsize=1)
def _stoplists() -> Dict[str, FrozenSet[str]]:
    """jusText's stoplists, lower-cased; English words are taken out of the others.

    The lists come from Wikipedia and many hold English words (Marathi 250, Sundanese 160, Finnish
    100 of the English list's 453), so an English page would often look Marathi or Finnish.
    """
    english = frozenset(w.lower() for w in justext.get_stoplist(DEFAULT_STOPLIST))
    lists = {DEFAULT_STOPLIST: english}
    for name in sorted(justext.get_stoplists()):
        if name not in lists and name != "Simple_English":
            lists[name] = frozenset(w.lower() for w in justext.get_stoplist(name)) - english
    return lists


def guess_stoplist(text: str) -> str:
    """The jusText stoplist with most stop-word tokens in the text; English on ties or too few hits.

    Capitalised tokens (names) and one-character tokens are not counted: names such as "Bay" or
    "Jordan" sit in many lists.
    """
    counts = Counter(t for t in _TOKEN.findall(text) if len(t) > 1 and not t[0].isupper())
    best, best_hits = DEFAULT_STOPLIST, -1
    for name, words in _stoplists().items():     # English first: it wins ties
        hits = sum(n for w, n in counts.items() if w in words)
        if hits > best_hits:
            best, best_hits = name, hits
    return best if best_hits >= MIN_LANGUAGE_HITS else DEFAULT_STOPLIST


def _justext_paragraphs(html: str, stoplist_name: str):
    stoplist = justext.get_stoplist(stoplist_name)
    return justext.justext(html.encode("utf-8", "replace"), stoplist, encoding="utf-8")


def justext_lines(text: str, stoplist: Optional[str] = None) -> str:
    """jusText (default parameters) over the page's lines, each non-blank line one paragraph."""
    doc = Document.from_text(text)
    if not doc.nonblank():
        return ""
    paragraphs = _justext_paragraphs(lines_as_html(doc), stoplist or guess_stoplist(text))
    return doc.render(map_back(doc, [p.text for p in paragraphs if not p.is_boilerplate]))


_SCRIPT_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def visible_text(html: str) -> str:
    """Rough visible text of an HTML page (for the language guess only)."""
    return _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", html))


def justext_html(html: str, stoplist: Optional[str] = None) -> str:
    """jusText as designed: on the HTML, good paragraphs one per line."""
    paragraphs = _justext_paragraphs(html, stoplist or guess_stoplist(visible_text(html)))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


# --------------------------------------------------------------------------------------------
# trafilatura


def trafilatura_lines(text: str) -> str:
    """trafilatura (default settings, no comments) over the lines as ``<p>``s; nothing if it finds nothing."""
    doc = Document.from_text(text)
    if not doc.nonblank():
        return ""
    out = trafilatura.extract(lines_as_html(doc), include_comments=False)
    if not out:
        return ""
    return doc.render(map_back(doc, out.split("\n")))


def trafilatura_html(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def trafilatura_html_precision(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


Baseline = Callable[[str], str]

TEXT_BASELINES: Dict[str, Baseline] = {
    "keep-all": keep_all,
    "c4": c4_filter,
    "justext": justext_lines,
    "trafilatura": trafilatura_lines,
}

HTML_BASELINES: Dict[str, Baseline] = {
    "justext": justext_html,
    "trafilatura": trafilatura_html,
    "trafilatura-precision": trafilatura_html_precision,
}
