"""`vigia labels backup|restore`: the human labels, saved on their own and put back."""

from __future__ import annotations

from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.labels.backup import back_up, restore
from vigia.model import utcnow
from vigia.settings import Settings
from vigia.store import open_store


@click.group()
def labels() -> None:
    """Back up and restore the annotators' labels (every export also backs them up)."""


@labels.command()
@with_settings
def backup(settings: Settings) -> None:
    """Write every human label to <data_dir>/backups/human-labels/."""
    with open_store(settings.resolved_store_url) as store:
        done = back_up(store, settings.data_dir, utcnow().strftime("%Y%m%dT%H%M%SZ"))
    click.echo(f"{done.labels} human labels of {done.posts} posts written to {done.path}")


@labels.command(name="restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_settings
def restore_command(settings: Settings, path: Path) -> None:
    """Put the human labels of a backup back on their posts."""
    with open_store(settings.resolved_store_url) as store:
        done = restore(store, path)
    click.echo(f"{done.restored} restored, {done.unchanged} already there, {len(done.missing)} for posts no longer "
               "stored")
