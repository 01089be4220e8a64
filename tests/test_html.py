"""The HTML stage: its own title look-up must give what trafilatura's full metadata stage gives,
trafilatura's recall mode is backed by its default mode on short texts, and a page whose article
trafilatura misses is judged from its whole visible text.

``html._metadata_title`` runs only the title steps of trafilatura's ``extract_metadata`` (it used to
run all of it, dates and authors too, for the title alone). Each page below takes the title from a
different place; a trafilatura release that looks elsewhere fails here, not silently in users' output.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata

from cleaner import Options, api, classify, clean
from cleaner.html import RECALL_LONG_ENOUGH, _extract, _metadata_title, html_to_text, same_headline, visible_text
from pages import HTML, HTML_PARAGRAPHS

ARTICLE = ("<article><h1>{h1}</h1><p>The harbour board voted on Tuesday to rebuild the north pier, "
           "closed since the storms of last winter, at a cost the board put at four million.</p>"
           "<p>Work starts in spring. Ferries will use the south pier until the new one opens, "
           "which the board expects to happen before the summer season of next year.</p></article>")


def page(head: str, h1: str = "North pier to be rebuilt") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{ARTICLE.format(h1=h1)}</body></html>"


PAGES = {
    "title element": HTML,
    "open graph": page('<meta property="og:title" content="Harbour board: the north pier will be rebuilt">'
                       "<title>News | Harbour Gazette</title>"),
    "JSON-LD": page('<script type="application/ld+json">{"@context": "https://schema.org", '
                    '"@type": "NewsArticle", "headline": "Board votes to rebuild the north pier"}</script>'),
    "h1 only": page(""),
    "escaped twice, spaced": page('<meta property="og:title" content="  Pier &amp;amp; ferry   plans for 2026 ">'),
    "no title anywhere": page("", h1="").replace("<h1></h1>", ""),
}


@pytest.mark.parametrize("name", PAGES)
def test_title_is_trafilatura_metadata_title(name):
    html = PAGES[name]
    expected = extract_metadata(html).title or ""
    assert _metadata_title(trafilatura.utils.load_html(html)) == expected
    assert _extract(html)[1] == expected


def _mode_text(html: str, **mode) -> str:
    return trafilatura.bare_extraction(html, include_comments=False, include_tables=True, **mode).text


def _spy_modes(monkeypatch, texts=None):
    """trafilatura's extraction watched (and with ``texts``, replaced by one giving
    ``texts[favor_recall]``); returns the modes asked for."""
    asked, real = [], trafilatura.bare_extraction

    def spy(tree, favor_recall=False, **kw):
        asked.append(favor_recall)
        return SimpleNamespace(text=texts[favor_recall]) if texts else real(tree, favor_recall=favor_recall, **kw)
    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    return asked


@pytest.mark.parametrize("name", ["title element", "open graph", "h1 only"])
def test_a_short_article_alone_on_its_page_needs_only_recall_mode(monkeypatch, name):
    """Its recall text is short but most of the page's text: not a fragment."""
    html = PAGES[name]
    recall = _mode_text(html, favor_recall=True)
    assert len(recall) < RECALL_LONG_ENOUGH
    asked = _spy_modes(monkeypatch)
    assert _extract(html)[0] == recall and asked == [True]


def test_a_long_recall_text_is_taken_without_the_default_mode(monkeypatch):
    long_text = "A sentence of the article that goes on. " * 80
    asked = _spy_modes(monkeypatch, {True: long_text, False: long_text + "and more"})
    assert _extract(HTML)[0] == long_text and asked == [True]


def test_a_short_recall_text_loses_to_a_longer_default_one(monkeypatch):
    """Recall mode can return a fragment of a page (wcxb dev-4555: 496 characters of a
    4,632-character article, 7% of the page's text): the default mode's longer text is judged."""
    fragment, article = "A box of one paragraph.", "The article. " * 100
    asked = _spy_modes(monkeypatch, {True: fragment, False: article})
    assert _extract(HTML)[0] == article and asked == [True, False]
    asked = _spy_modes(monkeypatch, {True: fragment, False: ""})
    assert _extract(HTML)[0] == fragment


