"""clean() and classify(): pick the HTML or text path, the model or the fallback, assemble output."""
from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from itertools import islice
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import numpy as np

from . import model as model_module
from .deadline import check as _check, deadline_of, hard_limit
from .document import Document
from .fallback import fallback_keep
from .features import looks_like_sentence
from .headline import (ABOVE_HEADLINE, HTML_STAGE, Headline, above_headline, copies_above, copy_below,
                       find_headline)
from .html import html_to_text, looks_like_html, visible_text, warm_up_trafilatura
from .context_rules import closing_line, doubted_between_kept
from .lone_chrome import lone_chrome
from .article_end import below_article_end
from .boxes import boxed
from .dateline import ABOVE_DATELINE, above_dateline
from .model import LineScores
from .options import DEFAULT, Options

# The model "cannot judge" a page when it would keep almost nothing of a long one.
CANNOT_JUDGE_MIN_WORDS = 250
CANNOT_JUDGE_KEPT_SHARE = 0.03
# ...then the fallback decides, but lines the model is all but sure are chrome (menus) still go.
FALLBACK_CHROME_BELOW = 0.05
# A line is surely chrome below this keep-probability: only such lines go from an HTML page's text
# (trafilatura chose it) and on settle's second looks (see Cleaner._first_look and _settle).
SURE_CHROME = 0.1
# Settle's looks at a page stop once they have read this many of its lines. A benchmark page's looks
# read 3,724 at most (wcxb dev-0215's text: 1,217 lines, 7 looks; an HTML page took 12 looks,
# wcxb test-5532, a newsletter's job list losing a line or three from its end to each). A page the
# model cannot judge can instead lose a few lines from its ends to every look and need thousands,
# each a whole page's cost (50,000 lines "line N": 223 s, now 7.8): stopped here, it is
# left as the last look made it, and a page's time stays linear in its length.
LOOK_LINES = 50_000
# Pages judged per model call: the call's fixed cost is shared (64 pages against 16: the model 1.2x
# faster), and memory stays that of one call's pages however many are given (1,000 wcxb pages in
# one call peaked at 574 MB, in calls of 64 at 246 MB).
PAGES_PER_CALL = 64


@dataclass(frozen=True)
class LineDecision:
    """One input line and what became of it (jusText-style: every unit with its class and why)."""

    line_no: int        # 1-based, counting blank lines, as in the seeds' labels
    text: str           # the line exactly as it went into the line stage
    label: str          # "title", "body", "chrome" or "blank"
    keep: bool
    score: float        # keep-probability from the model; 1.0/0.0 from the fallback
    path: str           # "model" or "fallback", prefixed "html+" for HTML input judged from
                        # trafilatura's text, "html-text+" from the page's whole visible text
    reason: str = ""    # why the path was taken, where it was not the model's ordinary call


@dataclass
class Verdict:
    """One page's judgement as flags: settle judges a page several times and clean() needs only
    the flags, so the LineDecisions are made once, and only when asked for (``decisions``)."""

    keep: Sequence[bool]             # per line: the path's call (blank lines: False)
    probs: Optional[LineScores]      # the model's scores; None when the fallback decided without them
    path: str
    reason: str = ""
    title: Set[int] = frozenset()    # the headline's lines (``headline``, or HTML metadata's title)
    title_why: str = "headline"      # which rule chose them (headline.Headline.why)
    between: Set[int] = frozenset()  # doubted lines kept for their neighbours (context_rules.doubted_between_kept)
    copies: Set[int] = frozenset()   # copies of the headline right above it, dropped (headline.copies_above)
    ruled: Dict[int, str] = field(default_factory=dict)  # dropped by a rule, with why (_ruled): lone lines
                                     # shaped and worded as chrome (lone_chrome), lines above the headline or a
                                     # dateline, below the article's end (article_end), in teaser and author boxes
    closing: Set[int] = frozenset()  # a doubted line kept as the article's last (context_rules.closing_line)
    dropped: Dict[int, float] = field(default_factory=dict)   # settle: line -> its dropping look's score
    taken_as_clean: bool = False     # settle: no line surely chrome, the page is kept whole
    unsettled: bool = False          # settle: still losing lines after LOOK_LINES lines of looks, left so

    def kept(self, keep_headline: bool) -> List[bool]:
        return [(keep_headline if i in self.title else k) and i not in self.dropped
                for i, k in enumerate(self.keep)]

    def score(self, i: int) -> float:
        """Line i's keep score: the model's, or 1.0/0.0 from a fallback that had no scores."""
        return float(self.probs.keep[i]) if self.probs is not None else float(self.keep[i])

    def decisions(self, doc: Document, keep_headline: bool) -> List[LineDecision]:
        scores = self.probs.keep if self.probs is not None else None
        usual = ("no line surely chrome: the page is taken as clean" if self.taken_as_clean else
                 "still losing lines when the looks stopped: left so, a second clean() may drop more"
                 if self.unsettled else "")
        out = []
        for i, (line, pid) in enumerate(zip(doc.lines, doc.paragraph)):
            if pid < 0:
                out.append(LineDecision(i + 1, line, "blank", False, 0.0, self.path, self.reason))
            elif i in self.dropped:
                out.append(LineDecision(i + 1, line, "chrome", False, self.dropped[i], self.path,
                                        "dropped on a second look at the cleaned text"))
            elif i in self.title:
                out.append(LineDecision(i + 1, line, "title", keep_headline, self.probs.title[i], self.path,
                                        self.reason or self.title_why))
            else:
                keep = bool(self.keep[i])
                out.append(LineDecision(
                    i + 1, line, "body" if keep else "chrome", keep,
                    float(scores[i]) if scores is not None else float(keep), self.path,
                    self.ruled.get(i) or self.reason or self._why_kept_or_not(i, usual)))
        return out

    def _why_kept_or_not(self, i: int, usual: str) -> str:
        return ("doubted, but kept lines stand above and below it" if i in self.between
                else "doubted, but it closes the article and its words read as article" if i in self.closing
                else "a copy of the headline" if i in self.copies else usual)


