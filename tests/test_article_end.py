"""The line that ends an article (a comment section's heading, a post's closing line, a comment
thread's first author line): what the model kept under it goes, and only there."""
from __future__ import annotations

import pytest

from cleaner.article_end import below_article_end, ends_a_post, is_comment_author, is_comment_heading
from cleaner.document import Document

ARTICLE = [
    "Harbour ferry returns after winter repairs",
    "The ferry between the old harbour and the island resumed its timetable on Monday after four "
    "months in dry dock, the operator said.",
    "Engineers replaced both engines and the steering gear, and the hull was repainted below the "
    "waterline for the first time in a decade.",
    "Passenger numbers fell by a third while the crossing was closed, and the island's two cafes "
    "shut for the season rather than wait for visitors who never came.",
    "The council said the repairs cost just under two million pounds, most of it from a fund for "
    "coastal transport, and that the ferry should now run for another fifteen years.",
    "Season tickets will go on sale at the harbour office from next week at last year's prices.",
]
THREAD = [
    "I took the first crossing this morning and it was smooth as anything, well done to the crew.",
    "Two million for a boat that breaks down every winter seems a lot to me, but at least it runs.",
    "Glad the cafes can open again, the island was like a ghost town all through the spring.",
]


def _page(top, bottom):
    """(document, keep flags): ``top`` and ``bottom`` are lists of (line, kept) pairs, blank lines
    between them."""
    pairs = top + bottom
    doc = Document.from_text("\n\n".join(line for line, _ in pairs) + "\n")
    keep = [False] * len(doc.lines)
    for n, (_, kept) in enumerate(pairs):
        keep[2 * n] = kept
    return doc, keep


def _kept_after(doc, keep, dropped):
    return [doc.lines[i] for i, k in enumerate(keep) if k and i not in dropped]


@pytest.mark.parametrize("heading", ["42 Comments", "Comments", "[ 167 comments ]", "Comments (3)", "Comment *",
                                     "Post a Comment →", "— Comments —",
                                     "Leave a Reply", "Reply", "Join the conversation", "12 Kommentare",
                                     "6 thoughts on “Harbour ferry returns after winter repairs”",
                                     "Discussion about this post",
                                     "Laisser un commentaire", "Deja un comentario"])
def test_kept_comments_below_a_heading_that_closes_the_article_go(heading):
    doc, keep = _page([(line, True) for line in ARTICLE],
                      [(heading, False)] + [(c, True) for c in THREAD] + [("Posted by Marnie, 2 hours ago", False)])
    dropped = below_article_end(doc, keep)
    assert _kept_after(doc, keep, dropped) == ARTICLE
    assert set(dropped.values()) == {f"below the comment section's heading (line {2 * len(ARTICLE) + 1})"}


SIDEBAR = ["Subscribe to the harbour newsletter for a weekly round-up of island news and events.",
           "Our photographers spent a week on the island this summer, and their pictures are in the gallery."]


@pytest.mark.parametrize("closing", ["Tags", "Tags:", "Tagged", "Post navigation", "Share this:", "Disclaimer",
                                     "Recent Posts", "— Recent articles —"])
def test_kept_lines_below_the_posts_closing_line_go(closing):
    doc, keep = _page([(line, True) for line in ARTICLE],
                      [(closing, False), ("ferries, island, harbour", False)] + [(s, True) for s in SIDEBAR])
    dropped = below_article_end(doc, keep)
    assert _kept_after(doc, keep, dropped) == ARTICLE
    assert set(dropped.values()) == {f"below the line that ends the post (line {2 * len(ARTICLE) + 1})"}


@pytest.mark.parametrize("line", ["tags = {", "tags: [", "Tags are how readers find older posts.",
                                  "Share this with a friend who missed the ferry.", "Disclaimer: I live on the island."])
def test_code_and_sentences_do_not_end_a_post(line):
    assert not ends_a_post(line)


def test_a_comment_count_above_the_article_takes_nothing():
    """A byline's "124 Comments" link stands above the article: too little is kept above it."""
    doc, keep = _page([(ARTICLE[0], True), ("By Ruth Allen | 124 Comments", False), ("124 Comments", False)],
                      [(line, True) for line in ARTICLE[1:]])
    assert below_article_end(doc, keep) == {}


def test_a_kept_heading_is_the_articles_own_subheading():
    """An article about a consultation can have a subheading "Comments": the model keeps it."""
    doc, keep = _page([(line, True) for line in ARTICLE], [("Comments", True)] + [(c, True) for c in THREAD])
    assert below_article_end(doc, keep) == {}


def test_a_short_article_above_a_long_thread_is_not_an_article_closed():
    """Above the heading must stand a fair share of what is kept (a page of a long article below
    a short kept teaser and a comment widget is not cut)."""
    doc, keep = _page([(ARTICLE[1], True), ("View comments", False)],
                      [(line, True) for line in ARTICLE[2:] * 6])
    assert below_article_end(doc, keep) == {}


