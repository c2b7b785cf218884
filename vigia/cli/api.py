"""`vigia api`: serve the HTTP API; `vigia api key USER`: make or revoke a console user's API keys."""

from __future__ import annotations

from urllib.parse import urlsplit

import click

from vigia.api import keys
from vigia.cli.context import with_settings
from vigia.privacy import audit
from vigia.settings import Settings


@click.group(invoke_without_command=True)
@click.option("--host", help="Address to bind (default: api_host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: api_port, 8600).")
@with_settings
def api(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the HTTP API (analysis, posts, counts, Perspective's comments:analyze), docs at /docs.

    Every call needs a key made by `vigia api key USER`.
    """
    context = click.get_current_context()
    if context.invoked_subcommand is not None:
        context.obj["settings"] = settings
        return
    import uvicorn

    from vigia.api.analysis import Analyzer
    from vigia.api.app import create_app

    analyzer = Analyzer(settings)
    for warning in analyzer.warnings:
        click.echo(f"warning: {warning}", err=True)
    app = create_app(settings, analyzer)
    host, port = host or settings.api_host, port or settings.api_port
    shown = "localhost" if host == "127.0.0.1" else host
    click.echo(f"Vigía API ({analyzer.model_version}) on http://{shown}:{port}/ — docs at /docs, Perspective "
               f"discovery at /$discovery/rest?version=v1alpha1 (Ctrl+C stops)", err=True)
    # behind a proxy that serves the API under a path (https://host/api/), the docs page must know that path
    root_path = urlsplit(settings.api_public_url).path.rstrip("/") if settings.api_public_url else ""
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=True, root_path=root_path)


@api.command("key")
@click.argument("user")
@click.option("--revoke", is_flag=True, help="Revoke every key of USER instead of making one.")
@click.pass_context
def key(context: click.Context, user: str, revoke: bool) -> None:
    """Print a new API key for the console user USER (shown once; only its hash is kept)."""
    settings: Settings = context.obj["settings"]
    if revoke:
        count = keys.revoke(settings, user)
        audit.record(settings.data_dir, "api.revoke", {"user": user, "keys": count})
        click.echo(f"{count} key(s) of {user} revoked", err=True)
        return
    new = keys.issue(settings, user)
    audit.record(settings.data_dir, "api.key", {"user": user, "key_id": new.split("_")[1]})
    click.echo(f"new API key for {user} ({keys.user_role(settings, user)}); it is shown only now:", err=True)
    click.echo(new)