def test_title_leads_the_text_once():
    """The metadata title opens the text as the headline when the page shows no headline of its
    own; the page's one h1 is the headline where the text holds it, shown once, even under an
    og:title worded otherwise."""
    og = '<meta property="og:title" content="Harbour board: the north pier will be rebuilt">'
    text, headline = html_to_text(page(og, h1=""))
    lines = [line for line in text.split("\n") if line]
    assert lines[0] == headline == "Harbour board: the north pier will be rebuilt"
    text, headline = html_to_text(PAGES["open graph"])
    assert headline == "North pier to be rebuilt" and text.count(headline) == 1 and "Harbour board:" not in text
    text, headline = html_to_text(PAGES["h1 only"])
    assert headline == "North pier to be rebuilt" and text.count(headline) == 1
    assert html_to_text(PAGES["no title anywhere"])[1] == ""


@pytest.mark.parametrize("first, title, same", [
    ("North pier to be rebuilt", "North pier to be rebuilt", True),
    ("North pier to be rebuilt", "North pier to be rebuilt | Harbour Gazette", True),
    ("North pier to be rebuilt", "North pier to be rebuilt - Harbour Gazette", True),
    ("North pier to be rebuilt", "Harbour Gazette — North pier to be rebuilt", True),
    ("Is the pier safe?", "Opinion | Is the pier safe?", True),
    ("What to expect", "What to expect at the harbour open day", False),     # a headline's first words
    ("Photos", "Harbour Gazette | The pier in photos", False),
    ("Rebuilt", "North pier to be rebuilt | Harbour Gazette", False),
    ("", "North pier to be rebuilt", False),
    ("Why the pier can\u2019t wait \u2013 a view", "Why the pier can't wait - a view | Harbour Gazette", True),
])
def test_first_block_is_the_headline_when_the_title_adds_only_the_site(first, title, same):
    assert same_headline(first, title) is same


def test_a_title_with_the_sites_name_gives_way_to_the_pages_own_headline():
    """<title> "Headline | Site" over an h1 "Headline": the h1 is the headline, shown once, and
    keep_headline=False drops it (it once stayed as body under the title line)."""
    html = page("<title>North pier to be rebuilt | Harbour Gazette</title>")
    text, headline = html_to_text(html)
    lines = [line for line in text.split("\n") if line]
    assert lines[0] == headline == "North pier to be rebuilt" and "Harbour Gazette" not in text
    titles = [d.text for d in classify(html) if d.label == "title"]
    assert titles == ["North pier to be rebuilt"]
    assert "North pier to be rebuilt" not in clean(html, Options(keep_headline=False))


def test_a_headline_outside_the_text_goes_on_top_as_the_page_shows_it():
    """trafilatura's text can leave the h1 out (a masthead above the story): the headline put on
    top is then the h1 where it is the title less the site's name, not the title."""
    story = ARTICLE.replace("<article><h1>{h1}</h1>", '<div class="story-body">').replace("</article>", "</div>")
    html = ('<!DOCTYPE html><html><head><meta property="og:title" content="North pier to be rebuilt | Harbour '
            'Gazette"></head><body><div class="masthead"><h1>North pier to be rebuilt</h1></div>'
            f"<div>{story}</div></body></html>")
    assert "North pier" not in _extract(html)[0]
    text, headline = html_to_text(html)
    assert text.startswith("North pier to be rebuilt\n") and headline == "North pier to be rebuilt"
    assert "Harbour Gazette" not in text and text.count(headline) == 1


