"""`vigia es start|stop|status`: a local Elasticsearch node for development (deploy/elasticsearch/node.sh)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from vigia.errors import StoreError

NODE = Path(__file__).resolve().parent.parent.parent / "deploy" / "elasticsearch" / "node.sh"


@click.group()
def es() -> None:
    """Run a local Elasticsearch node: `--store $(vigia es start | tail -1)` works."""


def _node(action: str) -> None:
    result = subprocess.run([str(NODE), action], capture_output=True, text=True)
    for line in result.stderr.splitlines():
        click.echo(line, err=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"node.sh {action} failed"])[-1]
        raise StoreError(last.removeprefix("elasticsearch: "))
    if result.stdout.strip():
        click.echo(result.stdout.strip().splitlines()[-1])


@es.command()
def start() -> None:
    """Fetch (once), start and wait for a single local node; print its URL last."""
    _node("start")


@es.command()
def stop() -> None:
    """Stop the local node."""
    _node("stop")


@es.command()
def status() -> None:
    """Print the running node's URL, or fail."""
    _node("status")
