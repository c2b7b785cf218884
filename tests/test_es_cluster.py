"""A two-node Elasticsearch cluster on loopback: the store on either node, and a node lost without losing a post."""

from __future__ import annotations

import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from stores import ElasticCluster

from vigia.cli.main import cli
from vigia.model import Post, Provenance
from vigia.store.elastic import ElasticStore


def tiny(i: int, node: str) -> Post:
    t = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=i)
    return Post(id=f"{node}:{i:04d}", platform="x", text=f"post {i} through {node}", created_at=t, collected_at=t,
                provenance=Provenance(collector="t", run_id="r", raw_hash=f"{node}{i}"))


def test_a_corpus_with_a_replica_survives_losing_a_node():
    urls = ElasticCluster.get()
    status = CliRunner().invoke(cli, ["es", "status", "--state", ElasticCluster.state("n2")],
                                catch_exceptions=False)
    assert status.exit_code == 0, status.output
    lines = status.output.strip().splitlines()
    assert lines[0].startswith(f"cluster {ElasticCluster.name}: ") and lines[0].endswith(", 2 nodes")
    assert {line[2:].split()[0] for line in lines[1:3]} == {"n1", "n2"} and lines[-1] == urls["n2"]

    root = ElasticCluster.root
    corpus = f"c{uuid.uuid4().hex[:12]}"
    stores = {name: ElasticStore.from_url(f"{url}/{corpus}?shards=2&replicas=1") for name, url in urls.items()}
    try:
        index = stores["n1"].current_index()
        settings = stores["n1"].client.indices.get_settings(index=index)[index]["settings"]["index"]
        assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("2", "1")
        ElasticCluster.wait(nodes=2, status="green")  # every shard has its replica on the other node

        posts = [tiny(i, name) for name in ("n1", "n2") for i in range(50)]
        for name, store in stores.items():  # written through either node, read through the other
            assert store.upsert([p for p in posts if p.id.startswith(name)]).new == 50
        for name, store in stores.items():
            assert store.count() == 100 and store.get("n1:0007") == posts[7] and store.get("n2:0042") == posts[92]

        master = stores["n1"].client.cat.master(format="json")[0]["node"]
        lost = next(name for name in ElasticCluster.NAMES if name != master)  # two nodes: only the master votes
        survivor = stores[master]
        ElasticCluster.node(lost, "kill")
        health = ElasticCluster.wait(nodes=1, via=master)
        assert health["number_of_nodes"] == 1 and health["unassigned_shards"] > 0  # the lost copies
        assert health["active_primary_shards"] >= 3  # both posts shards (replicas promoted) and checkpoints
        assert survivor.count() == 100
        assert {p.id for p in survivor.iter_posts()} == {p.id for p in posts}
        assert all(survivor.get(p.id) == p for p in posts[::7])
        assert survivor.upsert([tiny(99, master)]).new == 1  # and it still takes writes
    finally:
        for store in stores.values():
            store.close()
        ElasticCluster.stop()  # one node is lost: the next test that asks gets a new cluster
    assert ElasticCluster.urls == {} and not Path(root).exists()
    with pytest.raises(OSError):  # the survivor is stopped too
        urllib.request.urlopen(urls[master], timeout=10)
