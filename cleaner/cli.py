"""The ``cleaner`` command: a thin shell over ``cleaner.clean``/``cleaner.classify``.

Reading and writing live in ``cleaner.io``, running pages (in parallel with ``--jobs``) and the
exit codes in ``cleaner.runner``; this module parses options, routes results to stdout / ``-o`` /
``--out-dir`` / ``--in-place`` / ``--check``, and turns every failure into one line
``cleaner: error: <path>: <reason>`` and an exit code.
JSON-lines streams (``clean --jsonl``) are handled in ``cleaner.jsonl_stream``.
"""
from __future__ import annotations

import math
import os
import sys
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import click

from . import __version__
from . import report as html_report
from . import sidecar
from .api import LineDecision, applied_threshold, judged_text, removed_lines
from .inputs import OutDir, expand
from .integrity import ModelError
from .io import (STDIN, Decoded, FileError, InputError, OutputError, dump_record, read_text, source_name,
                 write_atomic)
from .jsonl_stream import clean_jsonl
from .options import DEFAULT, Options
from .runner import (BATCH, DEBUG_ENV, EXIT_BAD_INPUT, EXIT_CODES, EXIT_INTERNAL, EXIT_OK, Outcome, Status,
                     binary_stdout, clean_page, debugging, err, isatty, open_sink, prepare, progress, run_ordered)

EXIT_HELP = "\b\nExit codes:\n" + "\n".join(f"  {c}  {m}" for c, m in EXIT_CODES.items())


# ----------------------------------------------------------------------------- output formats

def explain_table(decisions: List[LineDecision]) -> str:
    """One row per input line: line number, keep/drop, label, score, path, why (where the score
    alone did not decide: a line kept below the threshold says so), the line (tab-separated)."""
    return "".join(
        f"{d.line_no}\t{'keep' if d.keep else 'drop'}\t{d.label}\t{d.score:.3f}\t{d.path}\t{d.reason}\t{d.text}\n"
        for d in decisions
    )


def _format_page(source: str, out: Outcome, fmt: str, explain: bool, many: bool, keep_removed: bool = False) -> bytes:
    if fmt == "jsonl":
        record = {"path": source, "text": out.cleaned}
        if keep_removed:
            record["text_removed"] = removed_lines(out.decisions)
        if explain:
            record["lines"] = [asdict(d) for d in out.decisions]
        return dump_record(record)
    if explain:
        head = f"==> {source} <==\n" if many else ""
        return (head + explain_table(out.decisions)).encode("utf-8", "backslashreplace")
    return out.cleaned.encode("utf-8")


# Reports of `cleaner explain`: (source name, outcome, options) -> bytes.
REPORTS: Dict[str, Callable[[str, Outcome, Options], bytes]] = {
    "table": lambda source, out, options: explain_table(out.decisions).encode("utf-8", "backslashreplace"),
    "jsonl": lambda source, out, options: _format_page(source, out, "jsonl", explain=True, many=False),
    "html": lambda source, out, options: html_report.html_report(
        source, out.decisions, applied_threshold(out.decisions, options)).encode("utf-8", "backslashreplace"),
}


# ----------------------------------------------------------------------------- click plumbing

