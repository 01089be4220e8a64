"""A lone line that labels a headline ("Read also: ...") goes when its words say chrome
(``api._lone_teasers``), however its neighbours score; fact lists and code stay."""
from __future__ import annotations

import numpy as np
import pytest

from cleaner import classify
from cleaner.api import _lone_teasers
from cleaner.document import Document
from cleaner.features import labels_a_headline
from test_document import wrapped_page

PARAGRAPH = ("The council approved the plan on Tuesday after a long debate about its cost, "
             "and work on the new harbour wall is due to start in the spring.")


@pytest.mark.parametrize("line, labels", [
    ("Read also: Island school to get new science wing after years of delays", True),
    ("Photo: Jonas Feld / Harbourside Courier", True),
    ("WATCH: Firefighters battle the blaze at the old mill", True),
    ("Lire aussi : Les travaux du tramway reprennent en septembre", True),
    ("Read also: Bridge closed", False),                        # too few words to be a headline
    ("Date: June 8-11, 2026", False),                           # a fact's field
    ("Registration: https://example.org/register", False),
    ("- Locations: 67 across the whole of the state", False),   # a list item
    ("  displayName: String of the user shown in the app", False),  # indented: code
    ("Read also: why the council changed its mind.", False),    # ends as a sentence ends
    ("At 18:00 the council met again to vote on the plan", False),
])
def test_labels_a_headline(line, labels):
    assert labels_a_headline(line) is labels


def page_with(middle):
    return "\n\n".join([PARAGRAPH, *middle, PARAGRAPH]) + "\n"


def lone_teasers(page, low_words):
    """_lone_teasers with every line kept and the word model's score low on the lines named."""
    doc = Document.from_text(page)
    words = np.array([0.0 if line in low_words else 0.9 for line in doc.lines], np.float32)
    return {doc.lines[i] for i in _lone_teasers(doc, [True] * len(doc.lines), words)}


TEASER = "Read also: Island school to get new science wing after years of delays"


def test_a_lone_teaser_the_words_call_chrome_goes():
    assert lone_teasers(page_with([TEASER]), {TEASER}) == {TEASER}


def test_a_teaser_the_words_call_article_stays():
    assert lone_teasers(page_with([TEASER]), set()) == set()


def test_a_field_of_a_fact_list_stays():
    facts = ["Venue: The old harbour warehouse on Pier Road", "Date: 14 June", "Tickets: free"]
    assert lone_teasers(page_with(["\n".join(facts)]), set(facts)) == set()


def test_a_line_of_a_hard_wrapped_paragraph_is_not_judged_alone():
    first = "Update: The library's trustees met again on Thursday evening and agreed that"
    blocks = wrapped_page().split("\n\n")      # headline, paragraphs...: below a kept sentence
    page = "\n\n".join(blocks[:2] + ["It was the third vote on the plan in less than a year, the clerk said.",
                                      f"{first}\nthe building will stay open until the end of the year"] + blocks[2:])
    doc = Document.from_text(page)
    assert doc.hard_wrapped and doc.paragraph[doc.lines.index(first)] == doc.paragraph[doc.lines.index(first) + 1]
    assert labels_a_headline(first) and lone_teasers(page, {first}) == set()


def test_without_word_scores_nothing_goes():
    doc = Document.from_text(page_with([TEASER]))
    assert _lone_teasers(doc, [True] * len(doc.lines), None) == set()


def test_the_shipped_model_drops_the_examples_teaser_and_says_why(example_text):
    line = next(d for d in classify(example_text) if d.text.startswith("Read also:"))
    assert not line.keep and line.label == "chrome" and "a label and a headline" in line.reason


def test_a_label_shaped_line_above_the_article_stays():
    headline = "Review: A quiet film about a lighthouse keeper and his daughter"
    assert lone_teasers(headline + "\n\n" + page_with([TEASER]), {headline, TEASER}) == {TEASER}
