"""Document: exact lines and endings, rendering, and hard-wrapped paragraph detection."""
from __future__ import annotations

import textwrap

import pytest

from cleaner.document import Document, markdown_plain
from conftest import EXAMPLE


@pytest.mark.parametrize("text, lines, endings", [
    ("one\ntwo\n", ["one", "two"], ["\n", "\n"]),
    ("one\r\ntwo\r\n", ["one", "two"], ["\r\n", "\r\n"]),
    ("one\rtwo\r", ["one", "two"], ["\r", "\r"]),
    ("a\r\nb\nc\rd", ["a", "b", "c", "d"], ["\r\n", "\n", "\r", ""]),
    ("no final newline", ["no final newline"], [""]),
    ("last\nline", ["last", "line"], ["\n", ""]),
    ("", [""], [""]),
    ("\n", [""], ["\n"]),
    ("a\n\n\nb", ["a", "", "", "b"], ["\n", "\n", "\n", ""]),
    ("a\r\r\nb", ["a", "", "b"], ["\r", "\r\n", ""]),          # lone CR, then CRLF
    ("a\n\rb", ["a", "", "b"], ["\n", "\r", ""]),               # LF then CR is two breaks
    ("  indented\t \n\ttab\n", ["  indented\t ", "\ttab"], ["\n", "\n"]),
    ("x\u2028y\x0cz\x85w\n", ["x\u2028y\x0cz\x85w"], ["\n"]),   # only \r\n, \r, \n break lines
])
def test_from_text_keeps_exact_lines_and_endings(text, lines, endings):
    doc = Document.from_text(text)
    assert doc.lines == lines
    assert doc.endings == endings
    assert "".join(l + e for l, e in zip(doc.lines, doc.endings)) == text == doc.text
    assert len(doc.paragraph) == len(doc.lines)


@pytest.mark.parametrize("text, newline", [
    ("a\nb\nc", "\n"),
    ("a\r\nb\r\nc\n", "\r\n"),
    ("a\rb\rc\r\n", "\r"),
    ("single line", "\n"),
])
def test_dominant_newline(text, newline):
    assert Document.from_text(text).newline == newline


def test_render_keeps_kept_lines_byte_identical():
    text = "  Héadline with trailing space  \r\n\r\nBody\tline one… «quoted»\r\nDropped line\r\nLast ☃ line  "
    doc = Document.from_text(text)
    out = doc.render([True, False, True, False, True])
    assert out == "  Héadline with trailing space  \r\n\r\nBody\tline one… «quoted»\r\nLast ☃ line  \r\n"


def test_render_collapses_blank_runs_and_drops_edges():
    doc = Document.from_text("\n\n  \nfirst\n\n\n\t\n\nsecond\nthird\n\n\n")
    assert doc.render([True] * len(doc.lines)) == "first\n\nsecond\nthird\n"


def test_render_blank_only_between_blocks_that_had_one():
    doc = Document.from_text("a\nb\nc\n\nd\n\ne\n")
    assert doc.render([True, False, True, False, False, False, True, False]) == "a\nc\n\ne\n"
    # a removed block between two kept ones still leaves exactly one blank line
    assert doc.render([True, False, False, False, False, False, True, False]) == "a\n\ne\n"
    assert doc.render([False] * 8) == ""


def test_render_keeps_the_blank_lines_own_ending_and_is_stable():
    doc = Document.from_text("x\r\n\ny\r\n\r\nz")
    # the blank line between x and y was "\n" in the input: it stays so (a second render of the
    # output must give the same bytes); the missing final ending is the dominant one, CRLF
    out = doc.render([True] * len(doc.lines))
    assert out == "x\r\n\ny\r\n\r\nz\r\n"
    again = Document.from_text(out)
    assert again.render([True] * len(again.lines)) == out
    mixed_tie = Document.from_text("a\n\nb\r\n\r\nc")   # as many LF as CRLF: the same choice every run
    assert mixed_tie.newline == "\n"
    lone_cr = Document.from_text("x\r\ry\rz")
    assert lone_cr.render([True] * len(lone_cr.lines)) == "x\r\ry\rz\r"


def test_render_blank_line_survives_after_a_lone_cr_line():
    doc = Document.from_text("a\r\rb\n\nc\n")     # dominant ending LF; "a" ends in a lone CR
    out = doc.render([True] * len(doc.lines))
    assert Document.from_text(out).lines == ["a", "", "b", "", "c"]


