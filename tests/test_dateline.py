"""A wire story's dateline opens its first paragraph (``dateline.above_dateline``): what the model
kept above it goes, bar the headline."""
from __future__ import annotations

import pytest

from cleaner import Cleaner, Options, clean
from cleaner.dateline import ABOVE_DATELINE, is_dateline
from test_api import _model_by_opening

STORY = [
    "PORT HALE, Maine (AP) — State health officials say a third person has died this autumn from a "
    "tick-borne virus that was all but unknown in the state ten years ago.",
    "The Department of Health said on Monday that the patient, a man in his seventies from the coast, "
    "fell ill in late September and died in hospital last week.",
    "Officials urged hikers to check for ticks after walks in long grass, and said the risk would "
    "last until the first hard frosts of the year.",
]
# A local site's "Latest headlines": each a headline run into its first sentence, so they read as
# sentences and the above-the-headline rule would pass them over.
TEASERS = [
    "Harbour Bridge Repairs Start Next Week The state will close one lane of the bridge each night for "
    "a month while crews replace the joints.",
    "Five Spots For Chowder In Port Hale We crunched the numbers to find the best bowls in town, from "
    "diners to the fish market.",
    "School Board Delays Vote On Later Start Times Parents packed the meeting on Tuesday to speak on "
    "both sides of the plan.",
]
HEADLINE = "Third death linked to tick-borne virus reported"
FILED = "Filed Under: Health, ticks, Maine"
DEK = "Officials say cases have risen each year since the virus was first found in the state."


def _page(*between: str, headline: str = "above") -> str:
    """The story's page; its headline "above" the story, at the "top" above the teasers, or
    "none" (and the site's name as the page's first line)."""
    first = "WPHN News - Port Hale's news leader" if headline == "none" else f"{HEADLINE} - WPHN News"
    top = [HEADLINE] if headline == "top" else []
    middle = [HEADLINE] if headline == "above" else []
    return "\n\n".join([first, "Home\nNews\nWeather\nSports", *top, "Latest Headlines",
                        *TEASERS, *middle, *between, FILED, *STORY, "Share\nTweet\nEmail"]) + "\n"


@pytest.mark.parametrize("line", [
    STORY[0],
    "DUBAI, United Arab Emirates — The airline said on Tuesday that it had agreed to buy thirty new "
    "jets, and would take the first of them early next year.",
    "LONDON, Nov 19 (Reuters) - Oil prices fell for a third day on Tuesday as traders weighed the "
    "chance of a deal between the largest producers.",
    "SANTA FE, N.M. (AP) -- A cat that went missing five years ago has been found a thousand miles "
    "from home, its owners said.",
])
def test_datelines(line):
    assert is_dateline(line)


@pytest.mark.parametrize("line", [
    # a place and a dash alone: a glossary's item looks the same
    "WASHINGTON — The house voted on Tuesday to send the bill to the senate after a long debate "
    "that ran late into the night.",
    "HTML - Ideal for web-based help systems, HTML output can be read in any browser and needs "
    "nothing installed.",
    # a term, a word in parentheses and a dash, then no capital: a glossary's item
    "KNIME (Konstanz) — short for the Konstanz Information Miner, is a free tool for data analysis "
    "that many teams use.",
    "HTML, Python And Java — Three languages that every web team meets sooner or later, and what "
    "each of them is for.",                        # a heading's small words: no region
    "PORT HALE, Maine (AP) — A short one.",        # too short to open a story
    "PORT HALE, Maine (AP) — Officials to brief the press at noon on the hospital and the road "
    "closures and the schools",                    # no sentence
    "Port Hale, Maine (AP) — State health officials say a third person has died this autumn from "
    "the virus, officials said.",                  # the place not in capitals
])
def test_not_datelines(line):
    assert not is_dateline(line)


