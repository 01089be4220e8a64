"""HTML → text lines via trafilatura: the first stage for HTML input.

trafilatura finds the main content in the DOM; its text (one block per line, with the page's
headline, found as ``html_to_text`` says) then goes through the same line model as plain text,
which removes what the DOM heuristics let through.
When no sentence of the output survives (trafilatura missed the article), the page's whole visible
text (``visible_text``) is judged instead, as plain text (``api.Cleaner._judge_visible_text``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Tuple

from lxml.etree import ErrorTypes, XPath
from lxml.html import HTMLParser, fromstring

_HTML_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html|<head[\s>]|<body[\s>])", re.IGNORECASE
)
# trafilatura's recall mode (favor_recall) takes more of the page than its default mode, and the
# line model removes the chrome that comes with it; from its own "long enough" mark (its
# MIN_EXTRACTED_SIZE, 250, times 10) it also skips comparing its text with readability's and
# jusText's, a quarter of its time. Below that mark its text can be a fragment of the article (a
# box of 500 characters of a 4,600-character page), so the default mode runs too and the longer
# text is taken. Measured (fifteenth session, shipped model, folds 3,4, HTML F1): scrapinghub
# 0.960 -> 0.964, wcxb 0.943 -> 0.946; recall mode alone: 0.964 and 0.942 (7 wcxb pages lost
# their article).
RECALL_LONG_ENOUGH = 2500
# ...but only where the recall text is also under this share of the page's text: a short article
# alone on its page needs no second look (27 of scrapinghub's 72 test pages ran both modes; of
# the 131 benchmark pages under the mark, the 17 whose default text was longer by a fifth or more
# had shares of 0.006-0.18, and the 70 above 0.2 all got the same text or longer from recall mode
# but one, by 5%).
RECALL_PAGE_SHARE = 0.2
_PAGE_TEXT = XPath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
# The page's own headline is looked for among this many of trafilatura's first blocks (a section
# label, a date or "Skip to content" can come before it): of the 35 benchmark pages where the
# second to fourth block was the title, or the title less the site's name, 31 had it as the gold
# headline.
HEADLINE_BLOCKS = 4
# How a page's <title> sets the site's name apart from the headline (compared ``_loose``, which
# reads en and em dashes as "-").
SITE_NAME_SEPARATORS = (" | ", " - ", " :: ", " · ", " • ", " » ", ": ")
_TAGS = re.compile(r"<(?:p|div|span|a|br|li|h[1-6]|script|meta|table|section|article)[\s>/]", re.IGNORECASE)


def looks_like_html(page: str) -> bool:
    """HTML when it opens like an HTML document, or when markup is dense in its first 4 KB."""
    head = page[:4096]
    if _HTML_SNIFF.match(head):
        return True
    return len(_TAGS.findall(head)) >= 5 and head.lstrip().startswith("<")


def html_to_text(html: str) -> Tuple[str, str]:
    """The page's main-content blocks, one per line, blank lines between blocks, headed by its
    headline; and the headline ("" when the page has neither a title nor an h1).

    The headline is the page's own when one of the first blocks is the title, or the title less
    the site's name (``same_headline``), or else the page's h1 (``_headline_h1``); else it is put
    on top: that h1 as the page shows it (a <title> or og:title is often reworded), else the
    title. The h1 went on top on 305 benchmark pages with a gold headline: it was the gold on
    286, the title on 11 (docs/experiments.md, "Seventeenth session"). Returns ("", "") when
    trafilatura finds no content.
    """
    body, title, h1s = _extract(html)
    if not body:
        return "", ""
    title = title.strip()
    h1 = _headline_h1(h1s, title)
    blocks = [b for b in body.split("\n") if b.strip()]
    first = [b.strip() for b in blocks[:HEADLINE_BLOCKS]]
    own = next((b for b in first if same_headline(b, title)), "") if title else ""
    own = own or next((b for b in first if h1 and _loose(b) == _loose(h1)), "")
    if not own and (h1 or title):
        own = h1 or title
        blocks.insert(0, own)
    return "\n\n".join(blocks) + "\n", own


def same_headline(first: str, title: str) -> bool:
    """Whether a block of the text (``first``) is the page's title, or the title less the site's
    name put before or after it ("Headline | Site", "Site - Headline"): then that block is the
    headline, as the page shows it. Of the 83 benchmark pages whose title holds their first
    block, the block was the gold headline on 68 and the title on 3."""
    first, title = _loose(first), _loose(title)
    if first == title:
        return bool(first)
    if not first or first not in title:
        return False
    before, _, after = title.partition(first)
    return (not before and after.startswith(SITE_NAME_SEPARATORS)) or \
           (not after and before.endswith(SITE_NAME_SEPARATORS))


def visible_text(html: str) -> str:
    """The page's whole visible text, laid out by html-text as a scraper hands it over
    (``guess_layout``: one block per line): the plain-text view the line model is trained on.
    "" when the page cannot be parsed."""
    import html_text       # here, not at the top: plain-text cleaning starts without it

    tree = parse(html)
    if tree is None:
        return ""
    try:
        return html_text.extract_text(tree, guess_layout=True)
    except Exception:       # lxml raises several kinds on empty or hopeless input
        return ""


@lru_cache(maxsize=1)
def warm_up_trafilatura() -> None:
    """Import trafilatura and run it once on a tiny page: the import and its first extraction take
    about 0.4 s, which must not count against a first page's time limit."""
    import trafilatura

    trafilatura.extract("<html><body><article><p>A paragraph to warm the extractor up.</p></article></body></html>")


