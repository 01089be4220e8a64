"""Per-line features: shape of the matrix, finiteness, duplicate and stop-word signals."""
from __future__ import annotations

import justext
import numpy as np
import pytest
from hypothesis import given, strategies as st

from cleaner.document import Document
from cleaner.features import (OWN, LineFeatures, _WORD, char_class_counts, line_features, n_line_features,
                              page_stopwords)

ENGLISH = """Home | World | Business | Sport
Accept cookies

Harbour bridge to reopen after repairs

The bridge over the harbour will reopen to traffic on Monday after six months of repairs to its steel frame.
Engineers found that the damage was worse than they had expected when the work began in the autumn.

Share on Facebook | Twitter
© 2025 Coast Herald. All rights reserved.
"""

GERMAN = """Startseite | Politik | Wirtschaft | Sport

Die Fähre zur Insel fährt wieder

Die Fähre zwischen dem Hafen und der Insel soll ab dem ersten April wieder fahren, wie die Behörde am Donnerstag mitteilte.
Der Betrieb war im vergangenen Sommer eingestellt worden, nachdem bei einer Prüfung Schäden am Rumpf gefunden worden waren.
Die Reparatur hat länger gedauert, als es die Werft und die Behörde im Herbst noch erwartet hatten.
Für die Bewohner der Insel ist das eine gute Nachricht, denn sie waren lange auf ein kleines Wassertaxi angewiesen.
"""


def col(name):
    """Column of a named own-line feature in LineFeatures' output (column 0 is the doc index)."""
    return 1 + OWN.index(name)


def test_one_row_per_nonblank_line_with_doc_index():
    docs = [Document.from_text(ENGLISH), Document.from_text(GERMAN), Document.from_text("\n\n  \n")]
    X = LineFeatures().fit(docs).transform(docs)
    counts = [sum(1 for l in d.lines if l.strip()) for d in docs]
    assert X.shape == (sum(counts), 1 + n_line_features())
    assert X[:, 0].tolist() == [0.0] * counts[0] + [1.0] * counts[1]
    assert np.isfinite(X).all()


def test_fixed_number_of_columns_whatever_the_page():
    pages = ["one line", "a\n\nb\n\nc\n", ENGLISH, GERMAN, "x" * 5000, "中文新闻标题\n正文第一段。"]
    for page in pages:
        f = line_features(Document.from_text(page))
        assert f.shape == (sum(1 for l in Document.from_text(page).lines if l.strip()), n_line_features())
        assert np.isfinite(f).all()


def test_no_documents_and_blank_documents():
    assert LineFeatures().transform([]).shape == (0, 1 + n_line_features())
    assert line_features(Document.from_text("")).shape == (0, n_line_features())
    assert LineFeatures().transform([Document.from_text("\n \n\t\n")]).shape == (0, 1 + n_line_features())


@pytest.mark.parametrize("page", [
    "\u200b\n\ufeff\n\x00\x01\n" + "🙂" * 40 + "\n" + "\u0301" * 10,
    "|||| ••• ›› //\n" + "1234567890 " * 30 + "\n.\n!\n?",
    "\r\r\r\n\n\r",
])
def test_features_finite_on_odd_lines(page):
    f = LineFeatures().transform([Document.from_text(page)])
    assert np.isfinite(f).all()
    assert len(f) == sum(1 for l in Document.from_text(page).lines if l.strip())


def test_adjacent_duplicate_line_is_marked():
    page = "Breaking news\nLive updates on the storm\nLive updates on the storm\nThe storm reached the coast at noon.\n"
    X = LineFeatures().transform([Document.from_text(page)])
    assert X[:, col("same_as_prev")].tolist() == [0, 0, 1, 0]
    assert X[:, col("same_as_next")].tolist() == [0, 1, 0, 0]
    assert X[1, col("dup_count")] == pytest.approx(np.log(2))
    assert X[0, col("dup_count")] == 0


def test_duplicates_across_a_blank_line_are_not_adjacent():
    page = "Live updates on the storm\n\nLive updates on the storm\n"
    X = LineFeatures().transform([Document.from_text(page)])
    assert X[:, col("same_as_prev")].tolist() == [0, 0]
    assert X[:, col("same_as_next")].tolist() == [0, 0]
    assert (X[:, col("dup_count")] > 0).all()     # still counted as repeated on the page


def test_duplicate_ignores_case_and_spacing():
    page = "Most read\nMOST   READ\n"
    X = LineFeatures().transform([Document.from_text(page)])
    assert X[:, col("same_as_prev")].tolist() == [0, 1]


def _tokens(page):
    return [w.lower() for w in _WORD.findall(page)]


def test_german_page_uses_german_stoplist():
    toks = _tokens(GERMAN)
    stops = page_stopwords(toks)
    german = set(justext.get_stoplist("German"))
    assert {"die", "der", "und"} <= stops
    assert stops <= german and stops <= set(toks)
    share = sum(t in stops for t in toks) / len(toks)
    english_share = sum(t in set(justext.get_stoplist("English")) for t in toks) / len(toks)
    assert share >= 0.3
    assert share > english_share + 0.2


def test_german_sentences_have_high_stop_share_feature():
    doc = Document.from_text(GERMAN)
    X = LineFeatures().transform([doc])
    nonblank = [l for l in doc.lines if l.strip()]
    stop = X[:, col("stop_share")]
    sentlike = X[:, col("sentlike")]
    for k, line in enumerate(nonblank):
        if len(line) > 80:
            assert stop[k] >= 0.25, line
            assert sentlike[k] == 1, line
    assert stop[0] < 0.25          # the menu line


def test_english_page_uses_english_stoplist():
    toks = _tokens(ENGLISH)
    stops = page_stopwords(toks)
    assert {"the", "to", "of"} <= stops
    assert "die" not in stops


def test_page_stopwords_of_no_words_is_empty():
    assert page_stopwords([]) == frozenset()
    assert page_stopwords(["xqzvw", "1234"]) == frozenset()


def test_cjk_characters_count_as_words():
    sentence = "法院周二裁定该公司必须赔偿受影响的居民"
    X = LineFeatures().transform([Document.from_text(sentence + "。\n")])
    assert np.expm1(X[0, col("log_words")]) == pytest.approx(len(sentence), abs=0.01)


def test_copyright_and_bullet_flags():
    page = "© 2025 Coast Herald. All rights reserved.\n- first item of a list\nPlain sentence here.\n"
    X = LineFeatures().transform([Document.from_text(page)])
    assert X[:, col("copyright")].tolist() == [1, 0, 0]
    assert X[:, col("starts_bullet")].tolist() == [0, 1, 0]
    assert X[:, col("year")].tolist() == [1, 0, 0]


@given(st.lists(st.text(), max_size=6))
def test_char_class_counts_match_str_methods(texts):
    """The page-at-once lookup table counts exactly what str.isalpha & co. say, astral planes too."""
    expected = [[sum(c.isalpha() for c in t), sum(c.isupper() for c in t), sum(c.isdigit() for c in t),
                 sum(c.isalnum() for c in t), sum(c.isspace() for c in t)] for t in texts]
    assert char_class_counts(texts).tolist() == expected


def test_language_guess_names_the_stoplist_that_covers_most_words():
    from cleaner.features import language_guess
    assert language_guess("The council said that it would vote on the plan in the spring.") == "English"
    assert language_guess("Die Stadt hat mit dem Bau der neuen Linie noch nicht begonnen.") == "German"
    assert language_guess("12 34 56") == ""