def test_render_ignores_keep_flags_of_blank_lines():
    doc = Document.from_text("a\n\n\nb\n")
    assert doc.render([True, True, True, True]) == doc.render([True, False, False, True]) == "a\n\nb\n"


# -- hard-wrapped pages ---------------------------------------------------------------------------

PARAGRAPHS = [
    "The county council voted on Tuesday evening to close the old library on Mill Street at the "
    "end of the year, despite a petition signed by more than four thousand residents who asked "
    "for the building to be kept open for at least another two years.",
    "Councillors said the roof, the heating and the wiring all needed replacing and that the cost "
    "of the repairs would be higher than the price of a new building on the retail park, which "
    "would also have parking for visitors and a room for the local history society.",
    "Opponents of the plan listed three reasons for keeping the library where it is:",
]
BULLETS = [
    "- older residents without a car would struggle to reach the retail park, which has no bus "
    "stop within walking distance of the proposed site;",
    "- the Mill Street building is listed and would stand empty for years while a buyer is found;",
    "- the children's reading club meets there every Saturday morning.",
]
CLOSING = ("A final decision on the sale of the building is expected in the spring, after a public "
           "consultation that will run for six weeks and include two open meetings in the town hall.")


def wrapped_page():
    """A print-view article wrapped at 78 columns: paragraphs, blank lines, dash bullets."""
    blocks = ["\n".join(textwrap.wrap(p, 78)) for p in PARAGRAPHS]
    blocks.append("\n".join(textwrap.fill(b, 78, subsequent_indent="  ") for b in BULLETS))
    blocks.append("\n".join(textwrap.wrap(CLOSING, 78)))
    return "Library on Mill Street to close\n\n" + "\n\n".join(blocks) + "\n"


def test_wrapped_page_is_detected():
    text = wrapped_page()
    doc = Document.from_text(text)
    nonblank = [l for l in doc.lines if l.strip()]
    assert len(nonblank) >= 15 and max(len(l) for l in nonblank) <= 78
    assert doc.hard_wrapped


def test_wrapped_lines_share_a_paragraph_and_bullets_start_new_ones():
    doc = Document.from_text(wrapped_page())
    by_pid = {}
    for line, pid in zip(doc.lines, doc.paragraph):
        if line.strip():
            assert pid >= 0
            by_pid.setdefault(pid, []).append(line)
        else:
            assert pid == -1
    texts = [" ".join(" ".join(ls).split()) for ls in by_pid.values()]
    # each source paragraph, and each bullet with its continuation lines, is exactly one paragraph
    for para in PARAGRAPHS + BULLETS + [CLOSING]:
        assert para in texts
    bullet_starts = [i for i, l in enumerate(doc.lines) if l.startswith("- ")]
    assert len(bullet_starts) == 3
    for i in bullet_starts:
        assert doc.paragraph[i] != doc.paragraph[i - 1]
    first_bullet_pids = {doc.paragraph[i] for i in range(bullet_starts[0], bullet_starts[1])}
    assert len(first_bullet_pids) == 1 and bullet_starts[1] - bullet_starts[0] >= 2
    # the headline (followed by a blank line) is a paragraph of its own
    assert doc.paragraph[0] not in doc.paragraph[1:]


def test_wrapped_page_with_crlf_is_detected_the_same():
    text = wrapped_page()
    plain = Document.from_text(text)
    crlf = Document.from_text(text.replace("\n", "\r\n"))
    assert crlf.hard_wrapped and crlf.paragraph == plain.paragraph and crlf.lines == plain.lines


SCRAPED = """Skip to main content
Home
World
Business
Politics
Sport
Culture
Weather
We use cookies to give you the best experience. Accept all | Manage settings

Library on Mill Street to close despite petition

By Anna Reyes
12 March 2025
Share on Facebook | Twitter | Email

The county council voted on Tuesday evening to close the old library on Mill Street at the end of the year, despite a petition signed by more than four thousand residents.
Councillors said the roof, the heating and the wiring all needed replacing.
The cost of the repairs would be higher than the price of a new building on the retail park.
A final decision on the sale of the building is expected in the spring.

Related stories
Council tax to rise by four percent
New bus route for the retail park
Sign up for our newsletter
© 2025 County Gazette Ltd. All rights reserved.
"""


