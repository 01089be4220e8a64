"""The HTML stage: its own title look-up must give what trafilatura's full metadata stage gives.

``html._metadata_title`` runs only the title steps of trafilatura's ``extract_metadata`` (it used to
run all of it, dates and authors too, for the title alone). Each page below takes the title from a
different place; a trafilatura release that looks elsewhere fails here, not silently in users' output.
"""
from __future__ import annotations

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata

from cleaner.html import _extract, _metadata_title, html_to_text
from pages import HTML

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
    assert _extract(html) == (
        trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=True).text,
        expected)


def test_title_leads_the_text_once():
    """The metadata title opens the text (flagged as known) and is not repeated when the
    extracted text already starts with it."""
    text, known = html_to_text(PAGES["open graph"])
    lines = [line for line in text.split("\n") if line]
    assert known and lines[0] == "Harbour board: the north pier will be rebuilt"
    text, known = html_to_text(PAGES["h1 only"])
    assert known and text.count("North pier to be rebuilt") == 1
