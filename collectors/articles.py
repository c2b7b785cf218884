"""Base spider for news: follow a link to the article page and extract it with trafilatura.

The main text, title, author and publication date come from trafilatura; the language from the page's
`<html lang>` (else what the feed or GDELT said); the URL is the page's canonical URL (`<link rel=canonical>`,
else og:url, else the address after redirects), so the same article found by two routes is stored once.
A page with no extractable article text is quarantined with that reason.
The stored time is the most precise of the page's, the feed's and GDELT's (a page that gives only a day does
not replace the hour the feed gave); the post records which source gave it (`created_at_source`) and the
crawl stats `vigia/time_from/<source>` count them.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from scrapy.http import TextResponse

from collectors.base import VigiaSpider
from collectors.dates import Stamp, most_precise
from collectors.items import PostItem
from vigia.article_text import MIN_TEXT, extract_article


def article_date(value: str | None) -> Stamp | None:
    """trafilatura's date as a Stamp: precise when it has a time and an offset, else the day alone."""
    if not value:
        return None
    try:
        return Stamp(datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z"), True, "article")
    except ValueError:
        try:
            return Stamp(datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc), False, "article")
        except ValueError:
            return None


def context_date(context: dict[str, Any]) -> Stamp | None:
    """The time the feed or GDELT gave, as a Stamp."""
    if not context.get("published"):
        return None
    return Stamp(datetime.fromisoformat(context["published"]), bool(context.get("published_precise", True)),
                 context.get("published_from") or "feed")


class ArticleSpider(VigiaSpider):
    platform = "news"

    def article(self, url: str, context: dict[str, Any]):
        """A request for one article page; `context` carries what the feed or index knew (outlet, country…)."""
        return self.request(url, self.parse_article, cb_kwargs={"context": context})

    def parse_article(self, response, context: dict[str, Any]):
        if not isinstance(response, TextResponse):
            yield self.malformed(response.url, f"not an HTML page ({response.headers.get('Content-Type', b'?')!r})",
                                 {"url": response.url})
            return
        extracted = extract_article(response.text, response.url)
        canonical = (response.css('link[rel="canonical"]::attr(href)').get()
                     or response.css('meta[property="og:url"]::attr(content)').get())
        raw = {
            "page_url": response.url,
            "canonical": response.urljoin(canonical) if canonical else None,
            "lang": response.xpath("/html/@lang").get(),
            "encoding": response.encoding,
            "image_alt": response.css('meta[property="og:image:alt"]::attr(content)').get(),
            "modified": response.css('meta[property="article:modified_time"]::attr(content)').get(),
            **extracted,
        }
        yield self.emit(raw, response.url, context=context)

    def to_item(self, raw: dict[str, Any], context: dict[str, Any]) -> PostItem:
        """An extracted article (trafilatura's fields plus the page's) to a PostItem."""
        text = (raw.get("text") or "").strip()
        if len(text) < MIN_TEXT:
            raise ValueError(f"no article text found in the page ({len(text)} characters extracted): "
                             "the page layout changed, or it is not an article")
        for key in ("description", "categories", "tags"):
            if raw.get(key):
                self.crawler.stats.inc_value(f"unmapped/article.{key}")
        title = raw.get("title") or context.get("title")
        if title and text.startswith(title):
            text = text[len(title):].lstrip()
        when = most_precise(article_date(raw.get("date")), context_date(context))
        if when is not None:
            self.crawler.stats.inc_value(f"vigia/time_from/{when.source}")
        language = (raw.get("lang") or context.get("language") or "").split("-")[0].lower() or None
        return PostItem(
            platform=self.platform,
            source=context.get("outlet") or raw.get("sitename") or raw.get("hostname"),
            url=raw.get("canonical") or raw["page_url"],
            title=title,
            text=text,
            language=language,
            created_at=when.when.isoformat() if when else None,
            created_at_source=when.source if when else None,
            country=context.get("country"),
            author_handle=raw.get("author") or context.get("author"),
            edited_at=raw.get("modified"),
            media=[{"url": raw["image"], "kind": "image", "alt": raw.get("image_alt")}]
            if str(raw.get("image") or "").startswith("http") else [],  # the lead image, with its alt text
        )
