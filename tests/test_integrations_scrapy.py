"""The Scrapy item pipeline: a real crawl of pages served on 127.0.0.1, and the pipeline's rules for
settings and bad items checked on the pipeline object itself.

Skipped when Scrapy is not installed, unless CLEANER_REQUIRE_INTEGRATIONS=1 (CI), where a missing
Scrapy is a failure.
"""
from __future__ import annotations

import http.server
import importlib
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import cleaner
from cleaner import Options, clean, clean_and_explain
from conftest import EXAMPLE, KeywordPipeline, save_model


def _need(module: str):
    if os.environ.get("CLEANER_REQUIRE_INTEGRATIONS") == "1":
        return importlib.import_module(module)
    return pytest.importorskip(module)


_need("scrapy")
from scrapy.exceptions import DropItem, NotConfigured  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from cleaner.integrations.scrapy import CleanerPipeline  # noqa: E402

# ----------------------------------------------------------------------------- the served pages

NAV = ["Skip to main content", "Home", "News", "Sport", "Business", "Weather"]
COOKIE = ["We use cookies to improve your experience on our site. By continuing to browse you agree "
          "to our use of cookies.", "Accept all", "Manage settings"]
SHARE = ["Share this article", "Share on Facebook", "Share on X", "Email"]
NEWSLETTER = ["Sign up for our newsletter", "Get the day's top stories in your inbox every morning."]
FOOTER = ["© 2026 Alder Valley News Ltd. All rights reserved.", "Privacy Policy", "Terms of Use"]


