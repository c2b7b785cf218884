"""What only the Elasticsearch backend has: alias and reindex, mapping, refused writes, deep pages, errors."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from conftest import incoming
from stores import ElasticNode
from vigia.errors import StoreError
from vigia.ingest.pipeline import Pipeline
from vigia.model import Post, Provenance
from vigia.store import SearchQuery, open_store
from vigia.store.elastic import ElasticStore, mapping_version


@pytest.fixture
def es() -> ElasticStore:
    store = ElasticStore.from_url(f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}")
    yield store
    store.client.indices.delete(index=f"{store.alias}-v*")
    store.close()


def tiny(i: int) -> Post:
    t = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=i)
    return Post(id=f"x:{i:06d}", platform="x", text=f"post {i}", created_at=t, collected_at=t,
                provenance=Provenance(collector="t", run_id="r", raw_hash=str(i)))


def test_posts_live_behind_an_alias_with_a_strict_mapping(es: ElasticStore):
    index = es.current_index()
    assert index == f"{es.alias}-v{mapping_version()}"
    mapping = es.client.indices.get_mapping(index=index)[index]["mappings"]
    assert mapping["dynamic"] == "false"
    assert mapping["properties"]["labels"]["type"] == "nested"
    assert {"text_es", "text_pt", "text_en", "text_fr", "text_other", "text_folded"} <= set(mapping["properties"])
    analyzers = mapping["_meta"]["language_analyzers"]
    assert mapping["properties"]["text_es"]["analyzer"] == analyzers["spanish"]


def test_reindex_swaps_the_alias_without_losing_posts(es: ElasticStore):
    es.upsert([tiny(i) for i in range(50)])
    old = es.current_index()
    new = es.reindex(mapping_version() + 1).index
    assert es.current_index() == new != old
    assert es.count() == 50 and es.get("x:000007") == tiny(7)
    assert es.search(SearchQuery(text="post 7")).total == 1


def test_refused_writes_are_quarantined_not_dropped(es: ElasticStore, settings, enricher):
    es.client.indices.put_settings(index=es.current_index(), settings={"index.blocks.write": True})
    try:
        records = [(f"r{i}", incoming(native_id=str(i))) for i in range(3)]
        summary = Pipeline(settings, es, enricher, collector="test").process(records)
    finally:
        es.client.indices.put_settings(index=es.current_index(), settings={"index.blocks.write": False})
    assert (summary.seen, summary.new, summary.quarantined) == (3, 0, 3)
    lines = summary.quarantine_path.read_text().splitlines()
    assert len(lines) == 3 and all("store refused" in line and "block" in line for line in lines)
    assert es.count() == 0


def test_deep_pages_have_no_10000_hit_cap(es: ElasticStore):
    es.refresh = False
    es.upsert([tiny(i) for i in range(10_030)])
    es.client.indices.refresh(index=es.alias)
    page = es.search(SearchQuery(descending=False, offset=10_010, limit=15))
    assert page.total == 10_030
    assert [p.id for p in page.posts] == [f"x:{i:06d}" for i in range(10_010, 10_025)]
    assert sum(1 for _ in es.iter_posts(batch_size=4000)) == 10_030


def test_unreachable_node_is_one_clear_error():
    with pytest.raises(StoreError, match="not usable"):
        open_store("http://127.0.0.1:9/")
    with pytest.raises(StoreError, match="not a valid corpus"):
        open_store("http://127.0.0.1:9/Bad Name")


def test_cli_search_against_elasticsearch(isolated, tmp_path):
    url = f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"
    data = tmp_path / "one.jsonl"
    data.write_text('{"platform": "x", "native_id": "1", "text": "Los haitianos en Santiago", '
                    '"created_at": "2026-01-01T00:00:00Z", "country": "CL"}\n')
    run = [sys.executable, "-m", "vigia"]
    out = subprocess.run([*run, "import", str(data), "--store", url], capture_output=True, text=True)
    assert "1 new" in out.stdout, out.stderr
    out = subprocess.run([*run, "search", "haitianos", "--country", "CL", "--store", url], capture_output=True,
                         text=True)
    assert "x:1" in out.stdout and "1 matching posts" in out.stdout


def test_two_stores_starting_at_once_on_an_empty_cluster_both_open(es: ElasticStore):
    """The monitor and a classification pass open the same new corpus together: both must come up."""
    from concurrent.futures import ThreadPoolExecutor

    corpus = f"race{uuid.uuid4().hex[:8]}"
    url = f"{ElasticNode.get()}/{corpus}"

    def open_one(_):
        with open_store(url) as store:
            return store.count()

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_one, range(4))) == [0, 0, 0, 0]
    es.client.indices.delete(index=f"{corpus}-*")
    es._create_index(es.checkpoints)  # an index another process created meanwhile is no error
    with pytest.raises(Exception, match="invalid_index_name"):
        es._create_index("Not_A_Valid_Name")
