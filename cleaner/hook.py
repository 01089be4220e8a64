"""The pre-commit hook (``cleaner-hook FILE...``): clean committed pages in place, lose nothing.

For each file (files ending in ``.removed`` are skipped: they are this hook's own sidecars; files
are read and judged ``BATCH`` at a time, one model call each):

- the file is read as text (plain text always: the hook never turns HTML into text) and cleaned
  once, with ``Options.settle``: clean() looks again at its own output until it settles, so a
  second run changes nothing (idempotent; not with ``--no-headline``, where a second run finds a
  new headline to drop);
- the removed lines are appended to ``<file>.removed`` beside it, byte for byte in the file's own
  encoding and line endings (a blank line separates runs), so nothing is lost; commit the sidecar
  or delete it once you have looked;
- the file is rewritten atomically, in its own encoding;
- it refuses to empty a file, or to drop more than 80% of a long one (50 or more lines of text):
  such a file is left untouched and flagged, for a human to look at (``cleaner explain FILE``).

Exit status (pre-commit's convention): 0 nothing changed, 1 a file was changed or flagged,
2 a file could not be read or written (or a bad option/model), 3 an internal error.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional, Sequence

from . import sidecar
from .document import Document
from .integrity import ModelError
from .io import FileError, read_text, write_atomic
from .options import Options
from .runner import (BATCH, EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_INTERNAL, EXIT_OK, Outcome, chunks, clean_pages,
                     debugging, prepare)

LONG_DOCUMENT_LINES = 50     # lines of text (non-blank) from which the share guard applies
MAX_DROP_SHARE = 0.8         # refuse to drop more than this share of a long document's lines


def _say(message: str) -> None:
    print(f"cleaner-hook: {message}", flush=True)


class PageFailed(RuntimeError):
    """Cleaning a page failed (time limit, or an internal error when ``internal``)."""

    def __init__(self, message: str, internal: bool = False):
        super().__init__(message)
        self.internal = internal


def _guard(path: str, n_in: int, n_out: int) -> Optional[str]:
    if n_out == 0:
        return f"{path}: would remove every line; left untouched (check it: cleaner explain {path})"
    dropped = n_in - n_out
    if n_in >= LONG_DOCUMENT_LINES and dropped > MAX_DROP_SHARE * n_in:
        return (f"{path}: would remove {dropped} of {n_in} lines ({dropped / n_in:.0%}); left untouched "
                f"(check it: cleaner explain {path})")
    return None


def write_back(path: str, decoded, out: Outcome) -> int:
    """Apply one file's cleaning in place; EXIT_OK unchanged, EXIT_CHANGED changed or flagged."""
    if out.error:
        raise PageFailed(out.error, out.internal)
    original = Document.from_text(decoded.text)
    n_in = sum(1 for i in range(len(original.lines)) if not original.is_blank(i))
    cleaned_text = out.cleaned
    if n_in == 0 or cleaned_text == decoded.text:
        return EXIT_OK
    cleaned = Document.from_text(cleaned_text)
    n_out = sum(1 for i in range(len(cleaned.lines)) if not cleaned.is_blank(i))
    flag = _guard(path, n_in, n_out)
    if flag:
        _say(flag)
        return EXIT_CHANGED
    removed = sidecar.removed_with_endings(original, cleaned)
    if not removed:        # only blank lines or the final newline differ: not worth a rewrite
        return EXIT_OK
    sidecar.append(path + sidecar.SUFFIX, decoded, removed, original.newline)
    write_atomic(path, decoded.encode(cleaned_text))
    _say(f"cleaned {path} ({len(removed)} lines moved to {path}{sidecar.SUFFIX})")
    return EXIT_CHANGED


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner-hook",
        description="Clean news pages in place for pre-commit; removed lines go to FILE.removed.",
        epilog="Exit status: 0 nothing changed, 1 a file was changed or flagged, 2 a file could not "
               "be read or written (or a bad option/model), 3 an internal error.",
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--threshold", type=float, default=Options.threshold,
                   help="keep a line when its keep-probability reaches this (default %(default)s)")
    p.add_argument("--model", default=None, help="your own model file (its manifest beside it)")
    p.add_argument("--no-headline", action="store_true",
                   help="drop the headline too (then not idempotent: a second run finds another headline to drop)")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except Exception as e:
        if debugging():
            raise
        print(f"cleaner-hook: error: internal error: {type(e).__name__}: {e} "
              "(set CLEANER_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args) -> int:
    try:
        options = Options(keep_headline=not args.no_headline, threshold=args.threshold,
                          input_format="text", model_path=args.model)
        options, warning = prepare(options)
    except (ValueError, ModelError) as e:
        print(f"cleaner-hook: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if warning:
        print(f"cleaner-hook: warning: {warning}", file=sys.stderr)
    # settled: clean() looks again at its own output until it settles, so a second run changes nothing
    options = options.but(settle=True)
    status = EXIT_OK
    for chunk in chunks(_distinct(p for p in args.files if not p.endswith(sidecar.SUFFIX)), BATCH):
        read, unreadable = {}, {}
        for path in chunk:
            try:
                read[path] = read_text(path)
            except FileError as e:
                unreadable[path] = e
        outcomes = dict(zip(read, clean_pages(options, [d.text for d in read.values()])))
        for path in chunk:      # reported in the order given
            try:
                if path in unreadable:
                    raise unreadable[path]
                status = max(status, write_back(path, read[path], outcomes[path]))
            except FileError as e:
                print(f"cleaner-hook: error: {e}", file=sys.stderr)
                status = max(status, EXIT_BAD_INPUT)
            except PageFailed as e:
                print(f"cleaner-hook: error: {path}: {e}", file=sys.stderr)
                status = max(status, EXIT_INTERNAL if e.internal else EXIT_BAD_INPUT)
    return status


def _distinct(paths) -> List[str]:
    """Each file once, however it is named (a second pass over a cleaned file would append its
    removed lines to the sidecar twice)."""
    seen, out = set(), []
    for p in paths:
        real = os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            out.append(p)
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
