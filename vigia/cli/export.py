"""`vigia export`: matching posts to a file, with its datasheet beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vigia.cli.context import with_settings
from vigia.cli.filters import filter_options, pop_filters
from vigia.exports.datasheet import export_dataset
from vigia.exports.files import format_for
from vigia.progress import track
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default=None,
              help="File format (default: from the file's extension, else jsonl).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--raw", is_flag=True, help="Export unredacted text and post URLs (only for deliberate raw exports).")
@filter_options
@with_settings
def export(settings: Settings, fmt: str | None, output: Path, raw: bool, **kwargs: Any) -> None:
    """Export matching posts, with no row cap, and a datasheet beside the file; redacted unless --raw."""
    filters = pop_filters(kwargs)
    fmt = format_for(output, fmt)
    with open_store(settings.resolved_store_url) as store:
        done = export_dataset(settings, store, filters, fmt, output=output, raw=raw,
                              progress=lambda posts, total: track(posts, f"exporting {output.name}", total=total))
    click.echo(f"datasheet: {done.datasheet_md} (version {done.version}, sha256 {done.sha256})")
    click.echo(f"{done.rows} posts written to {output} ({fmt}{', raw' if raw else ', redacted'}); "
               f"export id {done.export_id}")