def _page(title: str, byline: str, paragraphs, related) -> str:
    """A news page with the usual chrome around the article: nav, cookie banner, share bar,
    related stories, newsletter prompt and footer."""
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV[1:])
    share = "".join(f'<li><a href="#">{s}</a></li>' for s in SHARE[1:])
    rel = "".join(f'<li><a href="/story/{i}">{r}</a></li>' for i, r in enumerate(related))
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Alder Valley News</title></head>
<body>
<header><a href="#main">{NAV[0]}</a><nav><ul>{nav}</ul></nav>
<div class="cookie-banner"><p>{COOKIE[0]}</p><button>{COOKIE[1]}</button><button>{COOKIE[2]}</button></div>
</header>
<main id="main"><article>
<h1>{title}</h1>
<p class="byline">{byline}</p>
{body}
</article></main>
<aside class="share"><p>{SHARE[0]}</p><ul>{share}</ul></aside>
<aside class="related"><h2>Related stories</h2><ul>{rel}</ul></aside>
<div class="newsletter"><p>{NEWSLETTER[0]}</p><p>{NEWSLETTER[1]}</p></div>
<footer><p>{FOOTER[0]}</p><ul><li><a href="/privacy">{FOOTER[1]}</a></li><li><a href="/terms">{FOOTER[2]}</a></li></ul></footer>
</body></html>"""


FERRY = dict(
    title="Ferry service to Gullsand Island to resume after eight-month pause",
    byline="By Marta Olsen, Transport Correspondent · Published 12 March 2026",
    paragraphs=[
        "The passenger ferry between Port Alder and Gullsand Island will run again from the first of April, the island council said on Tuesday, ending a suspension that began when the old vessel failed its safety inspection last summer.",
        "A replacement boat, leased from an operator in the north, arrived in the harbour last week and completed its sea trials on Monday. It can carry ninety passengers and twelve cars, slightly more than the ship it replaces.",
        "\"Islanders have had to rely on a twice-weekly supply boat and the goodwill of fishermen since August,\" said council leader Agnes Brodie. \"Getting a daily service back is the single most important thing we could do for the island this year.\"",
        "The council said the timetable would start with three crossings a day and rise to five in the summer months. Fares will stay at last year's prices until at least the end of the season.",
        "The island's only shop and its primary school both said the suspension had cost them dearly, with deliveries delayed and several teachers forced to stay overnight on the mainland.",
    ],
    related=["Harbour dredging plan approved after long delay", "Island school marks its hundredth year",
             "Storm damage closes coastal path for the winter"])
LIBRARY = dict(
    title="Town library to open on Sundays after volunteers step in",
    byline="By Priya Raman, Local Affairs Reporter · Published 9 March 2026",
    paragraphs=[
        "The central library in Alder will open on Sunday afternoons from next month after more than forty volunteers signed up to help staff it, the county council has announced.",
        "Sunday opening ended six years ago when the library service lost a third of its budget. Since then, the only way to borrow books at the weekend has been a small mobile library that visits the market square on Saturday mornings.",
        "Head librarian Tomás Ferreira said the volunteers would run the lending desk and the children's reading corner, while a paid member of staff would be on duty every Sunday to look after the building and the computers.",
        "\"We had hoped for perhaps a dozen names,\" he said. \"Instead we had people queuing at the desk to sign the form. Students, retired teachers, parents, even a couple who met here in the nineteen-seventies.\"",
        "The trial will run until the end of the year, when the council will decide whether to make the arrangement permanent.",
    ],
    related=["Parking charges in the town centre to rise in July", "Bookshop owner wins national award",
             "Council budget: what the cuts mean for you"])
BRIDGE = dict(
    title="New footbridge across the River Alder opens to walkers and cyclists",
    byline="By Priya Raman, Local Affairs Reporter · Published 3 March 2026",
    paragraphs=[
        "A new footbridge across the River Alder opened to the public on Saturday morning, linking the town centre with the housing estates on the east bank for the first time in more than forty years.",
        "The steel and timber bridge, which cost 4.2 million pounds, was paid for by the county council and a government fund for walking and cycling routes. Work began in the spring of last year and finished two weeks ahead of schedule.",
        "\"People on the east side used to walk a mile and a half to the road bridge just to get to the doctor's surgery,\" said Helen Marsh, who led the campaign for the crossing. \"Today that walk takes five minutes.\"",
        "The council said it expected around three thousand people to use the bridge every day once the new school on the east bank opens in September.",
    ],
    related=["River Alder flood defences finished at last", "Cycle lane plan for the high street",
             "Bus station to close for repairs"])
SITE = {"/ferry": FERRY, "/library": LIBRARY, "/bridge": BRIDGE}


def _chrome(page: dict):
    return NAV + COOKIE + SHARE + NEWSLETTER + FOOTER + ["Related stories"] + page["related"]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        page = SITE.get(self.path)
        if page is None:
            self.send_error(404)
            return
        body = _page(**page).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):   # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# The spider runs in its own process: Twisted's reactor cannot be restarted in this one.
SPIDER = r'''
import sys
import scrapy
from scrapy.crawler import CrawlerProcess

BLOCKS = ("//body//*[self::h1 or self::h2 or self::p or self::li or self::button"
          " or (self::a and not(ancestor::li) and not(ancestor::p))]")


def page_text(response):
    """Headings, paragraphs, list items and buttons one per line, a blank line between blocks and
    none between the items of one list: roughly what a scraper's layout-keeping text view gives."""
    out = []
    for el in response.xpath(BLOCKS):
        text = " ".join(" ".join(el.xpath(".//text()").getall()).split())
        if not text:
            continue
        tag = el.xpath("name()").get()
        if not (out and tag in ("li", "button") and out[-1][0] == tag):
            out.append(("", ""))
        out.append((tag, text))
    return "\n".join(t for _, t in out).strip() + "\n"


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, base, **kw):
        super().__init__(**kw)
        self.start_urls = [base + "/ferry", base + "/library", base + "/bridge"]

    def parse(self, response):
        if response.url.endswith("/bridge"):          # this item carries only the page's HTML
            yield {"url": response.url, "html": response.text}
            return
        yield {"url": response.url, "text": page_text(response)}
        if response.url.endswith("/ferry"):           # a spider bug: a list where the page should be
            yield {"url": response.url + "#broken", "text": ["not", "a", "page"]}


