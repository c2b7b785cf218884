"""`vigia es start|stop|status`: a local Elasticsearch node for development, alone or one of a loopback cluster
(deploy/elasticsearch/node.sh)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import click

from vigia.errors import StoreError
from vigia.store import elastic_admin

NODE = Path(__file__).resolve().parent.parent.parent / "deploy" / "elasticsearch" / "node.sh"

state_option = click.option("--state", type=click.Path(file_okay=False, path_type=Path),
                            help="The folder holding the node (default: ~/.cache/vigia/es-node); one per node.")


@click.group()
def es() -> None:
    """Run a local Elasticsearch node: `--store $(vigia es start | tail -1)` works."""


def _node(action: str, state: Path | None = None, **env: str) -> str:
    """Run node.sh ACTION with the node's VIGIA_ES_* variables; echo its messages; return its last output line."""
    if state:
        env["VIGIA_ES_STATE"] = str(state.resolve())
    # `env NAME=VALUE … node.sh`: the node's variables on top of the inherited environment
    result = subprocess.run(["env", *(f"{k}={v}" for k, v in env.items()), str(NODE), action],
                            capture_output=True, text=True)
    for line in result.stderr.splitlines():
        click.echo(line, err=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"node.sh {action} failed"])[-1]
        raise StoreError(last.removeprefix("elasticsearch: "))
    return (result.stdout.strip().splitlines() or [""])[-1]


@es.command()
@click.option("--cluster", metavar="NAME", help="Start a node of this cluster (default: a single node).")
@click.option("--node-name", metavar="NAME", help="This node's name in the cluster (default: NAME-1).")
@click.option("--join", "seeds", multiple=True, metavar="HOST:PORT",
              help="Transport address of a node of the cluster to join (repeatable; `vigia es start --cluster` "
                   "prints it). Without it the node forms the cluster.")
@click.option("--heap", metavar="SIZE", help="The node's heap, e.g. 256m (default 512m to 1g).")
@state_option
def start(cluster: str | None, node_name: str | None, seeds: tuple[str, ...], heap: str | None,
          state: Path | None) -> None:
    """Fetch (once), start and wait for a local node; print its URL last."""
    if (node_name or seeds) and not cluster:
        raise click.UsageError("--node-name and --join need --cluster NAME")
    env = {"VIGIA_ES_CLUSTER": cluster, "VIGIA_ES_NODE_NAME": node_name, "VIGIA_ES_SEED_HOSTS": ",".join(seeds),
           "VIGIA_ES_HEAP": heap}
    click.echo(_node("start", state, **{name: value for name, value in env.items() if value}))


@es.command()
@state_option
def stop(state: Path | None) -> None:
    """Stop the local node."""
    _node("stop", state)


@es.command()
@state_option
def status(state: Path | None) -> None:
    """The cluster's health and nodes (the master marked *), then the running node's URL; fail if it is not
    running."""
    url = _node("status", state)
    try:
        name, health, nodes = elastic_admin.cluster_status(url)
    except StoreError as exc:
        click.echo(str(exc), err=True)
    else:
        click.echo(f"cluster {name}: {health}, {len(nodes)} node{'s' if len(nodes) != 1 else ''}")
        for node, address, master in nodes:
            click.echo(f"{'*' if master else ' '} {node} http://{address}")
    click.echo(url)
