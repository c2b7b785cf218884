"""`vigia collect SOURCE` runs one configured source through Scrapy; `vigia monitor` runs them on their intervals."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import click

from vigia.cli.context import with_settings
from vigia.cli.crawling import crawl_report, probe_options, scrapy_settings, spider_class
from vigia.errors import ConfigError, VigiaError
from vigia.ingest.health import record_failure, source_health
from vigia.settings import Settings, SourceConfig
from vigia.store import open_store
from vigia.times import parse_time


def find_source(settings: Settings, name: str) -> SourceConfig:
    return settings.named("sources", name)


@click.command()
@click.argument("source")
@click.option("--http-cache", is_flag=True, help="Development: cache responses in <data_dir>/httpcache.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A Scrapy setting for this run, repeatable (e.g. -s LOG_LEVEL=DEBUG).")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO).")
@with_settings
def collect(settings: Settings, source: str, http_cache: bool, overrides: tuple[str, ...], verbose: bool) -> None:
    """Collect one configured source now: new posts go through the pipeline, the checkpoint and health are kept."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from collectors.base import validate_options
    from vigia.ingest.crawl import Crawl  # the pipeline, hence the NLP stack

    ctx = click.get_current_context()
    config_file = ctx.obj.get("config_file")
    chosen = find_source(settings, source)
    if not chosen.enabled:
        click.echo(f"note: source '{chosen.name}' is disabled for `vigia monitor`; collecting it as asked", err=True)
    crawl = scrapy_settings(settings, config_file, probe_options(chosen), overrides, http_cache, verbose)
    cls = spider_class(crawl, chosen)
    validate_options(cls, chosen.name, chosen.options)
    result: dict[str, Any] = {}

    def on_closed(spider, reason):
        result["stats"] = dict(spider.crawler.stats.get_stats())
        result["reason"] = reason

    from vigia.ingest.leases import source_lease
    from vigia.ingest.source_lock import SKIPPED_EXIT, SourceBusy, source_lock

    process = CrawlerProcess(crawl)
    crawler = process.create_crawler(cls)
    crawler.signals.connect(on_closed, signal=signals.spider_closed)
    try:
        # one store for the spider, the pipeline and the health below; a source another runner holds (its local
        # lock, or its lease in the store when it runs on another machine) is skipped
        with source_lock(settings.data_dir, chosen.name), Crawl(settings) as crawler.vigia_crawl, \
                source_lease(crawler.vigia_crawl.store, chosen.name, settings.source_lease_ttl_s):
            process.crawl(crawler, source=chosen.name, options=chosen.options)
            process.start()
            if "stats" not in result:
                raise VigiaError(f"source '{chosen.name}': the crawl did not start (run with -v for Scrapy's log)")
            health = crawler.vigia_crawl.health(chosen)
    except SourceBusy as busy:
        click.echo(f"{busy}; skipped", err=True)
        ctx.exit(SKIPPED_EXIT)
    lines, notes, error = crawl_report(chosen, result["stats"], result["reason"], health)
    for line in lines:
        click.echo(line)
    for note in notes:
        click.echo(note, err=True)
    if error:
        raise VigiaError(error)


def _due(state: dict[str, Any] | None, source: SourceConfig, now: datetime) -> datetime:
    """When a source is next due: its last run plus its interval (now when it never ran)."""
    run_at = ((state or {}).get("health") or {}).get("run_at")
    if not run_at:
        return now
    return parse_time(run_at) + timedelta(minutes=source.interval_minutes)


@click.command()
@click.option("--once", is_flag=True, help="Run every due source once, then exit (for cron and systemd timers).")
@click.option("--status", is_flag=True, help="Only show each source's health and exit.")
@click.option("--source", "only", multiple=True, help="Only these sources (repeatable).")
@click.option("--timeout", type=click.IntRange(1), default=3600, show_default=True,
              help="Seconds one source's crawl may take (once its spider is open) before it is stopped and recorded "
                   "as failed.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A Scrapy setting passed to every run, repeatable.")
@click.option("--cycle", "in_cycle", is_flag=True, hidden=True,
              help="Internal: crawl the --source sources once in this process and print their outcomes.")
