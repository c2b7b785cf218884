"""`vigia reindex`: move an Elasticsearch corpus into a new index (new mapping, shard count) while it is in use."""

from __future__ import annotations

import click

from vigia.cli.context import with_settings
from vigia.errors import StoreError
from vigia.settings import Settings
from vigia.store import open_store
from vigia.store.elastic import ElasticStore


@click.command()
@click.option("--shards", type=click.IntRange(1), help="Primary shards of the new index (default: elastic_shards).")
@click.option("--replicas", type=click.IntRange(0), help="Replicas of the new index (default: elastic_replicas).")
@click.option("--force", is_flag=True, help="Take over from a reindex that stopped (its lock is left) and finish it.")
@with_settings
def reindex(settings: Settings, shards: int | None, replicas: int | None, force: bool) -> None:
    """Move every post into a new index with the current mapping and index settings. Collectors, workers and the
    console keep working: posts written or deleted meanwhile are kept or stay deleted. Run again to resume."""
    overrides = {name: value for name, value in (("elastic_shards", shards), ("elastic_replicas", replicas))
                 if value is not None}
    url = settings.model_copy(update=overrides).resolved_store_url
    with open_store(url) as store:
        if not isinstance(store, ElasticStore):
            raise StoreError("`vigia reindex` moves an Elasticsearch corpus; this store is not one (store_url)")
        done = store.reindex(force=force)
    rate = done.moved / done.seconds if done.seconds else 0.0
    shards = f"{done.shards} shard{'s' if done.shards != 1 else ''}"
    replicas = f"{done.replicas} replica{'s' if done.replicas != 1 else ''}"
    click.echo(f"reindexed {store.alias} into {done.index} ({shards}, {replicas}): "
               f"{done.moved} posts moved in {done.seconds:.1f} s ({rate:,.0f} posts/s), {done.kept_newer} written "
               f"meanwhile kept, {done.dropped} deleted meanwhile; replaced {', '.join(done.previous) or 'nothing'}")
