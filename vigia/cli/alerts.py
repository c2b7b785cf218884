"""`vigia alerts run`: send the new spike, source and parser-health alerts to the notify_urls, each once."""

from __future__ import annotations

from datetime import datetime

import click

from vigia.alerting.run import LOOKBACK_DAYS, run_alerts
from vigia.cli.context import with_settings
from vigia.errors import VigiaError
from vigia.settings import Settings
from vigia.store import open_store


@click.group()
def alerts() -> None:
    """Alerts that reach people: spikes, quiet or failing sources, parser health."""


@alerts.command("run")
@click.option("--until", "until", type=click.DateTime(["%Y-%m-%d"]),
              help="The last day tested (default: yesterday, the newest complete day, UTC).")
@click.option("--days", type=click.IntRange(1, 366), default=LOOKBACK_DAYS, show_default=True,
              help="How many days up to --until are tested for spikes.")
@click.option("--dry-run", is_flag=True, help="Show the alerts that would be sent; send and remember nothing.")
@with_settings
def run(settings: Settings, until: datetime | None, days: int, dry_run: bool) -> None:
    """Evaluate the alert rules and send each alert not sent before (remembered in data_dir/alerts/)."""
    with open_store(settings.resolved_store_url) as store:
        done = run_alerts(settings, store, until.date() if until else None, days, dry_run=dry_run)
    for notice in done.sent:
        click.echo(f"{'would send' if dry_run else 'sent'}: {notice.title}")
    for failure in done.failed:
        click.echo(f"not delivered: {failure}", err=True)
    if done.failed and not done.sent:
        raise VigiaError(f"no alert could be delivered ({done.line()})")
    click.echo(done.line())
