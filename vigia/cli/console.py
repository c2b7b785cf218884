"""`vigia serve`: the console (Streamlit) takes over this process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from vigia.auth import TOKEN_USER, console_secrets_file, new_console_token
from vigia.cli.context import with_settings
from vigia.settings import Settings, child_environment

UI_ENTRY = Path(__file__).resolve().parent.parent.parent / "ui" / "entry" / "app.py"


@click.command()
@click.option("--host", help="Address to bind (default: console_host, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: console_port, 8501).")
@with_settings
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """Start the console."""
    run_console(settings, host or settings.console_host, port or settings.console_port)


def run_console(settings: Settings, host: str, port: int) -> None:
    env = child_environment(VIGIA_STORE_URL=settings.resolved_store_url, VIGIA_DATA_DIR=str(settings.data_dir))
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
