"""Downloader middlewares: honour Retry-After on 429 / 503; obey robots.txt for every request of a site."""

from __future__ import annotations

import asyncio
import email.utils
import time
from datetime import datetime, timezone

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as BaseRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


RESET_HEADERS = ("X-RateLimit-Reset", "RateLimit-Reset")  # Scrapy's headers ignore case: Reddit's x-ratelimit-reset
EPOCH_FROM = 1_000_000_000  # a reset this large is a Unix time (Bluesky), smaller ones are seconds from now (Reddit)


def rate_limit_reset_seconds(headers, now: float | None = None) -> float | None:
    """Seconds until the rate-limit window resets, as the platform states it; None when it does not.

    Mastodon: `X-RateLimit-Reset` is an ISO 8601 time; Bluesky: `RateLimit-Reset` is epoch seconds; Reddit:
    `x-ratelimit-reset` is seconds until the reset.
    """
    now = time.time() if now is None else now
    for name in RESET_HEADERS:
        value = headers.get(name)
        if not value:
            continue
        text = (value.decode("latin-1") if isinstance(value, bytes) else str(value)).strip()
        try:
            number = float(text)
        except ValueError:
            try:
                when = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return max(0.0, when.timestamp() - now)
        if number != number or number < 0:  # NaN or negative: unreadable
            continue
        return max(0.0, number - now) if number >= EPOCH_FROM else number
    return None


class RetryAfterMiddleware:
    """On 429 (or 503 with Retry-After), wait what the server asks, then try again, up to RETRY_AFTER_TIMES.

    Without Retry-After, a 429 waits until the reset the platform states in its rate-limit headers (see
    `rate_limit_reset_seconds`), then the same request (the same cursor) is sent again.

    A wait longer than RETRY_AFTER_MAX seconds is not sat through: the request is dropped with a clear error,
    so a source that is rate-limited for an hour ends its run instead of hanging.
    Settings: RETRY_AFTER_ENABLED (on), RETRY_AFTER_TIMES (3), RETRY_AFTER_MAX (300), RETRY_AFTER_DEFAULT (30,
    used for a 429 without a readable Retry-After).
    """

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.getbool("RETRY_AFTER_ENABLED", True):
            raise NotConfigured("RETRY_AFTER_ENABLED is off")
        self.crawler = crawler
        self.times = settings.getint("RETRY_AFTER_TIMES", 3)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 300.0)
        self.default_wait = settings.getfloat("RETRY_AFTER_DEFAULT", 30.0)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if response.status not in (429, 503):
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None and response.status == 429:
            wait = rate_limit_reset_seconds(response.headers)
        if wait is None:
            if response.status == 503:
                return response  # Scrapy's RetryMiddleware handles a plain 503
            wait = self.default_wait
        stats = self.crawler.stats
        stats.inc_value(f"vigia/rate_limited/{response.status}")
        tries = request.meta.get("retry_after_times", 0) + 1
        if tries > self.times or wait > self.max_wait:
            stats.inc_value("vigia/rate_limited/gave_up")
            raise IgnoreRequest(f"rate-limited ({response.status}, Retry-After {wait:.0f}s) on {request.url}; "
                                f"gave up after {tries - 1} waits (RETRY_AFTER_TIMES={self.times}, "
                                f"RETRY_AFTER_MAX={self.max_wait:.0f}s)")
        self.crawler.spider.logger.info("rate-limited (%s) on %s: waiting %.1fs until the reset the server states",
                                        response.status, request.url, wait)
        await asyncio.sleep(wait)  # Scrapy runs on asyncio (its default reactor, or reactorless)
        retry = request.replace(dont_filter=True, priority=request.priority + 1)
        retry.meta["retry_after_times"] = tries
        return retry


class RobotsTxtMiddleware(BaseRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, made safe for several requests waiting on the same robots.txt.

    Scrapy 2.19 hands every request of a site the same pending Deferred; the first waiter's adapter swallows
    its result, so the third and later requests sent before robots.txt arrived went out unchecked. Once the
    wait is over, the parser is read again from the middleware's own table, where it was stored first.
    """

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        current = self._parsers.get(urlparse_cached(request).netloc, parser)
        return parser if isinstance(current, Deferred) else current