_LOAD_LOCK = threading.Lock()


class Cleaner:
    """Holds the options and the (lazily loaded) model; ``clean()`` uses a shared default one."""

    def __init__(self, options: Optional[Options] = None, model=None):
        self.options = options or DEFAULT
        self._model = model
        self._load_tried = model is not None

    def _line_model(self):
        """The model, loaded on first use; a failed load is not retried (it warned once)."""
        if not self.options.use_model:
            return None
        if not self._load_tried:
            with _LOAD_LOCK:        # threads sharing a Cleaner wait for its one load
                if not self._load_tried:
                    self._model = model_module.load(self.options.model_path)
                    self._load_tried = True
        return self._model

    def _sharing_model(self, options: Options) -> "Cleaner":
        """A Cleaner with other options and this one's model (or, after a failed load, its fallback)."""
        other = Cleaner(options, model=self._model)
        other._load_tried = True
        return other

    def _predict(self, model, docs: List[Document]):
        """The model's scores of each page; a shipped model that cannot score warns once and retires."""
        try:
            return model.scores_many(docs)
        except MemoryError:      # these pages are too big, the model is fine: fail them only
            raise
        except Exception as e:   # e.g. a pickle that loads but no longer fits the feature code
            if self.options.model_path is not None:
                raise
            warnings.warn(f"cleaner: the shipped model failed ({type(e).__name__}: {e}); "
                          "using the trafilatura fallback", RuntimeWarning, stacklevel=3)
            self._model = None
            return None

    def classify(self, page: str) -> List[LineDecision]:
        return self.classify_many([page])[0]

    def classify_many(self, pages: Sequence[str]) -> List[List[LineDecision]]:
        """``classify()`` for each page, the model run over ``PAGES_PER_CALL`` of them at a time: its
        per-call cost (a few hundred tree calls) is shared, measured 20-35% of a page's time when
        pages go one by one. With a time limit, each page is judged alone, so the limit stays a page's."""
        keep_headline = self.options.keep_headline
        return [verdict.decisions(doc, keep_headline) for doc, verdict in self._judge(pages)]

    def _judge(self, pages: Sequence[str]) -> Iterator[Tuple[Document, Verdict]]:
        """Per page: the document judged (trafilatura's text for HTML) and its verdict, judged
        ``PAGES_PER_CALL`` at a time (a page's judgement never depends on the others') and given
        out as they come, so that only one call's documents are held."""
        for start in range(0, len(pages), PAGES_PER_CALL):
            yield from self._judge_call(pages[start:start + PAGES_PER_CALL])

    def _judge_call(self, pages: Sequence[str]) -> List[Tuple[Document, Verdict]]:
        for page in pages:
            if not isinstance(page, str):
                raise TypeError(f"page must be str, not {type(page).__name__}")
        self._line_model()      # loading the model is not the pages' time
        limit = self.options.time_limit
        if limit:   # trafilatura's import and first run (HTML, fallback) are not a page's time either
            warm_up_trafilatura()
        if limit and len(pages) > 1:
            return [self._judge_call([page])[0] for page in pages]
        with hard_limit(limit):
            return self._judge_in_time(pages, deadline_of(limit))

    def _judge_in_time(self, pages: Sequence[str], deadline) -> List[Tuple[Document, Verdict]]:
        opts = self.options
        docs, prefixes, headlines = [], [], []
        for page in pages:
            prefix, headline_text = "", ""
            if opts.input_format == "html" or (opts.input_format == "auto" and looks_like_html(page)):
                (page, headline_text), prefix = html_to_text(page), "html+"
                _check(deadline)
            docs.append(Document.from_text(page))
            prefixes.append(prefix)
            headlines.append(headline_text)
        probs = self._probabilities(docs, deadline)
        verdicts = [(self._first_look if opts.settle else self._verdict)(doc, p, prefix, headline_text, deadline)
                    for doc, prefix, headline_text, p in zip(docs, prefixes, headlines, probs)]
        if opts.settle:
            self._settle(docs, verdicts, probs, deadline)
        judged = list(zip(docs, verdicts))
        if self._model is not None:
            missed = [n for n, (doc, verdict) in enumerate(judged)
                      if prefixes[n] and not _keeps_a_sentence(doc, verdict.kept(False))]
            if missed:
                self._judge_visible_text(pages, judged, missed, deadline)
        return judged

    def _judge_visible_text(self, pages: Sequence[str], judged: List[Tuple[Document, Verdict]],
                            missed: List[int], deadline) -> None:
        """HTML pages whose output holds no sentence (trafilatura found no article, or a menu for
        one) are judged again from the page's whole visible text, as plain text, and that
        judgement is taken where it keeps a sentence (path "html-text+..."): the HTML path's
        counterpart of the text path's "kept none of the page's sentences".

        Measured (fourteenth session; held-out models, HTML F1 before and after): folds 3,4
        scrapinghub 0.9579 -> 0.9599, wcxb 0.9420 -> 0.9426; folds 0,1 0.9545 both, 0.9287 ->
        0.9297; fold 2 0.9736 both, 0.9510 both. A looser trigger (trafilatura's text under 200
        words, taken when the whole page keeps twice the words) won 0.003 on folds 3,4 and lost
        0.04 on fold 2's scrapinghub pages (short articles above a comment thread).
        """
        as_text = self._sharing_model(self.options.but(input_format="text"))
        again = as_text._judge_in_time([visible_text(pages[n]) for n in missed], deadline)
        for n, (doc, verdict) in zip(missed, again):
            if _keeps_a_sentence(doc, verdict.kept(False)):     # a sentence besides the headline
                verdict.path = "html-text+" + verdict.path
                judged[n] = (doc, verdict)

    def _probabilities(self, docs: List[Document], deadline) -> list:
        """The model's rows per page, or None per page when the fallback must judge."""
        model = self._line_model()
        probs = self._predict(model, docs) if model is not None and docs else None
        _check(deadline)
        return probs if probs is not None else [None] * len(docs)

    def _verdict(self, doc: Document, probs, prefix: str, headline_text: str, deadline,
                 threshold: Optional[float] = None) -> Verdict:
        """The page judged by the model (or by the fallback when there is none or it cannot judge)."""
        opts = self.options
        if probs is None:
            reason = "model disabled" if not opts.use_model else "no usable model"
            keep = fallback_keep(doc)
            _check(deadline)
            return Verdict(keep, None, prefix + "fallback", reason)
        if threshold is None:
            threshold = _threshold(opts, html=bool(prefix))
        scores = _paragraph_scores(doc, probs.keep)
        between = doubted_between_kept(doc, scores, threshold)
        keep = [s >= threshold or i in between for i, s in enumerate(scores)]
        read = _line_reading(doc, headline_text)
        chosen = find_headline(doc, keep, probs.title) if read is None else \
            copy_below(doc, keep, Headline([read], HTML_STAGE))
        title = set(chosen.lines)
        copies = copies_above(doc, title)
        ruled = _ruled(doc, keep, title, scores, probs.words, gone=copies)
        keep = [k and i not in copies and i not in ruled for i, k in enumerate(keep)]
        why = _cannot_judge(doc, _without(keep, title))
        if why:
            if prefix:   # trafilatura already chose this content: trust it over a model that drops all
                return Verdict([pid >= 0 for pid in doc.paragraph], None, "html+fallback",
                               f"the model {why} (trafilatura's text is kept)")
            return _fallback_verdict(doc, probs, scores, f"the model {why}")
        closing = closing_line(doc, scores, keep, probs.words, threshold, SURE_CHROME) - title - ruled.keys()
        keep = [k or i in closing for i, k in enumerate(keep)]
        return Verdict(keep, probs, prefix + "model", "", title, chosen.why, between, copies, ruled,
                       closing=closing)

    def _sure(self) -> float:
        """Below this keep-probability a line is surely chrome."""
        return _sure_chrome(self.options)

    def _first_look(self, doc: Document, probs, prefix: str, headline_text: str, deadline) -> Verdict:
        """With settle: a page in which the model is sure of no line being chrome (none below
        ``SURE_CHROME``) is taken as clean already and kept whole; any other page is judged as
        usual, its output to be looked at again (``_settle``)."""
        if probs is None:
            return self._verdict(doc, probs, prefix, headline_text, deadline)
        sure = self._verdict(doc, probs, prefix, headline_text, deadline, threshold=self._sure())
        kept = sure.kept(True)
        if not all(k for k, pid in zip(kept, doc.paragraph) if pid >= 0):  # (HTML is judged at _sure() anyway)
            return sure if prefix else self._verdict(doc, probs, prefix, headline_text, deadline)
        # taken as clean only for a text page whose output is this very page (not, say, less a
        # trailing blank line, which changes the last line's features; not HTML, judged with its
        # metadata title): a second clean() then sees the same page and judges it alike; others get
        # a second look
        if not prefix and doc.render(kept) == doc.text:
            sure.taken_as_clean = True
        return sure

    def _settle(self, docs: List[Document], verdicts: List[Verdict], probs: list, deadline) -> None:
        """Drop (into each verdict's ``dropped``) what a second clean() of the output would drop, so
        that a second clean() keeps all of it (idempotence).

        The output is looked at again (as a plain-text page, as a second clean() sees it) and what
        the look is sure is chrome goes, until a look is sure of nothing: the output is then a page
        of the kind ``_first_look`` keeps whole. Removing chrome changes the survivors'
        neighbourhood; dropping all that a second look merely doubts instead changed half the wcxb
        pages and cost 1.5-3 points of recall (benchmarks' held-out folds). The looks of all pages
        go through the model together; a look at output that is the page itself (all of it kept,
        as for most HTML pages) reuses the page's rows, the model's rows being a function of the
        text alone. The looks see the output with its headline whatever ``keep_headline`` says,
        so that option only decides whether the headline is printed: the body is the same either
        way. Idempotence is promised for keep_headline=True (without the headline, a second
        clean() takes the output's first line for one) and for output that does not itself look
        like HTML. Without a model, each look is the fallback's. Once its looks have read
        ``LOOK_LINES`` lines a page is left as it stands (its verdict's ``unsettled`` set), so its
        time stays linear in its length; idempotence is not promised for it.
        """
        again = self._sharing_model(self.options.but(input_format="text", keep_headline=True, settle=False))
        kept = [v.kept(True) for v in verdicts]
        pending = [n for n, v in enumerate(verdicts) if not v.taken_as_clean and any(kept[n])]
        read = [0] * len(docs)
        while pending:              # each look that changes a page drops a line of it
            outs = [Document.from_text(docs[n].render(kept[n])) for n in pending]
            itself = {i for i, (n, out) in enumerate(zip(pending, outs)) if out.text == docs[n].text}
            fresh = iter(again._probabilities([out for i, out in enumerate(outs) if i not in itself], deadline))
            looks = [probs[n] if i in itself else next(fresh) for i, n in enumerate(pending)]
            still = []
            for n, out, rows in zip(pending, outs, looks):
                look = again._verdict(out, rows, "", "", deadline, threshold=self._sure())
                on_page, lines = [k for k, keep in enumerate(kept[n]) if keep], out.nonblank()
                if len(lines) != len(on_page):    # cannot map back (should not happen)
                    continue
                look_kept = look.kept(True)
                dropped = {k: look.score(i) for k, i in zip(on_page, lines) if not look_kept[i]}
                if not dropped:
                    continue                        # settled
                verdicts[n].dropped.update(dropped)
                kept[n] = [keep and k not in dropped for k, keep in enumerate(kept[n])]
                read[n] += len(lines)
                if len(dropped) == len(on_page):
                    continue                        # nothing left to look at
                if read[n] >= LOOK_LINES:
                    verdicts[n].unsettled = True
                else:
                    still.append(n)
            pending = still

    def clean(self, page: str) -> str:
        return self.clean_many([page])[0]

    def clean_many(self, pages: Sequence[str]) -> List[str]:
        """``clean()`` for each page, judged together as ``classify_many`` does."""
        keep_headline = self.options.keep_headline
        return [doc.render(verdict.kept(keep_headline)) for doc, verdict in self._judge(pages)]

    def clean_iter(self, pages: Iterable[str]) -> Iterator[str]:
        """``clean()`` for each page of a stream of any length, lazily: ``PAGES_PER_CALL`` pages
        are read and judged together, so memory stays that of one call's pages."""
        stream = iter(pages)
        while chunk := list(islice(stream, PAGES_PER_CALL)):
            yield from self.clean_many(chunk)

    def clean_and_explain(self, page: str) -> Tuple[str, List[LineDecision]]:
        """The cleaned text and the per-line decisions behind it, in one pass."""
        doc, verdict = next(self._judge([page]))
        return doc.render(verdict.kept(self.options.keep_headline)), verdict.decisions(doc, self.options.keep_headline)