def _stand_in(monkeypatch):
    """Teasers, the "Filed Under" line, the dek, the story and the headline kept."""
    kept = (0.9, 0.0, 0.1)
    rows = {"Harbour": kept, "Five": kept, "School": kept, "Filed": (0.6, 0.0, 0.4), "Officials say": kept,
            "PORT HALE": kept, "The Department": kept, "Officials urged": kept,
            f"{HEADLINE} -": (0.01, 0.0, 0.99), HEADLINE: (0.6, 0.9, 0.1)}
    _model_by_opening(monkeypatch, rows)


def test_without_a_headline_all_that_was_kept_above_the_dateline_goes(monkeypatch):
    _stand_in(monkeypatch)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(_page(headline="none"))
    assert [(d.keep, d.reason) for d in decisions if d.text in TEASERS + [FILED]] == [(False, ABOVE_DATELINE)] * 4
    assert [d.text for d in decisions if d.keep] == STORY


def test_the_headline_stays_and_all_else_above_the_dateline_goes(monkeypatch):
    """Teasers above the headline go even though they read as sentences; so do the dek and the
    tags line between the headline and the dateline."""
    _stand_in(monkeypatch)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(_page(DEK))
    assert [(d.keep, d.reason) for d in decisions if d.text in TEASERS + [DEK, FILED]] == [(False, ABOVE_DATELINE)] * 5
    assert [d.text for d in decisions if d.keep] == [HEADLINE, *STORY]


def test_teasers_between_the_headline_and_the_dateline_go(monkeypatch):
    """The headline stands above the teasers (a page's "Latest Headlines" under the story's
    headline): they go all the same."""
    _stand_in(monkeypatch)
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(_page(headline="top"))
    assert [(d.keep, d.reason) for d in decisions if d.text in TEASERS] == [(False, ABOVE_DATELINE)] * 3
    assert [d.text for d in decisions if d.keep] == [HEADLINE, *STORY]


@pytest.mark.parametrize("headline", ["above", "none"])
def test_the_shipped_model_keeps_the_story_and_drops_the_teasers(headline):
    out = clean(_page(headline=headline), Options(input_format="text"))
    assert all(paragraph in out.split("\n") for paragraph in STORY)
    assert not any(teaser in out for teaser in TEASERS)
    assert clean(out, Options(input_format="text")) == out


BARE = ("PORT HALE — State health officials say a third person has died this autumn from a tick-borne "
        "virus that was all but unknown in the state ten years ago.")


def test_a_bare_dateline_is_one_only_when_asked_for():
    """A place and a dash alone open a newspaper's own story, and a glossary's items alike."""
    assert not is_dateline(BARE)
    assert is_dateline(BARE, bare=True)
    assert is_dateline("HTML - Ideal for web-based help systems, HTML output can be read in any browser and "
                       "needs nothing installed.", bare=True)


@pytest.mark.parametrize("above, goes", [
    (["Harbour Weekly", "Published Monday, March 2, 2026 9:14AM EST"], True),
    (["Ticks are on the rise along the coast this year, and the state has started counting them."], False),
])
def test_above_a_bare_dateline_only_lines_that_are_no_sentence_go(monkeypatch, above, goes):
    """Above a newspaper's dateline the agency's name and the time go; a sentence up there says the
    paragraph may be a glossary's item inside an article, and nothing goes."""
    kept = (0.9, 0.0, 0.1)
    _model_by_opening(monkeypatch, {**{line[:12]: kept for line in above}, "PORT HALE": kept,
                                    "The Department": kept, "Officials urged": kept})
    page = "\n\n".join(["Home\nNews", *above, BARE, *STORY[1:], "Share\nTweet"]) + "\n"
    decisions = Cleaner(Options(input_format="text", settle=False, keep_headline=False)).classify(page)
    assert [d.keep for d in decisions if d.text in above] == [not goes] * len(above)
    assert all(d.keep for d in decisions if d.text in [BARE, *STORY[1:]])
