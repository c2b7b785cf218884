"""`vigia report --period week|month -o FILE.pdf`: the period's report as a PDF."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

from vigia.cli.context import with_settings
from vigia.cli.filters import filter_options, pop_filters
from vigia.alerting.notify import Notifier
from vigia.errors import ConfigError, InputError, VigiaError
from vigia.report.contents import PERIOD_DAYS, build_report
from vigia.report.pdf import report_title, write_report_pdf
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.option("--period", type=click.Choice(list(PERIOD_DAYS)), default="week", show_default=True)
@click.option("--end", "end", type=click.DateTime(["%Y-%m-%d"]),
              help="The period's last day (default: yesterday, the newest complete day, UTC).")
@click.option("--report-language", "report_language", type=click.Choice(["es", "pt", "en"]),
              help="The report's language (default: console_language).")
@click.option("--send", is_flag=True, help="Also send the PDF to the notify_urls (for a scheduled report).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@filter_options
@with_settings
def report(settings: Settings, period: str, end: datetime | None, report_language: str | None, send: bool,
           output: Path, **kwargs: Any) -> None:
    """The week's or month's report: figures with intervals, charts, tops and changes, quiet sources, examples."""
    if output.suffix.lower() != ".pdf":
        raise InputError(f"the report is a PDF: name the file *.pdf, not '{output.name}'")
    filters = pop_filters(kwargs)
    last = end.date() if end else datetime.now(timezone.utc).date() - timedelta(days=1)
    language = report_language or settings.console_language
    with open_store(settings.resolved_store_url) as store:
        built = build_report(settings, store, period, last, filters, language)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(write_report_pdf(built, language))
    if send:
        notifier = Notifier(settings.notify_urls)
        if not notifier:
            raise ConfigError("--send needs notify_urls: set VIGIA_NOTIFY_URLS or notify_urls in vigia.toml")
        title = report_title(built, language)
        delivery = notifier.send(title, title, attach=output)
        for url in delivery.failed:
            click.echo(f"not delivered: {url}", err=True)
        if not delivery.sent:
            raise VigiaError("the report could not be delivered to any of the notify_urls")
        click.echo(f"sent to {len(delivery.sent)} of {len(delivery.sent) + len(delivery.failed)} notify_urls")
    click.echo(f"{period} report {built.start}..{built.end}: {built.headline.posts} posts, "
               f"{len(built.examples)} examples written to {output}")