def judged_text(decisions: Sequence[LineDecision], page: str) -> str:
    """The text these decisions were made on: the page, or for HTML the text judged (trafilatura's)."""
    if decisions and decisions[0].path.startswith(("html+", "html-text+")):
        return "\n".join(d.text for d in decisions)
    return page


def render(decisions: Sequence[LineDecision], page: str) -> str:
    """The cleaned text these decisions make of the page (for HTML: of the text judged)."""
    return Document.from_text(judged_text(decisions, page)).render([d.keep for d in decisions])


def applied_threshold(decisions: Sequence[LineDecision], options: Options) -> float:
    """The keep threshold these decisions were made at (for the explain report)."""
    return _threshold(options, html=bool(decisions) and decisions[0].path.startswith("html+"))


def _threshold(options: Options, html: bool) -> float:
    """The keep threshold: the options', but for HTML only sure chrome goes (trafilatura chose the text)."""
    return _sure_chrome(options) if html else options.threshold


def _sure_chrome(options: Options) -> float:
    return min(SURE_CHROME, options.threshold)


def removed_lines(decisions: Sequence[LineDecision]) -> List[str]:
    """The text of the lines the decisions remove (blank lines aside), in page order."""
    return [d.text for d in decisions if not d.keep and d.label != "blank"]


