"""Posts stored by schema v1 are upgraded when a store opens (SQLite rewrites them, Elasticsearch reindexes)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from stores import ElasticNode
from vigia.model import SCHEMA_VERSION, Media, Post
from vigia.post_migrations import upgrade
from vigia.store.elastic import ElasticStore, mapping_version
from vigia.store.sqlite import SQLiteStore

V1 = {"schema_version": 1, "id": "mastodon:old-1", "platform": "mastodon", "native_id": "old-1",
      "text": "Texto guardado por la versión anterior", "created_at": "2026-01-02T03:04:05Z",
      "collected_at": "2026-01-02T04:00:00Z", "media": ["https://files.example/a.jpg"],
      "links": ["https://noticias.example/x"], "reply_to": "old-0",
      "provenance": {"collector": "mastodon", "run_id": "r0", "raw_hash": "h0"}}


def test_upgrade_turns_media_urls_into_media_and_adds_the_new_fields():
    doc = upgrade(dict(V1))
    assert doc["schema_version"] == SCHEMA_VERSION == 3
    assert doc["created_at_source"] is None
    assert doc["media"] == [{"url": "https://files.example/a.jpg"}]
    assert doc["hashtags"] == doc["mentions"] == [] and doc["repost_of"] is None
    assert Post.model_validate(V1).media == [Media(url="https://files.example/a.jpg")]


def test_a_newer_schema_than_this_vigia_reads_is_a_clear_error():
    with pytest.raises(ValueError, match="schema_version: 4"):
        upgrade({**V1, "schema_version": 4})


def test_sqlite_rewrites_v1_posts_when_it_opens(tmp_path: Path):
    path = tmp_path / "old.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    with conn:  # as a v1 Vigía left it: the row, and no record of the post schema
        doc = {k: v for k, v in V1.items() if k not in ("title", "text")}
        conn.execute("INSERT INTO posts (id, platform, created_at, engagement, title, text, doc)"
                     " VALUES (?, 'mastodon', 1767323045, 0, NULL, ?, ?)", (V1["id"], V1["text"], json.dumps(doc)))
        conn.execute("INSERT INTO posts_fts (rowid, title, text) SELECT rowid, title, text FROM posts")
        conn.execute("DELETE FROM meta WHERE key = 'post_schema_version'")
    conn.close()
    store = SQLiteStore(path)
    try:
        stored = json.loads(store._conn.execute("SELECT doc FROM posts").fetchone()[0])
        assert stored["schema_version"] == 3 and stored["media"] == [{"url": "https://files.example/a.jpg"}]
        post = store.get(V1["id"])
        assert post.media[0].url == "https://files.example/a.jpg" and post.reply_to == "old-0"
        assert post.text == V1["text"] and post.hashtags == []
    finally:
        store.close()


def test_elasticsearch_reindexes_a_v1_index_into_the_current_mapping():
    url = f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"
    corpus = url.rsplit("/", 1)[1]
    client = ElasticStore.from_url(url).client
    alias = f"{corpus}-posts"
    current = next(iter(client.indices.get_alias(name=alias)))
    client.indices.delete(index=current)  # a v1 deployment: its index behind the alias, its documents
    client.indices.create(index=f"{alias}-v1", mappings={"dynamic": False, "properties": {
        "id": {"type": "keyword"}, "created_at": {"type": "date"}, "doc": {"type": "object", "enabled": False}}})
    client.indices.put_alias(index=f"{alias}-v1", name=alias)
    client.index(index=alias, id=V1["id"], document={"id": V1["id"], "created_at": V1["created_at"], "doc": V1},
                 refresh=True)
    store = ElasticStore.from_url(url)
    try:
        assert store.current_index() == f"{alias}-v{mapping_version()}"
        post = store.get(V1["id"])
        assert post.schema_version == 3 and post.media[0].url == "https://files.example/a.jpg"
        raw = store.client.get(index=alias, id=V1["id"])["_source"]
        assert raw["doc"]["schema_version"] == 3 and raw["reply_to"] == "old-0"
    finally:
        store.client.indices.delete(index=f"{alias}-v*")
        store.close()
