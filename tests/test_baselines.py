"""Baselines: each returns input lines unchanged (text) or the tool's text (HTML), and does its job."""
import pytest

from cleaner import baselines as B
from cleaner.document import Document

ARTICLE = [
    "The city council voted on Tuesday to expand the bus network into the northern suburbs, "
    "after a year of public consultation that drew more than four thousand responses from people "
    "who live and work in the area, many of whom had asked for better links to the centre.",
    "Officials said the first new routes would open in the spring, and that fares would stay "
    "the same for at least two years while the service is being evaluated by the council.",
    "Residents who spoke at the meeting were largely in favour of the plan, although several "
    "shop owners on the high street were worried about the loss of parking spaces in the area, "
    "and one of them told the council that his takings would fall by a third if the plan went ahead.",
    "\u201cThis is the biggest change to public transport in the city for a generation, and we "
    "think it will make a real difference to the people who live there,\u201d the mayor said.",
]

PAGE = "\n".join([
    "Home",
    "News",
    "Sport",
    "Subscribe",
    "",
    "Council approves bus network expansion",
    "",
    "By Jane Smith",
    "",
    *sum(([p, ""] for p in ARTICLE), []),
    "Read more:",
    "Ten things to do this weekend",
    "We use cookies to improve your experience. By using this site you accept our privacy policy.",
    "You need to enable JavaScript to run this app, otherwise some parts will not work.",
    "\u00a9 2019 The Daily Example. All rights reserved",
])


def kept_lines(out):
    return [l for l in out.split("\n") if l.strip()]


def assert_lines_unchanged(out, page):
    assert set(kept_lines(out)) <= set(page.split("\n"))


def test_keep_all():
    out = B.keep_all(PAGE)
    assert kept_lines(out) == [l for l in PAGE.split("\n") if l.strip()]
    assert B.keep_all("") == ""


def test_keep_all_keeps_lines_exactly():
    page = "  indented line\nsecond\u00a0line  \n\n\nthird"
    assert B.keep_all(page) == "  indented line\nsecond\u00a0line  \n\nthird\n"


def test_c4_keeps_sentences_and_drops_chrome():
    out = B.c4_filter(PAGE)
    assert kept_lines(out) == ARTICLE          # the closing-quote line counts as a sentence end
    assert_lines_unchanged(out, PAGE)


def test_c4_line_rules():
    body = "\n".join(ARTICLE[:3])
    cases = {
        "Short line here.": False,                                                  # < 5 words
        "This line has no terminal punctuation at all": False,
        "And the story goes on and on and on...": False,                            # ellipsis
        "Please enable javascript in your browser to see this.": False,
        "Read our privacy policy and terms of use for details.": False,
        "var config = { a: 1, b: 2 } is what the script said.": False,              # curly brace
        "She asked whether the buses would run on time?": True,
        'He replied that they "would do their very best."': True,
    }
    for line, keep in cases.items():
        out = B.c4_filter(body + "\n" + line)
        assert (line in kept_lines(out)) is keep, line


def test_c4_page_rules():
    assert B.c4_filter("\n".join(ARTICLE[:2])) == ""          # two sentences: page dropped
    assert B.c4_filter("\n".join(ARTICLE) + "\nLorem ipsum dolor sit amet, consectetur.") == ""
    two_lines_three_sentences = ("The bus came late. Then it rained hard all day.\n"
                                 "Nobody in the queue said a word to anyone.")
    assert kept_lines(B.c4_filter(two_lines_three_sentences)) == two_lines_three_sentences.split("\n")
    assert B.c4_filter(two_lines_three_sentences, min_sentences=4) == ""


@pytest.mark.parametrize("text, lang", [
    (" ".join(ARTICLE), "English"),
    ("O governo anunciou nesta terça-feira que vai ampliar a rede de ônibus para os bairros do norte "
     "da cidade, depois de um ano de consultas públicas com os moradores.", "Portuguese"),
    ("Die Stadt hat am Dienstag beschlossen, das Busnetz in die nördlichen Vororte auszubauen, "
     "nachdem die Bürger ein Jahr lang dazu befragt worden waren.", "German"),
    ("Городской совет во вторник проголосовал за расширение автобусной сети в северные пригороды "
     "после года общественных обсуждений, которые были очень активными.", "Russian"),
    ("", "English"),
    ("Jordan Bay Island Davis Moore Brown Williams", "English"),   # names do not count
])
def test_guess_stoplist(text, lang):
    assert B.guess_stoplist(text) == lang


def test_justext_lines_keeps_article_drops_navigation():
    out = B.justext_lines(PAGE)
    kept = kept_lines(out)
    assert_lines_unchanged(out, PAGE)
    assert ARTICLE[0] in kept and ARTICLE[1] in kept
    for chrome in ("Home", "News", "Sport", "Subscribe", PAGE.split("\n")[-1]):   # the copyright line
        assert chrome not in kept
    # (short lines between near-good ones, such as "Read more:" here, jusText's context rules keep)
    assert B.justext_lines("") == ""


def test_trafilatura_lines_returns_input_lines():
    out = B.trafilatura_lines(PAGE)
    assert_lines_unchanged(out, PAGE)
    assert all(p in kept_lines(out) for p in ARTICLE)
    assert B.trafilatura_lines("\n\n") == ""


def test_map_back_in_order_despite_invisible_characters():
    doc = Document.from_text("A\u200bB line\n\nsame\nother\nsame\n")
    assert B.map_back(doc, ["AB line", "same", "same"]) == [True, False, True, False, True]
    assert B.map_back(doc, ["not in the page", "other"]) == [False, False, False, True, False]
    assert B.map_back(doc, ["same", "A B line"]) == [False, False, True, False, False]   # order kept


HTML = """<!DOCTYPE html><html lang="en"><head><title>Council approves bus network expansion</title>
<script>var x = {a: 1};</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Council approves bus network expansion</h1>
""" + "".join(f"<p>{p}</p>\n" for p in ARTICLE) + """</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Ten things to do this weekend</a></li>
<li><a href="/b">Local team wins cup</a></li></ul></aside>
<footer><p>&copy; 2019 The Daily Example. All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize("fn", [B.trafilatura_html, B.trafilatura_html_precision, B.justext_html])
def test_html_baselines_find_the_article(fn):
    out = fn(HTML)
    for p in ARTICLE[:3]:
        assert p in out
    assert "Ten things to do this weekend" not in out
    assert "Sport" not in out.split("\n")


def test_html_baselines_survive_empty_pages():
    assert B.trafilatura_html("<html><body></body></html>") == ""
    assert B.trafilatura_html_precision("<html></html>") == ""


def test_visible_text_drops_scripts_and_tags():
    assert B.visible_text(HTML).count("var x") == 0
    assert "Council approves" in B.visible_text(HTML)


def test_registries():
    assert set(B.TEXT_BASELINES) == {"keep-all", "c4", "justext", "trafilatura"}
    assert set(B.HTML_BASELINES) == {"justext", "trafilatura", "trafilatura-precision"}
    for fn in list(B.TEXT_BASELINES.values()):
        assert_lines_unchanged(fn(PAGE), PAGE)
