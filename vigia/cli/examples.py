"""`vigia examples`: a redacted training handout (PDF) or slide images (zip) for a myth or target group."""

from __future__ import annotations

from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.counter.training_examples import Gallery, output_format, record_export, render, write_file
from vigia.errors import VigiaError
from vigia.progress import track
from vigia.settings import Settings
from vigia.store import open_store


@click.command()
@click.option("--myth", metavar="ID", help="Myth id of data/myths/taxonomy.yaml (e.g. crime_insecurity).")
@click.option("--target", metavar="GROUP", help="Target group id of data/lexicons/targets.yaml (e.g. venezuelans).")
@click.option("--limit", type=click.IntRange(1, 100), default=6, show_default=True,
              help="Examples, most engaged first.")
@click.option("--language", type=click.Choice(["es", "pt", "en"]), default="es", show_default=True,
              help="Language of the responses, names and headings.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.pdf (one example per page) or FILE.zip (one 1920×1080 PNG per example).")
@with_settings
def examples(settings: Settings, myth: str | None, target: str | None, limit: int, language: str,
             output: Path) -> None:
    """Write redacted training examples of a myth and/or target group, each with its counter-messages."""
    if not myth and not target:
        raise click.UsageError("give --myth, --target or both")
    fmt = output_format(output)
    gallery = Gallery(settings)
    gallery.check(myth, target)
    with open_store(settings.resolved_store_url) as store:
        chosen = gallery.examples(store, myth, target, language, limit)
    if not chosen:
        raise VigiaError(f"no examples for {' and '.join(filter(None, (myth, target)))} in the store")
    content = render(track(chosen, f"writing {output.name}", total=len(chosen), unit="examples"), fmt, language)
    write_file(content, output)
    export_id = record_export(settings, chosen, str(output.resolve()), fmt,
                              {"myth": myth, "target": target, "limit": limit, "language": language})
    click.echo(f"{len(chosen)} redacted examples written to {output} ({fmt}); export id {export_id}")