def test_the_pages_own_headline_may_follow_a_label_or_a_date():
    """trafilatura's text can open with a section label or a date above the h1; the h1 is still
    the headline (on 31 of the 35 benchmark pages where it came second to fourth)."""
    html = page("<title>North pier to be rebuilt | Harbour Gazette</title>").replace(
        "<article>", "<article><p>Harbour news, Tuesday 4 March</p>")
    text, headline = html_to_text(html)
    assert headline == "North pier to be rebuilt" and "Harbour Gazette" not in text
    assert text.index("Harbour news") < text.index(headline)        # the page's order kept
    assert [d.text for d in classify(html) if d.label == "title"] == [headline]
    assert headline not in clean(html, Options(keep_headline=False))


def test_visible_text_is_the_whole_page_a_block_a_line():
    lines = visible_text(HTML).splitlines()
    assert all(p in lines for p in HTML_PARAGRAPHS)
    assert "Council approves new cycle lanes on Station Road | Riverside Post" in lines   # <title> too
    assert visible_text("") == ""


def test_an_article_trafilatura_misses_is_judged_from_the_visible_text(monkeypatch):
    """trafilatura taking a page's menu for its content (as on wcxb pages it missed) must not
    lose the article: the page's whole text, judged as plain text, keeps it."""
    menu = "Riverside Post\n\nHome | News | Sport | Weather\n"
    monkeypatch.setattr(api, "html_to_text", lambda html: (menu, ""))
    decisions = classify(HTML)
    assert {d.path for d in decisions} == {"html-text+model"}
    out = clean(HTML)
    assert all(p in out.splitlines() for p in HTML_PARAGRAPHS)
    assert api.render(decisions, HTML) == out


def test_the_visible_text_is_not_looked_at_when_trafilatura_found_the_article(monkeypatch):
    looked = []
    monkeypatch.setattr(api, "visible_text", lambda html: looked.append(html) or visible_text(html))
    assert {d.path for d in classify(HTML, Options(input_format="html"))} == {"html+model"}
    assert looked == []


def test_the_visible_text_without_an_article_leaves_the_html_judgement(monkeypatch):
    """A page with no sentence anywhere (a gallery, a form) keeps what the HTML path kept."""
    monkeypatch.setattr(api, "html_to_text", lambda html: ("Photo gallery\n\nNext | Previous\n", ""))
    monkeypatch.setattr(api, "visible_text", lambda html: "Photo gallery\nHome | News\nNext | Previous\n")
    decisions = classify(HTML)
    assert {d.path for d in decisions} == {"html+model"}
    assert [d.text for d in decisions if d.text] == ["Photo gallery", "Next | Previous"]


def _masthead_page(head: str, mastheads: str) -> str:
    """A page whose h1(s) sit above the story, outside trafilatura's text."""
    story = ARTICLE.replace("<article><h1>{h1}</h1>", '<div class="story-body">').replace("</article>", "</div>")
    return (f"<!DOCTYPE html><html><head>{head}</head><body><div class=\"masthead\">{mastheads}</div>"
            f"<div>{story}</div></body></html>")


def test_the_pages_own_h1_goes_on_top_even_when_the_title_is_worded_otherwise():
    """The h1 is the headline the reader sees; a <title> or og:title is often an SEO rewording
    (benchmarks: of 305 pages that got their h1 on top, it was the gold headline on 286, the
    title on 11)."""
    html = _masthead_page('<meta property="og:title" content="Pier rebuild: what you need to know">',
                          "<h1>North pier to be rebuilt</h1>")
    text, headline = html_to_text(html)
    assert headline == "North pier to be rebuilt" and text.startswith(headline + "\n")
    assert "what you need to know" not in text


def test_of_several_h1s_the_one_the_title_names_is_the_headline():
    """A site's name or a sidebar heading in an h1 of its own does not hide the headline: of
    several h1s, the one the title holds is taken, as the page shows it (typographic quotes)."""
    html = _masthead_page("<title>The pier can't wait - Harbour Gazette</title>",
                          "<h1>Harbour Gazette</h1><h1>The pier can\u2019t wait</h1><h1>Most read</h1>")
    text, headline = html_to_text(html)
    assert headline == "The pier can\u2019t wait" and text.startswith(headline + "\n")
    assert "Most read" not in text
