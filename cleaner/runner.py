"""Running pages safely, shared by the CLI (``cleaner.cli``), the pre-commit hook (``cleaner.hook``)
and the JSON-lines stream (``cleaner.jsonl_stream``): one page cleaned with every error turned into
an ``Outcome`` (``clean_page``; a page over ``--time-limit`` is one such error), many pages in input order,
``BATCH`` per model call and possibly in parallel (``run_ordered``), the exit status so far
(``Status``), the progress bar, the stdout/``-o`` sink, and the exit codes they all share.
"""
from __future__ import annotations

import os
import sys
import traceback
import warnings
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

import click

from . import model as model_module
from .api import PAGES_PER_CALL, Cleaner, LineDecision, render
from .deadline import PageTimeout
from .html import UnreadableHTML
from .integrity import ModelError
from .io import atomic_writer
from .options import Options

# ----------------------------------------------------------------------------- exit codes

EXIT_OK = 0         # cleaned (or nothing to do)
EXIT_CHANGED = 1    # --check (and the pre-commit hook): some input would change / was changed
EXIT_BAD_INPUT = 2  # usage error or bad input: unreadable, binary, malformed JSONL, timeout, bad model,
                    # HTML lxml cannot read whole
EXIT_INTERNAL = 3   # a bug in cleaner or a library; CLEANER_DEBUG=1 shows the traceback

EXIT_CODES = {
    EXIT_OK: "cleaned",
    EXIT_CHANGED: "changed: --check found input that would change (the hook: changed a file)",
    EXIT_BAD_INPUT: "usage error or bad input: missing, unreadable or binary file, malformed\n"
                    "     JSON line, --time-limit exceeded, unusable --model, HTML nested\n"
                    "     deeper than lxml reads",
    EXIT_INTERNAL: "internal error (set CLEANER_DEBUG=1 for the traceback)",
}

DEBUG_ENV = "CLEANER_DEBUG"
PROGRESS_MIN_FILES = 10     # show a progress bar (stderr, TTY only) from this many inputs on
BATCH = PAGES_PER_CALL      # pages read and judged together (see Cleaner.classify_many)


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def err(message: str) -> None:
    """One line on stderr (through click, like everything the CLI prints)."""
    click.echo(message, err=True)


# ----------------------------------------------------------------------------- running pages

# per process (the CLI's, each joblib worker, each Spark Python worker): model path -> loaded model
# (None: it could not be loaded, the fallback serves); options -> cleaner
_MODELS: Dict[Optional[str], object] = {}
_CLEANERS: Dict[Options, Cleaner] = {}
model_loads = 0     # how many models this process has loaded (the Spark test checks it stays at one)


def cleaner_for(options: Options) -> Cleaner:
    """One Cleaner per options per process; the model is loaded once per model path (a shipped
    model's problem warns and the fallback serves; a user's model's problem raises ModelError)."""
    global model_loads
    c = _CLEANERS.get(options)
    if c is None:
        model = None
        if options.use_model:
            if options.model_path not in _MODELS:
                model_loads += 1
                _MODELS[options.model_path] = model_module.load(options.model_path)
            model = _MODELS[options.model_path]
        c = _CLEANERS[options] = Cleaner(options if model is not None else options.but(use_model=False),
                                         model=model)
    return c


def prepare(options: Options) -> Tuple[Options, Optional[str]]:
    """Load the model once, up front: ``(options to use, warning or None)``.

    A user's ``--model`` that cannot be loaded raises ``ModelError``; a missing or unusable
    shipped model gives a warning and options that use the trafilatura fallback.
    """
    if not options.use_model:
        return options, None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = model_module.load(options.model_path)
    if model is None:
        msg = str(caught[0].message) if caught else "no usable model; using the trafilatura fallback"
        return options.but(use_model=False), msg.removeprefix("cleaner: ")
    _MODELS[options.model_path] = model
    return options, None


@dataclass
class Outcome:
    """What became of one page: its decisions and cleaned text, or an error message."""

    decisions: Optional[List[LineDecision]] = None
    cleaned: Optional[str] = None
    error: Optional[str] = None
    internal: bool = False
    trace: str = ""