@pytest.mark.parametrize("line", ["Comments are closed for this article after 30 days, as our rules say.",
                                  "Reply to this letter, the minister said, would come in May.",
                                  "Comment: why the ferry matters", "No comment", "The comments section",
                                  "12 comments on the timetable reached the council before May.",
                                  "comments = {", "  replies: [", "reply = post(url, data)", "<comments>",
                                  "# comments", "comments();"])
def test_sentences_labels_and_code_are_no_heading(line):
    """Code too: a technical article's "comments = {", dropped by the model, must not cut the rest."""
    assert not is_comment_heading(line)


@pytest.mark.parametrize("author", ["Marnie says:", "Island Life | Notes from the ferry says:",
                                    "Catherine (Harbour Trust) on September 13, 2018 at 5:23 pm said:",
                                    "by ferryfan ( 1311177 ) writes:",
                                    "by ferryfan ( 1311177 ) writes: on Friday December 19, 2025 @08:08PM (#65870295)"])
def test_a_thread_of_author_lines_goes_from_its_first_one(author):
    """The author lines are kept or not (the model keeps many), and no heading stands above them."""
    thread = [(author, True), (THREAD[0], True), ("Tom says:", False), (THREAD[1], True)]
    doc, keep = _page([(line, True) for line in ARTICLE], thread)
    dropped = below_article_end(doc, keep)
    assert _kept_after(doc, keep, dropped) == ARTICLE
    assert set(dropped.values()) == {f"in the comment thread that starts at line {2 * len(ARTICLE) + 1}"}


def test_one_author_line_is_no_thread():
    doc, keep = _page([(line, True) for line in ARTICLE], [("Marnie says:", True), (THREAD[0], True)])
    assert below_article_end(doc, keep) == {}


def test_a_thread_goes_however_little_is_kept_above_it():
    """An open thread's short intro dropped and its comments kept: the thread goes all the same."""
    doc, keep = _page([(ARTICLE[1], False)], [("Marnie says:", True), (THREAD[0], True), ("Tom says:", True),
                                              (THREAD[1], True)])
    assert _kept_after(doc, keep, below_article_end(doc, keep)) == []


@pytest.mark.parametrize("line", ["A spokesman for the council said:", "The minister said on 3 May:", "As Joel writes:",
                                  "Marnie says: the ferry was late again.", "He says", "Marnie wrote:",
                                  "by Ruth Allen, harbour correspondent", "Tom says: “Sold out.”"])
def test_quote_openers_and_bylines_are_no_author_line(line):
    """News prints "X said:" above a quote: only a commenter's "says:", a dated "said:" or
    Slashdot's numbered "writes:" is an author line."""
    assert not is_comment_author(line)


def test_cleaning_drops_the_kept_thread_and_explains_why(monkeypatch):
    """Through clean() and classify(), with a stand-in model that keeps every sentence (as the
    line model keeps many comments) and drops the rest."""
    import numpy as np

    from cleaner import Cleaner, Options
    from cleaner.model import LineScores

    def predict(self, model, docs):
        return [LineScores.of_rows(np.array([(0.9, 0.0, 0.1) if line.rstrip().endswith(".") else (0.01, 0.0, 0.99)
                                             for line in doc.lines], np.float32), doc) for doc in docs]

    monkeypatch.setattr(Cleaner, "_predict", predict)
    page = "\n\n".join(ARTICLE[1:] + ["3 Comments"] + THREAD) + "\n"
    cleaner = Cleaner(Options(input_format="text", keep_headline=False))
    assert cleaner.clean(page) == "\n\n".join(ARTICLE[1:]) + "\n"
    why = {d.text: d.reason for d in cleaner.classify(page)}
    assert {why[c] for c in THREAD} == {f"below the comment section's heading (line {2 * len(ARTICLE[1:]) + 1})"}


def test_an_open_thread_whose_intro_the_model_dropped_goes_to_the_fallback(monkeypatch):
    """The model drops the short intro and keeps the comments under it: with the thread gone,
    nothing is kept, and the fallback judges the page (before, the comments came out as the
    article and the intro was lost)."""
    from cleaner import Cleaner, Options
    from test_api import _model_by_opening

    intro = ("Our open threads give readers a place to ask about our research and our recommendations; "
             "we answer every question in the thread below.")
    authors = ["Marnie on March 3, 2026 at 9:12 am said:", "Harbour Trust on March 4, 2026 at 4:40 pm said:"]
    _model_by_opening(monkeypatch, {"Our open": (0.3, 0.0, 0.7), "Marnie": (0.9, 0.0, 0.1), "Harbour Trust": (0.9, 0.0, 0.1),
                                    THREAD[0][:12]: (0.9, 0.0, 0.1), THREAD[1][:12]: (0.9, 0.0, 0.1)})
    page = "\n\n".join(["March open thread", intro, authors[0], THREAD[0], authors[1], THREAD[1]]) + "\n"
    decisions = Cleaner(Options(input_format="text", settle=False)).classify(page)
    assert {d.path for d in decisions} == {"fallback"}
    assert intro in [d.text for d in decisions if d.keep]
