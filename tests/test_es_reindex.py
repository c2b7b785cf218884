"""`vigia reindex` on a real node: the corpus moves into a new index while posts are written, edited and deleted."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from stores import ElasticNode

from vigia.cli.main import cli
from vigia.errors import StoreError
from vigia.model import Post, Provenance
from vigia.store import SearchQuery
from vigia.store.elastic import ElasticStore
from vigia.store.elastic_reindex import LOCK_ID, alias_indices

POSTS = 3000


def tiny(i: int, text: str | None = None, prefix: str = "x") -> Post:
    t = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=i)
    return Post(id=f"{prefix}:{i:06d}", platform="x", text=text or f"post {prefix}{i}", created_at=t,
                collected_at=t, provenance=Provenance(collector="t", run_id="r", raw_hash=f"{prefix}{i}{text}"))


@pytest.fixture
def corpus():
    url = f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"
    store = ElasticStore.from_url(url + "?refresh=false")
    store.upsert([tiny(i) for i in range(POSTS)])
    store.client.indices.refresh(index=store.alias)
    yield url, store
    store.client.indices.delete(index=f"{store.alias}-v*")
    store.close()


class Writer(threading.Thread):
    """Another process's store: new posts, edits and deletes, one at a time, until told to stop; it notes which
    happened while the alias spanned the old and the new index."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.store = ElasticStore.from_url(url)
        self.stop, self.error = threading.Event(), None
        self.new: list[Post] = []
        self.edited: dict[str, Post] = {}
        self.deleted: set[str] = set()
        self.during: dict[str, int] = {"new": 0, "edit": 0, "delete": 0}

    def run(self) -> None:
        try:
            step = 0
            while not self.stop.is_set():
                kind = ("new", "edit", "delete")[step % 3]
                target = (step * 7919) % POSTS  # spread over the old index, moved or not yet
                before = len(alias_indices(self.store.client, self.store.alias)) > 1
                done = True
                if kind == "new":
                    post = tiny(step, prefix="n")
                    self.store.upsert([post])
                    self.new.append(post)
                elif kind == "edit" and f"x:{target:06d}" not in self.deleted:
                    post = tiny(target, text=f"edited {target}")
                    self.store.upsert([post])
                    self.edited[post.id] = post
                elif kind == "delete" and f"x:{target:06d}" not in self.edited:
                    self.deleted.update(self.store.delete(ids=[f"x:{target:06d}"]))
                else:
                    done = False
                if done and before and len(alias_indices(self.store.client, self.store.alias)) > 1:
                    self.during[kind] += 1
                step += 1
        except Exception as exc:  # noqa: BLE001 - handed to the test
            self.error = exc


def test_reindex_moves_the_corpus_while_it_is_written_and_deleted(corpus, monkeypatch):
    url, store = corpus
    old = store.current_index()
    writer = Writer(url)
    writer.start()
    monkeypatch.setenv("VIGIA_ELASTIC_SHARDS", "2")
    result = CliRunner().invoke(cli, ["reindex", "--store", url], catch_exceptions=False)
    writer.stop.set()
    writer.join(60)
    assert writer.error is None and result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"reindexed {store.alias} into ") and "(2 shards, 0 replicas)" in line
    assert f"replaced {old}" in line
    assert all(writer.during.values()), writer.during  # each kind of write happened during the move

    indices = alias_indices(store.client, store.alias)
    assert len(indices) == 1 and old not in indices and not store.client.indices.exists(index=old)
    new = next(iter(indices))
    settings = store.client.indices.get_settings(index=new)[new]["settings"]["index"]
    assert settings["number_of_shards"] == "2"

    store.client.indices.refresh(index=store.alias)
    assert store.count() == POSTS + len(writer.new) - len(writer.deleted)
    assert {p.id for p in store.iter_posts()} == (
        {f"x:{i:06d}" for i in range(POSTS)} - writer.deleted) | {p.id for p in writer.new}
    for post in [*writer.new, *writer.edited.values()]:
        assert store.get(post.id).text == post.text
    for pid in writer.deleted:
        assert store.get(pid) is None
        assert store.search(SearchQuery(text=f"post x{int(pid[2:])}")).total == 0
    assert store.get_checkpoint(LOCK_ID) is None  # the lock is released


def test_a_reindex_that_stopped_is_finished_by_running_it_again(corpus):
    url, store = corpus
    # a run that died after opening the window and moving part of the corpus: its lock and both indices are left
    store.client.index(index=store.checkpoints, id=LOCK_ID, document={"state": {"host": "h", "since": "then"}},
                       refresh=True)
    old = store.current_index()
    store.client.indices.create(index=f"{old}-r2")
    store.client.indices.update_aliases(actions=[
        {"add": {"index": old, "alias": store.alias, "is_write_index": False}},
        {"add": {"index": f"{old}-r2", "alias": store.alias, "is_write_index": True}}])
    store.upsert([tiny(5, text="written in the window")])
    store.client.indices.refresh(index=store.alias)
    assert store.get("x:000005").text == "written in the window"  # read through the alias spanning both
    assert store.count() == POSTS + 1  # the old copy too, until it is moved

    refused = CliRunner().invoke(cli, ["reindex", "--store", url])
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines()[-1].startswith(f"Error: a reindex of {store.alias} is running (on h")
    assert "--force" in refused.output and "Traceback" not in refused.output

    result = CliRunner().invoke(cli, ["reindex", "--store", url, "--force"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"into {old}-r2" in result.output and f"{POSTS - 1} posts moved" in result.output
    assert "1 written meanwhile kept" in result.output
    assert alias_indices(store.client, store.alias) == {f"{old}-r2": True}
    assert store.count() == POSTS and store.get("x:000005").text == "written in the window"


def test_index_settings_come_from_the_store_url(corpus):
    url, _ = corpus
    other = ElasticStore.from_url(f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}?shards=3&refresh_interval=5s")
    try:
        index = other.current_index()
        settings = other.client.indices.get_settings(index=index)[index]["settings"]["index"]
        assert (settings["number_of_shards"], settings["refresh_interval"]) == ("3", "5s")
    finally:
        other.client.indices.delete(index=f"{other.alias}-v*")
        other.close()
    with pytest.raises(StoreError, match="'shards=0' in the store URL: shards must be a whole number >= 1"):
        ElasticStore.from_url(f"{url}?shards=0")


def test_reindex_is_for_elasticsearch_stores(tmp_path):
    result = CliRunner().invoke(cli, ["reindex", "--store", f"sqlite://{tmp_path / 'v.db'}"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "moves an Elasticsearch corpus" in result.output
