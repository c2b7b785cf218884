"""The `vigia` command line. Errors become one plain line and a non-zero exit here, nowhere else."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path
from typing import Any, Callable

import click
from pydantic import ValidationError

from vigia import __version__
from vigia.errors import VigiaError
from vigia.highlight import snippet
from vigia.settings import Settings, load_settings
from vigia.store import Filters, SearchQuery, Store, open_store

UI_ENTRY = Path(__file__).resolve().parent.parent / "ui" / "app.py"


class VigiaGroup(click.Group):
    """Turns Vigía's errors (and anything unexpected) into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VigiaError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run `vigia --debug …` for the details)") from None


@click.group(cls=VigiaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vigia")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Settings file (default: ./vigia.toml, or $VIGIA_CONFIG).")
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, config_file: Path | None, debug: bool) -> None:
    """Vigía: watch public posts and news for xenophobic hate speech and migration myths."""
    ctx.ensure_object(dict)
    ctx.obj.update(config_file=config_file, debug=debug)


def with_settings(func: Callable) -> Callable:
    """Adds --store and hands the command its Settings as the first argument."""

    @click.option("--store", "store_url", metavar="URL",
                  help="sqlite:///path/vigia.db or http://host:9200 (default: the configured store).")
    @click.pass_context
    @wraps(func)
    def wrapper(ctx: click.Context, *args: Any, store_url: str | None, **kwargs: Any) -> Any:
        settings = load_settings(ctx.obj.get("config_file"), store_url=store_url)
        return func(settings, *args, **kwargs)

    return wrapper


