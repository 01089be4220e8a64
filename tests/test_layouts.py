"""Other layouts of the same pages, as other scrapers hand them over: hard-wrapped, without blank
lines, in text nodes, Markdown (wrapped or not). The model reads each as it reads the pages it was
trained on (``Document.model_view``); the output keeps the page's own lines."""
from __future__ import annotations

import pytest

from cleaner import classify, clean
from cleaner.corpus import hard_wrapped, run_together, text_nodes, without_blank_lines
from cleaner.document import Document
from cleaner.headline import MARKDOWN_H1
from conftest import EXAMPLE, is_line_subsequence
from pages import CASES, HTML, HTML_PARAGRAPHS
from test_document import html2text_wrapped


@pytest.mark.parametrize("name, page", [(c[0], c[1]) for c in CASES if "\r" not in c[1]] +
                         [("example", EXAMPLE.read_text(encoding="utf-8"))])
def test_a_hard_wrapped_copy_cleans_to_the_same_words(name, page):
    """A terminal browser's or a print view's dump of the same page: the model reads each wrapped
    paragraph as one line, as it reads the page unwrapped (scored line by line, the fragments of
    the harbour page's sentences read as chrome, and the example kept a teaser)."""
    wrapped = hard_wrapped(page, 72)
    assert Document.from_text(wrapped).hard_wrapped
    assert clean(wrapped).split() == clean(page).split()


@pytest.mark.parametrize("name, page", [(c[0], c[1]) for c in CASES if "\r" not in c[1] and c[0] != "example"])
def test_a_copy_without_blank_lines_cleans_to_the_same_words(name, page):
    """A scraper that joins a page's texts with line breaks alone: read with a blank line between
    its lines, as the model was trained to read pages (read as it was, the harbour page lost its
    last paragraph and the German page gained its newsletter prompt)."""
    unspaced = without_blank_lines(page)
    assert Document.from_text(unspaced).unspaced
    assert clean(unspaced).split() == clean(page).split()


def test_the_example_without_blank_lines_keeps_all_its_article():
    """The example's blank lines also set its photo caption and its "Watch" prompt among chrome:
    without them both stay, but no article line goes."""
    page = EXAMPLE.read_text(encoding="utf-8")
    kept = clean(without_blank_lines(page)).splitlines()
    assert set(clean(page).splitlines()) - {""} <= set(kept)


HARBOUR_MARKDOWN = """[Skip to main content](#main)

  * [Home](/)
  * [News](/news)
  * [Sport](/sport)
  * [Business](/business)
  * [Culture](/culture)
  * [Weather](/weather)
  * [Contact](/contact)

We use cookies to improve your experience on our site. By continuing to browse you agree to our [use of cookies](/cookies). [Accept](#) | [Manage settings](/settings)

# New footbridge opens across the River Alder

By [Priya Raman](/authors/priya-raman), Local Affairs Reporter
Published 3 June 2025

  * [Share on Facebook](https://facebook.com/share)
  * [Twitter](https://twitter.com/share)
  * [Email](mailto:?subject=footbridge)

![The new footbridge over the River Alder](/images/bridge.jpg)

A new footbridge across the River Alder opened to the public on Saturday morning, linking the town centre with the housing estates on the east bank for the first time in more than forty years.

The steel and timber bridge, which cost 4.2 million pounds, was paid for by the [county council](/council) and a government fund for walking and cycling routes. Work began in the spring of last year and finished two weeks ahead of schedule.

"People on the east side used to walk a mile and a half to the road bridge just to get to the doctor's surgery," said Helen Marsh, who led the [campaign for the crossing](/campaign). "Today that walk takes five minutes."

The council said it expected around three thousand people to use the bridge every day once the new school on the east bank opens in September.

## Sign up for our newsletter

Get the day's top stories in your inbox every morning. [Sign up](/newsletter)

## Related stories

  * [Town centre parking charges to rise in July](/news/parking)
  * [River Alder flood defences finished at last](/news/flood)

© 2025 Alder Valley News Ltd. All rights reserved.
[Privacy Policy](/privacy) | [Terms of Use](/terms) | [Cookie Settings](/cookies)
"""


def test_a_wrapped_markdown_copy_cleans_to_the_same_text():
    """html2text's default layout: Markdown wrapped at 78 columns, links and images broken over
    lines (an image's long target on a line of its own). Each paragraph reads whole, links and all:
    the same text is kept, only its line breaks differ (scored line by line, the photo's alt text
    stayed, and the whole page once went to the fallback: no wrapped line alone is a sentence)."""
    page = HARBOUR_MARKDOWN.replace("![The new footbridge over the River Alder](/images/bridge.jpg)",
                                    "![The new footbridge over the River Alder, seen from the east bank on the "
                                    "morning it opened](https://www.gazette.example/images/2025/06/"
                                    "new-footbridge-over-the-river-alder-opened-on-saturday.jpg)")
    wrapped = html2text_wrapped(page)
    assert Document.from_text(wrapped).hard_wrapped
    assert [d.path for d in classify(wrapped)][0] == "model"
    assert "".join(clean(wrapped).split()) == "".join(clean(page).split())