@with_settings
def monitor(settings: Settings, once: bool, status: bool, only: tuple[str, ...], timeout: int,
            overrides: tuple[str, ...], in_cycle: bool) -> None:
    """Run the enabled sources on their intervals: each cycle's due sources crawl in one process that loads the
    NLP components once, monitor_concurrency at a time; one failing source never stops the rest, and a source
    another runner holds is skipped."""
    for name in only:
        find_source(settings, name)
    if in_cycle:
        from vigia.cli.crawl_cycle import OUTCOME_PREFIX, run_cycle

        config_file = click.get_current_context().obj.get("config_file")
        loads = run_cycle(settings, config_file, [find_source(settings, name) for name in only], overrides,
                          timeout, settings.monitor_concurrency, lambda outcome: click.echo(outcome.line()))
        click.echo(OUTCOME_PREFIX + json.dumps({"nlp_loads": loads}))
        return
    sources = [s for s in settings.sources if s.enabled and (not only or s.name in only)]
    if status:
        with open_store(settings.resolved_store_url) as store:
            for health in source_health(store, [s for s in settings.sources if not only or s.name in only]):
                click.echo(health.line())
        return
    if not sources:
        raise ConfigError("no enabled sources to monitor: add [[sources]] to vigia.toml (see vigia.example.toml)")
    config_file = click.get_current_context().obj.get("config_file")
    base = [sys.executable, "-m", "vigia"] + (["--config", str(config_file)] if config_file else [])
    failures = 0
    click.echo(f"monitoring {len(sources)} sources: {', '.join(s.name for s in sources)}"
               + ("" if once else " (Ctrl+C stops)"))
    try:
        while True:
            now = datetime.now(timezone.utc)
            with open_store(settings.resolved_store_url) as store:
                due = {s.name: _due(store.get_checkpoint(s.name), s, now) for s in sources}
            ready = [source for source in sources if due[source.name] <= now]
            ran = bool(ready)
            # the cycle's sources in one child process (one reactor, the NLP components loaded once),
            # monitor_concurrency at a time; a source another runner holds (its lock) is skipped, not failed
            runs = _run_cycle(base, ready, settings, overrides, timeout) if ready else []
            for source, (ok, skipped, message, seconds, notes) in runs:
                for note in notes:
                    click.echo(note)
                if skipped:
                    click.echo(f"{source.name}: skipped: {message}")
                    continue
                if not ok:
                    failures += 1
                    message = message.removeprefix("Error: ")
                    with open_store(settings.resolved_store_url) as store:
                        health = (store.get_checkpoint(source.name) or {}).get("health") or {}
                        if not health.get("run_at") or parse_time(health["run_at"]) < now - timedelta(seconds=1):
                            record_failure(store, source, message)
                    click.echo(f"{source.name}: FAILED: {message}")
                else:
                    click.echo(f"{message} [{seconds:.1f}s]")
            if ran and settings.notify_urls:
                click.echo(_alerts_once(base, settings))
            if once:
                break
            with open_store(settings.resolved_store_url) as store:
                next_due = min(_due(store.get_checkpoint(s.name), s, datetime.now(timezone.utc)) for s in sources)
            wait = max(1.0, (next_due - datetime.now(timezone.utc)).total_seconds())
            if ran:
                click.echo(f"next run in {wait / 60:.0f} min")
            time.sleep(wait)
    except KeyboardInterrupt:
        click.echo("monitor stopped")
    if once and failures:
        raise VigiaError(f"{failures} of {len(sources)} sources failed (see above; `vigia monitor --status`)")


def _run_cycle(base: list[str], sources: list[SourceConfig], settings: Settings, overrides: tuple[str, ...],
               timeout: int) -> list[tuple[SourceConfig, tuple[bool, bool, str, float, list[str]]]]:
    """Run one cycle (`monitor --cycle`) in a child process: per source (ok, skipped, message, seconds, notes).

    A source the child never reported on (the child crashed or ran past every timeout) is a failure of its own.
    """
    from vigia.cli.crawl_cycle import Outcome, outcome_of

    command = [*base, "monitor", "--cycle", "--timeout", str(timeout), "--store", settings.resolved_store_url,
               *(arg for source in sources for arg in ("--source", source.name)),
               *(arg for item in overrides for arg in ("--set", item))]
    waves = -(-len(sources) // settings.monitor_concurrency)
    limit = timeout * waves + 300  # each source stops itself at its timeout; this is the safety net
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        stdout, errors = done.stdout, [line for line in done.stderr.splitlines() if line.strip()]
        fallback = errors[-1] if errors and done.returncode else f"the cycle's process ended (exit {done.returncode})"
    except subprocess.TimeoutExpired as expired:
        stdout = expired.stdout.decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
        fallback = f"stopped after {limit}s: the cycle did not end"
    outcomes: dict[str, Outcome] = {}
    loads = None
    for line in stdout.splitlines():
        found = outcome_of(line)
        if isinstance(found, Outcome):
            outcomes[found.source] = found
        elif isinstance(found, dict):
            loads = found.get("nlp_loads")
    if loads is not None:
        click.echo(f"cycle: {len(sources)} sources in one process, NLP components loaded {loads} time"
                   + ("" if loads == 1 else "s"))
    runs = []
    for source in sources:
        o = outcomes.get(source.name) or Outcome(source.name, ok=False, message=fallback,
                                                 seconds=time.monotonic() - started)
        runs.append((source, (o.ok, o.skipped, o.message, o.seconds, o.notes)))
    return runs


def _alerts_once(base: list[str], settings: Settings) -> str:
    """Run `vigia alerts run` in its own process after a round of collection: its last line."""
    done = subprocess.run([*base, "alerts", "run", "--store", settings.resolved_store_url], capture_output=True,
                          text=True)
    lines = [line for line in (done.stdout if done.returncode == 0 else done.stderr).splitlines() if line.strip()]
    return f"alerts: {lines[-1] if lines else f'exit {done.returncode}'}"
