"""`vigia forget`: erasure requests."""

from __future__ import annotations

import click

from vigia.cli.context import with_settings
from vigia.privacy.forget import forget as carry_out
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.option("--author", help="Author pseudonym (a_…), as shown in the console and exports.")
@click.option("--url", help="URL of a post or article.")
@click.option("--id", "post_id", help="Vigía post id (platform:id).")
@with_settings
def forget(settings: Settings, author: str | None, url: str | None, post_id: str | None) -> None:
    """Erase a person's posts from the store and the quarantine; mark earlier exports that held them."""
    if sum(1 for v in (author, url, post_id) if v) != 1:
        raise click.UsageError("name exactly one of --author, --url or --id")
    with open_store(settings.resolved_store_url) as store:
        report = carry_out(settings, store, author=author, url=url, post_id=post_id)
    click.echo(report.line())
    for export_id, count in report.exports.items():
        click.echo(f"  export {export_id} held {count} of them: produce a new version without them")