@pytest.mark.parametrize("text", [SCRAPED, EXAMPLE.read_text(encoding="utf-8")], ids=["menus", "example"])
def test_scraped_page_is_not_hard_wrapped(text):
    doc = Document.from_text(text)
    assert not doc.hard_wrapped
    pids = [p for p in doc.paragraph if p >= 0]
    assert pids == list(range(len(pids)))   # one paragraph per non-blank line


def test_one_sentence_per_line_is_not_hard_wrapped():
    sentences = [f"Sentence number {n} of the report ends right here at the end of its own line."
                 for n in range(12)]
    doc = Document.from_text("\n".join(sentences) + "\n")
    assert not doc.hard_wrapped
    assert doc.paragraph == list(range(12))


def test_short_pages_are_never_hard_wrapped():
    text = "\n".join(textwrap.wrap(PARAGRAPHS[0] + " " + PARAGRAPHS[1], 78)[:5])
    assert not Document.from_text(text).hard_wrapped


MENU = "\n".join(["Skip to main content", "Home", "World", "Business", "Politics", "Sport", "Culture", "Weather",
                  "Opinion", "Travel", "Podcasts", "Newsletters", "Log in", "Subscribe"] * 3)


def test_wrapped_article_under_a_long_menu_is_detected():
    """Most lines of a dumped page are its menus; the article's full-width lines still run on."""
    doc = Document.from_text(MENU + "\n\n" + wrapped_page())
    assert doc.hard_wrapped
    texts = {" ".join(doc.lines[i].strip() for i, p in enumerate(doc.paragraph) if p == pid)
             for pid in set(doc.paragraph) - {-1}}
    assert set(PARAGRAPHS[1:] + BULLETS + [CLOSING]) <= texts


def test_a_list_of_long_headlines_is_not_hard_wrapped():
    """Teaser headlines of one length, one under the other, none ending a sentence: their next
    lines start with capitals, as a wrapped sentence's seldom do."""
    headlines = ["Council Tax To Rise By Four Percent In April As Budget Is Agreed",
                 "New Bus Route For The Retail Park Will Start Running Next Month",
                 "Library Volunteers Honoured At Town Hall Ceremony On Saturday",
                 "Flood Defences Along The River Alder Finished Two Years Late"] * 3
    doc = Document.from_text(MENU + "\n\n" + "\n".join(headlines) + "\n")
    assert not doc.hard_wrapped


def test_a_wrapped_sentence_end_before_a_capital_ends_the_paragraph():
    """Where a line of the wrap closes a sentence and the next begins one, the paragraph may end
    there: each side is whole sentences, and a menu's last full-width item is not joined to the
    next item ("… See our Cookie Policy." then "OK")."""
    lines = textwrap.wrap(PARAGRAPHS[0], 78) + ["Councillors said the roof, the heating and the wiring all needed",
                                                 "replacing, and the repairs would cost more than a new building."]
    doc = Document.from_text("\n".join(lines * 3) + "\n")
    assert doc.hard_wrapped
    assert doc.paragraph[len(lines) - 2] == doc.paragraph[len(lines) - 1] != doc.paragraph[len(lines)]


def test_the_model_view_of_a_wrapped_page_has_each_paragraph_on_one_line():
    doc = Document.from_text(wrapped_page())
    view, line_of = doc.model_view()
    assert not view.hard_wrapped and len(line_of) == len(doc.lines)
    for i, line in enumerate(doc.lines):
        if line.strip():
            assert line.strip() in view.lines[line_of[i]]
            assert (line_of[i] == line_of[i - 1]) == (doc.paragraph[i] == doc.paragraph[i - 1])
        else:
            assert line_of[i] == -1
    assert [line for line in view.lines if not line.strip()] == [line for line in doc.lines if not line.strip()]
    assert set(PARAGRAPHS + BULLETS + [CLOSING]) <= {" ".join(line.split()) for line in view.lines}


@pytest.mark.parametrize("stop", ["Mr.", "Rt. Hon.", "the U.S.", "B. U."])
def test_an_abbreviation_at_a_wrap_does_not_end_the_paragraph(stop):
    lines = textwrap.wrap(PARAGRAPHS[0], 78) + [f"Councillors said the roof, the heating and the wiring, said {stop}",
                                                 "Garrett, all needed replacing, and would cost more than a new one."]
    doc = Document.from_text("\n".join(lines * 3) + "\n")
    assert doc.hard_wrapped
    assert doc.paragraph[len(lines) - 2] == doc.paragraph[len(lines) - 1]


