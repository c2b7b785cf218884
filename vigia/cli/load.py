"""`vigia import`, `vigia demo` and `vigia classify`: records through the pipeline into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from vigia.cli.console import run_console
from vigia.cli.context import with_settings
from vigia.cli.filters import filter_options, pop_filters
from vigia.progress import track
from vigia.settings import Settings
from vigia.store import Store, open_store


def make_pipeline(settings: Settings, store: Store, collector: str, classify: bool | None = None):
    from vigia.ingest.pipeline import Pipeline  # the NLP stack: loaded when a command runs, not for `vigia --help`

    pipeline = Pipeline.from_settings(settings, store, collector, classify=classify)
    for warning in pipeline.warnings:
        click.echo(f"warning: {warning}", err=True)
    return pipeline


def load_records(settings: Settings, pipeline, importer, label: str):
    summary = pipeline.process(track(importer, label, unit="records"))
    click.echo(summary.line())
    if getattr(importer, "unmapped", None):
        click.echo(f"columns not mapped to any field (ignored): {', '.join(sorted(importer.unmapped))}")
    return summary


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["csv", "jsonl"]), help="Default: from the extension.")
@click.option("--profile", default="vigia", show_default=True,
              help="Import profile: a name in data/import_profiles/ or a YAML path.")
@click.option("--map", "mappings", multiple=True, metavar="COLUMN=FIELD", help="Extra column mapping, repeatable.")
@click.option("--platform", help="Platform for rows that name none.")
@click.option("--encoding", help="The file's encoding (e.g. latin-1, cp1252). Default: UTF-8, else detected.")
@with_settings
def import_(settings: Settings, file: Path, file_format: str | None, profile: str, mappings: tuple[str, ...],
            platform: str | None, encoding: str | None) -> None:
    """Import posts from a CSV, JSONL or NDJSON file; bad rows go to the quarantine."""
    from vigia.ingest.importers import FileImporter, Profile  # imports the pipeline, hence the NLP stack

    extra = {}
    for item in mappings:
        column, sep, field = item.partition("=")
        if not sep or not column or not field:
            raise click.BadParameter(f"'{item}' is not COLUMN=FIELD", param_hint="--map")
        extra[column] = field
    chosen = Profile.load(profile, settings.import_profiles_dir).with_overrides(
        extra, {"platform": platform} if platform else {})
    importer = FileImporter(file, chosen, file_format, encoding)
    click.echo(f"encoding: {importer.encoding} ({importer.encoding_how})")
    with open_store(settings.resolved_store_url) as store:
        load_records(settings, make_pipeline(settings, store, f"import:{chosen.name}"), importer,
                     f"importing {file.name}")


@click.command()
@click.option("--serve/--no-serve", default=True, show_default=True, help="Start the console after loading.")
@with_settings
def demo(settings: Settings, serve: bool) -> None:
    """Load the synthetic demo corpus through the real pipeline, then start the console."""
    from vigia.ingest.importers import FileImporter, Profile  # imports the pipeline, hence the NLP stack

    importer = FileImporter(settings.demo_path, Profile.load("vigia", settings.import_profiles_dir))
    with open_store(settings.resolved_store_url) as store:
        load_records(settings, make_pipeline(settings, store, "demo"), importer, "loading demo")
    if serve:
        run_console(settings, settings.console_host, settings.console_port)


@click.command()
@filter_options
@click.option("--outdated", is_flag=True,
              help="Only the posts an older version of the classifier labelled (after `vigia train --with-reviews` "
              "installed a new one).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Label the posts that lack the installed model's labels with N worker processes, sharing the "
              "work (slices leased in the store) with any other workers on this store.")
@click.option("--follow", is_flag=True, help="With the workers: keep labelling new posts as they are stored, until "
              "stopped (Ctrl+C, SIGTERM).")
@click.option("--idle-exit", type=click.FloatRange(0), default=None, metavar="SECONDS",
              help="With --follow: exit once no work was found for this long.")
@with_settings
def classify(settings: Settings, outdated: bool, workers: int | None, follow: bool, idle_exit: float | None,
             **kwargs: Any) -> None:
    """Enrich stored posts again (after a lexicon or model change), or, with --workers/--follow, label the posts
    stored without the installed model's labels (see classify_on_collect)."""
    filters = pop_filters(kwargs)
    if workers is not None or follow or idle_exit is not None:
        from vigia.cli.classify_workers import run_classify_workers
        from vigia.errors import ConfigError
        from vigia.store import Filters

        if outdated or filters != Filters():
            raise ConfigError("--workers/--follow label every post lacking the installed model's labels: "
                              "--outdated and filters do not apply")
        if idle_exit is not None and not follow:
            raise ConfigError("--idle-exit goes with --follow (without it the workers end when no post is left)")
        run_classify_workers(settings, workers or 1, follow, idle_exit)
        return
    with open_store(settings.resolved_store_url) as store:
        pipeline = make_pipeline(settings, store, "classify", classify=True)
        if outdated:
            from vigia.ingest.relabel import relabel_outdated  # the pipeline, hence the NLP stack

            click.echo(relabel_outdated(settings, store, pipeline, filters))
            return
        total = store.count(filters)
        summary = pipeline.reenrich(track(store.iter_posts(filters), "classifying", total=total))
    click.echo(summary.line())