def _paragraph_scores(doc: Document, p_keep) -> List[float]:
    """Each line's paragraph's keep score (its lines' mean, weighted by length), so hard-wrapped
    lines are decided together; -1.0 for blank lines, which are never kept."""
    lines = doc.nonblank()
    if not lines:
        return [-1.0] * len(doc.lines)
    pid = np.asarray(doc.paragraph)[lines]
    weight = np.fromiter((max(len(doc.lines[i].strip()), 1) for i in lines), np.float64, len(lines))
    # summed in line order from 0.0, as a running total per paragraph would be: the same floats
    total = np.bincount(pid, weights=weight * np.asarray(p_keep, np.float64)[lines])
    scores = np.full(len(doc.lines), -1.0)
    scores[lines] = total[pid] / np.bincount(pid, weights=weight)[pid]
    return scores.tolist()


def _paragraph_keep(doc: Document, p_keep, threshold: float) -> List[bool]:
    """Keep by the model's score, one decision per paragraph (hard-wrapped lines go together)."""
    return [s >= threshold for s in _paragraph_scores(doc, p_keep)]


def _ruled(doc: Document, keep: Sequence[bool], title: Set[int], scores: Sequence[float], words,
           gone: Set[int] = frozenset()) -> Dict[int, str]:
    """The kept lines the rules drop, each with why, the headline's never: lone lines shaped and
    worded as chrome (``lone_chrome``), lines above the headline or a story's dateline; then, of
    what is left (less ``gone``, which go for their own reason), lines below the article's end
    (``article_end``) and in teaser and author boxes (``boxes``). The same rules follow the model
    and the fallback."""
    ruled = {i: why for i, why in lone_chrome(doc, keep, words).items() if i not in title}
    ruled.update((i, ABOVE_HEADLINE) for i in above_headline(doc, keep, title, scores))
    ruled.update((i, ABOVE_DATELINE) for i in above_dateline(doc, keep, title) if i not in ruled)
    for rule in (below_article_end, boxed):
        keep = [k and i not in gone and i not in ruled for i, k in enumerate(keep)]
        ruled.update((i, why) for i, why in rule(doc, keep).items() if i not in title)
    return {i: why for i, why in ruled.items() if i not in gone}


