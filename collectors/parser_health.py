"""Parser health: a page whose items mostly cannot be read means the source changed its format, not bad luck.

A spider middleware looks at what each response yields: records the spider could not read (`Malformed`) and
records the pipeline would refuse (they fail `IncomingPost`) count as unreadable. When more than half of a page's
records are unreadable, the spider notes a parser alert (its page, counts and first reason); the run's health
keeps the alert, so `vigia monitor --status` and the console's Fuentes page show it beside the quarantine lines.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import ValidationError

from collectors.items import Malformed, PostItem
from vigia.model import IncomingPost

ALERTS_KEPT = 5  # per run, in the source's health


def unreadable_reason(item: Any) -> str | None:
    """Why a yielded record cannot be stored (None when it can; requests and other objects are not records)."""
    if isinstance(item, Malformed):
        field = item.get("field")
        return (f"{field}: " if field else "") + str(item.get("reason") or "unreadable")
    if isinstance(item, PostItem):
        try:
            IncomingPost.model_validate(dict(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return (f"{where}: " if where else "") + first["msg"].removeprefix("Value error, ")
    return None


class ParserHealthMiddleware:
    """Counts readable and unreadable records per response; most unreadable raises a parser alert."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_spider_output_async(self, response, result, spider=None):
        records: list[str | None] = []
        async for item in result:
            self._note(item, records)
            yield item
        self._judge(response, records)

    def process_spider_output(self, response, result, spider=None):
        records: list[str | None] = []
        for item in result:
            self._note(item, records)
            yield item
        self._judge(response, records)

    @staticmethod
    def _note(item, records: list[str | None]) -> None:
        """A record of the page: why it is unreadable, or None."""
        if isinstance(item, (Malformed, PostItem)):
            records.append(unreadable_reason(item))

    def _judge(self, response, records: list[str | None]) -> None:
        total, reasons = len(records), [reason for reason in records if reason]
        if not total or len(reasons) * 2 <= total:
            return
        spider = self.crawler.spider
        self.crawler.stats.inc_value("vigia/parser_alerts")
        alert = {"at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "url": response.url,
                 "records": total, "unreadable": len(reasons), "reason": reasons[0][:300]}
        alerts = getattr(spider, "parser_alerts", None)
        if alerts is None:
            alerts = spider.parser_alerts = []
        if len(alerts) < ALERTS_KEPT:
            alerts.append(alert)
        spider.logger.warning("source %s: parser alert: %d of %d records unreadable on %s (first: %s); the page's "
                              "format may have changed", getattr(spider, "source", spider.name), len(reasons), total,
                              response.url, alert["reason"])
