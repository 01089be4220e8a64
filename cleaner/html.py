"""HTML → text lines via trafilatura: the first stage for HTML input.

trafilatura finds the main content in the DOM; its text (one block per line, headline first) then
goes through the same line model as plain text, which removes what the DOM heuristics let through.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Tuple

from lxml.html import HTMLParser, fromstring

_HTML_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html|<head[\s>]|<body[\s>])", re.IGNORECASE
)
_TAGS = re.compile(r"<(?:p|div|span|a|br|li|h[1-6]|script|meta|table|section|article)[\s>/]", re.IGNORECASE)


def looks_like_html(page: str) -> bool:
    """HTML when it opens like an HTML document, or when markup is dense in its first 4 KB."""
    head = page[:4096]
    if _HTML_SNIFF.match(head):
        return True
    return len(_TAGS.findall(head)) >= 5 and head.lstrip().startswith("<")


def html_to_text(html: str) -> Tuple[str, bool]:
    """The page's headline and main-content blocks, one per line, blank lines between blocks, and
    whether the first line is the headline from the page's metadata.

    Returns ("", False) when trafilatura finds no content.
    """
    doc = _extract(html)
    body: Optional[str] = getattr(doc, "text", None) if doc is not None else None
    if not body:
        # lxml stops building the tree 256 elements deep (unclosed tags nest that deep), so such a
        # page came out empty and its article was lost; parse once more without that cap (2048)
        tree = _deep_tree(html)
        doc = _extract(tree) if tree is not None else None
        body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        return "", False
    title = (getattr(doc, "title", None) or "").strip()
    blocks = [b for b in body.split("\n") if b.strip()]
    if title and (not blocks or blocks[0].strip() != title):
        blocks.insert(0, title)
    return "\n\n".join(blocks) + "\n", bool(title)


@lru_cache(maxsize=1)
def warm_up_trafilatura() -> None:
    """Import trafilatura and run it once on a tiny page: the import and its first extraction take
    about 0.4 s, which must not count against a first page's time limit."""
    import trafilatura

    trafilatura.extract("<html><body><article><p>A paragraph to warm the extractor up.</p></article></body></html>")


def _extract(html):
    import trafilatura      # here, not at the top: plain-text cleaning starts without it

    return trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=True)


def _deep_tree(html: str):
    """The page parsed with lxml's ``huge_tree`` (deep nesting allowed), or None."""
    parser = HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)
    try:
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:   # lxml raises several kinds on empty or hopeless input
        return None
