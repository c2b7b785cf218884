"""Item pipelines. The last one hands items in batches to vigia.ingest.pipeline and records the run's counts as stats."""

from __future__ import annotations

import sys
import time
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from collectors.items import Malformed
from collectors.session import crawl_of
from vigia.ingest.pipeline import RunSummary, Unreadable


class VigiaPipeline:
    """Batches items into vigia.ingest.pipeline (normalize -> enrich -> store); bad items go to the quarantine."""

    def __init__(self):
        self.buffer: list[tuple[str, Any]] = []
        self.summary = RunSummary()
        self.count = 0

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("VIGIA_PIPELINE_ENABLED", True):
            raise NotConfigured("VIGIA_PIPELINE_ENABLED is off")
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.started = time.monotonic()
        crawl = crawl_of(self.crawler)  # the same NLP components as `vigia import`, built in one place
        self.batch_size = crawl.settings.batch_size
        self.pipeline = crawl.pipeline(collector=f"spider:{spider.name}")
        for warning in self.pipeline.warnings:
            print(f"warning: {warning}", file=sys.stderr)

    def process_item(self, item):
        spider = self.crawler.spider
        self.count += 1
        if isinstance(item, Malformed):
            ref = f"{spider.name} item {self.count} ({item.get('ref') or 'no id'})"
            self.buffer.append((ref, Unreadable(item.get("field"), item.get("reason") or "unreadable",
                                                item.get("raw"))))
        else:
            adapter = ItemAdapter(item)
            ref = f"{spider.name} item {self.count} ({adapter.get('url') or adapter.get('native_id') or 'no id'})"
            self.buffer.append((ref, adapter.asdict()))
        if len(self.buffer) >= self.batch_size:
            self._flush()
        return item

    def _flush(self) -> None:
        if self.buffer:
            self.pipeline.process(self.buffer, self.summary)
            self.buffer = []

    def close_spider(self) -> None:
        spider = self.crawler.spider
        self._flush()  # the crawl closes the store when it ends
        self.summary.seconds = time.monotonic() - self.started  # the whole crawl, not only the storing
        stats = self.crawler.stats
        for key in ("seen", "new", "updated", "unchanged", "quarantined"):
            stats.set_value(f"vigia/{key}", getattr(self.summary, key))
        stats.set_value("vigia/summary", self.summary.line())
        if self.summary.quarantine_path:
            stats.set_value("vigia/quarantine_path", str(self.summary.quarantine_path))
        spider.logger.info("vigia: %s", self.summary.line())
