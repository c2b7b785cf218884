"""The crawl's one `vigia.ingest.crawl.Crawl`, shared by the spider (checkpoints, health) and the item pipeline."""

from __future__ import annotations

from scrapy import signals

from vigia.ingest.crawl import Crawl


def crawl_of(crawler) -> Crawl:
    """The Crawl the command gave this crawler (`crawler.vigia_crawl`), else one opened now and closed at the end."""
    crawl = getattr(crawler, "vigia_crawl", None)
    if crawl is None:
        settings = crawler.settings
        crawl = Crawl.from_config(settings.get("VIGIA_CONFIG_FILE"), store_url=settings.get("VIGIA_STORE_URL"),
                                  batch_size=settings.getint("VIGIA_BATCH_SIZE") or None)
        crawler.vigia_crawl = crawl
        crawler.signals.connect(crawl.close, signal=signals.engine_stopped)
    return crawl