def scope_options(func: Callable) -> Callable:
    """The store's filters that do not name a task (the estimate's task and label are its own)."""
    options = [
        click.option("--since", type=click.DateTime(), help="From this date (UTC), inclusive."),
        click.option("--until", type=click.DateTime(), help="Up to this date (UTC), exclusive."),
        click.option("--platform", "platforms", multiple=True, help="Repeatable."),
        click.option("--source", "sources", multiple=True, help="Repeatable."),
        click.option("--language", "languages", multiple=True, help="Repeatable: es, pt, en, fr, ht, other."),
        click.option("--country", "countries", multiple=True, help="ISO code, repeatable: CO, PE…"),
        click.option("--target", "targets", multiple=True, help="Target group id, repeatable."),
        click.option("--myth", "myths", multiple=True, help="Myth id, repeatable."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def filter_options(func: Callable) -> Callable:
    """The store's filters as options, shared by search and export."""
    options = [
        click.option("--task", help="Task that --label and score bounds refer to (e.g. hate)."),
        click.option("--label", "labels", multiple=True, help="Label of --task, repeatable."),
        click.option("--min-score", type=click.FloatRange(0, 1)),
        click.option("--max-score", type=click.FloatRange(0, 1)),
    ]
    for option in reversed(options):
        func = option(func)
    return scope_options(func)


def build_filters(**kw: Any) -> Filters:
    def utc(value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=timezone.utc) if value else None

    try:
        return Filters(since=utc(kw["since"]), until=utc(kw["until"]), platforms=list(kw["platforms"]),
                       sources=list(kw["sources"]), languages=list(kw["languages"]),
                       countries=[c.upper() for c in kw["countries"]], targets=list(kw["targets"]),
                       myths=list(kw["myths"]), task=kw["task"], labels=list(kw["labels"]),
                       min_score=kw["min_score"], max_score=kw["max_score"])
    except ValidationError as exc:
        raise click.UsageError(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None


FILTER_KEYS = ("since", "until", "platforms", "sources", "languages", "countries", "targets", "myths", "task",
               "labels", "min_score", "max_score")


def pop_filters(kwargs: dict[str, Any]) -> Filters:
    return build_filters(**{k: kwargs.pop(k) for k in FILTER_KEYS})


def make_pipeline(settings: Settings, store: Store, collector: str):
    from nlp import Enricher
    from vigia.ingest.pipeline import Pipeline

    try:
        enricher = Enricher(settings.languages, settings.lexicon_path, classifier_dir=settings.classifier_dir,
                            encoder_dir=settings.models_dir / "multilingual-e5-small",
                            taxonomy_path=settings.myth_taxonomy_path, precision=settings.precision,
                            device=settings.device)
    except (RuntimeError, OSError) as exc:
        raise VigiaError(f"cannot load the NLP components: {exc}") from None
    for warning in enricher.warnings:
        click.echo(f"warning: {warning}", err=True)
    return Pipeline(settings, store, enricher, collector=collector)


def load_records(settings: Settings, pipeline, importer, label: str):
    from vigia.progress import track

    summary = pipeline.process(track(importer, label, unit="records"))
    click.echo(summary.line())
    if getattr(importer, "unmapped", None):
        click.echo(f"columns not mapped to any field (ignored): {', '.join(sorted(importer.unmapped))}")
    return summary


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["csv", "jsonl"]), help="Default: from the extension.")
@click.option("--profile", default="vigia", show_default=True,
              help="Import profile: a name in data/import_profiles/ or a YAML path.")
@click.option("--map", "mappings", multiple=True, metavar="COLUMN=FIELD", help="Extra column mapping, repeatable.")
@click.option("--platform", help="Platform for rows that name none.")
@with_settings
def import_(settings: Settings, file: Path, file_format: str | None, profile: str, mappings: tuple[str, ...],
            platform: str | None) -> None:
    """Import posts from a CSV, JSONL or NDJSON file; bad rows go to the quarantine."""
    from vigia.ingest.importers import FileImporter, Profile

    extra = {}
    for item in mappings:
        column, sep, field = item.partition("=")
        if not sep or not column or not field:
            raise click.BadParameter(f"'{item}' is not COLUMN=FIELD", param_hint="--map")
        extra[column] = field
    chosen = Profile.load(profile, settings.import_profiles_dir).with_overrides(
        extra, {"platform": platform} if platform else {})
    importer = FileImporter(file, chosen, file_format)
    with open_store(settings.resolved_store_url) as store:
        load_records(settings, make_pipeline(settings, store, f"import:{chosen.name}"), importer,
                     f"importing {file.name}")


@cli.command()
@click.option("--serve/--no-serve", default=True, show_default=True, help="Start the console after loading.")
@with_settings
def demo(settings: Settings, serve: bool) -> None:
    """Load the synthetic demo corpus through the real pipeline, then start the console."""
    from vigia.ingest.importers import FileImporter, Profile

    importer = FileImporter(settings.demo_path, Profile.load("vigia", settings.import_profiles_dir))
    with open_store(settings.resolved_store_url) as store:
        load_records(settings, make_pipeline(settings, store, "demo"), importer, "loading demo")
    if serve:
        run_console(settings, settings.console_host, settings.console_port)


@cli.command()
@filter_options
@click.option("--outdated", is_flag=True,
              help="Only the posts an older version of the classifier labelled (after `vigia train --with-reviews` "
              "installed a new one).")
@with_settings
def classify(settings: Settings, outdated: bool, **kwargs: Any) -> None:
    """Enrich stored posts again (after a lexicon or model change)."""
    from vigia.progress import track

    filters = pop_filters(kwargs)
    with open_store(settings.resolved_store_url) as store:
        pipeline = make_pipeline(settings, store, "classify")
        if outdated:
            from vigia.cli.relabel import relabel_outdated

            click.echo(relabel_outdated(settings, store, pipeline, filters))
            return
        total = store.count(filters)
        summary = pipeline.reenrich(track(store.iter_posts(filters), "classifying", total=total))
    click.echo(summary.line())


@cli.command()
@click.argument("query", required=False)
@filter_options
@click.option("--sort", type=click.Choice(["date", "score", "engagement"]), default="date", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON post per line.")
@with_settings
def search(settings: Settings, query: str | None, sort: str, limit: int, offset: int, as_json: bool,
           **kwargs: Any) -> None:
    """Full-text search of stored posts (words are ANDed; "quoted phrases" and prefix* work)."""
    filters = pop_filters(kwargs)
    with open_store(settings.resolved_store_url) as store:
        page = store.search(SearchQuery(text=query, filters=filters, sort=sort, limit=limit, offset=offset))
    for post in page.posts:
        if as_json:
            click.echo(post.model_dump_json())
        else:
            text = " ".join(((f"{post.title} — " if post.title else "") + post.text).split())
            shown = snippet(text, query, mark=("\x1b[1m", "\x1b[0m"))  # bold on a terminal, stripped elsewhere
            click.echo(f"{post.created_at:%Y-%m-%d}  {post.platform:<9} {post.country or '--':<2} "
                       f"{post.language or '--':<5} {post.id}\n    {shown}")
    if not as_json:
        click.echo(f"{page.total} matching posts; showing {offset + 1 if page.posts else 0}-{offset + len(page.posts)}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--raw", is_flag=True, help="Export unredacted text and post URLs (only for deliberate raw exports).")
@filter_options
@with_settings
def export(settings: Settings, fmt: str, output: Path, raw: bool, **kwargs: Any) -> None:
    """Export matching posts, with no row cap, and a datasheet beside the file; redacted unless --raw."""
    from vigia.exports.datasheet import export_dataset
    from vigia.progress import track

    filters = pop_filters(kwargs)
    with open_store(settings.resolved_store_url) as store:
        done = export_dataset(settings, store, filters, fmt, output=output, raw=raw,
                              progress=lambda posts, total: track(posts, f"exporting {output.name}", total=total))
    click.echo(f"datasheet: {done.datasheet_md} (version {done.version}, sha256 {done.sha256})")
    click.echo(f"{done.rows} posts written to {output} ({fmt}{', raw' if raw else ', redacted'}); "
               f"export id {done.export_id}")


@cli.command()
@click.option("--host", help="Address to bind (default: console_host, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: console_port, 8501).")
@with_settings
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """Start the console."""
    run_console(settings, host or settings.console_host, port or settings.console_port)


def run_console(settings: Settings, host: str, port: int) -> None:
    from vigia.auth import TOKEN_USER, console_secrets_file, new_console_token

    env = {**os.environ, "VIGIA_STORE_URL": settings.resolved_store_url, "VIGIA_DATA_DIR": str(settings.data_dir)}
    secrets_file = console_secrets_file(settings)  # Streamlit's [auth] section when console_oidc is set
    if settings.console_oidc is not None:
        click.echo(f"Console log-in through {settings.console_oidc.provider} (OpenID Connect); roles from "
                   f"console_oidc_roles")
    elif not settings.console_users:
        token, env["VIGIA_CONSOLE_TOKEN_HASH"] = new_console_token()
        click.echo(f"No console accounts are configured: log in as '{TOKEN_USER}' with the one-time password "
                   f"{token}")
    config_file = click.get_current_context().obj.get("config_file")
    if config_file:
        env["VIGIA_CONFIG"] = str(Path(config_file).resolve())
    click.echo(f"Vigía console on http://{'localhost' if host == '127.0.0.1' else host}:{port} (Ctrl+C stops)")
    command = [sys.executable, "-m", "streamlit", "run", str(UI_ENTRY), "--server.address", host,
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "minimal"]
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file)]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, env)  # the console becomes this process: a stop signal reaches it directly