class _Main(click.Group):
    """Catches everything at the top: one line per error, no tracebacks (unless CLEANER_DEBUG=1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except FileError as e:
            err(f"cleaner: error: {e}")
            ctx.exit(EXIT_BAD_INPUT)
        except BrokenPipeError:          # `cleaner clean x | head`: stop quietly
            _quiet_stdout()
            ctx.exit(EXIT_OK)
        except KeyboardInterrupt:
            err("cleaner: interrupted")
            ctx.exit(130)
        except Exception as e:
            if debugging():
                raise
            err(f"cleaner: error: internal error: {type(e).__name__}: {e} "
                f"(set {DEBUG_ENV}=1 for the traceback)")
            ctx.exit(EXIT_INTERNAL)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _page_options(f=None, *, force_html: str = "--html"):
    """Options shared by `clean` and `explain`: how a page is judged.

    `explain` spells "treat input as HTML" ``--html-input``: its ``--html`` names the HTML report.
    """
    if f is None:
        return lambda g: _page_options(g, force_html=force_html)
    decorators = [
        click.option(force_html, "input_format", flag_value="html", help="Treat input as HTML."),
        click.option("--text", "input_format", flag_value="text", help="Treat input as plain text."),
        click.option("--auto", "input_format", flag_value="auto", default=True,
                     help="Detect HTML by its markup (the default)."),
        click.option("--no-headline", is_flag=True, help="Drop the headline, keep only the body."),
        click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=DEFAULT.threshold,
                     show_default=True, help="Keep a line when its keep-probability reaches this "
                                             "(HTML input: at most 0.1, only sure chrome goes)."),
        click.option("--model", "model_path", type=click.Path(dir_okay=False), default=None,
                     help="Your own model file; its manifest (.json) must sit beside it."),
        click.option("--time-limit", type=click.FloatRange(0.0, min_open=True), default=None,
                     metavar="SECONDS", help="Give up on a page after this long (exit 2 for it)."),
        click.option("--settle/--no-settle", default=True, show_default=True,
                     help="Look again at the output until nothing in it is surely chrome, so cleaning "
                          "it again changes nothing; --no-settle is faster."),
    ]
    for d in reversed(decorators):
        f = d(f)
    return f


def _options(input_format, no_headline, threshold, model_path, time_limit, settle) -> Options:
    try:
        return Options(keep_headline=not no_headline, threshold=threshold, input_format=input_format,
                       time_limit=time_limit, model_path=model_path, settle=settle)
    except ValueError as e:
        raise click.UsageError(str(e)) from None


def _prepared(options: Options) -> Options:
    try:
        options, warning = prepare(options)
    except ModelError as e:
        raise FileError(options.model_path, str(e)) from None
    if warning:
        err(f"cleaner: warning: {warning}")
    return options


@click.group(cls=_Main, epilog=EXIT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="cleaner")
def main():
    """Strip site chrome from scraped news: keep the headline and article lines, unchanged."""


@main.command("clean", epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, metavar="[PATH]... | -")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write all output to FILE (atomically).")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="One output per input, same file name, in DIR (a folder's files keep their sub-folders).")
@click.option("--in-place", is_flag=True, help="Rewrite each file (atomically, in its own encoding).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if some input would change.")
@click.option("--explain", is_flag=True,
              help="Per line: number, keep/drop, label, score, path, why, text (tab-separated).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="jsonl: one JSON object per page with path and text (and lines with --explain); "
                   "--jsonl input always writes JSON lines.")
@click.option("--jsonl", "jsonl_input", is_flag=True,
              help="Input is JSON lines, gzip-compressed or not; write them back with the field cleaned "
                   "(compressed where the input was, and to an -o FILE ending in .gz).")
@click.option("--field", default=None, metavar="NAME",
              help="With --jsonl: the field holding the page (default: text; else an 'html' field).")
@click.option("--keep-removed", is_flag=True,
              help="Keep the removed lines: appended to FILE.removed beside each page (--in-place; under "
                   "--out-dir beside its output), or as NAME_removed in JSON output (--jsonl, --format jsonl).")
@click.option("--strict", is_flag=True, help="With --jsonl: a malformed line is fatal (default: reported, skipped).")
@_page_options
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Clean pages in N processes; output is identical and in order.")
def clean_cmd(paths, output, out_dir, in_place, check, explain, fmt, jsonl_input, field, keep_removed,
              strict, input_format, no_headline, threshold, model_path, time_limit, settle, jobs):
    """Clean pages (files, folders, or - for stdin) and write the article text to stdout.

    A folder stands for every file below it (hidden names, symlinked folders and the hook's
    .removed files left out), in sorted order.

    Output is UTF-8, except --in-place, which keeps each file's encoding, BOM and line endings.
    Several pages on stdout are simply concatenated; use --out-dir or --format jsonl to keep them apart.
    """
    inputs = expand(_input_paths(paths))
    paths = [i.path for i in inputs]
    modes = [m for m, on in (("-o", output), ("--out-dir", out_dir), ("--in-place", in_place),
                             ("--check", check)) if on]
    if len(modes) > 1:
        raise click.UsageError(f"{' and '.join(modes)} cannot be combined")
    mode = {"-o": "output", "--out-dir": "out-dir", "--in-place": "in-place", "--check": "check"}.get(
        modes[0] if modes else "", "stdout")
    if mode in ("in-place", "out-dir") and STDIN in paths:
        raise click.UsageError(f"{modes[0]} needs files, not - (stdin)")
    if in_place and explain:
        raise click.UsageError("--explain writes a report; it cannot be used with --in-place")
    if in_place and fmt == "jsonl" and not jsonl_input:
        raise click.UsageError("--format jsonl cannot be used with --in-place")
    if not jsonl_input:
        for flag, on in (("--field", field is not None), ("--strict", strict)):
            if on:
                raise click.UsageError(f"{flag} only applies to --jsonl input")
        if keep_removed and fmt == "text" and mode not in ("in-place", "out-dir"):
            raise click.UsageError("--keep-removed needs --in-place, --out-dir or JSON output (--format jsonl)")
    target = output
    if out_dir:
        try:
            target = OutDir(out_dir, inputs)
        except ValueError as e:
            raise click.UsageError(str(e)) from None
    options = _prepared(_options(input_format, no_headline, threshold, model_path, time_limit, settle))
    if jsonl_input:
        code = clean_jsonl(paths, options, mode, target, field or "text", keep_removed, strict, explain, jobs)
    else:
        code = _clean_files(paths, options, mode, target, explain, fmt, keep_removed, jobs)
    raise click.exceptions.Exit(code)


def _input_paths(paths: Tuple[str, ...]) -> List[str]:
    if not paths:
        if isatty(sys.stdin):
            raise click.UsageError("no input: give PATH... or - to read stdin")
        return [STDIN]
    if list(paths).count(STDIN) > 1:
        raise click.UsageError("- (stdin) can be given only once")
    return list(paths)


# ----------------------------------------------------------------------------- text pages

@dataclass
class _Page:
    path: str
    source: str
    decoded: Optional[Decoded] = None
    error: Optional[str] = None


def _read_pages(paths: List[str]) -> Iterator[_Page]:
    for p in paths:
        try:
            yield _Page(p, source_name(p), read_text(p))
        except InputError as e:
            yield _Page(p, source_name(p), error=str(e))


def _clean_files(paths, options, mode, target, explain, fmt, keep_removed, jobs) -> int:
    status = Status()
    many = len(paths) > 1
    batch = max(1, min(BATCH, math.ceil(len(paths) / jobs)))     # every job gets pages
    with ExitStack() as stack:
        sink = open_sink(mode, target, stack)
        pairs = run_ordered(_read_pages(paths), lambda pg: pg.decoded and (options, pg.decoded.text), jobs, batch)
        for page, out in progress(pairs, len(paths), stack):
            if page.error:
                status.fail(page.error)
                continue
            if status.outcome_failed(page.source, out):
                continue
            changed = out.cleaned != page.decoded.text
            try:
                if mode == "check":
                    if changed:
                        err(f"would clean {page.source}")
                        status.changed = True
                elif mode == "in-place":
                    if changed:
                        if keep_removed:    # first: a failure between the two writes doubles lines, loses none
                            removed, newline = _removed(page, out)
                            if removed:
                                sidecar.append(page.path + sidecar.SUFFIX, page.decoded, removed, newline)
                        write_atomic(page.path, page.decoded.encode(out.cleaned))
                else:
                    data = _format_page(page.source, out, fmt, explain, many, keep_removed)
                    if mode == "out-dir":
                        place = target.place(page.path)
                        write_atomic(place, data)
                        removed = keep_removed and fmt == "text" and _removed(page, out)[0]
                        if removed:
                            write_atomic(f"{place}{sidecar.SUFFIX}", "".join(removed).encode("utf-8"))
                    else:
                        sink.write(data)
                        sink.flush()
            except OutputError as e:
                status.fail(str(e))
    return status.code


def _removed(page: _Page, out: Outcome) -> Tuple[List[str], str]:
    """The page's removed lines with their own endings, and its usual line ending (for an HTML
    page: of the text judged, trafilatura's)."""
    return sidecar.removed_from(judged_text(out.decisions, page.decoded.text), out.cleaned)