def _extract(html: str) -> Tuple[str, str, List[str]]:
    """trafilatura's main text and the page's title ("" when none), and its ``<h1>``s' texts.

    The text is trafilatura's recall mode's, or its default mode's where that is longer and the
    recall text is short and a small part of the page's text (``RECALL_LONG_ENOUGH``,
    ``RECALL_PAGE_SHARE``).

    Of trafilatura's metadata only the title is used, and the rest (dates above all) took a third
    of its time: the title is looked up as its metadata stage does (meta tags, then JSON-LD, then
    ``<title>``/``<h1>``), before the extraction prunes the tree, as that stage runs too.
    """
    tree = parse(html)
    if tree is None:
        return "", "", []
    try:
        title = _metadata_title(tree)
    except (TypeError, ValueError):     # what bare_extraction gives up on; a page's text matters more
        title = ""
    text = _main_text(tree, favor_recall=True)
    if len(text) < RECALL_LONG_ENOUGH and len(text) < RECALL_PAGE_SHARE * sum(map(len, _PAGE_TEXT(tree))):
        text = max(text, _main_text(tree), key=len)
    return text, title, _h1s(tree)


def _h1s(tree) -> List[str]:
    """The different texts of the page's ``<h1>``s (spaces collapsed), in page order; texts that
    differ only as ``_loose`` ignores count once, as first written."""
    seen: dict = {}
    for e in tree.iter("h1"):
        text = " ".join(e.text_content().split())
        if text:
            seen.setdefault(_loose(text), text)
    return list(seen.values())


def _headline_h1(h1s: List[str], title: str) -> str:
    """The page's headline among its h1s: its only one, or of several the longest that the title
    is or holds with the site's name (``same_headline``; a site's name in an h1 of its own can
    match too); "" when none is. Where trafilatura's first blocks hold neither the title nor the
    title less the site's name but do hold the page's one h1 (85 benchmark pages), the h1 was the
    gold headline on 63, the title on 13; of the 47 pages with several h1s and one of them the
    title's, it was the gold on 44.
    """
    if len(h1s) == 1:
        return h1s[0]
    return max((h for h in h1s if title and same_headline(h, title)), key=len, default="")


# Typographic quotes and dashes compared as plain ones: a <title> and the h1 often differ only so.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                        "\u2014": "-", "\u00a0": " "})


def _loose(text: str) -> str:
    """A headline as compared with another: plain quotes and dashes, spaces collapsed, lower case."""
    return " ".join(text.translate(_PLAIN).split()).lower()


def _main_text(tree, favor_recall: bool = False) -> str:
    """trafilatura's main text of the parsed page (it leaves the tree as it was), "" when none."""
    import trafilatura

    doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, with_metadata=False,
                                      favor_recall=favor_recall)
    return (getattr(doc, "text", None) or "") if doc is not None else ""


def _metadata_title(tree) -> str:
    """The title trafilatura's ``extract_metadata`` gives the page, without its other look-ups."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    metadata = examine_meta(tree)
    if not metadata.title:      # JSON-LD only fills a title the meta tags left empty (half the time here)
        try:
            metadata = extract_meta_json(tree, metadata)
        except Exception:   # trafilatura guards this step alike: its JSON-LD parsing has bugs
            pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    metadata.clean_and_trim()
    return metadata.title or ""


class UnreadableHTML(ValueError):
    """HTML that lxml cannot read whole: cleaning it would lose text silently, so it is refused."""


def parse(html: str):
    """The page's tree, or None when it is not HTML (trafilatura's ``load_html`` checks), parsed as
    trafilatura parses a page but without lxml's usual depth cap: below 256 nested elements (a
    page's unclosed tags nest that deep) lxml stops building the tree, and everything below was
    lost, article and all, without a word. Raises ``UnreadableHTML`` where the page nests deeper
    than even the raised cap (2,048), or lxml stops short for another of its limits."""
    from trafilatura.utils import is_dubious_html, load_html, repair_faulty_html   # not at the top:
    # plain-text cleaning starts without trafilatura

    beginning = html[:50].lower()
    parser = HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)      # a parser per page: its own error log
    try:
        tree = fromstring(repair_faulty_html(html, beginning).encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:   # lxml raises several kinds on empty or hopeless input
        tree = None
    limit = next((e.message for e in parser.error_log if e.type == ErrorTypes.ERR_RESOURCE_LIMIT), None)
    if limit:   # e.g. "Excessive depth in document: 2048, use XML_PARSE_HUGE option"
        raise UnreadableHTML(f"lxml cannot read this HTML whole ({limit.split(',')[0]}): its text would "
                             "be lost; clean the page's plain text instead")
    if tree is None or len(tree) < 1:
        return load_html(html)      # trafilatura's own ways with what lxml found nothing in
    return None if is_dubious_html(beginning) and len(tree) < 2 else tree
