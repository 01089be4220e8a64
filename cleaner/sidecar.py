"""Removed lines kept beside their page, in ``<page>.removed``, so cleaning a file in place loses nothing.

The pre-commit hook and ``cleaner clean --in-place --keep-removed`` keep them alike: the page's
removed lines, byte for byte in its own encoding and line endings, each cleaning's run appended
after a blank line. Folders given to ``cleaner clean`` leave these files out (``inputs``).
"""
from __future__ import annotations

from typing import List, Tuple

from .document import Document
from .io import OutputError, write_atomic

SUFFIX = ".removed"


def removed_with_endings(original: Document, cleaned: Document) -> List[str]:
    """The original's non-blank lines that the cleaned text lacks, in order, with their endings.

    The cleaned lines are a subsequence of the original's; matching them in order leaves exactly
    the removed lines (as a multiset, whichever copy of a repeated line is matched).
    """
    kept = [l for i, l in enumerate(cleaned.lines) if not cleaned.is_blank(i)]
    out, j = [], 0
    for i, line in enumerate(original.lines):
        if original.is_blank(i):
            continue
        if j < len(kept) and line == kept[j]:
            j += 1
            continue
        out.append(line + (original.endings[i] or original.newline))
    return out


def removed_from(text: str, cleaned: str) -> Tuple[List[str], str]:
    """The removed lines of a page (``removed_with_endings``) and the page's usual line ending."""
    original = Document.from_text(text)
    return removed_with_endings(original, Document.from_text(cleaned)), original.newline


def append(sidecar: str, decoded, removed: List[str], newline: str) -> None:
    """Append the removed lines to the sidecar (atomically), in the page's own encoding."""
    try:
        with open(sidecar, "rb") as f:
            before = f.read()
    except FileNotFoundError:
        before = b""
    except OSError as e:
        raise OutputError(sidecar, f"cannot read: {e.strerror or e}") from None
    chunk = "".join(removed)
    if before:
        chunk = newline + chunk
        data = before + decoded.encode(chunk, with_bom=False)
    else:
        data = decoded.encode(chunk)
    write_atomic(sidecar, data)
