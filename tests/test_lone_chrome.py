"""A lone line shaped as chrome goes when its words say chrome too (``lone_chrome``), however its
neighbours score: one that labels a headline ("Read also: ..."), one that ends in a credit
("... (Image: Agency)"); a photo credit goes by its shape alone. Fact lists, code and article
lines of those shapes stay."""
from __future__ import annotations

import numpy as np
import pytest

from cleaner import classify
from cleaner.document import Document
from cleaner.features import ends_with_credit, labels_a_headline
from cleaner.lone_chrome import CREDIT, NAMED_TEASER, PHOTO, TEASER as TEASER_WHY, is_photo_credit, lone_chrome
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


def lone_teasers(page, low_words, word_score=0.0):
    """The lines lone_chrome drops with every line kept and the word model's score ``word_score`` on
    the lines named (0.9 on the others)."""
    doc = Document.from_text(page)
    words = np.array([word_score if line in low_words else 0.9 for line in doc.lines], np.float32)
    return {doc.lines[i] for i in lone_chrome(doc, [True] * len(doc.lines), words)}


TEASER = "Read also: Island school to get new science wing after years of delays"


def test_a_lone_teaser_the_words_call_chrome_goes():
    assert lone_teasers(page_with([TEASER]), {TEASER}) == {TEASER}


def test_a_label_and_a_headline_the_words_call_article_stay():
    watch = "WATCH: Firefighters battle the blaze at the old mill"
    assert lone_teasers(page_with([watch]), set()) == set()


@pytest.mark.parametrize("teaser", [TEASER, "Related: Ten years of the harbour festival in pictures",
                                    "See also: How the island school raised the money for its new wing",
                                    "Lesen Sie auch: Neue Fähre für die Inselroute bestellt"])
def test_a_teaser_its_label_names_goes_whatever_its_words(teaser):
    doc = Document.from_text(page_with([teaser]))
    words = np.full(len(doc.lines), 0.9, np.float32)
    assert lone_chrome(doc, [True] * len(doc.lines), words) == {doc.lines.index(teaser): NAMED_TEASER}


def test_read_more_is_not_a_teasers_name():
    """"Read more:" also links the article's own sources: it goes only when its words say chrome."""
    line = "Read more: How the council costed the new harbour wall over ten years"
    assert lone_teasers(page_with([line]), set()) == set()


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
    assert lone_chrome(doc, [True] * len(doc.lines), None) == {}


def test_the_shipped_model_drops_the_examples_teaser_and_says_why(example_text):
    line = next(d for d in classify(example_text) if d.text.startswith("Read also:"))
    assert not line.keep and line.label == "chrome" and line.reason == TEASER_WHY


def test_a_label_shaped_line_above_the_article_stays():
    headline = "Review: A quiet film about a lighthouse keeper and his daughter"
    assert lone_teasers(headline + "\n\n" + page_with([TEASER]), {headline, TEASER}) == {TEASER}
    related = "Related: A quiet film about a lighthouse keeper and his daughter"
    assert lone_teasers(related + "\n\n" + page_with([]), set()) == set()


@pytest.mark.parametrize("line, credited", [
    ("A ship waits at anchor off the terminal on Monday (Image: Harbour Press)", True),
    ("Divers inspect the old wall. (Credit: Agency/Jonas Feld)", True),
    ("(Photo credit: Mira Santos)", True),
    ("The mayor spoke to reporters (Foto: Bildagentur Nord)  ", True),
    ("The mayor spoke to reporters (Image: GETTY) and left.", False),   # not at the end
    ("The council met at 18:00 (local time)", False),                   # no label
    ("The fund holds three assets (see: the table below (2024))", False),
])
def test_ends_with_credit(line, credited):
    assert ends_with_credit(line) is credited


CAPTION = "Divers inspect the harbour wall on Tuesday morning (Credit: Agency/Jonas Feld)"


def test_a_credited_caption_the_words_call_chrome_goes_and_says_why():
    page = page_with([CAPTION])
    doc = Document.from_text(page)
    words = np.array([0.1 if line == CAPTION else 0.9 for line in doc.lines], np.float32)
    assert lone_chrome(doc, [True] * len(doc.lines), words) == {doc.lines.index(CAPTION): CREDIT}


def test_a_credited_line_the_words_call_article_stays():
    assert lone_teasers(page_with([CAPTION]), {CAPTION}, word_score=0.3) == set()


def test_a_credited_caption_above_the_article_goes_too():
    assert lone_teasers(CAPTION + "\n\n" + page_with([]), {CAPTION}) == {CAPTION}


def test_a_credit_closing_a_hard_wrapped_paragraph_is_not_judged_alone():
    last = "the building will stay open until the end of the year (Source: Town Hall)"
    blocks = wrapped_page().split("\n\n")
    page = "\n\n".join(blocks[:2] + ["Update: The library's trustees met again on Thursday evening and agreed that\n" + last]
                        + blocks[2:])
    doc = Document.from_text(page)
    assert doc.hard_wrapped and doc.paragraph[doc.lines.index(last)] == doc.paragraph[doc.lines.index(last) - 1]
    assert ends_with_credit(last) and lone_teasers(page, {last}) == set()


@pytest.mark.parametrize("line, credit", [
    ("Photo: Jonas Feld", True),
    ("Divers inspect the harbour wall on Tuesday. Credit: Jonas Feld / Harbour Press", True),
    ("Mira Santos | Getty Images", True),
    ("Harbour Studio / Shutterstock", True),
    ("Image credit: Town Hall archive", True),
    ("He paid by credit: a mistake he regretted.", False),         # no credit: a sentence's colon
    ("Source: Town Hall", False),                                    # a source is often the article's
    ("The wall was built in 1890. Divers found cracks last week. Photo: Harbour Press", False),  # two sentences
    ("The council met again on Tuesday evening to go through every line of the budget for the harbour, "
     "which has grown by a third in four years while the number of ships calling there has fallen, "
     "the treasurer said. Photo: Harbour Press", False),            # a paragraph, not a caption
])
def test_is_photo_credit(line, credit):
    assert is_photo_credit(line) is credit


def test_a_photo_credit_goes_whatever_its_words_and_says_why():
    credit = "Divers inspect the harbour wall on Tuesday. Credit: Jonas Feld / Harbour Press"
    doc = Document.from_text(page_with([credit]))
    words = np.full(len(doc.lines), 0.9, np.float32)
    assert lone_chrome(doc, [True] * len(doc.lines), words) == {doc.lines.index(credit): PHOTO}


def test_a_credit_field_of_a_fact_list_stays():
    """A card review's "Credit: Excellent" among other fields is a fact, not a photo's credit."""
    assert is_photo_credit("Credit: Excellent")
    assert lone_teasers(page_with(["Annual fee: $0", "Credit: Excellent", "Rewards: 2% cash back"]), set()) == set()