# ----------------------------------------------------------------------------- explain

@main.command("explain", epilog=EXIT_HELP)
@click.argument("page", metavar="PAGE | -")
@click.option("--report", type=click.Choice(sorted(REPORTS)), default=None,
              help="What to write on stdout. table (the default, unless --html is given): tab-separated "
                   "rows (line, keep/drop, label, score, path, why, text); jsonl: one JSON object; html: the "
                   "HTML report.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write an HTML report to FILE (atomically): every line, removed ones struck through, "
                   "tinted by score, with a summary. Force HTML input with --html-input.")
@_page_options(force_html="--html-input")
def explain_cmd(page, report, html_path, input_format, no_headline, threshold, model_path, time_limit, settle):
    """Show how each line of PAGE was judged: kept or dropped, label, score, and which path decided."""
    if html_path == STDIN:
        raise click.UsageError("--html needs a file name; use --report html for stdout")
    if html_path and page != STDIN and _same_file(html_path, page):
        raise click.UsageError(f"--html {html_path} would overwrite the page being explained")
    options = _prepared(_options(input_format, no_headline, threshold, model_path, time_limit, settle))
    source = source_name(page)
    out = clean_page(options, read_text(page).text)
    status = Status()
    if status.outcome_failed(source, out):
        raise click.exceptions.Exit(status.code)
    if html_path:
        write_atomic(html_path, REPORTS["html"](source, out, options))
    if report or not html_path:
        stdout = binary_stdout()
        stdout.write(REPORTS[report or "table"](source, out, options))
        stdout.flush()


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# ----------------------------------------------------------------------------- train

