"""`vigia retention`: apply the retention policy."""

from __future__ import annotations

import click

from vigia.cli.context import with_settings
from vigia.privacy.retention import apply_retention
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.option("--days", type=click.IntRange(1), help="Override retention_days for this run.")
@click.option("--dry-run", is_flag=True, help="Only count the posts that would lose their text.")
@with_settings
def retention(settings: Settings, days: int | None, dry_run: bool) -> None:
    """Remove the text of posts older than retention_days, keeping their labels and counts."""
    with open_store(settings.resolved_store_url) as store:
        try:
            touched = apply_retention(settings, store, days, dry_run)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    verb = "would lose" if dry_run else "lost"
    click.echo(f"{touched} posts {verb} their text (older than {days or settings.retention_days} days)")
