"""Labeled pages for training and evaluation: the team's own ``training_data/`` and benchmark corpora.

A ``LabeledPage`` is the page text (exactly as a scraper hands it over) with one label per line
("body", "title", "chrome"; None for blank lines). Both sources come out in this one shape, so
training, cross-validation and the benchmark never care where a page came from.

Benchmark corpora (``../shared/benchmarks/<name>/``) are read at run time from a path the caller
gives; nothing of them is copied into the project.
"""
from __future__ import annotations

import gzip
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

LABELS = ("body", "title", "chrome")
TEAM_TAGS = {"b": "body", "t": "title", "c": "chrome"}


@dataclass
class LabeledPage:
    doc_id: str
    text: str                          # the page, lines joined with "\n"
    labels: List[Optional[str]]        # one per line of text.split("\n"); None for blank lines
    source: str                        # corpus name, or "team"
    fold: int = -1                     # cross-validation fold (-1: always in training)
    group: str = ""                    # pages of one group (site/template) never split across folds
    gold: Optional[str] = None         # gold article text, where the corpus has one
    html_path: Optional[Path] = None
    lang: str = ""

    @property
    def lines(self) -> List[str]:
        return self.text.split("\n")

    def html(self) -> Optional[str]:
        if self.html_path is None:
            return None
        with gzip.open(self.html_path, "rt", encoding="utf-8", errors="replace") as f:
            return f.read()


def read_team_page(path: Path) -> LabeledPage:
    """A team-written page: each line is ``<tag>\\t<text>`` (tags b/t/c), an empty line is a blank line."""
    lines, labels = [], []
    for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not raw.strip():
            lines.append("")
            labels.append(None)
            continue
        tag, sep, text = raw.partition("\t")
        if not sep or tag not in TEAM_TAGS:
            raise ValueError(f"{path}:{n}: expected '<b|t|c><TAB><text>', got {raw[:40]!r}")
        lines.append(text)
        labels.append(TEAM_TAGS[tag] if text.strip() else None)
    while lines and not lines[-1].strip():
        lines.pop()
        labels.pop()
    lang = path.name.split("_", 1)[0] if "_" in path.name else ""
    return LabeledPage(path.stem, "\n".join(lines), labels, "team", group=path.stem, lang=lang)


def read_team_data(folder: Path) -> List[LabeledPage]:
    return [read_team_page(p) for p in sorted(Path(folder).glob("**/*.txt"))]


def read_benchmark(folder: Path) -> List[LabeledPage]:
    """One benchmark corpus in the shared format (text/, lines.jsonl, splits.json, ground-truth.jsonl)."""
    folder = Path(folder)
    splits = json.loads((folder / "splits.json").read_text(encoding="utf-8"))
    gold: Dict[str, dict] = {}
    with open(folder / "ground-truth.jsonl", encoding="utf-8") as f:
        for row in map(json.loads, f):
            gold[row["id"]] = row
    by_doc: Dict[str, Dict[int, str]] = {}
    with open(folder / "lines.jsonl", encoding="utf-8") as f:
        for row in map(json.loads, f):
            by_doc.setdefault(row["doc_id"], {})[row["line_no"]] = row["label"]
    pages = []
    for doc_id in sorted(by_doc):
        text = (folder / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        labels = [by_doc[doc_id].get(i + 1) if lines[i].strip() else None for i in range(len(lines))]
        labels = [lab if lab is not None or not lines[i].strip() else "chrome" for i, lab in enumerate(labels)]
        html = folder / "html" / f"{doc_id}.html.gz"
        g = gold.get(doc_id, {})
        pages.append(LabeledPage(
            doc_id, text, labels, folder.name,
            fold=splits["fold"].get(doc_id, -1),
            group=splits.get("group", {}).get(doc_id, doc_id),
            gold=g.get("article_body"),
            html_path=html if html.exists() else None,
            lang=g.get("lang", ""),
        ))
    return pages


def benchmark_folders(root: Path) -> Iterator[Path]:
    """Every corpus folder under a benchmarks root (a folder holding ``lines.jsonl``)."""
    for p in sorted(Path(root).iterdir()):
        if (p / "lines.jsonl").exists():
            yield p


ARTICLE_ONLY = "~article"     # doc_id suffix of a page's article-only copy


def article_only(page: LabeledPage) -> LabeledPage:
    """The page as cleaner should leave it: only its title and body lines, labels kept.

    Training on these teaches the model that an already clean page stays as it is (so cleaning is
    idempotent, and a pre-commit hook does not keep rewriting a cleaned corpus).
    """
    from .document import Document

    doc = Document.from_text(page.text)
    kept = [lab in ("body", "title") for lab in page.labels]
    text = doc.render(kept).rstrip("\n")
    it = iter(lab for lab, k in zip(page.labels, kept) if k)
    labels = [next(it) if line.strip() else None for line in text.split("\n")]
    return LabeledPage(page.doc_id + ARTICLE_ONLY, text, labels, page.source, page.fold,
                       page.group, page.gold, None, page.lang)


def hard_wrapped(text: str, width: int) -> str:
    """The text with every line longer than ``width`` broken at spaces into lines of at most
    ``width`` characters (a word longer than that stands alone), as a print view or a terminal
    browser lays a page out: the same words, so a gold scores it alike."""
    out = []
    for line in text.split("\n"):
        out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) \
            if len(line) > width else [line]
    return "\n".join(out)


def without_blank_lines(text: str) -> str:
    """The text with its blank lines left out, as a scraper that joins a page's texts with line
    breaks alone hands it over."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def text_nodes(html: str) -> str:
    """The page's text nodes, a line each, stripped, as BeautifulSoup's ``get_text("\\n",
    strip=True)`` hands a page over (made with lxml): a link or bold word inside a sentence stands
    on a line of its own. Scripts and styles are no text; an unparsable page has none."""
    return "\n".join(text.strip() for text in _texts(html) if text.strip())


def run_together(html: str) -> str:
    """The page's text nodes run together, as BeautifulSoup's ``get_text()`` hands a page over:
    lines break where the HTML source's did, so a minified page's article and chrome share lines."""
    return "".join(_texts(html))


def _texts(html: str) -> List[str]:
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    for code in root.xpath("//script|//style|//noscript|//template"):
        code.drop_tree()
    return list(root.itertext())


def has_html2text() -> bool:
    """Whether html2text, which ``markdown_of`` needs, is installed (it is no dependency of cleaner)."""
    import importlib.util

    return importlib.util.find_spec("html2text") is not None


def markdown_of(html: str, width: int = 0) -> str:
    """The page as Markdown, as html2text writes it (lines wrapped at ``width`` as html2text wraps
    them; 0: unwrapped), the layout of many scrapers that feed language models."""
    import html2text

    writer = html2text.HTML2Text()
    writer.body_width = width
    return writer.handle(html)
