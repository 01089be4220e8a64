"""Property tests over arbitrary pages: kept lines are input lines, cleaning is stable, nothing crashes."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Options, classify, clean
from cleaner.html import looks_like_html

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SENTENCES = [
    "The council voted on Tuesday to close the old library on Mill Street at the end of the year.",
    "Residents said they had not been told about the plan until the week before the meeting.",
    "\u201cWe will keep fighting for this building,\u201d said the chair of the friends\u2019 group.",
    "Die Stadt will bis zum Jahr 2030 eine neue Stra\u00dfenbahnlinie zum Flughafen bauen.",
    "La nouvelle m\u00e9diath\u00e8que a ouvert ses portes samedi matin apr\u00e8s deux ans de travaux.",
    "\u6cd5\u9662\u5468\u4e8c\u88c1\u5b9a\u8be5\u516c\u53f8\u5fc5\u987b\u8d54\u507f\u53d7\u5f71\u54cd\u7684\u5c45\u6c11\u3002",
    "Library to close despite petition",
]
CHROME = [
    "Share on Facebook | Twitter | Email", "Sign up for our newsletter", "Home | News | Sport | Weather",
    "\u00a9 2025 County Gazette Ltd. All rights reserved.", "We use cookies. Accept all | Manage", "Advertisement",
]
BREAKS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"])

any_text = st.text(max_size=60)   # all of Unicode, \r, \n, \t, controls, lone surrogates
line = st.one_of(any_text, st.sampled_from(SENTENCES), st.sampled_from(CHROME),
                 st.text(alphabet=" \t\r\u00a0\u2028abc\u00e9\u4e2d.|-", max_size=20))


@st.composite
def pages(draw, max_lines=25):
    parts = draw(st.lists(st.tuples(line, BREAKS), max_size=max_lines))
    text = "".join(l + b for l, b in parts)
    if parts and draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@st.composite
def realistic_pages(draw):
    """Pages mostly made of sentences and chrome lines, the kind the model is for."""
    lines = draw(st.lists(st.sampled_from(SENTENCES + CHROME), min_size=1, max_size=30))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(lines), max_size=len(lines)))
    return "".join(l + s for l, s in zip(lines, seps))


def split_lines(text):
    return re.split(r"\r\n|\r|\n", text)


def is_subsequence(output, page):
    """Every non-blank output line equals a non-blank input line, in order."""
    it = iter([l.rstrip() for l in split_lines(page) if l.strip()])
    return all(any(o == c for c in it) for o in (l.rstrip() for l in split_lines(output) if l.strip()))


TEXT = Options(input_format="text")


@SETTINGS
@given(pages())
@example("a\r\rb\n\nc\n")
@example("Skip to main content\nHome | News\n\nHeadline\n\n" + SENTENCES[0] + "\n")
def test_output_lines_are_input_lines_in_order(page):
    out = clean(page, TEXT)   # text that happens to open like HTML would take the HTML path
    assert is_subsequence(out, page)
    if not page.strip():
        assert out == ""


@SETTINGS
@given(realistic_pages())
def test_output_lines_are_input_lines_realistic(page):
    out = clean(page, TEXT)
    assert is_subsequence(out, page)
    assert not out.startswith(("\n", "\r")) and (out == "" or out.endswith("\n"))
    assert "\n\n\n" not in out


@SETTINGS
@given(pages())
def test_fallback_output_lines_are_input_lines(page):
    assert is_subsequence(clean(page, Options(use_model=False, input_format="text")), page)


@SETTINGS
@given(st.one_of(pages(), realistic_pages()))
@example(SENTENCES[0] + "\n" + SENTENCES[1] + "\n")   # once kept only SENTENCES[0], which a 2nd clean dropped
@example("00000\n0\n" + "0" * 30 + ":0\n")          # a headline a second look did not take for one
@example("0\n0\n0\n0\n1\n" + SENTENCES[0] + "\n0\n0\ra\n0\x1b\n" + SENTENCES[0] + "\n")  # a look dropping most
@example(SENTENCES[0] + "\n\naÇ\nSin:oUR:nEWSLETTER\n\n")   # taken as clean, but its output lost a blank line
def test_clean_is_idempotent(page):
    """clean() looks again at its own output until it settles: a second run changes nothing."""
    once = clean(page)
    assert clean(once) == once


@SETTINGS
@given(st.one_of(pages(), realistic_pages()))
@example("\nThe council voted on Tuesday to close the old library on Mill Street at the end of the year.\r\n\n0\r\n")
def test_idempotent_fallback(page):
    fallback = Options(use_model=False)
    once = clean(page, fallback)
    assert clean(once, fallback) == once


@SETTINGS
@given(st.text(), st.sampled_from(["", "<html><body>", "<!doctype html><p>", "<div><p><span><a><br>"]),
       st.sampled_from([Options(), Options(use_model=False), Options(keep_headline=False),
                        Options(input_format="html"), Options(input_format="text")]))
def test_no_exception_on_any_unicode(text, prefix, options):
    page = prefix + text
    out = clean(page, options)
    assert isinstance(out, str)
    decisions = classify(page, options)
    assert all(d.label in ("title", "body", "chrome", "blank") for d in decisions)
    if options.input_format == "text" or (options.input_format == "auto" and not looks_like_html(page)):
        assert len(decisions) == len(split_lines(page)) - (len(page) > 0 and page[-1] in "\r\n")
