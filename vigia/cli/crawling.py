"""What `vigia collect` and the monitor's cycle share: Scrapy's settings for a source, its spider class, and
the one-line report of a crawl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vigia.errors import ConfigError
from vigia.settings import Settings, SourceConfig, user_agent


def scrapy_settings(settings: Settings, config_file: Path | None, options: Any, overrides: tuple[str, ...],
                    http_cache: bool, verbose: bool):
    from scrapy.settings import Settings as ScrapySettings

    crawl = ScrapySettings()
    crawl.setmodule("collectors.settings", priority="project")
    values: dict[str, Any] = {
        "VIGIA_STORE_URL": settings.resolved_store_url,
        "USER_AGENT": user_agent(settings),
        "LOG_LEVEL": "INFO" if verbose else "WARNING",
        "VIGIA_PROGRESS_ENABLED": True,
        "RETRY_AFTER_MAX": settings.rate_limit_max_wait,
        "EXTENSIONS": {"collectors.extensions.Progress": 500},
    }
    if config_file:
        values["VIGIA_CONFIG_FILE"] = str(config_file)
    if options.delay is not None:
        values["DOWNLOAD_DELAY"] = options.delay
        values["AUTOTHROTTLE_START_DELAY"] = max(options.delay, 0.0)
    if options.concurrency is not None:
        values["CONCURRENT_REQUESTS_PER_DOMAIN"] = options.concurrency
    if http_cache:
        values.update(HTTPCACHE_ENABLED=True, HTTPCACHE_DIR=str(settings.data_dir / "httpcache"))
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--set")
        values[key.strip()] = value
    crawl.setdict(values, priority="cmdline")
    return crawl


def spider_class(crawl_settings, source: SourceConfig) -> type:
    from scrapy.spiderloader import SpiderLoader

    loader = SpiderLoader.from_settings(crawl_settings)
    try:
        return loader.load(source.spider)
    except KeyError:
        raise ConfigError(f"source '{source.name}': no spider '{source.spider}' "
                          f"(known: {', '.join(sorted(loader.list()))})") from None


def crawl_report(source: SourceConfig, stats: dict[str, Any], reason: str,
                 health) -> tuple[list[str], list[str], str | None]:
    """What a finished crawl says: (lines for stdout, notes for stderr, the error that fails the run or None)."""
    summary = stats.get("vigia/summary", "0 seen, 0 new, 0 updated, 0 unchanged, 0 quarantined")
    extra = []
    if stats.get("vigia/request_errors"):
        extra.append(f"{stats['vigia/request_errors']} failed requests")
    if stats.get("vigia/robots_forbidden"):
        extra.append(f"{stats['vigia/robots_forbidden']} forbidden by robots.txt")
    skipped = sorted((k.removeprefix("vigia/skipped/"), v) for k, v in stats.items() if k.startswith("vigia/skipped/"))
    if skipped:
        extra.append("skipped: " + ", ".join(f"{v} {why}" for why, v in skipped))
    unmapped = sorted(k.removeprefix("unmapped/") for k in stats if k.startswith("unmapped/"))
    lines = [f"{source.name}: {summary}" + (f"; {', '.join(extra)}" if extra else "")]
    if unmapped:
        lines.append(f"fields of the source not mapped to a post field (ignored): {', '.join(unmapped)}")
    notes = [f"last error: {health.last_error}"] if health.last_error and stats.get("vigia/request_errors") else []
    if reason != "finished":
        return lines, notes, (f"source '{source.name}': the run ended early ({reason}); "
                              f"its checkpoint was not advanced")
    answered = stats.get("downloader/response_status_count/200", 0) - stats.get("robotstxt/response_status_count/200", 0)
    if stats.get("vigia/request_errors") and answered <= 0:
        return lines, notes, f"source '{source.name}': every request failed ({health.last_error})"
    return lines, notes, None


def probe_options(source: SourceConfig):
    """The options every spider shares (delay, concurrency), read before the spider class is known."""
    from collectors.base import SourceOptions, validate_options

    shared = {k: v for k, v in source.options.items() if k in SourceOptions.model_fields}
    return validate_options(SourceOptions, source.name, shared)