def test_a_page_without_blank_lines_is_unspaced_and_read_with_a_blank_line_between_paragraphs():
    lines = [line for line in SCRAPED.splitlines() if line.strip()]
    doc = Document.from_text("\n".join(lines) + "\n")
    assert doc.unspaced and not doc.hard_wrapped
    view, line_of = doc.model_view()
    assert [view.lines[k] for k in line_of] == lines
    assert all(not view.lines[k + 1].strip() for k in line_of[:-1])   # a blank line under each
    assert not Document.from_text(SCRAPED).unspaced and Document.from_text(SCRAPED).model_view() == (None, [])


def test_a_short_page_is_never_unspaced():
    assert not Document.from_text("Home | News | Sport\nShare on Facebook | Twitter\nSign up for our newsletter\n").unspaced


def test_a_wrapped_page_without_blank_lines_is_read_as_spaced_paragraphs():
    text = "\n".join(line for line in wrapped_page().splitlines() if line.strip())
    doc = Document.from_text(text)
    assert doc.unspaced and doc.hard_wrapped
    view, _ = doc.model_view()
    texts = [" ".join(line.split()) for line in view.lines]
    assert set(PARAGRAPHS + BULLETS + [CLOSING]) <= set(texts)
    assert all(not texts[i + 1] for i, t in enumerate(texts[:-1]) if t)


@pytest.mark.parametrize("line, text", [
    ("[Skip to main content](#main)", "Skip to main content"),
    ("  * [ Follow us on Twitter ](https://twitter.com/gazette)", "Follow us on Twitter"),
    ("## Related stories", "Related stories"),
    ("> The bridge, she said, **changed** everything.  ", "The bridge, she said, changed everything."),
    ("![The new footbridge](/images/bridge.jpg)", ""),
    ("[![Home](/logo.png)](/)", ""),
    ("Opened on Saturday ![](/spacer.gif) by the mayor.", "Opened on Saturday by the mayor."),
    ("It was paid for by the [county council](/council \"Council\") and a fund.",
     "It was paid for by the county council and a fund."),
    ("1. Open the `settings` page", "Open the settings page"),
    ("A plain line with no markup, 3 * 4 = 12.", "A plain line with no markup, 3 * 4 = 12."),
])
def test_a_markdown_line_reads_as_its_text(line, text):
    assert markdown_plain(line) == text


def test_a_markdown_image_reads_as_its_alt_text_when_asked():
    """The benchmark scores a kept image line by its alt text (a caption kept counts against it)."""
    assert markdown_plain("![The new footbridge](/images/bridge.jpg)", images=True) == "The new footbridge"
    assert markdown_plain("[![Home](/logo.png)](/)", images=True) == "Home"


MARKDOWN = "\n".join(["[Skip to main content](#main)", ""] + [f"  * [{item}](/{item.lower()})" for item in
                     ["Home", "World", "Business", "Politics", "Sport", "Culture", "Weather"]] +
                     ["", "# Library on Mill Street to close", ""] +
                     [p.replace("petition", "[petition](/petition)") + "\n" for p in PARAGRAPHS])


def test_a_markdown_page_is_read_as_its_text():
    doc = Document.from_text(MARKDOWN)
    assert doc.markdown and not doc.hard_wrapped and not doc.unspaced
    view, line_of = doc.model_view()
    assert [view.lines[line_of[i]] for i in doc.nonblank()] == [markdown_plain(doc.lines[i]) for i in doc.nonblank()]
    assert PARAGRAPHS[0] in view.lines and "Home" in view.lines


@pytest.mark.parametrize("text", [SCRAPED, "\n".join(["# check the queue first", "queue = load()",
                                                       "# then drain it", "drain(queue)"] * 4)])
def test_plain_text_and_code_comments_are_not_markdown(text):
    assert not Document.from_text(text).markdown


def test_wrapped_markdown_with_long_links_is_detected():
    """html2text wraps Markdown at 78 characters but never breaks a link's URL: the links' targets
    are no part of the width."""
    url = "https://www.gazette.example/news/2025/03/12/library-on-mill-street-to-close-despite-petition?ref=home"
    menu = [f"  * [{item}]({url}&section={item.lower()})" for item in ["Home", "World", "Business", "Politics"]]
    body = [textwrap.fill(p.replace("petition", f"[petition]({url})"), 78) for p in PARAGRAPHS + [CLOSING]]
    doc = Document.from_text("\n".join(menu) + "\n\n" + "\n\n".join(body) + "\n")
    assert doc.markdown and doc.hard_wrapped
    assert max(len(line) for line in doc.lines) > 130


