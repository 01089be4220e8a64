"""A box of teaser headlines inside an article goes, heading and all, up to the article's next
sentence, and so does an author's box, heading and bio (``boxes``); what only looks like one
stays."""
from __future__ import annotations

import pytest

from cleaner import Cleaner, Options, clean
from cleaner.document import Document
from cleaner.boxes import boxed, is_box_heading

ARTICLE_TOP = [
    "The town hall clock, silent since a lightning strike in August, will chime again from Saturday "
    "after volunteers spent three months rebuilding its mechanism.",
    "The repairs cost about eleven thousand pounds, most of it raised at a summer fair and through a "
    "collection at the market on Thursdays.",
]
BOX = ["Most read in local news", "ROAD CLOSURE",
       "Bypass to shut for two weekends while the bridge deck is resurfaced", "SCHOOL RUN",
       "Parents asked to share lifts as the bus company cuts the morning route"]
ARTICLE_REST = [
    "Volunteers found that the original weights had been replaced with scrap iron decades ago, which "
    "had worn the gears unevenly.",
    "A clockmaker from the next county advised the group and made two new wheels by hand, copying the "
    "worn ones tooth by tooth.",
    "The council said it would pay for a yearly service from now on, so the clock does not fall silent again.",
]
PAGE = "\n\n".join(["Home\nNews\nLocal", "Town hall clock to chime again after repairs", *ARTICLE_TOP, *BOX,
                    *ARTICLE_REST, "Share this story\nFacebook\nEmail"]) + "\n"


def test_a_most_read_box_inside_the_article_goes_and_the_article_stays():
    """The shipped model keeps the box whole (0.92 and more): its lines read like the article's."""
    out = clean(PAGE, Options(input_format="text"))
    kept = out.split("\n")
    assert all(paragraph in kept for paragraph in ARTICLE_TOP + ARTICLE_REST)
    assert not any(line in kept for line in BOX)
    assert clean(out, Options(input_format="text")) == out


@pytest.mark.parametrize("line, heading", [
    ("Most read in world news", True), ("Related articles", True), ("Related links:", True),
    ("More from UK", True), ("YOU MIGHT ALSO LIKE:", True), ("DON'T MISS", True),
    ("Weitere Beiträge zum Thema", True), ("Sur le même sujet", True), ("[ Related Stories ]", True),
    ("You may like these posts", True), ("Next Up In Science & Health", True), ("Latest Headlines", True),
    ("Popular articles", True), ("Recommended content", True), ("Keep Exploring This Topic.", True),
    ("Next up", False), ("The latest headlines from the council meeting were grim.", False),
    ("Read more", False), ("Read next", False),            # they also open the rest of an article
    ("Related to this, the council met again.", False), ("More from the council's meeting on Monday "
                                                         "evening, when it voted on the budget", False),
])
def test_is_box_heading(line, heading):
    assert is_box_heading(line) is heading


def _boxes(page: str):
    doc = Document.from_text(page)
    return {doc.lines[i] for i in boxed(doc, [bool(line.strip()) for line in doc.lines])}


def test_the_box_ends_at_the_next_sentence_and_spares_its_subhead():
    """The box's last short line right above the article's next sentence is that paragraph's subhead."""
    subhead = "How the clock was mended"
    page = "\n\n".join([ARTICLE_TOP[0], *BOX, subhead, *ARTICLE_REST])
    assert _boxes(page) == set(BOX)
    assert _boxes(page.replace(subhead + "\n\n", "")) == set(BOX)   # a teaser of 12 words is no subhead


@pytest.mark.parametrize("change", [
    lambda page: page.replace(ARTICLE_TOP[0] + "\n\n", "", 1).replace(ARTICLE_TOP[1] + "\n\n", "", 1),
    lambda page: page.replace(BOX[1], BOX[0]),                  # a label down a listing, not a heading
    lambda page: page.replace(BOX[0], "Read more"),
])
def test_no_box_above_the_article_under_a_repeated_label_or_under_read_more(change):
    """Above the first kept sentence there is no article for a box to stand in yet."""
    assert _boxes(change("\n\n".join([*ARTICLE_TOP, *BOX, *ARTICLE_REST]))) == set()


def test_each_line_of_the_box_says_why_it_went():
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(PAGE)
    reasons = {d.reason for d in decisions if d.text in BOX}
    line = PAGE.split("\n").index(BOX[0]) + 1
    assert reasons == {f"in a box of teaser headlines (its heading at line {line})"}


BASIL = ["Supermarket basil is sold as a crowd of seedlings in one small pot, and most of them die within a "
         "fortnight because they compete for the same water and light.",
         "Split the clump into three or four smaller bunches as soon as you get it home, and pot each one "
         "separately in fresh compost."]
BIO = ("Maria Lindqvist has grown herbs on a fourth-floor balcony in Gothenburg for twelve years and writes "
       "about small-space gardening every week.")


def test_an_author_box_under_the_article_goes():
    """The shipped model keeps the box's heading (0.61), not the bio."""
    page = "\n\n".join(["Home\nGarden", "How to keep basil alive on a windowsill", *BASIL,
                        "About Maria Lindqvist", BIO, "Newsletter\nPrivacy policy"]) + "\n"
    out = clean(page, Options(input_format="text"))
    assert all(paragraph in out.split("\n") for paragraph in BASIL)
    assert "Maria Lindqvist" not in out and clean(out, Options(input_format="text")) == out


def _author_box(heading: str, bio: str = BIO):
    page = "\n\n".join([*BASIL, heading, bio, "Newsletter"])
    doc = Document.from_text(page)
    return [doc.lines[i] for i in boxed(doc, [bool(line.strip()) for line in doc.lines])]


@pytest.mark.parametrize("heading", ["About Maria Lindqvist", "About the author", "ABOUT THE AUTHOR:",
                                     "Sobre o autor", "Über die Autorin"])
def test_an_author_box_is_its_heading_and_bio(heading):
    assert _author_box(heading) == [heading, BIO]


@pytest.mark.parametrize("heading, bio", [
    ("About Maria Berg", BIO),                                  # the bio is not about the one named
    ("About The Everlasting", "Sir Una Everlasting was the greatest hero of the Dominion, and its last."),
    ("About the author", "Maria Lindqvist"),                    # a name, no bio: left to the model
    ("Author Bio", "Set goals and a timeline"),                 # a stray label over the article's subhead
    ("About the author", BIO + " She" + " grows thyme, sage, mint and chives," * 30 + " too."),  # too long
    ("About us", "We are a small team of gardeners who write about growing food in cities."),
])
def test_what_only_looks_like_an_author_box_stays(heading, bio):
    assert _author_box(heading, bio) == []


def test_a_box_goes_when_the_fallback_judges_the_page_too(monkeypatch):
    """A model that keeps nothing leaves the page to the fallback, which keeps the box with the
    article; the rules that follow the model follow the fallback as well."""
    from test_api import _model_by_opening

    _model_by_opening(monkeypatch, {}, other=(0.06, 0.0, 0.94))
    page = "\n\n".join(["Town hall clock to chime again after repairs", *ARTICLE_TOP, *ARTICLE_REST, *BOX]) + "\n"
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(page)
    assert {d.path for d in decisions} == {"fallback"}
    assert [d.text for d in decisions if d.keep and d.label == "body"] == ARTICLE_TOP + ARTICLE_REST
    assert all(d.reason.startswith("in a box") for d in decisions if d.text in BOX)