def test_a_markdown_page_keeps_its_article_lines_with_their_links():
    """Markdown (as html2text writes a page): the model reads each line's text, the output keeps
    the lines as they are, links and all; the menus, share links, related stories, footer and
    the photo (a line of an image alone reads as blank) go."""
    out = clean(HARBOUR_MARKDOWN)
    assert is_line_subsequence(out, HARBOUR_MARKDOWN)
    article = [line for line in HARBOUR_MARKDOWN.splitlines()
               if (len(line) > 150 and not line.startswith("We use")) or line.startswith("The council said")]
    assert len(article) == 4 and all(line in out.splitlines() for line in article)
    assert "[county council](/council)" in out
    for chrome in ("  * [Home](/)", "  * [Twitter](https://twitter.com/share)", "## Related stories",
                   "  * [River Alder flood defences finished at last](/news/flood)", "By [Priya Raman]",
                   "© 2025 Alder Valley News Ltd. All rights reserved.", "We use cookies",
                   "![The new footbridge over the River Alder]"):
        assert not any(line.startswith(chrome) for line in out.splitlines()), chrome


# The HTML page with links and emphasis inside its sentences
INLINE_HTML = (HTML.replace("of consultation with residents and local businesses.",
                            'of <a href="/consultation">consultation</a> with residents and <b>local businesses</b>.')
               .replace("a distance of about two kilometres.", "a distance of about <em>two kilometres</em>.")
               .replace("The council said the road", 'The council <a href="/statement">said</a> the road')
               .replace("placed between the lanes", "placed <i>between</i> the lanes"))


def test_a_page_in_text_nodes_keeps_its_sentences_whole():
    """BeautifulSoup's get_text("\\n"): a link or emphasis inside a sentence stands on a line of its
    own, and the line after it goes on in lower case or with a stop. Such lines go on with their
    paragraph, which the model reads whole; the menu, cookie notice and footer go."""
    page = text_nodes(INLINE_HTML)
    doc = Document.from_text(page)
    sentence = [i for i, line in enumerate(doc.lines) if line.startswith(("Work is due", "said", "the road would"))]
    assert doc.unspaced and len(sentence) == 3 and len({doc.paragraph[i] for i in sentence}) == 1
    assert doc.paragraph[doc.lines.index("Home")] != doc.paragraph[doc.lines.index("News")]
    out = clean(page)
    assert is_line_subsequence(out, page)
    kept = "".join(out.split())
    assert all("".join(paragraph.split()) in kept for paragraph in HTML_PARAGRAPHS)
    for chrome in ("Home", "We use cookies to improve your experience.", "Sign up for our newsletter"):
        assert chrome not in out.splitlines()


def test_the_benchmark_layouts_made_from_html():
    """``text_nodes`` splits a sentence at its link; ``run_together`` keeps the source's line breaks
    only; neither reads a script, and an empty page has no text."""
    html = "<html><head><title>Lanes</title><script>var x = 1;</script></head><body>\n" \
           "<p>The <a href='/c'>council</a> said <b>no</b>.</p>\n<ul><li>Home</li><li>News</li></ul></body></html>"
    assert text_nodes(html).split("\n") == ["Lanes", "The", "council", "said", "no", ".", "Home", "News"]
    assert run_together(html).split("\n") == ["Lanes", "The council said no.", "HomeNews"]
    assert text_nodes("") == run_together("") == ""


@pytest.mark.parametrize("wrap", [False, True])
def test_a_markdown_pages_heading_is_its_headline(wrap):
    """html2text's Markdown has no <title> line to name the headline: the top-level heading nearest
    the article is it, by the "#" rule (wrapped, with the line it wraps on to)."""
    page = HARBOUR_MARKDOWN.replace("# New footbridge opens across the River Alder",
                                    "# New footbridge opens across the River Alder after two years of "
                                    "work and a long campaign by residents")
    page = html2text_wrapped(page) if wrap else page
    titles = [d for d in classify(page) if d.label == "title"]
    assert " ".join(d.text for d in titles).split() == ("# New footbridge opens across the River Alder after two "
                                                         "years of work and a long campaign by residents").split()
    assert len(titles) == (2 if wrap else 1) and titles[0].reason == MARKDOWN_H1
    assert all(d.text in clean(page).splitlines() for d in titles)
