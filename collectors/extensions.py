"""Crawl extensions: a progress line on a terminal while a source is collected."""

from __future__ import annotations

import logging

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.exceptions import NotConfigured


class Progress:
    """Shows pages fetched and items collected on stderr when it is a terminal (VIGIA_PROGRESS_ENABLED)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.console = Console(stderr=True)
        self.progress: RichProgress | None = None
        self.pages = self.items = 0

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("VIGIA_PROGRESS_ENABLED", False):
            raise NotConfigured("VIGIA_PROGRESS_ENABLED is off")
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.response, signal=signals.response_received)
        crawler.signals.connect(ext.item, signal=signals.item_scraped)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider) -> None:
        self.progress = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                     console=self.console, transient=True, disable=not self.console.is_terminal)
        self.progress.start()
        self.task = self.progress.add_task(self._text(spider))
        if self.console.is_terminal:  # log lines print above the progress line instead of through it
            from rich.logging import RichHandler

            root = logging.getLogger()
            self.saved = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
            level = min((h.level for h in self.saved), default=logging.WARNING)
            self.rich = RichHandler(console=self.console, level=level, show_path=False, markup=False)
            for handler in self.saved:
                root.removeHandler(handler)
            root.addHandler(self.rich)

    def _text(self, spider) -> str:
        return f"collecting {getattr(spider, 'source', spider.name)}: {self.pages} pages, {self.items} items"

    def response(self, response, request, spider) -> None:
        self.pages += 1
        if self.progress:
            self.progress.update(self.task, description=self._text(spider))

    def item(self, item, response, spider) -> None:
        self.items += 1
        if self.progress:
            self.progress.update(self.task, description=self._text(spider))

    def closed(self, spider, reason) -> None:
        if self.progress:
            self.progress.stop()
        if getattr(self, "rich", None) is not None:
            root = logging.getLogger()
            root.removeHandler(self.rich)
            for handler in self.saved:
                root.addHandler(handler)
