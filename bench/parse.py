"""Collection parsing: each spider's parse callback on its recorded fixtures, against reading the same bytes.

Every case builds the Scrapy response a crawl would hand the spider (HtmlResponse, TextResponse) from a fixture
under tests/data/<source>/ and calls the callback again and again. The baseline in the same run is the least
a parser must do with those bytes: json.loads for an API page, a parsel selection of the records and their text
for HTML and feeds. The gap between the two is the spider's own work: mapping, validation, pseudonyms, cues.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsel import Selector
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from collectors.items import Malformed, PostItem
from collectors.spiders.bluesky import BlueskySpider
from collectors.spiders.gdelt import GdeltSpider
from collectors.spiders.mastodon import MastodonSpider
from collectors.spiders.news import Feed, NewsSpider
from collectors.spiders.reddit import RedditSpider
from collectors.spiders.telegram import TelegramSpider
from collectors.spiders.youtube import YouTubeSpider

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
BASE = "https://recorded.example"  # fills "{base}" in the fixtures, as tests/recorded.py's server does


def json_baseline(body: bytes) -> Any:
    return json.loads(body)


def selection_baseline(records: str, text: str) -> Callable[[bytes], list]:
    """Select the records with parsel and pull out their text: what any HTML or feed reader must do."""
    def read(body: bytes) -> list:
        return [node.css(text).getall() for node in Selector(text=body.decode("utf-8", "replace")).css(records)]
    return read


@dataclass
class Case:
    name: str
    spider: type
    options: dict[str, Any]
    fixture: str
    callback: str
    url: str
    kwargs: dict[str, Any]
    baseline: Callable[[bytes], int]
    response: type = TextResponse
    headers: dict[str, str] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)  # what the spider's first requests would have set


TOOT = "https://m.example/api/v1/timelines/tag/migrantes"
CASES = [
    Case("mastodon: hashtag timeline", MastodonSpider, {"instance": "https://m.example", "hashtags": ["migrantes"]},
         "mastodon/tag_migrantes_1.json", "parse", f"{TOOT}?limit=3",
         {"stream": "tag:migrantes", "label": "#migrantes@m.example", "page": 1, "forward": False, "url": TOOT,
          "params": {"limit": 3}}, json_baseline),
    Case("reddit: subreddit listing", RedditSpider, {"subreddits": ["vigia_prueba"]}, "reddit/new_page1.json", "parse",
         "https://www.reddit.com/r/vigia_prueba/new.json?limit=2",
         {"url": "https://www.reddit.com/r/vigia_prueba/new.json", "params": {"limit": 2}, "stream": "new:vigia_prueba",
          "page": 1}, json_baseline),
    Case("bluesky: searchPosts", BlueskySpider, {"queries": ["venezolanos"]}, "bluesky/search_1.json", "parse",
         "https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=venezolanos",
         {"method": "app.bsky.feed.searchPosts", "params": {"q": "venezolanos"}, "stream": "search:venezolanos",
          "page": 1}, json_baseline, state={"token": None}),
    Case("youtube: comment threads", YouTubeSpider, {"api_key": "bench", "videos": ["vidA"], "replies": False},
         "youtube/threads_vidA_1.json", "parse_comments",
         "https://www.googleapis.com/youtube/v3/commentThreads?videoId=vidA", {"video": "vidA", "page": 1},
         json_baseline),
    Case("telegram: channel preview page", TelegramSpider, {"channels": ["noticias_frontera"]},
         "telegram/page_latest.html", "parse", "https://t.me/s/noticias_frontera",
         {"channel": "noticias_frontera", "page": 1, "forward": False},
         selection_baseline("div.tgme_widget_message", ".tgme_widget_message_text ::text"), HtmlResponse,
         {"Content-Type": "text/html; charset=utf-8"}),
    Case("gdelt: article list", GdeltSpider, {}, "gdelt/artlist.json", "parse",
         "https://api.gdeltproject.org/api/v2/doc/doc?query=migrantes", {"stream": "migrantes"}, json_baseline),
    Case("news: RSS feed", NewsSpider, {"feeds": ["https://noticias.example/migracion/rss"]}, "news/migracion.rss",
         "parse_feed", "https://noticias.example/migracion/rss",
         {"feed": Feed(url="https://noticias.example/migracion/rss", outlet="Noticias", country="CO")},
         selection_baseline("item", "title::text, description::text"), XmlResponse,
         {"Content-Type": "application/rss+xml; charset=utf-8"}),
    Case("news: article page", NewsSpider, {"feeds": ["https://noticias.example/migracion/rss"]},
         "news/articulo-cucuta.html", "parse_article", "https://noticias.example/2026/04/familias-venezolanas-cucuta",
         {"context": {"outlet": "Noticias", "country": "CO", "language": "es"}},
         selection_baseline("article, body", "p ::text"), HtmlResponse, {"Content-Type": "text/html; charset=utf-8"}),
]


def spider(case: Case):
    instance = case.spider.from_crawler(get_crawler(case.spider), source="bench", options=case.options)
    for name, value in case.state.items():
        setattr(instance, name, value)
    return instance


def run_case(case: Case, seconds: float) -> dict:
    """Repeat the callback, then the baseline, for about `seconds` each.

    Records are what the callback yields from one page (posts, quarantined records, follow-up requests);
    both rates count them, so the ratio is how many times faster the bare read is than the spider.
    """
    body = (DATA / case.fixture).read_bytes().replace(b"{base}", BASE.encode())
    callback = getattr(spider(case), case.callback)

    def parse_once() -> list:
        response = case.response(url=case.url, body=body, headers=case.headers, request=Request(case.url))
        return list(callback(response, **case.kwargs))

    logging.disable(logging.WARNING)  # a fixture's deliberately broken record would log on every pass
    try:
        out = parse_once()
        spider_pages = _pages_per_s(parse_once, seconds)
    finally:
        logging.disable(logging.NOTSET)
    baseline_pages = _pages_per_s(lambda: case.baseline(body), seconds)
    return {"case": case.name, "fixture": case.fixture, "bytes": len(body), "yielded": len(out),
            "posts": sum(isinstance(o, PostItem) for o in out),
            "quarantined": sum(isinstance(o, Malformed) for o in out),
            "records_per_s": round(spider_pages * len(out), 1),
            "baseline_records_per_s": round(baseline_pages * len(out), 1),
            "ratio": round(baseline_pages / spider_pages, 1)}


def _pages_per_s(work: Callable[[], Any], seconds: float) -> float:
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds or done == 0:
        work()
        done += 1
    return done / elapsed


def run(seconds: float = 2.0) -> list[dict]:
    return [run_case(case, seconds) for case in CASES]