def _fallback_verdict(doc: Document, probs, scores: Sequence[float], reason: str) -> Verdict:
    """The fallback's judgement of a page the model cannot judge, the rules applied after it as
    after the model; the fallback's whole where they would leave nothing to judge."""
    keep = _fallback_over_sure_chrome(doc, probs)
    headline = find_headline(doc, keep, probs.title)
    title = set(headline.lines)
    ruled = _ruled(doc, keep, title, scores, probs.words)
    ruled_keep = [k and i not in ruled for i, k in enumerate(keep)]
    if _cannot_judge(doc, _without(ruled_keep, title)):
        ruled, ruled_keep = {}, keep
    return Verdict(ruled_keep, probs, "fallback", reason, title, headline.why, ruled=ruled)


def _fallback_over_sure_chrome(doc: Document, probs) -> List[bool]:
    """The fallback's lines less those the model is all but sure are chrome (trafilatura cannot
    tell a menu from text once a page is plain lines); all of the fallback's if that left nothing."""
    fallback = fallback_keep(doc)
    unsure = _paragraph_keep(doc, probs.keep, FALLBACK_CHROME_BELOW)
    keep = [f and u for f, u in zip(fallback, unsure)]
    return fallback if _cannot_judge(doc, _without(keep, set(find_headline(doc, keep, probs.title).lines))) else keep