def html2text_wrapped(text: str, width: int = 78) -> str:
    """Markdown wrapped as html2text wraps it: at spaces and after hyphens (inside a URL too),
    never inside a word, list items left whole."""
    return "\n".join(line if line.lstrip().startswith("* ") or len(line) <= width else
                     textwrap.fill(line, width, break_long_words=False) for line in text.split("\n"))


PHOTO = ("![Readers at the library on Mill Street, which the council will close at the end of the year]"
         "(https://www.gazette.example/images/2025/03/library-on-mill-street-readers-at-the-desk.jpg)")


def test_a_wrapped_markdown_link_or_image_is_read_whole():
    """A wrap inside a link's words, or before its long target (a wrap never breaks a URL except
    after a hyphen), leaves the link open on the line: it runs on until it closes, whatever the
    line's width, and the paragraph reads as Markdown at once (an image's lines read as blank)."""
    url = "https://www.gazette.example/news/2025/03/12/library-on-mill-street-to-close-despite-petition"
    body = [p.replace("petition", f"[petition signed by residents]({url})") for p in PARAGRAPHS] + [PHOTO, CLOSING]
    menu = "\n".join(f"  * [{item}](/{item.lower()})" for item in ["Home", "World", "Business", "Politics"])
    doc = Document.from_text(html2text_wrapped(menu + "\n\n" + "\n\n".join(body) + "\n"))
    assert doc.markdown and doc.hard_wrapped
    photo = [i for i, line in enumerate(doc.lines) if line.strip() and line.strip() in PHOTO]
    assert len(photo) >= 3 and len({doc.paragraph[i] for i in photo}) == 1
    view, line_of = doc.model_view()
    assert {view.lines[line_of[i]] for i in photo} == {""}
    assert PARAGRAPHS[0].replace("petition", "petition signed by residents") in view.lines
    assert [doc.reading(i) for i in photo] == [""] * len(photo)


@pytest.mark.parametrize("before, after, joined", [
    ("the self-", "portraiture course", "the self-portraiture course"),
    ("see https://www.gazette.example/news/mill-", "street-library", "see https://www.gazette.example/news/mill-street-library"),
    ("the vote was close -", "twelve to eleven", "the vote was close - twelve to eleven"),
])
def test_a_wrap_after_a_hyphen_joins_without_a_space(before, after, joined):
    filler = textwrap.wrap(PARAGRAPHS[0] + " " + PARAGRAPHS[1], 78)
    lines = filler + [before.rjust(76), after] + filler
    doc = Document.from_text("\n".join(lines) + "\n")
    view, line_of = doc.model_view()
    assert doc.hard_wrapped and view.lines[line_of[len(filler)]].endswith(joined)


def test_a_short_line_before_a_word_too_long_for_it_runs_on():
    """The wrap was forced where the next line's first word would not have fit."""
    url = "https://www.gazette.example/news/2025/03/12/library-on-mill-street-to-close-despite-petition"
    lines = textwrap.wrap(PARAGRAPHS[0], 72) + ["The full text of the decision is at", url, "with the minutes."]
    doc = Document.from_text("\n".join(lines * 3) + "\n")
    n = len(lines)
    assert doc.hard_wrapped and doc.paragraph[n - 3] == doc.paragraph[n - 2] == doc.paragraph[n - 1]


def test_a_line_reads_as_its_paragraph_in_the_model_view():
    doc = Document.from_text(wrapped_page())
    first = doc.lines.index(textwrap.wrap(PARAGRAPHS[0], 78)[1])
    assert doc.reading(first) == PARAGRAPHS[0] and doc.reading(1) == ""
    plain = Document.from_text(SCRAPED)
    assert [plain.reading(i) for i in range(len(plain.lines))] == plain.lines


def test_a_stray_bracket_does_not_join_the_rest_of_the_page():
    """A stray "[" in Markdown without blank lines: the lines below it do not all become its
    paragraph (whether a link is open is asked of a line and the one above it, no further)."""
    menu = [f"  * [{item}](/{item.lower()})" for item in ["Home", "World", "Business", "Politics"]]
    body = [line for p in PARAGRAPHS for line in textwrap.wrap(p, 78)] * 4
    doc = Document.from_text("\n".join(menu + ["[Updated"] + body) + "\n")
    assert doc.markdown
    start = len(menu)
    assert len({doc.paragraph[i] for i in range(start, len(doc.lines))}) > 2
