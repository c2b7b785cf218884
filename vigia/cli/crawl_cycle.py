"""One `vigia monitor` cycle in one process: the due sources crawled side by side in one Scrapy reactor.

The NLP components are loaded once for the cycle (on the first crawl that stores items) and shared by every
crawl. At most `concurrency` sources crawl at a time; each holds its own lock and store lease (a source another
runner holds is skipped), has its own timeout, and ends in its own Outcome: one failing source never stops the rest.
The monitor runs each cycle in a fresh child process (Twisted's reactor cannot be started twice), which prints
one `OUTCOME_PREFIX` JSON line per source and a last one with how many times it loaded the NLP components.
"""

from __future__ import annotations

import json
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vigia.cli.crawling import crawl_report, probe_options, scrapy_settings, spider_class
from vigia.errors import VigiaError
from vigia.settings import Settings, SourceConfig

OUTCOME_PREFIX = "vigia-cycle "
STOP_GRACE = 5.0  # seconds a source past its timeout gets to stop gracefully before it is given up


@dataclass
class Outcome:
    """How one source's crawl in the cycle ended."""

    source: str
    ok: bool
    skipped: bool = False
    message: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # further lines (fields not mapped, the last error)

    def line(self) -> str:
        return OUTCOME_PREFIX + json.dumps(asdict(self), ensure_ascii=False)


def outcome_of(line: str) -> Outcome | dict[str, Any] | None:
    """An Outcome (or the cycle's closing counts) from a line the cycle printed; None for any other line."""
    if not line.startswith(OUTCOME_PREFIX):
        return None
    data = json.loads(line.removeprefix(OUTCOME_PREFIX))
    return Outcome(**data) if "source" in data else data


def run_cycle(settings: Settings, config_file: Path | None, sources: list[SourceConfig],
              overrides: tuple[str, ...], timeout: int, concurrency: int, report) -> int:
    """Crawl `sources` in this process, `concurrency` at a time, calling `report(Outcome)` as each ends;
    returns how many times the NLP components were loaded (0 or 1)."""
    from scrapy import signals
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.defer import deferred_from_coro
    from scrapy.utils.reactor import install_reactor

    from collectors.base import SourceOptions, validate_options
    from vigia.ingest.crawl import Crawl
    from vigia.ingest.pipeline import NLP_LOADS
    from vigia.ingest.shared_nlp import SharedEnricher
    from vigia.ingest.leases import source_lease
    from vigia.ingest.source_lock import SourceBusy, source_lock

    base = scrapy_settings(settings, config_file, SourceOptions(), overrides, False, False)
    install_reactor(base["TWISTED_REACTOR"], base["ASYNCIO_EVENT_LOOP"])  # before any crawler, whichever starts
    from twisted.internet import defer, reactor
    from twisted.python.failure import Failure

    process = CrawlerProcess(base)
    nlp = SharedEnricher(settings)
    loads_before = NLP_LOADS["count"]

    def crawl(source: SourceConfig):
        started = time.monotonic()
        stack = ExitStack()
        result: dict[str, Any] = {}
        try:
            crawl_settings = scrapy_settings(settings, config_file, probe_options(source), overrides, False, False)
            cls = spider_class(crawl_settings, source)
            validate_options(cls, source.name, source.options)
            stack.enter_context(source_lock(settings.data_dir, source.name))
            crawler = Crawler(cls, crawl_settings)
            crawler.vigia_crawl = stack.enter_context(Crawl(settings, nlp=nlp))
            stack.enter_context(source_lease(crawler.vigia_crawl.store, source.name, settings.source_lease_ttl_s))
        except SourceBusy as busy:
            stack.close()
            report(Outcome(source.name, ok=False, skipped=True, message=str(busy)))
            return defer.succeed(None)
        except Exception as exc:  # a bad source (options, spider) fails alone
            stack.close()
            report(Outcome(source.name, ok=False, message=str(exc) if isinstance(exc, VigiaError)
                           else f"source '{source.name}': {type(exc).__name__}: {exc}"))
            return defer.succeed(None)

        def on_closed(spider, reason):
            result["stats"] = dict(spider.crawler.stats.get_stats())
            result["reason"] = reason

        ended = defer.Deferred()  # the source's slot: freed when the crawl ends, or is given up after its timeout

        def stop():
            result["timed_out"] = True
            deferred_from_coro(crawler.stop_async())
            reactor.callLater(STOP_GRACE, give_up)  # a request in flight can hold a graceful stop for minutes

        def give_up():  # its lock and store stay until the crawl ends or the process exits
            if not ended.called:
                report(Outcome(source.name, ok=False, message=f"stopped after {timeout}s (--timeout)",
                               seconds=time.monotonic() - started))
                ended.callback(None)

        timer: list[Any] = []

        def on_opened(spider):  # the clock starts once the spider is open (the NLP components loaded)
            timer.append(reactor.callLater(timeout, stop))

        crawler.signals.connect(on_opened, signal=signals.spider_opened, weak=False)  # they outlive this call
        crawler.signals.connect(on_closed, signal=signals.spider_closed, weak=False)

        def finished(value):
            for call in timer:
                if call.active():
                    call.cancel()
            if ended.called:  # given up already: its outcome is reported
                stack.close()
                return
            seconds = time.monotonic() - started
            try:
                if isinstance(value, Failure):
                    outcome = Outcome(source.name, ok=False, message=f"source '{source.name}': the crawl failed "
                                      f"({value.type.__name__}: {value.getErrorMessage()})", seconds=seconds)
                elif "stats" not in result:
                    outcome = Outcome(source.name, ok=False, seconds=seconds,
                                      message=f"source '{source.name}': the crawl did not start")
                elif result.get("timed_out"):
                    outcome = Outcome(source.name, ok=False, seconds=seconds,
                                      message=f"stopped after {timeout}s (--timeout)")
                else:
                    health = crawler.vigia_crawl.health(source)
                    lines, notes, error = crawl_report(source, result["stats"], result["reason"], health)
                    outcome = Outcome(source.name, ok=error is None, message=error or lines[0],
                                      seconds=seconds, notes=lines[1:] + notes)
            except Exception as exc:  # whatever happens to one source is that source's failure only
                outcome = Outcome(source.name, ok=False, seconds=seconds,
                                  message=f"source '{source.name}': {type(exc).__name__}: {exc}")
            finally:
                stack.close()
            report(outcome)
            ended.callback(None)

        process.crawl(crawler, source=source.name, options=source.options).addBoth(finished)
        return ended

    semaphore = defer.DeferredSemaphore(max(1, concurrency))
    everything = defer.DeferredList([semaphore.run(crawl, source) for source in sources], consumeErrors=True)
    if not everything.called:  # else every source ended before a crawl started (all skipped or invalid)
        everything.addBoth(lambda _: reactor.callLater(0, reactor.stop))
        process.start(stop_after_crawl=False)
    return NLP_LOADS["count"] - loads_before