def _without(keep: Sequence[bool], title: Set[int]) -> List[bool]:
    """The kept lines less the headline's: a headline alone is not an article (measured: a
    three-paragraph scrapinghub page once came out as its headline alone). The headline is the
    one the decisions label (``headline``'s pick, or HTML metadata's title): the title head is
    trained only where ``headline`` looks, so its probability elsewhere says little."""
    return [k and i not in title for i, k in enumerate(keep)]


def _cannot_judge(doc: Document, keep: Sequence[bool]) -> str:
    """Why the model cannot judge the page ("" when it can): nearly nothing kept of a long page,
    or none of the sentences of a page that has some (``keep`` without the headline). The second
    catches a short article in a big template whose model kept only a line or two of
    headline-like text (a repeat of the headline, a teaser title): measured on retrained models,
    two scrapinghub articles were lost whole that way."""
    words = [len(l.split()) for l in doc.lines]
    n = sum(words)
    kept = sum(w for w, k in zip(words, keep) if k)
    if n >= CANNOT_JUDGE_MIN_WORDS and kept < CANNOT_JUDGE_KEPT_SHARE * n:
        return "kept almost nothing of a long page"
    if not _keeps_a_sentence(doc, keep) and any(looks_like_sentence(doc.reading(i)) for i in doc.nonblank()):
        return "kept none of the page's sentences"
    return ""


def _line_reading(doc: Document, text: str) -> Optional[int]:
    """The first line that reads ``text`` (the HTML stage's headline); None if none does."""
    return next((i for i in doc.nonblank() if doc.lines[i].strip() == text), None) if text else None


def _keeps_a_sentence(doc: Document, keep: Sequence[bool]) -> bool:
    """Whether a kept line is a sentence: some article, not a menu."""
    return any(k and looks_like_sentence(doc.reading(i)) for i, k in enumerate(keep))


_default: Optional[Cleaner] = None


def _cleaner(options: Optional[Options]) -> Cleaner:
    """The shared default Cleaner (model loaded once per process), or one for other options."""
    global _default
    if _default is None:
        _default = Cleaner(DEFAULT)
    if options is None or options == DEFAULT:
        return _default
    if options.model_path is None and options.use_model:
        return Cleaner(options, model=_default._line_model())
    return Cleaner(options)


def classify(page: str, options: Optional[Options] = None) -> List[LineDecision]:
    """Every line of the page with its label, keep decision, score and the path that decided."""
    return _cleaner(options).classify(page)


def clean(page: str, options: Optional[Options] = None) -> str:
    """The article's headline and body lines, unchanged and in order; chrome removed."""
    return _cleaner(options).clean(page)


def clean_and_explain(page: str, options: Optional[Options] = None) -> Tuple[str, List[LineDecision]]:
    """``clean()``'s text and ``classify()``'s decisions from one pass (as ftfy's fix_and_explain)."""
    return _cleaner(options).clean_and_explain(page)
