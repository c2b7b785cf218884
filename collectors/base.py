"""Base spiders: options, checkpoints, health, errors and politeness shared by every source.

A concrete spider declares its `name`, its `platform`, an `Options` model, `first_requests()` and one
`to_item(raw, ...)` function mapping the raw record to a PostItem. Everything else lives here:

- options come from the source's `options` in the settings (validated; a bad one is a ConfigError);
- each source keeps a checkpoint in the store: a cursor per stream (last id or date seen) and the health of
  its runs; the cursor advances only when a run finishes;
- a record that cannot be read becomes a `Malformed` item (quarantined by the pipeline) with a clear warning;
- fields of the raw record that `to_item` did not use are counted as crawl stats `unmapped/<field>`;
- failed requests are logged as one clear error and counted, never a crash of the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any, ClassVar

import scrapy
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from scrapy.exceptions import IgnoreRequest

from collectors.encodings import UndecodableResponse
from collectors.items import Malformed, PostItem
from collectors.session import crawl_of
from vigia.errors import ConfigError
from vigia.ingest.health import add_run, run_health
from vigia.settings import user_agent


class SourceOptions(BaseModel):
    """Options every source takes; each spider extends this with its own."""

    model_config = ConfigDict(extra="forbid")

    delay: float | None = Field(default=None, ge=0, description="Seconds between requests to one site.")
    concurrency: int | None = Field(default=None, ge=1, le=16, description="Requests at a time per site.")
    max_pages: int = Field(default=10, ge=1, description="Pages to walk back per stream on a first run.")
    stale_after_hours: float = Field(default=48.0, gt=0, description="Flag the source when nothing new for this long.")


def validate_options(spider_cls: type, source: str, options: dict[str, Any]) -> BaseModel:
    """The spider's options model filled from the source's options, or one ConfigError naming the option."""
    model = getattr(spider_cls, "Options", SourceOptions)
    try:
        return model.model_validate(options or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "options"
        raise ConfigError(f"source '{source}': option '{where}': {first['msg']}") from None


def newer(a: Any, b: Any) -> bool:
    """Whether cursor value a is newer than b: numeric ids compare as numbers, everything else as text."""
    if b is None:
        return a is not None
    if a is None:
        return False
    sa, sb = str(a), str(b)
    if sa.isdigit() and sb.isdigit():
        return int(sa) > int(sb)
    return sa > sb


class VigiaSpider(scrapy.Spider):
    """Base of every Vigía spider. Run with `vigia collect SOURCE` (or `scrapy crawl NAME -a options=JSON`)."""

    platform: ClassVar[str] = ""
    Options: ClassVar[type[SourceOptions]] = SourceOptions

    def __init__(self, source: str | None = None, options: dict[str, Any] | str | None = None, **kwargs: Any):
        super().__init__()
        if isinstance(options, str):
            try:
                options = json.loads(options)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"spider {self.name}: -a options is not JSON: {exc}") from None
        merged = {**(options or {}), **kwargs}
        self.source = source or self.name
        self.opts = validate_options(type(self), self.source, merged)
        self.cursor: dict[str, Any] = {}
        self.new_cursor: dict[str, Any] = {}
        self.previous_state: dict[str, Any] = {}

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # the contact address comes from vigia's settings; a USER_AGENT given for the run (-s, the command) wins.
        # Settings freeze when the crawl starts: a spider made for an already started crawler keeps its agent.
        if not crawler.settings.frozen:
            crawler.settings.set("USER_AGENT", user_agent(crawl_of(crawler).settings), priority="spider")
        return spider

    def __repr__(self) -> str:  # never show options (they may hold secrets)
        return f"<{type(self).__name__} {self.source!r}>"

    __str__ = __repr__

    # -- what a concrete spider writes ------------------------------------------------------------

    def first_requests(self) -> Iterable[scrapy.Request]:
        raise NotImplementedError

    def to_item(self, raw: Any, **context: Any) -> PostItem:
        raise NotImplementedError

    # -- life cycle -------------------------------------------------------------------------------

    async def start(self):
        self.previous_state = self._load_state()
        self.cursor = dict(self.previous_state.get("cursor") or {})
        self.new_cursor = dict(self.cursor)
        for request in self.first_requests():
            yield request

    def _load_state(self) -> dict[str, Any]:
        return crawl_of(self.crawler).checkpoint(self.source)

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats
        finished = reason == "finished"
        state = dict(self.previous_state)
        state["cursor"] = self.new_cursor if finished else self.cursor
        now = datetime.now(timezone.utc)
        new = stats.get_value("vigia/new", 0)
        quarantined = stats.get_value("vigia/quarantined", 0)
        failed = stats.get_value("vigia/request_errors", 0)
        errors = quarantined + failed + sum(v for k, v in stats.get_stats().items()
                                            if k.startswith("spider_exceptions/"))
        health = run_health(
            state.get("health") or {}, now, self.name, finished, reason, fetched=stats.get_value("vigia/seen", 0),
            new=new, errors=errors, last_error=getattr(self, "last_error", None),
            stale_after_hours=self.opts.stale_after_hours, quarantined=quarantined, request_errors=failed,
            robots_forbidden=stats.get_value("robotstxt/forbidden", 0),
            rate_limited=sum(v for k, v in stats.get_stats().items() if k.startswith("vigia/rate_limited/")),
            skipped={k.removeprefix("vigia/skipped/"): v for k, v in stats.get_stats().items()
                     if k.startswith("vigia/skipped/")},
            parser_alerts=list(getattr(self, "parser_alerts", None) or []))
        crawl_of(self.crawler).save_checkpoint(self.source, add_run(state, health))

    # -- helpers for concrete spiders ----------------------------------------------------------------

    def since(self, stream: str) -> Any:
        """The cursor a stream reached at the end of the last finished run (None on a first run)."""
        return self.cursor.get(stream)

    def saw(self, stream: str, value: Any) -> None:
        """Note a value seen in a stream; the newest becomes the stream's cursor when the run finishes."""
        if value is not None and newer(value, self.new_cursor.get(stream)):
            self.new_cursor[stream] = value

    def request(self, url: str, callback, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, **kwargs)

    def on_error(self, failure) -> list[Malformed] | None:
        request = getattr(failure, "request", None)
        value = failure.value
        if isinstance(value, UndecodableResponse):
            url = request.url if request is not None else "?"
            return [self.malformed(url, str(value), repr(value.body[:2000]))]
        response = getattr(value, "response", None)
        if response is not None:
            what = f"HTTP {response.status}" + api_error_message(response)
        elif isinstance(value, IgnoreRequest):
            what = str(value) or "request dropped"
            if "robots.txt" in what.lower():
                self.crawler.stats.inc_value("vigia/robots_forbidden")
                self.logger.warning("source %s: %s", self.source, what)
                return
        else:
            what = f"{type(value).__name__}: {value}"
        url = request.url if request is not None else "?"
        self.last_error = f"{what} ({url})"
        self.crawler.stats.inc_value("vigia/request_errors")
        self.logger.error("source %s: request failed: %s: %s", self.source, url, what)

    def load_json(self, response) -> tuple[Any, Malformed | None]:
        """The JSON body, or a Malformed item saying why it could not be read."""
        try:
            return json.loads(response.text), None
        except (ValueError, AttributeError) as exc:
            return None, self.malformed(response.url, f"response is not valid JSON: {exc}",
                                        getattr(response, "text", repr(response.body[:2000]))[:5000])

    def fail(self, message: str) -> None:
        """A problem that stops part of a run (no credentials, a refused session): one clear error, counted."""
        self.last_error = message
        self.crawler.stats.inc_value("vigia/request_errors")
        self.logger.error("source %s: %s", self.source, message)

    def malformed(self, ref: str, reason: str, raw: Any, field: str | None = None) -> Malformed:
        self.crawler.stats.inc_value("vigia/malformed")
        self.logger.warning("source %s: cannot read %s: %s%s", self.source, ref,
                            f"field '{field}': " if field else "", reason)
        return Malformed(ref=ref, field=field, reason=reason, raw=raw)

    def emit(self, raw: Any, ref: str, mapper=None, **context: Any) -> PostItem | Malformed:
        """Map one raw record with `to_item` (or `mapper`); a record missing what the mapping needs is quarantined."""
        try:
            return (mapper or self.to_item)(raw, **context)
        except KeyError as exc:
            return self.malformed(ref, f"missing field {exc}", raw, field=str(exc.args[0]) if exc.args else None)
        except (TypeError, ValueError, AttributeError, IndexError) as exc:
            return self.malformed(ref, f"unexpected shape: {type(exc).__name__}: {exc}", raw)

    def note_unmapped(self, raw: dict[str, Any], used: Iterable[str], prefix: str = "") -> None:
        """Count the raw record's fields the mapping did not use (crawl stats `unmapped/<field>`)."""
        used = set(used)
        for key in raw:
            if key not in used:
                self.crawler.stats.inc_value(f"unmapped/{prefix}{key}")

    @staticmethod
    def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
        for i in range(0, len(items), size):
            yield items[i:i + size]


