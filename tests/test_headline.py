"""A print view that starts with its headline, hard-wrapped over two lines, with a dateline and a
caption between it and the article (seed 002's layout): the first lines are the headline
(``headline._top_line``), whole, though the title head gives them nothing."""
from __future__ import annotations

import pytest

from cleaner import Cleaner, Options, clean
from cleaner.document import Document
from cleaner.headline import TOP_LINE, _top_span
from test_api import _model_by_opening
from test_document import wrapped_page

HEADLINE = ["Library on Mill Street to close: what the", "council decided"]
DATELINE = "Wednesday, 4 March 2026"
CAPTION = "The reading room on a Saturday morning. Ana Ruiz / Mill Street Post"
ARTICLE = wrapped_page().split("\n\n", 1)[1]        # wrapped paragraphs and bullets, no headline
PRINT_VIEW = "\n".join(HEADLINE + [DATELINE, "", CAPTION]) + "\n\n" + ARTICLE
ARTICLE_OPENINGS = ("The county", "Street at", "thousand", "another", "Councillors", "of the", "would",
                    "Opponents", "- ", "  ", "A final", "consultation", "meetings")


def _stand_in(monkeypatch, first_line_keep=0.01):
    """A model that scores the article as body, the headline's first line ``first_line_keep``,
    everything else as chrome, and no line as a title."""
    rows = {opening: (0.95, 0.0, 0.05) for opening in ARTICLE_OPENINGS}
    rows[HEADLINE[0][:12]] = (first_line_keep, 0.0, 1 - first_line_keep)
    _model_by_opening(monkeypatch, rows, other=(0.005, 0.0, 0.995))


def test_the_stand_in_scores_the_whole_article_as_body(monkeypatch):
    _stand_in(monkeypatch)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(PRINT_VIEW)
    assert Document.from_text(PRINT_VIEW).hard_wrapped
    assert [d.text for d in decisions if d.label == "body"] == [line for line in ARTICLE.split("\n") if line.strip()]


@pytest.mark.parametrize("first_line_keep", [0.01, 0.6])   # the first line dropped, or kept as body
def test_a_print_view_starting_with_its_wrapped_headline_keeps_it_whole(monkeypatch, first_line_keep):
    _stand_in(monkeypatch, first_line_keep)
    decisions = Cleaner(Options(input_format="text")).classify(PRINT_VIEW)
    assert [(d.text, d.reason) for d in decisions if d.label == "title"] == [(h, TOP_LINE) for h in HEADLINE]
    assert all(not d.keep for d in decisions if d.text in (DATELINE, CAPTION))
    out = clean(PRINT_VIEW, Options(input_format="text"))
    assert out.startswith("\n".join(HEADLINE) + "\n\n") and clean(out, Options(input_format="text")) == out


def test_without_the_headline_option_both_lines_go(monkeypatch):
    _stand_in(monkeypatch)
    out = clean(PRINT_VIEW, Options(input_format="text", keep_headline=False))
    assert out.split("\n")[0] == ARTICLE.split("\n")[0]


def test_three_lines_between_the_headline_and_the_article_are_too_many(monkeypatch):
    _stand_in(monkeypatch)
    page = PRINT_VIEW.replace(DATELINE, DATELINE + "\nBy Ana Ruiz, Local Reporter")
    assert "title" not in [d.label for d in Cleaner(Options(input_format="text", settle=False)).classify(page)]


def test_a_page_not_hard_wrapped_needs_its_article_right_below_its_first_line(monkeypatch):
    """Above a scraped page's menu stands its <title>, not a headline printed over the article."""
    paragraphs = [" ".join(p.split("\n")) for p in ARTICLE.split("\n\n")]
    page = "\n".join([" ".join(HEADLINE), DATELINE, ""] + paragraphs)
    assert not Document.from_text(page).hard_wrapped
    rows = {p[:8]: (0.95, 0.0, 0.05) for p in paragraphs}
    _model_by_opening(monkeypatch, rows, other=(0.005, 0.0, 0.995))
    classify = Cleaner(Options(input_format="text", settle=False)).classify
    assert "title" not in [d.label for d in classify(page)]
    assert [d.label for d in classify(page.replace(DATELINE + "\n", ""))][0] == "title"


@pytest.mark.parametrize("top, span", [
    (HEADLINE + [DATELINE], HEADLINE),                                  # a dateline ends it: a year
    (HEADLINE + ["09:40 GMT"], HEADLINE),                               # or a clock time
    (["Library on Mill Street to close.", "council decided"], ["Library on Mill Street to close."]),
    (["Library on Mill Street:", "what the council decided"], ["Library on Mill Street:"]),
    (["Library on Mill Street to close", "- what the council decided"], ["Library on Mill Street to close"]),
    (["Library on Mill", "Street to close:", "what the", "council decided"], ["Library on Mill", "Street to close:"]),
    (["Library", "on Mill", "Street", "to close"], ["Library", "on Mill", "Street"]),   # three lines at most
])
def test_top_span_runs_on_until_a_line_ends_a_clause_or_a_dateline(top, span):
    doc = Document.from_text("\n".join(top) + "\n\n" + ARTICLE)
    assert doc.hard_wrapped
    assert [doc.lines[i] for i in _top_span(doc, doc.nonblank())] == span


def test_top_span_is_one_line_in_a_page_not_hard_wrapped():
    doc = Document.from_text("\n".join(HEADLINE) + "\n\nShort lines.\n\nOnly.\n")
    assert not doc.hard_wrapped and _top_span(doc, doc.nonblank()) == [0]
