"""`vigia users`: console accounts (the accounts themselves live in the settings, as hashes)."""

from __future__ import annotations

import click

from vigia.auth import hash_password


@click.group()
def users() -> None:
    """Console accounts: roles viewer, annotator, admin; see console_users in vigia.example.toml."""


@users.command("hash-password")
@click.password_option("--password", prompt="New password", help="Read from a prompt when not given.")
def hash_password_command(password: str) -> None:
    """Print the hash to put in a console_users entry's password_hash."""
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    click.echo(hash_password(password))