base, feed, log = sys.argv[1:4]
process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
    "CLEANER_FIELD": "text",
    "CLEANER_HTML_FIELD": "html",
    "CLEANER_OUTPUT_FIELD": "article",
    "CLEANER_REMOVED_FIELD": "removed",
    "FEEDS": {feed: {"format": "jsonlines", "encoding": "utf-8"}},
    "LOG_FILE": log,
    "LOG_LEVEL": "INFO",
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
})
process.crawl(NewsSpider, base=base)
process.start()
'''


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """Run the spider once over the served pages: ``(items by url, crawl log)``."""
    tmp = tmp_path_factory.mktemp("crawl")
    script, feed, log = tmp / "crawl.py", tmp / "items.jsonl", tmp / "crawl.log"
    script.write_text(SPIDER, encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    # the crawl imports the same cleaner these tests import
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(Path(cleaner.__file__).parents[1]),
                                                    env.get("PYTHONPATH", "")) if p)
    run = subprocess.run([sys.executable, str(script), site, str(feed), str(log)], cwd=tmp, env=env,
                         capture_output=True, text=True, timeout=300)
    log_text = log.read_text(encoding="utf-8") if log.exists() else ""
    assert run.returncode == 0, run.stderr[-3000:] + log_text[-3000:]
    items = [json.loads(l) for l in feed.read_text(encoding="utf-8").splitlines() if l.strip()]
    return {it["url"].removeprefix(site): it for it in items}, log_text


def _lines(text: str):
    return [l for l in text.splitlines() if l.strip()]


def test_crawl_keeps_the_article_and_removes_the_chrome(crawl):
    items, _ = crawl
    for path in ("/ferry", "/library"):
        item, page = items[path], SITE[path]
        kept = _lines(item["article"])
        assert all(p in kept for p in page["paragraphs"]), path
        assert not set(kept) & set(_chrome(page)), path
        # nothing lost: the original text is still there, and every line is kept or listed as removed
        assert sorted(kept + item["removed"]) == sorted(_lines(item["text"]))
        assert set(_chrome(page)) <= set(item["removed"])
        # the pipeline gives what the library gives
        assert item["article"] == clean(item["text"])


def test_crawl_cleans_the_html_field_when_there_is_no_text(crawl):
    items, _ = crawl
    item = items["/bridge"]
    assert "text" not in item and item["html"].startswith("<!DOCTYPE html>")
    kept = _lines(item["article"])
    assert all(p in kept for p in BRIDGE["paragraphs"])
    assert not set(kept) & set(_chrome(BRIDGE))
    assert item["article"] == clean(item["html"], Options(input_format="html"))


def test_crawl_passes_a_bad_item_on_untouched_and_says_why(crawl):
    items, log = crawl
    broken = items["/ferry#broken"]
    assert broken["text"] == ["not", "a", "page"] and "article" not in broken
    assert "cleaner: item passed on uncleaned: field 'text' is list, not str" in log
    assert "'cleaner/cleaned': 3" in log and "'cleaner/skipped': 1" in log


# ----------------------------------------------------------------------------- the pipeline alone

def _pipeline(**settings) -> CleanerPipeline:
    return CleanerPipeline.from_crawler(get_crawler(settings_dict=settings))


@pytest.fixture(scope="module")
def page() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def test_default_cleans_the_text_field_in_place(page):
    item = {"url": "u", "text": page}
    assert _pipeline().process_item(item) is item
    assert item == {"url": "u", "text": clean(page)} and item["text"] != page


def test_keep_headline_setting_reaches_the_cleaner(page):
    item = _pipeline(CLEANER_KEEP_HEADLINE=False).process_item({"text": page})
    body_only = clean(page, Options(keep_headline=False))
    assert item["text"] == body_only != clean(page)


def test_removed_lines_go_to_their_field(page):
    item = _pipeline(CLEANER_OUTPUT_FIELD="clean", CLEANER_REMOVED_FIELD="gone").process_item({"text": page})
    _, decisions = clean_and_explain(page)
    assert item["text"] == page
    assert item["gone"] == [d.text for d in decisions if not d.keep and d.label != "blank"]
    assert item["gone"] and not set(item["gone"]) & set(_lines(item["clean"]))


@pytest.mark.parametrize("item, why", [
    ({"url": "u"}, "no 'text' field"),
    ({"url": "u", "text": None}, "no 'text' field"),
    ({"url": "u", "text": b"bytes"}, "field 'text' is bytes, not str"),
])
def test_bad_item_is_passed_on_unchanged_with_a_log_line(item, why, caplog):
    pipe = _pipeline()
    before = dict(item)
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        assert pipe.process_item(item) == before
    assert f"cleaner: item passed on uncleaned: {why}" in caplog.text
    assert pipe.stats.get_value("cleaner/skipped") == 1


def test_html_lxml_cannot_read_whole_is_passed_on_unchanged_with_a_log_line(caplog):
    """HTML nested past lxml's cap (2048 levels) would come out empty: the item is left as it was."""
    deep = "<html><body>" + "<div>" * 3000 + "<p>The article, too deep to be read.</p></body></html>"
    item = {"url": "u", "html": deep}
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        assert _pipeline(CLEANER_HTML_FIELD="html").process_item(item) == {"url": "u", "html": deep}
    assert "cleaner: item passed on uncleaned: lxml cannot read this HTML whole" in caplog.text


def test_bad_item_is_dropped_when_configured(caplog):
    pipe = _pipeline(CLEANER_ON_ERROR="drop")
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        with pytest.raises(DropItem, match="field 'text' is int, not str"):
            pipe.process_item({"text": 42})
    assert "cleaner: dropping item" in caplog.text
    assert pipe.stats.get_value("cleaner/dropped") == 1


def test_undeclared_output_field_of_an_item_class_leaves_the_item_whole(page, caplog):
    import scrapy

    class Article(scrapy.Item):
        text = scrapy.Field()
        gone = scrapy.Field()

    item = Article(text=page)
    pipe = _pipeline(CLEANER_OUTPUT_FIELD="clean", CLEANER_REMOVED_FIELD="gone")
    with caplog.at_level(logging.WARNING, logger="cleaner.integrations.scrapy"):
        assert dict(pipe.process_item(item)) == {"text": page}     # nothing half-written
    assert "Article has no field 'clean' to store the result in (declare the field" in caplog.text
    # declared, the same item class is cleaned
    assert _pipeline().process_item(Article(text=page))["text"] == clean(page)


def test_the_model_is_loaded_once_per_crawler(page, monkeypatch):
    loads = []
    real = cleaner.model.load
    monkeypatch.setattr(cleaner.model, "load", lambda path=None: loads.append(path) or real(path))
    pipe = _pipeline(CLEANER_HTML_FIELD="html")
    for _ in range(3):
        pipe.process_item({"text": page})
    pipe.process_item({"html": _page(**FERRY)})
    assert loads == [None]


def test_a_users_model_is_used_and_a_missing_one_stops_the_crawl(page, tmp_path):
    path = save_model(tmp_path / "kw.joblib", KeywordPipeline())
    item = _pipeline(CLEANER_MODEL_PATH=str(path)).process_item({"text": page})
    assert item["text"] == clean(page, Options(model_path=str(path)))
    with pytest.raises(cleaner.model.ModelError):
        _pipeline(CLEANER_MODEL_PATH=str(tmp_path / "missing.joblib"))


def test_bad_settings_are_refused():
    with pytest.raises(NotConfigured, match="CLEANER_ON_ERROR"):
        _pipeline(CLEANER_ON_ERROR="ignore")
    with pytest.raises(NotConfigured, match="threshold"):
        _pipeline(CLEANER_THRESHOLD=2)
    with pytest.raises(NotConfigured, match="CLEANER_REMOVED_FIELD must differ"):
        _pipeline(CLEANER_REMOVED_FIELD="text")