@cli.command()
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("data/schema"),
              show_default=True, help="Folder for the schema files.")
def schema(output: Path) -> None:
    """Write the JSON Schemas of stored and incoming posts."""
    from vigia.model import json_schemas

    output.mkdir(parents=True, exist_ok=True)
    for name, content in json_schemas().items():
        (output / name).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"schema written to {output / name}")


@cli.command()
@with_settings
def doctor(settings: Settings) -> None:
    """Check configuration, store, lexicons and NLP; say what to fix."""
    from vigia.doctor import run_checks

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


# Commands of other areas live in their own modules under vigia/cli/ and register here.
from vigia.cli.api import api  # noqa: E402
from vigia.cli.collect import collect, monitor  # noqa: E402
from vigia.cli.es import es  # noqa: E402
from vigia.cli.estimate import estimate, quantification  # noqa: E402
from vigia.cli.examples import examples  # noqa: E402
from vigia.cli.explain import explain  # noqa: E402
from vigia.cli.labels import labels  # noqa: E402
from vigia.cli.models import evaluate, models, train  # noqa: E402
from vigia.cli.privacy import forget  # noqa: E402
from vigia.cli.respond import campaign, respond  # noqa: E402
from vigia.cli.retention import retention  # noqa: E402
from vigia.cli.simulate_reviews import simulate_reviews  # noqa: E402
from vigia.cli.users import users  # noqa: E402

for command in (collect, monitor, models, train, evaluate, respond, campaign, forget, retention, es, users,
                explain, examples, labels, estimate, api):
    cli.add_command(command)
models.add_command(quantification)
models.add_command(simulate_reviews)


def main() -> None:
    cli(prog_name="vigia")