@main.command("train", epilog=EXIT_HELP)
@click.option("--team", type=click.Path(exists=True, file_okay=False), default="training_data", show_default=True,
              help="The team's labeled pages.")
@click.option("--corpus", "corpora", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A labeled benchmark corpus (or a folder of them) to train on too; repeatable.")
@click.option("--out", type=click.Path(dir_okay=False), default="models/line-model.joblib", show_default=True)
@click.option("--cv", "cv_folds", multiple=True, type=int, help="Cross-validate on this fold; repeatable.")
@click.option("--hold-out", "held_out", multiple=True, type=int,
              help="Keep this benchmark fold out of training (the shipped model holds out 3 and 4).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Stacking seed: which pages share an out-of-fold group. Another seed gives another, "
                   "equally valid model: compare changes under several.")
@click.option("--bag", type=click.IntRange(min=1), default=1, show_default=True,
              help="Fit the second stage on this many draws of the out-of-fold groups and average "
                   "them: steadier from seed to seed, slower to clean with (3, the shipped model's: about 1.3x "
                   "the time).")
def train_cmd(team, corpora, out, cv_folds, held_out, seed, bag):
    """Train a line model from labeled pages and save it with its manifest and model card."""
    from . import train

    train.run(team, corpora, out, cv_folds, held_out, log=lambda m: click.echo(m, err=True),
              recipe=train.Recipe(seed=seed, bag=bag))


if __name__ == "__main__":  # pragma: no cover
    main()
