"""The heuristic path: trafilatura's main-content rules over the page's lines.

Used when no usable model can be loaded, or when the model would discard nearly all of a long
page (a sign it cannot judge it). Each non-blank line becomes one <p>, trafilatura picks the main
content, and its output is mapped back to the input lines, so kept lines stay exactly as they were.
"""
from __future__ import annotations

import re
import unicodedata
from html import escape
from typing import List, Sequence

from .document import Document


# soft hyphen, zero-width and direction marks, word joiners, private use, BOM: tools drop them
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ue000-\uf8ff\ufeff]")


def _norm(s: str) -> str:
    """Text as tools hand it back: NFC, invisible characters dropped, whitespace collapsed."""
    return " ".join(_INVISIBLE.sub("", unicodedata.normalize("NFC", s)).split())


def lines_as_html(doc: Document) -> str:
    """Each non-blank line of the page as one ``<p>`` (text escaped, surrounding spaces trimmed)."""
    return "<html><body>" + "".join(
        f"<p>{escape(doc.lines[i].strip())}</p>" for i in doc.nonblank()
    ) + "</body></html>"


def map_back(doc: Document, kept: Sequence[str]) -> List[bool]:
    """Keep flags for the input lines a tool returned, matched in order on whitespace-normalised text.

    A returned text that matches no remaining line is skipped (the tool changed it); lines are
    never altered, only selected.
    """
    idx = doc.nonblank()
    norm = [_norm(doc.lines[i]) for i in idx]
    keep = [False] * len(doc.lines)
    j = 0
    for text in kept:
        w = _norm(text)
        if not w:
            continue
        k = j
        while k < len(idx) and norm[k] != w:
            k += 1
        if k < len(idx):
            keep[idx[k]] = True
            j = k + 1
    return keep


def fallback_keep(doc: Document) -> List[bool]:
    """Which lines trafilatura keeps; if it finds nothing, every non-blank line is kept (lose nothing)."""
    idx = doc.nonblank()
    if not idx:
        return [False] * len(doc.lines)
    import trafilatura      # here, not at the top: plain-text cleaning starts without it

    out = trafilatura.extract(lines_as_html(doc), include_comments=False, include_tables=False, favor_recall=True)
    keep = map_back(doc, out.split("\n")) if out else [False] * len(doc.lines)
    if not any(keep):
        keep = [i in set(idx) for i in range(len(doc.lines))]
    return keep
