"""Lines the model keeps above the headline are not yet the article (``headline.above_headline``):
a "Most read" list of teaser headlines goes, unless a sentence stands up there too, which says
the headline may be a subhead and the article may start above it."""
from __future__ import annotations

from cleaner import Cleaner, Options, clean
from cleaner.headline import ABOVE_HEADLINE
from test_api import _model_by_opening

TEASERS = ["Council approves second bridge after six-year wait (214)",
           "Lifeboat volunteers honoured for night rescue off the point (187)",
           "Fish market reopens after storm repairs (153)",
           "Harbour Courier's guide to the summer regatta (98)"]
HEADLINE = "Ferry crews vote to strike over rosters"
ARTICLE = [
    "Ferry crews on the island routes have voted to strike for two days later this month, after talks "
    "over new rosters broke down on Monday.",
    "The union said nine in ten of its members who took part backed the action, which would halt the "
    "morning and evening crossings on both routes.",
    "The operator said it was disappointed and would keep talking, and that it would publish a reduced "
    "timetable by the end of the week.",
    "Islanders who commute to the mainland said they would have to stay with friends or take days off "
    "if the strike goes ahead.",
]
PAGE = "\n\n".join([f"{HEADLINE} | Harbour Courier", "Home\nNews\nSport\nOpinion", "Most Read",
                    "\n".join(TEASERS), HEADLINE, "By Ana Ruiz, 4 March 2026", *ARTICLE,
                    "Share this article\nFacebook\nTwitter\nEmail"]) + "\n"


def test_a_most_read_list_above_the_headline_goes_and_the_article_stays():
    """The shipped model keeps the four teasers (scored 0.8 and more): they read like headlines."""
    out = clean(PAGE, Options(input_format="text"))
    assert out.startswith(HEADLINE + "\n")
    assert all(paragraph in out.split("\n") for paragraph in ARTICLE)
    assert not any(teaser in out for teaser in TEASERS)
    assert clean(out, Options(input_format="text")) == out


def _stand_in(monkeypatch):
    """Teasers and article kept, the headline found by the page's first line, the rest chrome."""
    rows = {f"{HEADLINE} |": (0.01, 0.0, 0.99), "Council": (0.8, 0.0, 0.2), "Lifeboat": (0.8, 0.0, 0.2), "Fish": (0.8, 0.0, 0.2),
            "Harbour": (0.8, 0.0, 0.2), "Ferry crews on": (0.95, 0.0, 0.05), "The ": (0.95, 0.0, 0.05),
            "Islanders": (0.95, 0.0, 0.05), HEADLINE: (0.6, 0.9, 0.1)}
    _model_by_opening(monkeypatch, rows)


def test_each_teaser_says_why_it_went(monkeypatch):
    _stand_in(monkeypatch)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(PAGE)
    assert [(d.keep, d.reason) for d in decisions if d.text in TEASERS] == [(False, ABOVE_HEADLINE)] * 4
    assert [d.text for d in decisions if d.label == "title"] == [HEADLINE]
    assert [d.text for d in decisions if d.label == "body"] == ARTICLE


def test_a_sentence_above_the_headline_keeps_all_that_stands_above_it(monkeypatch):
    """A paragraph above a heading the first line names (a guide whose title is its second
    section's heading): the article starts above the headline, so nothing there goes."""
    _stand_in(monkeypatch)       # the lede starts "Harbour": kept at 0.8, surely enough
    lede = "Harbour crossings have run on the same rosters since the new boats came in five years ago."
    page = PAGE.replace("Most Read", lede)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(page)
    assert [d.keep for d in decisions if d.text in TEASERS + [lede]] == [True] * 5
    assert ABOVE_HEADLINE not in [d.reason for d in decisions]


def test_sentences_the_model_barely_kept_do_not_hold_up_the_lines_above(monkeypatch):
    """Teasers that run a headline into its story's first sentence read as sentences; kept below
    ``SUBHEAD_SENTENCE`` they say nothing of where the article starts, and they go."""
    run_together = ["Council approves second bridge PORT HALE: The council voted on Monday to build a second "
                    "bridge over the harbour.",
                    "Lifeboat volunteers honoured PORT HALE: Six volunteers were given medals for a rescue "
                    "off the point in March."]
    page = PAGE.replace("\n".join(TEASERS), "\n\n".join(run_together))
    rows = {f"{HEADLINE} |": (0.01, 0.0, 0.99), "Council": (0.5, 0.0, 0.5), "Lifeboat": (0.7, 0.0, 0.3),
            "Ferry crews on": (0.95, 0.0, 0.05), "The ": (0.95, 0.0, 0.05), "Islanders": (0.95, 0.0, 0.05),
            HEADLINE: (0.6, 0.9, 0.1)}
    _model_by_opening(monkeypatch, rows)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(page)
    assert [(d.keep, d.reason) for d in decisions if d.text in run_together] == [(False, ABOVE_HEADLINE)] * 2
    assert [d.text for d in decisions if d.keep] == [HEADLINE, *ARTICLE]
