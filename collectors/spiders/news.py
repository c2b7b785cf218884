"""News feeds: RSS and Atom feeds of outlets (a list in the options, or a YAML file such as
data/sources/news_feeds.yaml); each new entry is followed to its article page and extracted with trafilatura.

Per feed the checkpoint keeps the newest entry date seen; a re-run fetches the feed again but follows only
entries published after it, so no article page is asked for twice.
Formats: RSS 2.0 (https://www.rssboard.org/rss-specification), Atom (RFC 4287), parsed with feedparser.
Dates written with Spanish or Portuguese day and month names are read; a feed that is cut off or not
well-formed is quarantined as such (its readable entries are still followed); of several Atom authors
the first is taken.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
import yaml
from pydantic import BaseModel, ConfigDict, Field

from collectors.articles import ArticleSpider
from collectors.base import SourceOptions
from collectors.dates import has_clock_time, localized_rfc822
from vigia.errors import ConfigError
from vigia.settings import REPO_DATA
from vigia.times import utc_iso


class Feed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str
    outlet: str | None = None
    country: str | None = None
    language: str | None = None
    section: str | None = None


class NewsOptions(SourceOptions):
    feeds: list[Feed | str] = Field(default_factory=list, description="Feed URLs, or tables with url, outlet, country, language.")
    feeds_file: str | None = Field(default=None, description="YAML list of feeds, e.g. data/sources/news_feeds.yaml.")
    countries: list[str] = Field(default_factory=list, description="Only the feeds of these countries (ISO codes).")
    max_entries: int = Field(default=50, ge=1, description="Entries followed per feed and run.")


def load_feeds(opts: NewsOptions) -> list[Feed]:
    feeds = [f if isinstance(f, Feed) else Feed(url=f) for f in opts.feeds]
    if opts.feeds_file:
        path = Path(opts.feeds_file).expanduser()
        if not path.is_absolute() and not path.exists():
            path = REPO_DATA.parent / path
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            feeds += [Feed(**entry) for entry in data.get("feeds") or []]
        except (OSError, yaml.YAMLError, TypeError, ValueError) as exc:
            raise ConfigError(f"cannot read feeds_file {path}: {exc}") from None
    if opts.countries:
        wanted = {c.upper() for c in opts.countries}
        feeds = [f for f in feeds if (f.country or "").upper() in wanted]
    return feeds


feedparser.registerDateHandler(localized_rfc822)
# feedparser's flags that say nothing is wrong with the feed's content (a charset header that disagrees).
HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def first_author(entry: Any) -> str | None:
    """The entry's first author (feedparser's `author` is the last of several in Atom)."""
    for author in entry.get("authors") or []:
        if isinstance(author, dict) and (author.get("name") or author.get("email")):
            return author.get("name") or author.get("email")
    return entry.get("author")


def entry_time(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc) if parsed else None


class NewsSpider(ArticleSpider):
    name = "news"
    Options = NewsOptions

    def first_requests(self):
        try:
            feeds = load_feeds(self.opts)
        except ConfigError as exc:
            self.fail(str(exc))
            return
        if not feeds:
            self.fail("no feeds to read: set the option 'feeds' or 'feeds_file'")
        for feed in feeds:
            yield self.request(feed.url, self.parse_feed, cb_kwargs={"feed": feed})

    def parse_feed(self, response, feed: Feed):
        parsed = feedparser.parse(response.body, response_headers={
            k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items()})
        if not parsed.entries:
            reason = f"not a readable RSS or Atom feed: {parsed.get('bozo_exception') or 'no entries'}"
            yield self.malformed(feed.url, reason, response.text[:5000] if hasattr(response, "text") else None)
            return
        if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), HARMLESS_BOZO):
            yield self.malformed(feed.url, f"the feed is cut off or not well-formed ({parsed.get('bozo_exception')}): "
                                 f"{len(parsed.entries)} entries read, the last may be incomplete",
                                 response.text[-5000:] if hasattr(response, "text") else None)
        since = self.since(feed.url)
        language = feed.language or (parsed.feed.get("language") or "").split("-")[0] or None
        entries = sorted(parsed.entries, key=lambda e: entry_time(e) or datetime.min.replace(tzinfo=timezone.utc),
                         reverse=True)[: self.opts.max_entries]
        for entry in entries:
            published = entry_time(entry)
            stamp = utc_iso(published) if published else None
            if since and stamp and not stamp > since:
                continue
            link = entry.get("link")
            if not link:
                yield self.malformed(f"{feed.url} entry {entry.get('id', '?')}", "entry without a link", dict(entry),
                                     field="link")
                continue
            self.saw(feed.url, stamp)
            yield self.article(response.urljoin(link), {
                "outlet": feed.outlet or parsed.feed.get("title"), "country": feed.country, "language": language,
                "title": entry.get("title"), "author": first_author(entry),
                "published": published.isoformat() if published else None, "published_from": "feed",
                "published_precise": has_clock_time(entry.get("published") or entry.get("updated")),
            })
