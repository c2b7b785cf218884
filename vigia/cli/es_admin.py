"""`vigia es setup-security|snapshot|restore`: the production node's least-privilege user and its snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.errors import ConfigError
from vigia.settings import Settings
from vigia.store import elastic_admin


def _secret(path: Path) -> str:
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read the secret file {path}: {exc.strerror}") from None
    if not value:
        raise ConfigError(f"the secret file {path} is empty")
    return value


@click.command(name="setup-security")
@click.option("--url", required=True, metavar="URL", help="The node, e.g. http://elasticsearch:9200/vigia "
              "(the path names the corpus; default corpus: vigia).")
@click.option("--admin-password-file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File holding the `elastic` superuser's password (a Docker secret).")
@click.option("--user", default="vigia", show_default=True, help="The application user (and its role) to create.")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File holding the application user's password (the same file store_password_file names).")
@click.option("--repository-path", metavar="PATH",
              help="Also register the snapshot repository at this path (listed in the node's path.repo).")
def setup_security(url: str, admin_password_file: Path, user: str, password_file: Path,
                   repository_path: str | None) -> None:
    """Create the role that may use the corpus's indices and aliases only, and the user Vigía logs in as."""
    corpus = elastic_admin.setup_security(url, _secret(admin_password_file), user, _secret(password_file),
                                          repository_path)
    patterns = ", ".join(elastic_admin.corpus_patterns(corpus))
    repo = f"; snapshot repository '{elastic_admin.REPOSITORY}' at {repository_path}" if repository_path else ""
    click.echo(f"user '{user}' with role '{user}' on {patterns}{repo}")


@click.command()
@click.option("--repository-path", metavar="PATH",
              help="Register the snapshot repository at this path first (listed in the node's path.repo).")
@click.option("--keep", type=click.IntRange(1), help="Delete all but the newest KEEP snapshots of the corpus.")
@click.option("--list", "list_only", is_flag=True, help="Only list the corpus's snapshots, oldest first.")
@with_settings
def snapshot(settings: Settings, repository_path: str | None, keep: int | None, list_only: bool) -> None:
    """Snapshot the Elasticsearch store's corpus (posts, aliases, checkpoints) into the repository."""
    if list_only:
        for name in elastic_admin.list_snapshots(settings.resolved_store_url):
            click.echo(name)
        return
    name, shards = elastic_admin.snapshot(settings.resolved_store_url, repository_path, keep)
    click.echo(f"snapshot {name}: {shards} shards in '{elastic_admin.REPOSITORY}'")


@click.command()
@click.argument("name", required=False)
@click.option("--yes", is_flag=True, help="Replace the corpus's current indices without asking.")
@with_settings
def restore(settings: Settings, name: str | None, yes: bool) -> None:
    """Replace the corpus's indices with those of snapshot NAME (default: the newest)."""
    if not yes:
        click.confirm("Replace the corpus's current indices with the snapshot's?", abort=True)
    restored, indices = elastic_admin.restore(settings.resolved_store_url, name)
    click.echo(f"restored {restored}: {', '.join(indices)}")
