"""The HTML report of ``cleaner explain PAGE --html report.html``: every line, and what became of it.

One self-contained file: inline CSS, no scripts, no external assets (a Content-Security-Policy
forbids loading or running anything, should escaping ever fail). Each line of the page is one row:
its number, its exact text (struck through in a ``<del class="removed">`` when removed, in a
``<span class="kept">`` when kept), its label, score and deciding path, and a background tint from
red (score 0) to green (score 1). A summary on top counts lines and words kept and removed and
names the path(s) that decided. For HTML input the rows are trafilatura's text of the page, the
lines the model judged.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Dict, List, Optional, Sequence

from .api import LineDecision

RED_HUE, GREEN_HUE = 0, 130     # tint of score 0 and score 1 (HSL hue)


@dataclass(frozen=True)
class Summary:
    """The report's counts; blank lines are neither kept nor removed."""

    lines_kept: int
    lines_removed: int
    words_kept: int
    words_removed: int
    blank_lines: int
    paths: Dict[str, int]       # deciding path -> number of non-blank lines it decided
    reasons: List[str]          # why lines were not decided by the model's score alone


def summarize(decisions: Sequence[LineDecision]) -> Summary:
    judged = [d for d in decisions if d.label != "blank"]
    kept = [d for d in judged if d.keep]
    removed = [d for d in judged if not d.keep]
    paths: Dict[str, int] = {}
    for d in judged:
        paths[d.path] = paths.get(d.path, 0) + 1
    reasons = list(dict.fromkeys(d.reason for d in judged if d.reason and not d.reason.startswith("headline")))
    return Summary(len(kept), len(removed), _words(kept), _words(removed),
                   len(decisions) - len(judged), paths, reasons)


def _words(decisions: Sequence[LineDecision]) -> int:
    return sum(len(d.text.split()) for d in decisions)


def tint(score: float) -> str:
    """A light background from red (0) through yellow to green (1)."""
    s = min(max(float(score), 0.0), 1.0)
    return f"hsl({RED_HUE + s * (GREEN_HUE - RED_HUE):.0f}, 70%, 88%)"


_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 16px 24px; color: #1a1a1a; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
.source { font-family: ui-monospace, monospace; color: #444; margin: 0 0 12px; overflow-wrap: anywhere; }
.summary { display: grid; grid-template-columns: repeat(6, max-content); gap: 2px 24px; margin: 0 0 8px; }
.summary dt { color: #555; } .summary dd { margin: 0; font-weight: 600; }
.note { color: #444; margin: 4px 0; }
.legend { display: flex; align-items: center; gap: 8px; margin: 8px 0 14px; color: #444; }
.scale { width: 220px; height: 12px; border: 1px solid #bbb;
         background: linear-gradient(to right, hsl(0,70%,88%), hsl(65,70%,88%), hsl(130,70%,88%)); }
table.lines { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.lines th { text-align: left; font-weight: 600; border-bottom: 2px solid #999; padding: 3px 6px; }
table.lines td { padding: 2px 6px; vertical-align: top; border-bottom: 1px solid rgba(0,0,0,.08); }
col.no { width: 3.5em; } col.label { width: 5em; } col.score { width: 4.5em; } col.path { width: 8em; }
td.no, td.score { text-align: right; font-variant-numeric: tabular-nums; color: #555; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
td.label, td.path { color: #333; }
del.removed { text-decoration: line-through; text-decoration-thickness: 1.5px; color: #6b6b6b; }
span.kept { color: #000; }
tr.blank td { height: 0.7em; padding: 0 6px; }
"""


def html_report(source: str, decisions: Sequence[LineDecision], threshold: Optional[float] = None) -> str:
    """The report as a complete HTML document; every piece of page text is escaped."""
    s = summarize(decisions)
    paths = ", ".join(f"{p} ({n} lines)" if len(s.paths) > 1 else p for p, n in s.paths.items()) or "none"
    shown = threshold is not None and any(p.endswith("model") for p in s.paths)
    facts = [("lines kept", "lines-kept", s.lines_kept), ("words kept", "words-kept", s.words_kept),
             ("path", "path", paths),
             ("lines removed", "lines-removed", s.lines_removed), ("words removed", "words-removed", s.words_removed),
             ("keep threshold", "threshold", f"{threshold:g}" if shown else "–"),
             ("blank lines", "blank-lines", s.blank_lines)]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        f"<title>cleaner explain: {escape(source)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header>",
        "<h1>cleaner explain</h1>",
        f'<p class="source">{escape(source)}</p>',
        '<dl class="summary">',
    ]
    out += [f'<dt>{label}</dt><dd id="{key}">{escape(str(value))}</dd>' for label, key, value in facts]
    out.append("</dl>")
    for reason in s.reasons:
        out.append(f'<p class="note reason">Not by the model\'s score alone: {escape(reason)}</p>')
    if any(d.path.startswith("html+") for d in decisions):
        out.append('<p class="note">HTML input: the lines below are the text trafilatura extracted '
                   "from the page, the lines the model judged.</p>")
    elif any(d.path.startswith("html-text+") for d in decisions):
        out.append('<p class="note">HTML input: trafilatura extracted little text, so the lines below '
                   "are the page's whole visible text, judged as plain text.</p>")
    out.append('<div class="legend">score 0 <span class="scale"></span> 1 &nbsp;·&nbsp; '
               '<del>removed</del> &nbsp;·&nbsp; kept</div>')
    out.append("</header>")
    out.append('<table class="lines"><colgroup><col class="no"><col class="text"><col class="label">'
               '<col class="score"><col class="path"></colgroup>')
    out.append("<thead><tr><th>#</th><th>line</th><th>label</th><th>score</th><th>path</th></tr></thead><tbody>")
    out += [_row(d) for d in decisions]
    out.append("</tbody></table></body></html>\n")
    return "\n".join(out)


def _row(d: LineDecision) -> str:
    text = escape(d.text)
    if d.label == "blank":
        return (f'<tr class="blank" id="l{d.line_no}"><td class="no">{d.line_no}</td>'
                f'<td class="text"><span class="blank">{text}</span></td><td class="label">blank</td>'
                '<td class="score"></td><td class="path"></td></tr>')
    state = "kept" if d.keep else "removed"
    why = f" ({d.reason})" if d.reason else ""
    title = f"line {d.line_no}: {state}, {d.label}, score {d.score:.3f}, {d.path}{why}"
    body = f'<span class="kept">{text}</span>' if d.keep else f'<del class="removed">{text}</del>'
    return (f'<tr class="line {state}" id="l{d.line_no}" title="{escape(title)}" '
            f'style="background: {tint(d.score)}"><td class="no">{d.line_no}</td><td class="text">{body}</td>'
            f'<td class="label">{escape(d.label)}</td><td class="score">{d.score:.2f}</td>'
            f'<td class="path">{escape(d.path)}</td></tr>')
