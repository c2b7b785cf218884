"""`vigia doctor` checks the installation; `vigia schema` writes the JSON Schemas of posts."""

from __future__ import annotations

import json
from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.doctor import run_checks
from vigia.model import json_schemas
from vigia.settings import Settings


@click.command()
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("data/schema"),
              show_default=True, help="Folder for the schema files.")
def schema(output: Path) -> None:
    """Write the JSON Schemas of stored and incoming posts."""
    output.mkdir(parents=True, exist_ok=True)
    for name, content in json_schemas().items():
        (output / name).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"schema written to {output / name}")


@click.command()
@with_settings
def doctor(settings: Settings) -> None:
    """Check configuration, store, lexicons and NLP; say what to fix."""
    failures = 0
    for check in run_checks(settings):
        mark = click.style("ok  ", fg="green") if check.ok else click.style("FAIL", fg="red")
        click.echo(f"{mark} {check.name}: {check.detail}")
        if not check.ok:
            failures += 1
            click.echo(f"     fix: {check.fix}")
    if failures:
        raise click.ClickException(f"{failures} check(s) failed")
    click.echo("everything looks right")
