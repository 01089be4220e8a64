"""``cleaner clean --jsonl``: JSON-lines records in, the same records out with their page cleaned.

Runs on ``cleaner.runner``, like plain pages (running pages in order, exit status, progress bar,
the stdout/``-o`` sink). Records are read lazily (constant memory on a large stream) and written
in input order. ``--in-place`` and ``--out-dir`` get one atomic writer per input file; a fatal
line drops the unfinished file. A gzip-compressed input is read decompressed and written back
compressed (in place, or under its own name in ``--out-dir``); ``-o`` compresses to a ``.gz`` name.
"""
from __future__ import annotations

import zlib
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from typing import Iterator, Optional, Tuple

import click

from .io import STDIN, InputError, OutputError, RecordError, atomic_writer, dump_record, gunzipped, gzip_onto, \
    iter_jsonl, open_input, record_page, source_name
from .options import Options
from .api import removed_lines
from .runner import BATCH, EXIT_BAD_INPUT, Status, open_sink, progress, run_ordered


@dataclass
class Rec:
    """One event of the record stream, in input order."""

    kind: str                         # "begin", "line", "end" (of one input) or "error" (cannot open)
    path: str
    source: str
    line_no: int = 0
    raw: bytes = b""
    record: Optional[dict] = None
    task: Optional[Tuple[Options, str]] = None
    error: Optional[str] = None
    fatal: bool = False
    gzipped: bool = False             # ("begin") the input is gzip-compressed


def read_records(paths, options, field_name, strict) -> Iterator[Rec]:
    """Every input's records, framed by begin/end events; a record's task is (options, page)."""
    for p in paths:
        src = source_name(p)
        try:
            raw = open_input(p)
        except InputError as e:
            yield Rec("error", p, src, error=str(e))
            continue
        try:
            stream, gzipped = gunzipped(raw)
        except OSError as e:
            yield Rec("error", p, src, error=f"{src}: {e.strerror or e}")
            _close(p, raw)
            continue
        yield Rec("begin", p, src, gzipped=gzipped)
        try:
            for jl in iter_jsonl(stream, src, strict=strict):
                rec = Rec("line", p, src, jl.line_no, jl.raw, jl.record)
                if jl.error:
                    rec.error = f"{src}:{jl.line_no}: {jl.error}"
                else:
                    try:
                        page, is_html = record_page(jl.record, field_name)
                        rec.task = (options.but(input_format="html") if is_html else options, page)
                    except RecordError as e:
                        rec.error, rec.fatal = f"{src}:{jl.line_no}: {e}", strict
                yield rec
                if rec.fatal:
                    return
        except InputError as e:            # --strict: a malformed line
            yield Rec("line", p, src, error=str(e), fatal=True)
            return
        except OSError as e:                # gzip.BadGzipFile too
            yield Rec("line", p, src, error=f"{src}: {e.strerror or e}", fatal=True)
            return
        except (EOFError, zlib.error) as e:
            yield Rec("line", p, src, error=f"{src}: broken gzip data ({e})", fatal=True)
            return
        finally:
            _close(p, raw, stream)
        yield Rec("end", p, src)


def _close(path, *streams) -> None:
    """Close an input's streams (a gzip reader does not close the file under it); never stdin."""
    if path != STDIN:
        for stream in streams:
            stream.close()


class _Discard(Exception):
    """Thrown into an atomic writer to drop its temporary file."""


class _PerInput:
    """The atomic writer of the current input (--in-place / --out-dir), compressing for a gzip input."""

    def __init__(self):
        self._stack = None
        self.f = None

    def open(self, path, gzipped: bool) -> None:
        self._stack = ExitStack()
        self.f = self._stack.enter_context(atomic_writer(path))
        if gzipped:
            self.f = self._stack.enter_context(gzip_onto(self.f))

    def close(self, keep: bool) -> None:
        stack, self._stack, self.f = self._stack, None, None
        if stack is None:
            return
        if keep:
            stack.close()
        else:
            stack.__exit__(_Discard, _Discard(), None)   # removes the temporary file


class _Fatal(click.exceptions.Exit):
    """A malformed line under --strict: already reported; unwind (dropping unfinished files), exit 2."""

    def __init__(self):
        super().__init__(EXIT_BAD_INPUT)


def clean_jsonl(paths, options, mode, target, field_name, keep_removed, strict, explain, jobs) -> int:
    """Clean the ``field_name`` page of every record; the exit code (``--check``: 1 when dirty)."""
    status = Status()
    per = _PerInput()
    input_changed = False
    with ExitStack() as stack:
        shared = open_sink(mode, target, stack)
        if mode == "output" and str(target).endswith(".gz"):
            shared = stack.enter_context(gzip_onto(shared))
        stack.callback(per.close, False)     # an error or a fatal line: drop the unfinished file
        # from stdin, each record is answered before the next is read (a scraper may wait on it)
        batch = 1 if STDIN in paths else BATCH
        pairs = run_ordered(read_records(paths, options, field_name, strict), lambda r: r.task, jobs, batch)
        for rec, out in progress(pairs, len(paths), stack, step=lambda p: p[0].kind in ("end", "error")):
            if rec.kind == "error":
                status.fail(rec.error)
            elif rec.kind == "begin":
                input_changed = False
                try:
                    if mode == "in-place":
                        per.open(rec.path, rec.gzipped)
                    elif mode == "out-dir":
                        per.open(target.place(rec.path), rec.gzipped)
                except OutputError as e:
                    status.fail(str(e))
            elif rec.kind == "end":
                if mode == "check" and input_changed:
                    click.echo(f"would clean {rec.source}", err=True)
                try:
                    per.close(keep=mode == "out-dir" or input_changed)
                except OutputError as e:
                    status.fail(str(e))
            else:
                writer = per.f if mode in ("in-place", "out-dir") else shared
                if rec.error or status.outcome_failed(f"{rec.source}:{rec.line_no}", out):
                    if rec.error:
                        status.fail(rec.error)
                    if rec.fatal:
                        raise _Fatal()
                    if mode == "in-place" and writer is not None:
                        writer.write(rec.raw + b"\n")    # in place, nothing is lost: copy it through
                    continue
                page = rec.task[1]
                changed = out.cleaned != page
                input_changed |= changed
                status.changed |= changed
                if mode == "check" or writer is None:
                    continue
                if not (changed or keep_removed or explain):
                    writer.write(rec.raw + b"\n")        # untouched records keep their exact bytes
                    continue
                result = dict(rec.record)
                result[field_name] = out.cleaned
                if keep_removed:
                    result[f"{field_name}_removed"] = removed_lines(out.decisions)
                if explain:
                    result[f"{field_name}_lines"] = [asdict(d) for d in out.decisions]
                writer.write(dump_record(result))
                if writer is shared and mode == "stdout":
                    shared.flush()      # a scraper reading the answers may wait on this one
    return status.code if mode == "check" else status.worst
