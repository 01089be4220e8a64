"""The heuristic path: trafilatura's main-content rules over the page's lines.

Used when no usable model can be loaded, or when the model would discard nearly all of a long
page (a sign it cannot judge it). Each non-blank line becomes one <p>, trafilatura picks the main
content, and its output is mapped back to the input lines, so kept lines stay exactly as they were.
"""
from __future__ import annotations

from html import escape
from typing import List

import trafilatura

from .document import Document


def _norm(s: str) -> str:
    return " ".join(s.split())


def fallback_keep(doc: Document) -> List[bool]:
    """Which lines trafilatura keeps; if it finds nothing, every non-blank line is kept (lose nothing)."""
    idx = [i for i in range(len(doc.lines)) if not doc.is_blank(i)]
    if not idx:
        return [False] * len(doc.lines)
    html = "<html><body><article>" + "".join(
        f"<p>{escape(doc.lines[i].strip())}</p>" for i in idx
    ) + "</article></body></html>"
    out = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    keep = [False] * len(doc.lines)
    if not out:
        for i in idx:
            keep[i] = True
        return keep
    wanted = [_norm(l) for l in out.split("\n") if l.strip()]
    j = 0
    for w in wanted:          # walk both in order: trafilatura keeps the page order
        k = j
        while k < len(idx) and _norm(doc.lines[idx[k]]) != w:
            k += 1
        if k < len(idx):
            keep[idx[k]] = True
            j = k + 1
    if not any(keep):
        for i in idx:
            keep[i] = True
    return keep