def parse_link_header(value: bytes | str | None) -> dict[str, str]:
    """RFC 8288 Link header to {rel: url} (Mastodon paginates with rel="next" / rel="prev")."""
    if not value:
        return {}
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    links = {}
    for part in text.split(","):
        url, _, params = part.partition(";")
        url = url.strip().strip("<>")
        for param in params.split(";"):
            key, _, rel = param.strip().partition("=")
            if key.strip() == "rel":
                for name in rel.strip().strip('"').split():
                    links[name] = url
    return links


def html_to_text(html: str | None) -> str:
    """Text of a small HTML fragment (a post's content): line breaks kept, tags dropped, entities decoded."""
    if not html:
        return ""
    import re

    from w3lib.html import remove_tags, replace_entities

    text = re.sub(r"(?i)<br\s*/?>", "\n", html)
    text = re.sub(r"(?i)</p>\s*<p[^>]*>", "\n\n", text)
    return replace_entities(remove_tags(text)).strip()


def api_error_message(response) -> str:
    """The message an API put in an error body (Google's error.message, Mastodon's error, XRPC's message)."""
    try:
        data = json.loads(response.body[:20000].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, AttributeError):
        return ""
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    message = (error.get("message") if isinstance(error, dict) else error) or data.get("message")
    return f": {str(message)[:300]}" if message else ""
