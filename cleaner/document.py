"""A page as lines: the exact text of each line, its line ending, and how lines group.

Everything downstream refers to lines by index into ``Document.lines``; the output is assembled
from these exact strings, so a kept line can never be altered.

Two groupings matter:
- blocks: runs of non-blank lines between blank lines (a scraper's "one block per line" view);
- paragraphs: hard-wrapped text (print/PDF views) splits one paragraph over several lines; such
  lines are joined into one paragraph so it is kept or removed whole, never half.

The model reads a page as its training pages came (``Document.model_view``): each paragraph on
one line, blocks set apart by blank lines, plain text rather than Markdown. Pages laid out
otherwise are read through that view; their own lines are what is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_STARTS_ITEM = re.compile(r"^\s*(?:[-–—•*·▪►]|\d{1,3}[.)])\s")

# A page is hard-wrapped when its long lines stop at a common width, as print views do.
WRAP_MAX_WIDTH = 130      # wider lines are not a print/PDF wrap
WRAP_MIN_WIDTH = 40       # narrower "wraps" are menus and lists, not paragraphs
WRAP_FULL_SHARE = 0.7     # a line this close to the wrap width continues on the next line
WRAP_MIN_SHARE = 0.25     # share of non-blank lines that must run on for the page to count as wrapped,
WRAP_FULL_RUN_SHARE = 0.5  # ... or this share of the full-width lines (at least WRAP_MIN_RUNS of them),
WRAP_MIN_RUNS = 5          # where the next lines go on in lower case often enough (a menu's items
WRAP_LOWER_SHARE = 0.3     # start with capitals): a page with a long menu has few lines that run on
# A page with fewer blank lines than this share of its other lines is unspaced: a scraper joined
# its texts with line breaks alone. Every benchmark text view has a share of 0.06 or more (medians
# 0.47 and 0.59), the team's pages 0.37. At 0.15, seven wcxb pages (0.06-0.13) were read spaced
# too: two gained (+0.30, +0.19) and four lost (-0.55 .. -0.05); the model reads them as trained.
UNSPACED_BLANK_SHARE = 0.05
VIEW_MIN_LINES = 10   # a few lines tell little of a layout: a short page is read as it is
# An unspaced page is in text nodes, a line each (BeautifulSoup's get_text("\n")), when this share
# of its lines go on from a line that ends no sentence, in lower case or with a stop or comma: a
# link or bold word inside a sentence stood on a line of its own. Such lines continue their
# paragraph. Text views without blank lines have 0-2.4% such lines (wcxb, deciles), pages in
# text nodes 1-22%; the few there are in the first are list items and menus, left alone.
FRAGMENT_SHARE = 0.03
_GOES_ON = tuple(",.;:)!?’”")
# A page is Markdown when this share of its lines hold a link's "](" (a wrapped link's target may
# close on a later line; a heading's "#" alone is no sign: code comments start so). No bracket or
# parenthesis is matched across another, so a line of thousands of them is read in linear time.
MARKDOWN_LINK_SHARE = 0.05
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_LEAD = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|[*+-]\s+|\d{1,3}\.\s+)?")
_MD_TARGET = re.compile(r"\]\([^()\s]*\)")   # a link's whole target on a line: no part of its width
_MD_EMPHASIS = re.compile(r"\*\*|__|`")


def markdown_plain(line: str, images: bool = False) -> str:
    """A Markdown line's text as a text view prints it: links as their words, no heading, quote or
    list marks, no emphasis marks; images as their alt text with ``images``, else left out (an
    image's alt text is a caption, never the article's: a line of images alone reads as blank)."""
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1" if images else "", line))
    text = _MD_EMPHASIS.sub("", text[_MD_LEAD.match(text).end():])
    return " ".join(text.split())


_SENTENCE_END = tuple('.!?:;"”’»)')
# A line that ends a sentence: its stop not an abbreviation's ("Mr.", "Rt. Hon.", "U.S.", an initial)
_ENDS_SENTENCE = re.compile(r"(?:[!?]|(?<![.\s][A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\.[A-Za-z])\.)[\"”’»)]*$")


@dataclass
class Document:
    lines: List[str]                 # each line's exact text, without its line ending
    endings: List[str]               # each line's ending ("\n", "\r\n", "\r" or "" for the last)
    paragraph: List[int] = field(default_factory=list)   # paragraph id per line, -1 for blank lines
    hard_wrapped: bool = False
    _nonblank: Optional[Tuple[int, ...]] = field(default=None, init=False, repr=False, compare=False)
    _view: Optional[tuple] = field(default=None, init=False, repr=False, compare=False)
    _markdown: Optional[bool] = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> "Document":
        if "\r" in text:
            lines, endings, pos = [], [], 0
            for m in _LINE_BREAK.finditer(text):
                lines.append(text[pos:m.start()])
                endings.append(m.group())
                pos = m.end()
            if pos < len(text) or not lines:
                lines.append(text[pos:])
                endings.append("")
        else:       # "\n" alone ends lines: split, a few times faster than matching each break
            lines = text.split("\n")
            endings = ["\n"] * len(lines)
            if len(lines) > 1 and not lines[-1]:    # the text ends with a line break
                lines.pop()
                endings.pop()
            else:
                endings[-1] = ""
        doc = cls(lines, endings)
        doc._markdown = _is_markdown([line for line in lines if line.strip()])
        doc.hard_wrapped, doc.paragraph = _paragraphs(lines, doc._markdown)
        return doc

    @property
    def text(self) -> str:
        """The page exactly as it was read."""
        return "".join(line + ending for line, ending in zip(self.lines, self.endings))

    @property
    def newline(self) -> str:
        """The page's dominant line ending, used for the blank lines the output adds."""
        seen = [e for e in self.endings if e]
        return max(("\n", "\r\n", "\r"), key=seen.count) if seen else "\n"   # fixed order: ties break alike

    def is_blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def nonblank(self) -> List[int]:
        """Indices of the non-blank lines: the lines that get a decision. A fresh list each call
        (callers may change theirs), copied from one found once: a page's judgement asks a dozen
        times."""
        if self._nonblank is None:
            self._nonblank = tuple(i for i, pid in enumerate(self.paragraph) if pid >= 0)
        return list(self._nonblank)

    @property
    def unspaced(self) -> bool:
        """Whether the page has (nearly) no blank lines: no blocks to read (``UNSPACED_BLANK_SHARE``)."""
        return _unspaced(len(self.lines), len(self.nonblank()))

    @property
    def markdown(self) -> bool:
        """Whether the page is Markdown (``MARKDOWN_LINK_SHARE`` of its lines hold a link's "](")."""
        if self._markdown is None:
            self._markdown = _is_markdown([self.lines[i] for i in self.nonblank()])
        return self._markdown

    def model_view(self) -> Tuple[Optional["Document"], List[int]]:
        """The page as the model was trained to read it, and for each line of this page the index
        of its line there (-1 for a blank line); None for a page the model reads as it is.

        Each paragraph stands on one line (its lines stripped and joined by a space): a
        hard-wrapped line alone reads as a fragment, and scored one by one, hard-wrapped copies of
        the benchmark articles lost much of them. In an unspaced page a blank line stands between
        every two paragraphs: trained on pages whose blocks stand apart, the model kept 0.75 and
        0.71 of the benchmark articles' words from copies of their text views without blank lines.
        A Markdown page's lines read as their text (``markdown_plain``). Made once per page.
        """
        if self._view is None:
            self._view = self._model_view()
        return self._view

    def reading(self, i: int) -> str:
        """Line ``i`` as the model reads it: its paragraph's line in the model view, so a wrapped
        line reads as its whole paragraph and a Markdown line as its text ("" for a blank line).
        A sentence spans a hard-wrapped page's lines: asked of one line, "is this a sentence?" says
        no, and a wrapped article looked like a page of fragments."""
        view, line_of = self.model_view()
        if view is None:
            return self.lines[i]
        return view.lines[line_of[i]] if line_of[i] >= 0 else ""

    def _model_view(self) -> Tuple[Optional["Document"], List[int]]:
        spaced, markdown = self.unspaced, self.markdown
        if not (self.hard_wrapped or spaced or markdown):
            return None, []
        lines: List[str] = []
        line_of: List[int] = []
        for i, (line, pid) in enumerate(zip(self.lines, self.paragraph)):
            if pid < 0:
                lines.append(line)
                line_of.append(-1)
                continue
            if i and self.paragraph[i - 1] == pid:
                last = lines[-1].rstrip()
                joint = "" if _hyphen_break(last) or line.lstrip().startswith(_GOES_ON) else " "
                lines[-1] = f"{last}{joint}{line.strip()}"
            else:
                if spaced and lines and lines[-1].strip():
                    lines.append("")
                lines.append(line)
            line_of.append(len(lines) - 1)
        if markdown:        # a paragraph at once: its links and images may span its lines
            lines = [markdown_plain(line) if line.strip() else line for line in lines]
        paragraph, n = [], 0
        for line in lines:
            paragraph.append(n if line.strip() else -1)
            n += bool(line.strip())
        return Document(lines, ["\n"] * len(lines), paragraph), line_of

    def render(self, keep: Sequence[bool]) -> str:
        """The kept lines, unchanged and in order; runs of blank lines collapse to one.

        A blank line stands between two kept lines when the input had blank line(s) between them,
        so the page's block structure survives the removal of whole blocks.
        """
        out: List[str] = []
        blank = None          # the first blank line of the run since the last kept line
        nl = self.newline
        for i, line in enumerate(self.lines):
            if self.is_blank(i):
                if blank is None and out:
                    blank = i
                continue
            if not keep[i]:
                continue
            if blank is not None:
                # the run's first blank line's own ending, so a second pass renders the same bytes;
                # after a lone CR, an added LF would read back as one CRLF break: add a CR instead
                sep = self.endings[blank] or nl
                out.append("\r" if out[-1].endswith("\r") and sep == "\n" else sep)
            blank = None
            out.append(line + (self.endings[i] or nl))
        return "".join(out)


