"""The context rule: a line the model doubts is kept when kept lines stand above and below it.

A stand-in scorer reads each line's keep-probability from the line itself ("0.30 | text"), so each
case says exactly what the model thought and what must become of every line.
"""
from __future__ import annotations

import numpy as np
import pytest

from cleaner import Cleaner, Options
from conftest import save_model


class ScoreInLine:
    """Keep-probability = the number before " | " (title probability 0)."""

    classes_ = np.array(["body", "title", "chrome"])

    def predict_proba(self, docs):
        p = [float(line.split(" | ")[0]) for doc in docs for line in doc.lines if line.strip()]
        return np.array([(k, 0.0, 1 - k) for k in p], dtype=float).reshape(-1, 3)


@pytest.fixture
def scored(tmp_path) -> str:
    return str(save_model(tmp_path / "score-in-line.joblib", ScoreInLine()))


BODY = "0.95 | A paragraph the model is sure belongs to the article."
# (case, page lines: None is a blank line, expected keep per non-blank line)
CASES = [
    ("a doubted subhead between paragraphs", [BODY, "0.30 | Invasion fears", BODY], [True, True, True]),
    ("a run of doubted list items", [BODY, "0.45 | - one", "0.25 | - two", BODY], [True, True, True, True]),
    ("blank lines do not break the run", [BODY, None, "0.30 | Subhead", None, BODY], [True, True, True]),
    ("below the floor: chrome", [BODY, "0.15 | Share this", BODY], [True, False, True]),
    ("chrome below the run", [BODY, "0.30 | Doubted", "0.02 | Menu", BODY], [True, False, False, True]),
    ("chrome above the run", [BODY, "0.02 | Menu", "0.30 | Doubted", BODY], [True, False, False, True]),
    # (a page's first line right above the article would be its headline: headline._top_line)
    ("nothing kept above (page start)", ["0.02 | Menu", "0.30 | Doubted", BODY], [False, False, True]),
    ("nothing kept below (page end)", [BODY, "0.30 | Doubted"], [True, False]),
]


@pytest.mark.parametrize("name, lines, expected", CASES, ids=[c[0] for c in CASES])
def test_doubted_lines_kept_only_between_kept_lines(scored, name, lines, expected):
    page = "\n".join(line or "" for line in lines) + "\n"
    cleaner = Cleaner(Options(model_path=scored, settle=False))
    decisions = [d for d in cleaner.classify(page) if d.label != "blank"]
    assert [d.keep for d in decisions] == expected
    for d in decisions:
        doubted_and_kept = d.keep and d.score < 0.5
        assert ("above and below" in d.reason) == doubted_and_kept, d


def test_no_band_at_a_threshold_at_or_below_the_floor(scored):
    """With a threshold of 0.2 nothing scores between the floor and it: only the threshold decides
    (as for HTML text and settle's looks, which remove only sure chrome)."""
    page = "\n".join([BODY, "0.19 | Doubted", BODY]) + "\n"
    decisions = [d for d in Cleaner(Options(model_path=scored, settle=False, threshold=0.2)).classify(page)]
    assert [d.keep for d in decisions] == [True, False, True]


# -- the article's closing line: the line right after the last kept one ----------------------------

class ScoresInLine:
    """Stand-in for the model's scores: "keep/words | text" gives the line's keep-probability and
    its word model's score (the title head 0)."""

    @staticmethod
    def predict(cleaner, model, docs):
        from cleaner.model import LineScores

        pages = []
        for doc in docs:
            rows = [line.split(" | ")[0].split("/") for line in doc.lines]
            keep = np.array([float(r[0]) if line.strip() else 0.0 for r, line in zip(rows, doc.lines)])
            idx = list(doc.nonblank())
            scores = LineScores.of_rows(np.array([(k, 0.0, 1 - k) for k in keep], np.float32), doc)
            scores.words = np.zeros(len(doc.lines), np.float32)
            scores.words[idx] = [float(rows[i][1]) for i in idx]
            pages.append(scores)
        return pages


SENTENCE = "0.95/0.9 | The talks in Geneva ended without an agreement, both sides said on Monday."
CREDIT = "0.18/0.6 | With reporting by the agencies"
NOTICE = "0.05/0.1 | The publisher has been declared an undesirable organisation"
# (case, page lines, expected keep per non-blank line)
CLOSING = [
    ("a closing credit above notices", [SENTENCE, CREDIT, NOTICE], [True, True, False]),
    ("the page's last line", [SENTENCE, CREDIT], [True, True]),
    ("only the first line after the article", [SENTENCE, CREDIT, CREDIT], [True, True, False]),
    ("words call it chrome", [SENTENCE, "0.18/0.4 | Follow us for more stories", NOTICE], [True, False, False]),
    ("surely chrome", [SENTENCE, "0.05/0.9 | With reporting by the agencies", NOTICE], [True, False, False]),
    ("the article does not end on a sentence", ["0.95/0.9 | Invasion fears", CREDIT, NOTICE], [True, False, False]),
]


@pytest.mark.parametrize("name, lines, expected", CLOSING, ids=[c[0] for c in CLOSING])
def test_a_doubted_line_closing_the_article_is_kept_when_its_words_read_as_article(monkeypatch, name, lines, expected):
    monkeypatch.setattr(Cleaner, "_predict", ScoresInLine.predict)
    page = "\n\n".join(lines) + "\n"
    decisions = [d for d in Cleaner(Options(settle=False, input_format="text")).classify(page) if d.label != "blank"]
    assert [d.keep for d in decisions] == expected
    for d in decisions:
        assert ("closes the article" in d.reason) == (d.keep and d.score < 0.5), d


def test_no_closing_line_where_only_sure_chrome_goes(monkeypatch):
    """At a threshold at or below the context rule's floor (HTML text, settle's looks) only the
    threshold decides."""
    monkeypatch.setattr(Cleaner, "_predict", ScoresInLine.predict)
    page = "\n\n".join([SENTENCE, CREDIT, NOTICE]) + "\n"
    decisions = Cleaner(Options(settle=False, input_format="text", threshold=0.2)).classify(page)
    assert [d.keep for d in decisions if d.label != "blank"] == [True, False, False]