def clean_page(options: Options, page: str) -> Outcome:
    """Classify and clean one page; never raises (runs in joblib workers too)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = cleaner_for(options)      # the model loads outside the page's time
            decisions = c.classify(page)       # a time limit stops it mid-stage (cleaner.deadline)
            cleaned = render(decisions, page)
        return Outcome(decisions, cleaned)
    except PageTimeout:
        return Outcome(error=f"took longer than {options.time_limit:g}s (--time-limit)")
    except (ModelError, UnreadableHTML) as e:
        return Outcome(error=str(e))
    except MemoryError:
        return Outcome(error="ran out of memory on this page (too large to clean)")
    except Exception as e:
        return Outcome(error=f"internal error: {type(e).__name__}: {e}", internal=True,
                       trace=traceback.format_exc())


def clean_pages(options: Options, pages: List[str]) -> List[Outcome]:
    """``clean_page`` for each page, the model run once over all of them (see
    ``Cleaner.classify_many``); should anything go wrong, each page again alone, so an error or a
    time limit lands on the page that caused it."""
    if len(pages) > 1:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                judged = cleaner_for(options).classify_many(pages)
            return [Outcome(d, render(d, p)) for p, d in zip(pages, judged)]
        except Exception:
            pass
    return [clean_page(options, p) for p in pages]


def _clean_chunk(tasks: List[Optional[Tuple[Options, str]]]) -> List[Optional[Outcome]]:
    """Outcomes for a chunk's tasks (None where an item has nothing to clean); one run's items share
    their options, but pages are grouped by options all the same."""
    out: List[Optional[Outcome]] = [None] * len(tasks)
    by_options: Dict[Options, List[int]] = {}
    for n, task in enumerate(tasks):
        if task is not None:
            by_options.setdefault(task[0], []).append(n)
    for options, where in by_options.items():
        for n, outcome in zip(where, clean_pages(options, [tasks[n][1] for n in where])):
            out[n] = outcome
    return out


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` consecutive items, read lazily."""
    chunk = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_ordered(items: Iterable, task_of: Callable, jobs: int, batch: int = BATCH
                ) -> Iterator[Tuple[object, Optional[Outcome]]]:
    """``(item, outcome)`` in input order; items are read lazily, ``batch`` at a time (pages per
    model call); ``--jobs`` via joblib, a batch per task."""
    if jobs == 1:
        for chunk in chunks(items, batch):
            yield from zip(chunk, _clean_chunk([task_of(it) for it in chunk]))
        return
    from joblib import Parallel, delayed

    pending: deque = deque()

    def tasks():
        for chunk in chunks(items, batch):
            pending.append(chunk)
            yield delayed(_clean_chunk)([task_of(it) for it in chunk])

    for outcomes in Parallel(n_jobs=jobs, return_as="generator")(tasks()):
        yield from zip(pending.popleft(), outcomes)


# ----------------------------------------------------------------------------- status, progress, output

class Status:
    """The exit code so far; prints each failure as one line."""

    def __init__(self):
        self.worst = EXIT_OK
        self.changed = False

    def fail(self, message: str, internal: bool = False, trace: str = "") -> None:
        err(f"cleaner: error: {message}")
        if trace and debugging():
            err(trace.rstrip())
        self.worst = max(self.worst, EXIT_INTERNAL if internal else EXIT_BAD_INPUT)

    def outcome_failed(self, where: str, out: Optional[Outcome]) -> bool:
        if out is not None and out.error:
            self.fail(f"{where}: {out.error}", out.internal, out.trace)
            return True
        return False

    @property
    def code(self) -> int:
        return self.worst or (EXIT_CHANGED if self.changed else EXIT_OK)


def progress(pairs: Iterator, n_files: int, stack: ExitStack, step: Callable = lambda p: True):
    """A progress bar on stderr for many files when stderr is a terminal; stdout is never touched."""
    stderr = sys.stderr
    if n_files < PROGRESS_MIN_FILES or not isatty(stderr):
        return pairs
    bar = stack.enter_context(click.progressbar(length=n_files, label="cleaning", file=stderr))

    def gen():
        for p in pairs:
            yield p
            if step(p):
                bar.update(1)
    return gen()


def open_sink(mode: str, target, stack: ExitStack):
    """The one output stream for stdout or -o modes (None when each input gets its own file)."""
    if mode == "stdout":
        return binary_stdout()
    if mode == "output":
        return stack.enter_context(atomic_writer(target))
    return None


def binary_stdout():
    """stdout as bytes: kept lines go out with their own line endings, never translated."""
    out = sys.stdout
    out.flush()
    return getattr(out, "buffer", out)


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