def _hyphen_break(text: str) -> bool:
    """Whether a wrap came after a word's hyphen ("self-" / "portrait", ".../wp-" / "content/..."):
    such lines join without a space, as they read before the wrap. A dash after a space is a dash."""
    return text.endswith("-") and text[-2:-1].isalnum()


def _unspaced(n_lines: int, n_nonblank: int) -> bool:
    return n_nonblank >= VIEW_MIN_LINES and n_lines - n_nonblank < UNSPACED_BLANK_SHARE * n_nonblank


def _goes_on(before: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence ``before`` left open (a text node after a link)."""
    start = line.lstrip()[:1]
    return (start.islower() or start in _GOES_ON) and not before.rstrip().endswith(_SENTENCE_END)


def _url_alone(line: str, length: int) -> bool:
    """A line of one long word with a slash: a URL or a piece of one (a Japanese sentence has no
    space either, but is no URL)."""
    return length > WRAP_MIN_WIDTH and "/" in line and " " not in line.strip()


def _next_word_overflows(lines: List[str], i: int, width: int) -> bool:
    """Whether the next line's first word would not have fit on line ``i``: the wrap was forced
    there, however short the line (a long word or link came next)."""
    if i + 1 >= len(lines):
        return False
    following = lines[i + 1].split(None, 1)
    return bool(following) and len(lines[i].rstrip()) + 1 + len(following[0]) > width


def _is_markdown(lines: List[str]) -> bool:
    links = sum(1 for line in lines if "](" in line)
    return len(lines) >= VIEW_MIN_LINES and links >= MARKDOWN_LINK_SHARE * len(lines)


def _opens_link(line: str) -> bool:
    """Whether a Markdown link or image opened on this line closes on a later one: a wrap broke its
    words, stopped short of its long target, or broke the target after a hyphen (html2text does)."""
    if "[" not in line and "](" not in line:
        return False
    rest = _MD_LINK.sub("", _MD_IMAGE.sub("", line.replace("\\[", "").replace("\\]", "")))
    return rest.rfind("[") > rest.rfind("]") or rest.rfind("](") > rest.rfind(")")


def _paragraphs(lines: List[str], markdown: bool = False):
    """Paragraph id per line; in hard-wrapped pages a full-width line runs on into the next, in
    Markdown a line whose link or image is left open runs on until it closes, and in a page of
    text nodes a line goes on with the sentence the line before left open."""
    lengths = [len((_MD_TARGET.sub("]", l) if "](" in l else l).rstrip()) for l in lines]
    nonblank = [i for i, n in enumerate(lengths) if lines[i].strip()]
    # a line of a URL alone (a link's target) is as long as it is, whatever the wrap's width
    widths = sorted(lengths[i] for i in nonblank if not _url_alone(lines[i], lengths[i]))
    wrapped = False
    width = 0
    if len(widths) >= 8:
        width = widths[int(0.95 * (len(widths) - 1))]
        if WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
            full = [i for i in nonblank if lengths[i] >= WRAP_FULL_SHARE * width]
            runs_on = [i for i in full if i + 1 < len(lines) and lines[i + 1].strip()]
            mid_sentence = sum(1 for i in runs_on if not lines[i].rstrip().endswith(_SENTENCE_END))
            lower = sum(1 for i in runs_on if lines[i + 1].lstrip()[:1].islower())
            wrapped = mid_sentence >= 0.5 * len(runs_on) and (
                len(runs_on) >= WRAP_MIN_SHARE * len(nonblank) or
                (len(runs_on) >= max(WRAP_MIN_RUNS, WRAP_FULL_RUN_SHARE * len(full)) and
                 lower >= WRAP_LOWER_SHARE * len(runs_on)))
    nodes = _unspaced(len(lines), len(nonblank)) and sum(
        _goes_on(lines[a], lines[b]) for a, b in zip(nonblank, nonblank[1:])) >= FRAGMENT_SHARE * len(nonblank)
    para, pid = [], -1
    prev_runs_on = link_open = False
    for i, line in enumerate(lines):
        if not line.strip():
            para.append(-1)
            prev_runs_on = link_open = False
            continue
        goes_on = nodes and i and lines[i - 1].strip() and _goes_on(lines[i - 1], line)
        if not (link_open or goes_on or wrapped and prev_runs_on and not _STARTS_ITEM.match(line) and
                not (_ENDS_SENTENCE.search(lines[i - 1].rstrip()) and line.lstrip()[:1].isupper())):
            pid += 1
        para.append(pid)
        prev_runs_on = wrapped and (lengths[i] >= WRAP_FULL_SHARE * width or _next_word_overflows(lines, i, width))
        link_open = markdown and _opens_link(line if not link_open else lines[i - 1] + " " + line)
    return wrapped, para
